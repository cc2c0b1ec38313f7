"""Claim extraction's speed beside pysbd's, and the segmenters' quality.

Run from the project root: ``.venv/bin/python bench/extract_bench.py`` (``--quick`` stops the
growth table at 1 MB). Prints:

1. quality: how many hand-labelled tricky cases (abbreviations, decimals, ellipses, quotes,
   paragraphs) each segmenter splits exactly as a person would, and its speed on 1 MB;
2. our scorer alone: microseconds per ``score()`` call, and ``parse_figures()`` per proposed
   sentence;
3. throughput and growth: our whole extraction (segmentation + scoring, ``extract()``) beside
   pysbd's bare segmentation of the same text, in the same run, from 10 KB to 5 MB: sentences per
   second, seconds per MB (flat when growth is linear) and the ratio of the times (the issue's
   target is <= 1.0).

A competitor that is not installed is reported as such rather than failing the run. Small sizes
are timed as the best of several runs, so one slow run does not decide them.
"""

import sys
import time

from bootstrap import ROOT

from factcheck.claims.extraction import (
    extract,
    load_model,
    parse_figures,
    score,
    segment,
)

SEED = ROOT / "factcheck" / "articles" / "data" / "seed-article.txt"
TARGET_BYTES = 1_000_000
GROWTH_SIZES = (10_000, 100_000, 1_000_000, 5_000_000)

# (text, the sentences a careful reader sees). Paragraphs are separated by a blank line.
TRICKY = [
    ("The U.S. economy grew. Dr. Smith agreed.", ["The U.S. economy grew.", "Dr. Smith agreed."]),
    ("He lives at No. 5 Main Street. It is big.", ["He lives at No. 5 Main Street.", "It is big."]),
    (
        "Life expectancy rose to 78.2 years. That is high.",
        ["Life expectancy rose to 78.2 years.", "That is high."],
    ),
    (
        "He paused... then spoke again. Fine.",
        ["He paused... then spoke again.", "Fine."],
    ),
    ('She said "It is over." Then she left.', ['She said "It is over."', "Then she left."]),
    ('"Is it true?" he asked. Nobody answered.', ['"Is it true?" he asked.', "Nobody answered."]),
    (
        "The U.S. Senate voted 52-48 on Jan. 5. Mr. Jones objected.",
        ["The U.S. Senate voted 52-48 on Jan. 5.", "Mr. Jones objected."],
    ),
    (
        "Prices rose 3.5% in 2021, e.g. food and fuel. Wages did not.",
        ["Prices rose 3.5% in 2021, e.g. food and fuel.", "Wages did not."],
    ),
    (
        "I met Gen. Smith and Sen. Warren at 5 p.m. on Monday. It rained.",
        ["I met Gen. Smith and Sen. Warren at 5 p.m. on Monday.", "It rained."],
    ),
    ("The U.S. is large. The U.K. is smaller.", ["The U.S. is large.", "The U.K. is smaller."]),
    (
        "GDP grew 2.5 percent in 2019. It was $21.4 trillion.",
        ["GDP grew 2.5 percent in 2019.", "It was $21.4 trillion."],
    ),
    (
        "A heading without a full stop\n\nThe first sentence. The second one.",
        ["A heading without a full stop", "The first sentence.", "The second one."],
    ),
    (
        "“We will not,” said the minister. “Never.” The vote failed.",
        ["“We will not,” said the minister.", "“Never.”", "The vote failed."],
    ),
    (
        "According to the U.N., 770 million people... were lifted out of poverty. Really?",
        ["According to the U.N., 770 million people... were lifted out of poverty.", "Really?"],
    ),
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


def by_paragraph(split_paragraph):
    """Apply a segmenter paragraph by paragraph, as extraction does."""

    def split(text: str) -> list[str]:
        return [
            sentence.strip()
            for paragraph in text.split("\n\n")
            for sentence in split_paragraph(paragraph)
            if sentence.strip()
        ]

    return split


def segmenters():
    """name -> a function text -> list of sentence strings, or a string saying why not."""
    found = {"ours (syntok + paragraphs)": lambda text: [s.text for s in segment(text)]}
    try:
        import pysbd

        pysbd_segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        found["pysbd"] = by_paragraph(
            lambda text: [span.sent for span in pysbd_segmenter.segment(text)]
        )
    except ImportError:
        found["pysbd"] = "not installed"
    try:
        from syntok import segmenter as syntok_segmenter

        found["syntok.analyze (whole text)"] = lambda text: [
            "".join(token.spacing + token.value for token in sentence).strip()
            for paragraph in syntok_segmenter.analyze(text)
            for sentence in paragraph
        ]
    except ImportError:
        found["syntok.analyze (whole text)"] = "not installed"
    try:
        import blingfire

        def bling(text: str) -> list[str]:
            _, offsets = blingfire.text_to_sentences_and_offsets(text)
            return [text[start:end] for start, end in offsets]

        found["blingfire"] = by_paragraph(bling)
    except ImportError:
        found["blingfire"] = "not installed"
    try:
        import nltk

        try:
            nltk.data.find("tokenizers/punkt_tab/english/")
            found["nltk punkt"] = by_paragraph(nltk.sent_tokenize)
        except LookupError:
            found["nltk punkt"] = "installed, but its punkt data needs a download"
    except ImportError:
        found["nltk punkt"] = "not installed"
    return found


def quality(split) -> tuple[int, list[str]]:
    passed, failed = 0, []
    for text, expected in TRICKY:
        if split(text) == expected:
            passed += 1
        else:
            failed.append(text[:40])
    return passed, failed


def repeated(body: str, size: int) -> str:
    """``body`` repeated, paragraph after paragraph, to at least ``size`` bytes."""
    return "\n\n".join([body] * (size // len(body.encode("utf-8")) + 1))


def growth(body: str, sizes, threshold: float) -> None:
    try:
        import pysbd
    except ImportError:
        print("growth: pysbd not installed")
        return
    pysbd_segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    pysbd_split = by_paragraph(lambda text: [span.sent for span in pysbd_segmenter.segment(text)])
    print("\nthroughput: extract() = segmentation + scoring; pysbd = its segmentation alone")
    print(
        f"{'size':>8} {'sentences':>10} {'extract() s':>12} {'sent/s':>8} {'s/MB':>6}"
        f" {'pysbd s':>9} {'sent/s':>8} {'s/MB':>6} {'ratio':>6}"
    )
    ratios = []
    for size in sizes:
        text = repeated(body, size)
        megabytes = len(text.encode("utf-8")) / 1e6
        repeats = 5 if size <= 10_000 else 3 if size <= 100_000 else 1
        results, ours = best_of(repeats, lambda text=text: extract(text, threshold=threshold))
        theirs_sentences, theirs = best_of(repeats, pysbd_split, text)
        ratios.append(ours / theirs)
        print(
            f"{size / 1000:>6,.0f}KB {len(results):>10,} {ours:>12.3f} {len(results) / ours:>8,.0f}"
            f" {ours / megabytes:>6.2f} {theirs:>9.3f} {len(theirs_sentences) / theirs:>8,.0f}"
            f" {theirs / megabytes:>6.2f} {ours / theirs:>6.2f}"
        )
    verdict = "met" if max(ratios) <= 1.0 else "NOT met"
    print(f"ratio extract()/pysbd: worst {max(ratios):.2f}, target <= 1.0 {verdict}")


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def best_of(repeats: int, function, *args):
    best = None
    for _ in range(repeats):
        result, seconds = timed(function, *args)
        if best is None or seconds < best[1]:
            best = (result, seconds)
    return best


def main() -> None:
    body = seed_body()
    big = repeated(body, TARGET_BYTES)
    megabytes = len(big.encode("utf-8")) / 1e6
    print(f"seed body: {len(body):,} characters; benchmark text: {megabytes:.2f} MB\n")

    print(f"{'segmenter':30} {'tricky cases':>12} {'sentences/s (1 MB)':>20}  seconds")
    for name, split in segmenters().items():
        if isinstance(split, str):
            print(f"{name:30} {split}")
            continue
        passed, failed = quality(split)
        sentences, seconds = timed(split, big)
        rate = len(sentences) / seconds
        print(f"{name:30} {passed:>7}/{len(TRICKY):<4} {rate:>20,.0f}  {seconds:.2f}")
        for text in failed:
            print(f"{'':32}wrong: {text!r}")

    model = load_model()
    sentences = [sentence.text for sentence in segment(body)]
    calls = sentences * 50
    _, seconds = timed(lambda: [score(text, threshold=model.threshold) for text in calls])
    print(f"\nscore(): {seconds / len(calls) * 1e6:.0f} µs per sentence ({len(calls):,} calls)")
    proposed = [text for text in sentences if score(text, threshold=model.threshold).checkworthy]
    calls = proposed * 50
    found, seconds = timed(lambda: [parse_figures(text) for text in calls])
    print(
        f"parse_figures(): {seconds / len(calls) * 1e6:.0f} µs per proposed sentence "
        f"({len(calls):,} calls, {sum(map(len, found)) // 50} figures in the seed's "
        f"{len(proposed)} proposed sentences)"
    )
    sizes = [size for size in GROWTH_SIZES if "--quick" not in sys.argv or size <= TARGET_BYTES]
    growth(body, sizes, model.threshold)


if __name__ == "__main__":
    main()
