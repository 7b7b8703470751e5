"""Charts: bar (vertical and horizontal), line (one to three series), pie/donut, scatter; with titles, axis
labels, tick labels, optional value labels and legends. The data is the fact."""
from __future__ import annotations

import math

from .. import colors, fonts, lexicon as L
from ..scene import Canvas, mask_from_draw
from .common import distinct

PALETTE = ["blue", "orange", "green", "red", "purple", "teal", "pink", "brown", "gray", "yellow"]

TOPICS = [  # title, x label, y label, categories(rng), lo, hi, decimals, category noun, measure noun
    ("Monthly revenue", "Month", "Revenue ($k)", lambda r, k: L.MONTHS[(s := r.randrange(12 - k + 1)):s + k], 10, 120, 0,
     "month", "revenue"),
    ("Requests per day", "Day", "Requests", lambda r, k: L.DAYS[:k], 100, 5000, 0, "day", "number of requests"),
    ("Test coverage by package", "Package", "Coverage (%)",
     lambda r, k: r.sample(["core", "api", "cli", "utils", "auth", "db", "web", "jobs"], k) if r.random() < 0.5 else
     distinct(k, lambda: L.made_up_name(r)), 20, 100, 0, "package",
     "coverage"),
    ("Open bugs by severity", "Severity", "Open bugs", lambda r, k: ["Critical", "High", "Medium", "Low"], 1, 60, 0,
     "severity", "number of open bugs"),
    ("Build time by version", "Version", "Minutes",
     lambda r, k: [f"v{1 + i // 3}.{i % 3}" for i in range(k)], 2, 30, 1, "version", "build time"),
    ("Sales by region", "Region", "Units sold", lambda r, k: r.sample(L.REGIONS, min(k, 5)), 50, 900, 0, "region",
     "sales"),
    ("Files by language", "Language", "Files", lambda r, k: r.sample(L.LANG_NAMES, k), 5, 300, 0, "language", "number of files"),
    ("Page load time", "Page", "Seconds", lambda r, k: r.sample(["Home", "Search", "Cart", "Login", "Profile",
                                                                 "Checkout", "Docs"], k), 0.3, 6.0, 1, "page",
     "load time"),
    ("Fruit sold this week", "Fruit", "Boxes", lambda r, k: r.sample(L.FRUITS, k), 5, 80, 0, "fruit", "number of boxes sold"),
    ("Active users by city", "City", "Users", lambda r, k: r.sample(L.CITIES, k), 100, 9000, 0, "city", "number of users"),
    ("Pull requests merged", "Team", "PRs", lambda r, k: r.sample(L.TEAMS, k), 3, 90, 0, "team", "number of merged PRs"),
]

LINE_TOPICS = [
    ("Memory usage", "Time (min)", "Memory (MB)", lambda r, k: [str(i * 5) for i in range(k)], 100, 900, "memory usage"),
    ("Daily active users", "Week", "Users", lambda r, k: [f"W{i + 1}" for i in range(k)], 200, 5000, "daily active users"),
    ("API latency", "Hour", "Latency (ms)", lambda r, k: [f"{h:02d}:00" for h in range(0, 24, max(1, 24 // k))][:k], 20, 400,
     "latency"),
    ("GitHub stars", "Month", "Stars", lambda r, k: L.MONTHS[:k], 10, 3000, "stars"),
    ("Error rate", "Day", "Errors (%)", lambda r, k: L.DAYS[:k], 0.5, 9.0, "error rate"),
]

PIE_TOPICS = [
    ("Browser share", ["Chrome", "Safari", "Firefox", "Edge", "Other"], "browser"),
    ("Where the time goes", ["Coding", "Meetings", "Code review", "Email", "Planning"], "activity"),
    ("Traffic sources", ["Search", "Direct", "Social", "Referral", "Email"], "source"),
    ("Cloud costs", ["Compute", "Storage", "Network", "Database", "Other"], "category"),
    ("Test results", ["Passed", "Failed", "Skipped"], "result"),
]

SCATTER_TOPICS = [
    ("Response time vs payload size", "Payload (KB)", "Response time (ms)"),
    ("Height vs weight", "Height (cm)", "Weight (kg)"),
    ("Price vs rating", "Price ($)", "Rating"),
    ("Study hours vs score", "Hours", "Score"),
]


def _title(rng, base):
    """The topic's title, often with a year, a quarter or a project name added: titles come from a short list
    of topics, and a model that only recalls them misreads every title it has not seen (copying is the point)."""
    r = rng.random()
    if r < 0.35:
        return base
    year = rng.randint(2016, 2027)
    name = rng.choice([L.app_name(rng), L.made_up_word(rng, 2).capitalize(), rng.choice(L.PROJECTS)])
    return rng.choice([f"{base} ({year})", f"{base} in {year}", f"{base}, Q{rng.randint(1, 4)} {year}",
                       f"{base} for {name}", f"{base}: {name}", f"{base} ({name})"])


def _nice_ticks(lo, hi, n=5):
    span = hi - lo
    raw = span / max(1, n)
    mag = 10 ** math.floor(math.log10(raw))
    step = min([1, 2, 2.5, 5, 10], key=lambda m: abs(m * mag - raw)) * mag
    start = math.floor(lo / step) * step
    ticks = []
    v = start
    while v <= hi + step * 0.999:
        ticks.append(round(v, 6))
        v += step
    return ticks


def _fmt(v, dec):
    if dec == 0:
        return f"{int(round(v)):,}" if abs(v) >= 10000 else str(int(round(v)))
    return f"{v:.{dec}f}"


def _style(rng):
    dark = rng.random() < 0.25
    if dark:
        return dict(dark=True, bg=(24, 26, 32), fg=(230, 230, 230), muted=(160, 165, 175), grid=(60, 64, 72))
    return dict(dark=False, bg=rng.choice([(255, 255, 255), (255, 255, 255), (250, 250, 252), (245, 245, 240)]),
                fg=(30, 30, 30), muted=(90, 90, 95), grid=(225, 225, 230))


def _frame(rng, st, w, h, title, xl, yl, fam, s, legend_w=0):
    c = Canvas(w, h, st["bg"])
    tf = fonts.font(fam, int(17 * s), bold=True)
    lf = fonts.font(fam, int(12 * s))
    lines = {}
    centered = rng.random() < 0.6
    lines["title"] = c.text((w / 2 if centered else int(16 * s), int(12 * s)), title, tf, st["fg"],
                            role="title", anchor="ma" if centered else "la")
    top = int(48 * s)
    if rng.random() < 0.35:
        # a subtitle under the title, as many real charts have: text near the title that is not the title
        year = rng.randint(2016, 2027)
        sub = rng.choice([f"{rng.choice(['First', 'Second'])} half of {year}", f"Last {rng.choice([7, 30, 90])} days",
                          f"Source: {L.app_name(rng)} analytics", f"Data as of {rng.choice(L.MONTHS_FULL)} {year}",
                          f"All teams, {year}", f"Q{rng.randint(1, 4)} {year} vs Q{rng.randint(1, 4)} {year - 1}"])
        lines["subtitle"] = c.text((w / 2 if centered else int(16 * s), int(34 * s)), sub, fonts.font(fam, int(12 * s)),
                                   st["muted"], role="subtitle", anchor="ma" if centered else "la")
        top = int(62 * s)
    left = int(70 * s)
    bottom = int(58 * s)
    right = int(24 * s) + legend_w
    if xl:
        lines["x"] = c.text((left + (w - left - right) / 2, h - int(10 * s)), xl, lf, st["muted"], role="axis label",
                            anchor="md")
    if yl:
        # rotated y label: render on a temp image
        from PIL import Image, ImageDraw
        tw = int(lf.getlength(yl)) + 4
        tmp = Image.new("RGBA", (tw, int(lf.size * 1.4)), (0, 0, 0, 0))
        ImageDraw.Draw(tmp).text((2, 0), yl, font=lf, fill=st["muted"] + (255,))
        rot = tmp.rotate(90, expand=True)
        px, py = int(6 * s), int(top + (h - top - bottom) / 2 - rot.size[1] / 2)
        if py > 0:
            c.image.paste(rot, (px, py), rot)
            bb = rot.getbbox()
            from ..scene import TextLine
            if bb:
                ln = TextLine(id=len(c.lines), text=yl, box=(px + bb[0], py + bb[1], px + bb[2], py + bb[3]),
                              role="axis label", size=float(lf.size), ocr=rng.random() < 0.3)
                c.lines.append(ln)
                lines["y"] = ln
    return c, (left, top, w - right, h - bottom), lines


def bar_chart(rng, horizontal=False):
    title, xl, yl, cats, lo, hi, dec, cnoun, mnoun = rng.choice(TOPICS)
    title = _title(rng, title)
    k = rng.randint(3, 7)
    cats = list(cats(rng, k))
    k = len(cats)
    vals = [round(rng.uniform(lo, hi), dec) for _ in cats]
    st = _style(rng)
    s = rng.choice([1.0, 1.0, 1.25, 1.5, 2.0])
    fam = fonts.pick(rng, "sans")
    w = int(rng.uniform(420, 760) * s)
    h = int(w * rng.uniform(0.55, 0.85))
    if horizontal:
        h = int(max(h, (k * 34 + 120) * s))
    c, (x0, y0, x1, y1), lines = _frame(rng, st, w, h, title, yl if horizontal else xl, xl if horizontal else yl, fam, s)
    if horizontal:
        x0 = int(max(x0, 24 * s + max(fonts.font(fam, int(12 * s)).getlength(cat) for cat in cats)))
    tf = fonts.font(fam, int(11 * s))
    vmax = max(vals)
    ticks = _nice_ticks(0, vmax * 1.08)
    top_v = ticks[-1]
    # grid + value ticks
    for t in ticks:
        if horizontal:
            x = x0 + (x1 - x0) * t / top_v
            c.draw.line([(x, y0), (x, y1)], fill=st["grid"])
            c.text((x, y1 + int(6 * s)), _fmt(t, dec if t != int(t) else 0), tf, st["muted"], role="tick", anchor="ma")
        else:
            y = y1 - (y1 - y0) * t / top_v
            c.draw.line([(x0, y), (x1, y)], fill=st["grid"])
            c.text((x0 - int(6 * s), y), _fmt(t, dec if t != int(t) else 0), tf, st["muted"], role="tick", anchor="rm")
    c.draw.line([(x0, y1), (x1, y1)], fill=st["muted"])
    c.draw.line([(x0, y0), (x0, y1)], fill=st["muted"])
    single = rng.random() < 0.6
    cols = [rng.choice(PALETTE[:6])] * k if single else rng.sample(PALETTE[:8], k) if k <= 8 else None
    show_vals = rng.random() < 0.55
    slot = ((y1 - y0) if horizontal else (x1 - x0)) / k
    bw = slot * rng.uniform(0.5, 0.75)
    cat_lines, val_lines, bars = [], [], []
    for i, (cat, v) in enumerate(zip(cats, vals)):
        col = colors.rgb(rng, cols[i], 0)
        if horizontal:
            cy = y0 + slot * (i + 0.5)
            bx1 = x0 + (x1 - x0) * v / top_v
            box = (x0 + 1, cy - bw / 2, bx1, cy + bw / 2)
            cl = c.text((x0 - int(8 * s), cy), cat, fonts.font(fam, int(12 * s)), st["fg"], role="category", anchor="rm")
        else:
            cx = x0 + slot * (i + 0.5)
            by0 = y1 - (y1 - y0) * v / top_v
            box = (cx - bw / 2, by0, cx + bw / 2, y1 - 1)
            cl = c.text((cx, y1 + int(6 * s)), cat, tf, st["fg"], role="category", anchor="ma")
        c.draw.rectangle([int(box[0]), int(box[1]), int(box[2]), int(box[3])], fill=col)
        o = c.add("bar", (int(box[0]), int(box[1]), int(box[2]) + 1, int(box[3]) + 1), phrase=f"{cat} bar",
                  color=cols[i], countable=False, attrs={"relatable": False, "label": cat, "label_style": "prefix"})
        if cl:
            o.attrs["label_line"] = cl.id
        bars.append(o)
        cat_lines.append(cl)
        vl = None
        if show_vals:
            txt = _fmt(v, dec)
            if horizontal:
                vl = c.text((bx1 + int(5 * s), cy), txt, tf, st["fg"], role="value", anchor="lm")
            else:
                vl = c.text((cx, box[1] - int(4 * s)), txt, tf, st["fg"], role="value", anchor="md")
        val_lines.append(vl)
    c.detect_names.add("bar")
    return c, dict(chart_type="horizontal bar chart" if horizontal else "bar chart", title=title,
                   x_label=yl if horizontal else xl, y_label=xl if horizontal else yl, categories=cats, values=vals, decimals=dec, cat_noun=cnoun, measure=mnoun,
                   colours=cols, single_colour=single, value_labels=show_vals,
                   axis_lines={"title": lines.get("title"), "x": lines.get("x"), "y": lines.get("y")},
                   cat_lines=cat_lines, val_lines=val_lines, objs=[b.id for b in bars])


def line_chart(rng):
    title, xl, yl, cats, lo, hi, mnoun = rng.choice(LINE_TOPICS)
    title = _title(rng, title)
    k = rng.randint(5, 10)
    cats = list(cats(rng, k))
    k = len(cats)
    n_series = rng.choice([1, 1, 1, 2, 3])
    trend = rng.choice(["increasing", "decreasing", "peak", "dip"])
    series = []
    names = rng.sample(["prod", "staging", "dev", "web", "mobile", "api", "2023", "2024"], n_series)
    cols = rng.sample(PALETTE[:6], n_series)
    dec = 1 if hi < 20 else 0
    for j in range(n_series):
        t = trend if j == 0 else rng.choice(["increasing", "decreasing", "peak", "dip"])
        base = [rng.uniform(lo, hi) for _ in range(2)]
        a, b = min(base), max(base)
        if b - a < (hi - lo) * 0.35:
            b = min(hi, a + (hi - lo) * 0.5)
        vals = []
        pk = rng.randrange(1, k - 1)
        for i in range(k):
            u = i / (k - 1)
            if t == "increasing":
                v = a + (b - a) * u
            elif t == "decreasing":
                v = b - (b - a) * u
            elif t == "peak":
                v = a + (b - a) * (1 - abs(i - pk) / max(pk, k - 1 - pk))
            else:
                v = b - (b - a) * (1 - abs(i - pk) / max(pk, k - 1 - pk))
            v += rng.uniform(-0.04, 0.04) * (b - a)
            vals.append(round(v, dec))
        if t == "increasing":
            vals = sorted(vals)
        elif t == "decreasing":
            vals = sorted(vals, reverse=True)
        series.append({"name": names[j], "values": vals, "colour": cols[j], "trend": t})
    st = _style(rng)
    s = rng.choice([1.0, 1.0, 1.25, 1.5, 2.0])
    fam = fonts.pick(rng, "sans")
    w = int(rng.uniform(460, 800) * s)
    h = int(w * rng.uniform(0.5, 0.8))
    legend_w = int(90 * s) if n_series > 1 else 0
    c, (x0, y0, x1, y1), lines = _frame(rng, st, w, h, title, xl, yl, fam, s, legend_w)
    tf = fonts.font(fam, int(11 * s))
    allv = [v for sr in series for v in sr["values"]]
    vmin = 0 if min(allv) > 0 and rng.random() < 0.5 else min(allv) * 0.9
    ticks = _nice_ticks(vmin, max(allv) * 1.05)
    lo_v, hi_v = ticks[0], ticks[-1]
    for t in ticks:
        y = y1 - (y1 - y0) * (t - lo_v) / (hi_v - lo_v)
        c.draw.line([(x0, y), (x1, y)], fill=st["grid"])
        c.text((x0 - int(6 * s), y), _fmt(t, 1 if t != int(t) else 0), tf, st["muted"], role="tick", anchor="rm")
    c.draw.line([(x0, y1), (x1, y1)], fill=st["muted"])
    cat_lines = []
    xs = [x0 + (x1 - x0) * (i + 0.5) / k for i in range(k)]
    for i, cat in enumerate(cats):
        cat_lines.append(c.text((xs[i], y1 + int(6 * s)), cat, tf, st["fg"], role="category", anchor="ma"))
    markers = rng.random() < 0.6
    for sr in series:
        col = colors.rgb(rng, sr["colour"], 0)
        pts = [(xs[i], y1 - (y1 - y0) * (v - lo_v) / (hi_v - lo_v)) for i, v in enumerate(sr["values"])]
        c.draw.line(pts, fill=col, width=max(2, int(2.5 * s)), joint="curve")
        if markers:
            r = int(3.5 * s)
            for p in pts:
                c.draw.ellipse([p[0] - r, p[1] - r, p[0] + r, p[1] + r], fill=col)
    leg_lines = []
    if n_series > 1:
        lx = w - legend_w + int(6 * s)
        ly = y0 + int(10 * s)
        for sr in series:
            col = colors.rgb(rng, sr["colour"], 0)
            c.draw.rectangle([lx, ly + int(3 * s), lx + int(14 * s), ly + int(11 * s)], fill=col)
            leg_lines.append(c.text((lx + int(20 * s), ly), sr["name"], tf, st["fg"], role="legend"))
            ly += int(20 * s)
    return c, dict(chart_type="line chart", title=title, x_label=xl, y_label=yl, categories=cats, series=series,
                   measure=mnoun, decimals=dec, axis_lines={"title": lines.get("title"), "x": lines.get("x"),
                                                       "y": lines.get("y")},
                   cat_lines=cat_lines, legend_lines=leg_lines)


def pie_chart(rng):
    title, labels, cnoun = rng.choice(PIE_TOPICS)
    title = _title(rng, title)
    k = rng.randint(3, len(labels))
    labels = labels[:k]
    raw = sorted([rng.uniform(1, 10) for _ in range(k)], reverse=True)
    tot = sum(raw)
    pct = [int(round(100 * r / tot)) for r in raw]
    pct[0] += 100 - sum(pct)
    if len(set(pct)) < len(pct) or min(pct) < 3:
        return None
    st = _style(rng)
    s = rng.choice([1.0, 1.0, 1.25, 1.5, 2.0])
    fam = fonts.pick(rng, "sans")
    w = int(rng.uniform(460, 760) * s)
    h = int(w * rng.uniform(0.6, 0.85))
    c = Canvas(w, h, st["bg"])
    tl = c.text((w / 2, int(12 * s)), title, fonts.font(fam, int(17 * s), bold=True), st["fg"], role="title", anchor="ma")
    cols = rng.sample(PALETTE[:7], k)
    donut = rng.random() < 0.3
    r = int(min(w * 0.3, (h - 70 * s) / 2))
    cx, cy = int(w * 0.36), int(48 * s + (h - 48 * s) / 2)
    a = -90.0
    tf = fonts.font(fam, int(12 * s))
    slice_objs, pct_lines = [], []
    labelled = rng.random() < 0.6
    for i in range(k):
        span = 360 * pct[i] / 100
        col = colors.rgb(rng, cols[i], 0)
        c.draw.pieslice([cx - r, cy - r, cx + r, cy + r], a, a + span, fill=col, outline=st["bg"], width=max(1, int(2 * s)))
        m = mask_from_draw(2 * r + 1, 2 * r + 1, lambda d, a=a, span=span: d.pieslice([0, 0, 2 * r, 2 * r], a, a + span,
                                                                                    fill=255))
        if donut:
            import numpy as np
            yy, xx = np.ogrid[:2 * r + 1, :2 * r + 1]
            m = m & (((xx - r) ** 2 + (yy - r) ** 2) > (r * 0.55) ** 2)
        o = c.add("slice", (cx - r, cy - r, cx + r + 1, cy + r + 1), phrase=f"{labels[i]} slice", color=cols[i], mask=m,
                  countable=False, attrs={"relatable": False, "label": labels[i], "label_style": "prefix"})
        slice_objs.append(o)
        mid = math.radians(a + span / 2)
        pl = None
        if labelled and pct[i] >= 6:
            rr = r * (0.78 if donut else 0.65)
            pl = c.text((cx + rr * math.cos(mid), cy + rr * math.sin(mid)), f"{pct[i]}%", tf, colors.on_colour(col),
                        role="value", anchor="mm")
        pct_lines.append(pl)
        a += span
    if donut:
        c.draw.ellipse([cx - r * 0.55, cy - r * 0.55, cx + r * 0.55, cy + r * 0.55], fill=st["bg"])
    lx, ly = int(cx + r + 30 * s), int(cy - k * 12 * s)
    leg_lines = []
    for i in range(k):
        col = colors.rgb(rng, cols[i], 0)
        c.draw.rectangle([lx, ly + int(2 * s), lx + int(12 * s), ly + int(14 * s)], fill=col)
        leg_lines.append(c.text((lx + int(18 * s), ly), labels[i] + ("" if labelled else f" ({pct[i]}%)"), tf, st["fg"],
                                role="legend"))
        ly += int(24 * s)
    c.detect_names.add("slice")
    return c, dict(chart_type="donut chart" if donut else "pie chart", title=title, categories=labels, values=pct,
                   cat_noun=cnoun, colours=cols, value_labels=True, pct_in_legend=not labelled,
                   axis_lines={"title": tl}, cat_lines=leg_lines, val_lines=pct_lines if labelled else leg_lines,
                   objs=[o.id for o in slice_objs])


def scatter_chart(rng):
    title, xl, yl = rng.choice(SCATTER_TOPICS)
    title = _title(rng, title)
    corr = rng.choice(["positive", "negative", "none"])
    n = rng.randint(12, 40)
    st = _style(rng)
    s = rng.choice([1.0, 1.0, 1.25, 1.5])
    fam = fonts.pick(rng, "sans")
    w = int(rng.uniform(440, 760) * s)
    h = int(w * rng.uniform(0.6, 0.85))
    c, (x0, y0, x1, y1), lines = _frame(rng, st, w, h, title, xl, yl, fam, s)
    c.draw.line([(x0, y1), (x1, y1)], fill=st["muted"])
    c.draw.line([(x0, y0), (x0, y1)], fill=st["muted"])
    tf = fonts.font(fam, int(11 * s))
    for i in range(6):
        t = i * 20
        x = x0 + (x1 - x0) * i / 5
        c.text((x, y1 + int(6 * s)), str(t), tf, st["muted"], role="tick", anchor="ma")
        y = y1 - (y1 - y0) * i / 5
        c.text((x0 - int(6 * s), y), str(t), tf, st["muted"], role="tick", anchor="rm")
    col_name = rng.choice(PALETTE[:6])
    col = colors.rgb(rng, col_name, 0)
    r = int(rng.uniform(3, 5) * s)
    for _ in range(n):
        u = rng.uniform(0.05, 0.95)
        if corr == "positive":
            v = u + rng.uniform(-0.12, 0.12)
        elif corr == "negative":
            v = 1 - u + rng.uniform(-0.12, 0.12)
        else:
            v = rng.uniform(0.05, 0.95)
        v = min(0.97, max(0.03, v))
        px, py = x0 + (x1 - x0) * u, y1 - (y1 - y0) * v
        c.draw.ellipse([px - r, py - r, px + r, py + r], fill=col)
    return c, dict(chart_type="scatter plot", title=title, x_label=xl, y_label=yl, correlation=corr, n_points=n,
                   colour=col_name, axis_lines={"title": lines.get("title"), "x": lines.get("x"), "y": lines.get("y")})


def generate(rng, hint=None):
    for _ in range(20):
        kind = hint or rng.choices(["bar", "hbar", "line", "pie", "scatter"], weights=[3, 1, 2.5, 2, 1])[0]
        out = {"bar": bar_chart, "hbar": lambda r: bar_chart(r, True), "line": line_chart, "pie": pie_chart,
               "scatter": scatter_chart}[kind](rng)
        if out is None:
            continue
        c, data = out
        # store line ids, not objects
        data["axis_lines"] = {k: (v.id if v is not None else None) for k, v in data["axis_lines"].items()}
        for key in ("cat_lines", "val_lines", "legend_lines"):
            if key in data:
                data[key] = [v.id if v is not None else None for v in data[key]]
        c.fact("chart", 1.0, **data)
        ct = data["chart_type"]
        tl = [data["axis_lines"]["title"]] if data["axis_lines"].get("title") is not None else [-1]
        c.fact("subject", 1.0, phrase=f'{_a(ct)} titled "{data["title"]}"', short=f'{_cap(ct)} of {_lower_title(data["title"])}'
               if not data["title"].lower().startswith(("where", "test results")) else f'{_cap(ct)}: "{data["title"]}"',
               phrase_alt=_a(ct), short_alt=_cap(ct), lines=tl)
        c.present.update({"chart", "graph", "plot", "axis", "legend", ct.split()[0]})
        return c.scene("chart", chart=ct)
    raise RuntimeError("chart generation failed")


def _lower_title(t):
    """The title to follow "A bar chart of": its first word lowercased unless it is an acronym or a name like
    GitHub; the rest is kept (sentence-case titles, project names)."""
    first, _, rest = t.partition(" ")
    if not any(ch.isupper() for ch in first[1:]):
        first = first.lower()
    return f"{first} {rest}" if rest else first


def _a(s):
    from ..language import article
    return article(s)


def _cap(s):
    return s[:1].upper() + s[1:]
