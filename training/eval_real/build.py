#!/usr/bin/env python3
"""Render the real-image evaluation set (items.py) with tools other than the synthetic generator and write
images/<id>.png + gt.json (ground truth: hand-written answers from items.py, boxes and text lines measured in
the rendered page).

  /usr/bin/python3 training/eval_real/build.py            # needs chromium, graphviz (dot), python3-matplotlib
  /usr/bin/python3 training/eval_real/build.py ID [ID...]  # only these items, merged into the committed gt.json

Rendering again with another Chromium or font version can move pixels, so add new items by id: the committed
images of the others stay as they were measured with.

Boxes: elements marked data-gt="name", SVG elements with id "gt-<name>-<k>", graphviz nodes ("node"), measured
with getBoundingClientRect in the page Chromium screenshots. Text lines (the "perfect OCR" block used by the
with-OCR evaluation): every word's range box, merged into lines like an OCR detector does (same row, small gap),
formatted as docs/model-pack.md "OCR lines in the prompt".
"""
from __future__ import annotations

import html as html_mod
import io
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, REPO)
sys.path.insert(0, HERE)

from items import BASE_CSS, ITEMS  # noqa: E402
from training.synth.ocr import OcrLine, format_lines, normalize_chars, reading_order  # noqa: E402

COLLECT_JS = r"""
<script>
(function () {
  const out = {boxes: {}, words: []};
  function add(name, e) {
    const r = e.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return;
    (out.boxes[name] = out.boxes[name] || []).push([r.left, r.top, r.right, r.bottom]);
  }
  document.querySelectorAll('[data-gt]').forEach(e => add(e.dataset.gt, e));
  document.querySelectorAll('[id^="gt-"]').forEach(e => add(e.id.split('-').slice(1, -1).join('-'), e));
  document.querySelectorAll('g.node').forEach(e => add('node', e));
  const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n;
  while ((n = w.nextNode())) {
    if (n.parentElement.closest('script,style,title,#__gt')) continue;
    const re = /\S+/g; let m;
    while ((m = re.exec(n.data))) {
      const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
      const b = r.getBoundingClientRect();
      if (b.width > 0 && b.height > 0) out.words.push([m[0], b.left, b.top, b.right, b.bottom]);
    }
  }
  const pre = document.createElement('pre'); pre.id = '__gt'; pre.style.display = 'none';
  pre.textContent = JSON.stringify(out); document.body.appendChild(pre);
})();
</script>
"""

CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
            "--force-device-scale-factor=1", "--virtual-time-budget=3000"]


def page_for(it) -> str:
    w, h = it["size"]
    if it["source"] == "html":
        body = it["html"]
    elif it["source"] == "matplotlib":
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        plt.rcParams["svg.fonttype"] = "none"
        plt.rcParams["font.family"] = "DejaVu Sans"
        plt.rcParams["svg.hashsalt"] = "lunette"
        ns = {"plt": plt}
        exec(it["code"], ns)
        buf = io.StringIO()
        ns["fig"].savefig(buf, format="svg")
        plt.close(ns["fig"])
        svg = buf.getvalue()
        body = svg[svg.index("<svg"):]
    elif it["source"] == "dot":
        svg = subprocess.run(["dot", "-Tsvg"], input=it["dot"], capture_output=True, text=True, check=True).stdout
        body = f'<div style="width:{w}px;height:{h}px;background:white">' + svg[svg.index("<svg"):] + "</div>"
    else:
        raise ValueError(it["source"])
    css = BASE_CSS + f"svg {{ width: {w}px; height: {h}px; display: block; }}" if it["source"] != "html" else BASE_CSS
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><style>{css}</style></head>"
            f"<body style='width:{w}px;height:{h}px'>{body}{COLLECT_JS}</body></html>")


def lines_from_words(words, w, h):
    """Merge word boxes into OCR-like lines: same row (vertical centres within half a height), gap < 1.2 heights."""
    words = [[normalize_chars(x[0])] + x[1:] for x in words]   # what a Latin OCR model can output (no emoji)
    words = [x for x in words if x[0] and x[1] >= 0 and x[2] >= 0 and x[3] <= w + 1 and x[4] <= h + 1]
    words.sort(key=lambda x: (round((x[2] + x[4]) / 2), x[1]))
    lines = []
    for text, x0, y0, x1, y1 in words:
        hh = y1 - y0
        for ln in lines:
            lx0, ly0, lx1, ly1 = ln["box"]
            if abs((ly0 + ly1) / 2 - (y0 + y1) / 2) < 0.5 * min(hh, ly1 - ly0) and 0 <= x0 - lx1 < 1.2 * hh:
                ln["text"] += " " + text
                ln["box"] = (lx0, min(ly0, y0), x1, max(ly1, y1))
                break
        else:
            lines.append({"text": text, "box": (x0, y0, x1, y1)})
    ocr = [OcrLine(text=ln["text"], box=ln["box"]) for ln in lines]
    text, _ = format_lines(reading_order(ocr), w, h)
    return text


def build(out_dir=HERE, only=None):
    os.makedirs(os.path.join(out_dir, "images"), exist_ok=True)
    gt = []
    with tempfile.TemporaryDirectory() as tmp:
        for it in ITEMS:
            if only and it["id"] not in only:
                continue
            w, h = it["size"]
            page = os.path.join(tmp, it["id"] + ".html")
            with open(page, "w", encoding="utf-8") as f:
                f.write(page_for(it))
            url = "file://" + page
            dom = subprocess.run(CHROMIUM + [f"--window-size={w},{h}", "--dump-dom", url], capture_output=True,
                                 text=True, check=True).stdout
            m = re.search(r'<pre id="__gt"[^>]*>(.*?)</pre>', dom, re.S)
            data = json.loads(html_mod.unescape(m.group(1)))
            png = os.path.join(out_dir, "images", it["id"] + ".png")
            subprocess.run(CHROMIUM + [f"--window-size={w},{h}", f"--screenshot={png}", url], capture_output=True,
                           check=True)

            def norm(b):
                return [round(min(max(b[0] / w, 0), 1), 5), round(min(max(b[1] / h, 0), 1), 5),
                        round(min(max(b[2] / w, 0), 1), 5), round(min(max(b[3] / h, 0), 1), 5)]

            boxes = {k: [norm(b) for b in v] for k, v in data["boxes"].items()}
            for name in set(it["detect"]) | set(it["point"]):
                assert boxes.get(name), f"{it['id']}: no boxes for {name!r}"
            rec = {k: it[k] for k in ("id", "kind", "source", "subject", "keywords", "absurd", "detect", "point")}
            rec["set"] = it.get("set", 1)
            rec["qa"] = [{"q": q, "a": a} for q, a in it["qa"]]
            rec.update(image=f"images/{it['id']}.png", width=w, height=h, boxes=boxes,
                       ocr=lines_from_words(data["words"], w, h))
            gt.append(rec)
            print(f"{it['id']}: {sum(len(v) for v in boxes.values())} boxes, "
                  f"{0 if rec['ocr'] is None else rec['ocr'].count(chr(10)) + 1} text lines", flush=True)
    path = os.path.join(out_dir, "gt.json")
    if only and os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            kept = {rec["id"]: rec for rec in json.load(f)}
        kept.update({rec["id"]: rec for rec in gt})
        gt = [kept[it["id"]] for it in ITEMS if it["id"] in kept]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(gt, f, indent=1, ensure_ascii=False)
        f.write("\n")
    return gt


if __name__ == "__main__":
    build(only=set(sys.argv[1:]) or None)
