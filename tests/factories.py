"""Builders for every model. Claims go through the real domain function, so a test never holds
a row the application could not have made."""

import factory
from django.contrib.auth.hashers import make_password

from factcheck.accounts.models import User
from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Verdict
from factcheck.claims.proposals import create_claim
from factcheck.reviews.models import Evidence, Review, Source

PASSWORD = "correct horse battery staple"

ARTICLE_BODY = (
    "Some 770 million rural people have been lifted out of poverty since 1978.\n\n"
    "The average life expectancy has risen to 78.2 years, the ministry said.\n\n"
    "This is a great achievement for everyone."
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    role = User.Role.REVIEWER
    password = factory.LazyFunction(lambda: make_password(PASSWORD))


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article number {n}")
    outlet = "Example Daily"
    body = factory.Sequence(lambda n: f"Article {n}.\n\n{ARTICLE_BODY}")
    raw = factory.LazyAttribute(lambda article: article.body)
    language = "en"


class ClaimFactory(factory.django.DjangoModelFactory):
    """A claim over the article's first sentence containing `phrase` (default: its first
    paragraph), created through `create_claim`."""

    class Meta:
        model = Claim

    article = factory.SubFactory(ArticleFactory)
    start = None
    end = None
    status = Claim.Status.OPEN

    @classmethod
    def _create(cls, model_class, article, start=None, end=None, **kwargs):
        if start is None or end is None:
            start = 0
            end = article.body.find("\n\n")
            end = len(article.body) if end < 0 else end
        kwargs.pop("text", None)
        return create_claim(article, start, end, **kwargs)


def verdict(slug):
    """A verdict of the default scale, which a data migration seeds."""
    return Verdict.objects.get(slug=slug)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    url = factory.Sequence(lambda n: f"https://stats.example.org/report/{n}")
    title = factory.Sequence(lambda n: f"Statistical report {n}")
    publisher = "National Bureau of Statistics"
    kind = Source.Kind.OFFICIAL


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    claim = factory.SubFactory(ClaimFactory)
    reviewer = factory.SubFactory(UserFactory)
    rationale = "Checked against the official statistics."


class EvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evidence

    review = factory.SubFactory(ReviewFactory)
    source = factory.SubFactory(SourceFactory)
    quote = "The rural poor population fell by 770 million."
    stance = Evidence.Stance.SUPPORTS


# The desk: states reached through the workflow's own functions ------------------------------


def submitted_review(claim, reviewer, slug, *, rationale=None, sources=1):
    """`reviewer`'s review of `claim` with verdict `slug` and `sources` evidence rows, submitted
    through workflow.submit (so the claim's status follows)."""
    from factcheck.reviews import workflow

    review = Review.objects.filter(claim=claim, reviewer=reviewer).first()
    if review is None:
        review = ReviewFactory(claim=claim, reviewer=reviewer)
    review.verdict = verdict(slug)
    review.rationale = rationale or f"{reviewer.username} finds it {slug}."
    review.save()
    for _ in range(sources):
        EvidenceFactory(review=review)
    return workflow.submit(review, by=reviewer)


def claim_in_status(status, *, editor, reviewers, article=None, disagree=False, reviewed=False):
    """A claim brought to `status` the way the application brings it there.

    `reviewers` need two for "disputed" (and for `disagree`); with `disagree`, resolved and
    published claims rest on reviews that disagree, so reopening makes them disputed. With
    `reviewed`, a claim in review already has one submitted review (so it can be resolved)."""
    from factcheck.claims import editing
    from factcheck.reviews import assignments, workflow

    kwargs = {"article": article} if article is not None else {}
    S = Claim.Status
    if status == S.SUGGESTED:
        return ClaimFactory(status=S.SUGGESTED, **kwargs)
    claim = ClaimFactory(status=S.OPEN, **kwargs)
    if status == S.OPEN:
        return claim
    if status == S.DISMISSED:
        return editing.dismiss(claim, by=editor, reason="duplicate")
    split = status == S.DISPUTED or disagree
    assignments.assign([claim], reviewers[:2] if split else reviewers[:1], by=editor, notify=False)
    if status == S.IN_REVIEW and not reviewed:
        return Claim.objects.get(pk=claim.pk)
    submitted_review(claim, reviewers[0], "true")
    if split:
        submitted_review(claim, reviewers[1], "false")
    if status in (S.IN_REVIEW, S.DISPUTED):
        return Claim.objects.get(pk=claim.pk)
    claim = workflow.resolve(
        claim, by=editor, verdict=verdict("true"), rationale="The figures match the census."
    )
    if status == S.RESOLVED:
        return claim
    return workflow.publish(claim, by=editor)
