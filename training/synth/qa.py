"""Stage: facts -> question/answer pairs.

Every pair is built from one fact (or a pair of facts) and records what it needs from the image: the text lines
it reads (`lines`), the objects it looks at (`objs`), and the referring expressions it uses (`refs`). The filter
stage uses those to drop pairs that are ambiguous or not answerable from the pixels and the OCR block.
Answers are short: a colour ("Red"), a number ("3"), "Yes"/"No", a position ("Top left"), or the exact text.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from . import refer as R
from .language import article, cap, join, plural, position_name
from .templates import ATTR, fill
from .scenes.common import relation


@dataclass
class QA:
    question: str
    answer: str
    qtype: str                                      # colour count position relation text chart yesno attr ...
    paraphrases: list = field(default_factory=list)  # other phrasings with the same answer
    terse: list = field(default_factory=list)        # terse phrasings ("colour of red circle?")
    protect: list = field(default_factory=list)      # substrings the phrasing stage must keep intact
    lines: list = field(default_factory=list)        # text line ids the answer depends on
    objs: list = field(default_factory=list)         # object ids that must be visible
    refs: list = field(default_factory=list)         # ref dicts that must each match exactly one object
    refusal: bool = False
    choice: bool = False                             # the question offers the answer as an option
    key: str = ""                                    # canonical short answer for exact-match scoring
    source: str = ""

    def __post_init__(self):
        if not self.key:
            self.key = self.answer.split(",")[0].strip().rstrip(".").lower()


def _the(ref, scene=None):
    return "the " + R.render(ref, scene)


def relation_pairs(scene, max_pairs=12):
    """(a, rel, b, ref_a, ref_b) for uniquely describable countable objects with a clear relation."""
    objs = [o for o in scene.objects if o.countable and o.attrs.get("relatable", True)]
    refs = {o.id: R.refer(scene, o) for o in objs}
    out = []
    for a in objs:
        for b in objs:
            if a.id >= b.id or refs[a.id] is None or refs[b.id] is None:
                continue
            for rel in relation(a, b):
                out.append((a, rel, b, refs[a.id], refs[b.id]))
    return out[:max_pairs]


INVERSE = {"left of": "right of", "right of": "left of", "above": "below", "below": "above"}


# ---- per fact type ------------------------------------------------------------------------------------------------
def _subject(scene, f, rng):
    ph = f.get("phrase")
    if not ph or rng.random() < 0.6:      # the captions already teach the subject; keep this question rarer
        return []
    qs = ["What is shown in the image?", "What is this?", "What does the image show?", "Describe the image briefly."]
    if scene.kind in ("ui", "code", "terminal", "document"):
        qs.append("What is this a screenshot of?")
    return [QA(qs[0], cap(ph), "subject", paraphrases=qs[1:], terse=["what is this", "what's shown?"],
               lines=list(f.get("lines", ())), source="subject")]


def ref_lines(o, *refs):
    """Text lines needed to resolve refs that name an object by its label."""
    return [o.attrs["label_line"] for r in refs if r is not None and "label" in r and "label_line" in o.attrs]


def _object(scene, f, rng):
    o = scene.obj(f["obj"])
    out = []
    w, h = scene.image.size
    full = R.refer(scene, o)
    if o.color:
        r = R.refer(scene, o, avoid=("color",))
        if r is not None:
            q = f"What colour is {_the(r)}?"
            out.append(QA(q, cap(o.color), "colour",
                          paraphrases=[f"What color is {_the(r)}?", f"Which colour is {_the(r)}?",
                                       f"What is the colour of {_the(r)}?"],
                          terse=[f"colour of {R.render(r)}?", f"{R.render(r)} color"],
                          protect=[R.render(r)], objs=[o.id], refs=[r], lines=ref_lines(o, r), source="object"))
            wrong = rng.choice([c for c in ("red", "blue", "green", "yellow", "purple", "orange", "black", "pink")
                                if c != o.color])
            if rng.random() < 0.5:
                out.append(QA(f"Is {_the(r)} {o.color}?", "Yes", "yesno", paraphrases=[f"Is {_the(r)} coloured {o.color}?"],
                              protect=[R.render(r), o.color], objs=[o.id], refs=[r], lines=ref_lines(o, r),
                              source="object"))
            else:
                out.append(QA(f"Is {_the(r)} {wrong}?", f"No, it is {o.color}", "yesno",
                              paraphrases=[f"Is {_the(r)} coloured {wrong}?"], protect=[R.render(r), wrong],
                              objs=[o.id], refs=[r], key="no", lines=ref_lines(o, r), source="object"))
    if full is not None:
        pos = position_name(o.cx / w, o.cy / h)
        if pos:
            out.append(QA(f"Where is {_the(full)}?", cap(pos), "position",
                          paraphrases=[f"Where is {_the(full)} located?", f"In which part of the image is {_the(full)}?"],
                          terse=[f"where {R.render(full)}?", f"{R.render(full)} position"],
                          protect=[R.render(full)], objs=[o.id], refs=[full], lines=ref_lines(o, full),
                          source="object"))
        lab = o.attrs.get("label")
        if lab and "label_line" in o.attrs:
            r = R.refer(scene, o, avoid=("label",))
            if r is not None:
                what = "number" if lab.isdigit() else ("letter" if len(lab) == 1 else "text")
                out.append(QA(f"What {what} is on {_the(r)}?", lab, "text",
                              paraphrases=[f"What is written on {_the(r)}?", f"Which {what} does {_the(r)} show?"],
                              protect=[R.render(r)], objs=[o.id], refs=[r], lines=[o.attrs["label_line"]],
                              source="object"))
    return out


def _count(scene, f, rng):
    n = f["n"]
    noun = f["noun"]
    ph = f"{f['color']} {noun}" if f.get("color") else noun
    pl = plural(ph)
    qs = [f"How many {pl} are there?", f"How many {pl} are in the image?", f"Count the {pl}.",
          f"What is the number of {pl}?"]
    if f.get("total"):
        qs.append("How many shapes are there in total?" if noun == "shape" else f"How many {pl} are there in total?")
    out = [QA(qs[0], str(n), "count", paraphrases=qs[1:], terse=[f"# of {pl}?", f"how many {pl}", f"{pl} count?"],
              protect=[pl], objs=list(f.get("objs", ())), lines=list(f.get("lines", ())), source="count")]
    if n >= 1 and not f.get("total"):
        out.append(QA(f"Is there {article(ph)}?" if n == 1 else f"Are there any {pl}?", "Yes", "yesno",
                      paraphrases=[f"Does the image contain {article(ph) if n == 1 else pl}?"],
                      protect=[ph, pl], objs=list(f.get("objs", ())), lines=list(f.get("lines", ())), source="count"))
    return out


def _count_pairs(scene, facts, rng):
    """'Are there more X than Y?' over pairs of count facts."""
    cs = [f for f in facts if f.type == "count" and not f.get("total")]
    out = []
    rng.shuffle(cs)
    for a, b in zip(cs[::2], cs[1::2]):
        if a["n"] == b["n"]:
            continue
        pa = plural(f"{a['color']} {a['noun']}" if a.get("color") else a["noun"])
        pb = plural(f"{b['color']} {b['noun']}" if b.get("color") else b["noun"])
        if pa == pb:
            continue
        more = pa if a["n"] > b["n"] else pb
        out.append(QA(f"Are there more {pa} than {pb}?", "Yes" if a["n"] > b["n"] else "No", "yesno",
                      protect=[pa, pb], objs=list(a.get("objs", ())) + list(b.get("objs", ())), source="count"))
        out.append(QA(f"Which are there more of, {pa} or {pb}?", cap(more), "count", choice=True, protect=[pa, pb],
                      objs=list(a.get("objs", ())) + list(b.get("objs", ())), source="count"))
    return out


def _group_colours(scene):
    """'What colour are the circles?' where every object of a name shares one colour: a colour question that binds
    to a name alone, the commonest way people ask (the per-object question needs a unique reference)."""
    groups = {}
    for o in scene.objects:
        groups.setdefault(o.name, []).append(o)
    out = []
    for name, objs in sorted(groups.items()):
        colours = {o.color for o in objs}
        if len(objs) < 2 or len(colours) != 1 or None in colours:
            continue
        colour, pl = colours.pop(), plural(name)
        out.append(QA(f"What colour are the {pl}?", cap(colour), "colour",
                      paraphrases=[f"What color are the {pl}?", f"Which colour are the {pl}?",
                                   f"What is the colour of the {pl}?"],
                      terse=[f"colour of {pl}?", f"{pl} color"], protect=[pl], objs=[o.id for o in objs],
                      source="object"))
    return out


def _closed_world(scene, f, rng):
    """Zero counts and 'no' answers for kinds that are certainly absent (the scene registered every instance)."""
    from .scenes.shapes import SHAPES
    out = []
    present = {(o.color, o.name) for o in scene.objects}
    names = {o.name for o in scene.objects}
    for _ in range(2):
        shape = rng.choice(SHAPES)
        colour = rng.choice(["red", "green", "blue", "yellow", "purple", "orange", "pink"])
        if (colour, shape) in present:
            continue
        ph = f"{colour} {shape}"
        if rng.random() < 0.5:
            out.append(QA(f"How many {plural(ph)} are there?", "0", "count", protect=[plural(ph)], source="closed"))
        else:
            out.append(QA(f"Is there {article(ph)}?", "No", "yesno", paraphrases=[f"Can you see {article(ph)}?"], protect=[ph],
                          source="closed"))
    shape = rng.choice(SHAPES)
    if shape not in names:
        out.append(QA(f"Is there {article(shape)}?", "No", "yesno", protect=[shape], source="closed"))
    return out


def _superlative(scene, f, rng):
    o = scene.obj(f["obj"])
    r = R.refer(scene, o)
    if r is None:
        return []
    what, noun = f["what"], f.get("noun", o.name)
    ans = "The " + R.render(r)
    return [QA(f"Which {noun} is the {what}?", ans, "superlative",
               paraphrases=[f"What is the {what} {noun}?", f"Which {noun} is {what}?"], objs=[o.id], refs=[r],
               lines=ref_lines(o, r), source="superlative")]


def _relations(scene, f, rng):
    out = []
    pairs = relation_pairs(scene)
    rng.shuffle(pairs)
    for a, rel, b, ra, rb in pairs[:4]:
        ta, tb = _the(ra), _the(rb)
        inv = INVERSE[rel]
        prot = [R.render(ra), R.render(rb)]
        lns = ref_lines(a, ra) + ref_lines(b, rb)
        if rng.random() < 0.5:
            out.append(QA(f"Is {ta} {rel} {tb}?", "Yes", "relation",
                          paraphrases=[f"Is {ta} {'to the ' + rel if 'of' in rel else rel} {tb}?"],
                          protect=prot, objs=[a.id, b.id], refs=[ra, rb], lines=lns, source="relation"))
        else:
            out.append(QA(f"Is {ta} {inv} {tb}?", "No", "relation", protect=prot, objs=[a.id, b.id], refs=[ra, rb],
                          lines=lns, source="relation"))
        if rel in ("above", "below"):
            out.append(QA(f"Is {ta} above or below {tb}?", cap(rel), "relation", choice=True, protect=prot,
                          objs=[a.id, b.id], refs=[ra, rb], lines=lns, source="relation"))
        else:
            side = rel.split()[0]
            out.append(QA(f"Is {ta} to the left or to the right of {tb}?", cap(side), "relation", choice=True,
                          paraphrases=[f"Is {ta} left or right of {tb}?"], protect=prot, objs=[a.id, b.id],
                          refs=[ra, rb], lines=lns, source="relation"))
        # "what is left of X" when exactly one countable object is
        others = [o for o in scene.objects if o.countable and o.id != b.id and rel in relation(o, b)]
        if len(others) == 1 and others[0].id == a.id:
            where = {"left of": "to the left of", "right of": "to the right of"}.get(rel, rel)
            out.append(QA(f"What is {where} {tb}?", cap(ta), "relation", protect=[R.render(rb)], objs=[a.id, b.id],
                          refs=[ra, rb], lines=lns, source="relation"))
    return out


def _text(scene, f, rng):
    role, text = f["role"], f["text"]
    of = f.get("of")
    lines = list(f.get("lines", ()))
    qs = list(f.get("q", ()))
    if not qs:
        if role == "title":
            qs = ["What is the title?", "What does the title say?"] + ([f"What is the title of the {of}?"] if of else [])
        elif role == "heading":
            qs = ["What does the heading say?", "What is the heading?"]
        else:
            where = f" of the {of}" if of else ""
            qs = [f"What does the {role}{where} say?", f"What is written in the {role}{where}?",
                  f"What text is in the {role}{where}?"]
    return [QA(qs[0], text, "text", paraphrases=qs[1:], terse=list(f.get("terse", ())), lines=lines,
               objs=list(f.get("objs", ())), source="text")]


def _attr(scene, f, rng):
    key = f.get("key")
    lines = list(f.get("lines", ()))
    objs = list(f.get("objs", ()))
    if "q" in f.data:
        qs = list(f["q"])
        a = f["a"]
        return [QA(qs[0], a, f.get("qtype", "attr"), paraphrases=qs[1:], terse=list(f.get("terse", ())),
                   lines=lines, objs=objs, choice=f.get("choice", False), key=f.get("key_answer", ""),
                   protect=list(f.get("protect", ())), source="attr")]
    if key not in ATTR:
        return []
    t = ATTR[key]
    subj = f.get("subj", "image")
    v = str(f["value"])
    qs = [fill(q, v=v, subj=subj) for q in t["q"]]
    out = [QA(qs[0], fill(t["a"], v=v, subj=subj), "attr", paraphrases=qs[1:],
              terse=[fill(q, v=v, subj=subj) for q in t.get("terse", [])], lines=lines, objs=objs,
              choice=t.get("choice", False), source="attr")]
    return out


def _qa_fact(scene, f, rng):
    """A fact that is itself a question (scene-specific): {q: [...], a, lines?, objs?, qtype?}."""
    qs = list(f["q"])
    qtype = "yesno" if f["a"] in ("Yes", "No") else f.get("qtype", "attr")
    return [QA(qs[0], f["a"], qtype, paraphrases=qs[1:], terse=list(f.get("terse", ())),
               lines=list(f.get("lines", ())), objs=list(f.get("objs", ())), refs=list(f.get("refs", ())),
               choice=f.get("choice", False), protect=list(f.get("protect", ())), key=f.get("key_answer", ""),
               source="qa")]


def _chart(scene, f, rng):
    from . import chartqa
    return chartqa.questions(scene, f, rng)


def _graph(scene, f, rng):
    from . import graphqa
    return graphqa.questions(scene, f, rng)


HANDLERS = {
    "subject": _subject, "object": _object, "count": _count, "closed_world": _closed_world,
    "superlative": _superlative, "relations": _relations, "text": _text, "attr": _attr, "qa": _qa_fact,
    "chart": _chart, "graph": _graph,
}


def generate(scene, rng) -> list:
    """All candidate pairs for a scene (before filtering)."""
    out = []
    for f in scene.facts:
        h = HANDLERS.get(f.type)
        if h is not None:
            out.extend(h(scene, f, rng))
    out.extend(_count_pairs(scene, scene.facts, rng))
    out.extend(_group_colours(scene))
    return out
