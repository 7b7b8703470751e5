"""Small building blocks shared by the vision and text towers."""
from __future__ import annotations

import torch
import torch.nn as nn
import torch.nn.functional as F

# Additive mask value for disallowed attention scores: large and finite (not -inf), so that an all-masked
# row can never produce NaN and the ONNX graph contains no infinities.
MASK_VALUE = -1e9


def gelu(x: torch.Tensor) -> torch.Tensor:
    """GELU, tanh approximation ("gelu_new" / Moondream)."""
    return F.gelu(x, approximate="tanh")


class MLP(nn.Module):
    """fc1 -> GELU(tanh) -> fc2, both with bias."""

    def __init__(self, dim: int, hidden: int, out: int | None = None):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.fc2 = nn.Linear(hidden, dim if out is None else out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(gelu(self.fc1(x)))


def attention_weights(q: torch.Tensor, k: torch.Tensor, masked: torch.Tensor | None = None) -> torch.Tensor:
    """Scaled dot-product attention weights [B,H,T,S] (see attention); also what probes and tests record."""
    scores = torch.matmul(q, k.transpose(-1, -2)) * (q.shape[-1] ** -0.5)
    if masked is not None:
        scores = scores.masked_fill(masked, MASK_VALUE)
    return torch.softmax(scores, dim=-1)


def attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, masked: torch.Tensor | None = None) -> torch.Tensor:
    """Manual scaled dot-product attention (torch 1.13 has no F.scaled_dot_product_attention).

    q: [B,H,T,Dh], k/v: [B,H,S,Dh]; masked: bool, broadcastable to [B,H,T,S], True where a key is NOT visible.
    """
    return torch.matmul(attention_weights(q, k, masked), v)
