"""How well the check-worthiness model finds check-worthy claims, beside published numbers.

Run from the project root: ``.venv/bin/python bench/checkworthiness_eval.py [--data DIR]``
(``DIR`` defaults to ../shared/data/checkworthiness beside the project). Prints:

1. the dev file: precision, recall and F1 of the check-worthy ("Yes") class for the weights that
   ship with the package and for weights trained afresh here, on the train file only, with
   ``factcheck.claims.training`` (the code ``manage.py train_checkworthiness`` runs). The two must
   be identical. The decision threshold is tuned on the dev file, as for the shipped model, so
   the dev F1 is slightly optimistic; the line "threshold 0.5" shows the same weights with a
   threshold (and figure floor) that saw no dev data.
2. the published reference points quoted by the data's README (other splits, so only a rough
   comparison);
3. the seed article: the same measures against the hand-judged labels in ``SEED_LABELS``, and
   the sentences the model gets wrong.

Accuracy is printed, not asserted: the tests keep only sanity floors.
"""

import argparse
import time
from pathlib import Path

from bootstrap import ROOT

from factcheck.claims import training
from factcheck.claims.extraction import Model, load_model, score, segment
from factcheck.claims.extraction.scoring import MODEL_PATH

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "checkworthiness"
SEED = ROOT / "factcheck" / "articles" / "data" / "seed-article.txt"

# Published F1 of the Yes class, as the data's README quotes them: (what, split, F1).
REFERENCES = [
    ("CheckThat! 2024 n-gram baseline", "2024 dev-test", 0.599),
    ("random baseline", "2024 dev-test", 0.462),
    ("RoBERTa-based entry (12th of 27)", "2024 test", 0.711),
    ("2023 runner-up", "2023 test = 2024 dev-test", 0.878),
]

# Every sentence of the seed article's body, judged by hand: is it a factual claim worth a
# fact-checker's time (a figure, a verifiable event, policy or record), or not (opinion, slogan,
# vague praise)? Each is told by the start of its text.
SEED_LABELS = [
    ("The Communist Party of China and the Chinese government have included", False),
    ("In today's China, the lack of food, clothing and medical services", True),
    ("Since the beginning of the reform and opening up drive more than 40", True),
    ("Some 770 million rural Chinese have been lifted out of poverty", True),
    ("The average life expectancy has risen to 78.2 years.", True),
    ("Under the leadership of the CPC, the fate of countless people", False),
    ("A new chapter has been written in the history of China's human rights", False),
    ("China deems the rights to subsistence and development", False),
    ("The CPC is an active promoter and staunch defender", False),
    ("The country has formulated and implemented national human rights action plans", True),
    ("It made step-by-step achievements of raising the living standards", False),
    ("The country has embarked on a journey of pursuing a higher goal", True),
    ("Mass poverty on an enormous scale was once the biggest obstacle", False),
    ("Before the launch of reform and opening up, nearly 800 million people", True),
    ("By 2012, there were still 98.99 million people living in poverty", True),
    ('China made a nationwide effort to promote "targeted poverty alleviation,"', True),
    ("By the end of 2020, after more than 30 years of fighting poverty", True),
    ("The country met the poverty eradication target of the 2030 Agenda", True),
    ("With the highest number of people lifted out of poverty", True),
    ("Also, every kind of human rights is interrelated", False),
    ("By safeguarding people's rights to subsistence and development", False),
    ("Although China has finished building a moderately prosperous society", True),
    ("In the pursuit of fairer and more comprehensive protection", False),
    ("While advancing its human rights cause at home", False),
    ('The vision of "a community of shared future for mankind"', True),
    ("A series of propositions put forth by China", False),
    ("China also facilitated the formulation of a number of important documents", True),
    ("The country has continuously offered the world Chinese wisdom", False),
]


def seed_body() -> str:
    """The seed article's body: the paragraphs between the byline and the editor line,
    without the repeated title lines."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    title = lines[0]
    start = next(i for i, line in enumerate(lines) if line.rstrip().endswith("By:")) + 1
    end = next(i for i, line in enumerate(lines) if line.startswith("Editor:"))
    paragraphs = [line.strip() for line in lines[start:end] if line.strip()]
    return "\n\n".join(p for p in paragraphs if p != title)


def metrics_line(name: str, metrics: training.Metrics) -> str:
    return (
        f"{name:44} {metrics.precision:>9.3f} {metrics.recall:>7.3f} {metrics.f1:>6.3f}"
        f" {metrics.threshold:>9.4f}"
    )


def prf(predicted: list[bool], labels: list[bool], threshold: float) -> training.Metrics:
    """Precision, recall and F1 of the Yes class."""
    hits = sum(p and y for p, y in zip(predicted, labels, strict=True))
    precision = hits / sum(predicted) if any(predicted) else 0.0
    recall = hits / sum(labels) if any(labels) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return training.Metrics(precision, recall, f1, threshold, sum(labels))


def same_model(first: Model, second: Model) -> tuple[bool, float]:
    """Whether two models are the same, and the largest difference between their weights."""
    names = set(first.weights) | set(second.weights)
    largest = max(
        [abs(first.weights.get(n, 0.0) - second.weights.get(n, 0.0)) for n in names]
        + [abs(first.bias - second.bias)]
    )
    identical = (
        first.bias == second.bias
        and first.weights == second.weights
        and first.threshold == second.threshold
        and first.figure_floor == second.figure_floor
    )
    return identical, largest


def evaluate_dev(data: Path) -> Model:
    train_rows = training.read_rows(data / training.TRAIN_FILE)
    dev_rows = training.read_rows(data / training.DEV_FILE)
    yes = sum(row.label for row in dev_rows)
    print(f"train: {len(train_rows):,} sentences ({sum(r.label for r in train_rows):,} Yes)")
    print(f"dev:   {len(dev_rows):,} sentences ({yes:,} Yes)\n")

    started = time.perf_counter()
    fitted = training.fit(train_rows)
    tuned = training.tune_threshold(fitted, dev_rows)
    fresh = Model(fitted.bias, fitted.weights, tuned.threshold, figure_floor=tuned.threshold)
    print(f"trained afresh on the train file in {time.perf_counter() - started:.1f} s")
    shipped = load_model(MODEL_PATH)
    identical, largest = same_model(shipped, fresh)
    verdict = "identical" if identical else f"DIFFERENT (largest weight difference {largest:g})"
    print(f"fresh weights vs shipped {MODEL_PATH.name}: {verdict}\n")

    print(f"{'dev file, Yes class':44} {'precision':>9} {'recall':>7} {'F1':>6} {'threshold':>9}")
    for name, model in (("shipped weights", shipped), ("fresh weights (train file only)", fresh)):
        print(metrics_line(name, training.evaluate(model, dev_rows, model.threshold)))
    plain = Model(shipped.bias, shipped.weights, shipped.threshold)
    print(
        metrics_line(
            "shipped, without the figure rule", training.evaluate(plain, dev_rows, plain.threshold)
        )
    )
    untuned = Model(shipped.bias, shipped.weights, 0.5, figure_floor=0.5)
    name = "shipped, threshold 0.5 (no dev tuning)"
    print(metrics_line(name, training.evaluate(untuned, dev_rows, 0.5)))
    everything = training.evaluate(Model(10.0, {}, 0.5), dev_rows, 0.5)
    print(metrics_line("everything proposed (trivial baseline)", everything))

    print(f"\n{'published reference (README)':44} {'split':>26} {'F1':>6}")
    for name, split, f1 in REFERENCES:
        print(f"{name:44} {split:>26} {f1:>6.3f}")
    return shipped


def evaluate_seed(model: Model) -> None:
    sentences = [sentence.text for sentence in segment(seed_body())]
    labels = []
    for text in sentences:
        matches = [label for start, label in SEED_LABELS if text.startswith(start)]
        if len(matches) != 1:
            raise SystemExit(f"no single hand label for seed sentence {text[:60]!r}")
        labels.append(matches[0])
    if len(labels) != len(SEED_LABELS):
        raise SystemExit(f"{len(SEED_LABELS)} hand labels for {len(sentences)} seed sentences")
    results = [score(text, threshold=model.threshold, model=model) for text in sentences]
    metrics = prf([result.checkworthy for result in results], labels, model.threshold)
    print(
        f"\nseed article: {len(sentences)} body sentences, {sum(labels)} judged check-worthy, "
        f"{sum(r.checkworthy for r in results)} proposed at the shipped threshold"
    )
    print(
        f"{'seed article, Yes class':44} {'precision':>9} {'recall':>7} {'F1':>6} {'threshold':>9}"
    )
    print(metrics_line("shipped weights vs hand labels", metrics))
    wrong = [
        (label, result, text)
        for label, result, text in zip(labels, results, sentences, strict=True)
        if label != result.checkworthy
    ]
    print(f"misclassified seed sentences: {len(wrong)}")
    for label, result, text in wrong:
        error = "missed (judged Yes)" if label else "proposed (judged No)"
        print(f"  {error:21} {result.checkworthiness:.3f}  {text[:90]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data directory")
    data = parser.parse_args().data
    try:
        model = evaluate_dev(data)
    except training.DataError as error:
        raise SystemExit(f"cannot evaluate: {error}") from error
    evaluate_seed(model)


if __name__ == "__main__":
    main()
