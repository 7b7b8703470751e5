"""lunette/checkpoint.py: checkpoints hold RNG states and arguments, so they are read with full unpickling, which
torch >= 2.6 (a lent GPU machine's) does only when asked."""
import random

import numpy as np
import torch

from lunette import checkpoint


def test_a_training_checkpoint_comes_back_whole_and_unpickling_is_asked_for(tmp_path, monkeypatch):
    path = str(tmp_path / "ckpt.pt")
    state = {"model": {"w": torch.arange(3.0)}, "args": {"kinds": "ui=1"}, "pending": [[{"index": 4}]],
             "rng": {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}}
    torch.save(state, path)
    calls = []
    real = torch.load

    def spy(*args, **kwargs):
        calls.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(torch, "load", spy)
    back = checkpoint.load_checkpoint(path)
    assert calls == [{"map_location": "cpu", "weights_only": False}]
    assert torch.equal(back["model"]["w"], state["model"]["w"]) and back["pending"] == state["pending"]
    assert back["rng"]["python"] == state["rng"]["python"] and np.array_equal(back["rng"]["numpy"][1], state["rng"]["numpy"][1])
