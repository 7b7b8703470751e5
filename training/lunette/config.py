"""Model configuration: plain dataclasses, presets, JSON round trip."""
from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field


@dataclass
class VisionConfig:
    image_size: int = 128          # square input S
    patch_size: int = 16           # N = (S / patch)^2 image tokens
    in_channels: int = 3
    dim: int = 192                 # ViT width
    n_layers: int = 4
    n_heads: int = 3
    mlp_ratio: int = 4             # ViT MLP hidden = dim * mlp_ratio
    proj_inner_dim: int = 1024     # projection MLP dim -> inner -> text dim
    mean: tuple = (0.5, 0.5, 0.5)
    std: tuple = (0.5, 0.5, 0.5)

    @property
    def n_patches(self) -> int:
        return (self.image_size // self.patch_size) ** 2

    @property
    def patch_dim(self) -> int:
        return self.in_channels * self.patch_size * self.patch_size


@dataclass
class TextConfig:
    dim: int = 256
    n_layers: int = 4
    n_heads: int = 4
    head_dim: int = 64             # n_heads * head_dim == dim
    mlp_ratio: int = 4
    vocab_size: int = 4096
    max_context: int = 512
    rotary_dim: int = 32           # rotated dims per head (Moondream: first half of the head)
    rope_theta: float = 10000.0
    copy_dim: int = 0              # key width of the copy head (lunette/copy.py); 0 = no copy head
    copy_prev: bool = False        # copy keys also see the previous position's state (induction-style key)


@dataclass
class RegionConfig:
    coord_bins: int = 256
    size_bins: int = 256
    size_log2_min: float = -8.0    # bin 0 ~ 2^size_log2_min, last bin ~ 1
    coord_feat_dim: int = 128      # F for the coordinate Fourier features (W: [1, F])
    size_feat_dim: int = 128       # F for the size Fourier features (W: [2, F])
    fourier_std: float = 10.0      # Gaussian init scale of W
    inner_dim: int = 1024          # decoder MLP hidden width


@dataclass
class ModelConfig:
    vision: VisionConfig = field(default_factory=VisionConfig)
    text: TextConfig = field(default_factory=TextConfig)
    region: RegionConfig = field(default_factory=RegionConfig)
    # special token ids (docs/model-pack.md "tokens")
    bos_id: int = 0
    eos_id: int = 0
    coord_id: int = 1
    size_id: int = 2
    pad_id: int = 3
    init_std: float = 0.02

    def validate(self) -> "ModelConfig":
        v, t = self.vision, self.text
        assert v.image_size % v.patch_size == 0, "image_size must be a multiple of patch_size"
        assert v.dim % v.n_heads == 0, "vision dim must be divisible by n_heads"
        assert t.n_heads * t.head_dim == t.dim, "text n_heads * head_dim must equal dim"
        assert t.rotary_dim % 2 == 0 and 0 < t.rotary_dim <= t.head_dim
        assert self.region.size_log2_min < 0
        return self

    # --- JSON ---------------------------------------------------------------
    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d["vision"]["mean"] = list(self.vision.mean)
        d["vision"]["std"] = list(self.vision.std)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "ModelConfig":
        d = dict(d)
        vision = dict(d.pop("vision", {}))
        for k in ("mean", "std"):
            if k in vision:
                vision[k] = tuple(vision[k])
        return cls(
            vision=VisionConfig(**vision),
            text=TextConfig(**d.pop("text", {})),
            region=RegionConfig(**d.pop("region", {})),
            **d,
        ).validate()

    def save(self, path) -> None:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, indent=2)
            f.write("\n")

    @classmethod
    def load(cls, path) -> "ModelConfig":
        with open(path, encoding="utf-8") as f:
            return cls.from_dict(json.load(f))


def tiny() -> ModelConfig:
    """For tests: 32 px, 16 image tokens, a few hundred thousand parameters."""
    return ModelConfig(
        vision=VisionConfig(image_size=32, patch_size=8, dim=32, n_layers=2, n_heads=2, proj_inner_dim=128),
        text=TextConfig(dim=64, n_layers=2, n_heads=2, head_dim=32, vocab_size=384, max_context=128,
                        rotary_dim=16, copy_dim=16, copy_prev=True),
        region=RegionConfig(coord_bins=32, size_bins=32, coord_feat_dim=16, size_feat_dim=16, inner_dim=64),
    ).validate()


def nano() -> ModelConfig:
    """First real model: 128 px, 64 image tokens."""
    return ModelConfig(
        vision=VisionConfig(image_size=128, patch_size=16, dim=192, n_layers=4, n_heads=3, proj_inner_dim=1024),
        text=TextConfig(dim=256, n_layers=4, n_heads=4, head_dim=64, vocab_size=4096, max_context=512,
                        rotary_dim=32, copy_dim=64, copy_prev=True),
        region=RegionConfig(coord_bins=256, size_bins=256, coord_feat_dim=128, size_feat_dim=128, inner_dim=1024),
    ).validate()


PRESETS = {"tiny": tiny, "nano": nano}


def preset(name: str) -> ModelConfig:
    try:
        return PRESETS[name]()
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; known: {sorted(PRESETS)}") from None
