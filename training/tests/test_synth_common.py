"""Shared helpers for the synth tests (pytest puts this folder on sys.path, so the other test files import it)."""
import os
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

KINDS = ["shapes", "ui", "code", "terminal", "chart", "diagram", "objects", "document", "photo"]


def scenes(kind, n, seed=0):
    import random
    from training.synth.scenes import generate_scene
    out = []
    for i in range(n):
        rng = random.Random(f"test:{kind}:{seed}:{i}")
        out.append(generate_scene(rng, kind))
    return out


def test_every_kind_is_registered():
    from training.synth.scenes import KINDS as REGISTERED
    assert sorted(REGISTERED) == sorted(KINDS)
