"""Referring expressions: the shortest description that picks out exactly one object of a scene."""
from __future__ import annotations

from .scene import Obj, Scene


def matches(ref: dict, o: Obj) -> bool:
    """ref: {'name', optional 'color', 'size', 'label'}; name matches the object's name or one of its aliases."""
    if ref["name"] != o.name and ref["name"] not in o.aliases:
        return False
    if "color" in ref and ref["color"] != o.color:
        return False
    if "size" in ref and ref["size"] != o.size:
        return False
    if "label" in ref and ref["label"] != o.attrs.get("label"):
        return False
    return True


def matching(scene: Scene, ref: dict) -> list:
    return [o for o in scene.objects if matches(ref, o)]


def render(ref: dict, scene: Scene | None = None) -> str:
    """'the' is not included. {'name': 'circle', 'color': 'red', 'size': 'small'} -> 'small red circle'."""
    words = []
    if "size" in ref:
        words.append(ref["size"])
    if "color" in ref:
        words.append(ref["color"])
    if "label" in ref and ref.get("label_style") == "prefix":
        words.append(ref["label"])
        words.append(ref["name"])
        return " ".join(words)
    words.append(ref["name"])
    s = " ".join(words)
    if "label" in ref:
        s += f' labeled "{ref["label"]}"'
    return s


def refer(scene: Scene, o: Obj, avoid: tuple = (), allow_label: bool = True):
    """The shortest unique ref dict for o, not using the attribute names in avoid; None when none is unique."""
    cands = [{"name": o.name}]
    if o.color and "color" not in avoid:
        cands.append({"name": o.name, "color": o.color})
    if o.size and "size" not in avoid:
        cands.append({"name": o.name, "size": o.size})
        if o.color and "color" not in avoid:
            cands.append({"name": o.name, "size": o.size, "color": o.color})
    lab = o.attrs.get("label")
    if allow_label and lab and "label" not in avoid:
        r = {"name": o.name, "label": lab}
        if o.attrs.get("label_style"):
            r["label_style"] = o.attrs["label_style"]
        cands.append(r)
    for r in cands:
        if len(matching(scene, r)) == 1:
            return r
    return None
