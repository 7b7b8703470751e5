"""Training data: synthetic images -> tokenized per-image examples -> batches that share each image's prefix.

One *example* is one image with several tasks on it (records of the synth pipeline, training/synth/pipeline.py):

  pixels     uint8 [S,S,3], the model-size image (Pillow BILINEAR, reducing_gap None: measured against the
             engine's sharp `resize(fill, kernel linear)`, see MODEL_CARD.md)
  ocr_ids    token ids of the OCR block ("\\n\\nText:\\n{lines}", docs/model-pack.md) or []
  tasks      [{"task", "prompt_ids", "target_ids" and "visual" (caption/query) | "objects" (detect/point)}]
  aux        per-patch labels from the scene's known objects (direct supervision of the vision tower)

A *batch* keeps the images apart from the tasks: the prefix [BOS][image][OCR block] is computed once per
image and every task of that image continues from its KV cache (see train.py), so the vision tower, the
image positions and the (often long) OCR block cost once per image instead of once per task.

Sequence of one task after the prefix (docs/model-pack.md "Tasks and decoding"):
  caption/query:  prompt tokens, target tokens (" " + text); LM labels = target tokens then eos
  detect/point:   prompt tokens, then per object <coord x> <coord y> [<size w,h>] slots whose *inputs* are the
                  region encoders' outputs (fed the bin-centre values the engine will feed) and whose hidden
                  states are supervised by the region decoders: x at the position that predicts the first
                  slot (the last prompt token / the previous object's last slot), y at the x slot, size at the
                  y slot (detect); the LM label at each decision position is coord (an object follows) or eos.
"""
from __future__ import annotations

import functools
import multiprocessing as mp
import queue
import random
import re
import sys
import traceback
import zlib
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

import numpy as np

from .region import bin_to_coord, bin_to_size, coord_to_bin, size_to_bin

# slot types of a task row
TOK, COORD, SIZE, PAD = 0, 1, 2, 3
IGNORE = -100

# aux per-patch label spaces (0 = background / none; see aux_class)
AUX_NAME_BUCKETS = 1024
AUX_COLOR_BUCKETS = 64
AUX_MAX_OBJECTS = 8            # objects per image given object-level aux labels (aux_objects)

# Scene kinds weighted toward what developers keep in repositories; kinds the generator does not (yet) have
# are dropped and the rest renormalized.
KIND_WEIGHTS = {"ui": 0.24, "code": 0.12, "terminal": 0.10, "chart": 0.14, "diagram": 0.10, "document": 0.07,
                "shapes": 0.13, "objects": 0.10, "photo": 0.05}


# Object names the scenes use often enough to learn, each given an aux class of its own (with the shapes and the
# everyday emoji's aliases); other names share the classes left over.
AUX_COMMON_NAMES = ("button", "toggle", "checkbox", "text field", "dropdown", "tab", "menu", "dialog", "notification",
                    "alert", "table", "error message", "bar", "slice", "point", "node", "box", "arrow", "heading",
                    "bullet", "code block", "status badge", "problems panel", "tree", "sun", "moon", "house")


@functools.lru_cache(maxsize=None)
def aux_vocabularies() -> Tuple[Dict[str, int], Dict[str, int]]:
    """(name -> class, colour -> class) for the known names and colours, classes from 1 (0 = background)."""
    from training.synth import colors
    from training.synth.assets import EMOJI_ALIAS
    from training.synth.scenes.shapes import SHAPES
    names = sorted(set(SHAPES) | set(EMOJI_ALIAS.values()) | set(AUX_COMMON_NAMES))
    colours = sorted(colors.NAMED)
    assert len(names) < AUX_NAME_BUCKETS // 2 and len(colours) < AUX_COLOR_BUCKETS // 2
    return {n: i + 1 for i, n in enumerate(names)}, {c: i + 1 for i, c in enumerate(colours)}


# Question types whose answer only the pixels give (no text to copy from the OCR block or the question): every
# token of such an answer is "visual", as are, in any caption or answer, the tokens of colour, shape, object and
# number words, and the first token of a refusal. `--lm-visual-weight` weighs their language loss up: colour
# answers are 0.7% of an image's target tokens and counts 1.4% (about 11% are visual in all), and 0.5.0
# answered colours at chance (MODEL_CARD.md, session 10).
VISUAL_QTYPES = frozenset({"colour", "count", "object", "subject", "position", "relation", "superlative"})


@functools.lru_cache(maxsize=None)
def visual_words() -> "re.Pattern[str]":
    """Colour names, shape names, the everyday objects' names and the number words one to twenty, whole words,
    singular or plural, any case."""
    from training.synth import colors
    from training.synth.assets import EMOJI_ALIAS
    from training.synth.language import NUMBER_WORDS
    from training.synth.scenes.shapes import SHAPES
    words = set(colors.NAMED) | {"grey"} | set(SHAPES) | set(EMOJI_ALIAS.values()) | set(NUMBER_WORDS[1:21])
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})(?:s|es)?\b", re.IGNORECASE)


def visual_flags(tok, text: str, ids: List[int], whole: bool = False) -> List[int]:
    """Per token of `ids` (the encoding of `text`): 1 where it overlaps a visual word (all 1 with `whole`)."""
    if whole:
        return [1] * len(ids)
    spans = [(len(text[:m.start()].encode("utf-8")), len(text[:m.end()].encode("utf-8")))
             for m in visual_words().finditer(text)]
    flags, at = [], 0
    for n in tok.byte_lengths(ids):
        flags.append(int(any(a < at + n and at < b for a, b in spans)))
        at += n
    return flags


def aux_class(s: str, known: Dict[str, int], n: int) -> int:
    """A known name's own class; any other name shares one of the classes after the known ones, by hash. (Hashing
    every name put "red" and "blue" in one class, which taught the encoder that the two look alike.)"""
    s = s.strip().lower()
    if s in known:
        return known[s]
    return 1 + len(known) + zlib.crc32(s.encode("utf-8")) % (n - 1 - len(known))


@dataclass
class Curriculum:
    """Schedules over training progress p in [0, 1] (p = image index / planned images).

    Early: easy scenes (shapes/objects weighted up), short targets (no long captions, answers and normal
    captions first); then the full developer-weighted mix with long captions."""
    warm_frac: float = 0.15
    easy_kinds: tuple = ("shapes", "objects")
    long_caption_weight: float = 0.15
    # Replaces KIND_WEIGHTS when given (train.py --kinds): only these kinds, at these relative weights.
    kinds: Optional[Dict[str, float]] = None

    def kind_weights(self, p: float, available) -> Dict[str, float]:
        if self.kinds:
            from training.synth.scenes import split_kind   # keys may name a kind's variant ("shapes:one-kind")
            w = {k: v for k, v in self.kinds.items() if split_kind(k)[0] in available and v > 0}
            s = sum(w.values())
            return {k: v / s for k, v in w.items()}
        w = {k: v for k, v in KIND_WEIGHTS.items() if k in available}
        for k in available:
            w.setdefault(k, 0.05)
        if p < self.warm_frac:
            boost = 1.0 + 4.0 * (1.0 - p / self.warm_frac)
            w = {k: v * (boost if k in self.easy_kinds else 1.0) for k, v in w.items()}
        s = sum(w.values())
        return {k: v / s for k, v in w.items()}

    def caption_lengths(self, p: float) -> Dict[str, float]:
        if p < self.warm_frac:
            return {"short": 0.6, "normal": 0.4, "long": 0.0}
        return {"short": 0.5, "normal": 0.35, "long": self.long_caption_weight}


@dataclass
class ExampleConfig:
    seed: int = 1
    image_size: int = 128
    patch_size: int = 16
    queries_per_image: int = 3
    regions_per_image: int = 1
    captions_per_image: int = 1
    max_task_tokens: int = 120       # prompt + target (+ region slots); longer tasks are cut (caption) or dropped
    max_ocr_tokens: int = 320
    # Reading questions ("What does the error say?") go first, up to this many per image: answering them means
    # copying from the OCR block, the skill screenshots need most and the one the first run learned least.
    reading_first: int = 2
    # which tokens of a refusal count as visual (--lm-visual-refusals): "decision" its first, "none" none
    visual_refusals: str = "decision"
    coord_bins: int = 256
    size_bins: int = 256
    size_log2_min: float = -8.0
    planned_images: int = 25000      # for the curriculum's progress p
    curriculum: Curriculum = field(default_factory=Curriculum)


# --- aux labels ---------------------------------------------------------------------------------------
def _object_cells(o, sx: float, sy: float, res: int):
    """Where object `o` lies on a res x res label grid (scale sx, sy from image pixels): (rows, cols, covered) with
    covered a bool array over those cells (its mask, or all of its box), or None when it falls outside."""
    x0, y0, x1, y1 = o.box
    gx0, gy0 = int(round(x0 * sx)), int(round(y0 * sy))
    gx1, gy1 = max(gx0 + 1, int(round(x1 * sx))), max(gy0 + 1, int(round(y1 * sy)))
    gx1, gy1 = min(gx1, res), min(gy1, res)
    if gx1 <= gx0 or gy1 <= gy0:
        return None
    if o.mask is None:
        covered = np.ones((gy1 - gy0, gx1 - gx0), dtype=bool)
    else:
        m = o.mask
        ys = np.minimum((np.arange(gy1 - gy0) + 0.5) * m.shape[0] / (gy1 - gy0), m.shape[0] - 1).astype(int)
        xs = np.minimum((np.arange(gx1 - gx0) + 0.5) * m.shape[1] / (gx1 - gx0), m.shape[1] - 1).astype(int)
        covered = m[np.ix_(ys, xs)].astype(bool)
    return slice(gy0, gy1), slice(gx0, gx1), covered


def aux_labels(scene, grid: int) -> Dict[str, np.ndarray]:
    """Per-patch labels [grid*grid] from the scene's registered objects (later objects on top) and text lines:
    name bucket, colour bucket (0 = background/none), has-text (0/1)."""
    res = grid * 8
    w, h = scene.image.size
    sx, sy = res / w, res / h
    lab = np.zeros((res, res), dtype=np.int32)
    objs = list(scene.objects)
    for k, o in enumerate(objs):
        cells = _object_cells(o, sx, sy, res)
        if cells is not None:
            rows, cols, covered = cells
            lab[rows, cols][covered] = k + 1
    text = np.zeros((res, res), dtype=bool)
    for ln in scene.lines:
        x0, y0, x1, y1 = ln.box
        text[int(y0 * sy):max(int(y0 * sy) + 1, int(round(y1 * sy))),
             int(x0 * sx):max(int(x0 * sx) + 1, int(round(x1 * sx)))] = True
    patches = lab.reshape(grid, 8, grid, 8).transpose(0, 2, 1, 3).reshape(grid * grid, 64)
    tpatch = text.reshape(grid, 8, grid, 8).transpose(0, 2, 1, 3).reshape(grid * grid, 64)
    names = np.zeros(grid * grid, dtype=np.int64)
    cols = np.zeros(grid * grid, dtype=np.int64)
    known_names, known_colours = aux_vocabularies()
    name_b = [0] + [aux_class(o.name, known_names, AUX_NAME_BUCKETS) for o in objs]
    col_b = [0] + [aux_class(o.color, known_colours, AUX_COLOR_BUCKETS) if o.color else 0 for o in objs]
    for i in range(grid * grid):
        cnt = np.bincount(patches[i], minlength=len(objs) + 1)
        cnt[0] = 0
        k = int(cnt.argmax())
        if cnt[k] >= 16:           # >= 1/4 of the patch
            names[i], cols[i] = name_b[k], col_b[k]
    has_text = (tpatch.mean(axis=1) >= 0.1).astype(np.int64)
    return {"name": names, "color": cols, "text": has_text}


def aux_objects(scene, grid: int, max_objects: int = AUX_MAX_OBJECTS) -> Dict[str, np.ndarray]:
    """Object-level labels for the first `max_objects` objects that show on the grid: the patches that show each
    (as ground_patches) and its name and colour class (0 = none). A decoder head that attends to an object receives
    about the mean of its patches' features, so naming the object from that mean is the skill answers need; per-patch
    labels alone leave a big shape's plain interior patches nothing to go on."""
    known_names, known_colours = aux_vocabularies()
    mask = np.zeros((max_objects, grid * grid), dtype=bool)
    names = np.zeros(max_objects, dtype=np.int64)
    cols = np.zeros(max_objects, dtype=np.int64)
    k = 0
    for o in scene.objects:
        if k == max_objects:
            break
        patches = ground_patches(scene, [o.id], grid)
        if patches is None:
            continue
        mask[k] = patches
        names[k] = aux_class(o.name, known_names, AUX_NAME_BUCKETS)
        cols[k] = aux_class(o.color, known_colours, AUX_COLOR_BUCKETS) if o.color else 0
        k += 1
    return {"obj_mask": mask, "obj_name": names, "obj_color": cols}


def ground_patches(scene, obj_ids, grid: int) -> Optional[np.ndarray]:
    """Which of the grid x grid patches show the objects a question or region task is about: bool [grid*grid],
    the patches at least a quarter covered by them (or, for objects smaller than that, the most covered patch);
    None when there are no such objects."""
    res = grid * 8
    w, h = scene.image.size
    cover = np.zeros((res, res), dtype=bool)
    for oid in obj_ids:
        try:
            cells = _object_cells(scene.obj(oid), res / w, res / h, res)
        except KeyError:
            continue
        if cells is not None:
            rows, cols, covered = cells
            cover[rows, cols] |= covered
    share = cover.reshape(grid, 8, grid, 8).mean(axis=(1, 3)).reshape(-1)
    if share.max() <= 0:
        return None
    return share >= min(0.25, share.max())


def ocr_line_tokens(tok, ocr_ids: List[int], block: str, lines_text: str, line_indices) -> Optional[np.ndarray]:
    """Which tokens of the OCR block (bool [len(ocr_ids)], the ids possibly cut short) belong to the given lines of
    `lines_text` (the block's {lines}, one per text line); None when there are none."""
    if not line_indices or not ocr_ids:
        return None
    assert block.endswith(lines_text)
    start = len(block.encode("utf-8")) - len(lines_text.encode("utf-8"))
    spans = []
    for line in lines_text.split("\n"):
        n = len(line.encode("utf-8"))
        spans.append((start, start + n))
        start += n + 1
    wanted = [spans[i] for i in line_indices if 0 <= i < len(spans)]
    ends = np.cumsum(tok.byte_lengths(ocr_ids))
    begins = ends - np.asarray(tok.byte_lengths(ocr_ids))
    out = np.zeros(len(ocr_ids), dtype=bool)
    for a, b in wanted:
        out |= (begins < b) & (ends > a)
    return out if out.any() else None


# --- records -> tasks -----------------------------------------------------------------------------------
def quantize_coord(v: float, bins: int) -> float:
    return bin_to_coord(coord_to_bin(v, bins), bins)


def quantize_size(s: float, bins: int, log2_min: float) -> float:
    return bin_to_size(size_to_bin(s, bins, log2_min), bins, log2_min)


def region_objects(rec: dict) -> List[tuple]:
    """detect: [(cx, cy, w, h)], point: [(x, y)] in target order."""
    if rec["task"] == "detect":
        out = []
        for b in rec.get("boxes") or []:
            out.append(((b["x_min"] + b["x_max"]) / 2, (b["y_min"] + b["y_max"]) / 2,
                        b["x_max"] - b["x_min"], b["y_max"] - b["y_min"]))
        return out
    return [(p["x"], p["y"]) for p in rec.get("points") or []]


def task_of(rec: dict, tok, cfg: ExampleConfig, block: str) -> Optional[dict]:
    prompt = rec["prompt"]
    assert prompt.startswith(block), "record prompt must start with its OCR block"
    prompt_ids = tok.encode(prompt[len(block):])
    t = {"task": rec["task"], "prompt_ids": prompt_ids, "id": rec.get("id")}
    if rec["task"] in ("caption", "query"):
        target = rec["target"].strip()
        ids = tok.encode(" " + target)
        room = cfg.max_task_tokens - len(prompt_ids)
        if room < 4:
            return None
        whole = rec["task"] == "query" and rec.get("qtype") in VISUAL_QTYPES
        # a refusal's first token is the decision that the thing is absent (against a count or a colour, which
        # are weighted); its noun is copied from the question, not read from the pixels
        if rec.get("refusal"):
            visual = [int(k == 0 and cfg.visual_refusals == "decision") for k in range(len(ids))]
        else:
            visual = visual_flags(tok, " " + target, ids, whole)
        if len(ids) > room:
            if rec["task"] != "caption":
                return None
            ids, visual = ids[:room], visual[:room]   # cut long captions; no eos then (the cut text does not end there)
            t["truncated"] = True
        t["target_ids"] = ids
        t["visual"] = visual + ([] if t.get("truncated") else [int(whole)])   # per label: the targets, then eos
        t["refusal"] = bool(rec.get("refusal"))
        t["qtype"] = rec.get("qtype")
        return t
    objs = region_objects(rec)
    per = 3 if rec["task"] == "detect" else 2
    if len(prompt_ids) + per * len(objs) + 1 > cfg.max_task_tokens:
        objs = objs[: max(0, (cfg.max_task_tokens - len(prompt_ids) - 1) // per)]
    t["objects"] = objs
    return t


def choose_tasks(recs: List[dict], rng: random.Random, cfg: ExampleConfig, p: float) -> List[dict]:
    caps = [r for r in recs if r["task"] == "caption"]
    qs = [r for r in recs if r["task"] == "query"]
    regs = [r for r in recs if r["task"] in ("detect", "point")]
    out = []
    lw = cfg.curriculum.caption_lengths(p)
    by_len = {r.get("length"): r for r in caps}
    lens = [k for k in lw if k in by_len and lw[k] > 0]
    for _ in range(min(cfg.captions_per_image, len(lens))):
        k = rng.choices(lens, weights=[lw[x] for x in lens])[0]
        lens.remove(k)
        out.append(by_len[k])
    rng.shuffle(qs)
    reading = [r for r in qs if r.get("qtype") == "text"][: cfg.reading_first]
    qs = reading + [r for r in qs if all(r is not x for x in reading)]
    # keep refusals in the mix at their generated rate, but at most one per image
    n_ref = 0
    for r in qs:
        if len([x for x in out if x["task"] == "query"]) >= cfg.queries_per_image:
            break
        if r.get("refusal"):
            if n_ref:
                continue
            n_ref += 1
        out.append(r)
    rng.shuffle(regs)
    out += regs[: cfg.regions_per_image]
    return out


def build_example(index: int, tok, cfg: ExampleConfig) -> Optional[dict]:
    """Render image `index` of the stream with the synth pipeline and turn it into a training example."""
    from training.synth import pipeline, prompts
    from training.synth.scenes import KINDS

    p = min(1.0, index / max(1, cfg.planned_images))
    weights = cfg.curriculum.kind_weights(p, set(KINDS))
    scene, img, small, recs = pipeline.build(cfg.seed, index, model_size=cfg.image_size, kinds_weights=weights)
    rng = random.Random(f"lunette-train:{cfg.seed}:{index}")
    ocr = recs[0].get("ocr") if recs else None
    block = prompts.ocr_block(ocr)
    ocr_ids = tok.encode(block) if block else []
    if len(ocr_ids) > cfg.max_ocr_tokens:
        ocr_ids = ocr_ids[: cfg.max_ocr_tokens]
    grid = cfg.image_size // cfg.patch_size
    tasks = []
    for r in choose_tasks(recs, rng, cfg, p):
        t = task_of(r, tok, cfg, block)
        if t is not None:
            t["ground"] = ground_patches(scene, r.get("objs") or (), grid)
            t["ground_text"] = ocr_line_tokens(tok, ocr_ids, block, ocr, r.get("ocr_lines")) if ocr else None
            tasks.append(t)
    if not tasks:
        return None
    pix = np.asarray(small.convert("RGB"), dtype=np.uint8)
    assert pix.shape == (cfg.image_size, cfg.image_size, 3)
    return {"index": index, "kind": scene.kind, "pixels": pix, "ocr_ids": ocr_ids, "tasks": tasks,
            "aux": {**aux_labels(scene, grid), **aux_objects(scene, grid)}}


# --- streaming with worker processes (deterministic order) ------------------------------------------------
def _worker(wid: int, n_workers: int, start: int, tok_path: str, cfg: ExampleConfig, q, stop):
    from .tokenizer import Tokenizer
    try:
        import torch
        torch.set_num_threads(1)
    except Exception:
        pass
    tok = Tokenizer.load(tok_path)
    i = start + wid
    while not stop.is_set():
        try:
            ex = build_example(i, tok, cfg)
        except Exception:
            sys.stderr.write(f"[data worker {wid}] image {i} failed:\n{traceback.format_exc()}\n")
            ex = None
        while not stop.is_set():
            try:
                q.put((i, ex), timeout=0.5)
                break
            except queue.Full:
                continue
        i += n_workers


MAX_FAILURES_IN_A_ROW = 25  # a rare scene that fails is skipped; this many in a row means generation is broken


class ExampleStream:
    """Examples for image indices start, start+1, ... in order, built by n_workers processes (0: inline).
    Failed images are skipped (logged); `next_index` is the first index not yet consumed (for resume)."""

    def __init__(self, tok_path: str, cfg: ExampleConfig, start: int = 0, n_workers: int = 1, prefetch: int = 48):
        self.cfg, self.next_index, self.n_workers, self.start = cfg, start, n_workers, start
        self.tok_path = tok_path
        self.skipped = 0
        if n_workers > 0:
            ctx = mp.get_context("fork")
            self.stop = ctx.Event()
            self.queues = [ctx.Queue(maxsize=max(2, prefetch // n_workers)) for _ in range(n_workers)]
            self.procs = [ctx.Process(target=_worker, args=(w, n_workers, start, tok_path, cfg, self.queues[w],
                                                             self.stop), daemon=True) for w in range(n_workers)]
            for pr in self.procs:
                pr.start()
        else:
            from .tokenizer import Tokenizer
            self.tok = Tokenizer.load(tok_path)

    def _get(self) -> Optional[dict]:
        i = self.next_index
        if self.n_workers == 0:
            try:
                ex = build_example(i, self.tok, self.cfg)
            except Exception:
                sys.stderr.write(f"[data] image {i} failed:\n{traceback.format_exc()}\n")
                ex = None
        else:
            # worker w produces indices start+w, start+w+n, ...; index i belongs to worker (i - start) % n
            w = (i - self.start) % self.n_workers
            while True:
                try:
                    j, ex = self.queues[w].get(timeout=60)
                    break
                except queue.Empty:
                    if not self.procs[w].is_alive():
                        raise RuntimeError(f"data worker {w} died")
            assert j == i, f"data order broken: got image {j}, expected {i}"
        self.next_index = i + 1
        return ex

    def take(self, n: int) -> List[dict]:
        """The next n usable examples. Raises RuntimeError when generation keeps failing (a missing asset, a
        library that changed), rather than skipping images forever; each failure's traceback is on stderr."""
        out, failed_in_a_row = [], 0
        while len(out) < n:
            ex = self._get()
            if ex is None:
                self.skipped += 1
                failed_in_a_row += 1
                if failed_in_a_row >= MAX_FAILURES_IN_A_ROW:
                    raise RuntimeError(f"{failed_in_a_row} images in a row failed to generate (the last {self.next_index - 1}); "
                                       "see the tracebacks above")
                continue
            failed_in_a_row = 0
            out.append(ex)
        return out

    def close(self):
        if self.n_workers:
            self.stop.set()
            for pr in self.procs:
                pr.join(timeout=5)
                if pr.is_alive():
                    pr.terminate()


# --- collate -----------------------------------------------------------------------------------------------
def task_rows(ex_tasks, cfg_model) -> List[dict]:
    """Each task -> slots (type, token id, coord value, size values) + labels per position."""
    rc = cfg_model.region
    rows = []
    for t in ex_tasks:
        ids = list(t["prompt_ids"])
        n = len(ids)
        types = [TOK] * n
        toks = ids[:]
        cval = [0.0] * n
        sval = [(0.0, 0.0)] * n
        lm = [IGNORE] * n
        lmv = [0] * n        # 1 where the label is a visual token (visual_flags)
        cl = [IGNORE] * n
        sl = [(IGNORE, IGNORE)] * n
        src = [1] * n        # the prompt's tokens are copy sources (lunette/copy.py); nothing after them is
        if "target_ids" in t:
            tgt = t["target_ids"]
            labels = tgt + ([] if t.get("truncated") else [cfg_model.eos_id])
            visual = t.get("visual") or [0] * len(labels)
            lm[n - 1], lmv[n - 1] = labels[0], visual[0]
            for k, tid in enumerate(tgt):
                types.append(TOK)
                toks.append(tid)
                cval.append(0.0)
                sval.append((0.0, 0.0))
                lm.append(labels[k + 1] if k + 1 < len(labels) else IGNORE)
                lmv.append(visual[k + 1] if k + 1 < len(labels) else 0)
                cl.append(IGNORE)
                sl.append((IGNORE, IGNORE))
                src.append(0)
        else:
            detect = t["task"] == "detect"
            dec = n - 1          # position whose output decides coord-vs-eos and carries x

            def push(ty, cv=0.0, sv=(0.0, 0.0)):
                types.append(ty)
                toks.append(cfg_model.pad_id)
                cval.append(cv)
                sval.append(sv)
                lm.append(IGNORE)
                lmv.append(0)
                cl.append(IGNORE)
                sl.append((IGNORE, IGNORE))
                src.append(0)

            for o in t["objects"]:
                lm[dec] = cfg_model.coord_id
                x, y = min(max(o[0], 0.0), 1.0), min(max(o[1], 0.0), 1.0)
                cl[dec] = coord_to_bin(x, rc.coord_bins)
                push(COORD, quantize_coord(x, rc.coord_bins))
                cl[-1] = coord_to_bin(y, rc.coord_bins)           # x slot's output -> y
                push(COORD, quantize_coord(y, rc.coord_bins))
                if detect:
                    w, h = max(o[2], 1e-6), max(o[3], 1e-6)
                    sl[-1] = (size_to_bin(w, rc.size_bins, rc.size_log2_min),
                              size_to_bin(h, rc.size_bins, rc.size_log2_min))   # y slot's output -> size
                    push(SIZE, 0.0, (quantize_size(w, rc.size_bins, rc.size_log2_min),
                                     quantize_size(h, rc.size_bins, rc.size_log2_min)))
                dec = len(types) - 1
            lm[dec] = cfg_model.eos_id
        # the prompt's last position makes the first prediction (answer token, or coord-vs-eos); its attention
        # is supervised toward the task's objects and OCR lines (losses.grounding_loss)
        rows.append({"types": types, "toks": toks, "cval": cval, "sval": sval, "lm": lm, "lmv": lmv, "cl": cl, "sl": sl,
                     "src": src, "ground": t.get("ground"), "ground_text": t.get("ground_text"), "ground_pos": n - 1})
    return rows


def model_pixels(pixels: np.ndarray, vision_cfg):
    """Pictures at the model's size, uint8 [B,S,S,3], as the vision tower's input: float32 [B,3,S,S],
    x = (rgb/255 - mean) / std."""
    import torch

    pix = pixels.astype(np.float32) / 255.0
    pix = (pix - np.asarray(vision_cfg.mean, dtype=np.float32)) / np.asarray(vision_cfg.std, dtype=np.float32)
    return torch.from_numpy(pix.transpose(0, 3, 1, 2).copy())


def collate(examples: List[dict], cfg_model) -> dict:
    """Torch batch, one row per image: pixels, OCR ids, and all the image's tasks packed one after another in
    one row (segments). Each task continues from the image's prefix on its own: `seg` names the task of every
    position (-1 = padding) and `offs` its offset inside the task, so positions are prefix_len + offs and a
    position sees the prefix and the earlier positions of its own segment only (see losses.forward_losses)."""
    import torch

    v = cfg_model.vision
    b = len(examples)
    pixels = model_pixels(np.stack([e["pixels"] for e in examples]), v)
    lo = max(1, max(len(e["ocr_ids"]) for e in examples))
    ocr = np.full((b, lo), cfg_model.pad_id, dtype=np.int64)
    ocr_len = np.zeros(b, dtype=np.int64)
    for i, e in enumerate(examples):
        ocr[i, : len(e["ocr_ids"])] = e["ocr_ids"]
        ocr_len[i] = len(e["ocr_ids"])
    packed, n_tasks = [], 0
    for e in examples:
        rows = task_rows(e["tasks"], cfg_model)
        n_tasks += len(rows)
        cat = {k: [] for k in ("types", "toks", "cval", "sval", "lm", "lmv", "cl", "sl", "src", "seg", "offs")}
        cat["ground"], cat["ground_text"] = [], []          # (packed position, mask over patches / OCR tokens)
        for si, r in enumerate(rows):
            for k in ("ground", "ground_text"):
                if r[k] is not None:
                    cat[k].append((len(cat["types"]) + r["ground_pos"], r[k]))
            for k in ("types", "toks", "cval", "sval", "lm", "lmv", "cl", "sl", "src"):
                cat[k] += r[k]
            cat["seg"] += [si] * len(r["types"])
            cat["offs"] += list(range(len(r["types"])))
        packed.append(cat)
    t = max(len(r["types"]) for r in packed)
    types = np.full((b, t), PAD, dtype=np.int64)
    toks = np.full((b, t), cfg_model.pad_id, dtype=np.int64)
    cval = np.zeros((b, t), dtype=np.float32)
    sval = np.zeros((b, t, 2), dtype=np.float32)
    lm = np.full((b, t), IGNORE, dtype=np.int64)
    lmv = np.zeros((b, t), dtype=bool)
    cl = np.full((b, t), IGNORE, dtype=np.int64)
    sl = np.full((b, t, 2), IGNORE, dtype=np.int64)
    seg = np.full((b, t), -1, dtype=np.int64)
    src = np.zeros((b, t), dtype=bool)
    offs = np.zeros((b, t), dtype=np.int64)
    ground = np.zeros((b, t, v.n_patches), dtype=bool)
    ground_text = np.zeros((b, t, lo), dtype=bool)
    for k, r in enumerate(packed):
        for pos, mask in r["ground"]:
            ground[k, pos] = mask
        for pos, mask in r["ground_text"]:
            ground_text[k, pos, : len(mask)] = mask
        n = len(r["types"])
        types[k, :n], toks[k, :n], cval[k, :n] = r["types"], r["toks"], r["cval"]
        sval[k, :n] = np.asarray(r["sval"], dtype=np.float32).reshape(n, 2)
        sl[k, :n] = np.asarray(r["sl"], dtype=np.int64).reshape(n, 2)
        lm[k, :n], cl[k, :n], seg[k, :n], offs[k, :n] = r["lm"], r["cl"], r["seg"], r["offs"]
        src[k, :n] = r["src"]
        lmv[k, :n] = r["lmv"]
    aux = {k: torch.from_numpy(np.stack([e["aux"][k] for e in examples])) for k in examples[0]["aux"]}
    T = torch.from_numpy
    return {"pixels": pixels, "ocr": T(ocr), "ocr_len": T(ocr_len), "types": T(types), "toks": T(toks),
            "cval": T(cval), "sval": T(sval), "lm": T(lm), "lmv": T(lmv), "cl": T(cl), "sl": T(sl), "src": T(src), "seg": T(seg),
            "offs": T(offs), "ground": T(ground), "ground_text": T(ground_text),
            "aux": aux, "kinds": [e["kind"] for e in examples], "n_images": b, "n_tasks": n_tasks}
