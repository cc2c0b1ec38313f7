"""The article page's "Checked before" marks on suggestions and claims (reviews.panel
.checked_before), with what each user may read of the earlier verdict."""

import datetime
import json
import re

import pytest

from factcheck.claims import matching
from factcheck.claims.external import import_claimreviews
from factcheck.reviews import workflow
from tests.factories import ArticleFactory, ClaimFactory, claim_in_status

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
EARLIER = "Some 770 million rural Chinese have been lifted out of poverty since 1978."
LATER = "China has lifted 770m rural Chinese out of poverty since 1978, the minister said."
CHANGED = "Some 700 million rural Chinese have been lifted out of poverty since 1978."
NEW = "The new bridge over the river opened to traffic on Monday morning."
SEVENTY = "More than 70% of global poverty reduction came from China."


def settled(status, editor, reviewer, text=EARLIER, title="An earlier white paper"):
    article = ArticleFactory(
        body=text,
        title=title,
        published_at=datetime.datetime(2024, 3, 5, 12, tzinfo=datetime.UTC),
    )
    earlier = claim_in_status(status, editor=editor, reviewers=[reviewer], article=article)
    matching.index_claims([earlier])
    return earlier


def later_article(*sentences, status="suggested"):
    """An article of `sentences`, each proposed as a claim and matched, as importing does."""
    article = ArticleFactory(body="\n\n".join(sentences), title="A new speech")
    claims = []
    for sentence in sentences:
        start = article.body.index(sentence)
        claims.append(
            ClaimFactory(article=article, start=start, end=start + len(sentence), status=status)
        )
    matching.match_claims(claims)
    return article, claims


def row(html, claim):
    """The claim's item in the page's claim lists."""
    item = html[html.index(f'<li id="claim-{claim.pk}"') :]
    return item[: item.index("</li>")]


def text_of(fragment):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", fragment)).strip()


def test_a_suggestion_checked_before_is_marked_with_the_verdict_article_and_date(
    client, editor, reviewer
):
    earlier = settled("resolved", editor, reviewer)
    article, (same, new) = later_article(LATER, NEW)
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    mark = row(html, same)
    assert 'data-checked-before="same"' in mark
    assert "Checked before: True (An earlier white paper, 5 Mar 2024)" in text_of(mark)
    assert f'href="/claims/{earlier.pk}/"' in mark  # the earlier claim on the editors' desk
    assert "checked-before" not in row(html, new)
    assert "1 of 2 suggestions were checked before." in text_of(html)


def test_a_page_without_any_match_has_no_mark_and_no_count(client, editor, reviewer):
    settled("resolved", editor, reviewer)
    article, _claims = later_article(NEW, "Parliament meets again on Tuesday after the summer.")
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "checked-before" not in html and "data-checked-summary" not in html
    assert "Checked before" not in html


def test_a_claim_with_other_figures_is_marked_related_with_both_figures(client, editor, reviewer):
    settled("published", editor, reviewer, text=EARLIER)
    article, (related,) = later_article(CHANGED)
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    mark = row(html, related)
    assert 'data-checked-before="related"' in mark
    assert re.findall(r"<mark>([^<]*)</mark>", mark) == [
        "Some 700 million rural Chinese",
        "Some 770 million rural Chinese",
    ]
    text = text_of(mark)
    assert "Related claim, other figures: Some 700 million rural Chinese vs" in text
    assert "Checked before: True (An earlier white paper, 5 Mar 2024)" in text
    summary = text_of(html[html.index("data-checked-summary") :].split("</p>")[0])
    assert "0 of 1 suggestion was checked before." in summary
    assert "1 more is related to a claim checked before, with other figures." in summary


def test_a_claim_checked_by_another_fact_checker_links_out_without_passing_anything_on(
    client, editor
):
    record = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://checks.example.org/seventy",
        "claimReviewed": "Over 70 percent of global poverty reduction came from China.",
        "author": {"@type": "Organization", "name": "Example <Check>"},
        "reviewRating": {"@type": "Rating", "alternateName": "Misleading"},
        "datePublished": "2024-02-20",
    }
    import_claimreviews(json.dumps(record))
    article, (claim,) = later_article(SEVENTY, status="open")
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    mark = row(html, claim)
    assert (
        '<a href="https://checks.example.org/seventy" rel="noopener noreferrer nofollow">' in mark
    )
    assert "Checked by Example &lt;Check&gt;: Misleading (20 Feb 2024)" in text_of(mark)
    # An accepted claim is marked too, and counts no suggestion.
    assert "data-checked-summary" not in html


def test_a_reviewer_sees_the_earlier_verdict_only_once_it_is_published(client, editor, reviewer):
    earlier = settled("resolved", editor, reviewer)
    article, (claim,) = later_article(LATER)
    client.force_login(reviewer)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "checked-before" not in html and "True" not in text_of(row(html, claim))
    assert "data-checked-summary" not in html

    workflow.publish(earlier, by=editor)
    html = client.get(article.get_absolute_url()).content.decode()
    mark = row(html, claim)
    assert "Checked before: True (An earlier white paper, 5 Mar 2024)" in text_of(mark)
    # Reviewers are sent to the earlier claim in its article, not to the editors' desk.
    assert f'href="{earlier.get_absolute_url()}"' in mark


def test_the_mark_stays_when_htmx_swaps_the_workspace_after_an_accept(client, editor, reviewer):
    settled("resolved", editor, reviewer)
    article, (same, new) = later_article(LATER, NEW)
    client.force_login(editor)
    response = client.post(f"/claims/{new.pk}/accept/", {"version": 1}, **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert "Checked before: True" in text_of(row(html, same))
    assert "1 of 1 suggestion was checked before." in text_of(html)


def test_a_dismissed_claim_is_not_counted_nor_marked(client, editor, reviewer):
    settled("resolved", editor, reviewer)
    article, (same, _new) = later_article(LATER, NEW)
    client.force_login(editor)
    client.post(f"/claims/{same.pk}/dismiss/", {"version": 1, "reason": "duplicate"})
    html = client.get(article.get_absolute_url()).content.decode()
    assert "checked-before" not in html and "data-checked-summary" not in html
