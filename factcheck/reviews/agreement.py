"""How far reviewers agree, for the editors' dashboard.

- Krippendorff's alpha, ordinal, on the rating values of submitted reviews (verdicts that are not
  ratings, such as "unverifiable", are left out), per article and overall: the `krippendorff`
  package does the arithmetic.
- Cohen's kappa for each pair of reviewers, nominal, on the verdicts (slugs) both gave on the
  same claims, computed here (as scikit-learn's `cohen_kappa_score` does).

Each figure comes with the number of claims it is computed on, and is None ("not enough data")
below a minimum or when it is undefined (everybody gave the same single value). Each function
reads the database in one query, whatever the number of claims.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations

import krippendorff
import numpy as np

from factcheck.reviews.models import Review

MIN_ALPHA_CLAIMS = 2  # claims with at least two ratings
MIN_KAPPA_CLAIMS = 3  # claims both reviewers of a pair submitted on


@dataclass(frozen=True)
class Agreement:
    value: float | None
    claims: int

    @property
    def enough_data(self):
        return self.value is not None


@dataclass(frozen=True)
class PairAgreement:
    first: str  # username; first < second
    second: str
    agreement: Agreement


def ordinal_alpha(units):
    """Krippendorff's ordinal alpha over `units`: one list of the values given per unit (a
    claim's ratings, one per reviewer). Units with fewer than two values cannot be paired and
    do not count."""
    pairable = [list(values) for values in units if len(values) >= 2]
    if len(pairable) < MIN_ALPHA_CLAIMS:
        return Agreement(None, len(pairable))
    if len({value for values in pairable for value in values}) < 2:
        return Agreement(None, len(pairable))  # no variation: alpha is undefined
    width = max(len(values) for values in pairable)
    # The package reads a coders x units matrix; which coder gave a value does not matter to
    # alpha, so each unit's values fill its column from the top and NaN pads the rest.
    matrix = np.full((width, len(pairable)), np.nan)
    for column, values in enumerate(pairable):
        matrix[: len(values), column] = values
    value = krippendorff.alpha(reliability_data=matrix, level_of_measurement="ordinal")
    return Agreement(float(value), len(pairable))


def cohen_kappa(pairs):
    """Cohen's kappa over `pairs`: (first reviewer's verdict, second's) on each shared claim:
    (p_o - p_e) / (1 - p_e), the observed agreement against the agreement expected from each
    reviewer's own frequencies (what scikit-learn's cohen_kappa_score computes, without its
    per-call overhead, which the dashboard paid once per pair of reviewers)."""
    pairs = list(pairs)
    if len(pairs) < MIN_KAPPA_CLAIMS:
        return Agreement(None, len(pairs))
    first = Counter(a for a, _b in pairs)
    second = Counter(b for _a, b in pairs)
    if len(first.keys() | second.keys()) < 2:
        return Agreement(None, len(pairs))  # one label throughout: kappa is undefined
    total = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / total
    expected = sum(first[label] * second[label] for label in first) / total**2
    if expected == 1:
        return Agreement(None, total)
    return Agreement((observed - expected) / (1 - expected), total)


def _submitted(claims=None):
    reviews = Review.objects.filter(status=Review.Status.SUBMITTED, verdict__isnull=False)
    if claims is not None:
        reviews = reviews.filter(claim__in=claims)
    return reviews.order_by()


def _ratings(claims=None):
    """{claim id: (article id, [rating values])} in one query."""
    rows = (
        _submitted(claims)
        .filter(verdict__is_rating=True)
        .values_list("claim__article_id", "claim_id", "verdict__rating_value")
    )
    units = defaultdict(list)
    articles = {}
    for article_id, claim_id, rating in rows:
        units[claim_id].append(rating)
        articles[claim_id] = article_id
    return {claim_id: (articles[claim_id], values) for claim_id, values in units.items()}


def overall_alpha(claims=None):
    """Krippendorff's ordinal alpha over every claim (or the given claims)."""
    return ordinal_alpha(values for _article, values in _ratings(claims).values())


def alpha_by_article(claims=None):
    """{article id: Agreement} for every article with submitted ratings."""
    per_article = defaultdict(list)
    for article_id, values in _ratings(claims).values():
        per_article[article_id].append(values)
    return {article_id: ordinal_alpha(units) for article_id, units in per_article.items()}


def article_alpha(article):
    return overall_alpha(article.claims.all())


def pairwise_kappa(claims=None):
    """Cohen's kappa for every pair of reviewers who submitted on the same claims, by
    usernames; pairs sharing no claim are left out."""
    rows = _submitted(claims).values_list("claim_id", "reviewer__username", "verdict__slug")
    by_claim = defaultdict(dict)
    for claim_id, username, slug in rows:
        by_claim[claim_id][username] = slug
    shared = defaultdict(list)
    for verdicts in by_claim.values():
        for first, second in combinations(sorted(verdicts), 2):
            shared[first, second].append((verdicts[first], verdicts[second]))
    return [
        PairAgreement(first, second, cohen_kappa(pairs))
        for (first, second), pairs in sorted(shared.items())
    ]
