#!/usr/bin/env python3
"""Train the byte-level BPE tokenizer on the training corpus and save tokenizer.json.

  /usr/bin/python3 training/train_tokenizer.py --out training/runs/nano/tokenizer.json [--images 3000]

Corpus (deterministic):
  1. every text the model sees or writes for --images synthetic images (OCR blocks, prompts, " " + targets),
     drawn with equal weight per scene kind so rare kinds still get their words;
  2. the string literals of training/synth (its word lists, templates and vocabularies: words of scene kinds
     that are rare in a sample);
  3. the repository's own source and docs (TypeScript, Python, Markdown): code-like text for screenshots of
     editors and terminals.
"""
from __future__ import annotations

import argparse
import ast
import glob
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, REPO)

from lunette.tokenizer import train_bpe  # noqa: E402


def synth_texts(n_images: int, seed: int):
    from training.synth import pipeline, prompts
    from training.synth.scenes import KINDS
    weights = {k: 1.0 for k in KINDS}
    for i in range(n_images):
        try:
            _, _, _, recs = pipeline.build(seed, i, kinds_weights=weights)
        except Exception as e:  # a scene kind under construction must not stop the corpus
            print(f"image {i}: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        if not recs:
            continue
        yield recs[0]["prompt"]  # OCR block + first prompt
        for r in recs:
            block = prompts.ocr_block(r.get("ocr"))
            yield r["prompt"][len(block):]
            if r.get("target"):
                yield " " + r["target"].strip()


def literal_texts(root: str):
    for path in sorted(glob.glob(os.path.join(root, "**", "*.py"), recursive=True)):
        try:
            tree = ast.parse(open(path, encoding="utf-8").read())
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and 0 < len(node.value) < 400:
                yield node.value
                yield " " + node.value


def repo_texts():
    pats = ["src/**/*.ts", "docs/**/*.md", "*.md", "training/**/*.py", "scripts/**/*"]
    for pat in pats:
        for path in sorted(glob.glob(os.path.join(REPO, pat), recursive=True)):
            if "node_modules" in path or not os.path.isfile(path) or os.path.getsize(path) > 200_000:
                continue
            try:
                yield open(path, encoding="utf-8").read()
            except UnicodeDecodeError:
                continue


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--vocab", type=int, default=4096)
    ap.add_argument("--images", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=99)
    args = ap.parse_args()
    t0 = time.time()
    texts = list(synth_texts(args.images, args.seed))
    n_synth = len(texts)
    texts += list(literal_texts(os.path.join(REPO, "training", "synth")))
    texts += list(repo_texts())
    print(f"corpus: {n_synth} synthetic texts + {len(texts) - n_synth} others, "
          f"{sum(len(t) for t in texts) / 1e6:.2f} M chars ({time.time() - t0:.0f}s)")
    tok = train_bpe(texts, args.vocab)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    tok.save(args.out)
    sample = "\n\nQuestion: What colour is the Save button?\n\nAnswer:"
    print(f"vocab {len(tok)}; {len(tok.encode(sample))} tokens for {sample!r}; {time.time() - t0:.0f}s -> {args.out}")


if __name__ == "__main__":
    main()
