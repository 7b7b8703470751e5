#!/usr/bin/env python3
"""Vision-only phase: the ViT and the aux head learn to name each object from the mean of its patches' features
(lunette/losses.py object_aux_loss) on shapes and everyday-object scenes, about ten times as many images a minute
as the full model trains on. The vision encoder is what fails first (MODEL_CARD.md "The vision encoder does not
tell shapes apart"): this phase teaches it the names before the decoder is asked to bind them.

  /usr/bin/python3 training/train_vision.py --name vis11 --init runs/nano10/ckpt-final.pt --steps 3000
  /usr/bin/python3 training/train_vision.py --name vis11 --resume               # continue after a stop

Everything goes to training/runs/<name>/: cache-train.npz and cache-val.npz (the pictures at the model's size and
their object labels, rendered once, deterministic from --seed), ckpt.pt (every --ckpt-minutes and at the end;
resume is exact), log.jsonl, and at the end ckpt-final.pt: the init checkpoint with the new vision tower and aux
head, which `train.py --init-from` continues (the projection and the decoder then relearn to read the tower).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import time
from multiprocessing import Pool

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

import numpy as np  # noqa: E402
import torch  # noqa: E402

from lunette.checkpoint import load_checkpoint  # noqa: E402
from lunette.config import ModelConfig  # noqa: E402
from lunette.data import aux_objects, aux_vocabularies, model_pixels  # noqa: E402
from lunette.losses import AuxHead, object_aux_loss, object_features  # noqa: E402
from lunette.model import LunetteModel  # noqa: E402
from probe_vision import encoder_reading  # noqa: E402
from train import log_line, lr_at, param_groups, save_atomic  # noqa: E402
from training.synth.pipeline import render  # noqa: E402
from training.synth.scenes import parse_kind_weights  # noqa: E402
from training.synth.scenes.shapes import SHAPES  # noqa: E402

SAVED_ARGS = ("init", "images", "val_images", "steps", "batch", "lr", "min_lr_frac", "warmup", "wd", "clip", "kinds",
              "seed")


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", required=True)
    ap.add_argument("--runs", default=os.path.join(HERE, "runs"))
    ap.add_argument("--init", default="", help="the full checkpoint whose vision tower and aux head this trains")
    ap.add_argument("--resume", action="store_true", help="continue from runs/<name>/ckpt.pt")
    ap.add_argument("--images", type=int, default=40000, help="training pictures rendered into the cache")
    ap.add_argument("--val-images", type=int, default=2000)
    ap.add_argument("--steps", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=64, help="pictures per step")
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--min-lr-frac", type=float, default=0.1)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--kinds", default="shapes=0.6,objects=0.4", help="scene kinds and their relative weights")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--minutes", type=float, default=600.0, help="wall-clock budget of this invocation")
    ap.add_argument("--ckpt-minutes", type=float, default=5.0)
    ap.add_argument("--eval-every", type=int, default=500)
    ap.add_argument("--workers", type=int, default=2, help="processes rendering the cache")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args(argv)
    if not args.resume and not args.init:
        ap.error("--init is required for a new run")
    try:
        parse_kind_weights(args.kinds)
    except ValueError as error:
        ap.error(str(error))
    return args


def _render(job):
    seed, index, kinds, size, grid = job
    scene, _, small = render(random.Random(f"lunette-vision:{seed}:{index}"), model_size=size,
                             kinds_weights=parse_kind_weights(kinds))
    return np.asarray(small.convert("RGB"), dtype=np.uint8), aux_objects(scene, grid)


def build_cache(path: str, seed: int, n: int, kinds: str, image_size: int, patch_size: int, workers: int) -> dict:
    """Render n pictures at the model's size with their object labels (aux_objects), or load them if cached."""
    if not os.path.exists(path):
        t = time.time()
        jobs = [(seed, i, kinds, image_size, image_size // patch_size) for i in range(n)]
        with Pool(workers) as pool:
            rendered = pool.map(_render, jobs, chunksize=64)
        np.savez(path + ".tmp.npz", pixels=np.stack([r[0] for r in rendered]),
                 **{k: np.stack([r[1][k] for r in rendered]) for k in rendered[0][1]})
        os.replace(path + ".tmp.npz", path)
        print(f"rendered {n} pictures into {path} in {time.time() - t:.0f} s", flush=True)
    with np.load(path) as z:
        return {k: torch.from_numpy(z[k]) for k in z.files}


def batch_of(cache: dict, index: torch.Tensor, cfg, flip: bool):
    """Normalized pixels [B,3,S,S] and the aux dict for object_aux_loss; flip mirrors pictures and masks alike."""
    pixels = model_pixels(cache["pixels"][index].numpy(), cfg.vision)
    mask = cache["obj_mask"][index]
    if flip:
        grid = cfg.vision.image_size // cfg.vision.patch_size
        pixels = pixels.flip(-1)
        mask = mask.view(*mask.shape[:2], grid, grid).flip(-1).reshape(mask.shape)
    return pixels, {"obj_mask": mask, "obj_name": cache["obj_name"][index], "obj_color": cache["obj_color"][index]}


@torch.no_grad()
def evaluate(model, aux_head, val: dict, cfg) -> dict:
    """Object name accuracy on the validation cache (all objects, and the drawn shapes alone), and the probe's
    encoder_shape_accuracy / encoder_colour_accuracy on its one-shape pictures."""
    model.eval()
    aux_head.eval()
    known_names, _ = aux_vocabularies()
    shape_classes = torch.tensor([known_names[s] for s in SHAPES])
    right = shapes_right = total = shapes_total = 0
    for start in range(0, len(val["pixels"]), 256):
        index = torch.arange(start, min(start + 256, len(val["pixels"])))
        pixels, aux = batch_of(val, index, cfg, flip=False)
        pooled, valid = object_features(model.vision.features(pixels), aux["obj_mask"])
        names = aux["obj_name"][valid]
        hit = aux_head.name(pooled).argmax(-1) == names
        is_shape = torch.isin(names, shape_classes)
        right += int(hit.sum())
        total += len(names)
        shapes_right += int(hit[is_shape].sum())
        shapes_total += int(is_shape.sum())
    out = {"object_name_acc": right / max(1, total), "shape_name_acc": shapes_right / max(1, shapes_total),
           **encoder_reading(model, aux_head)}
    model.train()
    aux_head.train()
    return out


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    run_dir = os.path.join(args.runs, args.name)
    os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "ckpt.pt")
    state = None
    if args.resume:
        state = load_checkpoint(ckpt_path)
        for k in SAVED_ARGS:                        # the run's identity comes from its checkpoint
            setattr(args, k, state["args"][k])
    init = load_checkpoint(args.init)
    cfg = ModelConfig.from_dict(init["config"])
    model = LunetteModel(cfg)
    model.load_state_dict(init["model"])
    aux_head = AuxHead(cfg.vision.dim)
    aux_head.load_state_dict(init["aux"])
    opt = torch.optim.AdamW(param_groups([model.vision, aux_head], args.wd), lr=args.lr, betas=(0.9, 0.95))
    step, elapsed_before = 0, 0.0
    torch.manual_seed(args.seed)
    if state is not None:
        model.vision.load_state_dict(state["vision"])
        aux_head.load_state_dict(state["aux"])
        opt.load_state_dict(state["opt"])
        step, elapsed_before = state["step"], state["elapsed"]
        torch.set_rng_state(state["rng"])
        print(f"resumed at step {step}, {elapsed_before / 60:.1f} min trained", flush=True)
    tok_path = os.path.join(run_dir, "tokenizer.json")   # train.py --init-from takes it from beside the checkpoint
    if not os.path.exists(tok_path):
        shutil.copyfile(os.path.join(os.path.dirname(os.path.abspath(args.init)), "tokenizer.json"), tok_path)
    size, patch = cfg.vision.image_size, cfg.vision.patch_size
    train = build_cache(os.path.join(run_dir, "cache-train.npz"), args.seed, args.images, args.kinds, size, patch,
                        args.workers)
    val = build_cache(os.path.join(run_dir, "cache-val.npz"), 1_000_000 + args.seed, args.val_images, args.kinds,
                      size, patch, args.workers)
    log_path = os.path.join(run_dir, "log.jsonl")

    def save():
        save_atomic({"vision": model.vision.state_dict(), "aux": aux_head.state_dict(), "opt": opt.state_dict(),
                     "step": step, "elapsed": elapsed_before + time.time() - t0, "rng": torch.get_rng_state(),
                     "args": {k: getattr(args, k) for k in SAVED_ARGS}}, ckpt_path)

    stop = {"flag": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(flag=True))
    t0 = last_ckpt = time.time()
    if state is None:
        log_line(log_path, {"step": 0, **evaluate(model, aux_head, val, cfg)})
    while step < args.steps and not stop["flag"] and time.time() - t0 < args.minutes * 60:
        lr = lr_at(step, args.steps, args)
        for g in opt.param_groups:
            g["lr"] = lr
        index = torch.randint(0, len(train["pixels"]), (args.batch,))
        pixels, aux = batch_of(train, index, cfg, flip=bool(step % 2))
        out = object_aux_loss(aux_head, model.vision.features(pixels), aux)
        step += 1
        if out is None:
            continue
        loss, acc = out
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(model.vision.parameters()) + list(aux_head.parameters()), args.clip)
        opt.step()
        if step % 50 == 0:
            log_line(log_path, {"step": step, "loss": round(float(loss), 4), "acc": round(float(acc), 4), "lr": lr,
                                "minutes": round((elapsed_before + time.time() - t0) / 60, 2)})
        if step % args.eval_every == 0 or step == args.steps:
            rec = {"step": step, **evaluate(model, aux_head, val, cfg)}
            log_line(log_path, rec)
            print(json.dumps(rec), flush=True)
        if time.time() - last_ckpt > args.ckpt_minutes * 60:
            save()
            last_ckpt = time.time()
    save()
    if step >= args.steps:
        final = dict(init)
        final["model"] = {**init["model"], **{f"vision.{k}": v for k, v in model.vision.state_dict().items()}}
        final["aux"] = aux_head.state_dict()
        save_atomic(final, os.path.join(run_dir, "ckpt-final.pt"))
        print(f"done: {os.path.join(run_dir, 'ckpt-final.pt')}", flush=True)
    else:
        print(f"stopped at step {step}; continue with --resume", flush=True)


if __name__ == "__main__":
    main()
