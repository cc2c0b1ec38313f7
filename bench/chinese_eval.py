"""How well English-trained weights rank Chinese sentences through the shared readable features.

Run from the project root: ``.venv/bin/python bench/chinese_eval.py``. The model is the shipped
one restricted to the readable features (``features.NAMES``: figure, attribution, opinion, ...),
the only ones a Chinese sentence can fire, scored on ``chinese.describe()``. Prints:

1. the hand-labelled set ``tests/fixtures/checkworthiness_zh.tsv`` (see its README): F1 of the
   "Yes" class at the model's own threshold and at the best threshold (which saw the labels, so
   it is optimistic), average precision, and the same for each article;
2. the Chinese articles in ``tests/fixtures/articles``: their sentences ranked by score, so a
   reader sees at a glance whether the statements of fact come first;
3. speed: microseconds per ``describe()`` call on the labelled sentences, with and without the
   ``parse_figures()`` step.
"""

import time

from bootstrap import ROOT

from factcheck.claims.extraction import Model, chinese, model_for, score, segment

LABELLED = ROOT / "tests" / "fixtures" / "checkworthiness_zh.tsv"
ARTICLES = [
    ROOT / "tests" / "fixtures" / "articles" / "zh-poverty.txt",
    ROOT / "tests" / "fixtures" / "articles" / "zh-health.txt",
]


def transfer_model() -> Model:
    """The shipped Chinese model: readable features only, trained on the English data."""
    return model_for("zh")


def probability(model: Model, text: str) -> float:
    return score(text, model=model).checkworthiness


def read_labelled() -> list[tuple[int, str, bool]]:
    lines = LABELLED.read_text(encoding="utf-8").splitlines()
    rows = []
    for line in lines[1:]:
        sentence_id, text, label = line.split("\t")
        rows.append((int(sentence_id), text, label == "Yes"))
    return rows


def f1_at(scores: list[float], labels: list[bool], threshold: float) -> tuple[float, float, float]:
    true_positives = sum(1 for s, y in zip(scores, labels, strict=True) if s >= threshold and y)
    predicted = sum(1 for s in scores if s >= threshold)
    actual = sum(labels)
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def best_f1(scores: list[float], labels: list[bool]) -> tuple[float, float]:
    """The best F1 over every threshold, and that threshold."""
    return max((f1_at(scores, labels, threshold)[2], threshold) for threshold in set(scores))


def average_precision(scores: list[float], labels: list[bool]) -> float:
    """Mean of the precision at the rank of each check-worthy sentence (ties broken against
    the model: a "No" scored the same as a "Yes" ranks before it)."""
    ranked = sorted(zip(scores, labels, strict=True), key=lambda item: (-item[0], item[1]))
    found, total = 0, 0.0
    for rank, (_, label) in enumerate(ranked, start=1):
        if label:
            found += 1
            total += found / rank
    return total / found if found else 0.0


def report_labelled(model: Model) -> None:
    rows = read_labelled()
    scores = [probability(model, text) for _, text, _ in rows]
    labels = [label for _, _, label in rows]
    precision, recall, f1 = f1_at(scores, labels, model.threshold)
    best, best_threshold = best_f1(scores, labels)
    print(f"1. Hand-labelled set: {len(rows)} sentences, {sum(labels)} check-worthy ")
    print(f"   ({sum(labels) / len(rows):.0%}; a random ranking's average precision is about that)")
    print(
        f"   at the model's threshold {model.threshold:.4f}: "
        f"P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}"
    )
    print(f"   best threshold {best_threshold:.4f} (saw the labels): F1 {best:.3f}")
    print(f"   average precision: {average_precision(scores, labels):.3f}")
    print("   by article (ids 1000-1999 are the first article, 2000-2999 the second, ...):")
    groups: dict[int, list[int]] = {}
    for index, (sentence_id, _, _) in enumerate(rows):
        groups.setdefault(sentence_id // 1000, []).append(index)
    for group, indexes in groups.items():
        group_scores = [scores[i] for i in indexes]
        group_labels = [labels[i] for i in indexes]
        text = rows[indexes[0]][1]
        _, _, group_f1 = f1_at(group_scores, group_labels, model.threshold)
        print(
            f"   {group * 1000:>6}  {len(indexes):>3} sentences, {sum(group_labels):>2} Yes  "
            f"F1 {group_f1:.3f}  AP {average_precision(group_scores, group_labels):.3f}  "
            f"{text[:18]}..."
        )
    mistakes = sorted(
        (
            (score, label, text)
            for score, label, (_, text, _) in zip(scores, labels, rows, strict=True)
            if (score >= model.threshold) != label
        ),
        key=lambda item: -abs(item[0] - model.threshold),
    )
    print(f"   the {min(len(mistakes), 10)} worst mistakes of {len(mistakes)}:")
    for value, label, text in mistakes[:10]:
        print(f"     {value:.3f} {'Yes' if label else 'No ':3} {text[:40]}")


def report_articles(model: Model) -> None:
    print("\n2. Fixture articles, sentences ranked by score:")
    for path in ARTICLES:
        print(f"   {path.name}")
        sentences = [sentence.text for sentence in segment(path.read_text(encoding="utf-8"))]
        ranked = sorted(((probability(model, text), text) for text in sentences), reverse=True)
        for value, text in ranked:
            mark = "*" if value >= model.threshold else " "
            print(f"   {mark} {value:.3f} {text[:44]}")


def report_speed() -> None:
    texts = [text for _, text, _ in read_labelled()]
    rounds = 20

    def per_call() -> float:
        start = time.perf_counter()
        for _ in range(rounds):
            for text in texts:
                chinese.describe(text)
        return (time.perf_counter() - start) / rounds / len(texts) * 1e6

    with_figures = min(per_call() for _ in range(3))
    parse = chinese.parse_figures
    chinese.parse_figures = lambda text: []  # type: ignore[assignment]
    try:
        without = min(per_call() for _ in range(3))
    finally:
        chinese.parse_figures = parse
    print(f"\n3. Speed on the {len(texts)} labelled sentences, best of 3 runs of {rounds}:")
    print(f"   describe(): {with_figures:.1f} us a sentence")
    print(f"   of which the word lists and patterns: {without:.1f} us; parse_figures() the rest")


def main() -> None:
    model = transfer_model()
    print(
        f"Transfer model: the shipped bias and the weights of its {len(model.weights)} "
        "readable features\n"
    )
    report_labelled(model)
    report_articles(model)
    report_speed()


if __name__ == "__main__":
    main()
