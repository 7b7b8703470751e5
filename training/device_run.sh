#!/usr/bin/env bash
# A prepared training run for a lent GPU machine (the `device` tool), continuing from the shipped pack.
#
#   device run, carry [".device-bundle"], timeout_s 600:   bash training/device_run.sh 7
#   here, to try it on the CPU:   OUT=/tmp/device-out PYTHON=/usr/bin/python3 WORKERS=1 AUX_IMAGES=64 \
#                                 bash training/device_run.sh 0.5 --images-per-batch 8
#
# The first argument is the minutes of training; any others go to train.py after the defaults below (the last
# one given wins). Before it: make the asset bundle here (`training/make_device_bundle.py --out .device-bundle`),
# since that machine has none of the Debian fonts, emoji and clip art the generator draws with.
# What it writes to $OUT (all of it comes back: 6 files, each under 16 MiB):
#   train.log      everything train.py printed (tracebacks of failed images included)
#   log.jsonl      the run's training and validation records
#   weights.json, weights-0.npz .. weights-2.npz
#                  the weights in float32 (training/device_weights.py); here,
#                  `device_weights.py restore --shards DIR --tokenizer models/lunette-nano/tokenizer.json --out RUN`
#                  rebuilds a checkpoint for export_model.py, evaluate.py and train.py --init-from.
set -euo pipefail

minutes=${1:?usage: device_run.sh MINUTES [train.py options]}
shift
out=${OUT:?set OUT to the folder the results go to}
repo=$(cd "$(dirname "$0")/.." && pwd)
bundle=$repo/.device-bundle
if [ ! -d "$bundle/share" ]; then
  echo "no asset bundle at $bundle: make it with training/make_device_bundle.py --out .device-bundle and carry it" >&2
  exit 2
fi
python=${PYTHON:-python3}
runs=${RUNS:-/tmp/lunette-runs}
workers=${WORKERS:-$(( $(nproc) - 1 ))}
# the pack (0.6.0) was trained on images 0 .. 134,775 of the stream (MODEL_CARD.md); continue with unseen ones
next_index=${NEXT_INDEX:-134776}
aux_images=${AUX_IMAGES:-6400}   # step 1 below: 200 batches
export PYTHONUNBUFFERED=1 OMP_WAIT_POLICY=PASSIVE
export LUNETTE_SHARE=$bundle/share LUNETTE_SYNTH_CACHE=$bundle/cache
mkdir -p "$out" "$runs"
cd "$repo"

"$python" -c 'import sys, torch, numpy, PIL; print("python", sys.version.split()[0], "torch", torch.__version__,
"numpy", numpy.__version__, "pillow", PIL.__version__, "cuda", torch.cuda.is_available() and torch.cuda.get_device_name(0))'
"$python" training/checkpoint_from_pack.py --pack models/lunette-nano --out "$runs/pack" --next-index "$next_index"

# 1. The aux head alone (it is not in the pack and starts at zero; trained with the model, its first uninformed
#    gradients would take the clipped norm from the language loss: session 14's first vis17 attempt).
status=0
"$python" training/train.py --runs "$runs" --name aux --init-from "$runs/pack/ckpt-final.pt" --train-only aux_head \
  --workers "$workers" --images-per-batch 32 --lr 2e-3 --warmup 10 --planned-images "$aux_images" --until-images $(( next_index + aux_images )) \
  --aux-object-weight 0.5 --log-every 25 --val-images 64 --minutes 2 2>&1 | tee "$out/train.log" || status=$?
[ "$status" = 0 ] || exit "$status"

# 2. Everything, from there: batches of 32 images (4x the CPU runs) at a peak rate of 4e-4, object names
#    supervised on the tower as well. The cosine spans 80,000 images: 7 minutes at 190 images/s, a cautious guess
#    (15 workers at the 47 ms an image measured on one core here would give 300); past them the rate stays at its floor, so the weights
#    that come back were trained at a low rate last. Options after MINUTES (e.g. --lm-visual-weight 4) override.
"$python" training/train.py --runs "$runs" --name gpu --init-from "$runs/aux/ckpt.pt" \
  --workers "$workers" --images-per-batch 32 --lr 4e-4 --warmup 100 --planned-images 80000 --aux-object-weight 0.3 \
  --ckpt-minutes 2 --log-every 25 --val-images 64 --minutes "$minutes" "$@" 2>&1 | tee -a "$out/train.log" || status=$?

if [ -f "$runs/gpu/ckpt.pt" ]; then
  cp "$runs/gpu/log.jsonl" "$out/log.jsonl"
  "$python" training/device_weights.py save --checkpoint "$runs/gpu/ckpt.pt" --out "$out"
fi
exit "$status"
