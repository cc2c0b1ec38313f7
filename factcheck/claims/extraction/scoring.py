"""Check-worthiness: a logistic regression over the features in ``features.py``.

One rule sits on top of the learned weights: a sentence stating a figure (a quantity, a
proportion such as "one fifth", a rank such as "second-largest") scores at least
``figure_floor``, which training sets to the tuned threshold. Figures are what fact-checkers
check first, so such a sentence is always proposed, however opinionated its wording; the editor
dismisses it if it is not worth checking. On the dev file the rule costs about two points of F1
(see ``dev_metrics`` and ``dev_metrics_without_figure_rule`` in the JSON).

The trained parameters ship beside this package as ``factcheck/claims/checkworthiness.json``
(``manage.py train_checkworthiness`` reproduces them). Inference is a sum of weights and a
sigmoid, in plain Python, so scoring needs nothing beyond the standard library at run time.
"""

import json
import math
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from . import features

MODEL_PATH = Path(__file__).resolve().parent.parent / "checkworthiness.json"

# Kinds by priority: a sentence with a figure is a statistic even if it also compares.
KINDS = (
    "statistic",
    "comparison",
    "legal",
    "attribution",
    "causal",
    "prediction",
    "historical",
)
OTHER = "other"

# Features whose weight moves the score less than this are not worth a reviewer's attention.
MIN_REASON_WEIGHT = 0.15
# Words are reported when their weight is at least this strong, at most this many at a time.
MIN_WORD_WEIGHT = 0.4
MAX_WORDS = 3


@dataclass(frozen=True)
class Score:
    checkworthiness: float
    checkworthy: bool
    kind: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Model:
    bias: float
    weights: dict[str, float]
    threshold: float
    figure_floor: float | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "Model":
        return cls(
            bias=float(data["bias"]),
            weights={name: float(weight) for name, weight in data["weights"].items()},
            threshold=float(data["threshold"]),
            figure_floor=(
                None if data.get("figure_floor") is None else float(data["figure_floor"])
            ),
        )


@cache
def load_model(path: Path = MODEL_PATH) -> Model:
    with open(path, encoding="utf-8") as file:
        return Model.from_dict(json.load(file))


def default_threshold() -> float:
    """``settings.FACTCHECK_CLAIM_THRESHOLD`` when Django is configured and the setting is not
    None; otherwise the threshold tuned in training and shipped with the weights."""
    tuned = load_model().threshold
    from django.conf import settings

    if settings.configured or os.environ.get("DJANGO_SETTINGS_MODULE"):
        configured = getattr(settings, "FACTCHECK_CLAIM_THRESHOLD", None)
        if configured is not None:
            return float(configured)
    return tuned


def score(text: str, *, threshold: float | None = None, model: Model | None = None) -> Score:
    """Score one sentence: probability of being check-worthy, its kind and the reasons."""
    model = model or load_model()
    if threshold is None:
        threshold = default_threshold()
    fired = features.describe(text)
    contributions: list[tuple[float, str]] = []
    total = model.bias
    for feature in fired:
        contribution = model.weights.get(feature.name, 0.0) * feature.value
        total += contribution
        if abs(contribution) >= MIN_REASON_WEIGHT:
            contributions.append((contribution, feature.reason))
    raising: list[tuple[float, str]] = []
    lowering: list[tuple[float, str]] = []
    for word in sorted(features.words(text)):
        weight = model.weights.get(f"word:{word}", 0.0)
        total += weight
        if weight >= MIN_WORD_WEIGHT:
            raising.append((weight, word))
        elif weight <= -MIN_WORD_WEIGHT:
            lowering.append((weight, word))
    if raising:
        raising.sort(key=lambda item: -item[0])
        words = ", ".join(word for _, word in raising[:MAX_WORDS])
        contributions.append((sum(w for w, _ in raising), f"wording typical of claims: {words}"))
    if lowering:
        lowering.sort(key=lambda item: item[0])
        words = ", ".join(word for _, word in lowering[:MAX_WORDS])
        contributions.append(
            (sum(w for w, _ in lowering), f"wording rarely seen in claims: {words}")
        )
    # Rounded once, so that ``checkworthy`` always agrees with the figure shown beside it.
    probability = round(_sigmoid(total), 4)
    # Reasons that raised the score first (strongest first), then those that lowered it.
    contributions.sort(key=lambda item: (item[0] < 0, -abs(item[0])))
    states_figure = any(feature.name == "figure" for feature in fired)
    if states_figure and model.figure_floor is not None and probability < model.figure_floor:
        probability = model.figure_floor
        reason = f"states a figure, so its score is raised to {probability:g}"
        contributions.insert(0, (0.0, reason))
    return Score(
        checkworthiness=probability,
        checkworthy=probability >= threshold,
        kind=kind_of(fired),
        reasons=[reason for _, reason in contributions],
    )


def kind_of(fired: list[features.Feature]) -> str:
    categories = {feature.category for feature in fired}
    return next((kind for kind in KINDS if kind in categories), OTHER)


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exponential = math.exp(value)
    return exponential / (1.0 + exponential)
