"""Weight-space interpolation of two checkpoints (interpolate_checkpoints.py)."""
import os
import shutil

import pytest
import torch

from checkpoint_from_pack import main as checkpoint_from_pack
from conftest import REPO
from interpolate_checkpoints import interpolate_state, main as interpolate
from lunette.config import ModelConfig
from lunette.model import LunetteModel

PACK = os.path.join(REPO, "models", "test-tiny")


def _two_runs(tmp_path):
    """The committed tiny pack as a base run, and a copy whose weights moved, as a fine-tune's would."""
    base = tmp_path / "base"
    checkpoint_from_pack(["--pack", PACK, "--out", str(base), "--preset", "tiny", "--next-index", "5"])
    ckpt = torch.load(str(base / "ckpt-final.pt"), map_location="cpu")
    torch.manual_seed(1)
    ckpt["model"] = {k: v + torch.randn_like(v) if v.is_floating_point() else v for k, v in ckpt["model"].items()}
    ckpt["next_index"], ckpt["step"] = 99, 12
    tuned = tmp_path / "tuned"
    tuned.mkdir()
    torch.save(ckpt, str(tuned / "ckpt.pt"))
    shutil.copyfile(base / "tokenizer.json", tuned / "tokenizer.json")
    return base / "ckpt-final.pt", tuned / "ckpt.pt"


def test_the_ends_give_back_each_model_and_the_middle_is_the_mean():
    base = {"w": torch.zeros(3), "n": torch.tensor([1])}
    tuned = {"w": torch.tensor([2.0, 4.0, -2.0]), "n": torch.tensor([1])}
    assert torch.equal(interpolate_state(base, tuned, 0.0)["w"], base["w"])
    assert torch.equal(interpolate_state(base, tuned, 1.0)["w"], tuned["w"])
    assert torch.allclose(interpolate_state(base, tuned, 0.25)["w"], torch.tensor([0.5, 1.0, -0.5]))


def test_weights_that_do_not_match_are_refused():
    with pytest.raises(ValueError, match="different weights"):
        interpolate_state({"a": torch.zeros(2)}, {"b": torch.zeros(2)}, 0.5)
    with pytest.raises(ValueError, match="shape"):
        interpolate_state({"a": torch.zeros(2)}, {"a": torch.zeros(3)}, 0.5)


def test_the_written_checkpoint_loads_and_lies_between_the_two(tmp_path):
    base_path, tuned_path = _two_runs(tmp_path)
    out = tmp_path / "mixed"
    interpolate(["--base", str(base_path), "--tuned", str(tuned_path), "--alpha", "0.5", "--out", str(out)])
    mixed = torch.load(str(out / "ckpt-final.pt"), map_location="cpu")
    base, tuned = torch.load(str(base_path)), torch.load(str(tuned_path))
    model = LunetteModel(ModelConfig.from_dict(mixed["config"]))
    model.load_state_dict(mixed["model"])
    for name, weight in mixed["model"].items():
        assert torch.allclose(weight, (base["model"][name] + tuned["model"][name]) / 2), name
    assert mixed["next_index"] == 99, "training from the mix continues the tuned run's data stream"
    assert (out / "tokenizer.json").read_bytes() == (base_path.parent / "tokenizer.json").read_bytes()


def test_runs_with_different_tokenizers_are_refused(tmp_path):
    base_path, tuned_path = _two_runs(tmp_path)
    (tuned_path.parent / "tokenizer.json").write_text("{}")
    with pytest.raises(SystemExit, match="different tokenizers"):
        interpolate(["--base", str(base_path), "--tuned", str(tuned_path), "--alpha", "0.5", "--out", str(tmp_path / "x")])
    with pytest.raises(SystemExit, match="0..1"):
        interpolate(["--base", str(base_path), "--tuned", str(tuned_path), "--alpha", "1.5", "--out", str(tmp_path / "x")])
    assert not (tmp_path / "x").exists()
