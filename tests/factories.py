"""Builders for every model. Claims go through the real domain function, so a test never holds
a row the application could not have made."""

import factory
from django.contrib.auth.hashers import make_password

from factcheck.accounts.models import User
from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reviews.models import Assignment, Comment, Evidence, Review, Source, Verdict

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


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    claim = factory.SubFactory(ClaimFactory)
    reviewer = factory.SubFactory(UserFactory)


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    claim = factory.SubFactory(ClaimFactory)
    author = factory.SubFactory(UserFactory)
    body = "Which year does the baseline refer to?"
