from pathlib import Path

import pytest

from factcheck.articles.importing import store_article
from factcheck.articles.ingest import IngestError
from factcheck.articles.models import Article

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parents[2] / "factcheck" / "articles" / "data" / "seed-article.txt"


def test_the_seed_article_imports_with_its_metadata_and_a_clean_body(editor, settings):
    settings.TIME_ZONE = "UTC"
    outcome = store_article(SEED.read_bytes(), by=editor, filename="seed-article.txt")
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


def test_the_same_body_is_imported_once(editor):
    first = store_article(b"One sentence with 12 percent.\n\nAnother one.", by=editor)
    second = store_article(b"One sentence with 12 percent.\r\n\r\nAnother one.  ", by=editor)
    assert first.created and not second.created
    assert second.article == first.article
    assert Article.objects.count() == 1


def test_overrides_replace_detected_metadata(editor):
    outcome = store_article(
        SEED.read_bytes(),
        by=editor,
        overrides={"title": "Human rights white paper", "outlet": "", "url": "https://e.org/a"},
    )
    assert outcome.article.title == "Human rights white paper"
    assert outcome.article.outlet == "Guangming Online"  # an empty override keeps the detected one
    assert outcome.article.url == "https://e.org/a"


def test_bad_input_writes_nothing(editor):
    with pytest.raises(IngestError):
        store_article(b"   \n\n  ", by=editor)
    with pytest.raises(IngestError):
        store_article(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, by=editor)
    assert not Article.objects.exists()


def test_an_article_address_that_is_not_a_plain_web_address_is_dropped_with_a_note(editor):
    text = (
        "---\ntitle: Budget\nurl: https://a.example/x><script>alert(1)</script>\n---\n\n"
        "Spending rose 12 percent in 2023, the ministry said in its annual report.\n"
    )
    article = store_article(text.encode(), by=editor, filename="budget.md").article
    assert article.url == ""
    assert any("not an http(s) web address" in note for note in article.import_notes)
    plain = store_article(b"Prices rose 3 percent.", by=editor,
                           overrides={"url": "javascript:alert(1)"}).article  # fmt: skip
    assert plain.url == ""


def test_storing_an_article_proposes_no_claims_by_itself(editor):
    # Proposing is the claims app's half of an import: claims.importing.import_and_propose.
    article = store_article(SEED.read_bytes(), by=editor).article
    assert not article.claims.exists()


def test_the_article_keeps_what_the_source_said_of_its_date(db, settings):
    settings.TIME_ZONE = "UTC"
    body = "Port strike ends\n\nBy Jane Roe | 9 December 2022\n\n" + (
        "The ministry said on Tuesday that 4,210 new homes were finished in the first half of "
        "the year, up 12 percent from the same period a year earlier."
    )
    day_only = store_article(body.encode(), filename="a.txt").article
    day_only.refresh_from_db()
    assert day_only.published_time_known is False
    assert day_only.published_label == "9 December 2022"
    timed = store_article(
        body.replace("9 December 2022", "2022-12-09T18:49:00-05:00")
        .replace("4,210", "4,211")
        .encode(),
        filename="b.txt",
    ).article
    timed.refresh_from_db()
    assert (timed.published_time_known, timed.published_offset) == (True, -300)
    assert timed.published_label == "9 December 2022, 18:49 -05:00"
