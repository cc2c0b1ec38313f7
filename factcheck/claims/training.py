"""Train the check-worthiness model from the labelled sentences of the CheckThat! 2024 lab.

Pure functions: read the TSV files, turn sentences into the features of
``extraction/features.py``, fit a logistic regression, tune the threshold on the dev file for F1
of the check-worthy class and describe the result as the JSON document that ships as
``checkworthiness.json``. ``manage.py train_checkworthiness`` is the thin wrapper around them.

The data is research-use only: it is read from outside the package and only the derived weights
are written. scikit-learn is needed here, for training, and nowhere at run time.
"""

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .extraction import features
from .extraction.scoring import Model, score

TRAIN_FILE = "CT24_checkworthy_english_train.tsv"
DEV_FILE = "CT24_checkworthy_english_dev.tsv"
HEADER = ("Sentence_id", "Text", "class_label")
LABELS = {"Yes": True, "No": False}

# Regularisation strength and vocabulary size, chosen by 5-fold cross-validation on the train file
# (average precision 0.735 for C=0.3 against 0.731 for C=0.1 and 0.725 for C=1; 0.728 with a
# vocabulary of 1,500 words seen at least 15 times). The dev file only tunes the threshold.
C = 0.3
MIN_WORD_COUNT = 5
MAX_WORDS = 5000

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


def build_vocabulary(
    texts: Iterable[str], *, min_count: int = MIN_WORD_COUNT, limit: int = MAX_WORDS
) -> list[str]:
    """The most frequent words (by number of sentences), ties broken alphabetically."""
    counts = Counter(word for text in texts for word in features.words(text))
    frequent = [(count, word) for word, count in counts.items() if count >= min_count]
    frequent.sort(key=lambda item: (-item[0], item[1]))
    return sorted(word for _, word in frequent[:limit])


def feature_names(vocabulary: Iterable[str]) -> list[str]:
    return [*features.NAMES, *(f"word:{word}" for word in vocabulary)]


def vectorize(text: str, index: dict[str, int]) -> dict[int, float]:
    """The non-zero features of ``text`` as {column: value}, restricted to ``index``."""
    row = {}
    for feature in features.describe(text):
        if feature.name in index:
            row[index[feature.name]] = feature.value
    for word in features.words(text):
        column = index.get(f"word:{word}")
        if column is not None:
            row[column] = 1.0
    return row


def fit(rows: list[Row], *, c: float = C, vocabulary: list[str] | None = None) -> Model:
    """Fit the logistic regression; the same rows always give the same weights."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    if not rows or len({row.label for row in rows}) < 2:
        raise DataError("training needs both Yes and No examples")
    if vocabulary is None:
        vocabulary = build_vocabulary(row.text for row in rows)
    names = feature_names(vocabulary)
    index = {name: column for column, name in enumerate(names)}
    data, columns, pointers = [], [], [0]
    for row in rows:
        vector = vectorize(row.text, index)
        columns.extend(sorted(vector))
        data.extend(vector[column] for column in sorted(vector))
        pointers.append(len(columns))
    matrix = csr_matrix((data, columns, pointers), shape=(len(rows), len(names)))
    labels = [int(row.label) for row in rows]
    regression = LogisticRegression(C=c, solver="lbfgs", max_iter=5000, tol=1e-8)
    regression.fit(matrix, labels, sample_weight=[row.weight for row in rows])
    weights = {
        name: round(float(weight), 6)
        for name, weight in zip(names, regression.coef_[0], strict=True)
        if round(float(weight), 6) != 0.0
    }
    return Model(bias=round(float(regression.intercept_[0]), 6), weights=weights, threshold=0.5)


def evaluate(model: Model, rows: list[Row], threshold: float) -> Metrics:
    scores = [score(row.text, threshold=threshold, model=model).checkworthiness for row in rows]
    return _metrics(scores, [row.label for row in rows], threshold)


def tune_threshold(model: Model, rows: list[Row], *, figure_rule: bool = True) -> Metrics:
    """The threshold with the best F1 of the Yes class on ``rows`` (the lowest, on a tie).

    With ``figure_rule`` the threshold is also the figure floor (see ``scoring.py``), so each
    candidate is judged as it will be used: sentences stating a figure count as proposed.
    """
    plain = Model(bias=model.bias, weights=model.weights, threshold=model.threshold)
    scores = [score(row.text, threshold=1.0, model=plain).checkworthiness for row in rows]
    figures = [figure_rule and _states_figure(row.text) for row in rows]
    labels = [row.label for row in rows]
    best = None
    for threshold in sorted(set(scores)):
        floored = [
            max(value, threshold) if figure else value
            for value, figure in zip(scores, figures, strict=True)
        ]
        metrics = _metrics(floored, labels, threshold)
        if best is None or metrics.f1 > best.f1:
            best = metrics
    if best is None:
        raise DataError("the dev file has no rows")
    return best


def _states_figure(text: str) -> bool:
    return any(feature.name == "figure" for feature in features.describe(text))


def _metrics(scores: list[float], labels: list[bool], threshold: float) -> Metrics:
    predicted = [value >= threshold for value in scores]
    true_positive = sum(p and y for p, y in zip(predicted, labels, strict=True))
    proposed = sum(predicted)
    actual = sum(labels)
    precision = true_positive / proposed if proposed else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Metrics(precision, recall, f1, threshold, actual)


@dataclass(frozen=True)
class TrainingResult:
    model: Model
    dev: Metrics
    document: dict


def train(data_dir: Path, *, c: float = C, extra_rows: Iterable[Row] = ()) -> TrainingResult:
    """Train on the train file (plus ``extra_rows``: the desk's labels), tune the threshold on
    the dev file, describe the result."""
    data_dir = Path(data_dir)
    train_path, dev_path = data_dir / TRAIN_FILE, data_dir / DEV_FILE
    train_rows = read_rows(train_path)
    dev_rows = read_rows(dev_path)
    fitted = fit([*train_rows, *extra_rows], c=c)
    without_rule = tune_threshold(fitted, dev_rows, figure_rule=False)
    dev = tune_threshold(fitted, dev_rows)
    model = Model(
        bias=fitted.bias,
        weights=fitted.weights,
        threshold=dev.threshold,
        figure_floor=dev.threshold,
    )
    document = {
        "format": 1,
        "description": (
            "Logistic regression over hand-designed sentence features and a limited vocabulary; "
            "reproduce with manage.py train_checkworthiness."
        ),
        "bias": model.bias,
        "threshold": model.threshold,
        "figure_floor": model.figure_floor,
        "weights": dict(sorted(model.weights.items())),
        "feature_names": sorted(model.weights),
        "training": {
            "algorithm": "scikit-learn LogisticRegression (lbfgs, L2)",
            "C": c,
            "min_word_count": MIN_WORD_COUNT,
            "max_words": MAX_WORDS,
            "train": _data_summary(train_path, train_rows),
            "dev": _data_summary(dev_path, dev_rows),
        },
        "dev_metrics": dev.as_dict(),
        "dev_metrics_without_figure_rule": without_rule.as_dict(),
    }
    return TrainingResult(model=model, dev=dev, document=document)


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
