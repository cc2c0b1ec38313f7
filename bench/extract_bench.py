"""Claim extraction's speed, beside pysbd's and the previous segmenter's, and segmenters' quality.

Run from the project root: ``.venv/bin/python bench/extract_bench.py`` (``--quick`` skips the
growth table; pysbd, syntok and blingfire come with ``pip install -e ".[bench]"``). Prints:

1. quality: how many hand-labelled tricky cases (abbreviations, decimals, ellipses, quotes,
   paragraphs) each segmenter splits exactly as a person would, and its speed on 1 MB;
2. speed, side by side on one text (the seed article repeated to 300 KB): pysbd's segmentation,
   the segmenter as it was before it was made fast (``baseline_segmentation.py``, syntok), ours,
   then our ``score()`` and ``parse_figures()`` alone, and the whole extraction (segmentation,
   scoring and figures of every sentence) in sentences per second, with the verdict on the
   issue's target of 10,000 English sentences per second. Times are the CPU time of this
   process (best of several runs), so other programs running on the machine do not count;
3. growth: ``extract()`` (segmentation + scoring) beside pysbd's bare segmentation from 10 KB to
   5 MB: sentences per second, seconds per MB (flat when growth is linear) and the ratio of the
   times (target <= 1.0).

A competitor that is not installed is reported as such rather than failing the run.
"""

import sys
import time
from pathlib import Path

from bootstrap import ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcheck.claims.extraction import (
    extract,
    load_model,
    parse_figures,
    score,
    segment,
)

SEED = ROOT / "factcheck" / "articles" / "data" / "seed-article.txt"
BASELINE = "before (syntok)"
TARGET_BYTES = 1_000_000
SPEED_BYTES = 300_000
REPEATS = 5
TARGET_RATE = 10_000  # English sentences per second, segmentation + scoring + figures
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


def baseline_segment():
    """The segmenter as it was before it was made fast, or None without syntok."""
    try:
        from baseline_segmentation import segment as baseline
    except ImportError:
        return None
    return baseline


def segmenters():
    """name -> a function text -> list of sentence strings, or a string saying why not."""
    found = {"ours": lambda text: [s.text for s in segment(text)]}
    baseline = baseline_segment()
    found[BASELINE] = (
        (lambda text: [s.text for s in baseline(text)]) if baseline else "syntok not installed"
    )
    try:
        import pysbd

        pysbd_segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        found["pysbd"] = by_paragraph(
            lambda text: [span.sent for span in pysbd_segmenter.segment(text)]
        )
    except ImportError:
        found["pysbd"] = "not installed"
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
    """The result of ``function(*args)`` and the CPU time it took this process."""
    started = time.process_time()
    result = function(*args)
    return result, time.process_time() - started


def best_of(repeats: int, function, *args):
    best = None
    for _ in range(repeats):
        result, seconds = timed(function, *args)
        if best is None or seconds < best[1]:
            best = (result, seconds)
    return best


def speed(body: str, threshold: float) -> None:
    """Every stage on the same text, side by side, and the whole extraction's rate."""
    text = repeated(body, SPEED_BYTES)
    sentences = segment(text)
    count = len(sentences)
    texts = [sentence.text for sentence in sentences]
    print(
        f"\nspeed on the seed repeated to {len(text.encode('utf-8')) / 1000:,.0f} KB "
        f"({count:,} sentences), CPU time, best of {REPEATS} runs"
    )
    print(f"{'stage':44} {'µs/sentence':>12} {'sentences/s':>12}")

    def row(name, seconds, per=count):
        print(f"{name:44} {seconds / per * 1e6:>12.1f} {per / seconds:>12,.0f}")

    try:
        import pysbd

        pysbd_segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
        pysbd_split = by_paragraph(lambda t: [span.sent for span in pysbd_segmenter.segment(t)])
        found, seconds = best_of(1, pysbd_split, text)
        row(f"segmentation: pysbd ({len(found):,} sentences)", seconds, len(found))
    except ImportError:
        print(f"{'segmentation: pysbd':44} not installed")
    baseline = baseline_segment()
    if baseline:
        before, seconds = best_of(2, baseline, text)
        row("segmentation: before (syntok)", seconds)
        same = [(s.start, s.end) for s in before] == [(s.start, s.end) for s in sentences]
    else:
        print(f"{'segmentation: before (syntok)':44} syntok not installed")
    _, seconds = best_of(REPEATS, segment, text)
    row("segmentation: ours, segment()", seconds)
    _, seconds = best_of(REPEATS, lambda: [score(t, threshold=threshold) for t in texts])
    row("scoring: score()", seconds)
    found, seconds = best_of(REPEATS, lambda: [parse_figures(t) for t in texts])
    row(f"figures: parse_figures() ({sum(map(len, found)):,} figures)", seconds)
    proposed = [t for t in texts if score(t, threshold=threshold).checkworthy]
    _, seconds = best_of(REPEATS, lambda: [parse_figures(t) for t in proposed])
    row(f"figures: on the {len(proposed):,} proposed only", seconds, len(proposed))

    def extraction():
        return [(result, parse_figures(s.text)) for s, result in extract(text, threshold=threshold)]

    _, seconds = best_of(REPEATS, extraction)
    row("extraction: segment + score + figures, all", seconds)
    verdict = "met" if count / seconds >= TARGET_RATE else "NOT met"
    print(f"target {TARGET_RATE:,} sentences/s: {verdict} ({count / seconds:,.0f} sentences/s)")
    if baseline:
        print(f"ours and before (syntok) split the text {'identically' if same else 'DIFFERENTLY'}")


def main() -> None:
    body = seed_body()
    big = repeated(body, TARGET_BYTES)
    megabytes = len(big.encode("utf-8")) / 1e6
    print(f"seed body: {len(body):,} characters; quality table's text: {megabytes:.2f} MB\n")

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
    speed(body, model.threshold)
    if "--quick" not in sys.argv:
        growth(body, GROWTH_SIZES, model.threshold)


if __name__ == "__main__":
    main()
