from pathlib import Path
from unittest import mock

import pytest

from factcheck.articles.importing import import_article
from factcheck.articles.ingest import IngestError
from factcheck.articles.models import Article
from factcheck.claims.models import Claim

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "articles" / "data" / "seed-article.txt"


def test_the_seed_article_imports_with_its_metadata_and_a_clean_body(editor, settings):
    settings.TIME_ZONE = "UTC"
    outcome = import_article(SEED.read_bytes(), by=editor, filename="seed-article.txt")
    article = outcome.article
    assert outcome.created
    assert article.title == "China's Efforts in Advancing Human Rights: At Home and Abroad"
    assert article.outlet == "Guangming Online"
    assert article.author == "WJH"
    assert article.published_at.isoformat() == "2022-12-09T18:49:00+00:00"
    assert article.imported_by == editor
    assert article.raw == SEED.read_text(encoding="utf-8")
    assert article.title not in article.body
    for residue in ("By:", "Editor: WJH", "More from", "The views and opinions"):
        assert residue not in article.body
    assert article.body.startswith("The Communist Party of China")
    assert any("Editor" in note for note in article.import_notes)


def test_claims_are_proposed_on_import_with_exact_anchors(editor):
    article = import_article(SEED.read_bytes(), by=editor).article
    claims = list(article.claims.all())
    assert claims and all(claim.status == Claim.Status.SUGGESTED for claim in claims)
    assert all(article.body[claim.start : claim.end] == claim.text for claim in claims)
    assert any("78.2 years" in claim.text for claim in claims)


def test_the_same_body_is_imported_once(editor):
    first = import_article(b"One sentence with 12 percent.\n\nAnother one.", by=editor)
    second = import_article(b"One sentence with 12 percent.\r\n\r\nAnother one.  ", by=editor)
    assert first.created and not second.created
    assert second.article == first.article
    assert Article.objects.count() == 1


def test_overrides_replace_detected_metadata(editor):
    outcome = import_article(
        SEED.read_bytes(),
        by=editor,
        overrides={"title": "Human rights white paper", "outlet": "", "url": "https://e.org/a"},
    )
    assert outcome.article.title == "Human rights white paper"
    assert outcome.article.outlet == "Guangming Online"  # an empty override keeps the detected one
    assert outcome.article.url == "https://e.org/a"


def test_bad_input_writes_nothing(editor):
    with pytest.raises(IngestError):
        import_article(b"   \n\n  ", by=editor)
    with pytest.raises(IngestError):
        import_article(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, by=editor)
    assert not Article.objects.exists()


def test_a_failure_while_proposing_claims_rolls_the_whole_import_back(editor):
    with (
        mock.patch("factcheck.claims.proposals.extraction.extract", side_effect=RuntimeError),
        pytest.raises(RuntimeError),
    ):
        import_article(SEED.read_bytes(), by=editor)
    assert not Article.objects.exists() and not Claim.objects.exists()


def test_an_article_address_that_is_not_a_plain_web_address_is_dropped_with_a_note(editor):
    text = (
        "---\ntitle: Budget\nurl: https://a.example/x><script>alert(1)</script>\n---\n\n"
        "Spending rose 12 percent in 2023, the ministry said in its annual report.\n"
    )
    article = import_article(text.encode(), by=editor, filename="budget.md").article
    assert article.url == ""
    assert any("not an http(s) web address" in note for note in article.import_notes)
    plain = import_article(b"Prices rose 3 percent.", by=editor,
                           overrides={"url": "javascript:alert(1)"}).article  # fmt: skip
    assert plain.url == ""
