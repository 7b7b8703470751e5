"""Region heads (Moondream style): Fourier-feature encoders for coordinates/sizes and bin decoders.

Values are normalized to the image: x, y, w, h in [0, 1].
  coordinate bins: value = (bin + 0.5) / coord_bins
  size bins (log2): size  = 2 ** (size_log2_min * (1 - (bin + 0.5) / size_bins))
"""
from __future__ import annotations

import math

import torch
import torch.nn as nn

from .config import ModelConfig
from .layers import MLP


def fourier_features(x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """x [..., k], w [k, F] -> [cos 2πxW, sin 2πxW]  [..., 2F]."""
    f = 2.0 * math.pi * torch.matmul(x, w)
    return torch.cat([torch.cos(f), torch.sin(f)], dim=-1)


# --- value <-> bin ---------------------------------------------------------------------------------
def coord_to_bin(x: float, bins: int) -> int:
    return min(max(int(math.floor(x * bins)), 0), bins - 1)


def bin_to_coord(b: int, bins: int) -> float:
    return (b + 0.5) / bins


def size_to_bin(s: float, bins: int, log2_min: float) -> int:
    """Inverse of bin_to_size (nearest bin centre in log2 space); sizes outside [2^log2_min, 1] are clipped."""
    s = min(max(s, 2.0 ** log2_min), 1.0)
    b = int(math.floor(bins * (1.0 - math.log2(s) / log2_min)))
    return min(max(b, 0), bins - 1)


def bin_to_size(b: int, bins: int, log2_min: float) -> float:
    return 2.0 ** (log2_min * (1.0 - (b + 0.5) / bins))


def coord_to_bin_t(x: torch.Tensor, bins: int) -> torch.Tensor:
    return torch.clamp(torch.floor(x * bins), 0, bins - 1).long()


def size_to_bin_t(s: torch.Tensor, bins: int, log2_min: float) -> torch.Tensor:
    s = torch.clamp(s, min=2.0 ** log2_min, max=1.0)
    return torch.clamp(torch.floor(bins * (1.0 - torch.log2(s) / log2_min)), 0, bins - 1).long()


class RegionModel(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        r, d = cfg.region, cfg.text.dim
        self.cfg = r
        self.coord_features = nn.Parameter(torch.zeros(1, r.coord_feat_dim))
        self.size_features = nn.Parameter(torch.zeros(2, r.size_feat_dim))
        self.coord_encoder = nn.Linear(2 * r.coord_feat_dim, d)
        self.size_encoder = nn.Linear(2 * r.size_feat_dim, d)
        self.coord_decoder = MLP(d, r.inner_dim, r.coord_bins)
        self.size_decoder = MLP(d, r.inner_dim, 2 * r.size_bins)

    # encoders: values -> input embeddings
    def encode_coord(self, x: torch.Tensor) -> torch.Tensor:
        """x [..., 1] -> [..., D]"""
        return self.coord_encoder(fourier_features(x, self.coord_features))

    def encode_size(self, wh: torch.Tensor) -> torch.Tensor:
        """wh [..., 2] -> [..., D]"""
        return self.size_encoder(fourier_features(wh, self.size_features))

    # decoders: pre-final-norm hidden state -> bin logits
    def decode_coord(self, hidden: torch.Tensor) -> torch.Tensor:
        """hidden [..., D] -> [..., coord_bins]"""
        return self.coord_decoder(hidden)

    def decode_size(self, hidden: torch.Tensor) -> torch.Tensor:
        """hidden [..., D] -> [..., 2, size_bins] (row 0 width, row 1 height)"""
        out = self.size_decoder(hidden)
        return out.reshape(*out.shape[:-1], 2, self.cfg.size_bins)

    # argmax -> values (greedy decoding)
    def coord_value(self, logits: torch.Tensor) -> torch.Tensor:
        return (torch.argmax(logits, dim=-1).to(torch.float32) + 0.5) / self.cfg.coord_bins

    def size_value(self, logits: torch.Tensor) -> torch.Tensor:
        b = torch.argmax(logits, dim=-1).to(torch.float32)
        return torch.pow(2.0, self.cfg.size_log2_min * (1.0 - (b + 0.5) / self.cfg.size_bins))
