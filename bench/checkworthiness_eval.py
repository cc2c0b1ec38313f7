"""How well the check-worthiness model finds and ranks check-worthy claims, and how fast.

Run from the project root: ``.venv/bin/python bench/checkworthiness_eval.py [--data DIR]
[--search] [--quick]`` (``DIR`` defaults to ../shared/data/checkworthiness beside the project).
Prints:

1. grouped cross-validation on the train and dev files together (blocks of 1,000 consecutive
   ids, GroupKFold, 5 folds: see ``factcheck/claims/training.py``): F1 of the Yes class (mean
   and per fold), precision and recall, at the threshold chosen on the out-of-fold scores, for
   the shipped recipe and, under the same folds, the old model's recipe (readable features and
   5,000 words, with and without its "figure floor") and the readable features alone (the
   Chinese model's recipe); then the calibration table of the shipped recipe;
2. whether ``train_checkworthiness`` reproduces the shipped files byte for byte (skipped with
   ``--quick``);
3. the article texts in tests/fixtures/articles and the seed article: the share of sentences
   at or above the threshold, the spread of the scores and how many reach 0.9;
4. the seed article against the hand labels in ``SEED_LABELS``: which figure statements are
   proposed, and where they rank;
5. Chinese: if tests/fixtures/checkworthiness_zh.tsv exists (id<TAB>text<TAB>Yes|No), F1 and
   ranking quality of the Chinese model on it;
6. speed: microseconds of CPU per ``score()`` on the seed article's sentences (best of 5
   runs), and how much of it is the figure detection of ``figures.scan()``.

``--search`` adds the grid of C and n-gram settings the shipped constants were chosen from
(slow: a cross-validation per setting). Accuracy is printed, not asserted: the tests keep only
sanity floors.
"""

import argparse
import json
import os
import statistics
import time
from pathlib import Path

from bootstrap import ROOT

from factcheck.articles.ingest import read
from factcheck.claims import training
from factcheck.claims.extraction import features, model_for, score, segment
from factcheck.claims.extraction.figures import scan
from factcheck.claims.extraction.scoring import MODEL_PATH, ZH_MODEL_PATH
from tests.claims.seed import FIGURE_PHRASES

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "checkworthiness"
SEED = ROOT / "factcheck" / "articles" / "data" / "seed-article.txt"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
CHINESE_LABELS = ROOT / "tests" / "fixtures" / "checkworthiness_zh.tsv"

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


def validation_lines(name: str, validation: training.Validation) -> None:
    pooled = validation.pooled
    folds = " ".join(f"{fold.f1:.3f}" for fold in validation.folds)
    print(
        f"{name:46} {validation.f1_mean:>7.3f} {pooled.precision:>6.3f} {pooled.recall:>6.3f}"
        f" {validation.threshold:>7.4f}  {folds}"
    )


def cross_validation(rows, examples, folds) -> None:
    print(f"train + dev: {len(rows):,} sentences ({sum(r.label for r in rows):,} Yes), ", end="")
    print(f"{len({training.group_of(r) for r in rows})} blocks of {training.BLOCK} ids")
    print(f"\n{'grouped 5-fold CV, Yes class':46} {'F1 mean':>7} {'P':>6} {'R':>6} {'thresh':>7}")
    print(f"{'':46} {'':>7} {'':>6} {'':>6} {'':>7}  F1 per fold")
    labels = [row.label for row in rows]
    started = time.perf_counter()
    logits = training.out_of_fold_logits(rows, examples, c=training.C, folds=folds)
    shipped, scores = training.validate(rows, logits, folds)
    seconds = time.perf_counter() - started
    validation_lines(
        f"shipped recipe (C={training.C:g}, 1-2-grams >= {training.MIN_NGRAM_COUNT})", shipped
    )
    logits = training.out_of_fold_logits(rows, examples, c=training.ZH_C, ngrams=False, folds=folds)
    validation_lines(
        "readable features only (the Chinese recipe)", training.validate(rows, logits, folds)[0]
    )
    old_logits = training.out_of_fold_logits(
        rows, examples, c=0.3, max_n=1, min_count=5, limit=5000, folds=folds
    )
    old, old_scores = training.validate(rows, old_logits, folds)
    validation_lines("old recipe (features + 5,000 words, C=0.3)", old)
    # The old model lifted every sentence with a figure to its threshold.
    has_figure = ["figure" in example.features for example in examples]
    floored = [
        max(value, old.threshold) if figure else value
        for value, figure in zip(old_scores, has_figure, strict=True)
    ]
    with_floor = training.choose_threshold(floored, labels)
    folded = [
        training.metrics_at(
            [floored[i] for i, f in enumerate(folds) if f == fold],
            [labels[i] for i, f in enumerate(folds) if f == fold],
            with_floor.threshold,
        )
        for fold in sorted(set(folds))
    ]
    validation_lines(
        "old recipe with its figure floor",
        training.Validation(with_floor, folded, old.calibration),
    )
    print(f"(shipped recipe's cross-validation took {seconds:.0f} s)")

    print("\ncalibration of the shipped recipe (out-of-fold scores, Platt-calibrated):")
    print(f"{'scores':>9} {'sentences':>9} {'mean score':>10} {'check-worthy':>12}")
    for row in shipped.reliability:
        print(
            f"{row['scores']:>9} {row['sentences']:>9} {row['mean_score']:>10.3f}"
            f" {row['checkworthy']:>12.3f}"
        )
    at_09 = [label for value, label in zip(scores, labels, strict=True) if value >= 0.9]
    if at_09:
        print(f"scored >= 0.9: {len(at_09)} sentences, {sum(at_09) / len(at_09):.1%} check-worthy")


def search(rows, examples, folds) -> None:
    print(f"\n{'search: C, n-grams, min count':46} {'F1 mean':>7} {'P':>6} {'R':>6} {'thresh':>7}")
    for c in (0.1, 0.3, 1.0):
        for max_n, min_count in ((1, 3), (2, 2), (2, 3), (2, 5)):
            logits = training.out_of_fold_logits(
                rows, examples, c=c, max_n=max_n, min_count=min_count, folds=folds
            )
            validation = training.validate(rows, logits, folds)[0]
            validation_lines(f"C={c:g} 1-{max_n}-grams >= {min_count}", validation)


def reproduction(data: Path) -> None:
    started = time.perf_counter()
    for result, path in (
        (training.train(data), MODEL_PATH),
        (training.train_chinese(data), ZH_MODEL_PATH),
    ):
        fresh = json.dumps(result.document, indent=1, ensure_ascii=False) + "\n"
        shipped = path.read_text(encoding="utf-8")
        verdict = "identical, byte for byte" if fresh == shipped else "DIFFERENT"
        size = path.stat().st_size
        print(
            f"retrained {path.name}: {verdict} ({result.model.version}, {size / 1e6:.2f} MB, "
            f"{len(result.model.weights)} features, {len(result.model.ngrams):,} n-grams)"
        )
    print(f"(both trained in {time.perf_counter() - started:.0f} s)")


def article_texts() -> dict[str, str]:
    texts = {"seed-article.txt (body)": seed_body()}
    for path in sorted(ARTICLES.iterdir()):
        if path.name.startswith("zh-"):
            continue
        texts[path.name] = "\n\n".join(read(path.read_bytes(), filename=path.name).paragraphs)
    return texts


def budget():
    """The proposal budget as configured (claims.budget), read from the project's settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    os.environ.setdefault("DJANGO_DEBUG", "true")
    from factcheck.claims.budget import Budget

    return Budget.from_settings()


def proposed_by_budget(results) -> set[int]:
    """The positions the proposal budget proposes among an article's scored sentences."""
    from factcheck.claims.budget import allocate

    values = [result.checkworthiness for result in results]
    statistics_ = [result.kind == "statistic" for result in results]
    return set(allocate(values, budget(), statistics=statistics_).proposed)


def articles() -> None:
    model = model_for("en")
    rule = budget()
    print(
        f"\narticles under the proposal budget (high {rule.high:g}, share {rule.share:g}, "
        f"min score {rule.min_score:g}, statistics from {rule.figure_min:g}); "
        f"for comparison, the share at the shipped threshold {model.threshold:g}:"
    )
    print(
        f"{'article':28} {'sentences':>9} {'proposed':>8} {'rate':>6} {'thresh.':>7} {'>=0.9':>5}"
        f"   score quantiles 10/25/50/75/90 %"
    )
    rates = []
    for name, body in article_texts().items():
        results = [score(s.text, model=model) for s in segment(body)]
        values = [result.checkworthiness for result in results]
        proposed = len(proposed_by_budget(results))
        above = sum(value >= model.threshold for value in values)
        rates.append(proposed / len(values))
        deciles = (
            statistics.quantiles(values, n=20, method="inclusive")
            if len(values) > 1
            else values * 19
        )
        quantiles = " ".join(f"{deciles[i]:.2f}" for i in (1, 4, 9, 14, 17))
        print(
            f"{name[:28]:28} {len(values):>9} {proposed:>8} {proposed / len(values):>6.0%}"
            f" {above / len(values):>7.0%} {sum(value >= 0.9 for value in values):>5}"
            f"   {quantiles}"
        )
    print(f"median proposal rate under the budget: {statistics.median(rates):.0%}")


def seed() -> None:
    model = model_for("en")
    sentences = [sentence.text for sentence in segment(seed_body())]
    labels = []
    for text in sentences:
        matches = [label for start, label in SEED_LABELS if text.startswith(start)]
        if len(matches) != 1:
            raise SystemExit(f"no single hand label for seed sentence {text[:60]!r}")
        labels.append(matches[0])
    results = [score(text, model=model) for text in sentences]
    values = [result.checkworthiness for result in results]
    ranks = {
        i: rank for rank, i in enumerate(sorted(range(len(values)), key=lambda i: -values[i]), 1)
    }
    chosen = proposed_by_budget(results)
    proposed = [i in chosen for i in range(len(results))]
    hits = sum(p and y for p, y in zip(proposed, labels, strict=True))
    precision, recall = hits / max(1, sum(proposed)), hits / max(1, sum(labels))
    f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
    print(
        f"\nseed article: {len(sentences)} body sentences, {sum(labels)} judged check-worthy, "
        f"{len(chosen)} proposed by the budget; against the hand labels "
        f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}"
    )
    print("figure statements (rank among the seed's sentences, score, proposed?):")
    for phrase in FIGURE_PHRASES:
        i = next(i for i, text in enumerate(sentences) if phrase in text)
        mark = "yes" if proposed[i] else "NO"
        print(f"  {ranks[i]:>3} {values[i]:.3f} {mark:3} {phrase}")
    print("sentences the hand labels disagree with:")
    for label, result, text, chosen_ in zip(labels, results, sentences, proposed, strict=True):
        if label != chosen_:
            error = "missed (judged Yes)" if label else "proposed (judged No)"
            print(f"  {error:21} {result.checkworthiness:.3f}  {text[:80]}")


def chinese() -> None:
    if not CHINESE_LABELS.exists():
        print(f"\nChinese: no {CHINESE_LABELS.relative_to(ROOT)}, nothing to measure")
        return
    rows = training.read_rows(CHINESE_LABELS) if _has_header() else _headerless()
    model = model_for("zh")
    try:
        values = [score(row.text, model=model).checkworthiness for row in rows]
    except ImportError as error:
        print(f"\nChinese: cannot score ({error})")
        return
    labels = [row.label for row in rows]
    metrics = training.metrics_at(values, labels, model.threshold)
    best = training.choose_threshold(values, labels)
    print(
        f"\nChinese ({len(rows)} labelled sentences, {sum(labels)} Yes), model {model.version}: "
        f"at the shipped threshold P {metrics.precision:.3f} R {metrics.recall:.3f} "
        f"F1 {metrics.f1:.3f}; best threshold on this set {best.threshold:g} (F1 {best.f1:.3f}); "
        f"average precision {average_precision(values, labels):.3f} "
        f"(share of Yes: {sum(labels) / len(labels):.3f})"
    )


def _has_header() -> bool:
    first = CHINESE_LABELS.read_text(encoding="utf-8").split("\n", 1)[0]
    return tuple(first.lstrip("\ufeff").split("\t")) == training.HEADER


def _headerless() -> list[training.Row]:
    text = CHINESE_LABELS.read_text(encoding="utf-8")
    return list(training.parse_rows("\t".join(training.HEADER) + "\n" + text))


def average_precision(values: list[float], labels: list[bool]) -> float:
    """Mean precision at each check-worthy sentence, ranking by score (ranking quality)."""
    ranked = sorted(zip(values, labels, strict=True), key=lambda item: -item[0])
    found = 0
    total = 0.0
    for position, (_, label) in enumerate(ranked, 1):
        if label:
            found += 1
            total += found / position
    return total / found if found else 0.0


def speed() -> None:
    model = model_for("en")
    sentences = [sentence.text for sentence in segment(seed_body())]
    calls = sentences * 100
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for text in calls:
            score(text, model=model, threshold=0.5)
        best = min(best, time.process_time() - started)
    words = sum(len(text.split()) for text in sentences) / len(sentences)
    print(
        f"\nspeed (CPU time of this process, so other programs on the machine do not inflate it): "
        f"score() {best / len(calls) * 1e6:.1f} µs per sentence (best of 5 runs of "
        f"{len(calls):,} calls on the seed's {len(sentences)} sentences, {words:.0f} words each); "
        f"features.analyse() alone {analyse_time(calls):.1f} µs, of which figures.scan() "
        f"{scan_time(calls):.1f} µs"
    )


def analyse_time(calls: list[str]) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for text in calls:
            features.analyse(text)
        best = min(best, time.process_time() - started)
    return best / len(calls) * 1e6


def scan_time(calls: list[str]) -> float:
    prepared = []
    for text in calls:
        low = text.lower()
        prepared.append((low, set(features.WORD.findall(low)), any(c.isdigit() for c in text)))
    best = float("inf")
    for _ in range(5):
        started = time.process_time()
        for low, words, digit in prepared:
            scan(low, words, digit)
        best = min(best, time.process_time() - started)
    return best / len(calls) * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the data directory")
    parser.add_argument("--search", action="store_true", help="also print the settings grid")
    parser.add_argument("--quick", action="store_true", help="skip the retraining check")
    arguments = parser.parse_args()
    try:
        rows, _ = training.read_data(arguments.data)
    except training.DataError as error:
        raise SystemExit(f"cannot evaluate: {error}") from error
    examples = training.read_examples(rows)
    folds = training.folds_of(rows)
    cross_validation(rows, examples, folds)
    if arguments.search:
        search(rows, examples, folds)
    if not arguments.quick:
        reproduction(arguments.data)
    articles()
    seed()
    chinese()
    speed()


if __name__ == "__main__":
    main()
