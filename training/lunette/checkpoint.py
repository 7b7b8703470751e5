"""Reading the training checkpoints (train.py, train_vision.py, checkpoint_from_pack.py write them)."""
from __future__ import annotations

import torch


def load_checkpoint(path: str) -> dict:
    """A checkpoint on the CPU. It holds more than tensors (arguments, RNG states, the data stream's pending
    batches), which torch >= 2.6 refuses to unpickle unless asked (its `weights_only` default), as on a lent GPU
    machine; our own files are trusted."""
    return torch.load(path, map_location="cpu", weights_only=False)
