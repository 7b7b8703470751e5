"""Scene generators. Each module has generate(rng, hint=None) -> Scene."""
from __future__ import annotations

from importlib import import_module

# kind -> (module, default weight)
KINDS = {
    "shapes": ("shapes", 1.0),
    "ui": ("ui", 1.0),
    "code": ("code", 1.0),
    "terminal": ("terminal", 1.0),
    "chart": ("charts", 1.0),
    "diagram": ("diagrams", 1.0),
    "objects": ("objects", 1.0),
    "document": ("documents", 1.0),
    "photo": ("photo", 1.0),
}

DEFAULT_WEIGHTS = {k: w for k, (_, w) in KINDS.items()}


def generate_scene(rng, kind: str | None = None, weights: dict | None = None, hint: str | None = None):
    if kind is None:
        weights = weights or DEFAULT_WEIGHTS
        ks = sorted(weights)
        kind = rng.choices(ks, weights=[weights[k] for k in ks])[0]
    mod = import_module(f"{__package__}.{KINDS[kind][0]}")
    return mod.generate(rng, hint)
