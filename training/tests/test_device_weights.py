"""Weights carried off a lent GPU machine in small files and rebuilt here (lunette/shards.py, device_weights.py)."""
import json
import os

import pytest
import torch

from device_weights import main as device_weights
from lunette.checkpoint import load_checkpoint
from lunette.config import ModelConfig, tiny
from lunette.losses import AuxHead
from lunette.model import LunetteModel
from lunette.shards import INDEX, load_shards, save_shards
from train import save_atomic


def _run_checkpoint(path):
    """A checkpoint as train.py writes it: weights, optimizer state, RNG, arguments."""
    torch.manual_seed(5)
    model = LunetteModel(tiny())
    aux = AuxHead(model.cfg.vision.dim)
    with torch.no_grad():
        for p in list(model.parameters()) + list(aux.parameters()):
            p.normal_()
    opt = torch.optim.AdamW(model.parameters())
    save_atomic({"model": model.state_dict(), "aux": aux.state_dict(), "opt": opt.state_dict(), "step": 12,
                 "next_index": 345, "tasks_seen": 678, "config": model.cfg.to_dict(), "elapsed": 9.5,
                 "args": {"lr": 4e-4, "kinds": "", "name": "gpu", "curriculum": None},
                 "rng": {"torch": torch.get_rng_state()}}, path)
    return model, aux


def test_saved_and_restored_weights_are_exact_and_train_reads_the_result(tmp_path):
    model, aux = _run_checkpoint(str(tmp_path / "ckpt.pt"))
    device_weights(["save", "--checkpoint", str(tmp_path / "ckpt.pt"), "--out", str(tmp_path / "out")])
    tok = tmp_path / "tokenizer.json"
    tok.write_text("{}")
    device_weights(["restore", "--shards", str(tmp_path / "out"), "--tokenizer", str(tok), "--out", str(tmp_path / "run")])

    ck = load_checkpoint(str(tmp_path / "run" / "ckpt-final.pt"))
    assert (ck["step"], ck["next_index"], ck["tasks_seen"]) == (12, 345, 678)
    assert ModelConfig.from_dict(ck["config"]).to_dict() == model.cfg.to_dict()
    for name, want in model.state_dict().items():
        assert torch.equal(ck["model"][name], want), name
    for name, want in aux.state_dict().items():
        assert torch.equal(ck["aux"][name], want), name
    assert "opt" not in ck
    assert (tmp_path / "run" / "tokenizer.json").read_text() == "{}"


def test_float16_halves_the_files_within_half_precision(tmp_path):
    model, _ = _run_checkpoint(str(tmp_path / "ckpt.pt"))
    device_weights(["save", "--checkpoint", str(tmp_path / "ckpt.pt"), "--out", str(tmp_path / "f32")])
    device_weights(["save", "--checkpoint", str(tmp_path / "ckpt.pt"), "--out", str(tmp_path / "f16"), "--float16"])
    size = lambda d: sum(os.path.getsize(tmp_path / d / f) for f in os.listdir(tmp_path / d) if f.endswith(".npz"))  # noqa: E731
    assert size("f16") < 0.55 * size("f32")
    groups, meta = load_shards(str(tmp_path / "f16"))
    assert meta["float16"] is True
    for name, want in model.state_dict().items():
        got = groups["model"][name]
        assert got.dtype == want.dtype
        assert torch.allclose(got, want, rtol=1e-3, atol=1e-4), name


def test_no_shard_exceeds_its_limit_and_every_file_is_named_as_the_device_tool_returns(tmp_path):
    state = {f"w{i}": torch.full((1000,), float(i)) for i in range(10)}  # 4,000 bytes each in float32
    paths = save_shards({"model": state}, str(tmp_path), {"step": 1}, max_bytes=9000)
    shards = [p for p in paths if p.endswith(".npz")]
    assert len(shards) == 5
    assert all(os.path.getsize(p) < 9000 + 1024 for p in shards)  # plus the archive's own headers
    assert paths[-1].endswith(INDEX)
    assert all(all(c.isalnum() or c in "._-" for c in os.path.basename(p)) for p in paths)
    groups, meta = load_shards(str(tmp_path))
    assert meta == {"step": 1}
    assert all(torch.equal(groups["model"][k], v) for k, v in state.items())
    with pytest.raises(ValueError, match="more than a shard"):
        save_shards({"model": {"big": torch.zeros(5000)}}, str(tmp_path / "big"), {}, max_bytes=9000)


def test_a_damaged_or_missing_shard_is_refused(tmp_path):
    _run_checkpoint(str(tmp_path / "ckpt.pt"))
    out = tmp_path / "out"
    device_weights(["save", "--checkpoint", str(tmp_path / "ckpt.pt"), "--out", str(out)])
    shard = out / "weights-0.npz"
    data = bytearray(shard.read_bytes())
    data[len(data) // 2] ^= 0xFF
    shard.write_bytes(bytes(data))
    with pytest.raises(SystemExit, match="weights-0.npz is damaged"):
        device_weights(["restore", "--shards", str(out), "--tokenizer", str(tmp_path / "ckpt.pt"), "--out", str(tmp_path / "run")])
    assert not (tmp_path / "run").exists()
    shard.unlink()
    with pytest.raises(ValueError, match="missing shard"):
        load_shards(str(out))
    (out / INDEX).write_text(json.dumps({"format": 2}))
    with pytest.raises(ValueError, match="unknown format"):
        load_shards(str(out))
