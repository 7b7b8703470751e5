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


def parse_kind_weights(spec: str | None) -> dict | None:
    """"ui=2,code" -> {"ui": 2.0, "code": 1.0} (a kind without a weight gets 1); None for an empty spec. Raises
    ValueError for an unknown kind, a negative weight or a mix whose weights are all 0."""
    if not spec or not spec.strip():
        return None
    out = {}
    for part in spec.split(","):
        name, _, weight = part.partition("=")
        name = name.strip()
        if name not in KINDS:
            raise ValueError(f"unknown scene kind {name!r}; kinds: {', '.join(sorted(KINDS))}")
        out[name] = float(weight) if weight.strip() else 1.0
        if out[name] < 0:
            raise ValueError(f"negative weight for scene kind {name!r}")
    if not any(out.values()):
        raise ValueError(f"every scene kind in {spec!r} has weight 0")
    return out


def generate_scene(rng, kind: str | None = None, weights: dict | None = None, hint: str | None = None):
    if kind is None:
        weights = weights or DEFAULT_WEIGHTS
        ks = sorted(weights)
        kind = rng.choices(ks, weights=[weights[k] for k in ks])[0]
    mod = import_module(f"{__package__}.{KINDS[kind][0]}")
    return mod.generate(rng, hint)
