"""Chart facts -> questions and caption sentences (used by qa.py and captions.py for 'chart' facts).

Visual comparisons (highest bar, trend, correlation) are asked only when the data makes them clear; exact values
only when the value is printed (value labels, pie percentages) and therefore readable from the OCR block.
"""
from __future__ import annotations

from .language import article, cap, join, number, plural
from .qa import QA


def _ids(*xs):
    out = []
    for x in xs:
        out.append(-1 if x is None else x)
    return out


def _fmtv(v, dec):
    return str(int(round(v))) if dec == 0 else f"{v:.{dec}f}"


def _clear_extreme(vals, hi=True, margin=0.08):
    order = sorted(range(len(vals)), key=lambda i: -vals[i] if hi else vals[i])
    span = max(vals) - min(vals) or 1
    if len(vals) < 2 or abs(vals[order[0]] - vals[order[1]]) < margin * max(max(vals), span):
        return None
    return order[0]


def questions(scene, f, rng):
    d = f.data
    ct = d["chart_type"]
    L = d["axis_lines"]
    out = [QA("What kind of chart is this?", cap(article(ct)), "chart",
              paraphrases=["What type of chart is shown?", "What type of graph is this?"], terse=["chart type?"],
              source="chart")]
    if d.get("title"):
        out.append(QA("What is the title of the chart?", d["title"], "chart",
                      paraphrases=["What is the chart's title?", "What is the chart called?"], terse=["chart title?"],
                      lines=_ids(L.get("title")), source="chart"))
    if d.get("x_label"):
        out.append(QA("What is the label of the x-axis?", d["x_label"], "chart",
                      paraphrases=["What does the x-axis show?", "What is on the horizontal axis?"]
                      if ct != "horizontal bar chart" else ["What is the x-axis label?"],
                      lines=_ids(L.get("x")), source="chart"))
    if d.get("y_label"):
        out.append(QA("What is the label of the y-axis?", d["y_label"], "chart",
                      paraphrases=["What does the y-axis measure?", "What is on the vertical axis?"]
                      if ct != "horizontal bar chart" else ["What is the y-axis label?"],
                      lines=_ids(L.get("y")), source="chart"))
    cats, vals = d.get("categories"), d.get("values")
    if ct.endswith("bar chart") or ct in ("pie chart", "donut chart"):
        unit = "bars" if "bar" in ct else "slices"
        cn = d.get("cat_noun", "category")
        out.append(QA(f"How many {unit} are there?", str(len(cats)), "count",
                      paraphrases=[f"How many {unit} does the chart have?", f"Count the {unit}."],
                      objs=list(d.get("objs", [])), source="chart"))
        hi = _clear_extreme(vals, True)
        lo = _clear_extreme(vals, False)
        cl = d["cat_lines"]
        vl = d.get("val_lines") or [None] * len(cats)
        m = d.get("measure", "value")
        if hi is not None:
            q = [f"Which {cn} has the highest {m}?", f"Which {cn} is the largest?" if "pie" not in ct and "donut" not in ct
                 else f"Which {cn} has the biggest slice?", "Which bar is the tallest?" if ct == "bar chart" else
                 "Which is the largest category?"]
            out.append(QA(q[0], cats[hi], "chart", paraphrases=q[1:], lines=_ids(cl[hi]), source="chart"))
        if lo is not None:
            out.append(QA(f"Which {cn} has the lowest {m}?", cats[lo], "chart",
                          paraphrases=[f"Which {cn} is the smallest?"], lines=_ids(cl[lo]), source="chart"))
        if d.get("value_labels"):
            dec = d.get("decimals", 0)
            for i in rng.sample(range(len(cats)), min(2, len(cats))):
                v = _fmtv(vals[i], dec) + ("%" if "pie" in ct or "donut" in ct else "")
                q = [f"What is the value for {cats[i]}?", f"How much is {cats[i]}?",
                     f"What percentage is {cats[i]}?" if "%" in v else f"What {m} does {cats[i]} have?"]
                out.append(QA(q[0], v, "chart", paraphrases=q[1:], lines=_ids(cl[i], vl[i]), source="chart"))
        # pairwise comparison with a clear difference
        i, j = rng.sample(range(len(cats)), 2)
        if abs(vals[i] - vals[j]) >= 0.1 * max(vals):
            bigger = vals[i] > vals[j]
            out.append(QA(f"Is {cats[i]} higher than {cats[j]}?" if "bar" in ct else f"Is {cats[i]} bigger than {cats[j]}?",
                          "Yes" if bigger else "No", "chart", lines=_ids(cl[i], cl[j]), source="chart"))
            out.append(QA(f"Which is {'higher' if 'bar' in ct else 'bigger'}, {cats[i]} or {cats[j]}?",
                          cats[i] if bigger else cats[j], "chart", choice=True, lines=_ids(cl[i], cl[j]), source="chart"))
        if d.get("single_colour") and d.get("colours"):
            out.append(QA("What colour are the bars?", cap(d["colours"][0]), "colour",
                          paraphrases=["What color are the bars?"], objs=list(d.get("objs", [])), source="chart"))
        elif d.get("colours") and hi is not None and ("pie" in ct or "donut" in ct or not d.get("single_colour")):
            out.append(QA(f"What colour is the {cats[hi]} {'slice' if 'pie' in ct or 'donut' in ct else 'bar'}?",
                          cap(d["colours"][hi]), "colour", lines=_ids(cl[hi]), objs=[d["objs"][hi]], source="chart"))
    if ct == "line chart":
        sr = d["series"]
        cl = d["cat_lines"]
        if len(sr) == 1:
            t = sr[0]["trend"]
            a = {"increasing": "It increases", "decreasing": "It decreases", "peak": "It rises and then falls",
                 "dip": "It falls and then rises"}[t]
            out.append(QA("What is the overall trend?", a, "chart",
                          paraphrases=["How does the line change over time?", "Is the line going up or down?"
                                       if t in ("increasing", "decreasing") else "Describe the trend of the line."],
                          source="chart"))
            if t in ("increasing", "decreasing"):
                out.append(QA("Is the line going up or down?", "Up" if t == "increasing" else "Down", "chart",
                              choice=True, source="chart"))
            vals = sr[0]["values"]
            hi = _clear_extreme(vals, True, 0.03)
            if hi is not None:
                out.append(QA(f"At which {d['x_label'].split(' (')[0].lower()} is the {d['measure']} highest?",
                              d["categories"][hi], "chart", paraphrases=["Where does the line peak?"],
                              lines=_ids(cl[hi]), source="chart"))
        else:
            out.append(QA("How many lines are in the chart?", str(len(sr)), "count",
                          paraphrases=["How many series are plotted?"], source="chart"))
            ll = d.get("legend_lines", [])
            out.append(QA("What series are shown in the legend?", join([s["name"] for s in sr]), "chart",
                          paraphrases=["What does the legend list?"], lines=_ids(*ll), source="chart"))
            k = rng.randrange(len(sr))
            out.append(QA(f"What colour is the {sr[k]['name']} line?", cap(sr[k]["colour"]), "colour",
                          lines=_ids(ll[k] if k < len(ll) else None), source="chart"))
            for k, s in enumerate(sr):
                if s["trend"] in ("increasing", "decreasing"):
                    out.append(QA(f"Is the {s['name']} line going up or down?",
                                  "Up" if s["trend"] == "increasing" else "Down", "chart", choice=True,
                                  lines=_ids(ll[k] if k < len(ll) else None), source="chart"))
            if len(sr) == 2:
                a, b = sr
                if all(x > y for x, y in zip(a["values"], b["values"])) or all(x < y for x, y in zip(a["values"], b["values"])):
                    top = a if a["values"][0] > b["values"][0] else b
                    out.append(QA("Which series is higher?", top["name"], "chart",
                                  paraphrases=["Which line is always on top?"], lines=_ids(*ll), source="chart"))
    if ct == "scatter plot":
        corr = d["correlation"]
        out.append(QA("Is there a positive or negative correlation?", cap(corr) if corr != "none" else
                      "Neither, there is no clear correlation", "chart", choice=corr != "none",
                      paraphrases=["What relationship do the points show?"], source="chart"))
        out.append(QA("What colour are the points?", cap(d["colour"]), "colour",
                      paraphrases=["What color are the dots?"], source="chart"))
    return out


def sentences(scene, f, ev, rng):
    d = f.data
    ct = d["chart_type"]
    ok = (lambda ids: ev is None or ev.text_ok([-1 if i is None else i for i in ids]))
    out = []
    cats, vals = d.get("categories"), d.get("values")
    if ct.endswith("bar chart") or ct in ("pie chart", "donut chart"):
        cn = d.get("cat_noun", "category")
        cl = d["cat_lines"]
        if ok(cl):
            out.append((0.7, f"It compares {number(len(cats))} {plural(cn)}: {join(cats)}", None))
        else:
            out.append((0.6, f"It has {number(len(cats))} {'bars' if 'bar' in ct else 'slices'}", None))
        hi = _clear_extreme(vals, True)
        if hi is not None and ok([cl[hi]]):
            dec = d.get("decimals", 0)
            vl = d.get("val_lines") or [None] * len(cats)
            suffix = "%" if "pie" in ct or "donut" in ct else ""
            if d.get("value_labels") and ok([vl[hi]]):
                s = f"{cats[hi]} is the largest at {_fmtv(vals[hi], dec)}{suffix}"
            else:
                s = f"{cats[hi]} is the largest"
            out.append((0.8, s, f"{cats[hi]} highest" if "bar" in ct else f"{cats[hi]} largest"))
        lo = _clear_extreme(vals, False)
        if lo is not None and ok([cl[lo]]):
            out.append((0.5, f"{cats[lo]} is the smallest", None))
        if d.get("single_colour") and d.get("colours"):
            out.append((0.4, f"The bars are {d['colours'][0]}", None))
    if ct == "line chart":
        sr = d["series"]
        if len(sr) == 1:
            t = sr[0]["trend"]
            out.append((0.8, {"increasing": "The line rises steadily", "decreasing": "The line falls steadily",
                              "peak": "The line rises to a peak and then falls",
                              "dip": "The line dips and then recovers"}[t],
                        {"increasing": "rising", "decreasing": "falling", "peak": "peaking mid-way",
                         "dip": "dipping mid-way"}[t]))
        else:
            names = [s["name"] for s in sr]
            if ok(d.get("legend_lines", [])):
                out.append((0.7, f"It plots {number(len(sr))} series: {join(names)}", f"{len(sr)} series"))
            else:
                out.append((0.6, f"It plots {number(len(sr))} lines in different colours", f"{len(sr)} series"))
        if d.get("x_label") and ok([d["axis_lines"].get("x")]):
            out.append((0.5, f"The x-axis shows {d['x_label'].lower() if not d['x_label'][1:2].isupper() else d['x_label']}", None))
    if ct == "scatter plot":
        corr = d["correlation"]
        out.append((0.8, {"positive": "The points show a positive correlation",
                          "negative": "The points show a negative correlation",
                          "none": "The points show no clear correlation"}[corr],
                    {"positive": "positive correlation", "negative": "negative correlation", "none": None}[corr]))
        out.append((0.4, f"The points are {d['colour']}", None))
    if d.get("y_label") and ok([d["axis_lines"].get("y")]) and ct != "line chart":
        out.append((0.45, f"The y-axis shows {d['y_label']}", None))
    return out
