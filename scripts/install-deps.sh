#!/usr/bin/env bash
# Installs the Debian packages SwiftTDA builds against, if any is missing:
# GMP (exact alpha complexes), OpenBLAS and LAPACKE (linear algebra), KissFFT
# (Gaunt products), and make. `make` targets and `.ci/run` call this script.
# Root installs directly, others through sudo; without either it prints the
# one command to run and stops.
set -euo pipefail
packages=(libgmp-dev libopenblas-dev liblapacke-dev libkissfft-dev make)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "SwiftTDA needs the system packages ${missing[*]} (Debian names); install them and run again." >&2
    exit 1
fi
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo_cmd="sudo"
    elif command -v sudo >/dev/null 2>&1 && [ -t 0 ]; then
        sudo_cmd="sudo"
    else
        echo "SwiftTDA needs: sudo apt-get install ${missing[*]} (no root or sudo here: ask an administrator)" >&2
        exit 1
    fi
fi
echo "installing the system packages SwiftTDA needs: ${missing[*]}" >&2
$sudo_cmd apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2
