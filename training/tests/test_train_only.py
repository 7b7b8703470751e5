"""train.py --train-only: a segment that trains the region decoders alone changes nothing else, so the text
tasks of its result are exactly those of its init; it resumes with the same frozen set."""
import torch

import train
from lunette.config import tiny
from lunette.losses import AuxHead
from lunette.model import LunetteModel
from test_train_forward import _tiny_init


def test_only_the_named_parameters_are_trained(tmp_path):
    init, init_path = _tiny_init(tmp_path / "init", step=3, next_index=40)
    common = ["--name", "r", "--runs", str(tmp_path / "runs"), "--preset", "tiny", "--images-per-batch", "2",
              "--planned-images", "8", "--val-images", "2", "--threads", "1", "--workers", "0", "--warmup", "1", "--lr", "1e-2",
              "--queries-per-image", "0", "--captions-per-image", "0", "--regions-per-image", "3", "--pool", "1"]
    train.main(common + ["--init-from", str(init_path), "--until-images", "44",
                         "--train-only", "region.coord_decoder,region.size_decoder"])
    first = torch.load(tmp_path / "runs" / "r" / "ckpt.pt")
    train.main(common + ["--resume", "--until-images", "90"])
    final = torch.load(tmp_path / "runs" / "r" / "ckpt.pt")
    assert final["step"] > first["step"] >= 1 and final["args"]["train_only"] == "region.coord_decoder,region.size_decoder"
    changed = {k for k, v in final["model"].items() if not torch.equal(v, init["model"][k])}
    assert changed and all(k.startswith(("region.coord_decoder.", "region.size_decoder.")) for k in changed)
    assert any(k.startswith("region.size_decoder.") for k in changed)
    assert all(torch.equal(v, init["aux"][k]) for k, v in final["aux"].items())


def test_a_prefix_that_names_nothing_is_refused(tmp_path):
    import pytest
    cfg = tiny()
    model, aux = LunetteModel(cfg), AuxHead(cfg.vision.dim)
    with pytest.raises(SystemExit, match="region.coord_decodr"):
        train.freeze_all_but(model, aux, ["region.coord_decodr"])


def test_the_aux_head_trains_only_when_named():
    cfg = tiny()
    model, aux = LunetteModel(cfg), AuxHead(cfg.vision.dim)
    train.freeze_all_but(model, aux, ["vision.", train.AUX_HEAD])
    trained = {n for n, p in model.named_parameters() if p.requires_grad}
    assert trained and all(n.startswith("vision.") for n in trained)
    assert all(p.requires_grad for p in aux.parameters())
    train.freeze_all_but(model, aux, ["vision."])
    assert not any(p.requires_grad for p in aux.parameters())
