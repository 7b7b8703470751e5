#!/usr/bin/env python3
"""Train a Lunette model on the synthetic pipeline, generated on the fly by worker processes.

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/train.py --name nano --preset nano --minutes 55
  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 training/train.py --name nano --resume --minutes 60   # continue

Everything goes to training/runs/<name>/ (gitignored): tokenizer.json (trained first if missing, see
train_tokenizer.py), config.json, args.json, ckpt.pt (latest, every --ckpt-minutes and at the end), log.jsonl
(one line per --log-every steps and per validation), val.jsonl. Resume is exact: model, optimizer, step, data
stream position (image index) and RNG states come back from ckpt.pt; the schedule (warmup + cosine over
--planned-images) and the curriculum are functions of the step / image index.

On CUDA (when available) the same code runs with bf16 autocast; use more --workers and a bigger
--images-per-batch there.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import shutil
import signal
import subprocess
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.path.insert(0, REPO)

import numpy as np  # noqa: E402
import torch  # noqa: E402

from lunette.checkpoint import load_checkpoint  # noqa: E402
from lunette.config import ModelConfig, preset  # noqa: E402
from lunette.data import Curriculum, ExampleConfig, ExampleStream, collate  # noqa: E402
from lunette.losses import AuxHead, forward_losses, to_device  # noqa: E402
from lunette.model import LunetteModel  # noqa: E402
from training.synth.scenes import parse_kind_weights  # noqa: E402


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--name", default="nano")
    ap.add_argument("--runs", default=os.path.join(HERE, "runs"))
    ap.add_argument("--preset", default="nano")
    ap.add_argument("--resume", action="store_true", help="continue from runs/<name>/ckpt.pt")
    ap.add_argument("--init-from", default="",
                    help="start a new run from another run's checkpoint: its weights (new modules such as the copy "
                         "head start fresh), tokenizer and data-stream position; a fresh optimizer and schedule")
    ap.add_argument("--minutes", type=float, default=55.0, help="wall-clock budget of this invocation")
    ap.add_argument("--until-images", type=int, default=0,
                    help="also stop once this many images of the stream are consumed (reproducible runs)")
    ap.add_argument("--planned-images", type=int, default=24000, help="images of the whole run (schedule, curriculum)")
    ap.add_argument("--images-per-batch", type=int, default=8)
    ap.add_argument("--queries-per-image", type=int, default=5)
    ap.add_argument("--regions-per-image", type=int, default=2)
    ap.add_argument("--reading-first", type=int, default=2,
                    help="text-reading questions put first among an image's questions (lunette/data.py)")
    ap.add_argument("--pool", type=int, default=4, help="batches per pool sorted by OCR length (less padding)")
    ap.add_argument("--lr", type=float, default=1.5e-3)
    ap.add_argument("--min-lr-frac", type=float, default=0.1)
    ap.add_argument("--warmup", type=int, default=150, help="warmup steps")
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--clip", type=float, default=1.0)
    ap.add_argument("--aux-weight", type=float, default=0.3)
    ap.add_argument("--region-weight", type=float, default=1.0,
                    help="weight of the detect/point losses (coordinates and sizes), which reach the tower too")
    ap.add_argument("--ground-weight", type=float, default=0.0,
                    help="weight of the grounding loss: some decoder heads learn to look at the objects a question "
                         "or region task is about (lunette/losses.py grounding_loss)")
    ap.add_argument("--ground-text-weight", type=float, default=0.0,
                    help="weight of the same loss for reading: another head learns to look at the OCR lines an "
                         "answer comes from")
    ap.add_argument("--aux-object-weight", type=float, default=0.0,
                    help="weight of the object-level aux loss: the encoder learns to name each object from the mean "
                         "of its patches' features (lunette/losses.py object_aux_loss)")
    ap.add_argument("--lm-task-power", type=float, default=0.0,
                    help="weigh each answer token by n^-p, n its task's answer tokens: 0 every token alike (captions "
                         "dominate), 1 every task alike (lunette/losses.py task_weights)")
    ap.add_argument("--lm-visual-weight", type=float, default=1.0,
                    help="weight of the language loss on visual tokens (colour, shape, object and number words, and "
                         "whole answers to colour/count/object questions: lunette/data.py visual_flags); 1 = alike")
    ap.add_argument("--lm-visual-refusals", choices=["decision", "none"], default="decision",
                    help="which tokens of a refusal are visual: its first (the decision that the thing is absent), or "
                         "none (as 0.6.0's fine-tune was trained: more answers, fewer false refusals)")
    ap.add_argument("--train-only", default="",
                    help="comma-separated parameter name prefixes (e.g. region.coord_decoder,region.size_decoder): "
                         "only these are trained, the rest stay as loaded; `aux_head` trains the aux head too. "
                         "With the region decoders alone, captions and answers stay exactly those of the init; "
                         "with vision.,region.,aux_head the decoder is frozen and the tower learns to speak to it")
    ap.add_argument("--captions-per-image", type=int, default=1)
    ap.add_argument("--distill-from", default="",
                    help="a checkpoint kept frozen as a teacher: the KL from its next-token distribution is added "
                         "at every text position (losses.distill_loss), pulling the text outputs toward its own")
    ap.add_argument("--distill-weight", type=float, default=1.0)
    ap.add_argument("--kinds", default="",
                    help="scene kinds and relative weights replacing the default mix, e.g. shapes=2,objects=1")
    ap.add_argument("--ckpt-minutes", type=float, default=5.0)
    ap.add_argument("--log-every", type=int, default=10)
    ap.add_argument("--val-images", type=int, default=48)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--tokenizer-images", type=int, default=3000)
    ap.add_argument("--device", default="auto")
    args = ap.parse_args(argv)
    try:
        parse_kind_weights(args.kinds)
    except ValueError as error:
        ap.error(str(error))
    return args


def lr_at(step: int, total: int, args) -> float:
    if step < args.warmup:
        return args.lr * (step + 1) / args.warmup
    p = min(1.0, (step - args.warmup) / max(1, total - args.warmup))
    return args.lr * (args.min_lr_frac + (1 - args.min_lr_frac) * 0.5 * (1 + math.cos(math.pi * p)))


def param_groups(modules, wd):
    decay, no_decay = [], []
    for m in modules:
        for n, p in m.named_parameters():
            if not p.requires_grad:
                continue
            # no decay: biases, LayerNorms, position embeddings, Fourier feature matrices
            if p.ndim < 2 or "pos_emb" in n or n.endswith("_features"):
                no_decay.append(p)
            else:
                decay.append(p)
    return [{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}]


AUX_HEAD = "aux_head"  # --train-only's name for the training-only aux head (not a model parameter)


def freeze_all_but(model, aux_head, prefixes):
    """Only the parameters whose names start with one of `prefixes` are trained; the aux head only when
    `aux_head` is among them (a tower trained with a frozen decoder still learns from the aux losses)."""
    prefixes = [p.strip() for p in prefixes if p.strip()]
    names = [n for n, _ in model.named_parameters()]
    unknown = [p for p in prefixes if p != AUX_HEAD and not any(n.startswith(p) for n in names)]
    if unknown:
        raise SystemExit(f"--train-only: no parameter starts with {', '.join(unknown)}")
    for n, p in model.named_parameters():
        p.requires_grad = any(n.startswith(x) for x in prefixes)
    for p in aux_head.parameters():
        p.requires_grad = AUX_HEAD in prefixes


def load_teacher(path, device):
    ck = load_checkpoint(path)
    teacher = LunetteModel(ModelConfig.from_dict(ck["config"]))
    teacher.load_state_dict(ck["model"])
    for p in teacher.parameters():
        p.requires_grad = False
    return teacher.to(device).eval()


def save_atomic(obj, path):
    tmp = path + ".tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def log_line(path, rec):
    with open(path, "a", encoding="utf-8") as f:
        f.write(json.dumps(rec) + "\n")


@torch.no_grad()
def validate(model, aux_head, val_batches, device, autocast, ground_weight: float = 0.0,
             ground_text_weight: float = 0.0, aux_object_weight: float = 0.0, lm_task_power: float = 0.0):
    model.eval()
    sums, n = {}, 0
    for vb in val_batches:
        with autocast():
            out = forward_losses(model, aux_head, to_device(vb, device), ground_weight=ground_weight,
                                 ground_text_weight=ground_text_weight, aux_object_weight=aux_object_weight,
                                 lm_task_power=lm_task_power)
        for k, v in out.items():
            sums[k] = sums.get(k, 0.0) + float(v)
        n += 1
    model.train()
    return {k: v / max(1, n) for k, v in sums.items()}


def main(argv=None):
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    run_dir = os.path.join(args.runs, args.name)
    os.makedirs(run_dir, exist_ok=True)
    ckpt_path = os.path.join(run_dir, "ckpt.pt")
    tok_path = os.path.join(run_dir, "tokenizer.json")
    log_path = os.path.join(run_dir, "log.jsonl")

    if args.device == "auto":
        device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    else:
        device = torch.device(args.device)
    if device.type == "cuda":
        autocast = lambda: torch.autocast(device_type="cuda", dtype=torch.bfloat16)  # noqa: E731
    else:
        autocast = contextlib.nullcontext

    ckpt = None
    if args.resume:
        ckpt = load_checkpoint(ckpt_path)
        saved = ckpt["args"]
        # the run's identity comes from the checkpoint; the budget of this invocation from the command line
        for k in ("preset", "planned_images", "images_per_batch", "queries_per_image", "regions_per_image", "pool", "lr", "min_lr_frac", "warmup",
                  "wd", "aux_weight", "region_weight", "ground_weight", "ground_text_weight", "aux_object_weight", "lm_task_power", "lm_visual_weight", "lm_visual_refusals", "kinds",
                  "seed", "train_only", "captions_per_image", "distill_from", "distill_weight"):
            if k in saved and getattr(args, k) != saved[k] and f"--{k.replace('_', '-')}" not in (argv or sys.argv):
                setattr(args, k, saved[k])
        cfg = ModelConfig.from_dict(ckpt["config"])
    else:
        cfg = preset(args.preset)
    init = None
    if args.init_from and ckpt is None:
        init = load_checkpoint(args.init_from)
        # the source's architecture, plus what this preset adds (a copy head, its induction term)
        src_cfg = ModelConfig.from_dict(init["config"])
        if not src_cfg.text.copy_dim:
            src_cfg.text.copy_dim = cfg.text.copy_dim
        src_cfg.text.copy_prev = src_cfg.text.copy_prev or cfg.text.copy_prev
        cfg = src_cfg
        src_tok = os.path.join(os.path.dirname(os.path.abspath(args.init_from)), "tokenizer.json")
        if not os.path.exists(tok_path):
            shutil.copyfile(src_tok, tok_path)
    if not os.path.exists(tok_path):
        assert not args.resume, f"missing {tok_path}"
        subprocess.run([sys.executable, os.path.join(HERE, "train_tokenizer.py"), "--out", tok_path,
                        "--vocab", str(cfg.text.vocab_size), "--images", str(args.tokenizer_images)], check=True)
    cfg.save(os.path.join(run_dir, "config.json"))
    with open(os.path.join(run_dir, "args.json"), "w") as f:
        json.dump(vars(args), f, indent=2)

    # The data workers fork before the model reaches the GPU: a process forked after CUDA is initialized must
    # not touch it, and these have no need to.
    start_index = ckpt["next_index"] if ckpt is not None else init["next_index"] if init is not None else 0
    ecfg = ExampleConfig(seed=args.seed, image_size=cfg.vision.image_size, patch_size=cfg.vision.patch_size,
                         queries_per_image=args.queries_per_image, regions_per_image=args.regions_per_image,
                         captions_per_image=args.captions_per_image,
                         reading_first=args.reading_first, visual_refusals=args.lm_visual_refusals,
                         coord_bins=cfg.region.coord_bins,
                         size_bins=cfg.region.size_bins, size_log2_min=cfg.region.size_log2_min,
                         planned_images=args.planned_images, curriculum=Curriculum(kinds=parse_kind_weights(args.kinds)))
    # fixed validation images: another seed, full curriculum (p = 1), the default mix of kinds
    vcfg = ExampleConfig(**{**ecfg.__dict__, "seed": 1_000_000 + args.seed, "planned_images": 1, "curriculum": Curriculum()})
    vstream = ExampleStream(tok_path, vcfg, start=0, n_workers=0)
    vex = vstream.take(args.val_images)
    val_batches = [collate(vex[i:i + args.images_per_batch], cfg) for i in range(0, len(vex), args.images_per_batch)]
    stream = ExampleStream(tok_path, ecfg, start=start_index, n_workers=args.workers)

    torch.manual_seed(args.seed)
    model = LunetteModel(cfg).to(device)
    aux_head = AuxHead(cfg.vision.dim).to(device)
    if args.train_only:
        freeze_all_but(model, aux_head, args.train_only.split(","))
    teacher = load_teacher(args.distill_from, device) if args.distill_from else None
    opt = torch.optim.AdamW(param_groups([model, aux_head], args.wd), lr=args.lr, betas=(0.9, 0.95), eps=1e-8)
    step, next_index, tasks_seen, elapsed_before, pending = 0, 0, 0, 0.0, []
    if ckpt is not None:
        model.load_state_dict(ckpt["model"])
        aux_head.load_state_dict(ckpt["aux"])
        opt.load_state_dict(ckpt["opt"])
        step, next_index, tasks_seen = ckpt["step"], ckpt["next_index"], ckpt["tasks_seen"]
        elapsed_before = ckpt.get("elapsed", 0.0)
        pending = ckpt.get("pending", [])
        torch.set_rng_state(ckpt["rng"]["torch"])
        random.setstate(ckpt["rng"]["python"])
        np.random.set_state(ckpt["rng"]["numpy"])
        print(f"resumed at step {step}, image {next_index}, {tasks_seen} tasks, {elapsed_before / 60:.1f} min trained")
    elif init is not None:
        missing, unexpected = model.load_state_dict(init["model"], strict=False)
        assert not unexpected and all(k.startswith("copy.") for k in missing), (missing, unexpected)
        aux_head.load_state_dict(init["aux"])
        next_index = init["next_index"]
        print(f"initialized from {args.init_from} (step {init['step']}); new: {missing or 'nothing'}; "
              f"data stream from image {next_index}")
    n_params = model.num_params()
    total_steps = args.planned_images // args.images_per_batch
    print(f"model {n_params / 1e6:.2f}M params on {device}; {total_steps} planned steps of {args.images_per_batch} "
          f"images; tokenizer {tok_path}", flush=True)

    stop = {"flag": False}

    def on_signal(signum, frame):  # SIGTERM / SIGINT: finish the step, checkpoint, exit (resume later)
        stop["flag"] = True
        print(f"signal {signum}: checkpointing and stopping", flush=True)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    model.train()
    t_start = time.time()
    last_ckpt = t_start
    acc, acc_n, t_log, wait_log, samples_log = {}, 0, time.time(), 0.0, 0

    def next_examples():
        """Pools of --pool batches sorted by OCR length (images with similar prefix lengths share a batch),
        served in a seeded order; the unserved rest of a pool is saved with the checkpoint (exact resume)."""
        nonlocal pending
        if not pending:
            pool = stream.take(args.images_per_batch * args.pool)
            pool.sort(key=lambda e: (len(e["ocr_ids"]), e["index"]))
            pending = [pool[i:i + args.images_per_batch] for i in range(0, len(pool), args.images_per_batch)]
            random.Random(f"pool:{args.seed}:{pool[0]['index']}").shuffle(pending)
        return pending.pop(0)

    def checkpoint(tag=""):
        nonlocal last_ckpt
        state = {"model": model.state_dict(), "aux": aux_head.state_dict(), "opt": opt.state_dict(), "step": step,
                 "next_index": stream.next_index, "tasks_seen": tasks_seen, "config": cfg.to_dict(),
                 "pending": pending, "args": vars(args), "elapsed": elapsed_before + time.time() - t_start,
                 "rng": {"torch": torch.get_rng_state(), "python": random.getstate(), "numpy": np.random.get_state()}}
        save_atomic(state, ckpt_path)
        last_ckpt = time.time()
        v = validate(model, aux_head, val_batches, device, autocast, args.ground_weight, args.ground_text_weight,
                     args.aux_object_weight, args.lm_task_power)
        rec = {"val": True, "step": step, "images": stream.next_index, "tasks": tasks_seen,
               "minutes": round(state["elapsed"] / 60, 2), **{k: round(x, 4) for k, x in v.items()}}
        log_line(log_path, rec)
        print(f"[ckpt{tag}] step {step} saved; val " + " ".join(f"{k} {x:.3f}" for k, x in v.items()), flush=True)

    try:
        while True:
            if time.time() - t_start > args.minutes * 60 or stop["flag"]:
                break
            if args.until_images and stream.next_index - len(pending) * args.images_per_batch >= args.until_images:
                break
            tw = time.time()
            exs = next_examples()
            wait_log += time.time() - tw
            batch = to_device(collate(exs, cfg), device)
            lr = lr_at(step, total_steps, args)
            for g in opt.param_groups:
                g["lr"] = lr
            with autocast():
                out = forward_losses(model, aux_head, batch, aux_weight=args.aux_weight, region_weight=args.region_weight,
                                     ground_weight=args.ground_weight, ground_text_weight=args.ground_text_weight,
                                     aux_object_weight=args.aux_object_weight, lm_task_power=args.lm_task_power,
                                     lm_visual_weight=args.lm_visual_weight, teacher=teacher,
                                     distill_weight=args.distill_weight)
            if not out["loss"].requires_grad:
                continue  # --train-only: nothing in this batch reaches the trained parameters
            opt.zero_grad(set_to_none=True)
            out["loss"].backward()
            gn = torch.nn.utils.clip_grad_norm_(list(model.parameters()) + list(aux_head.parameters()), args.clip)
            opt.step()
            step += 1
            n_tasks = int(batch["n_tasks"])
            tasks_seen += n_tasks
            samples_log += n_tasks
            for k, v in out.items():
                acc[k] = acc.get(k, 0.0) + float(v)
            acc["gnorm"] = acc.get("gnorm", 0.0) + float(gn)
            acc_n += 1
            if step % args.log_every == 0:
                dt = time.time() - t_log
                rec = {"step": step, "images": stream.next_index, "tasks": tasks_seen, "lr": round(lr, 6),
                       "minutes": round((elapsed_before + time.time() - t_start) / 60, 2),
                       "tasks_per_s": round(samples_log / dt, 2),
                       "images_per_s": round(args.log_every * args.images_per_batch / dt, 2),
                       "data_wait": round(wait_log / dt, 3), "skipped": stream.skipped,
                       **{k: round(v / acc_n, 4) for k, v in acc.items()}}
                log_line(log_path, rec)
                print(" ".join(f"{k} {v}" for k, v in rec.items()), flush=True)
                acc, acc_n, t_log, wait_log, samples_log = {}, 0, time.time(), 0.0, 0
            if time.time() - last_ckpt > args.ckpt_minutes * 60:
                checkpoint()
    finally:
        stream.close()
    checkpoint(" final")
    print("done", flush=True)


if __name__ == "__main__":
    main()
