"""The whole Lunette model: vision encoder + text decoder + region heads."""
from __future__ import annotations

from typing import Optional, Tuple

import torch
import torch.nn as nn

from .config import ModelConfig
from .copy import CopyHead
from .region import RegionModel
from .text import KVCache, TextDecoder
from .vision import VisionEncoder


class LunetteModel(nn.Module):
    def __init__(self, cfg: ModelConfig):
        super().__init__()
        self.cfg = cfg.validate()
        self.vision = VisionEncoder(cfg)
        self.text = TextDecoder(cfg.text)
        self.region = RegionModel(cfg)
        self.copy = CopyHead(cfg.text.dim, cfg.text.copy_dim, cfg.text.copy_prev) if cfg.text.copy_dim else None
        self.init_weights()

    @torch.no_grad()
    def init_weights(self, std: Optional[float] = None) -> None:
        """Linear/embedding weights ~ N(0, std), biases 0, LayerNorm (1, 0), Fourier W ~ N(0, fourier_std)."""
        std = self.cfg.init_std if std is None else std
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0.0, std)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Embedding):
                nn.init.normal_(m.weight, 0.0, std)
            elif isinstance(m, nn.LayerNorm):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
        nn.init.normal_(self.vision.pos_emb, 0.0, std)
        nn.init.normal_(self.region.coord_features, 0.0, self.cfg.region.fourier_std)
        nn.init.normal_(self.region.size_features, 0.0, self.cfg.region.fourier_std)
        if self.copy is not None:
            self.copy.reset()

    # --- pieces (each maps onto one ONNX graph) ------------------------------------------------------
    def encode_image(self, pixels: torch.Tensor) -> torch.Tensor:
        """pixels [B,3,S,S] normalized -> image embeddings [B,N,D] (vision.onnx)."""
        return self.vision(pixels)

    def embed(self, input_ids: torch.Tensor) -> torch.Tensor:
        """token ids [B,T] -> input embeddings [B,T,D] (embed.onnx)."""
        return self.text.embed(input_ids)

    def prefix_embeds(self, pixels: torch.Tensor) -> torch.Tensor:
        """[BOS][image]: [B,1+N,D], the shared prefix of every task on an image (positions 0..N)."""
        bos = torch.full((pixels.shape[0], 1), self.cfg.bos_id, dtype=torch.long, device=pixels.device)
        return torch.cat([self.embed(bos), self.encode_image(pixels)], dim=1)

    # --- decoder --------------------------------------------------------------------------------------
    def forward_embeds(
        self,
        inputs_embeds: torch.Tensor,
        position_ids: Optional[torch.Tensor] = None,
        past: Optional[KVCache] = None,
        mask: Optional[torch.Tensor] = None,
    ) -> Tuple[torch.Tensor, torch.Tensor, KVCache]:
        """All positions: (logits [B,T,V], hidden [B,T,D] before the final LayerNorm, presents).

        This is the training entry point: build inputs_embeds from prefix_embeds / embed / region encoders,
        then apply the LM loss on logits and the region losses on hidden (decode_coord / decode_size).
        `mask` (optional, bool [B,1,T,P+T], True = not visible) replaces the causal mask (see TextDecoder).
        """
        hidden, presents = self.text(inputs_embeds, position_ids, past, mask)
        return self.text.lm_head(hidden), hidden, presents

    def step(
        self,
        inputs_embeds: torch.Tensor,
        position_ids: Optional[torch.Tensor] = None,
        past: Optional[KVCache] = None,
        copy_ids: Optional[torch.Tensor] = None,
    ) -> Tuple[torch.Tensor, torch.Tensor, KVCache]:
        """Last position only, as decoder.onnx: (scores [B,V], hidden [B,D], presents).

        Without a copy head the scores are the logits. With one, they are the log-probabilities of the copy
        mixture (lunette/copy.py), and `past` / presents carry one more entry after the layers' (key, value)
        pairs: (copy keys [B,S,Kd], copy ids [B,S]), plus with copy_prev the last position's successor term
        [B,1,Kd] (zeros when the past is empty). `copy_ids` [B,T] gives the token id of each new position
        that is a copy source and -1 elsewhere (default: none is)."""
        n_layers = self.cfg.text.n_layers
        hidden, presents = self.text(inputs_embeds, position_ids, None if past is None else past[:n_layers])
        last = hidden[:, -1]
        if self.copy is None:
            return self.text.lm_head(last), last, presents
        b, t = inputs_embeds.shape[0], inputs_embeds.shape[1]
        normed = self.text.post_ln(hidden)
        if copy_ids is None:
            copy_ids = torch.full((b, t), -1, dtype=torch.long, device=inputs_embeds.device)
        cache = past[n_layers] if past is not None and len(past) > n_layers else None
        succ = predecessor = None
        if self.copy.prev_key is not None:
            succ = self.copy.successor_term(normed)
            before = cache[2] if cache is not None else torch.zeros_like(succ[:, :1])
            predecessor = self.copy.shift(succ, before)
        keys = self.copy.keys(normed, predecessor)
        if cache is not None:
            keys = torch.cat([cache[0], keys], dim=1)
            copy_ids = torch.cat([cache[1], copy_ids], dim=1)
        logits = self.text.logits(normed[:, -1])
        scores = self.copy.mix_step(logits, normed[:, -1], keys, copy_ids)
        present = (keys, copy_ids) if succ is None else (keys, copy_ids, succ[:, -1:])
        return scores, last, presents + [present]

    # --- region heads (region.onnx) -------------------------------------------------------------------
    def decode_coord(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.region.decode_coord(hidden)

    def decode_size(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.region.decode_size(hidden)

    def encode_coord(self, x: torch.Tensor) -> torch.Tensor:
        return self.region.encode_coord(x)

    def encode_size(self, wh: torch.Tensor) -> torch.Tensor:
        return self.region.encode_size(wh)

    def num_params(self) -> int:
        return sum(p.numel() for p in self.parameters())
