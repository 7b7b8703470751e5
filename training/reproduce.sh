#!/usr/bin/env bash
# Reproduce models/lunette-nano and the numbers of its MODEL_CARD.md on CPU:
#   tokenizer -> training (two resumable segments, as the shipped run) -> export -> engine parity -> evaluation.
#
#   bash training/reproduce.sh                 # run name "nano-repro", pack in training/runs/nano-repro/pack
#   NAME=x OUT=models/lunette-nano bash training/reproduce.sh
#
# Needs the Debian packages of training/README.md and `npm ci && npm run build` (engine parity and evaluation).
# Training stops at fixed image counts (--until-images), so the schedule does not depend on the machine's speed;
# on 2 shared cores it took ~57 min for 0.1.0, about 170 min in all for 0.2.0, 111 more minutes for 0.3.0, 95 more for 0.4.0, 109 more for 0.5.0
# and about 55 more for 0.6.0 (0.6.1: the same weights, colour and shape words held to the pixels; 0.6.2: shape counts too; 0.6.3: drawn things located, and emoji named, from the pixels; 0.6.4: charts, terminals, files and errors read from the pixels and OCR lines).
# The synthetic generator (training/synth) is deterministic per (seed, image),
# but it is still being extended: a later version of it draws different images, so numbers move within noise.
set -euo pipefail
cd "$(dirname "$0")/.."
export OMP_WAIT_POLICY=PASSIVE
PY=/usr/bin/python3
NAME=${NAME:-nano-repro}
RUN=training/runs/$NAME
OUT=${OUT:-$RUN/pack}
mkdir -p "$RUN"

[ -f "$RUN/tokenizer.json" ] || $PY training/train_tokenizer.py --out "$RUN/tokenizer.json" --images 2000

# segment 1: warmup under the first schedule (the shipped run was restarted here to add new scene kinds)
if [ ! -f "$RUN/ckpt.pt" ]; then
  $PY training/train.py --name "$NAME" --preset nano --planned-images 14000 --until-images 304 --reading-first 0 --minutes 600
fi
# segment 2: cosine over 7500 images (this was lunette-nano 0.1.0)
$PY training/train.py --name "$NAME" --resume --planned-images 7500 --until-images 8280 --reading-first 0 --minutes 600
# segment 3 (0.2.0): a new cosine, peak 7e-4, over 28000 then 34000 images; reading questions first from image 12944 on
$PY training/train.py --name "$NAME" --resume --planned-images 28000 --lr 7e-4 --until-images 12520 --reading-first 0 --minutes 600
$PY training/train.py --name "$NAME" --resume --planned-images 34000 --lr 7e-4 --until-images 12944 --reading-first 0 --minutes 600
$PY training/train.py --name "$NAME" --resume --planned-images 34000 --lr 7e-4 --until-images 34744 --minutes 600
# 0.3.0: a new run from those weights with the copy head added (lunette/copy.py), fresh optimizer, peak 5e-4;
# the schedule was stretched from 24000 to 34000 images at image 42144 (made-up file and app names joined the
# generator there)
COPY_RUN=training/runs/$NAME-copy
if [ ! -f "$COPY_RUN/ckpt.pt" ]; then
  $PY training/train.py --name "$NAME-copy" --init-from "$RUN/ckpt.pt" --planned-images 24000 --lr 5e-4 --until-images 42144 --minutes 600
fi
$PY training/train.py --name "$NAME-copy" --resume --planned-images 34000 --until-images 64384 --minutes 600
# 0.4.0: a new run from 0.3.0's weights with the copy keys' induction term added (starts at zero), fresh optimizer,
# peak 4e-4, cosine over 26000 images (stopped at image 90,688)
IND_RUN=training/runs/$NAME-induction
if [ ! -f "$IND_RUN/ckpt.pt" ]; then
  $PY training/train.py --name "$NAME-induction" --init-from "$COPY_RUN/ckpt.pt" --planned-images 26000 --lr 4e-4 --until-images 90688 --minutes 600
fi
# 0.5.0: a new run from 0.4.0's weights, fresh optimizer, peak 3e-4, with the generator's read-not-recall data
# (varied npm failures, composed toast/dialog/banner messages, chart titles and diagram labels, counting refusals;
# they joined between images 90,688 and 98,112); the schedule was shortened from 30000 to 26000 planned images at
# image 97,824 and to 24000 at 98,112, and the run stopped at 114,688
READ_RUN=training/runs/$NAME-read
if [ ! -f "$READ_RUN/ckpt.pt" ]; then
  $PY training/train.py --name "$NAME-read" --init-from "$IND_RUN/ckpt.pt" --planned-images 30000 --lr 3e-4 --until-images 97824 --minutes 600
fi
$PY training/train.py --name "$NAME-read" --resume --planned-images 26000 --until-images 98112 --minutes 600
$PY training/train.py --name "$NAME-read" --resume --planned-images 24000 --until-images 114688 --minutes 600
# 0.6.0 (sessions 14-16) started from the 0.5.0 *pack*, whose training-only aux head is not in it: export 0.5.0 and
# read it back (aux head at zero), fit the aux head alone (330 steps), train everything for 2,179 steps with the
# language loss on visual tokens weighted x4 (--lm-visual-weight: colour, shape, object and number words, whole
# answers to colour/count/object/position questions; no token of a refusal), then take the weights halfway between
# that run and 0.5.0 (WiSE-FT: the fine-tune alone lost reading and refused too little; the midpoint keeps 0.5.0's
# captions and reading and most of the fine-tune's answers)
BASE_RUN=training/runs/$NAME-0.5.0
if [ ! -f "$BASE_RUN/ckpt-final.pt" ]; then
  $PY training/export_model.py --checkpoint "$READ_RUN/ckpt.pt" --out "$BASE_RUN/pack" --version 0.5.0
  $PY training/checkpoint_from_pack.py --pack "$BASE_RUN/pack" --out "$BASE_RUN" --next-index 114688
fi
AUX_RUN=training/runs/$NAME-aux
if [ ! -f "$AUX_RUN/ckpt.pt" ]; then
  $PY training/train.py --name "$NAME-aux" --init-from "$BASE_RUN/ckpt-final.pt" --train-only aux_head --planned-images 2400 \
    --lr 2e-3 --warmup 20 --aux-object-weight 0.5 --seed 17 --until-images 117328 --minutes 600 \
    --kinds ui=0.20,code=0.10,terminal=0.08,chart=0.12,diagram=0.10,document=0.05,shapes=0.08,shapes:one-kind=0.10,objects=0.06,objects:single=0.06,photo=0.05
fi
VIS_RUN=training/runs/$NAME-visual
if [ ! -f "$VIS_RUN/ckpt.pt" ]; then
  $PY training/train.py --name "$NAME-visual" --init-from "$AUX_RUN/ckpt.pt" --planned-images 18000 --lr 1.5e-4 --warmup 50 \
    --lm-visual-weight 4 --lm-visual-refusals none --seed 15 --until-images 134776 --minutes 600
fi
$PY training/train.py --name "$NAME-visual" --resume --until-images 134776 --minutes 600   # a stopped run continues
RUN=training/runs/$NAME-halfway
$PY training/interpolate_checkpoints.py --base "$BASE_RUN/ckpt-final.pt" --tuned "$VIS_RUN/ckpt.pt" --alpha 0.5 --out "$RUN"

$PY training/export_model.py --checkpoint "$RUN/ckpt-final.pt" --out "$OUT" --version 0.6.4 --card models/lunette-nano/MODEL_CARD.md
$PY training/check_parity.py "$OUT"
$PY training/evaluate.py --checkpoint "$RUN/ckpt-final.pt" --real --ocr both --out "$RUN/eval-real-torch.json"
$PY training/evaluate.py --checkpoint "$RUN/ckpt-final.pt" --synth 100 --ocr gt --out "$RUN/eval-synth-torch.json"
$PY training/evaluate.py --engine "$OUT" --real --out "$RUN/eval-real-engine.json"
$PY training/measure_resize.py
