"""Importing an article: store it (articles.importing), then propose its claims (proposals).

One transaction holds both, so an import either stores the article with its proposed claims or
stores nothing: a failure while proposing rolls the article back too. The import screen, the
import_article command and the demo all call import_and_propose; the articles app cannot, as it
may not import the claims app.
"""

from dataclasses import dataclass, field

from django.db import transaction

from factcheck import events
from factcheck.articles import ingest
from factcheck.articles.importing import store_article
from factcheck.articles.models import Article
from factcheck.claims import matching
from factcheck.claims.models import Claim
from factcheck.claims.proposals import propose_claims


@dataclass
class ImportOutcome:
    article: Article
    created: bool  # False when the same text was already here: that article is returned
    reading: ingest.Reading
    proposed: list[Claim] = field(default_factory=list)  # none when the article was already here


@transaction.atomic
def import_and_propose(data, *, by=None, filename="", format="auto", overrides=None):
    """Import one article from raw bytes and propose its claims; return an ImportOutcome.

    An article whose text is already here is not stored again, nor are claims proposed again.
    Raises ingest.IngestError for input that cannot be read, ValidationError for metadata that
    does not fit; nothing is written then, nor when proposing fails.
    """
    stored = store_article(data, by=by, filename=filename, format=format, overrides=overrides)
    outcome = ImportOutcome(stored.article, stored.created, stored.reading)
    if stored.created:
        outcome.proposed = propose_claims(stored.article)
        matching.match_new_claims(outcome.proposed)  # marks proposals checked before
        events.article_imported(stored.article, proposed=len(outcome.proposed))
    return outcome
