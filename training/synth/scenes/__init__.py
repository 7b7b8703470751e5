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


def split_kind(name: str) -> tuple:
    """"shapes:one-kind" -> ("shapes", "one-kind"); "ui" -> ("ui", None)."""
    kind, _, hint = name.partition(":")
    return kind, hint or None


def parse_kind_weights(spec: str | None) -> dict | None:
    """"ui=2,code,shapes:one-kind=0.5" -> {"ui": 2.0, "code": 1.0, "shapes:one-kind": 0.5} (a kind without a weight
    gets 1; "kind:hint" is that kind's variant, one of its module's HINTS); None for an empty spec. Raises
    ValueError for an unknown kind or hint, a negative weight or a mix whose weights are all 0."""
    if not spec or not spec.strip():
        return None
    out = {}
    for part in spec.split(","):
        name, _, weight = part.partition("=")
        name = name.strip()
        kind, hint = split_kind(name)
        if kind not in KINDS:
            raise ValueError(f"unknown scene kind {kind!r}; kinds: {', '.join(sorted(KINDS))}")
        if hint is not None:
            hints = getattr(import_module(f"{__package__}.{KINDS[kind][0]}"), "HINTS", ())
            if hint not in hints:
                raise ValueError(f"unknown variant {hint!r} of scene kind {kind!r}; variants: "
                                 f"{', '.join(hints) or 'none'}")
        out[name] = float(weight) if weight.strip() else 1.0
        if out[name] < 0:
            raise ValueError(f"negative weight for scene kind {name!r}")
    if not any(out.values()):
        raise ValueError(f"every scene kind in {spec!r} has weight 0")
    return out


def generate_scene(rng, kind: str | None = None, weights: dict | None = None, hint: str | None = None):
    """A scene of `kind` (with the module's `hint`), or of a kind drawn from `weights`, whose keys may name variants
    ("shapes:one-kind")."""
    if kind is None:
        weights = weights or DEFAULT_WEIGHTS
        ks = sorted(weights)
        kind, hint = split_kind(rng.choices(ks, weights=[weights[k] for k in ks])[0])
    mod = import_module(f"{__package__}.{KINDS[kind][0]}")
    return mod.generate(rng, hint)
