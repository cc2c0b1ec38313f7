"""Check-worthiness: one logistic regression over readable features and word n-grams.

A sentence's score is ``sigmoid(bias + sum of the weights of what fires)``: the hand-designed
features of ``features.py`` (a figure, a comparison, an opinion marker, ...) and the word
unigrams and bigrams the model knows ("percent of", "million"). The weights ship already
calibrated (training folds a Platt scaling fitted on cross-validated scores into them), so the
score is a probability: of the held-out sentences scored about 0.9, about nine in ten were
check-worthy. There is no rule on top of the weights: a figure is strong evidence through its
weight, not a guarantee, so sentences are ranked by what they say as a whole.

Each score explains itself: the features whose weight moves it most, and the n-grams that
raised or lowered it most, in words a reviewer reads.

The parameters ship beside this package as JSON, one file per language
(``checkworthiness.json`` for English, ``checkworthiness-zh.json`` for Chinese and Japanese),
loaded once; ``manage.py train_checkworthiness`` reproduces both byte for byte. Inference is a
sum of weights and a sigmoid in plain Python: scoring needs nothing beyond the standard library.

The language of the model decides how a sentence is read (``ANALYSERS``): English text through
``features.analyse``; Chinese text through ``chinese.describe``, which returns features with the
same names, so the Chinese model (readable features only, no n-grams) can never see English
n-grams, nor the English model Chinese text.
"""

import hashlib
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from pathlib import Path

from . import features

MODEL_PATH = Path(__file__).resolve().parent.parent / "checkworthiness.json"
ZH_MODEL_PATH = MODEL_PATH.with_name("checkworthiness-zh.json")

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
# N-grams are reported when their weight is at least this strong, at most this many at a time.
MIN_NGRAM_WEIGHT = 0.3
MAX_NGRAMS = 3


@dataclass(frozen=True)
class Score:
    checkworthiness: float
    checkworthy: bool
    kind: str
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Model:
    """Calibrated weights: ``weights`` of the readable features, ``ngrams`` of word n-grams."""

    bias: float
    weights: dict[str, float]
    threshold: float
    ngrams: dict[str, float] = field(default_factory=dict)
    language: str = "en"
    version: str = ""
    # The n-grams strong enough to be named as reasons (derived from ``ngrams``, once), each
    # with what ``_wording`` needs of it: ``(-abs(weight), gram, weight, words of the gram)``.
    strong_ngrams: dict[str, tuple[float, str, float, list[str]]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        strong = {
            gram: (-abs(weight), gram, weight, gram.split())
            for gram, weight in self.ngrams.items()
            if weight >= MIN_NGRAM_WEIGHT or weight <= -MIN_NGRAM_WEIGHT
        }
        object.__setattr__(self, "strong_ngrams", strong)

    @classmethod
    def from_dict(cls, data: dict) -> "Model":
        """The model a weights document describes (as ``training.train()`` writes it)."""
        language = str(data.get("language", "en"))
        if language not in ANALYSERS:
            raise ValueError(f"no features for a model in language {language!r}")
        return cls(
            bias=float(data["bias"]),
            weights={name: float(weight) for name, weight in data["weights"].items()},
            threshold=float(data["threshold"]),
            ngrams={gram: float(weight) for gram, weight in data.get("ngrams", {}).items()},
            language=language,
            version=str(data.get("version") or version_of(data)),
        )


def version_of(document: dict) -> str:
    """A stable name for a weights document: its language and a digest of its content."""
    content = {key: value for key, value in document.items() if key != "version"}
    text = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    return f"{content.get('language', 'en')}-{digest}"


def _chinese(text: str) -> tuple[list[features.Feature], list[str]]:
    # Imported when first needed: the Chinese features live in their own module.
    chinese = import_module(".chinese", __package__)
    return chinese.describe(text), []


# How a model of each language reads a sentence: its readable features and its words.
ANALYSERS: dict[str, Callable[[str], tuple[list[features.Feature], list[str]]]] = {
    "en": features.analyse,
    "zh": _chinese,
}


@cache
def load_model(path: Path = MODEL_PATH) -> Model:
    with open(path, encoding="utf-8") as file:
        return Model.from_dict(json.load(file))


def model_for(language: str) -> Model:
    """The shipped model for an article's language: Chinese (and Japanese, which shares its
    characters and sentence ends) gets the Chinese model, every other language the English one."""
    primary = (language or "").strip().lower().replace("_", "-").split("-")[0]
    return load_model(ZH_MODEL_PATH if primary in ("zh", "ja") else MODEL_PATH)


def default_threshold(model: Model | None = None) -> float:
    """``settings.FACTCHECK_CLAIM_THRESHOLD`` when Django is configured and the setting is not
    None; otherwise the threshold chosen in training and shipped with the (English) weights."""
    tuned = (model or load_model()).threshold
    from django.conf import settings

    if settings.configured or os.environ.get("DJANGO_SETTINGS_MODULE"):
        configured = getattr(settings, "FACTCHECK_CLAIM_THRESHOLD", None)
        if configured is not None:
            return float(configured)
    return tuned


def score(text: str, *, model: Model | None = None, threshold: float | None = None) -> Score:
    """Score one sentence: probability of being check-worthy, its kind and the reasons."""
    if model is None:
        model = load_model()
    if threshold is None:
        threshold = default_threshold(model)
    fired, tokens = ANALYSERS[model.language](text)
    weights = model.weights
    total = model.bias
    contributions: list[tuple[float, str]] = []
    for feature in fired:
        contribution = weights.get(feature.name, 0.0) * feature.value
        total += contribution
        if contribution >= MIN_REASON_WEIGHT or contribution <= -MIN_REASON_WEIGHT:
            contributions.append((contribution, feature.reason))
    if model.ngrams and tokens:
        ngrams = model.ngrams
        # Each n-gram counts once, however often the sentence repeats it (a set intersection);
        # fsum is exact, so the score does not depend on the order the set gives them in.
        matched = ngrams.keys() & features.ngrams(tokens)
        total += math.fsum(map(ngrams.__getitem__, matched))
        strong_ngrams = model.strong_ngrams
        strong = [strong_ngrams[gram] for gram in strong_ngrams.keys() & matched]
        if strong:
            contributions += _wording(strong)
    # Rounded once, so that ``checkworthy`` always agrees with the figure shown beside it.
    probability = round(_sigmoid(total), 4)
    # Reasons that raised the score first (strongest first), then those that lowered it.
    contributions.sort(key=lambda item: (item[0] < 0, -abs(item[0])))
    return Score(
        checkworthiness=probability,
        checkworthy=probability >= threshold,
        kind=kind_of(fired),
        reasons=[reason for _, reason in contributions],
    )


def _wording(strong: list[tuple[float, str, float, list[str]]]) -> list[tuple[float, str]]:
    """The n-grams that moved the score most, as at most two reasons: raising and lowering.

    ``strong`` holds ``(-abs(weight), gram, weight, words)`` (``Model.strong_ngrams``), so
    sorting it puts the strongest first (ties in alphabetical order, whatever order the n-grams
    were found in).
    """
    found = []
    strong.sort()
    for raising, label in (
        (True, "wording typical of claims"),
        (False, "wording rarely seen in claims"),
    ):
        shown: list[str] = []
        # "percent of" already says "percent": a word is not named twice, alone and in a
        # phrase (two phrases sharing a word are both named).
        words_of_phrases: set[str] = set()
        words_alone: set[str] = set()
        weight = 0.0
        for _, gram, value, words in strong:
            if (value > 0) is not raising:
                continue
            if len(words) == 1:
                if gram in words_of_phrases:
                    continue
                words_alone.add(gram)
            elif words_alone.isdisjoint(words):
                words_of_phrases.update(words)
            else:
                continue
            shown.append(gram)
            weight += value
            if len(shown) == MAX_NGRAMS:
                break
        if shown:
            found.append((weight, f"{label}: '" + "', '".join(shown) + "'"))
    return found


def kind_of(fired: list[features.Feature]) -> str:
    categories = {feature.category for feature in fired}
    for kind in KINDS:
        if kind in categories:
            return kind
    return OTHER


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exponential = math.exp(value)
    return exponential / (1.0 + exponential)
