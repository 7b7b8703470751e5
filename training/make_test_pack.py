#!/usr/bin/env python3
"""Build models/test-tiny/: a deterministic model pack with random weights of the "tiny" preset.

  /usr/bin/python3 training/make_test_pack.py [--out models/test-tiny]

The tokenizer is trained on the small built-in corpus below. The weight seed is the first one (from
BASE_SEED on) whose reference decoding is non-trivial (varied caption/answer ids, >= 1 box and point) and has
no near-ties (every greedy decision margin > MIN_MARGIN), so the ONNX side can reproduce it exactly.
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import torch  # noqa: E402

from lunette.config import tiny  # noqa: E402
from lunette.export import export_pack, write_json  # noqa: E402
from lunette.generate import make_reference_image, reference_cases  # noqa: E402
from lunette.model import LunetteModel  # noqa: E402
from lunette.tokenizer import train_bpe  # noqa: E402

BASE_SEED = 1234
INIT_STD = 0.5           # much larger than the training init: random logits get clear margins, less repetition
MIN_MARGIN = 1e-2        # every recorded greedy decision is at least this far from a tie
MIN_DISTINCT_TOKENS = 6  # caption and answer: at least this many distinct ids out of 12


# Shared tokenizer test vectors (written to tokenizer-vectors.json): whitespace, unicode, emoji, code, numbers,
# special-token strings and exotic whitespace (U+0085, U+2028, U+FEFF, U+001C) where regex engines may differ.
TOKENIZER_TEST_STRINGS = [
    "", " ", "  ", "\n", "\n\n", "\t", " \t\n ", "hello", " hello", "hello ", "  hello  world  ",
    "\n\nShort caption:", "\n\nCaption:", "\n\nLong caption:",
    "\n\nQuestion: What colour is it?\n\nAnswer:", "\n\nDetect: box\n\n", "\n\nPoint: box\n\n",
    "A red circle at the top.", "It's they're we've I'm you'll he'd IT'S", "don't 's 't",
    "line1\nline2\r\nline3\rline4", "tabs\tand\t\tmore\ttabs", "trailing newline\n", "\n\n\n   \n",
    "12345 678.9 -3e10 0x1F 1,000,000 3½ ²³ ٣٤٥ 一二三", "2024-06-01T12:34:56Z",
    "Café naïve déjà vu Ünïcödé ß ﬁ", "日本語のテキスト", "中文，标点。", "한국어 텍스트", "Привет, мир!", "مرحبا بالعالم", "שלום",
    "emoji 😀👍🏽 👨‍👩‍👧 🇫🇷 ❤️", "math ∑∫√∞ ≤ ≥ ≠ →", "zero\u200bwidth\u200djoiner", "nbsp\u00a0here", "em\u2003space",
    "def f(x):\n    return x ** 2  # square\n", "const a = {b: [1, 2], c: 'd'};", "<div class=\"x\">&amp;</div>",
    "path/to/file.ts:12:5 error TS2304", "$ npm run build && node dist/cli.js --help",
    "a<|endoftext|>b", "<|coord|><|size|><|pad|>", "<|endoftext|>", "x <|coord|> y",
    "!!!???...", "'''", "'s's", "\"quoted\" 'single'", "a  b   c    d",
    "Temperature: 21.5 °C — humidity 40 %", "Error: cannot find module 'sharp'",
    "\u0085next-line \u2028line-sep \u2029para-sep \ufeffbom \u000bvt \u000cff \u001cfs",
]


def tiny_corpus() -> list:
    """A few hundred short sentences about UI, charts, colours and shapes (deterministic)."""
    colours = ["red", "blue", "green", "yellow", "orange", "purple", "grey", "black", "white", "dark blue"]
    shapes = ["circle", "square", "box", "triangle", "rectangle", "line", "arrow", "star"]
    ui = ["button", "window", "menu", "toolbar", "dialog", "tab", "sidebar", "status bar", "text field", "icon"]
    charts = ["bar chart", "line chart", "pie chart", "scatter plot", "table", "diagram"]
    places = ["at the top", "on the left", "on the right", "at the bottom", "in the centre", "near the corner"]
    out = []
    for i, (c, s, p) in enumerate(itertools.product(colours, shapes, places)):
        if i % 3 == 0:
            out.append(f"A {c} {s} {p}.")
        elif i % 3 == 1:
            out.append(f"\n\nShort caption: A {c} {s} {p} of the image.")
        else:
            out.append(f"\n\nDetect: {s}\n\n")
    for i, (u, c) in enumerate(itertools.product(ui, colours)):
        out.append(f"\n\nQuestion: What colour is the {u}?\n\nAnswer: The {u} is {c}.")
        if i % 4 == 0:
            out.append(f"\n\nPoint: {u}\n\n")
    for i, (ch, c) in enumerate(itertools.product(charts, colours)):
        n = (i * 7) % 13 + 2
        out.append(f"\n\nCaption: A {ch} with {n} {c} bars; the values go from {i * 3} to {i * 3 + 40}%.")
        out.append(f"\n\nLong caption: The {ch} shows {n} series. The largest value is {100 - i}, in {c}.")
    out += [
        "Error: cannot find module 'sharp'",
        "File  Edit  View  Help",
        "def main():\n    print(\"hello, world\")\n",
        "const x = [1, 2, 3].map((v) => v * 2);",
        "\tindented with a tab\n",
        "Temperature: 21.5 °C — humidity 40 %",
        "Café, naïve, déjà vu, Ünïcödé!",
        "It's a screenshot; they're buttons, we've seen it, I'm sure, you'll see, he'd know.",
    ]
    return out


def tokenizer_vectors(tok) -> list:
    vecs = []
    for text in TOKENIZER_TEST_STRINGS:
        ids = tok.encode(text)
        assert tok.decode(ids) == text, f"round trip failed for {text!r}"
        vecs.append({"text": text, "ids": ids})
    return vecs


def build(out_dir: str, vectors_path: str = None, verbose: bool = True) -> dict:
    torch.set_num_threads(2)
    t0 = time.time()
    cfg = tiny()
    tok = train_bpe(tiny_corpus(), cfg.text.vocab_size)
    assert len(tok) == cfg.text.vocab_size, f"tokenizer has {len(tok)} tokens, want {cfg.text.vocab_size}"
    t_tok = time.time() - t0

    image = make_reference_image(cfg.vision.image_size)
    for seed in range(BASE_SEED, BASE_SEED + 200):
        torch.manual_seed(seed)
        model = LunetteModel(cfg).eval()
        model.init_weights(INIT_STD)
        torch.nn.init.constant_(model.copy.gate.bias, -1.5)   # a partly open copy gate: the references exercise it
        torch.nn.init.normal_(model.copy.prev_key.weight, 0.0, 0.5)   # and the induction term of its keys
        ref = reference_cases(model, tok, image)
        caption, query, detect, point = ref["cases"]
        ok = (len(set(caption["ids"])) >= MIN_DISTINCT_TOKENS and len(set(query["ids"])) >= MIN_DISTINCT_TOKENS
              and len(detect["objects"]) >= 1 and len(point["points"]) >= 1 and ref["min_margin"] > MIN_MARGIN)
        if verbose:
            print(f"seed {seed}: caption {len(caption['ids'])} tokens ({len(set(caption['ids']))} distinct), "
                  f"answer {len(query['ids'])} ({len(set(query['ids']))}), {len(detect['objects'])} objects, "
                  f"{len(point['points'])} points, min margin {ref['min_margin']:.4f} -> {'ok' if ok else 'retry'}")
        if ok:
            break
    else:
        raise RuntimeError("no seed gives a usable reference")
    t_seed = time.time() - t0 - t_tok

    manifest = export_pack(
        model, tok, out_dir, name="test-tiny",
        description=f"Random weights (tiny preset, seed {seed}, init std {INIT_STD}) for engine tests. "
                    "Produces nonsense; only for parity and plumbing.",
        reference=ref, reference_image=image, no_repeat_ngram=0,  # the references decode plainly
        extra_files={"tokenizer-vectors.json": write_json(vectors_path, tokenizer_vectors(tok))},
    )
    if verbose:
        total = sum(f["bytes"] for f in manifest["files"].values())
        print(f"tokenizer {t_tok:.1f}s, seed search {t_seed:.1f}s, export {time.time() - t0 - t_tok - t_seed:.1f}s; "
              f"pack {total} bytes in {out_dir}")
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(HERE, "..", "models", "test-tiny"))
    ap.add_argument("--vectors", default=os.path.join(HERE, "tests", "data", "tokenizer-vectors.json"),
                    help="also write the tokenizer test vectors here ('' to skip)")
    args = ap.parse_args()
    build(os.path.normpath(args.out), args.vectors or None)


if __name__ == "__main__":
    main()
