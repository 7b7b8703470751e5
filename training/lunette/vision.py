"""ViT image encoder (SigLIP/Moondream layout) and the projection MLP into the text width."""
from __future__ import annotations

import torch
import torch.nn as nn

from .config import ModelConfig
from .layers import MLP, attention


def patchify(x: torch.Tensor, patch: int) -> torch.Tensor:
    """`b c (h p1) (w p2) -> b (h w) (c p1 p2)`: row-major patch grid, channel-major inside each patch."""
    b, c, hh, ww = x.shape
    h, w = hh // patch, ww // patch
    x = x.reshape(b, c, h, patch, w, patch)
    x = x.permute(0, 2, 4, 1, 3, 5)
    return x.reshape(b, h * w, c * patch * patch)


class VisionAttention(nn.Module):
    def __init__(self, dim: int, n_heads: int):
        super().__init__()
        self.n_heads = n_heads
        self.head_dim = dim // n_heads
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.n_heads, self.head_dim).permute(2, 0, 3, 1, 4)
        out = attention(q, k, v)  # bidirectional
        return self.proj(out.transpose(1, 2).reshape(b, n, d))


class VisionBlock(nn.Module):
    """Pre-LN: x = x + attn(ln1(x)); x = x + mlp(ln2(x))."""

    def __init__(self, dim: int, n_heads: int, mlp_ratio: int):
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = VisionAttention(dim, n_heads)
        self.ln2 = nn.LayerNorm(dim)
        self.mlp = MLP(dim, dim * mlp_ratio)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.ln1(x))
        return x + self.mlp(self.ln2(x))


class VisionEncoder(nn.Module):
    """pixels [B,3,S,S] (normalized) -> image embeddings [B,N,text_dim]."""

    def __init__(self, cfg: ModelConfig):
        super().__init__()
        v = cfg.vision
        self.patch_size = v.patch_size
        self.patch_emb = nn.Linear(v.patch_dim, v.dim)
        self.pos_emb = nn.Parameter(torch.zeros(1, v.n_patches, v.dim))
        self.blocks = nn.ModuleList(VisionBlock(v.dim, v.n_heads, v.mlp_ratio) for _ in range(v.n_layers))
        self.post_ln = nn.LayerNorm(v.dim)
        self.proj_mlp = MLP(v.dim, v.proj_inner_dim, cfg.text.dim)

    def features(self, pixels: torch.Tensor) -> torch.Tensor:
        """ViT output after post_ln, [B,N,vision_dim]."""
        x = self.patch_emb(patchify(pixels, self.patch_size)) + self.pos_emb
        for block in self.blocks:
            x = block(x)
        return self.post_ln(x)

    def forward(self, pixels: torch.Tensor) -> torch.Tensor:
        return self.proj_mlp(self.features(pixels))
