"""The in-trade / out-of-trade decision: a logistic regression over the title's evidence.

A fixed threshold on one combined score refused plain in-trade titles whose words no alias
carries ("Box Office Attendant"): the score mixes *which role* with *whether ours*. Here the
role is chosen by score, and whether the title is ours at all is a calibrated probability
from several kinds of evidence (FEATURES), fitted on the development splits only: dev of
benchmarks/data/titles.csv, titles_dev2.csv and the fitting half of titles_dev3.csv
(`python -m benchmarks.titles --tune` refits and prints the weights). The held-out set
(titles_heldout.csv) never touches the fit.
"""

from __future__ import annotations

import numpy as np

FEATURES = (
    "fuzzy",  # best fuzzy match of the chosen role's labels
    "label_similarity",  # embedding similarity to the chosen role's labels (0 without model)
    "duty_similarity",  # embedding similarity to its summary and responsibilities
    "score",  # the chosen role's combined score
    "margin",  # its lead over the second role
    "department",  # the title names one of our departments
    "department_agrees",  # ... and it is the chosen role's
    "place",  # a venue, show or kind of music is named
    "worker_noun",  # a worker noun we know ("attendant", "engineer")
    "foreign",  # a word of another trade or workplace
    "unknown",  # share of words that are not the trade's
    "unexplained",  # share of the words qualifying the worker noun that are not the trade's
)

# Fitted on the dev, dev2, dev3, dev4 and dev5 (their fitting halves; every title that
# repeated a held-out title dropped first) splits by
# benchmarks/titles.py --tune:
# classes weighted equally, L2 0.1 chosen by 5-fold cross-validation on them. Order:
# FEATURES, then the intercept.
# fmt: off
WEIGHTS_MODEL = (
    10.2426, 0.0044, -3.0167, 3.7421, 4.2997, 2.2235, 0.2939, 3.5127, 1.6029, -7.8612, -4.3018,
    -1.2602, -11.4292,
)
WEIGHTS_FUZZY = (
    7.1755, 0.0, 0.0, 6.4448, 5.0309, 2.0503, 0.209, 3.2185, 1.5815, -8.1982, -3.8946, -1.3129,
    -12.6938,
)
# fmt: on


def probability(features: np.ndarray, weights: tuple[float, ...]) -> np.ndarray:
    """P(in the trade) per row of ``features`` (rows, FEATURES)."""
    w = np.asarray(weights, dtype=np.float64)
    z = np.asarray(features, dtype=np.float64) @ w[:-1] + w[-1]
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def fit(
    features: np.ndarray, labels: np.ndarray, *, l2: float = 1.0, iterations: int = 50
) -> tuple[float, ...]:
    """Weights (FEATURES..., intercept) by Newton's method on the L2-penalised, class-balanced
    log loss. ``labels`` are 1 for in the trade, 0 for not. The intercept is not penalised."""
    x = np.hstack([np.asarray(features, dtype=np.float64), np.ones((len(features), 1))])
    y = np.asarray(labels, dtype=np.float64)
    positives = max(y.sum(), 1.0)
    negatives = max(len(y) - y.sum(), 1.0)
    sample = np.where(y == 1, len(y) / (2 * positives), len(y) / (2 * negatives))
    penalty = np.full(x.shape[1], l2)
    penalty[-1] = 0.0
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30.0, 30.0)))
        gradient = x.T @ (sample * (p - y)) + penalty * w
        hessian = (x * (sample * p * (1 - p))[:, None]).T @ x + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return tuple(round(float(v), 4) for v in w)
