"""train_vision.py: the vision-only phase trains the tower and the aux head alone, resumes, and hands train.py a
checkpoint that differs from its init only there."""
import json
import os

import torch

import train_vision
from test_train_forward import _tiny_init


def test_vision_phase_trains_the_tower_only_and_resumes(tmp_path):
    init, init_path = _tiny_init(tmp_path, step=7, next_index=123)
    common = ["--name", "v", "--runs", str(tmp_path / "runs"), "--images", "12", "--val-images", "6", "--steps", "4",
              "--batch", "4", "--workers", "1", "--threads", "1", "--eval-every", "2", "--warmup", "1"]
    train_vision.main(common + ["--init", str(init_path), "--minutes", "0"])       # renders the caches, no step
    run = tmp_path / "runs" / "v"
    assert torch.load(run / "ckpt.pt")["step"] == 0 and not (run / "ckpt-final.pt").exists()
    train_vision.main(common + ["--resume"])
    final = torch.load(run / "ckpt-final.pt")
    assert final["step"] == 7 and final["next_index"] == 123 and final["config"] == init["config"]
    changed = {k for k, v in final["model"].items() if not torch.equal(v, init["model"][k])}
    assert changed and all(k.startswith("vision.") for k in changed)
    assert any(not torch.equal(v, init["aux"][k]) for k, v in final["aux"].items())
    assert (run / "tokenizer.json").exists()
    log = [json.loads(line) for line in open(run / "log.jsonl")]
    evals = [r for r in log if "shape_name_acc" in r]
    assert [r["step"] for r in evals] == [0, 2, 4]
    assert all(0 <= r["encoder_shape_accuracy"] <= 1 for r in evals)
