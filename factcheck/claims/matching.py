"""Matching: recognise claims checked before, here (claims of other articles) or by other
fact-checkers (ExternalCheck), so nobody redoes work.

Two claims state the same thing when their figures are the same and their wording is similar.
Figures are compared as values, from the figures stored on each claim (extraction.figures):
"770 million" = "770,000,000" = "770m", "over 70 percent" = "more than 70%". Identical wording
with other figures ("770 million" against "700 million") is NOT the same claim: it is a related
one, and the differing figures are given, since that difference is itself a finding.

Speed: candidates come from an index in the database (MatchKey: normalised figures and the
words of each claim), never from comparing against every claim in Python. One query counts
how common the keys are (for a whole batch of claims); per claim, one grouped query on the
index ranks the claims sharing its figures and rarest words, rarer keys weighing more; only
those few dozen candidates are read (text and figures, one query for the batch), compared
(rapidfuzz) and ranked, and the few kept are loaded whole (one query). The index works the same
on SQLite and PostgreSQL; bench/matching_bench.py measures it.

Who calls what:
- `index_claims(claims)` / `index_external_checks(checks)` fill the index: import_claimreview
  and `manage.py rematch_claims` call them (there is no signal); `index_new_claims(claims)`
  writes the keys of claims just created, in multi-row inserts;
- `match_claims(claims)` indexes, finds and stores each claim's matches (ClaimMatch);
  `match_new_claims(claims)` does the same for claims just proposed (import_and_propose, "Show
  more", proposing anew), looking up only those sharing a looked-up key with a claim or check
  they may match (the others cannot have a match);
- `stored_matches(claims)` reads them, matching lazily the claims never matched (or whose
  wording changed since);
- `previously_checked(claims)` -> {claim id: best Match with a verdict} for marking proposals;
- `find_matches(claim)` computes without storing (the bench, and tests).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Case, Count, Q, Sum, Value, When
from rapidfuzz import fuzz

from factcheck.claims.models import Claim, ClaimMatch, ExternalCheck, MatchKey

# Wording similarity (0-100, rapidfuzz on the text with its figures taken out) from which two
# claims are the same (with the same figures) or related (with other figures): figures that
# agree are strong evidence, so "same" asks for less of the wording. Chosen on the
# labelled pairs of tests/fixtures/matching_pairs.json (bench/matching_bench.py prints the
# precision and recall they give).
SAME_WORDING = 65.0
RELATED_WORDING = 75.0
# A claim without figures can only match on wording, so it needs more of it.
SAME_WORDING_NO_FIGURES = 85.0
# Candidates compared in Python per claim, and matches kept per claim.
CANDIDATES = 40
KEPT = 5
# The rarest words of a claim that are looked up, and how common a word may be (a share of
# the index's claims) and still select candidates.
WORDS_LOOKED_UP = 6
COMMON_SHARE = 0.05

# Words that say nothing about what a claim states.
STOP_WORDS = frozenset(
    re.findall(
        r"\w+",
        """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers him his how i if in into is it its itself
    just more most much nearly no nor not now of off on once only or other our ours out over
    own per said same says she should since so some such than that the their theirs them then
    there these they this those through to too under until up upon very was we were what when
    where which while who whom why will with would you your year years according percent cent
    million billion thousand hundred one two three four five six seven eight nine ten more
    than
    """,
    )
)

_WORD = re.compile(r"[^\W\d_]+")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A scale letter right after digits, which parse_figures reads as a bare number: "770m".
_SCALE_SUFFIX = re.compile(r"(?P<scale>bn|mn|mln|tn|trn|m|b|k)\b", re.IGNORECASE)
_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12}
# Kinds whose unit is part of what is stated (dollars are not euros); a count's unit is the
# noun counted, which varies with the wording ("people", "rural poor", "Chinese").
_UNIT_MATTERS = frozenset({"money", "quantity", "percent"})


# --- Figures ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
    """A figure normalised for comparison: kind, unit where it matters, value."""

    kind: str
    unit: str
    value: float
    text: str

    @property
    def key(self) -> str:
        return f"n:{self.kind}:{self.unit}:{self.value:.6g}"[:80]

    def equals(self, other: Quantity) -> bool:
        if (self.kind, self.unit) != (other.kind, other.unit):
            return False
        return math.isclose(self.value, other.value, rel_tol=1e-6, abs_tol=1e-9)


def quantities(text: str, figures: Sequence[dict]) -> list[Quantity]:
    """The claim's figures as Quantity values ("770m" read as 770,000,000: the parser leaves
    a scale letter after digits alone, since "5m" is also five metres)."""
    result = []
    for figure in figures:
        value = figure.get("value")
        kind = figure.get("kind") or ""
        if value is None or not kind:
            continue
        value = float(value)
        shown = figure.get("text") or ""
        end = figure.get("end")
        if kind == "count" and isinstance(end, int) and shown[-1:].isdigit():
            scale = _SCALE_SUFFIX.match(text, end)
            if scale:
                value *= _SCALES[scale["scale"].lower()]
        unit = (figure.get("unit") or "").lower() if kind in _UNIT_MATTERS else ""
        result.append(Quantity(kind, unit, value, shown))
    return result


def _checked(qs: Iterable[Quantity]) -> list[Quantity]:
    """Figures that state something: a bare calendar year dates a claim ("since 1978") and is
    compared only when both claims give one."""
    return [q for q in qs if q.kind != "year"]


def figure_differences(mine: list[Quantity], theirs: list[Quantity]) -> list[dict]:
    """The figures that differ between two claims: each of mine with no equal in theirs,
    paired with their figure of the same kind when there is one ("770 million" / "700
    million"). Years count only when both claims give one."""
    differences = []
    remaining = list(theirs)
    unmatched_mine = []
    for q in mine:
        equal = next((t for t in remaining if q.equals(t)), None)
        if equal is not None:
            remaining.remove(equal)
        else:
            unmatched_mine.append(q)
    for q in unmatched_mine:
        other = next((t for t in remaining if t.kind == q.kind), None)
        if other is not None:
            remaining.remove(other)
        elif q.kind == "year":
            continue
        differences.append({"kind": q.kind, "this": q.text, "other": other.text if other else ""})
    for t in remaining:
        if t.kind != "year":
            differences.append({"kind": t.kind, "this": "", "other": t.text})
    return differences


# --- Words -----------------------------------------------------------------------------------


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def words(text: str) -> list[str]:
    """The words of `text` that say what it states: lowercased, plural s dropped, stop words
    and numbers out; Chinese as overlapping pairs of characters."""
    result: list[str] = []
    for token in _WORD.findall(text.lower()):
        if _CJK.search(token):
            chars = _CJK.findall(token)
            result.extend(a + b for a, b in zip(chars, chars[1:], strict=False))
        elif len(token) > 2 and token not in STOP_WORDS:
            result.append(_stem(token))
    return result


def _wording(text: str, figures: Sequence[dict]) -> str:
    """The text with its figures taken out, lowercased: wording compared apart from figures."""
    spans = sorted(
        (f["start"], f["end"])
        for f in figures
        if isinstance(f.get("start"), int) and isinstance(f.get("end"), int)
    )
    pieces, at = [], 0
    for start, end in spans:
        if start >= at:
            pieces.append(text[at:start])
            at = end
    pieces.append(text[at:])
    return " ".join(words(" ".join(pieces)))


def wording_similarity(a: str, b: str) -> float:
    """0-100: how alike two wordings are (word order and repeated words aside)."""
    if not a or not b:
        return 0.0
    return (fuzz.token_sort_ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def keys_for(text: str, figures: Sequence[dict]) -> set[str]:
    """The index keys of a claim: its figures ("n:count::7.7e+08") and its words ("w:poverty")."""
    keys = {q.key for q in _checked(quantities(text, figures))}
    keys.update(f"w:{word}"[:80] for word in words(text))
    return keys


# --- The index -------------------------------------------------------------------------------


def index_claims(claims: Iterable[Claim]) -> int:
    """(Re)write the index keys of `claims`; return how many keys were written."""
    claims = [claim for claim in claims if claim.pk is not None]
    if not claims:
        return 0
    MatchKey.objects.filter(claim__in=[c.pk for c in claims]).delete()
    rows = [
        MatchKey(key=key, claim_id=claim.pk)
        for claim in claims
        for key in [_version_key(claim), *keys_for(claim.text, claim.figures)]
    ]
    MatchKey.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def index_new_claims(claims: Sequence[Claim]) -> dict[int, set[str]]:
    """Write the index keys of claims just created, which have none yet (nothing to delete),
    in a few multi-row inserts; return each claim's keys (keys_for) by claim id."""
    keys = {claim.pk: keys_for(claim.text, claim.figures) for claim in claims}
    rows = [(key, claim.pk) for claim in claims for key in (_version_key(claim), *keys[claim.pk])]
    # Two plain values a row: bulk_create would spend far longer preparing the rows (about
    # eight a claim) than the database spends storing them, so they go in multi-row inserts.
    quote = connection.ops.quote_name
    insert = "INSERT INTO {} ({}, {}, {}) VALUES ".format(
        quote(MatchKey._meta.db_table), quote("key"), quote("claim_id"), quote("external_id")
    )
    size = (connection.features.max_query_params or 10_000) // 2
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            values = ", ".join(["(%s, %s, NULL)"] * len(batch))
            cursor.execute(insert + values, [value for row in batch for value in row])
    return keys


def _version_key(claim: Claim) -> str:
    """The key saying which wording of the claim the index holds: an editor who changes the
    words or the span changes it, so the claim is indexed and matched again when next asked."""
    return f"v:{claim.wording_fingerprint}"


def index_external_checks(checks: Iterable[ExternalCheck]) -> int:
    """(Re)write the index keys of external fact-checks; return how many keys were written."""
    checks = [check for check in checks if check.pk is not None]
    if not checks:
        return 0
    MatchKey.objects.filter(external__in=[c.pk for c in checks]).delete()
    rows = [
        MatchKey(key=key, external_id=check.pk)
        for check in checks
        for key in keys_for(check.claim_text, check.figures)
    ]
    MatchKey.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


# --- Finding ---------------------------------------------------------------------------------


@dataclass
class Match:
    """A claim checked before, as matching found it for one claim."""

    relation: str  # ClaimMatch.Relation
    score: float  # 0-1
    claim: Claim | None = None  # an earlier claim of another article
    external: ExternalCheck | None = None  # or another fact-checker's check
    differences: list[dict] = field(default_factory=list)

    @property
    def is_same(self) -> bool:
        return self.relation == ClaimMatch.Relation.SAME

    @property
    def is_external(self) -> bool:
        return self.external is not None


def _estimated_owners() -> int:
    """About how many claims and external checks are indexed: the highest ids, read from the
    primary-key indexes (an exact count would scan a large table)."""
    last_claim = Claim.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    last_check = ExternalCheck.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    return last_claim + last_check


def _lookup_keys(all_keys: dict[int, set[str]], owners: int) -> dict[int, dict[str, int]]:
    """For each claim, the keys worth looking up, each with its weight (rarer keys weigh
    more): its figures and its rarest words, leaving out those in more than COMMON_SHARE of
    the index unless nothing rarer is left. One query counts the keys of all the claims."""
    wanted = set().union(*all_keys.values()) if all_keys else set()
    frequency: dict[str, int] = {}
    if wanted:
        frequency = dict(
            MatchKey.objects.filter(key__in=wanted)
            .values_list("key")
            .annotate(n=Count("id"))
            .values_list("key", "n")
            .order_by()
        )
    common = max(50, int(owners * COMMON_SHARE))
    chosen = {}
    for pk, keys in all_keys.items():
        present = sorted(
            (key for key in keys if frequency.get(key)), key=lambda k: (frequency[k], k)
        )
        figures = [key for key in present if key.startswith("n:")]
        words = [key for key in present if key.startswith("w:")]
        rare_words = [key for key in words if frequency[key] <= common][:WORDS_LOOKED_UP]
        if len(rare_words) < 2:  # only common words: the rarest two still narrow it down
            rare_words = words[:2]
        rare_figures = [key for key in figures if frequency[key] <= common] or figures[:1]
        chosen[pk] = {
            key: max(1, round(10 * math.log((owners + 1) / (frequency[key] + 1))))
            for key in rare_figures + rare_words
        }
    return chosen


def _candidates(weights: dict[str, int]) -> tuple[list[int], list[int]]:
    """The ids of the claims and external checks sharing the most weight of keys with a claim
    (`weights`, from _lookup_keys): one grouped query on the index."""
    if not weights:
        return [], []
    weight = Case(
        *(When(key=key, then=Value(value)) for key, value in weights.items()), default=Value(0)
    )
    # No join to leave out the claim's own article here (it would cost a row read for every
    # posting): its claims are dropped when the candidates are read, so more are taken.
    rows = (
        MatchKey.objects.filter(key__in=weights)
        .values_list("claim_id", "external_id")
        .annotate(shared=Sum(weight))
        .order_by("-shared", "-claim_id", "-external_id")[: CANDIDATES * 2]
    )
    claim_ids, external_ids = [], []
    for claim_id, external_id, _shared in rows:
        if claim_id is not None:
            claim_ids.append(claim_id)
        elif external_id is not None:
            external_ids.append(external_id)
    return claim_ids, external_ids


def judge(text: str, figures: Sequence[dict], other_text: str, other_figures: Sequence[dict]):
    """(relation, score 0-1, differing figures) of a pair of claims, or None if unrelated."""
    mine, theirs = quantities(text, figures), quantities(other_text, other_figures)
    similarity = wording_similarity(_wording(text, figures), _wording(other_text, other_figures))
    differences = figure_differences(mine, theirs)
    if not _checked(mine) and not _checked(theirs):
        if similarity >= SAME_WORDING_NO_FIGURES and not differences:
            return ClaimMatch.Relation.SAME, similarity / 100, []
        return None
    if not differences and similarity >= SAME_WORDING:
        return ClaimMatch.Relation.SAME, similarity / 100, []
    # Other figures: related when the wording is alike and at least one figure agrees in kind
    # (the same quantity, another value), not when one claim has figures the other lacks.
    compared = [d for d in differences if d["this"] and d["other"]]
    if similarity >= RELATED_WORDING and compared:
        return ClaimMatch.Relation.RELATED, similarity / 100, differences
    return None


def find_matches_for(claims: Sequence[Claim]) -> dict[int, list[Match]]:
    """Each claim's matches among the accepted claims of other articles and the external
    checks, best first: the same ones before the related ones.

    Queries: one for the keys' frequencies and two to load what matched, for the whole batch,
    and one grouped lookup in the index per claim; only the few dozen candidates each finds
    are read (text and figures) and compared in Python."""
    claims = [claim for claim in claims if claim.pk is not None]
    if not claims:
        return {}
    all_keys = {claim.pk: keys_for(claim.text, claim.figures) for claim in claims}
    lookups = _lookup_keys(all_keys, _estimated_owners())
    candidates = {claim.pk: _candidates(lookups[claim.pk]) for claim in claims}
    claim_ids = {pk for ids, _ in candidates.values() for pk in ids}
    external_ids = {pk for _, ids in candidates.values() for pk in ids}
    texts = {}
    if claim_ids:
        rows = Claim.objects.accepted().filter(pk__in=claim_ids)
        texts = {
            pk: (article_id, text, figures)
            for pk, article_id, text, figures in rows.values_list(
                "pk", "article_id", "text", "figures"
            )
        }
    externals = ExternalCheck.objects.in_bulk(external_ids) if external_ids else {}
    judged: dict[int, list] = {}
    for claim in claims:
        found = judged[claim.pk] = []
        claim_ids_of, external_ids_of = candidates[claim.pk]
        others = [pk for pk in claim_ids_of if pk in texts and texts[pk][0] != claim.article_id]
        for pk in others[:CANDIDATES]:
            verdict = judge(claim.text, claim.figures, *texts[pk][1:])
            if verdict:
                found.append((verdict, pk, None))
        for pk in external_ids_of:
            check = externals.get(pk)
            if check is not None:
                verdict = judge(claim.text, claim.figures, check.claim_text, check.figures)
                if verdict:
                    found.append((verdict, None, check))
        found.sort(key=lambda item: (item[0][0] != ClaimMatch.Relation.SAME, -item[0][1]))
        del found[KEPT:]
    kept = {pk for found in judged.values() for _, pk, _ in found if pk is not None}
    earlier = (
        Claim.objects.select_related("article", "final_verdict")
        .defer("article__body", "article__raw")
        .in_bulk(kept)
        if kept
        else {}
    )
    return {
        pk: [
            Match(relation, round(score, 3), earlier.get(claim_pk), check, differences)
            for (relation, score, differences), claim_pk, check in found
        ]
        for pk, found in judged.items()
    }


def find_matches(claim: Claim) -> list[Match]:
    """The claim's matches (see find_matches_for), computed now, stored nowhere."""
    return find_matches_for([claim]).get(claim.pk, [])


# --- Storing ---------------------------------------------------------------------------------


@transaction.atomic
def match_claims(claims: Iterable[Claim], *, index: bool = True) -> dict[int, list[Match]]:
    """Index `claims` (unless `index` is False: the caller just did), then find and store their
    matches (replacing those stored before); return them by claim id."""
    claims = list(claims)
    if index:
        index_claims(claims)
    found = find_matches_for(claims)
    ClaimMatch.objects.filter(claim__in=[c.pk for c in claims]).delete()
    ClaimMatch.objects.bulk_create(
        ClaimMatch(
            claim_id=pk,
            matched_claim=match.claim,
            external=match.external,
            relation=match.relation,
            score=match.score,
            differences=match.differences,
        )
        for pk, matches in found.items()
        for match in matches
    )
    return found


@transaction.atomic
def match_new_claims(claims: Sequence[Claim]) -> dict[int, list[Match]]:
    """Index, find and store the matches of claims just created (proposed on import, by "Show
    more suggestions" or anew): what match_claims does, for claims that have no index key and
    no match yet; return the matches by claim id.

    Only a claim sharing one of the keys it would look up with a claim or check it may match
    (an accepted claim of another article, an external check) can have a match: the others are
    not looked up, so the number of queries depends on the claims that may match, not on how
    many were proposed (on a first import, none may)."""
    claims = [claim for claim in claims if claim.pk is not None]
    if not claims:
        return {}
    keys = index_new_claims(claims)
    lookups = _lookup_keys(keys, _estimated_owners())
    looked_up = set().union(*(weights.keys() for weights in lookups.values()))
    owners = _matchable_owners(looked_up)
    matchable = [
        claim
        for claim in claims
        if any(
            article_id is None or article_id != claim.article_id
            for key in lookups[claim.pk]
            for article_id in owners.get(key, ())
        )
    ]
    found = find_matches_for(matchable)
    ClaimMatch.objects.bulk_create(
        ClaimMatch(
            claim_id=pk,
            matched_claim=match.claim,
            external=match.external,
            relation=match.relation,
            score=match.score,
            differences=match.differences,
        )
        for pk, matches in found.items()
        for match in matches
    )
    return {claim.pk: found.get(claim.pk, []) for claim in claims}


def _matchable_owners(keys: set[str]) -> dict[str, set[int | None]]:
    """{key: the articles of the accepted claims holding it, None for an external check} for
    the `keys` that some claim or check a match may come from holds (a query per 5,000 keys)."""
    owners: dict[str, set[int | None]] = {}
    ordered = sorted(keys)
    for start in range(0, len(ordered), 5000):
        rows = (
            MatchKey.objects.filter(key__in=ordered[start : start + 5000])
            .filter(Q(external__isnull=False) | Q(claim__status__in=Claim.Status.ACCEPTED))
            .values_list("key", "claim__article_id")
            .distinct()
            .order_by()
        )
        for key, article_id in rows:
            owners.setdefault(key, set()).add(article_id)
    return owners


def _as_match(row: ClaimMatch) -> Match:
    return Match(
        row.relation, row.score, row.matched_claim, row.external, list(row.differences or [])
    )


def stored_matches(claims: Sequence[Claim]) -> dict[int, list[Match]]:
    """The stored matches of `claims` by claim id, best first, with the matched claims' article
    and final verdict loaded (two queries). Claims never matched (they have no index key) are
    matched now, and so are those whose wording changed since they were matched."""
    ids = [claim.pk for claim in claims if claim.pk is not None]
    indexed = set(
        MatchKey.objects.filter(claim__in=ids, key__startswith="v:").values_list("claim_id", "key")
    )
    stale = [c for c in claims if c.pk is not None and (c.pk, _version_key(c)) not in indexed]
    if stale:
        match_claims(stale)
    rows = (
        ClaimMatch.objects.filter(claim__in=ids)
        .select_related("matched_claim__article", "matched_claim__final_verdict", "external")
        .order_by("claim", *ClaimMatch.BEST_FIRST)
    )
    result: dict[int, list[Match]] = {pk: [] for pk in ids}
    for row in rows:
        result[row.claim_id].append(_as_match(row))
    return result


def has_verdict(match: Match) -> bool:
    """An external check always carries its rating; an earlier claim of ours once settled."""
    if match.external is not None:
        return True
    return match.claim is not None and match.claim.is_settled


def previously_checked(claims: Sequence[Claim]) -> dict[int, Match]:
    """{claim id: the best match carrying a verdict} for the claims checked before (here, a
    settled claim; elsewhere, an external fact-check); claims with none are left out. For
    marking proposals: two queries for a whole article's claims once they are indexed.

    Whether a user may see the earlier claim's verdict is reviews.visibility's to say
    (`visible_verdict`): this returns the match, not what to show."""
    result = {}
    for pk, matches in stored_matches(claims).items():
        best = next((match for match in matches if has_verdict(match)), None)
        if best is not None:
            result[pk] = best
    return result
