"""Storing an article: read and clean the upload, store it once.

This is the articles' half of an import. Proposing the new article's claims is the claims app's
half; claims.importing.import_and_propose does both in one transaction, and is what the import
screen, the import_article command and the demo call.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction

from factcheck.articles import ingest
from factcheck.articles.models import Article, body_sha256

OVERRIDABLE = ("title", "url", "outlet", "author", "published_at", "language")
web_address = URLValidator(schemes=["http", "https"])


@dataclass
class StoredArticle:
    article: Article
    created: bool
    reading: ingest.Reading


def read_upload(data, *, filename="", format="auto"):
    """Read and clean without storing (for previews). Raises ingest.IngestError."""
    return ingest.read(
        data, filename=filename, format=format, max_bytes=settings.FACTCHECK_MAX_ARTICLE_BYTES
    )


def _is_web_address(url):
    """An article's address must be a plain http(s) URL: it is shown as a link in reports."""
    try:
        web_address(url)
    except ValidationError:
        return False
    return not any(character in url for character in "<>\"'` ")


@transaction.atomic
def store_article(data, *, by=None, filename="", format="auto", overrides=None):
    """Read, clean and store one article from raw bytes; return a StoredArticle.

    The same body (by the SHA-256 of its normalised text) is stored once: storing it again
    returns the first article with created=False, also when a concurrent import stores it
    first. `overrides` replaces detected metadata
    (title, url, outlet, author, published_at, language) where its values are not empty.
    Raises ingest.IngestError for input that cannot be read; nothing is written then.
    """
    reading = read_upload(data, filename=filename, format=format)
    existing = Article.objects.filter(content_sha256=body_sha256(reading.body)).first()
    if existing is not None:
        return StoredArticle(article=existing, created=False, reading=reading)
    metadata = {field: getattr(reading, field) for field in OVERRIDABLE}
    metadata["published_time_known"] = reading.published_time_known
    metadata["published_offset"] = reading.published_offset
    overrides = {key: value for key, value in (overrides or {}).items() if value}
    if "published_at" in overrides:  # typed by the editor, in the newsroom's zone
        metadata.update(published_time_known=True, published_offset=None)
    metadata.update(overrides)
    notes = list(reading.dropped) + list(reading.warnings)
    if metadata["url"] and not _is_web_address(metadata["url"]):
        notes.append(f"Ignored the address {metadata['url'][:200]!r}: not an http(s) web address.")
        metadata["url"] = ""
    if not metadata["title"]:
        metadata["title"] = (reading.paragraphs[0] if reading.paragraphs else "Untitled")[:200]
    article = Article(
        body=reading.body,
        raw=reading.raw_text,
        source_format=reading.source_format,
        import_notes=notes,
        imported_by=by,
        **metadata,
    )
    article.full_clean(exclude=["content_sha256"])
    try:
        with transaction.atomic():
            article.save()
    except IntegrityError:
        # A concurrent import stored the same text between the check above and this insert
        # (the unique index made this one wait for it to commit): that article is the one.
        existing = Article.objects.filter(content_sha256=article.content_sha256).first()
        if existing is None:
            raise
        return StoredArticle(article=existing, created=False, reading=reading)
    return StoredArticle(article=article, created=True, reading=reading)
