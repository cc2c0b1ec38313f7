import datetime
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from factcheck.claims import editing
from factcheck.claims.models import Claim
from factcheck.reports.registry import DATA_FORMATS
from factcheck.reviews import assignments, claim_search
from factcheck.reviews.claim_search import filter_claims
from factcheck.reviews.forms import ClaimFilterForm
from factcheck.reviews.models import Assignment
from factcheck.reviews.views import claim_list
from tests.conftest import login
from tests.factories import ArticleFactory, ClaimFactory, UserFactory, claim_in_status, verdict

pytestmark = pytest.mark.django_db

S = Claim.Status
URL = "/claims/"
BULK = "/claims/bulk/"
HTMX = {"HX-Request": "true"}


def claims_in(article, sentences, **fields):
    """One claim per sentence of `article` (whose body holds the sentences)."""
    made = []
    for sentence in sentences:
        start = article.body.index(sentence)
        made.append(ClaimFactory(article=article, start=start, end=start + len(sentence), **fields))
    return made


def article_of(*sentences, **fields):
    return ArticleFactory(body="\n\n".join(sentences), **fields)


def listed(response):
    """The claims a list response shows, in order."""
    return list(response.context["claims"])


def pks(claims):
    return [claim.pk for claim in claims]


@pytest.fixture
def editor_client(client, editor):
    return login(client, editor)


@pytest.fixture
def desk(editor, reviewer, other_reviewer):
    """Two articles, claims of every kind of interest, scored and in several statuses."""
    exports = article_of(
        "Exports rose 12 percent in 2023.",
        "Unemployment fell to 4 percent.",
        "The bridge cost 2.5 billion euros.",
        title="Trade figures",
    )
    health = article_of(
        "Life expectancy reached 78.2 years.",
        "Hospital waiting lists doubled since 2019.",
        title="Health report",
    )
    rose, fell, bridge = claims_in(exports, exports.body.split("\n\n"), kind="statistic")
    life, waiting = claims_in(health, health.body.split("\n\n"), kind="historical")
    scores = {rose: 0.9, fell: 0.5, bridge: 0.2, life: 0.7, waiting: None}
    for claim, score in scores.items():
        Claim.objects.filter(pk=claim.pk).update(checkworthiness=score)
    editing.restate(life, "The ministry says life expectancy is 78.2 years.", by=editor)
    assignments.assign([rose, fell], [reviewer], by=editor, notify=False)
    assignments.assign([fell], [other_reviewer], by=editor, notify=False)
    editing.dismiss(bridge, by=editor, reason="not checkable")
    published = claim_in_status(S.PUBLISHED, editor=editor, reviewers=[other_reviewer])
    return {
        "exports": exports,
        "health": health,
        "rose": rose,
        "fell": fell,
        "bridge": bridge,
        "life": life,
        "waiting": waiting,
        "published": published,
    }


# Who may use it --------------------------------------------------------------------------


def test_reviewers_may_not_open_the_claims_list(client, reviewer):
    login(client, reviewer)
    assert client.get(URL).status_code == 403
    assert client.get(URL, headers=HTMX).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_nav_links_the_claims_list_for_editors_only(client, editor, reviewer):
    login(client, editor)
    assert b'href="/claims/"' in client.get(URL).content
    login(client, reviewer)
    assert b'href="/claims/"' not in client.get(reverse("reviews:queue")).content


def test_the_list_only_answers_get(editor_client):
    assert editor_client.post(URL).status_code == 405


# Branches --------------------------------------------------------------------------------


def test_the_plain_request_gets_the_whole_page_with_a_get_form(editor_client, desk):
    response = editor_client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert 'method="get"' in html and 'hx-push-url="true"' in html
    assert 'hx-trigger="change, input changed delay:300ms from:[name=q], submit"' in html
    assert desk["rose"].text in html
    assert response["Vary"] and "HX-Request" in response["Vary"]


def test_an_htmx_request_gets_the_results_fragment(editor_client, desk):
    response = editor_client.get(URL, {"kind": "historical"}, headers=HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert desk["life"].text in html and desk["rose"].text not in html
    # The filter form's sort field follows the list out of band.
    assert 'id="claim-sort"' in html and 'hx-swap-oob="true"' in html


def test_an_htmx_history_restore_gets_the_whole_page(editor_client, desk):
    headers = {**HTMX, "HX-History-Restore-Request": "true"}
    assert "<html" in editor_client.get(URL, headers=headers).content.decode()


def test_an_empty_result_says_so(editor_client, desk):
    response = editor_client.get(URL, {"q": "zeppelin"})
    assert listed(response) == []
    assert "No claims match these filters." in response.content.decode()


def test_user_text_is_escaped(editor_client, editor):
    sentence = "<script>alert(1)</script> rose 5 percent."
    claims_in(article_of(sentence, title="<b>Bold</b>"), [sentence])
    html = editor_client.get(URL).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<b>Bold</b>" not in html


# Filters ---------------------------------------------------------------------------------


def test_it_lists_every_claim_newest_first_by_default(editor_client, desk):
    shown = listed(editor_client.get(URL))
    assert pks(shown) == pks(Claim.objects.order_by("-created_at", "-id"))
    assert len(shown) == 6


def test_it_filters_by_article(editor_client, desk):
    shown = listed(editor_client.get(URL, {"article": desk["health"].pk}))
    assert set(pks(shown)) == {desk["life"].pk, desk["waiting"].pk}


def test_it_filters_by_several_statuses(editor_client, desk):
    shown = listed(editor_client.get(URL, {"status": [S.DISMISSED, S.PUBLISHED]}))
    assert set(pks(shown)) == {desk["bridge"].pk, desk["published"].pk}


def test_it_filters_by_final_verdict(editor_client, desk):
    shown = listed(editor_client.get(URL, {"verdict": verdict("true").pk}))
    assert pks(shown) == [desk["published"].pk]
    assert listed(editor_client.get(URL, {"verdict": verdict("false").pk})) == []


def test_it_filters_by_assigned_reviewer(editor_client, desk, reviewer, other_reviewer):
    mine = listed(editor_client.get(URL, {"reviewer": reviewer.pk}))
    assert set(pks(mine)) == {desk["rose"].pk, desk["fell"].pk}
    theirs = listed(editor_client.get(URL, {"reviewer": other_reviewer.pk}))
    assert set(pks(theirs)) == {desk["fell"].pk, desk["published"].pk}


def test_it_filters_by_kind(editor_client, desk):
    shown = listed(editor_client.get(URL, {"kind": "historical"}))
    assert set(pks(shown)) == {desk["life"].pk, desk["waiting"].pk}


def test_it_filters_by_claimant_whatever_the_case(editor_client, desk):
    Claim.objects.filter(pk=desk["rose"].pk).update(
        claimant="Federal Statistics Office", claimant_kind="organisation"
    )
    Claim.objects.filter(pk=desk["life"].pk).update(claimant="Jane Smith", claimant_kind="person")
    response = editor_client.get(URL, {"claimant": "statistics"})
    assert pks(listed(response)) == [desk["rose"].pk]
    assert 'name="claimant" value="statistics"' in response.content.decode()
    assert len(listed(editor_client.get(URL, {"claimant": "  "}))) == len(
        listed(editor_client.get(URL))
    )


def test_it_filters_by_score_range(editor_client, desk):
    shown = listed(editor_client.get(URL, {"min_score": "0.5", "max_score": "0.8"}))
    assert set(pks(shown)) == {desk["fell"].pk, desk["life"].pk}
    at_least = listed(editor_client.get(URL, {"min_score": "0.7"}))
    assert set(pks(at_least)) == {desk["rose"].pk, desk["life"].pk}


def test_it_filters_by_creation_date(editor_client, desk):
    now = timezone.now()
    Claim.objects.filter(pk=desk["rose"].pk).update(created_at=now - datetime.timedelta(days=10))
    Claim.objects.filter(pk=desk["fell"].pk).update(created_at=now - datetime.timedelta(days=3))
    today = timezone.localdate()
    week_ago = (today - datetime.timedelta(days=7)).isoformat()
    two_days_ago = (today - datetime.timedelta(days=2)).isoformat()
    between = listed(editor_client.get(URL, {"created_from": week_ago, "created_to": two_days_ago}))
    assert pks(between) == [desk["fell"].pk]
    since = listed(editor_client.get(URL, {"created_from": today.isoformat()}))
    assert desk["rose"].pk not in pks(since) and desk["fell"].pk not in pks(since)
    assert len(since) == 4


def test_filters_combine(editor_client, desk, reviewer):
    params = {"kind": "statistic", "status": [S.IN_REVIEW], "reviewer": reviewer.pk}
    shown = listed(editor_client.get(URL, {**params, "min_score": "0.6"}))
    assert pks(shown) == [desk["rose"].pk]
    params = {"article": desk["exports"].pk, "q": "unemployment", "status": [S.IN_REVIEW]}
    assert pks(listed(editor_client.get(URL, params))) == [desk["fell"].pk]


def test_an_unusable_filter_is_reported_and_the_others_still_apply(editor_client, desk):
    response = editor_client.get(URL, {"min_score": "lots", "kind": "historical"})
    assert response.status_code == 200
    assert set(pks(listed(response))) == {desk["life"].pk, desk["waiting"].pk}
    assert "Enter a number." in response.content.decode()


def test_an_inverted_range_is_reported(editor_client, desk):
    response = editor_client.get(URL, {"min_score": "0.8", "max_score": "0.2"})
    assert "The highest score must not be below the lowest." in response.content.decode()


def test_an_unknown_article_is_an_error_not_a_crash(editor_client, desk):
    response = editor_client.get(URL, {"article": "999999"})
    assert response.status_code == 200 and len(listed(response)) == 6


def test_the_article_drop_down_is_bounded_but_any_article_filters(editor_client, monkeypatch):
    articles = [article_of(f"Claim number {n} rose {n} percent.") for n in range(4)]
    for article in articles:
        claims_in(article, [article.body])
    old = articles[0]
    monkeypatch.setattr(claim_search, "ARTICLE_CHOICES", 2)
    response = editor_client.get(URL)
    choices = [pk for pk, _title in response.context["article_choices"] if pk]
    assert len(choices) == 2 and old.pk not in choices
    response = editor_client.get(URL, {"article": old.pk})
    assert old.pk in [pk for pk, _title in response.context["article_choices"]]
    assert pks(listed(response)) == pks(old.claims.all())


# Search ----------------------------------------------------------------------------------


def test_search_finds_words_of_the_claim_text(editor_client, desk):
    shown = listed(editor_client.get(URL, {"q": "unemployment"}))
    assert pks(shown) == [desk["fell"].pk]


def test_search_finds_words_of_the_restatement(editor_client, desk):
    shown = listed(editor_client.get(URL, {"q": "ministry"}))
    assert pks(shown) == [desk["life"].pk]


def test_search_finds_words_of_the_public_rationale(editor_client, desk):
    # claim_in_status resolves with "The figures match the census."
    shown = listed(editor_client.get(URL, {"q": "census"}))
    assert pks(shown) == [desk["published"].pk]


def test_search_needs_every_word(editor_client, desk):
    assert pks(listed(editor_client.get(URL, {"q": "hospital lists"}))) == [desk["waiting"].pk]
    assert listed(editor_client.get(URL, {"q": "hospital bridge"})) == []


def test_search_ignores_case(editor_client, desk):
    assert pks(listed(editor_client.get(URL, {"q": "EXPORTS"}))) == [desk["rose"].pk]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_on_postgresql_search_stems_words_and_understands_web_search_syntax(editor_client, desk):
    assert pks(listed(editor_client.get(URL, {"q": "doubling"}))) == [desk["waiting"].pk]
    assert listed(editor_client.get(URL, {"q": "hospital -waiting"})) == []
    either = listed(editor_client.get(URL, {"q": "unemployment or hospital"}))
    assert set(pks(either)) == {desk["fell"].pk, desk["waiting"].pk}
    phrase = listed(editor_client.get(URL, {"q": '"lists doubled"'}))
    assert pks(phrase) == [desk["waiting"].pk]


# Sorting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sort", "key"),
    [
        ("text", lambda c: (c.text[:100], c.pk)),
        ("article", lambda c: (c.article_id, c.start, c.pk)),
        ("status", lambda c: (c.status, c.pk)),
        ("created", lambda c: (c.created_at, c.pk)),
        ("updated", lambda c: (c.updated_at, c.pk)),
        ("score", lambda c: (c.checkworthiness is not None, c.checkworthiness or 0, c.pk)),
    ],
)
def test_it_sorts_by_each_column_both_ways(editor_client, desk, sort, key):
    expected = sorted(Claim.objects.all(), key=key)
    assert pks(listed(editor_client.get(URL, {"sort": sort}))) == pks(expected)
    descending = listed(editor_client.get(URL, {"sort": f"-{sort}"}))
    assert pks(descending) == pks(reversed(expected))


def test_claims_without_a_score_sort_as_the_lowest(editor_client, desk):
    assert listed(editor_client.get(URL, {"sort": "score"}))[0] == desk["waiting"]
    assert listed(editor_client.get(URL, {"sort": "-score"}))[-1] == desk["waiting"]


def test_equal_sort_values_are_ordered_by_id(editor_client, editor):
    sentences = [f"Sector {n} grew {n} percent." for n in range(5)]
    made = claims_in(article_of(*sentences), sentences, kind="statistic")
    Claim.objects.update(created_at=timezone.now())
    assert pks(listed(editor_client.get(URL, {"sort": "created"}))) == pks(made)
    assert pks(listed(editor_client.get(URL, {"sort": "-created"}))) == pks(reversed(made))


def test_an_unknown_sort_key_falls_back_to_the_default(editor_client, desk):
    response = editor_client.get(URL, {"sort": "text; DROP TABLE claims_claim"})
    assert response.status_code == 200
    assert pks(listed(response)) == pks(Claim.objects.order_by("-created_at", "-id"))


def test_column_headings_toggle_the_sort_and_keep_the_filters(editor_client, desk):
    response = editor_client.get(URL, {"sort": "score", "kind": "statistic", "page": "1"})
    links = response.context["sort_columns"]
    assert links["score"]["direction"] == "ascending"
    score = parse_qs(links["score"]["query"])
    assert score == {"sort": ["-score"], "kind": ["statistic"]}
    assert parse_qs(links["text"]["query"])["sort"] == ["text"]
    assert 'aria-sort="ascending"' in response.content.decode()


# Pagination ------------------------------------------------------------------------------


def many_claims(count, **fields):
    sentences = [f"In year {2000 + n} output rose {n} percent." for n in range(count)]
    return claims_in(article_of(*sentences), sentences, **fields)


def test_it_pages_fifty_claims_at_a_time(editor_client):
    made = many_claims(60)
    first = editor_client.get(URL, {"sort": "article"})
    assert pks(listed(first)) == pks(made[:50])
    assert "Page 1 of 2" in first.content.decode()
    second = editor_client.get(URL, {"sort": "article", "page": "2"})
    assert pks(listed(second)) == pks(made[50:])
    assert second.context["page"].paginator.count == 60


def test_page_links_keep_the_filters_and_a_bad_page_number_is_harmless(editor_client):
    many_claims(60, kind="statistic")
    response = editor_client.get(URL, {"kind": "statistic", "page": "1"})
    html = response.content.decode()
    assert "/claims/?kind=statistic&amp;page=2" in html
    assert editor_client.get(URL, {"page": "lots"}).status_code == 200
    assert editor_client.get(URL, {"page": "9" * 40}).status_code == 200
    assert len(listed(editor_client.get(URL, {"page": "99"}))) == 10


def test_the_count_stops_some_pages_past_the_current_one(editor_client, monkeypatch):
    many_claims(60)
    monkeypatch.setattr(claim_list, "PER_PAGE", 10)
    monkeypatch.setattr(claim_search.WindowPaginator, "LOOKAHEAD", 1)
    first = editor_client.get(URL).content.decode()
    assert "More than 20 claims" in first and "Page 1 of at least 3" in first
    assert 'rel="next"' in first
    fifth = editor_client.get(URL, {"page": "5"}).content.decode()
    assert "60 claims" in fifth and "Page 5 of 6" in fifth


@pytest.mark.parametrize("count", [10, 60])
def test_the_query_count_does_not_depend_on_the_number_of_claims(
    client, editor, reviewer, other_reviewer, django_assert_max_num_queries, count
):
    made = many_claims(count)
    assignments.assign(made, [reviewer, other_reviewer], by=editor, notify=False)
    claim_in_status(S.PUBLISHED, editor=editor, reviewers=[reviewer])
    login(client, editor)
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"q": "output", "status": [S.IN_REVIEW], "sort": "-score"})
    assert len(listed(response)) == min(count, 50)
    with django_assert_max_num_queries(10):
        client.get(URL, headers=HTMX)


# Bulk actions ----------------------------------------------------------------------------


def status_of(claim):
    return Claim.objects.get(pk=claim.pk).status


def test_bulk_accept_accepts_each_claim_and_reports_the_refused_ones(editor_client, editor):
    sentences = ["Rents rose 9 percent.", "Wages rose 2 percent.", "Prices fell 1 percent."]
    suggested = claims_in(article_of(*sentences), sentences[:2], status=S.SUGGESTED)
    published = claim_in_status(S.PUBLISHED, editor=editor, reviewers=[UserFactory()])
    response = editor_client.post(
        BULK,
        {"action": "accept", "ids": [*pks(suggested), published.pk], "query": "sort=text"},
        headers=HTMX,
    )
    assert response.status_code == 200 and "<html" not in response.content.decode()
    assert [status_of(claim) for claim in suggested] == [S.OPEN, S.OPEN]
    assert status_of(published) == S.PUBLISHED
    html = response.content.decode()
    assert "Accept: 2 claims done. 1 refused." in html
    assert "A claim that is published cannot become open." in html
    assert f'href="{published.get_absolute_url()}"' in html
    # The list comes back as it was: sorted by text.
    assert '<input type="hidden" name="sort" id="claim-sort" value="text"' in html


def test_bulk_publish_is_per_claim(editor_client, editor, reviewer):
    resolved = [claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer]) for _ in "ab"]
    open_claim = claim_in_status(S.OPEN, editor=editor, reviewers=[reviewer])
    response = editor_client.post(
        BULK, {"action": "publish", "ids": [resolved[0].pk, open_claim.pk, resolved[1].pk]}
    )
    assert response.status_code == 302 and response["Location"] == URL
    assert [status_of(claim) for claim in resolved] == [S.PUBLISHED, S.PUBLISHED]
    assert status_of(open_claim) == S.OPEN
    shown = [str(message) for message in editor_client.get(URL).context["messages"]]
    assert shown[0] == "Publish: 2 claims done. 1 refused."
    assert "Only resolved claims can be published; this one is open." in shown[1]


def test_bulk_dismiss_needs_a_reason(editor_client, editor):
    claims = many_claims(2)
    response = editor_client.post(BULK, {"action": "dismiss", "ids": pks(claims)}, headers=HTMX)
    assert response.status_code == 422
    assert "Say why the claims are dismissed." in response.content.decode()
    assert {status_of(claim) for claim in claims} == {S.OPEN}
    editor_client.post(BULK, {"action": "dismiss", "ids": pks(claims), "reason": "opinion"})
    dismissed = Claim.objects.filter(pk__in=pks(claims))
    assert {(c.status, c.dismissal_reason) for c in dismissed} == {(S.DISMISSED, "opinion")}


def test_bulk_assign_assigns_the_assignable_and_refuses_the_others(
    editor_client, reviewer, other_reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    open_claims = many_claims(2)
    sentence = "Fares rose 4 percent."
    [suggested] = claims_in(article_of(sentence), [sentence], status=S.SUGGESTED)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            BULK,
            {
                "action": "assign",
                "ids": [*pks(open_claims), suggested.pk],
                "reviewers": [reviewer.pk, other_reviewer.pk],
            },
            headers=HTMX,
        )
    assert response.status_code == 200
    pairs = set(Assignment.objects.values_list("claim_id", "reviewer_id"))
    assert pairs == {(c.pk, r.pk) for c in open_claims for r in (reviewer, other_reviewer)}
    assert {status_of(claim) for claim in open_claims} == {S.IN_REVIEW}
    assert status_of(suggested) == S.SUGGESTED
    html = response.content.decode()
    assert "Assign to reviewers: 2 claims done. 1 refused." in html
    assert "can be assigned; this one is suggested." in html
    assert len(mailoutbox) == 2  # one e-mail per reviewer for the whole selection


def test_bulk_assign_to_a_deactivated_reviewer_changes_nothing(editor_client, outsider):
    claims = many_claims(2)
    response = editor_client.post(
        BULK, {"action": "assign", "ids": pks(claims), "reviewers": [outsider.pk]}, headers=HTMX
    )
    assert response.status_code == 422
    assert "Select a valid choice." in response.content.decode()
    assert not Assignment.objects.exists()


def test_bulk_assign_needs_a_reviewer(editor_client):
    claims = many_claims(1)
    response = editor_client.post(BULK, {"action": "assign", "ids": pks(claims)}, headers=HTMX)
    assert response.status_code == 422
    assert "Choose at least one reviewer to assign." in response.content.decode()


def test_ids_of_claims_that_do_not_exist_are_ignored_and_reported(editor_client):
    sentence = "Tolls rose 3 percent."
    [claim] = claims_in(article_of(sentence), [sentence], status=S.SUGGESTED)
    response = editor_client.post(
        BULK, {"action": "accept", "ids": [claim.pk, 999998, 999999]}, headers=HTMX
    )
    assert response.status_code == 200
    assert status_of(claim) == S.OPEN
    assert "2 selected claims do not exist (ids 999998, 999999): ignored." in (
        response.content.decode()
    )


def test_a_bulk_action_needs_a_selection_of_whole_numbers(editor_client):
    response = editor_client.post(BULK, {"action": "accept"}, headers=HTMX)
    assert response.status_code == 422 and "Select at least one claim." in response.content.decode()
    response = editor_client.post(BULK, {"action": "accept", "ids": ["1 OR 1=1"]}, headers=HTMX)
    assert response.status_code == 422 and "invalid claim id" in response.content.decode()
    response = editor_client.post(BULK, {"action": "accept", "ids": ["1"]})
    assert response.status_code == 302  # plain form: the error is a message on the list


def test_an_unknown_action_is_refused(editor_client):
    claims = many_claims(1)
    response = editor_client.post(BULK, {"action": "delete", "ids": pks(claims)}, headers=HTMX)
    assert response.status_code == 422 and Claim.objects.filter(pk=claims[0].pk).exists()


def test_bulk_export_sends_the_browser_to_the_exporter_with_the_ids(editor_client):
    claims = many_claims(2)
    data = {"action": "export", "format": "csv", "ids": [*pks(claims), 999999]}
    response = editor_client.post(BULK, data)
    assert response.status_code == 302
    location = urlsplit(response["Location"])
    assert location.path == "/claims/export/csv/"
    assert resolve(location.path).view_name == "reports:export_claims"
    assert parse_qs(location.query) == {"ids": [",".join(map(str, pks(claims)))]}
    htmx = editor_client.post(BULK, data, headers=HTMX)
    assert htmx["HX-Redirect"] == response["Location"]


def test_the_bulk_export_offers_the_data_formats_the_exporter_serves(editor_client):
    many_claims(1)
    html = editor_client.get(URL).content.decode()
    offered = re.findall(
        r'<option value="([a-z-]+)"', html.split('name="format"')[1].split("</select>")[0]
    )
    assert offered == DATA_FORMATS
    for fmt in offered:
        assert resolve(f"/claims/export/{fmt}/").view_name == "reports:export_claims"


def test_bulk_export_needs_a_format(editor_client):
    claims = many_claims(1)
    response = editor_client.post(BULK, {"action": "export", "ids": pks(claims)}, headers=HTMX)
    assert response.status_code == 422


def test_a_plain_bulk_action_goes_back_to_the_list_with_its_filters(editor_client):
    sentence = "Taxes rose 2 percent."
    [claim] = claims_in(article_of(sentence), [sentence], status=S.SUGGESTED)
    response = editor_client.post(
        BULK, {"action": "accept", "ids": [claim.pk], "query": "kind=other&sort=-score"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/claims/?kind=other&sort=-score"


def test_the_query_cannot_send_the_browser_elsewhere(editor_client):
    claims = many_claims(1)
    response = editor_client.post(
        BULK, {"action": "accept", "ids": pks(claims), "query": "//evil.example.org/"}
    )
    assert response["Location"].startswith("/claims/?")


@pytest.mark.parametrize("action", ["accept", "dismiss", "publish", "assign", "export"])
def test_reviewers_may_not_use_bulk_actions_even_with_forged_ids(client, reviewer, editor, action):
    sentence = "Bus fares rose 6 percent."
    [suggested] = claims_in(article_of(sentence), [sentence], status=S.SUGGESTED)
    resolved = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer])
    login(client, reviewer)
    data = {
        "action": action,
        "ids": [suggested.pk, resolved.pk, 999999],
        "reason": "spam",
        "reviewers": [reviewer.pk],
        "format": "csv",
    }
    assert client.post(BULK, data).status_code == 403
    assert client.post(BULK, data, headers=HTMX).status_code == 403
    assert status_of(suggested) == S.SUGGESTED and status_of(resolved) == S.RESOLVED
    assert not Assignment.objects.filter(claim=suggested).exists()


def test_the_bulk_endpoint_only_answers_post(editor_client):
    assert editor_client.get(BULK).status_code == 405


def test_the_bulk_endpoint_needs_the_csrf_token(editor):
    sentence = "Rail fares rose 7 percent."
    [claim] = claims_in(article_of(sentence), [sentence], status=S.SUGGESTED)
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    response = client.post(BULK, {"action": "accept", "ids": [claim.pk]})
    assert response.status_code == 403 and status_of(claim) == S.SUGGESTED
    page = client.get(URL)
    token = page.context["csrf_token"]
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    response = client.post(BULK, {"action": "accept", "ids": [claim.pk]}, headers={
        "X-CSRFToken": str(token)})  # fmt: skip
    assert response.status_code == 302 and status_of(claim) == S.OPEN


# The query function ----------------------------------------------------------------------


def test_filter_claims_is_a_function_of_the_query_parameters(desk):
    claims = filter_claims(ClaimFilterForm({"kind": "historical", "sort": "-score"}).filters())
    assert pks(claims) == [desk["life"].pk, desk["waiting"].pk]
    assert pks(filter_claims(ClaimFilterForm({}).filters())) == pks(
        Claim.objects.order_by("-created_at", "-id")
    )
