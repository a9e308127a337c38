#!/usr/bin/env bash
# The README's Lie-group table: trains each model on Datasets/digits_train.csv
# (no augmentation) and evaluates it on the clean test half and the three
# transformed copies. Usage: bash scripts/bench_lie.sh [EPOCHS] (default 20).
# Needs a release build: swift build -c release --product tda.
set -euo pipefail
epochs=${1:-20}
tda=${TDA:-.build/release/tda}
out=${OUT:-/tmp/tda-lie-bench}
mkdir -p "$out"
printf 'model,seconds per epoch (mean),clean,affine,affine+shift,rotated\n'
# run NAME TRAIN-ARGS...; DRAWS=K in the environment evaluates with --draws K.
run() {
  local name=$1; shift
  "$tda" lie train --data Datasets/digits_train.csv --epochs "$epochs" --seed 1 --out "$out/$name.json" "$@" > "$out/$name.log"
  local secs
  secs=$(awk '{ s += $NF; n++ } END { printf "%.2f", s / n }' "$out/$name.log")
  local row="$name,$secs"
  for set in digits_test digits_test_affine digits_test_affine_shift digits_test_rotated; do
    row="$row,$("$tda" lie eval --model "$out/$name.json" --data "Datasets/$set.csv" --draws "${DRAWS:-1}" | tail -1 | cut -d' ' -f2)"
  done
  printf '%s\n' "$row"
}
# Defaults: polyphase subsampling, circular padding (shift-invariant).
run "affine-gl2 N=8 C=12" --group affine-gl2 --samples 8 --channels 12
run "affine-gl2 N=8" --group affine-gl2 --samples 8
run "affine-sl2 N=8" --group affine-sl2 --samples 8
run "translation (CNN)" --group translation
run "translation (CNN) C=12" --group translation --channels 12
# Several sample sets (issue 14's resampling study): a pool of 4 fixed sets cycled
# per batch and averaged over at test time; fresh sets every batch (rgenn's way),
# averaged over 8 sets at test time; rotations only (no positive-definite factor).
DRAWS=2 run "affine-gl2 N=8 C=12 --sample-pool 2, --draws 2" --group affine-gl2 --samples 8 --channels 12 --sample-pool 2
DRAWS=4 run "affine-gl2 N=8 C=12 --sample-pool 4, --draws 4" --group affine-gl2 --samples 8 --channels 12 --sample-pool 4
DRAWS=8 run "affine-gl2 N=8 C=12 --resample, --draws 8" --group affine-gl2 --samples 8 --channels 12 --resample
DRAWS=4 run "affine-gl2 N=8 C=12 --resample --variance 0.01, --draws 4" --group affine-gl2 --samples 8 --channels 12 --resample --variance 0.01
run "affine-gl2 N=8 C=12 --variance 0" --group affine-gl2 --samples 8 --channels 12 --variance 0
# The first release's architecture: 2 x 2 max pooling at stride 2, zero padding.
run "affine-sl2 N=8 strided zero-padded" --group affine-sl2 --samples 8 --subsampling strided --padding zero
run "translation (CNN) strided zero-padded" --group translation --subsampling strided --padding zero
