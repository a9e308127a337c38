"""Reference numbers for Tests/AutodiffTests (PyTorch is not installed here, so
the update rules and formulas are written out in NumPy/SciPy from PyTorch's
documentation; rerun with `python3 scripts/make_autodiff_reference.py`)."""
import numpy as np
from scipy.special import erf


def adam(p, steps, lr=0.1, b1=0.9, b2=0.999, eps=1e-8):
    """torch.optim.Adam on f(p) = sum(p^2)."""
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    for t in range(1, steps + 1):
        g = 2 * p
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        p = p - lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
    return p


print("adam, lr 0.1, 3 steps from [1, -2]:", [repr(float(x)) for x in adam(np.array([1.0, -2.0]), 3)])
x = np.array([-1.0, 0.0, 2.0])
print("gelu exact:", [repr(float(v)) for v in 0.5 * x * (1 + erf(x / np.sqrt(2)))])
print("gelu tanh:", [repr(float(v)) for v in 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))])
