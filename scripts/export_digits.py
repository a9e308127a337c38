#!/usr/bin/env python3
"""Export scikit-learn's 8 x 8 digits to Datasets/ for `tda lie train|eval`.

Data: the UCI optical recognition of handwritten digits test set (1,797
images of 8 x 8 pixels, values 0..16), as shipped inside the scikit-learn
wheel (sklearn/datasets/data/digits.csv.gz). scikit-learn is BSD-3-Clause;
the UCI data is CC BY 4.0 (Alpaydin and Kaynak, 1998).

Format (DESIGN.md): one image a row, `label,p0,...,p255`, 16 x 16 row-major
(the 8 x 8 digit in the centre, rows and columns 4..11), values in [0, 1]
(the pixel value / 16), no header. Numbers are written with repr (shortest
round trip), 0 as `0`; the transformed copies are rounded to four decimals.

Split: sklearn.model_selection.train_test_split(test_size=898,
random_state=0, stratify=labels): 899 training and 898 test images.

Transformed test copies (each image its own random transformation, numpy
default_rng seeded per file; the map acts about the image centre (7.5, 7.5)
in (column, row) pixel coordinates; the new image samples the old one at
g^-1 x with bilinear interpolation, zero outside):
- digits_test_affine.csv: g = R(theta) Sh(s) * scale, theta ~ U(-20, 20)
  degrees, Sh = [[1, s], [0, 1]] with s ~ U(-0.2, 0.2), scale ~ U(0.8, 1.2).
- digits_test_affine_shift.csv: the same (same seed, same draws) followed by
  a translation with each coordinate ~ U(-2, 2) pixels.
- digits_test_rotated.csv: g = R(theta), theta ~ U(-180, 180) degrees.

The script then checks the protocol with scikit-learn (logistic regression
and MLP(128) trained on the 899 upright images) and prints the accuracies.

Run: python3 scripts/export_digits.py [OUTDIR]   (default Datasets)
"""
import os
import sys

import numpy as np
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier

SIDE = 16
CENTRE = (SIDE - 1) / 2.0


def pad(images8):
    out = np.zeros((len(images8), SIDE, SIDE))
    out[:, 4:12, 4:12] = images8 / 16.0
    return out


def bilinear(image, x, y):
    """Sample image (rows y, columns x) at real coordinates, zero outside."""
    x0 = np.floor(x).astype(int)
    y0 = np.floor(y).astype(int)
    fx = x - x0
    fy = y - y0
    value = np.zeros_like(x)
    for dy, wy in ((0, 1 - fy), (1, fy)):
        for dx, wx in ((0, 1 - fx), (1, fx)):
            xi = x0 + dx
            yi = y0 + dy
            inside = (xi >= 0) & (xi < SIDE) & (yi >= 0) & (yi < SIDE)
            v = np.where(inside, image[np.clip(yi, 0, SIDE - 1), np.clip(xi, 0, SIDE - 1)], 0.0)
            value += wx * wy * v
    return value


def transform(image, a, t):
    """The image moved by x -> a (x - c) + c + t: samples at a^-1 (x - c - t) + c."""
    rows, cols = np.mgrid[0:SIDE, 0:SIDE].astype(float)
    p = np.stack([cols.ravel() - CENTRE - t[0], rows.ravel() - CENTRE - t[1]])
    q = np.linalg.solve(a, p)
    out = bilinear(image, q[0] + CENTRE, q[1] + CENTRE).reshape(SIDE, SIDE)
    # Four decimals keep the files small; the checks below score the rounded values.
    return np.round(np.clip(out, 0.0, 1.0), 4)


def rotation(theta):
    c, s = np.cos(theta), np.sin(theta)
    return np.array([[c, -s], [s, c]])


def affine_copy(images, seed, shifts):
    rng = np.random.default_rng(seed)
    out = np.empty_like(images)
    for k, image in enumerate(images):
        theta = np.deg2rad(rng.uniform(-20, 20))
        shear = rng.uniform(-0.2, 0.2)
        scale = rng.uniform(0.8, 1.2)
        t = rng.uniform(-2, 2, size=2)
        a = rotation(theta) @ np.array([[1.0, shear], [0.0, 1.0]]) * scale
        out[k] = transform(image, a, t if shifts else np.zeros(2))
    return out


def rotated_copy(images, seed):
    rng = np.random.default_rng(seed)
    out = np.empty_like(images)
    for k, image in enumerate(images):
        out[k] = transform(image, rotation(np.deg2rad(rng.uniform(-180, 180))), np.zeros(2))
    return out


def write(path, labels, images):
    with open(path, "w") as f:
        for label, image in zip(labels, images):
            f.write(str(int(label)) + "," + ",".join("0" if v == 0 else repr(float(v)) for v in image.ravel()) + "\n")


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else "Datasets"
    digits = load_digits()
    images = pad(digits.images)
    train_x, test_x, train_y, test_y = train_test_split(
        images, digits.target, test_size=898, random_state=0, stratify=digits.target)
    copies = {
        "clean": test_x,
        "affine": affine_copy(test_x, 1401, shifts=False),
        "affine_shift": affine_copy(test_x, 1401, shifts=True),
        "rotated": rotated_copy(test_x, 1402),
    }
    write(os.path.join(outdir, "digits_train.csv"), train_y, train_x)
    for name, x in copies.items():
        suffix = "" if name == "clean" else "_" + name
        write(os.path.join(outdir, "digits_test" + suffix + ".csv"), test_y, x)

    # The protocol's check: models trained on the upright training half.
    flat = lambda x: x.reshape(len(x), -1)
    models = {
        "logistic regression": LogisticRegression(max_iter=2000),
        "MLP(128)": MLPClassifier(hidden_layer_sizes=(128,), max_iter=1000, random_state=0),
    }
    # The augmented baseline: the training half plus 10 random affine
    # copies with shifts of it (seeded apart from the test copies).
    augmented_x = np.concatenate([train_x] + [affine_copy(train_x, 2000 + k, shifts=True) for k in range(10)])
    augmented_y = np.concatenate([train_y] * 11)
    print("model, " + ", ".join(copies))
    for name, model in models.items():
        model.fit(flat(train_x), train_y)
        scores = [model.score(flat(x), test_y) for x in copies.values()]
        print(name + ", " + ", ".join("%.3f" % s for s in scores))
    model = MLPClassifier(hidden_layer_sizes=(128,), max_iter=1000, random_state=0).fit(flat(augmented_x), augmented_y)
    scores = [model.score(flat(x), test_y) for x in copies.values()]
    print("MLP(128), 10x augmented, " + ", ".join("%.3f" % s for s in scores))


if __name__ == "__main__":
    main()
