"""Diagram facts (nodes, edges) -> questions and caption sentences (used for 'graph' facts)."""
from __future__ import annotations

from .language import article, cap, join, number
from .qa import QA

SHAPE_NAMES = {"box": "a rectangle", "oval": "an oval", "diamond": "a diamond", "cylinder": "a cylinder"}


def _succ(g, label):
    return [b for a, b, _ in g["edges"] if a == label]


def _pred(g, label):
    return [a for a, b, _ in g["edges"] if b == label]


def _line(g, label):
    for n in g["nodes"]:
        if n["label"] == label:
            return n["line"]
    return -1


def questions(scene, f, rng):
    g = f.data
    out = []
    kind = g["kind"]
    nodes = g["nodes"]
    noun = "boxes" if kind != "flowchart" else "shapes"
    out.append(QA(f"How many {noun} are in the diagram?", str(len(nodes)), "count",
                  paraphrases=[f"How many {noun} are there?", "How many nodes does the diagram have?"],
                  objs=[n["obj"] for n in nodes], source="graph"))
    out.append(QA("What kind of diagram is this?", cap(article(kind)), "attr",
                  paraphrases=["What type of diagram is shown?"], source="graph"))
    labels = [n["label"] for n in nodes]
    for lab in rng.sample(labels, min(4, len(labels))):
        s = _succ(g, lab)
        p = _pred(g, lab)
        if len(s) == 1 and kind != "org chart":
            verb = "What happens after" if kind == "flowchart" else "What does"
            q = f'{verb} "{lab}"?' if kind == "flowchart" else f"What does {lab} connect to?"
            if kind in ("class hierarchy", "folder tree", "component tree"):
                q = f"What is under {lab}?"
            out.append(QA(q, s[0], "relation", paraphrases=[f'What comes after "{lab}"?'] if kind == "flowchart" else [],
                          lines=[_line(g, lab), _line(g, s[0])], source="graph"))
        elif len(s) > 1 and kind not in ("flowchart",):
            q = {"org chart": f"Who reports to {lab}?", "class hierarchy": f"Which classes inherit from {lab}?",
                 "folder tree": f"What is inside {lab}?", "component tree": f"What are the children of {lab}?"}.get(
                kind, f"What does {lab} connect to?")
            out.append(QA(q, join(s), "relation", paraphrases=[f"What are the children of {lab}?"]
                          if kind != "architecture diagram" else [],
                          lines=[_line(g, lab)] + [_line(g, x) for x in s], source="graph"))
            out.append(QA(f"How many {'children' if kind != 'architecture diagram' else 'outgoing arrows'} does {lab} have?",
                          str(len(s)), "count", lines=[_line(g, lab)], source="graph"))
        if len(p) == 1 and kind in ("org chart",):
            out.append(QA(f"Who does {lab} report to?", p[0], "relation", lines=[_line(g, lab), _line(g, p[0])],
                          source="graph"))
        if len(p) == 1 and kind in ("class hierarchy",):
            out.append(QA(f"What is the parent class of {lab}?", p[0], "relation",
                          paraphrases=[f"What does {lab} inherit from?"], lines=[_line(g, lab), _line(g, p[0])],
                          source="graph"))
        if len(p) == 1 and kind == "architecture diagram":
            out.append(QA(f"What connects to {lab}?", p[0], "relation", lines=[_line(g, lab), _line(g, p[0])],
                          source="graph"))
    if kind == "flowchart":
        proc = [n for n in nodes if n["shape"] != "oval"]
        out.append(QA("What is the first step?", proc[0]["label"], "text",
                      paraphrases=["What step does the flowchart start with?"], lines=[proc[0]["line"]], source="graph"))
        if g.get("decision"):
            dl = _line(g, g["decision"])
            out.append(QA("What question does the decision ask?", g["decision"], "text",
                          paraphrases=["What is written in the diamond?", "What is the decision?"], lines=[dl],
                          source="graph"))
            out.append(QA(f'What happens if the answer to "{g["decision"]}" is yes?', g["yes"], "relation",
                          paraphrases=["What happens on the Yes branch?"], lines=[dl, _line(g, g["yes"])],
                          source="graph"))
            out.append(QA(f'What happens if the answer to "{g["decision"]}" is no?', g["no"], "relation",
                          paraphrases=["What happens on the No branch?"], lines=[dl, _line(g, g["no"])],
                          source="graph"))
            out.append(QA(f'What shape is "{g["decision"]}" drawn in?', "A diamond", "attr",
                          lines=[dl], source="graph"))
            if g.get("colours") and g["colours"].get("diamond"):
                out.append(QA("What colour is the diamond?", cap(g["colours"]["diamond"]), "colour",
                              paraphrases=["What color is the decision shape?"], source="graph"))
        ovals = [n for n in nodes if n["shape"] == "oval"]
        if ovals:
            out.append(QA("What shape are the Start and End nodes?" if len(ovals) == 2 else
                          f'What shape is the "{ovals[0]["label"]}" node?', "Ovals" if len(ovals) == 2 else "An oval",
                          "attr", lines=[o["line"] for o in ovals], source="graph"))
    if kind == "architecture diagram" and g.get("databases"):
        db = g["databases"][0]
        out.append(QA("Which component is the database?", db, "text", paraphrases=["Which box is drawn as a cylinder?"],
                      lines=[_line(g, db)], source="graph"))
    if g.get("root"):
        out.append(QA("What is at the top of the tree?", g["root"], "text",
                      paraphrases=["What is the root node?", "Which box is at the top?"], lines=[_line(g, g["root"])],
                      source="graph"))
    return out


def sentences(scene, f, ev, rng):
    g = f.data
    ok = (lambda ids: ev is None or ev.text_ok(ids))
    out = []
    kind = g["kind"]
    nodes = g["nodes"]
    if kind == "flowchart":
        proc = [n for n in nodes if n["shape"] != "oval"]
        main = [n for n in nodes[: len(nodes) - (1 if g.get("no") else 0)] if n["shape"] != "oval"]
        if ok([n["line"] for n in main]):
            out.append((0.8, "The steps are " + join(f'"{n["label"]}"' for n in main), None))
        if g.get("decision") and ok([_line(g, g["decision"]), _line(g, g["yes"]), _line(g, g["no"])]):
            out.append((0.75, f'The decision "{g["decision"]}" leads to "{g["yes"]}" if yes and "{g["no"]}" if no',
                        None))
        elif g.get("decision"):
            out.append((0.5, "A diamond marks a yes/no decision", None))
        if any(n["shape"] == "oval" for n in nodes):
            out.append((0.3, "Start and end are drawn as ovals", None))
    elif kind == "architecture diagram":
        for a, b, _ in g["edges"][:4]:
            if ok([_line(g, a), _line(g, b)]):
                out.append((0.6, f"An arrow goes from {a} to {b}", None))
        if g.get("databases") and ok([_line(g, g["databases"][0])]):
            out.append((0.5, f"{g['databases'][0]} is drawn as a database cylinder", None))
    else:
        root = g["root"]
        ch = g["children"].get(root, [])
        if ok([_line(g, root)] + [_line(g, x) for x in ch]):
            out.append((0.8, f"{root} has {number(len(ch))} children: {join(ch)}", None))
        for p, cs in list(g["children"].items())[1:3]:
            if ok([_line(g, p)] + [_line(g, x) for x in cs]):
                out.append((0.55, f"Under {p} {'is' if len(cs) == 1 else 'are'} {join(cs)}", None))
    out.append((0.4, f"It has {number(len(nodes))} {'boxes' if kind != 'flowchart' else 'shapes'} connected by "
                     f"{'arrows' if kind in ('flowchart', 'architecture diagram') else 'lines'}", None))
    return out
