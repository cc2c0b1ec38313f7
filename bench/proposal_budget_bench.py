"""The proposal rate under the budget (factcheck/claims/budget.py, the FACTCHECK_PROPOSAL_*
settings): each test article is imported into a fresh SQLite database, as the import screen
does, and this prints, per article, its sentences, the claims proposed, the sentences held back
for "Show more suggestions" and the share proposed; then the median share, and whether every
figure statement of the seed article was proposed.

Run with `.venv/bin/python bench/proposal_budget_bench.py`; set FACTCHECK_PROPOSAL_SHARE (and
the other FACTCHECK_PROPOSAL_* variables) to see what another budget gives.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import bootstrap

DATABASE = bootstrap.setup("proposal-budget-bench")

from factcheck.claims.budget import Budget  # noqa: E402
from factcheck.claims.importing import import_and_propose  # noqa: E402
from factcheck.claims.proposals import scored_sentences, scoring_model  # noqa: E402
from tests.claims.seed import FIGURE_PHRASES as SEED_FIGURES  # noqa: E402

ROOT = bootstrap.ROOT
SEED = ROOT / "factcheck" / "articles" / "data" / "seed-article.txt"
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "articles").iterdir())


def measure(path: Path):
    outcome = import_and_propose(path.read_bytes(), filename=path.name)
    article = outcome.article
    if not outcome.created:
        return None
    sentences = len(scored_sentences(article, scoring_model(article)))
    proposed = [claim.text for claim in outcome.proposed]
    return article, sentences, proposed, article.candidates.count()


def main() -> None:
    budget = Budget.from_settings()
    print(
        f"budget: high {budget.high}, medium {budget.medium}, min score {budget.min_score}, "
        f"share {budget.share}, minimum {budget.minimum}"
    )
    print(f"{'article':34} {'lang':>4} {'sent.':>5} {'prop.':>5} {'held':>5} {'rate':>6}")
    rates = []
    seed_proposed: list[str] = []
    started = time.perf_counter()
    for path in [SEED, *FIXTURES]:
        measured = measure(path)
        if measured is None:
            print(f"{path.name:34} same text as an article above, skipped")
            continue
        article, sentences, proposed, held = measured
        rate = len(proposed) / sentences if sentences else 0.0
        rates.append(rate)
        if path == SEED:
            seed_proposed = proposed
        print(
            f"{path.name:34} {article.language or '?':>4} {sentences:5d} {len(proposed):5d} "
            f"{held:5d} {rate:6.0%}"
        )
    elapsed = time.perf_counter() - started
    missed = [p for p in SEED_FIGURES if not any(p in text for text in seed_proposed)]
    print(f"median proposal rate: {statistics.median(rates):.0%} over {len(rates)} articles")
    print(
        "seed figure statements proposed: "
        f"{len(SEED_FIGURES) - len(missed)} of {len(SEED_FIGURES)}"
        + (f" (missed: {', '.join(missed)})" if missed else "")
    )
    print(f"imported and proposed in {elapsed:.2f} s")


if __name__ == "__main__":
    main()
