"""A "model" for decoding tests: next-token scores from the last piece alone, from a table in a test fixture
(test/fixtures/quotes.json and colours.json, `markov`), with a tokenizer over the same pieces. test/helpers.ts
`markovAdapter` is the engine's side."""
import math
from types import SimpleNamespace

import torch


class MarkovModel:
    """The "KV cache" is never read: the last piece fed in decides the next scores ("start" before any)."""

    def __init__(self, table):
        self.table = table
        pieces = table["pieces"]
        self.cfg = SimpleNamespace(eos_id=0, coord_id=pieces.index(table["coord"]), size_id=pieces.index(table["size"]),
                                   text=SimpleNamespace(n_heads=1, head_dim=1, n_layers=0, copy_dim=0, copy_prev=False))

    def eval(self):
        return self

    def embed(self, ids):
        return ids.float().unsqueeze(-1)

    def step(self, embeds, position_ids, past, ids=None):
        pieces = self.table["pieces"]
        piece = pieces[int(embeds[0, -1, 0])] if embeds.shape[1] else "start"
        nxt = self.table["next"].get(piece, {"": 1})
        logits = torch.tensor([[math.log(nxt.get(p, 1e-9)) for p in pieces]])
        return logits, torch.zeros(1, 1), past


class PieceTokenizer:
    """The longest piece first, as BPE merges; a character no piece starts with is unknown."""

    def __init__(self, table):
        self.pieces = table["pieces"]
        self.unknown = self.pieces.index(table["unknown"])

    def encode(self, text):
        ids, at = [], 0
        while at < len(text):
            fits = [i for i, p in enumerate(self.pieces) if p and text.startswith(p, at)]
            best = max(fits, key=lambda i: len(self.pieces[i]), default=None)
            ids.append(self.unknown if best is None else best)
            at += 1 if best is None else len(self.pieces[best])
        return ids

    def decode(self, ids, skip_special_tokens=True):
        return "".join(self.pieces[i] for i in ids)

    def __len__(self):
        return len(self.pieces)


def continue_text(table, start_piece=None, **options):
    """The text generated from the "start" table, or from `start_piece`'s (prefilled as the prompt's last piece);
    `options` go to Generator._continue_text (quote_lines, held_back), `single_line` to the Generator."""
    from lunette.generate import Generator
    gen = Generator(MarkovModel(table), PieceTokenizer(table), single_line=options.pop("single_line", False))
    start = gen._empty()
    pieces = table["pieces"]
    prompt = torch.zeros(1, 0, 1) if start_piece is None else torch.tensor([[[float(pieces.index(start_piece))]]])
    logits, _, state = gen._step(prompt, start)
    out, _ = gen._continue_text([], logits, state, table["max_tokens"], **options)
    return out["text"].strip()
