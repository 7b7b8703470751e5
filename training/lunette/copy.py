"""Copy head: a pointer over the prompt's text tokens (the OCR lines and the question), mixed into the output.

A small decoder trained on a few ten thousand images learns what error messages *look like* long before it
learns to read the one in front of it: asked "What does the error say?" it writes a plausible error from its
training data. The text is right there in the prompt (the OCR block), so the output distribution gets a second
source, as in pointer-generator networks (See et al., 2017):

    p(token) = (1 - g) * softmax(logits)[token] + g * sum of a_j over source positions j holding that token

a_j is a single-head attention from the current position to the *copy sources* (positions whose copy id is a
token id, not -1), g = sigmoid(gate(h)) the copy gate. Keys are computed once per position from the final
(normalized) hidden state and cached next to the KV cache, so each decoding step only adds its own key.

With `prev` (TextConfig.copy_prev) a key is `key(h_j) + prev_key(h_(j-1))`, an induction-style key: to continue
a quote the query (the state of the token just written) has to find the source position *after* the same
token, and a key that sees its predecessor directly does not depend on the decoder having moved that
information forward itself. (Without it the copy landed one token late: 'sharp' came out as 'arpsharp'.)
prev_key starts at zero, so a head trained without it keeps its behaviour at first; the term for the next
position travels in the cache as one more tensor.
Which positions are sources is fixed by the caller: every token of the OCR block and of the task prompt, never
the image, region slots or generated tokens (docs/model-pack.md "Copy head").
"""
from __future__ import annotations

import math
from typing import Optional

import torch
import torch.nn as nn

# additive score for positions that are not copy sources (finite, so a row with no source stays defined)
NOT_A_SOURCE = -1e9


class CopyHead(nn.Module):
    def __init__(self, dim: int, key_dim: int, prev: bool = False, gate_bias: float = -3.0):
        super().__init__()
        self.key_dim = key_dim
        self.query = nn.Linear(dim, key_dim)
        self.key = nn.Linear(dim, key_dim)
        # no bias: a zero state (before BOS) contributes nothing
        self.prev_key = nn.Linear(dim, key_dim, bias=False) if prev else None
        self.gate = nn.Linear(dim, 1)
        self.gate_bias = gate_bias

    @torch.no_grad()
    def reset(self) -> None:
        """Gate almost closed and no predecessor term, so a decoder trained without the head (or without the
        induction term) keeps its behaviour at first."""
        nn.init.zeros_(self.gate.weight)
        nn.init.constant_(self.gate.bias, self.gate_bias)
        if self.prev_key is not None:
            nn.init.zeros_(self.prev_key.weight)

    def keys(self, normed: torch.Tensor, predecessor: Optional[torch.Tensor] = None) -> torch.Tensor:
        """Final-normed states [..., D] -> copy keys [..., Kd]; `predecessor` holds, per position, the
        successor_term of the position before it (required with prev_key)."""
        keys = self.key(normed)
        return keys if self.prev_key is None else keys + predecessor.to(keys.dtype)

    def successor_term(self, normed: torch.Tensor) -> torch.Tensor:
        """What each state adds to the key of the position after it: [..., D] -> [..., Kd]."""
        return self.prev_key(normed)

    @staticmethod
    def shift(succ: torch.Tensor, before: torch.Tensor) -> torch.Tensor:
        """Successor terms [B,T,Kd] of a run of consecutive positions -> their predecessor terms, given the term
        [B,1,Kd] of the position before the run."""
        return torch.cat([before.to(succ.dtype), succ[:, :-1]], dim=1)

    def attend(self, normed: torch.Tensor, keys: torch.Tensor, is_source: torch.Tensor):
        """Queries [B,T,D] over keys [B,S,Kd]; is_source bool [B,T,S] (or broadcastable) -> (a [B,T,S], g [B,T]).

        a is zero off the sources; g is zero where a position sees no source at all."""
        scores = torch.matmul(self.query(normed), keys.transpose(-1, -2)) / math.sqrt(self.key_dim)
        scores = scores.float().masked_fill(~is_source, NOT_A_SOURCE)
        attn = torch.softmax(scores, dim=-1) * is_source
        any_source = is_source.any(dim=-1)
        gate = torch.sigmoid(self.gate(normed).squeeze(-1).float()) * any_source
        return attn, gate

    def mix_step(self, logits: torch.Tensor, normed: torch.Tensor, keys: torch.Tensor,
                 ids: torch.Tensor) -> torch.Tensor:
        """One decoding position: logits [B,V], normed [B,D], cached keys [B,S,Kd], copy ids [B,S] (-1 = not a
        source) -> log-probabilities [B,V] of the mixture."""
        is_source = (ids >= 0).unsqueeze(1)                                # [B,1,S]
        attn, gate = self.attend(normed.unsqueeze(1), keys, is_source)      # [B,1,S], [B,1]
        copy = torch.zeros(logits.shape, dtype=attn.dtype, device=logits.device)
        copy = copy.scatter_add(1, ids.clamp(min=0), attn.reshape(ids.shape))
        probs = (1 - gate) * torch.softmax(logits.float(), dim=-1) + gate * copy
        return torch.log(probs)
