"""Diagrams: flowcharts (start/end ovals, process boxes, decision diamonds, labelled arrows), boxes-and-arrows
architecture diagrams (with database cylinders), and trees (org charts, class hierarchies, folder trees)."""
from __future__ import annotations

import math

from .. import colors, fonts, lexicon as L
from ..language import cap
from ..messages import THINGS, VERBS
from ..scene import Canvas, mask_from_draw
from .common import distinct

FLOWS = [
    ("login", ["Enter credentials"], "Valid password?", "Show dashboard", "Show error"),
    ("ci", ["Push commit", "Run tests"], "Tests pass?", "Deploy to staging", "Notify author"),
    ("order", ["Receive order"], "In stock?", "Ship order", "Back-order item"),
    ("triage", ["New bug report"], "Reproducible?", "Assign developer", "Ask for details"),
    ("signup", ["Fill in form", "Verify email"], "Email confirmed?", "Create account", "Resend link"),
    ("cache", ["Receive request"], "In cache?", "Return cached data", "Query database"),
    ("payment", ["Submit payment"], "Card approved?", "Send receipt", "Show decline"),
]
CHAINS = [
    ["Fetch data", "Clean data", "Train model", "Evaluate", "Deploy"],
    ["Write code", "Open PR", "Code review", "Merge", "Release"],
    ["Plan", "Design", "Build", "Test", "Launch"],
    ["Upload file", "Scan for viruses", "Resize image", "Save to storage"],
    ["Parse input", "Validate", "Transform", "Write output"],
]
ARCHS = [
    (["Browser", "API Gateway", "Auth Service", "Orders Service", "PostgreSQL"],
     [(0, 1), (1, 2), (1, 3), (3, 4)], {4}),
    (["Mobile App", "Load Balancer", "Web Server", "Redis Cache", "MySQL"],
     [(0, 1), (1, 2), (2, 3), (2, 4)], {4}),
    (["Client", "REST API", "Job Queue", "Worker", "S3 Bucket"],
     [(0, 1), (1, 2), (2, 3), (3, 4)], set()),
    (["Frontend", "GraphQL Server", "User Service", "Search Index", "MongoDB"],
     [(0, 1), (1, 2), (1, 3), (2, 4)], {4}),
    (["Sensor", "MQTT Broker", "Ingest Service", "TimescaleDB", "Dashboard"],
     [(0, 1), (1, 2), (2, 3), (4, 3)], {3}),
]
TREES = [
    ("org chart", "CEO", {"CEO": ["CTO", "CFO", "COO"], "CTO": ["Platform Lead", "Mobile Lead"], "CFO": ["Controller"]},
     "reports to"),
    ("class hierarchy", "Animal", {"Animal": ["Mammal", "Bird"], "Mammal": ["Dog", "Cat"], "Bird": ["Parrot"]},
     "inherits from"),
    ("class hierarchy", "Shape", {"Shape": ["Circle", "Polygon"], "Polygon": ["Triangle", "Rectangle"]}, "inherits from"),
    ("folder tree", "project", {"project": ["src", "tests", "docs"], "src": ["components", "utils"]}, "is inside"),
    ("component tree", "App", {"App": ["Header", "Main", "Footer"], "Main": ["Sidebar", "Content"]}, "is a child of"),
    ("org chart", "Director", {"Director": ["Design Manager", "Eng Manager"], "Eng Manager": ["Backend", "Frontend", "QA"]},
     "reports to"),
]

# Composed diagrams: the fixed lists above are few, and a model that recalls them misreads every diagram it has
# not seen; labels built from parts (with made-up names) have to be read.
SERVICE_KINDS = ["Service", "API", "Worker", "Gateway", "Queue", "Scheduler", "Proxy", "Store"]
DATABASES = ["PostgreSQL", "MySQL", "MongoDB", "Redis", "SQLite", "Cassandra", "DynamoDB"]
FOLDERS = ["src", "tests", "docs", "scripts", "assets", "lib", "bin", "config", "public", "components", "utils"]


def _step(rng):
    base, _, _ = rng.choice(VERBS)
    obj = rng.choice(THINGS) if rng.random() < 0.6 else L.made_up_name(rng)
    return f"{cap(base)} {obj}"


def composed_flow(rng):
    """(kind, steps, question, yes, no) like FLOWS, from parts."""
    steps = distinct(rng.randint(1, 2), lambda: _step(rng))
    thing = rng.choice(THINGS)
    q = rng.choice([f"{cap(thing)} valid?", f"{cap(thing)} found?", f"Retries < {rng.randint(2, 9)}?",
                    f"{cap(L.made_up_word(rng))} enabled?", f"Size > {rng.randint(2, 500)} MB?"])
    yes, no = distinct(2, lambda: _step(rng))
    return "composed", steps, q, yes, no


def composed_architecture(rng):
    """(labels, edges, databases) with one of ARCHS' shapes and made-up component names."""
    _, edges, dbs = rng.choice(ARCHS)
    n = 1 + max(max(e) for e in edges)
    client = rng.choice(["Browser", "Mobile App", "Client", "CLI", "Web App", "Sensor"])

    def component():
        return f"{L.made_up_word(rng, rng.choice([1, 2])).capitalize()} {rng.choice(SERVICE_KINDS)}"
    labels = [client] + distinct(n - 1, component)
    for i in dbs:
        labels[i] = rng.choice(DATABASES) if rng.random() < 0.5 else f"{L.made_up_word(rng).capitalize()} DB"
    if len(set(labels)) < n:
        return rng.choice(ARCHS)
    return labels, edges, dbs


def composed_tree(rng):
    """(kind, root, children, relation) like TREES: a folder tree or a class hierarchy with made-up names."""
    if rng.random() < 0.5:
        root = L.made_up_name(rng) if rng.random() < 0.5 else rng.choice(L.PROJECTS)
        top = rng.sample(FOLDERS, rng.randint(2, 3))
        names = distinct(rng.randint(1, 3), lambda: L.made_up_name(rng, "_"))
        return "folder tree", root, {root: top, top[0]: names}, "is inside"
    suffix = rng.choice(["Handler", "Widget", "Node", "Shape", "Error", "Store", "View", "Client"])
    root = f"Base{suffix}"
    kids = distinct(rng.randint(2, 3), lambda: L.made_up_word(rng).capitalize() + suffix)
    grand = distinct(rng.randint(1, 2), lambda: L.made_up_word(rng).capitalize() + suffix)
    if set(grand) & set(kids):
        grand = [g + "2" for g in grand]
    return "class hierarchy", root, {root: kids, kids[0]: grand}, "inherits from"


NODE_COLOURS = ["blue", "green", "orange", "purple", "teal", "red", "yellow", "gray"]


def _arrow(c, p0, p1, col, wdt, head=9):
    c.draw.line([p0, p1], fill=col, width=wdt)
    a = math.atan2(p1[1] - p0[1], p1[0] - p0[0])
    h = head
    pts = [p1, (p1[0] - h * math.cos(a - 0.45), p1[1] - h * math.sin(a - 0.45)),
           (p1[0] - h * math.cos(a + 0.45), p1[1] - h * math.sin(a + 0.45))]
    c.draw.polygon(pts, fill=col)


def _node(c, st, x, y, w, h, label, shape, fill_name, font, s):
    """Draw a node centred at (x, y); returns (obj, text line, box)."""
    x0, y0, x1, y1 = x - w / 2, y - h / 2, x + w / 2, y + h / 2
    if fill_name is None:
        fill = st["node"]
    else:
        fill = colors.mix(colors.rgb(st["rng"], fill_name, 0), (255, 255, 255), st["tint"])
    out = st["line"]
    lw = max(1, int(1.5 * s))
    if shape == "oval":
        c.draw.rounded_rectangle([x0, y0, x1, y1], radius=int(h / 2), fill=fill, outline=out, width=lw)
        m = mask_from_draw(w + 1, h + 1, lambda d: d.rounded_rectangle([0, 0, w, h], radius=int(h / 2), fill=255))
    elif shape == "diamond":
        pts = [(x, y0), (x1, y), (x, y1), (x0, y)]
        c.draw.polygon(pts, fill=fill, outline=out)
        m = mask_from_draw(w + 1, h + 1, lambda d: d.polygon([(w / 2, 0), (w, h / 2), (w / 2, h), (0, h / 2)], fill=255))
    elif shape == "cylinder":
        e = h * 0.22
        c.draw.rectangle([x0, y0 + e / 2, x1, y1 - e / 2], fill=fill)
        c.draw.ellipse([x0, y1 - e, x1, y1], fill=fill, outline=out, width=lw)
        c.draw.line([(x0, y0 + e / 2), (x0, y1 - e / 2)], fill=out, width=lw)
        c.draw.line([(x1, y0 + e / 2), (x1, y1 - e / 2)], fill=out, width=lw)
        c.draw.ellipse([x0, y0, x1, y0 + e], fill=fill, outline=out, width=lw)
        m = None
    else:
        c.draw.rounded_rectangle([x0, y0, x1, y1], radius=int(st["radius"] * s), fill=fill, outline=out, width=lw)
        m = None
    tc = colors.on_colour(fill)
    ln = c.text((x, y), label, font, tc, role="node", anchor="mm")
    name = {"oval": "oval", "diamond": "diamond", "cylinder": "cylinder", "box": "box"}[shape]
    o = c.add(name, (x0, y0, x1 + 1, y1 + 1), phrase=f"{label} {name}", color=fill_name if st["tint"] < 0.5 else None,
              mask=m, aliases=("node",), countable=False,
              attrs={"label": label, "label_style": "prefix", "relatable": False,
                     **({"label_line": ln.id} if ln else {})})
    return o, ln, (x0, y0, x1, y1)


def _style(rng):
    dark = rng.random() < 0.2
    st = {"rng": rng, "dark": dark, "bg": (30, 32, 38) if dark else rng.choice([(255, 255, 255), (250, 250, 250),
                                                                               (248, 249, 252)]),
          "line": (200, 200, 205) if dark else (60, 60, 70), "radius": rng.choice([0, 4, 8]),
          "tint": rng.choice([0.0, 0.0, 0.55, 0.75]) if not dark else 0.0, "coloured": rng.random() < 0.6}
    st["node"] = (55, 60, 70) if dark else (255, 255, 255)
    return st


def _fit_font(fam, labels, maxw, size):
    while size > 8:
        f = fonts.font(fam, size)
        if max(f.getlength(lbl) for lbl in labels) <= maxw:
            return f
        size -= 1
    return fonts.font(fam, size)


def flowchart(rng):
    st = _style(rng)
    s = rng.choice([1.0, 1.0, 1.25, 1.5])
    fam = fonts.pick(rng, "sans")
    if rng.random() < 0.65:
        kind, steps, q, yes, no = rng.choice(FLOWS) if rng.random() < 0.5 else composed_flow(rng)
        seq = [("Start", "oval")] + [(x, "box") for x in steps] + [(q, "diamond"), (yes, "box"), ("End", "oval")]
    else:
        chain = rng.choice(CHAINS) if rng.random() < 0.5 else distinct(rng.randint(3, 6), lambda: _step(rng))
        q = yes = no = None
        seq = ([("Start", "oval")] if rng.random() < 0.5 else []) + [(x, "box") for x in chain] + \
              ([("End", "oval")] if rng.random() < 0.5 else [])
    horizontal = q is None and rng.random() < 0.5
    labels = [l for l, _ in seq] + ([no] if no else [])
    f = fonts.font(fam, int(14 * s))
    bw = int(max(f.getlength(l) for l in labels) + 36 * s)
    bh = int(40 * s)
    gap = int(rng.uniform(34, 54) * s)
    if horizontal:
        bw = int(max(f.getlength(l) for l in labels) + 24 * s)
        W = int(len(seq) * (bw + gap) + 40 * s)
        H = int(bh * 3 + rng.uniform(40, 160) * s)
    else:
        W = int(bw * (2.6 if no else 1.6) + rng.uniform(60, 240) * s)
        H = int(len(seq) * (bh + gap) + 40 * s + (bh if q else 0))
    c = Canvas(W, H, st["bg"])
    cols = rng.sample(NODE_COLOURS, 3) if st["coloured"] else [None, None, None]
    colour_of = {"oval": cols[0], "box": cols[1], "diamond": cols[2], "cylinder": cols[1]}
    nodes = []
    cx = W * (0.38 if no else 0.5)
    y = int(20 * s) + bh / 2
    x = int(20 * s) + bw / 2
    for label, shape in seq:
        h = int(bh * 1.6) if shape == "diamond" else bh
        w = int(bw * 1.25) if shape == "diamond" else bw
        if horizontal:
            o, ln, box = _node(c, st, x, H / 2, w, h, label, shape, colour_of[shape], f, s)
            x += bw + gap
        else:
            y += (h - bh) / 2
            o, ln, box = _node(c, st, cx, y, w, h, label, shape, colour_of[shape], f, s)
            y += h / 2 + gap + bh / 2 - (h - bh) / 2 + (h - bh) / 2
        nodes.append({"label": label, "shape": shape, "obj": o, "line": ln, "box": box})
    edges = []
    lw = max(1, int(1.6 * s))
    head = int(9 * s)
    for a, b in zip(nodes, nodes[1:]):
        if horizontal:
            p0, p1 = (a["box"][2], H / 2), (b["box"][0] - 1, H / 2)
        else:
            p0, p1 = (cx, a["box"][3]), (cx, b["box"][1] - 1)
        _arrow(c, p0, p1, st["line"], lw, head)
        lab = None
        if a["shape"] == "diamond":
            lab = "Yes"
            c.text((cx + int(8 * s), (p0[1] + p1[1]) / 2), "Yes", fonts.font(fam, int(12 * s)), st["line"], role="edge label",
                   anchor="lm")
        edges.append((a["label"], b["label"], lab))
    if no:
        d = [n for n in nodes if n["shape"] == "diamond"][0]
        nx = d["box"][2] + gap + bw / 2
        ny = (d["box"][1] + d["box"][3]) / 2
        o, ln, box = _node(c, st, nx, ny, bw, bh, no, "box", colour_of["box"], f, s)
        nodes.append({"label": no, "shape": "box", "obj": o, "line": ln, "box": box})
        _arrow(c, (d["box"][2], ny), (box[0] - 1, ny), st["line"], lw, head)
        c.text(((d["box"][2] + box[0]) / 2, ny - int(6 * s)), "No", fonts.font(fam, int(12 * s)), st["line"],
               role="edge label", anchor="md")
        edges.append((q, no, "No"))
        # the No branch loops back to the step before the decision or ends
        end = nodes[len(seq) - 1]
        if rng.random() < 0.5 and len(seq) >= 4:
            back = nodes[len(seq) - 4] if nodes[len(seq) - 4]["shape"] != "oval" else nodes[len(seq) - 3]
            tx = box[2] - bw / 2
            c.draw.line([(tx, box[1]), (tx, (back["box"][1] + back["box"][3]) / 2)], fill=st["line"], width=lw)
            _arrow(c, (tx, (back["box"][1] + back["box"][3]) / 2), (back["box"][2] + 1, (back["box"][1] + back["box"][3]) / 2),
                   st["line"], lw, head)
            edges.append((no, back["label"], None))
        else:
            tx = box[2] - bw / 2
            ey = (end["box"][1] + end["box"][3]) / 2
            c.draw.line([(tx, box[3]), (tx, ey)], fill=st["line"], width=lw)
            _arrow(c, (tx, ey), (end["box"][2] + 1, ey), st["line"], lw, head)
            edges.append((no, end["label"], None))
    c.detect_names.update({"box"} | ({"diamond"} if q else set()) | ({"oval"} if any(n["shape"] == "oval" for n in nodes) else set()))
    return c, dict(kind="flowchart", nodes=[_nd(n) for n in nodes], edges=edges, decision=q, yes=yes, no=no,
                   horizontal=horizontal, colours=colour_of if st["coloured"] and st["tint"] < 0.5 else None)


def _nd(n):
    return {"label": n["label"], "shape": n["shape"], "obj": n["obj"].id,
            "line": n["line"].id if n["line"] is not None else -1}


def architecture(rng):
    st = _style(rng)
    s = rng.choice([1.0, 1.0, 1.25, 1.5])
    fam = fonts.pick(rng, "sans")
    labels, edges_i, dbs = rng.choice(ARCHS) if rng.random() < 0.5 else composed_architecture(rng)
    f = fonts.font(fam, int(13 * s))
    bw = int(max(f.getlength(l) for l in labels) + 30 * s)
    bh = int(46 * s)
    # layered layout by longest path from sources
    depth = {i: 0 for i in range(len(labels))}
    for _ in range(len(labels)):
        for a, b in edges_i:
            depth[b] = max(depth[b], depth[a] + 1)
    layers = {}
    for i, d in depth.items():
        layers.setdefault(d, []).append(i)
    ncol = max(layers) + 1
    nrow = max(len(v) for v in layers.values())
    gx, gy = int(rng.uniform(40, 80) * s), int(rng.uniform(24, 50) * s)
    W = int(ncol * (bw + gx) + 40 * s)
    H = int(nrow * (bh + gy) + 60 * s + rng.uniform(0, 80) * s)
    c = Canvas(W, H, st["bg"])
    pos = {}
    for d, idx in layers.items():
        for k, i in enumerate(idx):
            x = int(20 * s) + bw / 2 + d * (bw + gx)
            y = H / 2 + (k - (len(idx) - 1) / 2) * (bh + gy)
            pos[i] = (x, y)
    cols = {i: (rng.choice(NODE_COLOURS) if st["coloured"] else None) for i in range(len(labels))}
    nodes = []
    for i, l in enumerate(labels):
        shape = "cylinder" if i in dbs else "box"
        o, ln, box = _node(c, st, pos[i][0], pos[i][1], bw, bh, l, shape, cols[i], f, s)
        nodes.append({"label": l, "shape": shape, "obj": o, "line": ln, "box": box})
    lw = max(1, int(1.6 * s))
    edges = []
    for a, b in edges_i:
        ba, bb = nodes[a]["box"], nodes[b]["box"]
        p0 = (ba[2], (ba[1] + ba[3]) / 2)
        p1 = (bb[0] - 1, (bb[1] + bb[3]) / 2)
        if p1[0] < p0[0]:
            p0, p1 = (ba[0], (ba[1] + ba[3]) / 2), (bb[2] + 1, (bb[1] + bb[3]) / 2)
        _arrow(c, p0, p1, st["line"], lw, int(9 * s))
        edges.append((labels[a], labels[b], None))
    c.detect_names.update({"box"} | ({"cylinder"} if dbs else set()))
    return c, dict(kind="architecture diagram", nodes=[_nd(n) for n in nodes], edges=edges,
                   colours=None, databases=[labels[i] for i in dbs])


def tree(rng):
    st = _style(rng)
    s = rng.choice([1.0, 1.0, 1.25, 1.5])
    fam = fonts.pick(rng, "sans")
    kind, root, children, rel = rng.choice(TREES) if rng.random() < 0.5 else composed_tree(rng)
    f = fonts.font(fam, int(13 * s))
    order, levels = [], {}

    def walk(n, d):
        levels.setdefault(d, []).append(n)
        for ch in children.get(n, []):
            walk(ch, d + 1)
    walk(root, 0)
    all_nodes = [n for d in sorted(levels) for n in levels[d]]
    bw = int(max(f.getlength(l) for l in all_nodes) + 26 * s)
    bh = int(38 * s)
    width_n = sum(1 for n in all_nodes if not children.get(n))   # leaves get a slot each (see place)
    gx, gy = int(rng.uniform(16, 40) * s), int(rng.uniform(40, 70) * s)
    W = int(width_n * (bw + gx) + 40 * s)
    H = int(len(levels) * (bh + gy) + 30 * s)
    c = Canvas(W, H, st["bg"])
    # leaves get slots left to right; parents centre over children
    xpos = {}
    slot = [0]

    def place(n):
        ch = children.get(n, [])
        if not ch:
            xpos[n] = int(20 * s) + bw / 2 + slot[0] * (bw + gx)
            slot[0] += 1
        else:
            for x in ch:
                place(x)
            xpos[n] = (xpos[ch[0]] + xpos[ch[-1]]) / 2
    place(root)
    shift = (W - (max(xpos.values()) - min(xpos.values())) - bw) / 2 - (min(xpos.values()) - bw / 2)
    cols = {d: (rng.choice(NODE_COLOURS) if st["coloured"] else None) for d in levels}
    nodes = {}
    for d, ns in levels.items():
        for n in ns:
            y = int(16 * s) + bh / 2 + d * (bh + gy)
            o, ln, box = _node(c, st, xpos[n] + shift, y, bw, bh, n, "box", cols[d], f, s)
            nodes[n] = {"label": n, "shape": "box", "obj": o, "line": ln, "box": box}
    lw = max(1, int(1.5 * s))
    edges = []
    for p, ch in children.items():
        pb = nodes[p]["box"]
        for x in ch:
            cb = nodes[x]["box"]
            midy = (pb[3] + cb[1]) / 2
            c.draw.line([((pb[0] + pb[2]) / 2, pb[3]), ((pb[0] + pb[2]) / 2, midy), ((cb[0] + cb[2]) / 2, midy),
                         ((cb[0] + cb[2]) / 2, cb[1])], fill=st["line"], width=lw)
            edges.append((p, x, None))
    c.detect_names.add("box")
    return c, dict(kind=kind, nodes=[_nd(nodes[n]) for n in all_nodes], edges=edges, root=root, children=children,
                   relation=rel, colours=None)


def generate(rng, hint=None):
    kind = hint or rng.choices(["flowchart", "architecture", "tree"], weights=[3, 2, 2])[0]
    c, g = {"flowchart": flowchart, "architecture": architecture, "tree": tree}[kind](rng)
    c.fact("graph", 1.0, **g)
    gk = g["kind"]
    n = len(g["nodes"])
    from ..language import article, number
    first = g["nodes"][0]
    if gk == "flowchart":
        proc = [x for x in g["nodes"] if x["shape"] != "oval"]
        lead = proc[0]
        phrase = f"a flowchart with {number(len(proc))} steps starting at \"{lead['label']}\""
        short = f"Flowchart: {' → '.join(x['label'] for x in proc[:3])}" + (" …" if len(proc) > 3 else "")
        lines = [x["line"] for x in proc[:3]]
        alt = f"a flowchart with {number(n)} shapes connected by arrows"
        short_alt = f"Flowchart with {n} shapes connected by arrows"
        if g.get("decision"):
            phrase += f" with the decision \"{g['decision']}\""
    elif gk == "architecture diagram":
        phrase = f"an architecture diagram connecting {', '.join(x['label'] for x in g['nodes'][:-1])} and {g['nodes'][-1]['label']}"
        short = f"Architecture diagram: {' → '.join(x['label'] for x in g['nodes'][:3])}"
        lines = [x["line"] for x in g["nodes"]]
        alt = f"an architecture diagram with {number(n)} components connected by arrows"
        short_alt = f"Architecture diagram with {n} components"
    else:
        phrase = f"{article(gk)} with {first['label']} at the root"
        short = f"{gk[0].upper() + gk[1:]} rooted at {first['label']}"
        lines = [first["line"]]
        alt = f"{article(gk)} with {number(n)} boxes"
        short_alt = f"{gk[0].upper() + gk[1:]} with {n} boxes"
    c.fact("subject", 1.0, phrase=phrase, short=short, phrase_alt=alt, short_alt=short_alt,
           lines=lines if gk != "architecture diagram" else lines)
    for nd in g["nodes"]:
        if c.objects[nd["obj"]].color:
            c.fact("object", 0.25, obj=nd["obj"])
    c.present.update({"diagram", "box", "arrow", "chart", "flowchart" if gk == "flowchart" else gk.split()[0]})
    return c.scene("diagram", diagram=gk)
