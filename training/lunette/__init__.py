"""Lunette: a small Moondream-style vision-language model (training side).

Modules, one concern each:
  config     dataclasses + presets, JSON (de)serialisation
  vision     ViT image encoder + projection into the text width
  text       causal decoder with RoPE and a per-layer KV cache, tied output layer
  region     Fourier-feature coordinate/size encoders and bin decoders
  model      the whole model (LunetteModel)
  tokenizer  byte-level BPE trainer + HF-compatible encoder/decoder, tokenizer.json writer
  generate   reference decoding (caption / query / detect / point) as in docs/model-pack.md
  export     ONNX export of the four graphs + manifest.json
"""
