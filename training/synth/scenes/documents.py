"""Document pages: README-style pages, reports/memos and presentation slides (titles, headings, paragraphs,
bullet lists, code blocks, page numbers)."""
from __future__ import annotations

from .. import colors, fonts, lexicon as L
from ..language import article, cap, join, lower_words, number
from ..scene import Canvas

THINGS = ["command-line tool", "web framework", "library", "dashboard", "static site generator", "task runner",
          "image optimizer", "log analyzer", "API client", "database migration tool", "chat bot", "testing toolkit"]
PURPOSES = ["managing cloud deployments", "parsing large CSV files", "resizing images on the fly", "tracking bugs",
            "building REST APIs", "monitoring servers", "writing end-to-end tests", "syncing files between machines",
            "generating PDF reports", "scheduling background jobs"]
FEATURES = ["fast incremental builds", "a plugin system", "zero configuration", "TypeScript types", "offline support",
            "dark mode", "streaming uploads", "automatic retries", "structured logging", "hot reload",
            "role-based access control", "a REST API", "CSV and JSON export", "Docker images"]
REPORT_TOPICS = [("Q3 Engineering Report", ["Summary", "Highlights", "Incidents", "Next steps"]),
                 ("Migration Plan", ["Background", "Proposal", "Risks", "Timeline"]),
                 ("Postmortem: API outage", ["Summary", "Impact", "Root cause", "Action items"]),
                 ("Onboarding Guide", ["Welcome", "Accounts", "Tools", "First week"]),
                 ("Release Notes 2.4", ["New features", "Improvements", "Bug fixes", "Known issues"])]
SLIDES = [("Why we moved to Rust", ["Memory safety without GC", "Predictable latency", "Great tooling", "Growing ecosystem"]),
          ("Roadmap 2025", ["Public API v2", "Mobile app", "Self-hosted edition", "SOC 2 audit"]),
          ("Lessons learned", ["Ship small changes", "Automate the boring parts", "Measure before optimizing",
                               "Write things down"]),
          ("Agenda", ["Introductions", "Project status", "Demo", "Questions"]),
          ("Testing strategy", ["Unit tests for logic", "Integration tests for APIs", "E2E tests for critical flows",
                                "Nightly load tests"])]


def _para(rng, name):
    t, p = rng.choice(THINGS), rng.choice(PURPOSES)
    f = rng.sample(FEATURES, 3)
    s = [f"{name} is {article(t)} for {p}.", f"It comes with {f[0]}, {f[1]} and {f[2]}.",
         rng.choice(["It runs on Linux, macOS and Windows.", "It is written in " + rng.choice(L.LANG_NAMES) + ".",
                     "Contributions are welcome.", "The project is licensed under the MIT license."])]
    return " ".join(s), t, p, f


def _lines(c, x, y, w, text, font, col, lh, role, group, maxy):
    out = []
    for ln_text in fonts.wrap(font, text, w):
        if y + lh > maxy:
            break
        ln = c.text((x, y), ln_text, font, col, role=role, group=group)
        if ln:
            out.append(ln)
        y += lh
    return out, y


def readme(rng):
    s = rng.choice([1.0, 1.0, 1.25, 1.5])
    dark = rng.random() < 0.3
    bg, fg, muted, code_bg, border = ((13, 17, 23), (230, 237, 243), (139, 148, 158), (22, 27, 34), (48, 54, 61)) if dark \
        else ((255, 255, 255), (31, 35, 40), (101, 109, 118), (246, 248, 250), (208, 215, 222))
    W = int(rng.uniform(560, 900) * s)
    H = int(W * rng.uniform(0.9, 1.5))
    c = Canvas(W, H, bg)
    fam = fonts.pick(rng, "sans")
    mono = fonts.pick(rng, "mono")
    name = rng.choice(L.PROJECTS)
    x, y = int(32 * s), int(28 * s)
    tw = W - 2 * x
    h1 = c.text((x, y), name, fonts.font(fam, int(30 * s), True), fg, role="title")
    y += int(46 * s)
    c.draw.line([(x, y), (W - x, y)], fill=border)
    y += int(14 * s)
    bf = fonts.font(fam, int(15 * s))
    lh = int(24 * s)
    text, thing, purpose, feats = _para(rng, name)
    plines, y = _lines(c, x, y, tw, text, bf, fg, lh, "body", "p1", H - 20)
    y += int(14 * s)
    heads, items, cmd_line = [], [], None
    pm = rng.choice(["npm install", "pip install", "cargo add", "go get github.com/acme/"])
    cmd = f"{pm} {name}" if not pm.endswith("/") else f"{pm}{name}"
    for section in ["Installation", "Features"] if rng.random() < 0.6 else ["Features", "Installation"]:
        if y > H - 120 * s:
            break
        hl = c.text((x, y), section, fonts.font(fam, int(22 * s), True), fg, role="heading")
        if hl:
            heads.append(hl)
            c.add("heading", hl.box, countable=False, attrs={"relatable": False, "label": section,
                                                             "label_style": "prefix", "label_line": hl.id})
        y += int(36 * s)
        if section == "Installation":
            ch = int(40 * s)
            c.draw.rounded_rectangle([x, y, W - x, y + ch], radius=int(6 * s), fill=code_bg)
            c.add("code block", (x, y, W - x + 1, y + ch + 1), countable=False, attrs={"relatable": False})
            cmd_line = c.text((x + int(14 * s), y + ch / 2), cmd, fonts.font(mono, int(14 * s)), fg, role="code",
                              anchor="lm")
            y += ch + int(18 * s)
        else:
            for ftxt in feats:
                if y + lh > H - 10:
                    break
                c.draw.ellipse([x + int(6 * s), y + int(8 * s), x + int(12 * s), y + int(14 * s)], fill=fg)
                ln = c.text((x + int(22 * s), y), cap(ftxt), bf, fg, role="bullet")
                if ln:
                    items.append(ln)
                y += lh
            y += int(14 * s)
    facts_lines = [h1.id] if h1 else [-1]
    c.fact("subject", 1.0, phrase=f'{article("dark" if dark else "light")} README page for {name}',
           short=f"README for {name}, {article(thing)} for {purpose}",
           phrase_alt=f"{article('dark' if dark else 'light')} README page of a software project",
           short_alt="README page of a software project", lines=facts_lines + [ln.id for ln in plines[:1]])
    c.fact("text", 0.5, role="title", text=name, lines=facts_lines, caption=False)
    if plines:
        c.fact("detail", 0.8, text=f"It describes {name} as {article(thing)} for {purpose}",
               lines=[ln.id for ln in plines[:2]])
    if heads:
        c.fact("qa", 0.5, q=["What are the section headings?", "Which sections does the page have?"],
               a=join([h.text for h in heads]), lines=[h.id for h in heads], qtype="text")
    if cmd_line:
        c.fact("qa", 0.7, q=["How do you install it?", "What is the install command?", "What command installs the package?"],
               a=cmd, lines=[cmd_line.id], qtype="text")
        c.fact("detail", 0.7, text=f"The Installation section shows the command {cmd}", lines=[cmd_line.id],
               alt="An installation section shows a command in a code block")
    if items:
        c.fact("qa", 0.5, q=["How many features are listed?", "How many bullet points are there?"], a=str(len(items)),
               qtype="count")
        c.fact("qa", 0.5, q=["What is the first feature listed?", "What does the first bullet say?"], a=items[0].text,
               lines=[items[0].id], qtype="text")
        c.fact("detail", 0.55, text=f"The features listed are {join(lower_words(i.text) for i in items)}",
               lines=[i.id for i in items], alt=f"A bulleted list has {number(len(items))} features")
    c.fact("attr", 0.3, key="theme", value="dark" if dark else "light", subj="page")
    c.present.update({"document", "page", "text", "readme"})
    c.detect_names.update({"heading", "code block"})
    return c.scene("document", doc="readme")


def report(rng):
    s = rng.choice([1.0, 1.0, 1.25])
    W = int(rng.uniform(520, 760) * s)
    H = int(W * rng.uniform(1.25, 1.42))
    bg = rng.choice([(255, 255, 255), (252, 250, 245)])
    c = Canvas(W, H, bg)
    fam = fonts.pick(rng, "serif" if rng.random() < 0.5 else "sans")
    title, sections = rng.choice(REPORT_TOPICS)
    author = L.person(rng)
    date = f"{rng.choice(L.MONTHS_FULL)} {rng.randint(1, 28)}, 20{rng.randint(21, 25)}"
    x = int(48 * s)
    y = int(44 * s)
    tw = W - 2 * x
    tl = c.text((x, y), title, fonts.font(fam, int(24 * s), True), (20, 20, 20), role="title")
    y += int(38 * s)
    meta = c.text((x, y), f"{author} · {date}", fonts.font(fam, int(12 * s)), (110, 110, 110), role="byline")
    y += int(30 * s)
    bf = fonts.font(fam, int(12 * s))
    lh = int(18 * s)
    heads, numbered = [], []
    for k, sec in enumerate(sections):
        if y > H - 90 * s:
            break
        hl = c.text((x, y), sec, fonts.font(fam, int(16 * s), True), (30, 30, 30), role="heading")
        if hl:
            heads.append(hl)
            c.add("heading", hl.box, countable=False, attrs={"relatable": False, "label": sec,
                                                             "label_style": "prefix", "label_line": hl.id})
        y += int(26 * s)
        if sec in ("Action items", "Next steps", "Timeline", "Bug fixes"):
            for i, it in enumerate(rng.sample(["Add alerting on queue depth", "Upgrade the database driver",
                                               "Write a runbook", "Review rate limits", "Rotate API keys",
                                               "Fix flaky tests"], 3)):
                ln = c.text((x + int(10 * s), y), f"{i + 1}. {it}", bf, (40, 40, 40), role="list")
                if ln:
                    numbered.append(ln)
                y += lh
        else:
            text, *_ = _para(rng, rng.choice(L.PROJECTS).capitalize())
            _, y = _lines(c, x, y, tw, text, bf, (50, 50, 50), lh, "body", sec, H - 50 * s)
        y += int(12 * s)
    pn, pt = rng.randint(1, 9), rng.randint(10, 30)
    pl = c.text((W / 2, H - int(26 * s)), f"Page {pn} of {pt}", fonts.font(fam, int(11 * s)), (120, 120, 120),
                role="footer", anchor="ma")
    tll = [tl.id] if tl else [-1]
    c.fact("subject", 1.0, phrase=f'a document page titled "{title}"', short=f'Document page "{title}" by {author}',
           phrase_alt="a printed document page with headings and paragraphs",
           short_alt="Document page with headings and paragraphs", lines=tll + ([meta.id] if meta else [-1]))
    c.fact("text", 0.5, role="title", text=title, lines=tll, caption=False)
    if meta:
        c.fact("qa", 0.5, q=["Who wrote the document?", "Who is the author?"], a=author, lines=[meta.id], qtype="text")
        c.fact("qa", 0.4, q=["What date is on the document?", "When was it written?"], a=date, lines=[meta.id],
               qtype="text")
        c.fact("detail", 0.55, text=f"It was written by {author} on {date}", lines=[meta.id])
    if heads:
        c.fact("qa", 0.55, q=["What are the section headings?", "What sections does the document have?"],
               a=join([h.text for h in heads]), lines=[h.id for h in heads], qtype="text")
        c.fact("detail", 0.6, text=f"Its sections are {join(h.text for h in heads)}", lines=[h.id for h in heads],
               alt=f"It has {number(len(heads))} sections")
        c.fact("qa", 0.4, q=["What is the first section heading?", "What is the first heading?"], a=heads[0].text,
               lines=[heads[0].id], qtype="text")
    if numbered:
        c.fact("qa", 0.45, q=["How many items are in the numbered list?"], a=str(len(numbered)),
               lines=[n.id for n in numbered], qtype="count")
    if pl:
        c.fact("qa", 0.45, q=["What page number is this?", "Which page is this?"], a=str(pn), lines=[pl.id], qtype="text")
        c.fact("qa", 0.3, q=["How many pages does the document have?"], a=str(pt), lines=[pl.id], qtype="text")
        c.fact("detail", 0.35, text=f"The footer says page {pn} of {pt}", lines=[pl.id])
    c.present.update({"document", "page", "text", "paper"})
    c.detect_names.add("heading")
    return c.scene("document", doc="report")


def slide(rng):
    s = rng.choice([1.0, 1.25, 1.5])
    W = int(rng.uniform(640, 960) * s)
    H = int(W * 9 / 16)
    dark = rng.random() < 0.4
    bg = rng.choice([(20, 30, 60), (30, 30, 35), (12, 60, 70)]) if dark else rng.choice([(255, 255, 255), (245, 245, 240)])
    fg = (245, 245, 245) if dark else (25, 25, 30)
    acc_name = rng.choice(["blue", "orange", "green", "purple", "red"])
    acc = colors.rgb(rng, acc_name, 0)
    c = Canvas(W, H, bg)
    fam = fonts.pick(rng, "sans")
    title, bullets = rng.choice(SLIDES)
    k = rng.randint(3, len(bullets))
    bullets = bullets[:k]
    x, y = int(56 * s), int(44 * s)
    tl = c.text((x, y), title, fonts.font(fam, int(34 * s), True), fg, role="title")
    c.draw.rectangle([x, y + int(52 * s), x + int(80 * s), y + int(57 * s)], fill=acc)
    y += int(84 * s)
    bf = fonts.font(fam, int(22 * s))
    bl = []
    for b in bullets:
        c.draw.rectangle([x, y + int(11 * s), x + int(9 * s), y + int(20 * s)], fill=acc)
        c.add("bullet", (x, y + int(11 * s), x + int(9 * s) + 1, y + int(20 * s) + 1), color=acc_name, countable=False,
              attrs={"relatable": False})
        ln = c.text((x + int(26 * s), y), b, bf, fg, role="bullet")
        if ln:
            bl.append(ln)
        y += int(42 * s)
    sn = rng.randint(2, 40)
    snl = c.text((W - int(24 * s), H - int(20 * s)), str(sn), fonts.font(fam, int(12 * s)), fg, role="footer", anchor="rd")
    tll = [tl.id] if tl else [-1]
    c.fact("subject", 1.0, phrase=f'{article("dark" if dark else "light")} presentation slide titled "{title}" with '
                                  f'{number(len(bullets))} bullet points',
           short=f'Slide "{title}" with {len(bullets)} bullet points',
           phrase_alt=f"{article('dark' if dark else 'light')} presentation slide with {number(len(bullets))} bullet points",
           short_alt=f"Presentation slide with {len(bullets)} bullet points", lines=tll)
    c.fact("text", 0.5, role="title", text=title, of="slide", lines=tll, caption=False)
    c.fact("qa", 0.5, q=["How many bullet points are there?", "How many bullets are on the slide?"],
           a=str(len(bullets)), qtype="count")
    if len(bl) == len(bullets):
        c.fact("qa", 0.6, q=["What are the bullet points?", "What does the slide list?"], a=join(bullets),
               lines=[b.id for b in bl], qtype="text")
        c.fact("detail", 0.75, text=f"The bullets are {join(bullets)}", lines=[b.id for b in bl],
               alt=f"It lists {number(len(bullets))} points")
        c.fact("qa", 0.45, q=["What is the first bullet point?", "What does the first bullet say?"], a=bullets[0],
               lines=[bl[0].id], qtype="text")
        c.fact("qa", 0.4, q=["What is the last bullet point?"], a=bullets[-1], lines=[bl[-1].id], qtype="text")
    if snl:
        c.fact("qa", 0.3, q=["What is the slide number?", "Which slide number is this?"], a=str(sn), lines=[snl.id],
               qtype="text")
    c.fact("qa", 0.3, q=["What colour are the bullet markers?", "What color is the accent?"], a=cap(acc_name),
           qtype="colour")
    c.fact("attr", 0.3, key="theme", value="dark" if dark else "light", subj="slide")
    c.present.update({"slide", "presentation", "text"})
    c.detect_names.add("bullet")
    return c.scene("document", doc="slide")


def generate(rng, hint=None):
    kind = hint or rng.choices(["readme", "report", "slide"], weights=[2, 2, 1.5])[0]
    return {"readme": readme, "report": report, "slide": slide}[kind](rng)
