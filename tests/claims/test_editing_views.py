import re

import pytest
from django.test import Client

from factcheck.claims import matching
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from tests.factories import ArticleFactory, claim_in_status

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BODY = "Exports rose 12 percent in 2021. Imports fell 3 percent.\n\nThe bridge cost 2.5 billion."


@pytest.fixture
def article():
    return ArticleFactory(body=BODY)


@pytest.fixture
def claim(article):
    return create_claim(article, 0, len("Exports rose 12 percent in 2021."), status="suggested")


def test_accept_through_htmx_swaps_the_workspace_and_announces_it(client, editor, claim):
    client.force_login(editor)
    response = client.post(f"/claims/{claim.pk}/accept/", {"version": 1}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="workspace"' in html and "Claim accepted." in html
    claim.refresh_from_db()
    assert claim.status == Claim.Status.OPEN


def test_accept_as_a_plain_form_redirects_back_to_the_claim(client, editor, claim):
    client.force_login(editor)
    response = client.post(f"/claims/{claim.pk}/accept/", {"version": 1})
    assert response.status_code == 302
    assert response["Location"] == (
        f"/articles/{claim.article_id}/?undo={claim.pk}&version=2#claim-{claim.pk}"
    )
    page = client.get(response["Location"]).content.decode()
    assert "Claim accepted." in page
    assert f'action="/claims/{claim.pk}/undo/"' in page and ">Undo</button>" in page


def test_a_stale_version_answers_409_with_the_current_state(client, editor, claim):
    client.force_login(editor)
    client.post(f"/claims/{claim.pk}/restate/", {"version": 1, "normalized": "Exports: +12%"})
    response = client.post(
        f"/claims/{claim.pk}/dismiss/", {"version": 1, "reason": "duplicate"}, **HTMX
    )
    assert response.status_code == 409
    assert "changed by someone else" in response.content.decode()
    assert "Exports: +12%" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUGGESTED


def test_invalid_input_answers_422_and_writes_nothing(client, editor, claim):
    client.force_login(editor)
    response = client.post(f"/claims/{claim.pk}/dismiss/", {"version": 1, "reason": ""}, **HTMX)
    assert response.status_code == 422
    assert "This field is required" in response.content.decode()
    plain = client.post(f"/claims/{claim.pk}/split/", {"version": 1, "at": 0})
    assert plain.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUGGESTED and Claim.objects.count() == 1


def test_split_and_merge_through_the_views(client, editor, article):
    client.force_login(editor)
    claim = create_claim(article, 0, article.body.index("\n\n"))
    at = article.body.index("Imports")
    client.post(f"/claims/{claim.pk}/split/", {"version": 1, "at": at}, **HTMX)
    first, second = Claim.objects.order_by("start")
    assert (first.text, second.text) == (
        "Exports rose 12 percent in 2021.",
        "Imports fell 3 percent.",
    )
    client.post(f"/claims/{first.pk}/merge/", {"version": first.version, "following": second.pk})
    assert Claim.objects.get().text == "Exports rose 12 percent in 2021. Imports fell 3 percent."


def test_new_claim_from_a_selection(client, editor, article):
    client.force_login(editor)
    start = article.body.index("The bridge")
    response = client.post(
        f"/articles/{article.pk}/claims/new/",
        {"start": start, "end": len(article.body), "text": "The bridge cost 2.5 billion."},
        **HTMX,
    )
    assert response.status_code == 200
    assert Claim.objects.get().text == "The bridge cost 2.5 billion."
    bad = client.post(
        f"/articles/{article.pk}/claims/new/", {"start": 0, "end": 7, "text": "Imports"}, **HTMX
    )
    assert bad.status_code == 422 and "does not match" in bad.content.decode()
    assert Claim.objects.count() == 1


def test_bulk_accept_from_the_article_page(client, editor, article, claim):
    Claim.objects.filter(pk=claim.pk).update(checkworthiness=0.8)
    client.force_login(editor)
    response = client.post(
        f"/articles/{article.pk}/claims/bulk/", {"action": "accept_above", "threshold": 0.5}
    )
    assert response.status_code == 302
    claim.refresh_from_db()
    assert claim.status == Claim.Status.OPEN


@pytest.mark.parametrize(
    "path",
    ["accept", "dismiss", "restate", "span", "extend", "split", "merge"],
)
def test_reviewers_cannot_use_the_claim_tools(client, reviewer, claim, path):
    client.force_login(reviewer)
    response = client.post(f"/claims/{claim.pk}/{path}/", {"version": 1, "reason": "x"}, **HTMX)
    assert response.status_code == 403
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUGGESTED and claim.version == 1


def test_reviewers_cannot_create_or_bulk_change_claims(client, reviewer, article):
    client.force_login(reviewer)
    assert client.post(f"/articles/{article.pk}/claims/new/", {}).status_code == 403
    assert client.post(f"/articles/{article.pk}/claims/bulk/", {}).status_code == 403


def test_the_tools_refuse_get_and_need_csrf(editor, claim):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.get(f"/claims/{claim.pk}/accept/").status_code == 405
    assert client.post(f"/claims/{claim.pk}/accept/", {"version": 1}, **HTMX).status_code == 403


def test_an_unknown_claim_is_404(client, editor):
    client.force_login(editor)
    assert client.post("/claims/987654/accept/", {"version": 1}).status_code == 404


def test_the_article_page_highlights_claims_at_their_offsets(client, reviewer, article, claim):
    client.force_login(reviewer)
    html = client.get(article.get_absolute_url()).content.decode()
    # (The template may break lines inside a tag, never in the paragraph's text.)
    paragraphs = re.findall(r'<p data-start="(\d+)"\s+data-start16="(\d+)">(.*?)</p>', html, re.S)
    assert paragraphs[0][:2] == ("0", "0")
    assert re.match(rf'<a\s+href="#claim-{claim.pk}"', paragraphs[0][2])
    second = str(article.body.index("The bridge"))
    assert paragraphs[1] == (second, second, "The bridge cost 2.5 billion.")
    assert "Accept" not in html  # reviewers get no editor tools


def test_the_article_page_query_count_does_not_grow_with_claims(
    client, editor, reviewer, django_assert_max_num_queries
):
    # Claims checked before in other articles: the first three suggestions are the same claims.
    earlier = [
        claim_in_status(
            "resolved",
            editor=editor,
            reviewers=[reviewer],
            article=ArticleFactory(body=f"Sentence {n} says {n} percent."),
        )
        for n in range(3)
    ]
    matching.index_claims(earlier)
    article = ArticleFactory(body=" ".join(f"Sentence {n} says {n} percent." for n in range(300)))
    claims = []
    for n in range(300):
        phrase = f"Sentence {n} says {n} percent."
        start = article.body.index(phrase)
        claims.append(create_claim(article, start, start + len(phrase), status="suggested"))
    matching.match_claims(claims)
    client.force_login(editor)
    with django_assert_max_num_queries(10):
        response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert html.count('class="claim status-suggested"') == 300
    assert html.count('data-checked-before="same"') == 3
    assert "3 of 300 suggestions were checked before." in html


def test_reviewers_may_propose_from_a_selection_only_when_allowed(
    client, reviewer, article, settings
):
    client.force_login(reviewer)
    start = article.body.index("The bridge")
    data = {"start": start, "end": len(article.body), "text": "The bridge cost 2.5 billion."}
    settings.FACTCHECK_REVIEWERS_MAY_PROPOSE = False
    assert client.post(f"/articles/{article.pk}/claims/new/", data).status_code == 403
    assert "data-selectable" not in client.get(article.get_absolute_url()).content.decode()
    assert not Claim.objects.exists()

    settings.FACTCHECK_REVIEWERS_MAY_PROPOSE = True
    assert "data-selectable" in client.get(article.get_absolute_url()).content.decode()
    response = client.post(f"/articles/{article.pk}/claims/new/", data, **HTMX)
    assert response.status_code == 200
    assert "an editor will review it" in response.content.decode()
    proposed = Claim.objects.get()
    assert proposed.status == Claim.Status.SUGGESTED and proposed.origin == Claim.Origin.MANUAL


def test_a_claim_made_by_hand_says_who_added_it_instead_of_a_proposal_score(
    client, editor, article, django_assert_max_num_queries
):
    client.force_login(editor)
    start = article.body.index("The bridge")
    data = {"start": start, "end": len(article.body), "text": "The bridge cost 2.5 billion."}
    client.post(f"/articles/{article.pk}/claims/new/", data)
    # The first page to show the new claim matches it against the claims checked before
    # (claims.matching.stored_matches, once); from then on the page's count is fixed.
    client.get(article.get_absolute_url())
    with django_assert_max_num_queries(10):
        html = client.get(article.get_absolute_url()).content.decode()
    item = html[html.index('<ol class="claim-list">') :]
    assert "added by Edna" in item
    assert "score" not in item and "Why it was proposed" not in item


def test_a_claim_is_dismissed_with_one_click_on_a_preset_reason(client, editor, article, claim):
    client.force_login(editor)
    page = client.get(article.get_absolute_url()).content.decode()
    labels = ("Not check-worthy", "Opinion", "Duplicate", "Not a claim", "Boilerplate")
    for key, label in enumerate(labels, start=1):
        # Each carries its key (1-5), shown by the script when "d" opens the reasons.
        assert f"data-reason-key>{key}</kbd> {label}</button>" in page
    client.post(f"/claims/{claim.pk}/dismiss/", {"version": 1, "reason": "opinion"}, **HTMX)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISMISSED and claim.dismissal_reason == "opinion"


def test_a_dismissal_note_follows_the_preset_reason(client, editor, claim):
    client.force_login(editor)
    data = {"version": 1, "reason": "duplicate", "note": "same as the 2021 figure"}
    client.post(f"/claims/{claim.pk}/dismiss/", data, **HTMX)
    claim.refresh_from_db()
    assert claim.dismissal_reason == "duplicate: same as the 2021 figure"
    assert (
        claim.history.latest().history_change_reason
        == "dismissed: duplicate: same as the 2021 figure"
    )


def test_a_reason_outside_the_presets_is_refused(client, editor, claim):
    client.force_login(editor)
    response = client.post(f"/claims/{claim.pk}/dismiss/", {"version": 1, "reason": "meh"}, **HTMX)
    assert response.status_code == 422
    claim.refresh_from_db()
    assert claim.status == Claim.Status.SUGGESTED


@pytest.mark.parametrize(
    ("action", "data"),
    [
        ("dismiss", {"reason": "opinion"}),
        ("accept", {}),
        ("restate", {"normalized": "Imports fell by 3% in 2021"}),
    ],
)
def test_after_a_change_focus_goes_on_to_the_next_claim(client, editor, article, action, data):
    first, second, third = (
        create_claim(
            article,
            article.body.index(phrase),
            article.body.index(phrase) + len(phrase),
            status="suggested",
        )
        for phrase in (
            "Exports rose 12 percent in 2021.",
            "Imports fell 3 percent.",
            "The bridge cost 2.5 billion.",
        )
    )
    client.force_login(editor)
    response = client.post(f"/claims/{second.pk}/{action}/", {"version": 1, **data}, **HTMX)
    html = response.content.decode()
    assert html.count("autofocus") == 1
    assert f'id="claim-{third.pk}" class="claim status-' in html
    assert f'id="claim-{third.pk}"' in html[html.index("autofocus") - 120 : html.index("autofocus")]
    plain = client.post(f"/claims/{first.pk}/{action}/", {"version": 1, **data})
    # After an accept the editor goes on to the next suggestion, not to the claim accepted
    # before (listed with the accepted claims now); a dismissed one is no longer listed.
    following = second if action == "restate" else third
    assert plain["Location"].endswith(f"#claim-{following.pk}")
