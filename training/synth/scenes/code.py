"""Code editor screenshots (IDE-like window or a code-snippet card) with syntax highlighting, line numbers,
tabs, an optional error squiggle with a problems panel, and a status bar."""
from __future__ import annotations

from .. import colors, fonts, lexicon as L
from ..language import article, cap, join, number
from ..scene import Canvas
from .codegen import highlight, snippet
from .common import gradient

# name, dark?, bg, gutter fg, fg, kw, str, num, fn, type, com, panel, line highlight, accent
THEMES = [
    ("Dark+", True, (30, 30, 30), (133, 133, 133), (212, 212, 212), (86, 156, 214), (206, 145, 120), (181, 206, 168),
     (220, 220, 170), (78, 201, 176), (106, 153, 85), (37, 37, 38), (40, 40, 40), (0, 122, 204)),
    ("Monokai", True, (39, 40, 34), (144, 144, 138), (248, 248, 242), (249, 38, 114), (230, 219, 116), (174, 129, 255),
     (166, 226, 46), (102, 217, 239), (117, 113, 94), (30, 31, 28), (62, 61, 50), (249, 38, 114)),
    ("Dracula", True, (40, 42, 54), (98, 114, 164), (248, 248, 242), (255, 121, 198), (241, 250, 140), (189, 147, 249),
     (80, 250, 123), (139, 233, 253), (98, 114, 164), (33, 34, 44), (68, 71, 90), (189, 147, 249)),
    ("One Dark", True, (40, 44, 52), (99, 109, 131), (171, 178, 191), (198, 120, 221), (152, 195, 121), (209, 154, 102),
     (97, 175, 239), (229, 192, 123), (92, 99, 112), (33, 37, 43), (44, 49, 58), (97, 175, 239)),
    ("Solarized Dark", True, (0, 43, 54), (88, 110, 117), (147, 161, 161), (133, 153, 0), (42, 161, 152),
     (211, 54, 130), (38, 139, 210), (181, 137, 0), (88, 110, 117), (7, 54, 66), (7, 54, 66), (38, 139, 210)),
    ("Light+", False, (255, 255, 255), (35, 120, 147), (0, 0, 0), (0, 0, 255), (163, 21, 21), (9, 134, 88),
     (121, 94, 38), (38, 127, 153), (0, 128, 0), (243, 243, 243), (240, 240, 240), (0, 122, 204)),
    ("GitHub Light", False, (255, 255, 255), (140, 149, 159), (36, 41, 47), (207, 34, 46), (10, 48, 105),
     (5, 80, 174), (130, 80, 223), (149, 56, 0), (110, 119, 129), (246, 248, 250), (246, 248, 250), (9, 105, 218)),
    ("Solarized Light", False, (253, 246, 227), (147, 161, 161), (101, 123, 131), (133, 153, 0), (42, 161, 152),
     (211, 54, 130), (38, 139, 210), (181, 137, 0), (147, 161, 161), (238, 232, 213), (238, 232, 213), (38, 139, 210)),
]


def _tok_colour(th, kind):
    return {"kw": th[5], "str": th[6], "num": th[7], "fn": th[8], "type": th[9], "com": th[10]}.get(kind, th[4])


def draw_code_line(c, x, y, text, language, th, font, role="code", group="code", tab=4):
    """Draw one highlighted line; returns the TextLine (or None for blank lines) and the x of each char."""
    text = text.replace("\t", " " * tab)
    spans = highlight(text, language)
    xs = []
    cx = x
    boxes = []
    for s, kind in spans:
        w = font.getlength(s)
        if s.strip():
            b = c.draw.textbbox((cx, y), s, font=font)
            if b[2] > c.w - 2:
                break
            c.draw.text((cx, y), s, font=font, fill=_tok_colour(th, kind))
            boxes.append(b)
        cx += w
    if not boxes or not text.strip():
        return None
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    from ..scene import TextLine
    # text as drawn (cut where the line left the image)
    drawn = text
    if max(b[2] for b in boxes) < x + font.getlength(text.rstrip()) - 1:
        n = 0
        while n < len(text) and x + font.getlength(text[:n + 1]) <= box[2] + 1:
            n += 1
        drawn = text[:n]
    ln = TextLine(id=len(c.lines), text=drawn.strip(), box=tuple(int(v) for v in box), role=role, size=float(font.size),
                  group=group)
    c.lines.append(ln)
    return ln


def _squiggle(c, x0, x1, y, col, s):
    pts = []
    amp = max(1.5, 1.5 * s)
    step = max(2, int(2 * s))
    k = 0
    x = x0
    while x <= x1:
        pts.append((x, y + (amp if k % 2 else -amp) / 2))
        x += step
        k += 1
    if len(pts) > 1:
        c.draw.line(pts, fill=col, width=max(1, int(s)))


def generate(rng, hint=None):
    th = rng.choice(THEMES)
    dark = th[1]
    sn = snippet(rng)
    style = hint or rng.choices(["ide", "card"], weights=[0.7, 0.3])[0]
    s = rng.choice([1.0, 1.0, 1.25, 1.5, 2.0])
    fam = fonts.pick(rng, "mono")
    fs = int(round(rng.choice([12, 13, 14, 15]) * s))
    f = fonts.font(fam, fs)
    ui_f = fonts.font(fonts.pick(rng, "sans"), int(round(12 * s)))
    lh = int(fs * rng.uniform(1.35, 1.6))
    lines = list(sn.lines)
    # sometimes show only a window of the file
    start = 0
    if len(lines) > 14 and rng.random() < 0.3:
        start = rng.randrange(0, len(lines) - 10)
        lines = lines[start:]
    first_no = start + 1
    max_chars = max(len(x.replace("\t", "    ")) for x in lines)
    code_w = int(f.getlength("M" * max_chars)) + int(20 * s)
    file_name = L.file_name(rng, sn.ext) if sn.language not in ("JSON", "YAML") else \
        ("package.json" if sn.language == "JSON" else "ci.yml")
    if sn.language == "Shell":
        file_name = rng.choice(["deploy.sh", "build.sh", "release.sh"])
    facts_lines = {}

    if style == "card":
        pad = int(rng.uniform(24, 60) * s)
        cw = code_w + int(40 * s)
        ch = len(lines) * lh + int(60 * s)
        W, H = cw + 2 * pad, ch + 2 * pad
        c = Canvas(W, H)
        top = rng.choice([(120, 80, 200), (40, 120, 200), (230, 120, 90), (60, 170, 140), (90, 90, 110)])
        c.image.paste(gradient(W, H, top, colors.mix(top, (255, 255, 255), 0.35)))
        c.draw.rounded_rectangle([pad, pad, pad + cw, pad + ch], radius=int(10 * s), fill=th[2])
        r = int(6 * s)
        for i, col in enumerate([(255, 95, 87), (254, 188, 46), (40, 200, 64)]):
            cx = pad + int(18 * s) + i * int(20 * s)
            c.draw.ellipse([cx - r, pad + int(18 * s) - r, cx + r, pad + int(18 * s) + r], fill=col)
        title_ln = None
        if rng.random() < 0.6:
            title_ln = c.text((pad + cw / 2, pad + int(18 * s)), file_name, ui_f, th[3], role="tab", anchor="mm")
        x0 = pad + int(20 * s)
        y = pad + int(44 * s)
        gutter = False
        tabs_lines = [title_ln] if title_ln else []
        status = {}
        problems = None
        sq_y = {}
    else:
        side = rng.random() < 0.5
        side_w = int(rng.uniform(150, 220) * s) if side else 0
        gut_w = int(f.getlength("0000")) + int(12 * s)
        W = max(int(560 * s), side_w + gut_w + code_w + int(40 * s) + int(rng.uniform(0, 200) * s))
        tab_h = int(34 * s)
        status_h = int(22 * s)
        show_problems = sn.error is not None and rng.random() < 0.7
        prob_h = int(70 * s) if show_problems else 0
        H = tab_h + len(lines) * lh + int(16 * s) + prob_h + status_h + int(rng.uniform(0, 120) * s)
        c = Canvas(W, H, th[2])
        panel = th[11]
        # sidebar
        if side:
            c.draw.rectangle([0, 0, side_w, H], fill=panel)
            c.text((int(14 * s), int(12 * s)), "EXPLORER", fonts.font("DejaVu Sans", int(10 * s), True), th[3],
                   role="sidebar title")
            proj = rng.choice(L.PROJECTS)
            c.text((int(14 * s), int(38 * s)), proj.upper() if rng.random() < 0.5 else proj, ui_f, th[4],
                   role="project")
            files = sorted(set([file_name] + [L.file_name(rng, sn.ext) for _ in range(rng.randint(2, 6))] +
                               ["README.md", ".gitignore"]))
            yy = int(62 * s)
            for fn in files:
                if yy > H - status_h - int(20 * s):
                    break
                if fn == file_name:
                    c.draw.rectangle([0, yy - int(3 * s), side_w, yy + int(17 * s)],
                                     fill=colors.mix(panel, th[13], 0.35))
                c.text((int(28 * s), yy), fn, ui_f, th[4], role="file")
                yy += int(22 * s)
        # tabs
        c.draw.rectangle([side_w, 0, W, tab_h], fill=panel)
        tabs = [file_name] + [L.file_name(rng, rng.choice([sn.ext, "md", "json"])) for _ in range(rng.choice([0, 0, 1, 2]))]
        tabs = list(dict.fromkeys(tabs))
        rng.shuffle(tabs)
        tx = side_w
        tabs_lines = []
        for t in tabs:
            tw = int(ui_f.getlength(t)) + int(40 * s)
            if tx + tw > W:
                break
            if t == file_name:
                c.draw.rectangle([tx, 0, tx + tw, tab_h], fill=th[2])
                c.draw.line([(tx, 0), (tx + tw, 0)], fill=th[13], width=max(1, int(2 * s)))
            ln = c.text((tx + int(14 * s), tab_h / 2), t, ui_f, th[4] if t == file_name else th[3], role="tab",
                        anchor="lm")
            c.add("tab", (tx, 0, tx + tw + 1, tab_h + 1), countable=False,
                  attrs={"relatable": False, "label": t, "label_style": "prefix",
                         **({"label_line": ln.id} if ln else {})})
            if t == file_name:
                title_ln = ln
            tabs_lines.append(ln)
            tx += tw
        title_ln = title_ln if file_name in tabs[:len(tabs_lines)] else None
        x0 = side_w + gut_w + int(16 * s)
        y = tab_h + int(8 * s)
        gutter = True
        gut_x = side_w + gut_w
        # status bar
        sb_y = H - status_h
        c.draw.rectangle([0, sb_y, W, H], fill=th[13] if rng.random() < 0.6 else panel)
        sbf = fonts.font("DejaVu Sans", int(11 * s))
        sfg = colors.on_colour(th[13]) if c.image.getpixel((2, H - 2)) == th[13] else th[4]
        branch = rng.choice(L.BRANCHES)
        status = {}
        status["branch"] = c.text((int(10 * s), sb_y + status_h / 2), branch, sbf, sfg, role="status", anchor="lm")
        n_err = 1 if sn.error else 0
        status["errors"] = c.text((int(10 * s) + sbf.getlength(branch) + int(24 * s), sb_y + status_h / 2),
                                  f"{n_err} errors, 0 warnings" if rng.random() < 0.5 else f"⊗ {n_err}  ⚠ 0", sbf, sfg,
                                  role="status", anchor="lm")
        status["lang"] = c.text((W - int(10 * s), sb_y + status_h / 2), sn.language if sn.language != "Shell" else
                                "Shell Script", sbf, sfg, role="status", anchor="rm")
        problems = None
        if show_problems:
            py = sb_y - prob_h
            c.draw.rectangle([side_w, py, W, sb_y], fill=panel)
            c.draw.line([(side_w, py), (W, py)], fill=colors.mix(panel, th[4], 0.2))
            c.text((side_w + int(14 * s), py + int(8 * s)), "PROBLEMS", fonts.font("DejaVu Sans", int(10 * s), True), th[4],
                   role="panel title")
            e = sn.error
            ln_no = e["line"] - start + first_no
            col_no = sn.lines[e["line"]].replace("\t", "    ").find(e["token"]) + 1
            msg = f"{e['message']}  [Ln {e['line'] + 1}, Col {col_no}]"
            c.draw.ellipse([side_w + int(14 * s), py + int(34 * s), side_w + int(26 * s), py + int(46 * s)],
                           fill=(241, 76, 76))
            problems = c.text((side_w + int(34 * s), py + int(40 * s)), fonts.fit(ui_f, msg, W - side_w - int(50 * s)),
                              ui_f, th[4], role="error", anchor="lm")
            c.add("problems panel", (side_w, py, W, sb_y), countable=False, attrs={"relatable": False})
        sq_y = {}

    # code
    code_lines = {}
    cur = rng.randrange(len(lines)) if rng.random() < 0.5 and style == "ide" else None
    for i, text in enumerate(lines):
        yy = y + i * lh
        if yy + lh > c.h - (int(22 * s) + (int(70 * s) if style == "ide" and problems is not None else 0)) and style == "ide":
            break
        if cur == i:
            c.draw.rectangle([x0 - int(4 * s), yy - int(2 * s), c.w, yy + lh - int(2 * s)], fill=th[12])
        if gutter:
            no = str(first_no + i)
            c.text((gut_x, yy), no, f, th[3], role="line number", anchor="ra")
        ln = draw_code_line(c, x0, yy, text, sn.language, th, f)
        if ln:
            code_lines[start + i] = ln
        # error squiggle
        if sn.error and sn.error["line"] == start + i:
            t = text.replace("\t", "    ")
            k = t.find(sn.error["token"])
            if k >= 0:
                xa = x0 + f.getlength(t[:k])
                xb = xa + f.getlength(sn.error["token"])
                _squiggle(c, xa, xb, yy + fs + int(3 * s), (241, 76, 76), s)
                sq_y["y"] = yy

    # ---- facts ----
    theme_adj = "dark" if dark else "light"
    lang = sn.language
    shown_idx = sorted(code_lines)
    tl = [title_ln.id] if title_ln else []
    what = {"JSON": "JSON file", "YAML": "YAML workflow file", "SQL": "SQL query", "Shell": "shell script",
            "CSS": "CSS stylesheet"}.get(lang, f"{lang} code")
    container = "code editor" if style == "ide" else "code snippet"
    has_err = sn.error is not None and "y" in sq_y
    err_s = " with an error underlined" if has_err else ""
    c.fact("subject", 1.0, phrase=f"{article(theme_adj)} {container} showing {what} in {file_name}{err_s}",
           short=f"{cap(theme_adj)} {container} with {what} in {file_name}{err_s}",
           phrase_alt=f"{article(theme_adj)} {container} showing {what}{err_s}",
           short_alt=f"{cap(theme_adj)} {container} showing {what}{err_s}", lines=tl)
    c.fact("attr", 0.6, key="language", value=lang if lang != "Shell" else "Bash", subj="code",
           sentence=f"The code is written in {lang if lang != 'Shell' else 'Bash'}.")
    if title_ln:
        c.fact("attr", 0.5, key="file_name", value=file_name, lines=tl)
    def_lines = []
    for fn in sn.functions + sn.classes:
        for i in shown_idx:
            if fn in code_lines[i].text:
                def_lines.append(code_lines[i].id)
                break
        else:
            def_lines.append(-1)
    if sn.summary:
        import re as _re
        sl = [x for x in def_lines if x >= 0] or tl
        for tok in _re.findall(r"\d+|/[\w/:.-]+", sn.summary):
            hit = [code_lines[i].id for i in shown_idx if tok in code_lines[i].text]
            sl = sl + (hit[:1] or [-1])
        c.fact("detail", 0.75, text=f"It {'is' if sn.summary.startswith(('a ', 'an ', 'CSS')) else ''} {sn.summary}"
               .replace("It  ", "It ").replace("It is CSS", "It contains CSS"), lines=sl,
               short=None)
    if sn.functions:
        fl = def_lines[:len(sn.functions)]
        if len(sn.functions) == 1:
            c.fact("qa", 0.6, q=["What is the name of the function?", "What function is defined?",
                                 "Which function is shown?"], a=sn.functions[0], lines=fl, qtype="text")
        else:
            c.fact("qa", 0.6, q=["What functions are defined?", "Which functions are defined in this code?",
                                 "Name the functions in the code."], a=join(sn.functions), lines=fl, qtype="text")
    if sn.classes:
        cl = def_lines[len(sn.functions):]
        c.fact("qa", 0.5, q=["What class is defined?", "What is the name of the class?"] if len(sn.classes) == 1 else
               ["What types are defined?"], a=join(sn.classes), lines=cl, qtype="text")
    if sn.imports and lang not in ("JSON",):
        il = [code_lines[i].id for i in shown_idx if i < 12 and any(m in code_lines[i].text for m in sn.imports)]
        if len(il) >= 1 and all(any(m in code_lines[i].text for i in shown_idx if i < 12) for m in sn.imports):
            c.fact("qa", 0.35, q=["What does the code import?", "Which modules are imported?"], a=join(sn.imports),
                   lines=il, qtype="text")
    if has_err:
        e = sn.error
        el = [code_lines[e["line"]].id] if e["line"] in code_lines else [-1]
        c.fact("qa", 0.6, q=["Is there an error in the code?", "Does the editor show an error?"], a="Yes",
               qtype="yesno")
        c.fact("qa", 0.6, q=["Which line has the error?", "On which line is the error?", "What line is underlined?"],
               a=str(e["line"] + 1), lines=[problems.id] if problems else
               ([ln.id for ln in c.lines if ln.role == "line number" and ln.text == str(e["line"] + 1)] or [-1]),
               qtype="text")
        c.fact("qa", 0.55, q=["Which word is underlined in red?", "What is underlined as an error?"], a=e["token"],
               lines=el, qtype="text")
        c.fact("detail", 0.8, text=f"A red squiggle marks {e['token']} on line {e['line'] + 1}",
               lines=el, alt="A red squiggly underline marks an error")
        if problems:
            c.fact("attr", 0.7, key="error", value=e["message"], lines=[problems.id])
            c.fact("detail", 0.85, text=f'The problems panel reports "{e["message"]}"', lines=[problems.id],
                   short=f'error "{e["message"]}"' if len(e["message"]) < 50 else None)
    else:
        c.fact("absent", 0.0, q=["What is the error message?", "What error does the editor show?"],
               a="There is no error message in the image.")
        c.fact("qa", 0.4, q=["Is there an error in the code?", "Does the editor show any errors?"], a="No",
               qtype="yesno")
    if style == "ide" and status.get("branch"):
        c.fact("attr", 0.35, key="branch", value=status["branch"].text, lines=[status["branch"].id])
    c.fact("attr", 0.4, key="theme", value=theme_adj, subj="editor")
    if gutter and shown_idx:
        c.fact("qa", 0.3, q=["Does the editor show line numbers?", "Are line numbers visible?"], a="Yes",
               qtype="yesno")
    c.present.update({"code", "editor", "text", "window"})
    if style == "ide":
        c.detect_names.update({"tab", "problems panel"})
    return c.scene("code", style=style, language=lang, theme=th[0])
