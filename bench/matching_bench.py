"""Claim matching (factcheck/claims/matching.py): time to find the matches of a new claim among
1,000, 10,000 and 100,000 existing claims, and precision and recall on the labelled pairs of
tests/fixtures/matching_pairs.json.

Run with `.venv/bin/python bench/matching_bench.py [--sizes 1000 10000 100000] [--probes N]`.
Uses a throwaway SQLite database (or DATABASE_URL if set: the database named there is used as
is, so point it at a scratch one). The existing claims are generated from templates of the
kinds of statement fact-checkers see (poverty, health, economy, crime, climate, ...), with
varied places, groups, years and figures, so that words and figures repeat across claims as
they do in the news; each is indexed as rematch_claims would index it.

Timed: `find_matches(claim)` for new claims (paraphrases of existing ones and claims about
something else), each a claim of a new article; median, 95th percentile and maximum, in ms.
The pairs are judged three times: by the rule alone (`judge`, wording and figures), and end to
end (each pair's first claim stored among the 100,000, the second matched through the index),
counting the first as found when it is among all the candidates the index gives, and when it is
among the KEPT best matches the panel shows (the generated claims include genuine near-twins of
the pairs, "China has lifted 800 million farmers out of poverty since 1990", which may rank
above the pair's own).
"""

import argparse
import json
import random
import statistics
import time
from pathlib import Path

import bootstrap

bootstrap.setup("matching-bench", database_url=True)

from django.db import connection  # noqa: E402

from factcheck.articles.models import Article  # noqa: E402
from factcheck.claims import matching  # noqa: E402
from factcheck.claims.models import Claim  # noqa: E402
from factcheck.claims.proposals import figures_of  # noqa: E402

PAIRS = bootstrap.ROOT / "tests" / "fixtures" / "matching_pairs.json"
CLAIMS_PER_ARTICLE = 50


def names(text, separator=" "):
    return tuple(text.split(separator))


PLACES = names(
    "China India Brazil Nigeria Kenya Germany France Italy Spain Poland Mexico Peru Chile Egypt "
    "Turkey Iran Japan Korea Vietnam Indonesia Thailand Pakistan Bangladesh Ethiopia Ghana Canada "
    "Australia Sweden Norway Greece Portugal Ireland Scotland Wales Texas California Ontario "
    "Bavaria Lagos Mumbai Delhi Shanghai Beijing Guangdong Sichuan Yunnan Tibet Xinjiang Hubei"
)
GROUPS = names(
    "rural residents|children|women|pensioners|farmers|migrant workers|students|nurses|"
    "teachers|households|young people|smokers|drivers|patients|refugees|voters",
    "|",
)
UNITS = ("people", "jobs", "homes", "hospital beds", "schools", "tonnes of grain", "vaccines")
TEMPLATES = (
    "{place} has lifted {n} million {group} out of poverty since {year}.",
    "Some {n} million {group} in {place} still live below the poverty line.",
    "Unemployment among {group} in {place} fell to {p} percent in {year}.",
    "{place} spent ${n} billion on health care in {year}, more than ever before.",
    "Life expectancy in {place} has risen to {a}.{b} years.",
    "Over {p} percent of {group} in {place} are vaccinated against measles.",
    "The government of {place} built {n},000 {unit} since {year}.",
    "Crime in {place} has fallen by {p} percent since {year}, the minister said.",
    "{place} emits {n} million tonnes of carbon dioxide a year.",
    "Wages of {group} in {place} have grown {m} times since {year}.",
    "More than {n} million {unit} were delivered in {place} last year.",
    "Inflation in {place} reached {p} percent in {year}, the highest in decades.",
    "{place} is the world's {rank} largest producer of rice.",
    "Only {p} percent of {group} in {place} finish secondary school.",
    "The minimum wage in {place} rose to {n} euros a month in {year}.",
    "{place} has cut infant mortality by {p} percent since {year}.",
    "Nearly {n} million {group} in {place} have no access to clean water.",
    "The economy of {place} grew by {a}.{b} percent in {year}.",
)
UNRELATED = (
    "The new stadium in {place} will seat {n},000 fans when it opens in {year}.",
    "A record {n} million tourists visited {place} in {year}, officials said.",
    "The river through {place} flooded {m} times in the last decade.",
    "{place} banned single-use plastic bags in {year}.",
)
RANKS = ("second", "third", "fourth", "fifth")


def sentence(rng, templates=TEMPLATES):
    return rng.choice(templates).format(
        place=rng.choice(PLACES),
        group=rng.choice(GROUPS),
        unit=rng.choice(UNITS),
        year=rng.randint(1978, 2023),
        n=rng.randint(2, 990),
        p=rng.randint(2, 95),
        m=rng.randint(2, 180),
        a=rng.randint(55, 85),
        b=rng.randint(0, 9),
        rank=rng.choice(RANKS),
    )


def store(sentences, *, status=Claim.Status.OPEN, title="Bench article"):
    """One article holding `sentences`, each an indexed claim; return the claims."""
    body = "\n\n".join(sentences)
    article = Article(title=title, body=body)
    article.save()
    claims, offset = [], 0
    for n, text in enumerate(sentences):
        claims.append(
            Claim(
                article=article,
                start=offset,
                end=offset + len(text),
                text=text,
                paragraph=n,
                status=status,
                figures=figures_of(text),
            )
        )
        offset += len(text) + 2
    claims = Claim.objects.bulk_create(claims)
    matching.index_claims(claims)
    return claims


def grow(total, rng):
    while Claim.objects.count() < total:
        count = min(CLAIMS_PER_ARTICLE, total - Claim.objects.count())
        seen = set()
        sentences = []
        while len(sentences) < count:
            text = sentence(rng)
            if text not in seen:
                seen.add(text)
                sentences.append(text)
        store(sentences)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def probes(rng, count):
    """New claims: half reworded copies of stored claims, half about something else."""
    stored = list(Claim.objects.order_by("?").values_list("text", flat=True)[: count // 2])
    reworded = [f"According to officials, {text[0].lower()}{text[1:]}" for text in stored]
    other = [sentence(rng, UNRELATED) for _ in range(count - len(reworded))]
    return reworded + other


def time_matching(rng, count):
    texts = probes(rng, count)
    claims = store(texts, title="Bench probes")
    found = 0
    times = []
    for claim in claims:
        start = time.perf_counter()
        matches = matching.find_matches(claim)
        times.append((time.perf_counter() - start) * 1000)
        found += bool(matches)
    Article.objects.filter(title="Bench probes").delete()
    times.sort()
    return times, found, len(claims)


def judged(pairs):
    """(label, predicted) for each pair, by the rule alone."""
    result = []
    for pair in pairs:
        verdict = matching.judge(pair["a"], figures_of(pair["a"]), pair["b"], figures_of(pair["b"]))
        result.append((pair["label"], verdict[0] if verdict else "none"))
    return result


def end_to_end(pairs, kept):
    """(label, predicted) for each pair, the first claim stored, the second matched, the first
    counted as found if it is among the `kept` best matches."""
    matching.KEPT, default = kept, matching.KEPT
    try:
        return _end_to_end(pairs)
    finally:
        matching.KEPT = default


def _end_to_end(pairs):
    result = []
    for number, pair in enumerate(pairs):
        (earlier,) = store([pair["a"]], title=f"Pair {number} a")
        (later,) = store([pair["b"]], title=f"Pair {number} b")
        found = next((m for m in matching.find_matches(later) if m.claim == earlier), None)
        result.append((pair["label"], found.relation if found else "none"))
        Article.objects.filter(pk__in=[earlier.article_id, later.article_id]).delete()
    return result


def scores(outcomes):
    lines = []
    for label in ("same", "related"):
        true = sum(1 for actual, got in outcomes if actual == got == label)
        predicted = sum(1 for _, got in outcomes if got == label)
        actual = sum(1 for wanted, _ in outcomes if wanted == label)
        precision = true / predicted if predicted else 0.0
        recall = true / actual if actual else 0.0
        lines.append(f"{label}: precision {precision:.2f} ({true}/{predicted}), "
                     f"recall {recall:.2f} ({true}/{actual})")  # fmt: skip
    correct = sum(1 for actual, got in outcomes if actual == got)
    lines.append(f"all three labels right: {correct}/{len(outcomes)}")
    return "; ".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--probes", type=int, default=100)
    parser.add_argument("--seed", type=int, default=13)
    options = parser.parse_args()
    rng = random.Random(options.seed)
    pairs = json.loads(Path(PAIRS).read_text(encoding="utf-8"))["pairs"]
    print(f"database: {connection.vendor}; {len(pairs)} labelled pairs; {options.probes} probes")
    for size in sorted(options.sizes):
        started = time.perf_counter()
        grow(size, rng)
        built = time.perf_counter() - started
        times, found, count = time_matching(rng, options.probes)
        print(
            f"{Claim.objects.count():>7,} claims (built and indexed in {built:.0f} s): "
            f"find_matches median {statistics.median(times):.1f} ms, "
            f"p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, max {times[-1]:.1f} ms; "
            f"{found}/{count} probes matched"
        )
    print(f"pairs, rule alone: {scores(judged(pairs))}")
    total = Claim.objects.count()
    print(f"pairs, end to end at {total:,} claims, among all the candidates the index gives: "
          f"{scores(end_to_end(pairs, matching.CANDIDATES))}")  # fmt: skip
    print(f"pairs, end to end at {total:,} claims, among the {matching.KEPT} matches shown: "
          f"{scores(end_to_end(pairs, matching.KEPT))}")  # fmt: skip


if __name__ == "__main__":
    main()
