"""The article page's proposals: their bands, "Show N more suggestions", and correcting the
article's language."""

import re

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from factcheck.claims import matching
from factcheck.claims.models import Claim, ClaimMatch
from factcheck.claims.proposals import propose_claims
from tests.claims.fixed_scores import MEDIUM, NONE, STRONG, WEAK, body_of, fixed_model
from tests.factories import ArticleFactory, claim_in_status

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def fixed(monkeypatch, settings):
    """Fixed scores (tests/claims/fixed_scores.py); a budget of 0.7 / 0.45 / 0.25 / 15 %."""
    settings.FACTCHECK_PROPOSAL_HIGH = 0.7
    settings.FACTCHECK_PROPOSAL_MEDIUM = 0.45
    settings.FACTCHECK_PROPOSAL_MIN_SCORE = 0.25
    settings.FACTCHECK_PROPOSAL_SHARE = 0.15
    settings.FACTCHECK_PROPOSAL_MIN = 1
    settings.FACTCHECK_PROPOSAL_FIGURE_MIN = 1.0  # the numbered test sentences are not statistics
    versions = {"en": "en-1", "zh": "zh-1", "": "none"}
    monkeypatch.setattr(
        "factcheck.claims.proposals.scoring_model",
        lambda article: fixed_model(versions[article.language]),
    )


@pytest.fixture
def article():
    """15 sentences: 2 proposed (one strong, then the best medium), 12 held back, 1 left out."""
    markers = [WEAK, MEDIUM, STRONG, *[MEDIUM] * 3, *[WEAK] * 8, NONE]
    article = ArticleFactory(body=body_of(*markers), language="en")
    matching.match_claims(propose_claims(article))  # as importing does
    return article


def sentence_numbers(claims):
    return [int(claim.text.split()[1]) for claim in claims]


def listed(html):
    """The claims in the page's suggestion list, by sentence number, in the order shown."""
    suggestions = html[html.index("Suggestions, strongest first") :]
    suggestions = suggestions[: suggestions.index("</ol>")]
    return [int(n) for n in re.findall(r'data-claim="\d+">Sentence (\d+) reads', suggestions)]


def test_suggestions_are_listed_strongest_first_with_their_band(client, editor, article):
    client.force_login(editor)
    html = client.get(article.get_absolute_url()).content.decode()
    assert listed(html) == [2, 1]
    assert 'class="badge band band-high"' in html and ">High</span>" in html
    assert ">Medium</span>" in html
    assert "Why it was proposed" in html
    # The article text keeps its reading order.
    text = html[html.index('class="article-body"') : html.index('class="claims"')]
    assert text.index("Sentence 1 reads") < text.index("Sentence 2 reads")
    assert "Show 10 more suggestions" in html and "of 12 held back" in html


def test_accepted_claims_leave_the_suggestions_for_a_list_in_reading_order(client, editor, article):
    strong = article.claims.get(text__startswith="Sentence 2 ")
    client.force_login(editor)
    response = client.post(f"/claims/{strong.pk}/accept/", {"version": 1}, **HTMX)
    html = response.content.decode()
    assert listed(html) == [1]
    accepted = html[html.index("Accepted claims, in reading order") :]
    assert "Sentence 2 reads" in accepted
    # Focus went on to the next suggestion, not to where the accepted claim moved.
    focused = html[: html.index("autofocus")]
    assert focused.rindex('id="claim-') == focused.rindex(
        f'id="claim-{article.claims.get(text__startswith="Sentence 1 ").pk}"'
    )


def test_show_more_with_htmx_swaps_in_the_next_suggestions_and_focuses_the_first(
    client, editor, article
):
    client.force_login(editor)
    response = client.post(f"/articles/{article.pk}/claims/more/", **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="workspace"' in html
    assert "10 more suggestions shown." in html
    assert listed(html) == [2, 1, 3, 4, 5, 0, 6, 7, 8, 9, 10, 11]
    first = article.claims.get(text__startswith="Sentence 3 ")
    assert re.search(rf'id="claim-{first.pk}"[^>]*autofocus', html)
    assert "Show 2 more suggestions" in html and "held back" not in html
    assert article.claims.filter(status=Claim.Status.SUGGESTED).count() == 12
    assert article.candidates.count() == 2


def test_show_more_as_a_plain_form_redirects_back_to_the_first_new_suggestion(
    client, editor, article
):
    client.force_login(editor)
    client.post(f"/articles/{article.pk}/claims/more/")
    response = client.post(f"/articles/{article.pk}/claims/more/")
    assert response.status_code == 302
    newest = article.claims.get(text__startswith="Sentence 12 ")
    assert response["Location"] == f"/articles/{article.pk}/#claim-{newest.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "2 more suggestions shown." in page
    assert "data-show-more" not in page
    assert not article.candidates.exists()
    refused = client.post(f"/articles/{article.pk}/claims/more/")
    assert refused.status_code == 302
    assert [str(m) for m in get_messages(refused.wsgi_request)] == [
        "There are no more suggestions."
    ]


def test_triage_of_a_shown_suggestion_and_its_undo_work_as_for_any_other(client, editor, article):
    client.force_login(editor)
    client.post(f"/articles/{article.pk}/claims/more/", **HTMX)
    shown = article.claims.get(text__startswith="Sentence 3 ")
    dismissed = client.post(
        f"/claims/{shown.pk}/dismiss/", {"version": 1, "reason": "opinion"}, **HTMX
    )
    assert "Claim dismissed." in dismissed.content.decode()
    shown.refresh_from_db()
    assert shown.status == Claim.Status.DISMISSED
    undone = client.post(f"/claims/{shown.pk}/undo/", {"version": shown.version}, **HTMX)
    assert "Undone." in undone.content.decode()
    shown.refresh_from_db()
    assert shown.status == Claim.Status.SUGGESTED


def test_reviewers_cannot_show_more_and_an_unknown_article_is_404(
    client, reviewer, editor, article
):
    client.force_login(reviewer)
    assert client.post(f"/articles/{article.pk}/claims/more/").status_code == 403
    assert client.post(f"/articles/{article.pk}/claims/more/", **HTMX).status_code == 403
    page = client.get(article.get_absolute_url()).content.decode()
    assert "data-show-more" not in page and "Correct the language" not in page
    assert article.candidates.count() == 12
    client.force_login(editor)
    assert client.post("/articles/987654/claims/more/").status_code == 404
    assert client.get(f"/articles/{article.pk}/claims/more/").status_code == 405


def test_show_more_needs_the_csrf_token(editor, article):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(f"/articles/{article.pk}/claims/more/").status_code == 403
    assert article.candidates.count() == 12


def test_the_article_page_query_count_stays_fixed_with_candidates(
    client, editor, article, django_assert_max_num_queries
):
    client.force_login(editor)
    client.post(f"/articles/{article.pk}/claims/more/")
    with django_assert_max_num_queries(10):
        html = client.get(article.get_absolute_url()).content.decode()
    assert len(listed(html)) == 12


EARLIER = "Some 770 million rural Chinese have been lifted out of poverty since 1978."


def checked_before(editor, reviewer):
    """A claim of another article, resolved: what the suggestions below were checked as."""
    earlier = claim_in_status(
        "resolved", editor=editor, reviewers=[reviewer], article=ArticleFactory(body=EARLIER)
    )
    matching.index_claims([earlier])
    return earlier


def with_a_claim_checked_before(marker):
    """body_of's sentences, the third one stating EARLIER's claim with `marker`'s score."""
    sentences = body_of(STRONG, MEDIUM, WEAK, *[WEAK] * 11, NONE).split(". ")
    sentences[2] = (
        f"It {marker} says some 770 million rural Chinese have been lifted out of poverty"
    )
    article = ArticleFactory(body=". ".join(sentences), language="en")
    matching.match_claims(propose_claims(article))
    return article


def test_suggestions_shown_by_show_more_are_matched_and_marked(client, editor, reviewer):
    earlier = checked_before(editor, reviewer)
    article = with_a_claim_checked_before(WEAK)
    held = article.candidates.get(text__contains="770 million")
    client.force_login(editor)
    assert client.post(f"/articles/{article.pk}/claims/more/").status_code == 302
    shown = article.claims.get(start=held.start)
    assert ClaimMatch.objects.get(claim=shown).matched_claim == earlier  # before any page asks
    html = client.get(article.get_absolute_url()).content.decode()
    item = html[html.index(f'<li id="claim-{shown.pk}"') :]
    assert "Checked before: True" in item[: item.index("</li>")]
    assert "1 of 12 suggestions were checked before." in html


def test_suggestions_proposed_again_for_another_language_are_matched(client, editor, reviewer):
    earlier = checked_before(editor, reviewer)
    article = with_a_claim_checked_before(STRONG)
    ClaimMatch.objects.all().delete()  # matched on import; proposing again must match anew
    client.force_login(editor)
    client.post(f"/articles/{article.pk}/language/", {"language": "zh"})
    proposed = article.claims.get(text__contains="770 million")
    assert proposed.model_version == "zh-1"
    assert ClaimMatch.objects.get(claim=proposed).matched_claim == earlier
    assert "Checked before: True" in client.get(article.get_absolute_url()).content.decode()


def test_the_language_is_shown_and_an_editor_corrects_it(client, editor, article):
    client.force_login(editor)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<dd data-language>English (en)</dd>" in page
    assert '<option value="zh">Chinese (zh)</option>' in page
    response = client.post(f"/articles/{article.pk}/language/", {"language": "zh"})
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url()
    page = client.get(response["Location"]).content.decode()
    assert "<dd data-language>Chinese (zh)</dd>" in page
    assert "Language set to Chinese (zh); 2 suggestions proposed again." in page
    assert {c.model_version for c in article.claims.all()} == {"zh-1"}


def test_a_language_the_app_does_not_know_is_refused_and_nothing_is_written(
    client, editor, article
):
    before = list(article.claims.values_list("pk", "model_version"))
    client.force_login(editor)
    response = client.post(f"/articles/{article.pk}/language/", {"language": "xx"})
    assert response.status_code == 302
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert "xx is not one of the available choices" in message
    article.refresh_from_db()
    assert article.language == "en"
    assert list(article.claims.values_list("pk", "model_version")) == before
    assert article.candidates.count() == 12


def test_reviewers_cannot_correct_the_language(client, reviewer, article):
    client.force_login(reviewer)
    assert client.post(f"/articles/{article.pk}/language/", {"language": "zh"}).status_code == 403
    article.refresh_from_db()
    assert article.language == "en"


def test_an_article_without_a_detected_language_says_so(client, reviewer):
    article = ArticleFactory(body=body_of(STRONG), language="")
    client.force_login(reviewer)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<dd data-language>not detected</dd>" in page
