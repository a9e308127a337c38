#!/usr/bin/env bash
# Writes the small point clouds in Datasets/ with the seeded generator of
# `tda generate` (SplitMix64; the same files on every machine).
set -euo pipefail
cd "$(dirname "$0")/.."
# SCRATCH=.build-mine bash scripts/make_datasets.sh builds in another scratch path.
scratch=${SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product tda >/dev/null
tda=$scratch/release/tda
$tda generate circle       --count 100 --noise 0.05 --seed 1 --output Datasets/circle.csv
$tda generate two-circles  --count 120 --noise 0.05 --seed 2 --output Datasets/two_circles.csv
$tda generate sphere       --count 150 --noise 0.02 --seed 3 --output Datasets/sphere.csv
$tda generate torus        --count 600 --noise 0.02 --seed 4 --output Datasets/torus.csv
$tda generate figure-eight --count 120 --noise 0.03 --seed 5 --output Datasets/figure_eight.csv
$tda generate noisy-annulus --count 150 --seed 7 --output Datasets/noisy_annulus.csv
echo "wrote Datasets/{circle,two_circles,sphere,torus,figure_eight,noisy_annulus}.csv"
