"""Several people (or tabs, or app instances) doing the same thing at the same moment: exactly
one of them succeeds, the others are told, and nothing is written twice."""

import re
import threading
from collections import Counter
from unittest.mock import patch

from django.test import Client

from factcheck.accounts.models import User
from factcheck.articles import importing
from factcheck.articles.importing import read_upload
from factcheck.articles.models import Article
from factcheck.claims.importing import import_and_propose
from factcheck.claims.models import Claim
from factcheck.reviews import assignments
from factcheck.reviews.models import Assignment, Review
from tests.concurrency.conftest import race
from tests.factories import ClaimFactory, UserFactory, claim_in_status, verdict

HTMX = {"HTTP_HX_REQUEST": "true"}
WAYS = 6


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_of_six_simultaneous_saves_of_one_review_one_wins_and_five_get_the_conflict(
    editor, reviewer
):
    claim = ClaimFactory()
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    tabs = [logged_in(reviewer) for _ in range(WAYS)]
    true = verdict("true")

    def save(tab, n):
        data = {"verdict": true.pk, "rationale": f"Written in tab {n}.", "version": 0}
        return lambda: tab.post(f"/review/{claim.pk}/draft/", data, **HTMX)

    responses = race(*(save(tab, n) for n, tab in enumerate(tabs)))

    statuses = [getattr(response, "status_code", response) for response in responses]
    assert sorted(statuses) == [200] + [409] * (WAYS - 1)
    winner = statuses.index(200)
    review = Review.objects.get(claim=claim, reviewer=reviewer)
    assert review.version == 1
    assert review.rationale == f"Written in tab {winner}."
    assert review.history.count() == 2  # created, then the one save
    for response in responses:
        if response.status_code == 409:
            assert "changed elsewhere" in response.content.decode()


def test_of_several_editors_resolving_one_claim_at_once_exactly_one_resolves_it(reviewer):
    editors = [UserFactory(username=f"editor{n}", role=User.Role.EDITOR) for n in range(WAYS)]
    claim = claim_in_status(
        Claim.Status.IN_REVIEW, editor=editors[0], reviewers=[reviewer], reviewed=True
    )
    slugs = ["true", "false", "misleading", "true", "false", "misleading"]

    def resolve(editor, n):
        data = {
            "verdict": verdict(slugs[n]).pk,
            "rationale": f"Settled by editor {n}.",
            "version": claim.version,
        }
        client = logged_in(editor)
        return lambda: client.post(f"/claims/{claim.pk}/resolve/", data, **HTMX)

    responses = race(*(resolve(editor, n) for n, editor in enumerate(editors)))

    statuses = [getattr(response, "status_code", response) for response in responses]
    assert sorted(statuses) == [200] + [409] * (WAYS - 1)
    winner = statuses.index(200)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.RESOLVED
    assert claim.rationale == f"Settled by editor {winner}."
    assert claim.final_verdict.slug == slugs[winner]
    resolutions = claim.history.filter(history_change_reason__startswith="resolved")
    assert resolutions.count() == 1


def test_simultaneous_auto_assigns_of_one_article_never_over_assign_a_claim(settings, article):
    settings.FACTCHECK_REVIEWS_PER_CLAIM = 2
    editors = [UserFactory(username=f"editor{n}", role=User.Role.EDITOR) for n in range(4)]
    for n in range(5):
        UserFactory(username=f"reviewer{n}", role=User.Role.REVIEWER)
    lines = [match.span() for match in re.finditer(r"[^\n]+", article.body)][-3:]
    claims = [ClaimFactory(article=article, start=start, end=end) for start, end in lines]
    assert len(claims) == 3

    def auto_assign(editor):
        client = logged_in(editor)
        return lambda: client.post(f"/articles/{article.pk}/auto-assign/")

    responses = race(*(auto_assign(editor) for editor in editors))

    assert [getattr(response, "status_code", response) for response in responses] == [302] * 4
    per_claim = Counter(Assignment.objects.values_list("claim_id", flat=True))
    assert per_claim == {claim.pk: 2 for claim in claims}
    per_reviewer = Counter(Assignment.objects.values_list("reviewer_id", flat=True))
    assert max(per_reviewer.values()) - min(per_reviewer.values(), default=0) <= 1
    assert len(per_reviewer) == 5  # 6 assignments over 5 reviewers: everyone has one or two


def test_simultaneous_imports_of_one_article_store_it_once_with_its_claims_once(editor):
    text = (
        b"Ministry figures: 770 million rural people were lifted out of poverty since 1978.\n\n"
        b"Life expectancy rose to 78.2 years in 2023, the health commission said.\n\n"
        b"Grain output reached a record 695 million tonnes, up 1.3 percent on the year."
    )
    # Every import reads the text, then waits for the others: all of them then look for the
    # text at the same moment, find nothing, and try to store it (the race at its widest).
    all_read = threading.Barrier(WAYS)

    def read_then_wait(*args, **kwargs):
        reading = read_upload(*args, **kwargs)
        all_read.wait(timeout=30)
        return reading

    with patch.object(importing, "read_upload", read_then_wait):
        outcomes = race(*(lambda: import_and_propose(text, by=editor) for _ in range(WAYS)))

    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert errors == []
    assert Article.objects.count() == 1
    article = Article.objects.get()
    assert {outcome.article.pk for outcome in outcomes} == {article.pk}
    created = [outcome for outcome in outcomes if outcome.created]
    assert len(created) == 1
    assert article.claims.count() == len(created[0].proposed) > 0
