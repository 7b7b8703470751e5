"""Quotes taken whole from the OCR lines: lunette/generate.py on the cases test/engine/quotes.test.ts runs too."""
import json
import math
import os
from types import SimpleNamespace

import torch

from conftest import REPO
from lunette.generate import Generator, opening_quote_end, quote_candidates, quote_open_after

with open(os.path.join(REPO, "test", "fixtures", "quotes.json"), encoding="utf-8") as f:
    FIXTURE = json.load(f)
MARKOV = FIXTURE["markov"]
PIECES = MARKOV["pieces"]


class MarkovModel:
    """Next-token scores from the last piece alone; the "KV cache" is that piece."""

    def __init__(self):
        self.cfg = SimpleNamespace(eos_id=0, coord_id=PIECES.index(MARKOV["coord"]), size_id=PIECES.index(MARKOV["size"]),
                                   text=SimpleNamespace(n_heads=1, head_dim=1, n_layers=0, copy_dim=0, copy_prev=False))

    def eval(self):
        return self

    def embed(self, ids):
        return ids.float().unsqueeze(-1)

    def step(self, embeds, position_ids, past, ids=None):
        piece = PIECES[int(embeds[0, -1, 0])] if embeds.shape[1] else "start"
        nxt = MARKOV["next"].get(piece, {"": 1})
        logits = torch.tensor([[math.log(nxt.get(p, 1e-9)) for p in PIECES]])
        return logits, torch.zeros(1, 1), past


class PieceTokenizer:
    """The longest piece first, as BPE merges; a character no piece starts with is unknown."""

    def encode(self, text):
        ids, at = [], 0
        while at < len(text):
            fits = [i for i, p in enumerate(PIECES) if p and text.startswith(p, at)]
            best = max(fits, key=lambda i: len(PIECES[i]), default=None)
            ids.append(PIECES.index(MARKOV["unknown"]) if best is None else best)
            at += 1 if best is None else len(PIECES[best])
        return ids

    def decode(self, ids, skip_special_tokens=True):
        return "".join(PIECES[i] for i in ids)

    def __len__(self):
        return len(PIECES)


def caption(lines, quotes, start_piece=None, single_line=False):
    """From the "start" table, or from `start_piece`'s (prefilled as the prompt's last piece)."""
    gen = Generator(MarkovModel(), PieceTokenizer(), single_line=single_line)
    start = gen._empty()
    prompt = torch.zeros(1, 0, 1) if start_piece is None else torch.tensor([[[float(PIECES.index(start_piece))]]])
    logits, _, state = gen._step(prompt, start)
    out, _ = gen._continue_text([], logits, state, MARKOV["max_tokens"], lines if quotes else ())
    return out["text"].strip()


def test_candidates_are_each_line_two_consecutive_ones_and_their_sentence_case():
    for case in FIXTURE["candidates"]:
        assert quote_candidates(case["lines"]) == case["candidates"]


def test_which_piece_opens_a_quote():
    for case in FIXTURE["opening"]:
        assert opening_quote_end(case["inside"], case["piece"]) == case["end"], case
        assert quote_open_after(case["inside"], case["piece"]) == case["open_after"], case


def test_the_most_probable_line_is_quoted_whole_as_in_the_engine():
    for case in MARKOV["cases"]:
        assert caption(case["lines"], case["quotes"], case.get("start"), case.get("single_line", False)) == case["text"], case
