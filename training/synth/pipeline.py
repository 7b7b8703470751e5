"""One image through every stage: scene -> augment -> simulated OCR -> captions / QA -> filter -> refusals ->
phrasing -> detect/point targets -> sample records.

A record (one training example; every record of an image shares its image and OCR block):
  id          "<seed>-<index>-<k>"
  image       path of the model-size PNG (relative to the output folder; set by the writer)
  kind        scene kind (ui, code, terminal, chart, diagram, shapes, objects, document, photo)
  task        caption | query | detect | point
  length      short | normal | long                       (caption)
  question    the user's question, as phrased              (query)
  object      the object phrase                            (detect, point)
  ocr         the {lines} text of the OCR block, or null when the image gets no block
  prompt      the full text after [BOS][image]: OCR block (if any) + task template, exactly as the model sees it
  target      caption or answer text (caption, query); the model's output follows the prompt directly, so a
              tokenizer that wants a separating space adds it
  boxes       [{x_min, y_min, x_max, y_max}] normalized (detect)      points  [{x, y}] normalized (point)
  qtype, refusal, answer_key   (query) for balancing and exact-match scoring
"""
from __future__ import annotations

import random
from collections import defaultdict

from . import absurd, augment, captions, filters, phrasing, prompts, qa, regions
from . import ocr as ocr_mod
from .evidence import Evidence
from .scenes import KINDS, generate_scene

MODEL_SIZE = 128


def rng_for(seed: int, index: int) -> random.Random:
    return random.Random(f"lunette-synth:{seed}:{index}")


def select_pairs(pairs, rng, n: int) -> list:
    """Up to n pairs, spread over question types."""
    by = defaultdict(list)
    for p in pairs:
        by[p.qtype].append(p)
    for v in by.values():
        rng.shuffle(v)
    out = []
    types = sorted(by)
    rng.shuffle(types)
    while len(out) < n and any(by.values()):
        for t in types:
            if by[t] and len(out) < n:
                out.append(by[t].pop())
    return out


def render(rng: random.Random, kind: str | None = None, model_size: int = MODEL_SIZE,
           kinds_weights: dict | None = None):
    """The pictures alone: (scene, rendered_image_after_augment, model_image)."""
    scene = generate_scene(rng, kind, kinds_weights)
    img, ops = augment.augment(scene.image, rng, photo=scene.kind == "photo")
    scene.meta["augment"] = ops
    small = img.resize((model_size, model_size), resample=2)   # Image.BILINEAR, reducing_gap None
    return scene, img, small


def build(seed: int, index: int, kind: str | None = None, model_size: int = MODEL_SIZE, n_queries: int = 6,
          n_refusals: int = 2, stats: dict | None = None, kinds_weights: dict | None = None):
    """Returns (scene, rendered_image_after_augment, model_image, records)."""
    rng = rng_for(seed, index)
    scene, img, small = render(rng, kind, model_size, kinds_weights)
    ocr = ocr_mod.simulate(scene, rng)
    ev = Evidence(scene, ocr, model_size=model_size)
    block = prompts.ocr_block(ocr.text)
    w, h = scene.image.size
    base = {"kind": scene.kind, "ocr": ocr.text, "width": w, "height": h}
    recs = []

    def rec(task, **kw):
        r = dict(base)
        r["task"] = task
        r.update(kw)
        r["prompt"] = block + prompts.task_prompt(task, kw.get("length"), kw.get("question"), kw.get("object"))
        r["id"] = f"{seed}-{index}-{len(recs)}"
        recs.append(r)

    caps = captions.captions(scene, ev, rng)
    for length in ("short", "normal", "long"):
        rec("caption", length=length, target=caps[length])

    cand = qa.generate(scene, rng)
    kept = filters.apply(cand, scene, ev, stats)
    for p in select_pairs(kept, rng, n_queries):
        # the objects and the OCR block's lines (indices) the answer comes from, for the grounding losses
        rec("query", question=phrasing.phrase(p, rng), target=p.answer, qtype=p.qtype, refusal=False,
            answer_key=p.key, objs=list(p.objs),
            ocr_lines=[i for i, ln in enumerate(ocr.lines) if any(sid in p.lines for sid, _ in ln.segments)])
    ref = filters.apply(absurd.generate(scene, rng), scene, ev, stats)
    for p in select_pairs(ref, rng, n_refusals):
        rec("query", question=phrasing.phrase(p, rng), target=p.answer, qtype=p.qtype, refusal=p.refusal,
            answer_key=p.key)

    absent_pool = absurd.absent_nouns(scene)
    for name, objs in regions.detect_prompts(scene, rng, ev, n=2, n_absent=1 if rng.random() < 0.3 else 0,
                                             absent_pool=absent_pool):
        task = rng.choice(["detect", "point"])
        phrase = phrasing.object_phrase(name, rng)
        if task == "detect":
            rec("detect", object=phrase, boxes=[regions.norm_box(o, w, h) for o in objs], objs=[o.id for o in objs])
        else:
            rec("point", object=phrase, points=[regions.point_of(o, w, h) for o in objs], objs=[o.id for o in objs])
    return scene, img, small, recs
