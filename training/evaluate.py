#!/usr/bin/env python3
"""Evaluate a Lunette model on the real rendered set (training/eval_real) and on a held-out synthetic split.

  # PyTorch, from a training checkpoint; the real set with its measured text lines as the OCR block and without
  /usr/bin/python3 training/evaluate.py --checkpoint training/runs/nano/ckpt.pt --real --synth 120 --ocr both
  # the exported pack through the real engine (node dist/cli.js; needs `npm run build`), with the engine's own OCR
  /usr/bin/python3 training/evaluate.py --engine models/lunette-nano --real

Metrics (per set, also per scene kind):
  caption_subject     share of images whose normal caption names the main subject (any alternative of the first
                      keyword group; real set)
  caption_recall      share of all keyword groups named in the normal caption (real set); on the synthetic split,
                      share of the reference short caption's content words present in the normal caption
  qa_exact            exact match on answerable questions: the answer, lower-cased, without a trailing period,
                      quotes or a leading article, equals an accepted answer, or starts with it followed by a
                      comma ("No, it is red" matches "no")
  reading_exact       qa_exact on the questions whose answer is text in the image (real set: an accepted answer of
                      more than 3 characters appears in the image's text lines; synthetic: text-reading questions)
  refusal_rate        share of absurd questions answered with a refusal ("There is no ... in the image.")
  false_refusal_rate  share of answerable questions answered with a refusal
  detect_map50        mean over object names of the VOC average precision at IoU 0.5 (output order as the
                      confidence ranking; no output = recall 0)
  point_precision     share of predicted points inside a box of the asked object
  point_recall        share of asked objects with at least one predicted point inside
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, REPO)

from lunette.proposals import region_proposals  # noqa: E402  (numpy and Pillow only)
from lunette.colours import CHROMATIC, image_colours  # noqa: E402
from lunette.buttons import asks_button_label, block_lines, button_boxes, lines_on_buttons  # noqa: E402
from lunette.charts import asks_extreme, chart_bars, extreme_label, slice_label  # noqa: E402
from lunette.counts import counted_thing, numbers_held_back, thing_count  # noqa: E402
from lunette.held_back import words_held_back  # noqa: E402
from lunette.thing_colours import colour_answers, coloured_thing  # noqa: E402
from lunette.located_things import located_thing, thing_boxes  # noqa: E402
from lunette.absent_shapes import absence_answers, asked_shape  # noqa: E402
from lunette.chart_kinds import asks_chart_kind, caption_kind, chart_kinds  # noqa: E402
from lunette.diagram_order import asked_order, order_answers  # noqa: E402
from lunette.titles import asks_title, title_answers  # noqa: E402
from lunette.terminal_lines import asked_terminal, terminal_answers  # noqa: E402
from lunette.file_names import asked_file, file_answers  # noqa: E402
from lunette.error_lines import asked_error, error_answers  # noqa: E402
from lunette.selected_items import asks_selected, selected_items  # noqa: E402
from lunette.positions import asked_where, is_refusal, position_name  # noqa: E402
from lunette.what_shape import asks_what_shape, shape_answers  # noqa: E402
from lunette.emoji import EmojiIndex, recognise  # noqa: E402
from lunette.emoji_answers import asked_emoji, caption_start, emoji_answers, located_emoji  # noqa: E402
from lunette.shapes import SHAPES, image_shapes  # noqa: E402
from lunette.snap import iou, snap_boxes, snap_image  # noqa: E402

REFUSAL_RE = re.compile(r"\bthere (is|are) no\b|\bnot (in|visible in) (the|this) (image|picture|screenshot)\b|"
                        r"\bno \w+( \w+)? in the image\b|\bi (don't|do not|can't|cannot) see\b", re.I)
STOP = {"a", "an", "the", "of", "on", "in", "with", "and", "is", "are", "it", "its", "to", "at", "by", "for", "this",
        "that", "there", "shows", "showing", "screenshot", "image", "has", "two", "one"}


# --- scoring ---------------------------------------------------------------------------------------------------
def norm_answer(s: str) -> str:
    s = s.strip().lower()
    s = re.sub(r"\s+", " ", s)
    s = s.strip(" .!")
    s = s.strip("\"'`")
    s = re.sub(r"^(the|a|an) ", "", s)
    return s


def exact(pred: str, accepted) -> bool:
    p = norm_answer(pred)
    for a in accepted:
        a = norm_answer(a)
        if p == a or p.startswith(a + ","):
            return True
    return False


def is_refusal(text: str) -> bool:
    return bool(REFUSAL_RE.search(text or ""))


def average_precision(dets, n_gt: int) -> float:
    """dets: [(score, is_tp)] over all images of one class; VOC all-point interpolated AP."""
    if n_gt == 0:
        return float("nan")
    dets = sorted(dets, key=lambda d: -d[0])
    tp = fp = 0
    prec, rec = [], []
    for _, ok in dets:
        tp += ok
        fp += not ok
        prec.append(tp / (tp + fp))
        rec.append(tp / n_gt)
    ap, prev_r = 0.0, 0.0
    for i in range(len(dets)):
        p = max(prec[i:])
        ap += (rec[i] - prev_r) * p
        prev_r = rec[i]
    return ap


def match_boxes(pred, gt, thr=0.5):
    """Greedy in output order: [is_tp] per predicted box."""
    used, out = set(), []
    for p in pred:
        best, bi = 0.0, -1
        for j, g in enumerate(gt):
            if j in used:
                continue
            v = iou(p, g)
            if v > best:
                best, bi = v, j
        if best >= thr:
            used.add(bi)
            out.append(True)
        else:
            out.append(False)
    return out


def inside(pt, box) -> bool:
    return box[0] <= pt[0] <= box[2] and box[1] <= pt[1] <= box[3]


class Scores:
    def __init__(self):
        self.c = defaultdict(lambda: [0, 0])      # metric -> [hits, total]
        self.dets = defaultdict(list)              # class -> [(score, tp)]
        self.n_gt = defaultdict(int)

    def add(self, metric, hit, total=1):
        self.c[metric][0] += hit
        self.c[metric][1] += total

    def add_detect(self, name, pred, gt):
        tps = match_boxes(pred, gt)
        for k, ok in enumerate(tps):
            self.dets[name].append((1.0 - k / 100.0, ok))
        self.n_gt[name] += len(gt)

    def summary(self) -> dict:
        out = {k: round(h / t, 4) if t else None for k, (h, t) in sorted(self.c.items())}
        out["counts"] = {k: t for k, (h, t) in sorted(self.c.items())}
        aps = {k: average_precision(self.dets[k], self.n_gt[k]) for k in self.n_gt if self.n_gt[k] > 0}
        if aps:
            out["detect_map50"] = round(sum(aps.values()) / len(aps), 4)
            out["detect_ap50_by_name"] = {k: round(v, 3) for k, v in sorted(aps.items())}
        return out


# --- backends -------------------------------------------------------------------------------------------------
class TorchBackend:
    """The PyTorch reference decoder (lunette/generate.py) with the OCR block prefilled after [BOS][image]."""

    def __init__(self, checkpoint: str, tokenizer: str = None, threads: int = 2, rerank: bool = True,
                 quotes: bool = True, snap: bool = True, ranked: bool = True, colours: bool = True,
                 shapes: bool = True, counts: bool = True, buttons: bool = True, extremes: bool = True,
                 thing_colours: bool = True, thing_regions: bool = True, absent_shapes: bool = True,
                 kinds: bool = True, order: bool = True, what_shape: bool = True, emoji: str = None,
                 titles: bool = True, positions: bool = True, terminal: bool = True, file_names: bool = True,
                 errors: bool = True, selected: bool = True):
        import torch
        from lunette.checkpoint import load_checkpoint
        from lunette.config import ModelConfig
        from lunette.generate import NO_REPEAT_NGRAM, Generator
        from lunette.model import LunetteModel
        from lunette.tokenizer import Tokenizer
        torch.set_num_threads(threads)
        ck = load_checkpoint(checkpoint)
        self.cfg = ModelConfig.from_dict(ck["config"])
        self.model = LunetteModel(self.cfg)
        self.model.load_state_dict(ck["model"])
        self.model.eval()
        tok = tokenizer or os.path.join(os.path.dirname(checkpoint), "tokenizer.json")
        # Decoded as the shipped pack is (its manifest's generation.no_repeat_ngram and single_line).
        self.gen = Generator(self.model, Tokenizer.load(tok), no_repeat_ngram=NO_REPEAT_NGRAM, single_line=True)
        self.step = ck.get("step")
        self._img = None
        # as the shipped pack's manifest (generation.answer_candidates and generation.quotes = "ocr_lines")
        self.rerank = rerank
        self.quotes = quotes
        # and generation.snap_boxes = "pixels"
        self.snap = snap
        # and generation.region_proposals = "pixels"
        self.ranked = ranked
        # and generation.colours and generation.shapes = "pixels"
        self.colours = colours
        self.shapes = shapes
        # and generation.counts and generation.thing_colours = "pixels"
        self.counts = counts
        self.thing_colours = thing_colours
        # and generation.thing_regions = "pixels"
        self.thing_regions = thing_regions
        # and generation.absent_shapes and generation.chart_kinds = "pixels"
        self.absent_shapes = absent_shapes
        self.kinds = kinds
        # and generation.diagram_order and generation.titles = "pixels"
        self.order = order
        self.titles = titles
        # and generation.positions = "detect"
        self.positions = positions
        # and generation.terminal, generation.file_names and generation.errors = "ocr_lines"
        self.terminal = terminal
        self.file_names = file_names
        self.errors = errors
        # and generation.selected_items = "pixels"
        self.selected = selected
        # and generation.what_shape = "pixels"
        self.what_shape = what_shape
        # and generation.emoji = "pixels": the glyph index of this pack directory (None: off)
        self.emoji = EmojiIndex.load(emoji) if emoji else None
        self._recognised = None
        # and generation.button_labels and generation.chart_extremes = "pixels"
        self.buttons = buttons
        self.extremes = extremes
        self._corners = []
        self._lines = []

    def prepare(self, image, ocr_text, full=None):
        """`full`: the image at its own size, for snapping boxes, where `image` is already the model's size."""
        from lunette.generate import preprocess
        from PIL import Image
        img = Image.open(image) if isinstance(image, str) else image
        self._snap_source, self._snap_image, self._proposals = (full if full is not None else img), None, None
        self._recognised = None
        self._shown = None
        state = self.gen.encode_image(preprocess(img, self.cfg))
        if ocr_text:
            _, _, _, state = self.gen._prefill("\n\nText:\n" + ocr_text, state)
        self._state = state
        # each block line is "x,y text"
        self._lines = [ln.split(" ", 1)[1] for ln in (ocr_text or "").split("\n") if " " in ln]
        self._corners = block_lines(ocr_text or "")

    def _held_back(self, question: str = ""):
        """The colour and shape names the image does not show and the prompt does not name (lunette/held_back.py);
        answering how many of a drawn thing there are, every number but the count the pixels show (lunette/counts.py)."""
        if self._shown is None:   # [(vocabulary, the words of it the image shows)], found once per image
            kinds = [(CHROMATIC, image_colours)] * self.colours + [(SHAPES, image_shapes)] * self.shapes
            img = self._pixels(proposals=False)[0] if kinds else None
            self._shown = [(vocabulary, find(img)) for vocabulary, find in kinds]
        texts = [question, *self._lines]
        counted = counted_thing(question) if self.counts else None
        numbers = numbers_held_back(thing_count(self._pixels(proposals=False)[0], *counted)) if counted else []
        return [w for vocabulary, shown in self._shown for w in words_held_back(vocabulary, shown, texts)] + numbers

    def caption(self, length="normal"):
        start = caption_start(*self._emoji()) if self.emoji else None
        if start is None and self.kinds:
            start = caption_kind(self._pixels(proposals=False)[0])
        return self.gen.caption(self._state, length, quote_lines=self._lines if self.quotes else (),
                                held_back=self._held_back(), start=start or "")["text"].strip()

    def ask(self, q):
        labels = self._pixel_answers(q)
        text = self.gen.query(self._state, q, candidates=labels or (self._lines if self.rerank else ()),
                              quote_lines=self._lines if self.quotes else (),
                              held_back=self._held_back(q), only_candidates=bool(labels))["text"].strip()
        where = asked_where(q) if self.positions else None
        if where is not None and not is_refusal(text):   # the place of its detected box (lunette/positions.py)
            boxes = self.detect(where)
            place = position_name((boxes[0][0] + boxes[0][2]) / 2, (boxes[0][1] + boxes[0][3]) / 2) if boxes else None
            text = place or text
        return text

    def _pixel_answers(self, question: str):
        """The answers the pixels leave: asked what a button says, the OCR lines on a button (lunette/buttons.py);
        asked which bar (or slice) is highest or lowest, its label (lunette/charts.py); asked a drawn thing's
        colour, its regions' colours (lunette/thing_colours.py); asked whether there is a shape no region could be,
        "No" (lunette/absent_shapes.py); asked what kind of chart it is, the pie, bars, line or scatter the pixels
        show (lunette/chart_kinds.py); asked a chart's or document's title, its top line (lunette/titles.py); asked
        a diagram's first, last, next or previous box, its label (lunette/diagram_order.py); asked what shape this
        is, the names its one shape could be (lunette/what_shape.py); asked the command run, how many commits or the
        latest, the OCR lines' answer (lunette/terminal_lines.py); asked which file, the open file or the code's
        language, the OCR lines' file names (lunette/file_names.py); asked whether there is an error, its code or
        the missing package, the OCR lines' answer (lunette/error_lines.py); asked which tab, menu or item is
        selected, the lines that stand out of their row or column (lunette/selected_items.py); asked what emoji this
        is, how many or whether there is one, from the emoji the glyph index names (lunette/emoji_answers.py)."""
        if self._corners and self.buttons and asks_button_label(question):
            return lines_on_buttons(self._corners, button_boxes(self._pixels(proposals=False)[0]))
        extreme = asks_extreme(question) if self.extremes and self._corners else None
        if extreme:
            snap = self._pixels(proposals=False)[0]
            label = extreme_label(chart_bars(snap), self._corners, extreme) or slice_label(snap, self._corners, extreme)
            return [label] if label else []
        coloured = coloured_thing(question) if self.thing_colours else None
        if coloured:
            return colour_answers(self._pixels(proposals=False)[0], coloured)
        shape = asked_shape(question) if self.absent_shapes else None
        if shape:
            return absence_answers(self._pixels(proposals=False)[0], shape)
        if self.kinds and asks_chart_kind(question):
            return chart_kinds(self._pixels(proposals=False)[0])
        if self.titles and self._corners and asks_title(question):
            return title_answers(self._corners)
        order = asked_order(question) if self.order and self._corners else None
        if order:
            return order_answers(self._pixels(proposals=False)[0], self._corners, *order)
        if self.what_shape and asks_what_shape(question):
            return shape_answers(self._pixels(proposals=False)[0])
        terminal = asked_terminal(question) if self.terminal and self._corners else None
        if terminal:
            return terminal_answers(self._corners, terminal)
        file = asked_file(question) if self.file_names and self._corners else None
        if file:
            return file_answers(self._corners, file)
        error = asked_error(question) if self.errors and self._corners else None
        if error:
            return error_answers(self._corners, error)
        if self.selected and self._corners and asks_selected(question):
            return selected_items(self._pixels(proposals=False)[0], self._corners)
        asked = asked_emoji(question, self.emoji.names) if self.emoji else None
        return emoji_answers(asked, *self._emoji()) if asked else []

    def _emoji(self):
        """The image's objects the glyph index names, and how many objects it has (lunette/emoji.py), once per image."""
        if self._recognised is None:
            self._recognised = recognise(self._pixels(proposals=False)[0], self.emoji)
        return self._recognised

    def _pixels(self, proposals: bool = True):
        """The snap image and its region proposals, each made once per image and only when needed."""
        if self._snap_image is None:
            self._snap_image = snap_image(self._snap_source)
        if proposals and self._proposals is None:
            self._proposals = region_proposals(self._snap_image) if self.ranked else []
        return self._snap_image, self._proposals

    def _thing_regions(self, obj):
        """The regions of the drawn thing `obj` names, if it names one (lunette/located_things.py), or else of the
        emoji it names (lunette/emoji_answers.py)."""
        located = located_thing(obj) if self.thing_regions else None
        if located:
            return thing_boxes(self._pixels(proposals=False)[0], *located)
        return [list(box) for box in located_emoji(obj, self._emoji()[0])] if self.emoji else []

    def detect(self, obj):
        regions = self._thing_regions(obj)
        if regions:
            out = self.gen.locate_ranked("detect", obj, self._state, regions, every_region=True)
            return [[o["x_min"], o["y_min"], o["x_max"], o["y_max"]] for o in out["objects"]]
        if self.ranked:
            img, proposals = self._pixels()
            out = self.gen.locate_ranked("detect", obj, self._state, proposals, img if self.snap else None)
            return [[o["x_min"], o["y_min"], o["x_max"], o["y_max"]] for o in out["objects"]]
        boxes = [[o["x_min"], o["y_min"], o["x_max"], o["y_max"]] for o in self.gen.detect(self._state, obj)["objects"]]
        return snap_boxes(self._pixels()[0], boxes) if self.snap else boxes

    def point(self, obj):
        regions = self._thing_regions(obj)
        if regions:
            return [[p["x"], p["y"]] for p in self.gen.locate_ranked("point", obj, self._state, regions, every_region=True)["points"]]
        if self.ranked:
            return [[p["x"], p["y"]] for p in self.gen.locate_ranked("point", obj, self._state, self._pixels()[1])["points"]]
        return [[p["x"], p["y"]] for p in self.gen.point(self._state, obj)["points"]]


class EngineBackend:
    """The exported pack through the TypeScript engine (node dist/cli.js ... --json): the full product path. The
    engine runs its own OCR model (PP-OCR) and inserts the OCR block itself when the pack's manifest has an `ocr`
    template, so the ground-truth text lines are not used here."""

    def __init__(self, pack: str, threads: int = 2):
        self.pack = os.path.abspath(pack)
        self.cli = os.path.join(REPO, "dist", "cli.js")
        self.threads = threads
        assert os.path.exists(self.cli), "run `npm run build` first"

    def _run(self, *args):
        out = subprocess.run(["node", self.cli, *args, "--model", self.pack, "--json", "--threads", str(self.threads)],
                             capture_output=True, text=True, timeout=300)
        if out.returncode != 0:
            raise RuntimeError(out.stderr.strip())
        return json.loads(out.stdout)

    def prepare(self, image, ocr_text, full=None):
        assert isinstance(image, str)
        self._image = image

    def caption(self, length="normal"):
        return self._run("caption", self._image, "--length", length)["caption"].strip()

    def ask(self, q):
        r = self._run("ask", self._image, q)
        return (r.get("answer") or r.get("text") or "").strip()

    def detect(self, obj):
        return [[o["x_min"], o["y_min"], o["x_max"], o["y_max"]] for o in self._run("detect", self._image, obj)["objects"]]

    def point(self, obj):
        return [[p["x"], p["y"]] for p in self._run("point", self._image, obj)["points"]]


# --- sets -----------------------------------------------------------------------------------------------------
def eval_real(backend, gt_path: str, use_ocr: bool, log: list, limit: int = 0) -> dict:
    items = json.load(open(gt_path, encoding="utf-8"))
    if limit:
        items = items[:: max(1, len(items) // limit)][:limit]
    base = os.path.dirname(gt_path)
    total, by_kind, by_set = Scores(), defaultdict(Scores), defaultdict(Scores)
    for it in items:
        t0 = time.time()
        backend.prepare(os.path.join(base, it["image"]), it["ocr"] if use_ocr else None)
        rec = {"id": it["id"], "kind": it["kind"]}
        # set 1: the first 27 items, which every earlier model card row was measured on; set 2 (23): added in
        # session 10; set 3 (22): added in session 16, written before any model saw them
        sc = [total, by_kind[it["kind"]], by_set[f"set{it.get('set', 1)}"]]
        cap = backend.caption("normal")
        rec["caption"] = cap
        low = cap.lower()
        groups = it["subject"] + it["keywords"]
        hit_groups = [any(k in low for k in g) for g in groups]
        for s in sc:
            s.add("caption_subject", hit_groups[0])
            s.add("caption_recall", sum(hit_groups), len(groups))
        rec["qa"] = []
        shown = re.sub(r"\s+", " ", (it["ocr"] or "").lower())
        for qa in it["qa"]:
            a = backend.ask(qa["q"])
            ok, ref = exact(a, qa["a"]), is_refusal(a)
            rec["qa"].append([qa["q"], a, ok])
            # a reading question: an accepted answer is text shown in the image (a word or more, not "3" or "no")
            reading = any(len(x) > 3 and norm_answer(x) in shown for x in qa["a"])
            for s in sc:
                s.add("qa_exact", ok)
                s.add("false_refusal_rate", ref)
                if reading:
                    s.add("reading_exact", ok)
        rec["absurd"] = []
        for q in it["absurd"]:
            a = backend.ask(q)
            rec["absurd"].append([q, a, is_refusal(a)])
            for s in sc:
                s.add("refusal_rate", is_refusal(a))
        rec["detect"] = []
        for name in it["detect"]:
            pred = backend.detect(name)
            rec["detect"].append([name, pred])
            for s in sc:
                s.add_detect(name, pred, it["boxes"][name])
        rec["point"] = []
        for name in it["point"]:
            pts = backend.point(name)
            boxes = it["boxes"][name]
            rec["point"].append([name, pts])
            for s in sc:
                s.add("point_precision", sum(any(inside(p, b) for b in boxes) for p in pts), len(pts))
                s.add("point_recall", sum(any(inside(p, b) for p in pts) for b in boxes), len(boxes))
        rec["seconds"] = round(time.time() - t0, 2)
        log.append(rec)
        print(f"  {it['id']}: {cap[:90]!r} qa {sum(x[2] for x in rec['qa'])}/{len(rec['qa'])} "
              f"refusals {sum(x[2] for x in rec['absurd'])}/{len(rec['absurd'])}", flush=True)
    return {"all": total.summary(), "by_kind": {k: v.summary() for k, v in sorted(by_kind.items())},
            "by_set": {k: v.summary() for k, v in sorted(by_set.items())}}


def eval_synth(backend, n: int, seed: int, use_ocr: bool, log: list) -> dict:
    from training.synth import pipeline, regions
    total, by_kind = Scores(), defaultdict(Scores)
    for i in range(n):
        try:
            scene, img, small, recs = pipeline.build(seed, i)
        except Exception as e:  # a generator under construction
            print(f"  synth {i}: {type(e).__name__}: {e}")
            continue
        w, h = scene.image.size
        ocr = recs[0].get("ocr") if recs else None
        backend.prepare(small, ocr if use_ocr else None, full=img)
        sc = [total, by_kind[scene.kind]]
        rec = {"index": i, "kind": scene.kind, "qa": []}
        for r in recs:
            if r["task"] == "caption" and r["length"] == "normal":
                cap = backend.caption("normal")
                ref = [x for x in re.findall(r"[a-z0-9.\-_]+", next(
                    q["target"] for q in recs if q["task"] == "caption" and q["length"] == "short").lower())
                       if x not in STOP]
                for s in sc:
                    s.add("caption_recall", sum(x in cap.lower() for x in ref), len(ref))
                rec["caption"] = cap
            elif r["task"] == "query":
                a = backend.ask(r["question"])
                ref = is_refusal(a)
                rec["qa"].append([r["question"], a, r["target"]])
                for s in sc:
                    if r.get("refusal"):
                        s.add("refusal_rate", ref)
                    else:
                        ok = exact(a, [r["target"], r.get("answer_key") or r["target"]])
                        s.add("qa_exact", ok)
                        s.add(f"qa_exact_by_type/{r.get('qtype')}", ok)
                        if r.get("qtype") == "text":
                            s.add("reading_exact", ok)
                        s.add("false_refusal_rate", ref)
            elif r["task"] == "detect":
                gt = [[b["x_min"], b["y_min"], b["x_max"], b["y_max"]] for b in r["boxes"]]
                pred = backend.detect(r["object"])
                name = r["object"].lower()
                for s in sc:
                    s.add_detect(name, pred, gt)
                    if not gt:
                        s.add("detect_absent_empty", len(pred) == 0)
            elif r["task"] == "point":
                pts = backend.point(r["object"])
                # the target objects: those whose inner point is one of the record's points
                targets = []
                for o in scene.objects:
                    try:
                        q = regions.point_of(o, w, h)
                    except ValueError:
                        continue
                    if any(abs(q["x"] - p["x"]) < 1e-4 and abs(q["y"] - p["y"]) < 1e-4 for p in r["points"]):
                        targets.append([o.box[0] / w, o.box[1] / h, o.box[2] / w, o.box[3] / h])
                for s in sc:
                    if targets:
                        s.add("point_precision", sum(any(inside(p, b) for b in targets) for p in pts), len(pts))
                        s.add("point_recall", sum(any(inside(p, b) for p in pts) for b in targets), len(targets))
                    else:
                        s.add("point_absent_empty", len(pts) == 0)
        log.append(rec)
        if i % 20 == 0:
            print(f"  synth {i}/{n}", flush=True)
    return {"all": total.summary(), "by_kind": {k: v.summary() for k, v in sorted(by_kind.items())}}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--checkpoint", help="PyTorch checkpoint (training/runs/<name>/ckpt.pt)")
    ap.add_argument("--engine", metavar="PACK", help="evaluate this pack through node dist/cli.js")
    ap.add_argument("--real", action="store_true", help="the real rendered set")
    ap.add_argument("--gt", default=os.path.join(HERE, "eval_real", "gt.json"))
    ap.add_argument("--synth", type=int, default=0, help="images of the held-out synthetic split")
    ap.add_argument("--synth-seed", type=int, default=424242, help="held out: training uses seed 1, validation 1000001")
    ap.add_argument("--ocr", choices=["gt", "none", "both"], default="both",
                    help="OCR block: the measured text lines (real) / simulated OCR (synthetic), none, or both")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--greedy-answers", action="store_true",
                    help="checkpoint: plain greedy answers, without ranking them against the OCR lines")
    ap.add_argument("--raw-boxes", action="store_true",
                    help="checkpoint: the box heads' own boxes, not snapped to the pixels (lunette/snap.py)")
    ap.add_argument("--greedy-regions", action="store_true",
                    help="checkpoint: detect and point as the box heads decode them alone, not ranked among the "
                         "image's regions (lunette/proposals.py)")
    ap.add_argument("--free-colours", action="store_true",
                    help="checkpoint: colours named freely, not only those the image shows (lunette/colours.py)")
    ap.add_argument("--free-shapes", action="store_true",
                    help="checkpoint: shapes named freely, not only those the image shows (lunette/shapes.py)")
    ap.add_argument("--free-buttons", action="store_true",
                    help="checkpoint: a button's label answered from any OCR line, not only those on buttons "
                         "(lunette/buttons.py)")
    ap.add_argument("--free-extremes", action="store_true",
                    help="checkpoint: which bar or slice is highest or lowest answered by the model, not read from the "
                         "pixels (lunette/charts.py)")
    ap.add_argument("--free-thing-colours", action="store_true",
                    help="checkpoint: a named shape's, bar's or box's colour answered by the model alone, not among "
                         "its regions' colours (lunette/thing_colours.py)")
    ap.add_argument("--free-thing-regions", action="store_true",
                    help="checkpoint: a drawn shape, bar, slice or box located by the model among all regions, not "
                         "given as every region that is it (lunette/located_things.py)")
    ap.add_argument("--free-absent-shapes", action="store_true",
                    help="checkpoint: whether there is a drawn shape answered by the model alone, not \"No\" where no "
                         "region could be it (lunette/absent_shapes.py)")
    ap.add_argument("--free-chart-kinds", action="store_true",
                    help="checkpoint: what kind of chart it is answered by the model alone, not from the pie or bars the "
                         "pixels show (lunette/chart_kinds.py)")
    ap.add_argument("--free-diagram-order", action="store_true",
                    help="checkpoint: a diagram's first, last, next or previous box answered by the model alone, not "
                         "read from its boxes (lunette/diagram_order.py)")
    ap.add_argument("--free-what-shape", action="store_true",
                    help="checkpoint: what shape this is answered by the model alone, not among the names the "
                         "picture's one shape could be (lunette/what_shape.py)")
    ap.add_argument("--free-titles", action="store_true",
                    help="checkpoint: a chart's or document's title answered by the model, not the top OCR line "
                         "(lunette/titles.py)")
    ap.add_argument("--free-positions", action="store_true",
                    help="checkpoint: where a thing is answered by the model's words, not from its detected box "
                         "(lunette/positions.py)")
    ap.add_argument("--free-emoji", action="store_true",
                    help="checkpoint: emoji named, counted and located by the model alone, not by the glyph index "
                         "(lunette/emoji.py)")
    ap.add_argument("--free-terminal", action="store_true",
                    help="checkpoint: the command run and a git log's commits answered by the model, not read from "
                         "the OCR lines (lunette/terminal_lines.py)")
    ap.add_argument("--free-file-names", action="store_true",
                    help="checkpoint: which file, the open file and the code's language answered by the model, not "
                         "read from the OCR lines' file names (lunette/file_names.py)")
    ap.add_argument("--free-errors", action="store_true",
                    help="checkpoint: whether there is an error, its code and the missing package answered by the "
                         "model, not read from the OCR lines (lunette/error_lines.py)")
    ap.add_argument("--free-selected", action="store_true",
                    help="checkpoint: which tab, menu or item is selected answered by the model, not read from the "
                         "pixels around the OCR lines (lunette/selected_items.py)")
    ap.add_argument("--emoji-index", default=os.path.join(REPO, "models", "lunette-nano"),
                    help="checkpoint: the pack directory whose emoji.json and emoji.bin name emoji")
    ap.add_argument("--free-counts", action="store_true",
                    help="checkpoint: counts of drawn things answered freely, not held to the pixels (lunette/counts.py)")
    ap.add_argument("--limit", type=int, default=0, help="real set: only this many items (spread over kinds)")
    ap.add_argument("--out", help="write the report (JSON) here")
    args = ap.parse_args()
    if args.engine:
        backend, label = EngineBackend(args.engine, args.threads), f"engine:{args.engine}"
        modes = [False]
    else:
        backend, label = TorchBackend(args.checkpoint, threads=args.threads, rerank=not args.greedy_answers,
                                      snap=not args.raw_boxes, ranked=not args.greedy_regions,
                                      colours=not args.free_colours, shapes=not args.free_shapes,
                                      counts=not args.free_counts, buttons=not args.free_buttons,
                                      extremes=not args.free_extremes, thing_colours=not args.free_thing_colours,
                                      thing_regions=not args.free_thing_regions,
                                      absent_shapes=not args.free_absent_shapes, kinds=not args.free_chart_kinds,
                                      order=not args.free_diagram_order, what_shape=not args.free_what_shape,
                                      emoji=None if args.free_emoji else args.emoji_index, titles=not args.free_titles,
                                      positions=not args.free_positions, terminal=not args.free_terminal,
                                      file_names=not args.free_file_names, errors=not args.free_errors,
                                      selected=not args.free_selected), f"torch:{args.checkpoint}"
        modes = {"gt": [True], "none": [False], "both": [True, False]}[args.ocr]
    report = {"model": label, "step": getattr(backend, "step", None), "results": {}, "log": {}}
    t0 = time.time()
    for use_ocr in modes:
        tag = "engine" if args.engine else ("ocr" if use_ocr else "no_ocr")
        if args.real:
            print(f"real set ({tag})", flush=True)
            log = []
            report["results"][f"real/{tag}"] = eval_real(backend, args.gt, use_ocr, log, args.limit)
            report["log"][f"real/{tag}"] = log
        if args.synth:
            print(f"synthetic held-out ({tag})", flush=True)
            log = []
            report["results"][f"synth/{tag}"] = eval_synth(backend, args.synth, args.synth_seed, use_ocr, log)
            report["log"][f"synth/{tag}"] = log
    report["seconds"] = round(time.time() - t0, 1)
    keys = ["caption_subject", "caption_recall", "qa_exact", "reading_exact", "refusal_rate", "false_refusal_rate",
            "detect_map50", "point_precision", "point_recall"]
    print("\n" + "set".ljust(16) + "".join(k[:14].rjust(15) for k in keys))
    for name, res in report["results"].items():
        rows = [(name, res["all"])] + [(f"  {k}", v) for k, v in res.get("by_set", {}).items() if len(res["by_set"]) > 1]
        for label, a in rows:
            print(label.ljust(16) + "".join(("-" if a.get(k) is None else f"{a[k]:.3f}").rjust(15) for k in keys))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1, ensure_ascii=False)
        print(f"report -> {args.out}")


if __name__ == "__main__":
    main()
