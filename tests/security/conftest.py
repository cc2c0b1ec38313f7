"""One small newsroom for the security suite: every role, and an object in each state the
views act on, all made through the application's own functions."""

from dataclasses import dataclass

import pytest
from django.apps import apps

from factcheck.accounts.models import User
from factcheck.articles import archiving
from factcheck.claims import linking, matching
from factcheck.claims.models import Claim
from factcheck.reports import sharing
from factcheck.reviews import assignments, reviewing
from factcheck.reviews.models import Evidence, Review
from tests.factories import (
    ArticleFactory,
    ClaimFactory,
    SourceFactory,
    UserFactory,
    claim_in_status,
    verdict,
)

# The seven ways a request can arrive. "reviewer" and "other_reviewer" are both assigned to
# the claim under review (the first has a draft with a source); "unassigned" is a reviewer
# with no assignment; "staff" is an admin; "inactive" a deactivated account with a session.
ROLES = ["anonymous", "reviewer", "other_reviewer", "unassigned", "editor", "staff", "inactive"]


BODY = (
    "Floods in the north.\n\n"
    "Some 770 million rural people have been lifted out of poverty since 1978. "
    "The rural poor now number 5.5 million.\n\n"
    "The average life expectancy has risen to 78.2 years, the ministry said.\n\n"
    "This is a great achievement for everyone."
)


def _claim(article, opening, *, status=Claim.Status.SUGGESTED, **fields):
    """A claim over the sentence of `article` that starts with `opening`."""
    start = article.body.index(opening)
    end = min(
        article.body.index(stop, start) + 1
        for stop in (". ", ".\n")
        if stop in article.body[start:]
    )
    return ClaimFactory(article=article, start=start, end=end, status=status, **fields)


@dataclass
class World:
    users: dict
    article: object
    suggested: object  # a suggested claim on `article`, the first of its paragraph
    following: object  # the suggested claim after it, in the same paragraph
    in_review: object  # assigned to reviewer and other_reviewer; reviewer has a draft
    reviewed: object  # in review, with one review submitted; linked as the same as `published`
    resolved: object  # resolved, not published yet
    published: object
    review: object  # reviewer's draft of `in_review`
    evidence: object  # the draft's source
    source: object
    duplicate: object  # a second source, a duplicate of `source` to merge
    report: object  # the public report of `published`'s article
    archived: object  # an archived article (no claims), to restore

    def __getitem__(self, name):
        return self.users[name]


def build_world():
    editor = UserFactory(username="edna", role=User.Role.EDITOR)
    users = {
        "anonymous": None,
        "reviewer": UserFactory(username="rita", role=User.Role.REVIEWER),
        "other_reviewer": UserFactory(username="otto", role=User.Role.REVIEWER),
        "unassigned": UserFactory(username="ulla", role=User.Role.REVIEWER),
        "editor": editor,
        "staff": UserFactory(
            username="ada", role=User.Role.EDITOR, is_staff=True, is_superuser=True
        ),
        "inactive": UserFactory(username="olga", role=User.Role.REVIEWER, is_active=False),
    }
    reviewer, other = users["reviewer"], users["other_reviewer"]
    article = ArticleFactory(body=BODY, raw=BODY)
    suggested = _claim(article, "Some 770 million", checkworthiness=0.9)
    following = _claim(article, "The rural poor", checkworthiness=0.3)
    in_review = _claim(article, "The average life", status=Claim.Status.OPEN)
    assignments.assign([in_review], [reviewer, other], by=editor, notify=False)
    review, evidence = reviewing.add_evidence(
        in_review,
        by=reviewer,
        expected_version=0,
        url="https://stats.example.org/life-expectancy",
        title="Life expectancy tables",
        quote="78.2 years",
        stance=Evidence.Stance.SUPPORTS,
    )
    reviewed = claim_in_status(
        Claim.Status.IN_REVIEW, editor=editor, reviewers=[other], reviewed=True
    )
    resolved = claim_in_status(Claim.Status.RESOLVED, editor=editor, reviewers=[other])
    published = claim_in_status(Claim.Status.PUBLISHED, editor=editor, reviewers=[other])
    duplicate = SourceFactory(
        url="https://stats.example.org/life-expectancy-2", title="Life expectancy tables"
    )
    report = sharing.share(published.article, by=editor)
    reviewed = linking.link_same_claim(reviewed, published, by=editor)
    archived = archiving.archive(ArticleFactory(), by=editor)
    # Import matches the claims it proposes against those checked before; any other claim is
    # matched on the first page that shows it (claims.matching.stored_matches), a write of the
    # derived match index. Match them all now, so each request shows only its own writes.
    matching.match_claims(Claim.objects.all())
    return World(
        users=users,
        article=article,
        suggested=suggested,
        following=Claim.objects.get(pk=following.pk),
        in_review=Claim.objects.get(pk=in_review.pk),
        reviewed=reviewed,
        resolved=resolved,
        published=published,
        review=Review.objects.get(pk=review.pk),
        evidence=evidence,
        source=evidence.source,
        duplicate=duplicate,
        report=report,
        archived=archived,
    )


@pytest.fixture
def world(db):
    return build_world()


def snapshot():
    """Every row of the project's own tables, serialised: equal snapshots mean nothing was
    written. (Sessions and the users' last login are Django's, not the newsroom's data.)"""
    models = [model for model in apps.get_models() if model.__module__.startswith("factcheck.")]
    rows = {}
    for model in models:
        values = list(model.objects.order_by("pk").values())
        for row in values:
            row.pop("last_login", None)
        rows[model._meta.label] = values
    return rows


__all__ = ["ROLES", "World", "build_world", "snapshot", "verdict"]
