"""Causal text decoder (Phi / Moondream layout) with rotary positions and a per-layer KV cache.

Block: parallel attention + MLP sharing one pre-LayerNorm, `h = ln(x); x = x + attn(h) + mlp(h)`.
Output layer: tied to the token embedding (logits = post_ln(x) @ wte.T, no separate lm_head weight/bias).

KV cache: a list with one `(key, value)` pair per layer, each `[B, H, P, Dh]`; keys are stored *after*
the rotary embedding. Cache index j holds the token at absolute position j, so the causal mask is
"key j is visible to a query at position p iff j <= p", built from `position_ids`.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from .config import TextConfig
from .layers import MLP, attention

KVCache = List[Tuple[torch.Tensor, torch.Tensor]]


class Rotary(nn.Module):
    """Rotary position embedding on the first `rotary_dim` dims of each head, rotate-half pairing
    (dims [0, r/2) are the real part, [r/2, r) the imaginary part; the rest pass through)."""

    def __init__(self, rotary_dim: int, theta: float):
        super().__init__()
        self.rotary_dim = rotary_dim
        inv_freq = 1.0 / (theta ** (torch.arange(0, rotary_dim, 2, dtype=torch.float32) / rotary_dim))
        self.register_buffer("inv_freq", inv_freq, persistent=False)

    def cos_sin(self, position_ids: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """position_ids [B,T] -> cos, sin [B,1,T,r/2] (broadcast over heads)."""
        freqs = position_ids.to(torch.float32).unsqueeze(-1) * self.inv_freq
        freqs = freqs.unsqueeze(1)
        return torch.cos(freqs), torch.sin(freqs)

    def apply(self, x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
        r, half = self.rotary_dim, self.rotary_dim // 2
        x1, x2, rest = x[..., :half], x[..., half:r], x[..., r:]
        return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos, rest], dim=-1)


class TextAttention(nn.Module):
    def __init__(self, cfg: TextConfig):
        super().__init__()
        self.n_heads, self.head_dim = cfg.n_heads, cfg.head_dim
        self.qkv = nn.Linear(cfg.dim, 3 * cfg.n_heads * cfg.head_dim)
        self.proj = nn.Linear(cfg.n_heads * cfg.head_dim, cfg.dim)
        # training only: when a list, each call appends its (queries, keys) after RoPE, keys with the past first
        # (losses.grounding_loss supervises where a head looks in the image or the OCR block)
        self.capture: Optional[list] = None

    def forward(self, x, cos, sin, rotary: Rotary, masked, past: Optional[Tuple[torch.Tensor, torch.Tensor]]):
        b = x.shape[0]
        q, k, v = self.qkv(x).reshape(b, -1, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        q, k = rotary.apply(q, cos, sin), rotary.apply(k, cos, sin)
        if past is not None:
            k = torch.cat([past[0], k], dim=2)
            v = torch.cat([past[1], v], dim=2)
        if self.capture is not None:
            self.capture.append((q, k))
        out = attention(q, k, v, masked)
        out = out.transpose(1, 2).reshape(b, -1, self.n_heads * self.head_dim)
        return self.proj(out), (k, v)


class TextBlock(nn.Module):
    def __init__(self, cfg: TextConfig):
        super().__init__()
        self.ln = nn.LayerNorm(cfg.dim)
        self.attn = TextAttention(cfg)
        self.mlp = MLP(cfg.dim, cfg.dim * cfg.mlp_ratio)

    def forward(self, x, cos, sin, rotary, masked, past=None):
        h = self.ln(x)
        a, present = self.attn(h, cos, sin, rotary, masked, past)
        return x + a + self.mlp(h), present


def causal_mask(position_ids: torch.Tensor, n_keys) -> torch.Tensor:
    """Bool [B,1,T,S], True where key index j is NOT visible to the query at position p (j > p)."""
    key_index = torch.arange(n_keys, device=position_ids.device)
    return key_index.view(1, 1, 1, -1) > position_ids.unsqueeze(1).unsqueeze(-1)


class TextDecoder(nn.Module):
    def __init__(self, cfg: TextConfig):
        super().__init__()
        self.cfg = cfg
        self.wte = nn.Embedding(cfg.vocab_size, cfg.dim)
        self.rotary = Rotary(cfg.rotary_dim, cfg.rope_theta)
        self.blocks = nn.ModuleList(TextBlock(cfg) for _ in range(cfg.n_layers))
        self.post_ln = nn.LayerNorm(cfg.dim)

    def embed(self, input_ids: torch.Tensor) -> torch.Tensor:
        return self.wte(input_ids)

    def logits(self, normed: torch.Tensor) -> torch.Tensor:
        """The tied output layer over states that already went through the final LayerNorm."""
        return F.linear(normed, self.wte.weight)

    def lm_head(self, hidden: torch.Tensor) -> torch.Tensor:
        """Final LayerNorm + tied output layer. hidden is the pre-norm residual stream."""
        return self.logits(self.post_ln(hidden))

    def forward(
        self,
        inputs_embeds: torch.Tensor,
        position_ids: Optional[torch.Tensor] = None,
        past: Optional[KVCache] = None,
        mask: Optional[torch.Tensor] = None,
    ) -> Tuple[torch.Tensor, KVCache]:
        """inputs_embeds [B,T,D] -> (hidden [B,T,D] before post_ln, presents).

        position_ids [B,T] defaults to P..P+T-1 where P is the cached length. With `past` the new keys/values
        are appended to it (a zero-length past is allowed). `mask` (training only: bool [B,1,T,P+T], True where
        a key is NOT visible) replaces the causal mask built from position_ids, e.g. to attend to a padded shared
        prefix; inference and the ONNX graphs never pass it.
        """
        b, t = inputs_embeds.shape[0], inputs_embeds.shape[1]
        n_past = 0 if past is None else past[0][0].shape[2]
        if position_ids is None:
            position_ids = torch.arange(n_past, n_past + t, device=inputs_embeds.device).unsqueeze(0).expand(b, t)
        cos, sin = self.rotary.cos_sin(position_ids)
        masked = causal_mask(position_ids, n_past + t) if mask is None else mask
        x, presents = inputs_embeds, []
        for i, block in enumerate(self.blocks):
            x, present = block(x, cos, sin, self.rotary, masked, None if past is None else past[i])
            presents.append(present)
        return x, presents
