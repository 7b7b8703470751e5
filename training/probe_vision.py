#!/usr/bin/env python3
"""Does the decoder read the image? A quick probe of a checkpoint on drawn shapes (no OCR, no generator).

  /usr/bin/python3 training/probe_vision.py training/runs/nano/ckpt.pt [--json out.json]

For one-shape and two-shape pictures it asks "What colour is the <shape>?" and scores each colour name as the whole
answer (the sum of its tokens' log-probabilities), normalized over the colour names. It reports:
  colour_accuracy     the right colour ranks first among the colour names
  image_dependence    mean total-variation distance between the colour distributions of the same question about
                      pictures whose asked shape differs in colour (0: the answer does not depend on the image at
                      all; 1: fully different answers)
  attention_entropy   per decoder layer, the entropy of the answer position's attention over the image tokens
                      divided by its maximum (1: spread evenly over the image)
  image_token_norm    mean norm of the image embeddings, next to text_token_norm (the token embeddings')
  pair_colour_accuracy          colour_accuracy over the two-shape pictures only (needs binding the shape's name
                                to its patches; picking one of the two colours drawn is 50%)
  attention_on_asked_shape      per decoder layer, the best head's share of image attention on the asked shape's
                                patches in the two-shape pictures, next to the share those patches have of the image
  encoder_shape_accuracy        with the checkpoint's training-only aux head: does the vision encoder name the shape
  encoder_colour_accuracy       and its colour on the shape's patches (one-shape pictures; before any decoding)
  refusal_rate        share of the questions whose greedy answer is a refusal ("There is no circle in the
                      image."): colour_accuracy ranks colour names against each other, so where this is high it
                      measures the tail of a distribution the model does not answer from
With --readout N it also follows the colour along the way to the answer, on N one-shape pictures of random shape,
colour, size and place: a linear probe (fit on two thirds, scored on the rest) of the colour from
  readout_encoder             the vision features averaged over the shape's patches
  readout_image_tokens        the image embeddings (the projection's output) averaged the same way
  readout_heads               per decoder layer, the best head's attention output at the answer position
  readout_residual            per decoder layer, the residual stream at the answer position after the block
next to readout_answer_accuracy, the decoder's own answer on the same pictures. Where the probe stays high and the
answer is at chance, the information reaches the answer position and the output layer does not use it.
"""
from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import sys
from types import SimpleNamespace
from typing import Dict, List, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(1, os.path.dirname(HERE))      # the repository, for training.synth (the aux head's vocabularies)

import torch  # noqa: E402
from PIL import Image, ImageDraw  # noqa: E402

import lunette.text as text_module  # noqa: E402
from lunette.checkpoint import load_checkpoint  # noqa: E402
from lunette.config import ModelConfig  # noqa: E402
from lunette.data import aux_vocabularies, ground_patches  # noqa: E402
from evaluate import is_refusal  # noqa: E402
from lunette.generate import Generator, preprocess  # noqa: E402
from lunette.layers import attention_weights  # noqa: E402
from lunette.losses import AuxHead  # noqa: E402
from lunette.model import LunetteModel  # noqa: E402
from lunette.tokenizer import Tokenizer  # noqa: E402

COLOURS = {"red": (220, 30, 40), "blue": (35, 90, 230), "green": (40, 170, 70), "yellow": (245, 205, 30),
           "orange": (245, 130, 20), "purple": (130, 50, 180), "black": (20, 20, 25), "gray": (128, 128, 128)}
SHAPES = ("circle", "square", "triangle")
QUESTION = "What colour is the {shape}?"
QUERY = "\n\nQuestion: " + QUESTION + "\n\nAnswer:"


def draw(shapes: List[Tuple[str, str, Tuple[int, int, int, int]]], size=(640, 480)) -> Image.Image:
    image = Image.new("RGB", size, "white")
    d = ImageDraw.Draw(image)
    for shape, colour, (x0, y0, x1, y1) in shapes:
        fill = COLOURS[colour]
        if shape == "circle":
            d.ellipse((x0, y0, x1, y1), fill=fill)
        elif shape == "square":
            d.rectangle((x0, y0, x1, y1), fill=fill)
        else:
            d.polygon([(x0, y1), ((x0 + x1) // 2, y0), (x1, y1)], fill=fill)
    return image


def cases() -> List[Tuple[Image.Image, str, str, Tuple[int, int, int, int], bool]]:
    """(picture, asked shape, its colour, its box, whether another shape is drawn too): every shape in every colour
    alone, then pairs of different shapes."""
    out = []
    for shape, colour in itertools.product(SHAPES, COLOURS):
        box = (220, 140, 420, 340)
        out.append((draw([(shape, colour, box)]), shape, colour, box, False))
    names = list(COLOURS)
    for i, (a, b) in enumerate(itertools.permutations(SHAPES, 2)):
        ca, cb = names[i % len(names)], names[(i + 3) % len(names)]
        left, right = (60, 160, 260, 360), (380, 160, 580, 360)
        picture = draw([(a, ca, left), (b, cb, right)])
        out.append((picture, a, ca, left, True))
        out.append((picture, b, cb, right, True))
    return out


def asked_patches(picture: Image.Image, box: Tuple[int, int, int, int], grid: int) -> torch.Tensor:
    """The image tokens that show the asked shape (bool [grid*grid]), as training's grounding targets are made."""
    shape = SimpleNamespace(id=0, box=box, mask=None)
    scene = SimpleNamespace(image=picture, obj=lambda oid: shape)
    return torch.from_numpy(ground_patches(scene, [0], grid))


class AttentionRecorder:
    """Wraps lunette.text.attention to keep, from each call, the first batch row's attention weights of the query
    at `position`."""

    def __init__(self, position: int):
        self.position = position
        self.rows: List[torch.Tensor] = []
        self._original = text_module.attention

    def __enter__(self):
        def recording(q, k, v, masked=None):
            self.rows.append(attention_weights(q, k, masked)[0, :, self.position])
            return self._original(q, k, v, masked)
        text_module.attention = recording
        return self

    def __exit__(self, *exc):
        text_module.attention = self._original


class HeadOutputRecorder(AttentionRecorder):
    """Like AttentionRecorder, but keeps each call's per-head attention output [heads, head_dim] at `position`."""

    def __enter__(self):
        def recording(q, k, v, masked=None):
            out = self._original(q, k, v, masked)
            self.rows.append(out[0, :, self.position])
            return out
        text_module.attention = recording
        return self


def colour_scores(model: LunetteModel, prefix: torch.Tensor, prompt: List[int], names: List[List[int]]
                  ) -> Tuple[torch.Tensor, List[torch.Tensor]]:
    """(log p(name, whole) after the prompt for each colour name's token ids, the answer position's attention
    weights [heads, keys] in each decoder layer)."""
    rows = [prompt + ids for ids in names]
    width = max(map(len, rows))
    tokens = torch.tensor([r + [model.cfg.pad_id] * (width - len(r)) for r in rows])
    embeds = torch.cat([prefix.expand(len(rows), -1, -1), model.embed(tokens)], dim=1)
    start = prefix.shape[1] + len(prompt) - 1     # the answer position: it predicts a name's first token
    with AttentionRecorder(start) as rec:
        logp = torch.log_softmax(model.forward_embeds(embeds)[0].float(), dim=-1)
    scores = torch.stack([sum(logp[i, start + j, t] for j, t in enumerate(ids)) for i, ids in enumerate(names)])
    return scores, rec.rows


@torch.no_grad()
def encoder_reading(model: LunetteModel, aux_head: AuxHead) -> Dict:
    """What the vision encoder alone tells about each one-shape picture, through the training-only aux head: the
    name and colour it gives the shape's patches (their mean probabilities, background left out)."""
    known_names, known_colours = aux_vocabularies()
    right_name = right_colour = n = 0
    for picture, shape, colour, box, paired in cases():
        if paired:
            continue
        name_logits, colour_logits, _ = aux_head(model.vision.features(preprocess(picture, model.cfg)))
        asked = asked_patches(picture, box, int(math.isqrt(model.cfg.vision.n_patches)))
        name_p = name_logits[0, asked].softmax(-1).mean(0)
        colour_p = colour_logits[0, asked].softmax(-1).mean(0)
        right_name += int(int(name_p[1:].argmax()) + 1 == known_names[shape])
        right_colour += int(int(colour_p[1:].argmax()) + 1 == known_colours[colour])
        n += 1
    return {"encoder_shape_accuracy": right_name / n, "encoder_colour_accuracy": right_colour / n}


def probe(model: LunetteModel, tok: Tokenizer, aux_head: AuxHead | None = None) -> Dict:
    cfg = model.cfg
    n_image = cfg.vision.n_patches
    colours = list(COLOURS)
    names = [tok.encode(" " + c.capitalize()) for c in colours]
    dists, right, right_in_pairs, entropies, img_norms, shares, chance = [], 0, 0, [], [], [], []
    generator, refusals = Generator(model, tok), 0
    for picture, shape, colour, box, paired in cases():
        pixels = preprocess(picture, cfg)
        answer = generator.query(generator.encode_image(pixels), QUESTION.format(shape=shape), 8)["text"]
        refusals += int(is_refusal(answer))
        prefix = model.prefix_embeds(pixels)
        img_norms.append(float(prefix[0, 1:].norm(dim=-1).mean()))
        scores, attention = colour_scores(model, prefix, tok.encode(QUERY.format(shape=shape)), names)
        p = torch.softmax(scores, dim=-1)
        dists.append((shape, colour, p))
        right += int(colours[int(p.argmax())] == colour)
        right_in_pairs += int(paired and colours[int(p.argmax())] == colour)
        asked = asked_patches(picture, box, int(math.isqrt(n_image)))
        layer_entropy, layer_share = [], []
        for row in attention:
            w = row[:, 1:1 + n_image]
            w = w / w.sum(-1, keepdim=True).clamp_min(1e-12)
            layer_entropy.append(float((-(w * w.clamp_min(1e-12).log()).sum(-1) / math.log(n_image)).mean()))
            layer_share.append(w[:, asked].sum(-1))                # per head
        entropies.append(layer_entropy)
        if paired:
            shares.append(torch.stack(layer_share))                  # [layers, heads]
            chance.append(float(asked.float().mean()))
    # the same question about pictures whose asked shape differs in colour: only the image can tell them apart
    pairs = [(a, b) for (sa, ca, a), (sb, cb, b) in itertools.combinations(dists, 2) if sa == sb and ca != cb]
    dependence = sum(0.5 * float((a - b).abs().sum()) for a, b in pairs) / max(1, len(pairs))
    n_layers = len(entropies[0])
    return {
        "cases": len(dists),
        "colour_accuracy": right / len(dists),
        "refusal_rate": refusals / len(dists),
        "image_dependence": dependence,
        "pair_colour_accuracy": right_in_pairs / len(shares),
        "attention_entropy": [sum(e[i] for e in entropies) / len(entropies) for i in range(n_layers)],
        # binding: in the two-shape pictures, the image attention share on the asked shape (best head per layer)
        "attention_on_asked_shape": torch.stack(shares).mean(0).max(-1).values.tolist(),
        "attention_on_asked_shape_chance": sum(chance) / len(chance),
        "image_token_norm": sum(img_norms) / len(img_norms),
        "text_token_norm": float(model.text.wte.weight.norm(dim=-1).mean()),
        **(encoder_reading(model, aux_head) if aux_head is not None else {}),
    }


def linear_probe_accuracy(x: torch.Tensor, y: torch.Tensor, n_classes: int, train_frac: float = 2 / 3) -> float:
    """Held-out accuracy of an L2-regularized softmax regression of y from x (features standardized on the fit
    part)."""
    n_fit = int(train_frac * len(y))
    mean, std = x[:n_fit].mean(0), x[:n_fit].std(0) + 1e-6
    x = (x - mean) / std
    w = torch.zeros(x.shape[1], n_classes, requires_grad=True)
    b = torch.zeros(n_classes, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=200)

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(x[:n_fit] @ w + b, y[:n_fit]) + 1e-2 * (w ** 2).sum()
        loss.backward()
        return loss

    with torch.enable_grad():
        opt.step(closure)
    return float(((x[n_fit:] @ w + b).argmax(-1) == y[n_fit:]).float().mean())


@torch.no_grad()
def readout(model: LunetteModel, tok: Tokenizer, n: int, seed: int = 0) -> Dict:
    """Linear probes of the asked shape's colour along the path from its patches to the answer position."""
    cfg = model.cfg
    grid = int(math.isqrt(cfg.vision.n_patches))
    colours = list(COLOURS)
    names = [tok.encode(" " + c.capitalize()) for c in colours]
    rng = random.Random(seed)
    found: Dict[str, List[torch.Tensor]] = {}
    labels, answers = [], []
    for _ in range(n):
        shape, colour = rng.choice(SHAPES), rng.randrange(len(colours))
        side = rng.randint(90, 260)
        x0, y0 = rng.randint(0, 640 - side), rng.randint(0, 480 - side)
        box = (x0, y0, x0 + side, y0 + side)
        picture = draw([(shape, colours[colour], box)])
        pixels = preprocess(picture, cfg)
        asked = asked_patches(picture, box, grid)
        found.setdefault("encoder", []).append(model.vision.features(pixels)[0, asked].mean(0))
        prefix = model.prefix_embeds(pixels)
        found.setdefault("image_tokens", []).append(prefix[0, 1:][asked].mean(0))
        prompt = tok.encode(QUERY.format(shape=shape))
        embeds = torch.cat([prefix, model.embed(torch.tensor([prompt]))], dim=1)
        position = embeds.shape[1] - 1
        with HeadOutputRecorder(position) as heads:
            hooks = [block.register_forward_hook(
                lambda _m, _i, out, i=i: found.setdefault(f"residual{i}", []).append(out[0][0, position]))
                for i, block in enumerate(model.text.blocks)]
            try:
                model.text(embeds)
            finally:
                for hook in hooks:
                    hook.remove()
        for layer, row in enumerate(heads.rows):
            for head in range(row.shape[0]):
                found.setdefault(f"head{layer}.{head}", []).append(row[head])
        scores, _ = colour_scores(model, prefix, prompt, names)
        answers.append(int(scores.argmax()))
        labels.append(colour)
    y = torch.tensor(labels)
    acc = {k: linear_probe_accuracy(torch.stack(v).float(), y, len(colours)) for k, v in found.items()}
    layers, heads_per_layer = cfg.text.n_layers, cfg.text.n_heads
    return {
        "readout_pictures": n,
        "readout_answer_accuracy": float((torch.tensor(answers) == y).float().mean()),
        "readout_encoder": acc["encoder"],
        "readout_image_tokens": acc["image_tokens"],
        "readout_heads": [max(acc[f"head{i}.{h}"] for h in range(heads_per_layer)) for i in range(layers)],
        "readout_residual": [acc[f"residual{i}"] for i in range(layers)],
    }


def load(checkpoint: str) -> Tuple[LunetteModel, Tokenizer, AuxHead | None]:
    ck = load_checkpoint(checkpoint)
    model = LunetteModel(ModelConfig.from_dict(ck["config"]))
    model.load_state_dict(ck["model"])
    model.eval()
    aux_head = None
    if "aux" in ck:
        aux_head = AuxHead(model.cfg.vision.dim)
        aux_head.load_state_dict(ck["aux"])
        aux_head.eval()
    tok = Tokenizer.load(os.path.join(os.path.dirname(os.path.abspath(checkpoint)), "tokenizer.json"))
    return model, tok, aux_head


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkpoint")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--readout", type=int, default=0, metavar="N",
                    help="also probe the colour along the way to the answer on N pictures (~0.25 s each)")
    args = ap.parse_args(argv)
    torch.set_num_threads(args.threads)
    model, tok, aux_head = load(args.checkpoint)
    result = probe(model, tok, aux_head)
    if args.readout:
        result.update(readout(model, tok, args.readout))
    for k, v in result.items():
        print(f"{k:20s} {[round(x, 3) for x in v] if isinstance(v, list) else round(v, 3)}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
