"""Train the check-worthiness models from the labelled sentences of the CheckThat! 2024 lab.

Pure functions: read the TSV files, turn sentences into features (``extraction/features.py``:
the readable features and the word unigrams and bigrams), fit one logistic regression, validate
it by grouped cross-validation, calibrate it and describe it as the JSON document that ships as
``checkworthiness.json``. ``manage.py train_checkworthiness`` is the thin wrapper around them.

How, and why so:

- The train and dev files are used together. Their sentences come from US presidential debates,
  numbered in debate order (ids 16 to 34,458), so neighbouring ids share a debate, its speakers
  and its topics. Cross-validation therefore holds out blocks of consecutive ids
  (``id // BLOCK``) with GroupKFold: a fold never scores a sentence whose neighbours it trained
  on, which is what the lab's held-out test debates ask of the model.
- Regularisation, the n-gram vocabulary and the threshold are all chosen on the out-of-fold
  scores of that cross-validation, never by fitting to the dev file.
- Calibration: a Platt scaling (``p = sigmoid(a * z + b)``) fitted on the out-of-fold raw scores
  is folded into the shipped weights (``a * w``, ``a * bias + b``), so the shipped model stays
  one linear model and its score is a probability.
- The Chinese model is the same recipe on the readable features alone: their names are shared
  with ``chinese.describe``, so weights learned on English sentences transfer; n-grams cannot,
  and there is no labelled Chinese data to learn Chinese ones from.

Every step is deterministic (sorted vocabularies, fixed folds, lbfgs from zeros, rounded
weights), so the same data always writes the same bytes. The data is research-use only: it is
read from outside the package and only the derived weights are written. scikit-learn is needed
here, for training, and nowhere at run time.
"""

import hashlib
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .extraction import features
from .extraction.scoring import Model, version_of

TRAIN_FILE = "CT24_checkworthy_english_train.tsv"
DEV_FILE = "CT24_checkworthy_english_dev.tsv"
HEADER = ("Sentence_id", "Text", "class_label")
LABELS = {"Yes": True, "No": False}

# Chosen by the grouped cross-validation below (``bench/checkworthiness_eval.py --search``
# prints the grid): see the README's check-worthiness section for the figures.
C = 0.3
ZH_C = 1.0
MIN_NGRAM_COUNT = 3
FOLDS = 5
BLOCK = 1000
# Weights are rounded to this many decimals; n-grams whose weight rounds below
# MIN_NGRAM_WEIGHT are not shipped (they would move no score visibly).
DECIMALS = 4
MIN_NGRAM_WEIGHT = 0.005

# A record's end: a tab, the label, then (when a newline went missing) the next record's id.
_RECORD_END = re.compile(r"\t(Yes|No)(?=\d+\t)")


class DataError(ValueError):
    """A training file that cannot be read as the lab's TSV format."""


@dataclass(frozen=True)
class Row:
    sentence_id: str
    text: str
    label: bool
    weight: float = 1.0


@dataclass(frozen=True)
class Metrics:
    precision: float
    recall: float
    f1: float
    threshold: float
    support: int

    def as_dict(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "threshold": self.threshold,
            "support": self.support,
        }


def read_rows(path: Path) -> list[Row]:
    """Read one of the lab's TSV files; raises DataError on a missing or malformed file."""
    try:
        with open(path, encoding="utf-8", newline="") as file:
            text = file.read()
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror or error}") from error
    except UnicodeDecodeError as error:
        raise DataError(f"{path} is not UTF-8 text") from error
    try:
        return list(parse_rows(text))
    except DataError as error:
        raise DataError(f"{path}: {error}") from error


def parse_rows(text: str) -> Iterator[Row]:
    """Parse the TSV text: header row, then ``id<TAB>text<TAB>Yes|No`` records.

    Handles CRLF or LF line endings, CSV-style quoting of the text (``"..."`` with doubled
    quotes inside) and lines on which a missing newline glued two records together.
    """
    lines = text.splitlines()
    if not lines or tuple(lines[0].lstrip("\ufeff").split("\t")) != HEADER:
        raise DataError(f"expected the header {'<TAB>'.join(HEADER)}")
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        for record in _split_glued_records(line):
            yield _parse_record(record, number)


def _split_glued_records(line: str) -> list[str]:
    records = []
    start = 0
    for match in _RECORD_END.finditer(line):
        records.append(line[start : match.end()])
        start = match.end()
    records.append(line[start:])
    return records


def _parse_record(record: str, line_number: int) -> Row:
    sentence_id, tab, rest = record.partition("\t")
    text, tab2, label = rest.rpartition("\t")
    if not tab or not tab2 or not sentence_id.strip().isdigit():
        raise DataError(f"line {line_number}: expected id<TAB>text<TAB>label")
    if label.strip() not in LABELS:
        raise DataError(f"line {line_number}: label {label.strip()!r} is neither Yes nor No")
    return Row(sentence_id.strip(), _unquote(text), LABELS[label.strip()])


def _unquote(text: str) -> str:
    if len(text) >= 2 and text.startswith('"') and text.endswith('"'):
        return text[1:-1].replace('""', '"')
    return text


def fingerprint(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@dataclass(frozen=True)
class Example:
    """A sentence read once: its readable features and its distinct n-grams."""

    features: dict[str, float]
    grams: frozenset[str]


def read_examples(rows: Iterable[Row]) -> list[Example]:
    examples = []
    for row in rows:
        fired, tokens = features.analyse(row.text)
        values = {feature.name: feature.value for feature in fired}
        examples.append(Example(values, frozenset(features.ngrams(tokens))))
    return examples


def build_vocabulary(
    examples: Iterable[Example],
    *,
    min_count: int = MIN_NGRAM_COUNT,
    max_n: int = 2,
    limit: int | None = None,
) -> list[str]:
    """The n-grams (up to ``max_n`` words) found in at least ``min_count`` sentences; with
    ``limit``, only that many of the most frequent (ties broken alphabetically). Sorted."""
    counts = Counter(
        gram for example in examples for gram in example.grams if gram.count(" ") < max_n
    )
    frequent = [(count, gram) for gram, count in counts.items() if count >= min_count]
    frequent.sort(key=lambda item: (-item[0], item[1]))
    if limit is not None:
        frequent = frequent[:limit]
    return sorted(gram for _, gram in frequent)


def _matrix(examples: Sequence[Example], vocabulary: Sequence[str]):
    from scipy.sparse import csr_matrix

    # Two name spaces: the feature "percent" and the word "percent" are different columns.
    names = len(features.NAMES)
    feature_index = {name: column for column, name in enumerate(features.NAMES)}
    gram_index = {gram: names + column for column, gram in enumerate(vocabulary)}
    data: list[float] = []
    columns: list[int] = []
    pointers = [0]
    for example in examples:
        row = {
            feature_index[name]: value
            for name, value in example.features.items()
            if name in feature_index
        }
        for gram in example.grams:
            column = gram_index.get(gram)
            if column is not None:
                row[column] = 1.0
        for column in sorted(row):
            columns.append(column)
            data.append(row[column])
        pointers.append(len(columns))
    return csr_matrix((data, columns, pointers), shape=(len(examples), names + len(vocabulary)))


@dataclass(frozen=True)
class Fitted:
    """Raw (uncalibrated) logistic regression parameters."""

    bias: float
    weights: dict[str, float]
    ngrams: dict[str, float]

    def logits(self, examples: Sequence[Example]) -> list[float]:
        # fsum, exact whatever the order of a frozenset: retraining writes the same bytes.
        return [
            self.bias
            + math.fsum(self.weights.get(name, 0.0) * v for name, v in example.features.items())
            + math.fsum(self.ngrams.get(gram, 0.0) for gram in example.grams)
            for example in examples
        ]


def _fit(
    examples: Sequence[Example],
    labels: Sequence[bool],
    weights: Sequence[float],
    vocabulary: Sequence[str],
    c: float,
) -> Fitted:
    from sklearn.linear_model import LogisticRegression

    if len(set(labels)) < 2:
        raise DataError("training needs both Yes and No examples")
    regression = LogisticRegression(C=c, solver="lbfgs", max_iter=10000, tol=1e-6)
    regression.fit(_matrix(examples, vocabulary), [int(y) for y in labels], sample_weight=weights)
    coefficients = [float(weight) for weight in regression.coef_[0]]
    names = len(features.NAMES)
    return Fitted(
        bias=float(regression.intercept_[0]),
        weights=dict(zip(features.NAMES, coefficients[:names], strict=True)),
        ngrams=dict(zip(vocabulary, coefficients[names:], strict=True)),
    )


def fit(rows: list[Row], *, c: float = C, vocabulary: list[str] | None = None) -> Model:
    """Fit the logistic regression (``Row.weight`` as sample weight), uncalibrated, with the
    threshold at 0.5; ``vocabulary=[]`` fits the readable features alone. The same rows always
    give the same weights."""
    if not rows or len({row.label for row in rows}) < 2:
        raise DataError("training needs both Yes and No examples")
    examples = read_examples(rows)
    if vocabulary is None:
        vocabulary = build_vocabulary(examples)
    fitted = _fit(examples, [r.label for r in rows], [r.weight for r in rows], vocabulary, c)
    return _model(fitted, 1.0, 0.0, threshold=0.5, language="en")


def _model(fitted: Fitted, a: float, b: float, *, threshold: float, language: str) -> Model:
    """The calibrated model: Platt's ``a`` and ``b`` folded into the weights, rounded."""
    weights = {
        name: rounded
        for name, weight in sorted(fitted.weights.items())
        if (rounded := round(a * weight, DECIMALS)) != 0.0
    }
    ngrams = {
        gram: rounded
        for gram, weight in sorted(fitted.ngrams.items())
        if abs(rounded := round(a * weight, DECIMALS)) >= MIN_NGRAM_WEIGHT
    }
    bias = round(a * fitted.bias + b, DECIMALS)
    return Model(bias, weights, threshold, ngrams=ngrams, language=language)


def group_of(row: Row) -> int:
    """The cross-validation group of a sentence: its block of consecutive ids (one part of a
    debate); a sentence without a numeric id (a desk's own decision) by a stable hash of it."""
    if row.sentence_id.isdigit():
        return int(row.sentence_id) // BLOCK
    return -1 - zlib.crc32(row.sentence_id.encode("utf-8")) % 997


def folds_of(rows: Sequence[Row], folds: int = FOLDS) -> list[int]:
    """The fold of each row: GroupKFold over ``group_of``, deterministic (fewer folds when
    there are fewer groups, as in a small test set)."""
    from sklearn.model_selection import GroupKFold

    assigned = [0] * len(rows)
    groups = [group_of(row) for row in rows]
    if len(set(groups)) < 2:
        raise DataError(f"cross-validation needs sentences from at least two blocks of {BLOCK} ids")
    splitter = GroupKFold(n_splits=min(folds, len(set(groups))))
    for fold, (_, test) in enumerate(splitter.split(rows, groups=groups)):
        for position in test:
            assigned[position] = fold
    return assigned


def out_of_fold_logits(
    rows: Sequence[Row],
    examples: Sequence[Example],
    *,
    c: float,
    ngrams: bool = True,
    min_count: int = MIN_NGRAM_COUNT,
    max_n: int = 2,
    limit: int | None = None,
    folds: Sequence[int] | None = None,
) -> list[float]:
    """Each row's raw score from the model fitted on the other folds (vocabulary included)."""
    folds = folds_of(rows) if folds is None else folds
    logits = [0.0] * len(rows)
    for fold in sorted(set(folds)):
        inside = [i for i, f in enumerate(folds) if f != fold]
        outside = [i for i, f in enumerate(folds) if f == fold]
        train_examples = [examples[i] for i in inside]
        vocabulary = (
            build_vocabulary(train_examples, min_count=min_count, max_n=max_n, limit=limit)
            if ngrams
            else []
        )
        fitted = _fit(
            train_examples,
            [rows[i].label for i in inside],
            [rows[i].weight for i in inside],
            vocabulary,
            c,
        )
        for position, logit in zip(
            outside, fitted.logits([examples[i] for i in outside]), strict=True
        ):
            logits[position] = logit
    return logits


def platt(logits: Sequence[float], labels: Sequence[bool], weights: Sequence[float]):
    """Platt scaling: ``a``, ``b`` such that ``sigmoid(a * logit + b)`` is calibrated."""
    from sklearn.linear_model import LogisticRegression

    regression = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000, tol=1e-10)
    regression.fit([[z] for z in logits], [int(y) for y in labels], sample_weight=weights)
    return float(regression.coef_[0][0]), float(regression.intercept_[0])


def probabilities(logits: Sequence[float], a: float = 1.0, b: float = 0.0) -> list[float]:
    """Scores as ``score()`` gives them: the sigmoid, rounded to 4 places."""
    return [round(_sigmoid(a * z + b), 4) for z in logits]


def choose_threshold(
    scores: Sequence[float], labels: Sequence[bool], weights: Sequence[float] | None = None
) -> Metrics:
    """The threshold with the best F1 of the Yes class (the lowest, on a tie)."""
    if not scores:
        raise DataError("no sentences to choose a threshold on")
    weights = weights or [1.0] * len(scores)
    actual = sum(w for w, y in zip(weights, labels, strict=True) if y)
    by_score: dict[float, list[float]] = {}
    for value, label, weight in zip(scores, labels, weights, strict=True):
        counts = by_score.setdefault(value, [0.0, 0.0])
        counts[0 if label else 1] += weight
    best = None
    true_positive = false_positive = 0.0
    for threshold in sorted(by_score, reverse=True):
        true_positive += by_score[threshold][0]
        false_positive += by_score[threshold][1]
        metrics = _prf(true_positive, false_positive, actual, threshold, sum(labels))
        if best is None or metrics.f1 >= best.f1:
            best = metrics
    assert best is not None
    return best


def metrics_at(
    scores: Sequence[float],
    labels: Sequence[bool],
    threshold: float,
    weights: Sequence[float] | None = None,
) -> Metrics:
    weights = weights or [1.0] * len(scores)
    true_positive = false_positive = actual = 0.0
    for value, label, weight in zip(scores, labels, weights, strict=True):
        actual += weight if label else 0.0
        if value >= threshold:
            if label:
                true_positive += weight
            else:
                false_positive += weight
    return _prf(true_positive, false_positive, actual, threshold, sum(labels))


def _prf(true_positive, false_positive, actual, threshold, support) -> Metrics:
    proposed = true_positive + false_positive
    precision = true_positive / proposed if proposed else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Metrics(precision, recall, f1, threshold, support)


def evaluate(model: Model, rows: list[Row], threshold: float) -> Metrics:
    from .extraction.scoring import score

    scores = [score(row.text, threshold=threshold, model=model).checkworthiness for row in rows]
    return metrics_at(scores, [row.label for row in rows], threshold)


def reliability(scores: Sequence[float], labels: Sequence[bool], bins: int = 10) -> list[dict]:
    """Per tenth of the score range: how many sentences, their mean score, and the share of
    them that were check-worthy. Calibrated scores have the two close."""
    table = []
    for low in range(bins):
        inside = [
            (value, label)
            for value, label in zip(scores, labels, strict=True)
            if low / bins <= value < (low + 1) / bins or (low == bins - 1 and value == 1.0)
        ]
        if inside:
            table.append(
                {
                    "scores": f"{low / bins:.1f}-{(low + 1) / bins:.1f}",
                    "sentences": len(inside),
                    "mean_score": round(sum(v for v, _ in inside) / len(inside), 4),
                    "checkworthy": round(sum(y for _, y in inside) / len(inside), 4),
                }
            )
    return table


@dataclass(frozen=True)
class Validation:
    """Grouped cross-validation of a recipe: pooled and per-fold metrics at its threshold."""

    pooled: Metrics
    folds: list[Metrics]
    calibration: tuple[float, float]
    reliability: list[dict] = field(default_factory=list)

    @property
    def threshold(self) -> float:
        return self.pooled.threshold

    @property
    def f1_mean(self) -> float:
        return sum(fold.f1 for fold in self.folds) / len(self.folds)

    def as_dict(self) -> dict:
        return {
            "method": f"GroupKFold, {len(self.folds)} folds, groups of {BLOCK} consecutive ids",
            "threshold": self.threshold,
            "f1_mean": round(self.f1_mean, 4),
            "pooled": self.pooled.as_dict(),
            "folds": [fold.as_dict() for fold in self.folds],
            "calibration": {
                "method": "Platt scaling of out-of-fold scores, folded into the weights",
                "a": round(self.calibration[0], 6),
                "b": round(self.calibration[1], 6),
            },
            "reliability": self.reliability,
        }


def validate(
    rows: Sequence[Row], logits: Sequence[float], folds: Sequence[int] | None = None
) -> tuple[Validation, list[float]]:
    """Calibrate out-of-fold logits, choose the threshold on them, and measure each fold;
    returns the validation and the calibrated out-of-fold scores."""
    folds = folds_of(rows) if folds is None else folds
    labels = [row.label for row in rows]
    weights = [row.weight for row in rows]
    a, b = platt(logits, labels, weights)
    scores = probabilities(logits, a, b)
    pooled = choose_threshold(scores, labels, weights)
    per_fold = []
    for fold in sorted(set(folds)):
        inside = [i for i, f in enumerate(folds) if f == fold]
        per_fold.append(
            metrics_at(
                [scores[i] for i in inside],
                [labels[i] for i in inside],
                pooled.threshold,
                [weights[i] for i in inside],
            )
        )
    table = reliability(scores, labels)
    return Validation(pooled, per_fold, (a, b), table), scores


@dataclass(frozen=True)
class TrainingResult:
    model: Model
    document: dict
    validation: Validation


def read_data(data_dir: Path) -> tuple[list[Row], dict]:
    """The train and dev files' rows together, and a summary of each file."""
    data_dir = Path(data_dir)
    sources = {}
    rows: list[Row] = []
    for name, file_name in (("train", TRAIN_FILE), ("dev", DEV_FILE)):
        path = data_dir / file_name
        part = read_rows(path)
        sources[name] = _data_summary(path, part)
        rows += part
    return rows, sources


def train(data_dir: Path, *, extra_rows: Sequence[Row] = (), c: float = C) -> TrainingResult:
    """Train the English model on the train and dev files plus ``extra_rows`` (each with its
    weight): readable features and word n-grams, validated and calibrated by grouped
    cross-validation, threshold chosen for F1 of the Yes class on the out-of-fold scores."""
    rows, sources = read_data(data_dir)
    return _train(rows + list(extra_rows), sources, extra_rows, c=c, language="en")


def train_chinese(data_dir: Path, *, c: float = ZH_C) -> TrainingResult:
    """The Chinese model: the same recipe on the readable features alone (see the header)."""
    rows, sources = read_data(data_dir)
    return _train(rows, sources, (), c=c, language="zh")


def _train(
    rows: list[Row], sources: dict, extra_rows: Sequence[Row], *, c: float, language: str
) -> TrainingResult:
    if len({row.label for row in rows}) < 2:
        raise DataError("training needs both Yes and No examples")
    ngrams = language == "en"
    examples = read_examples(rows)
    folds = folds_of(rows)
    logits = out_of_fold_logits(rows, examples, c=c, ngrams=ngrams, folds=folds)
    validation, _ = validate(rows, logits, folds)
    vocabulary = build_vocabulary(examples) if ngrams else []
    fitted = _fit(examples, [r.label for r in rows], [r.weight for r in rows], vocabulary, c)
    a, b = validation.calibration
    model = _model(fitted, a, b, threshold=validation.threshold, language=language)
    document = describe_model(model, sources, extra_rows, validation, c=c)
    model = Model.from_dict(document)
    return TrainingResult(model=model, document=document, validation=validation)


def describe_model(
    model: Model, sources: dict, extra_rows: Sequence[Row], validation: Validation, *, c: float
) -> dict:
    what = (
        "readable features and word unigrams and bigrams"
        if model.ngrams
        else ("readable features only (their names are shared by the English and Chinese features)")
    )
    document = {
        "format": 2,
        "language": model.language,
        "description": (
            f"Calibrated logistic regression over {what}; "
            "reproduce with manage.py train_checkworthiness."
        ),
        "bias": model.bias,
        "threshold": model.threshold,
        "weights": dict(sorted(model.weights.items())),
        "ngrams": dict(sorted(model.ngrams.items())),
        "training": {
            "algorithm": "scikit-learn LogisticRegression (lbfgs, L2), Platt-calibrated",
            "C": c,
            "ngrams": "unigrams and bigrams of lowercase words" if model.ngrams else "none",
            "min_ngram_count": MIN_NGRAM_COUNT if model.ngrams else None,
            "train": sources["train"],
            "dev": sources["dev"],
            "extra": {
                "rows": len(extra_rows),
                "yes": sum(row.label for row in extra_rows),
                "weight": round(sum(row.weight for row in extra_rows), 4),
            },
        },
        "cross_validation": validation.as_dict(),
    }
    document["version"] = version_of(document)
    return document


def write_model(document: dict, path: Path) -> None:
    text = json.dumps(document, indent=1, sort_keys=False, ensure_ascii=False) + "\n"
    Path(path).write_text(text, encoding="utf-8")


def _data_summary(path: Path, rows: list[Row]) -> dict:
    return {
        "file": path.name,
        "sha256": fingerprint(path),
        "rows": len(rows),
        "yes": sum(row.label for row in rows),
    }


def _sigmoid(value: float) -> float:
    if value >= 0:
        return 1.0 / (1.0 + math.exp(-value))
    exponential = math.exp(value)
    return exponential / (1.0 + exponential)
