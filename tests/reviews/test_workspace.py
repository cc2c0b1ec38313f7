"""The reviewer's queue and workspace: htmx and plain forms, blindness, conflicts, permissions."""

import re
from datetime import timedelta

import lxml.etree
import lxml.html
import pytest
from django.test import Client
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments, reviewing, workflow
from factcheck.reviews.models import Evidence, Review, Source
from tests.factories import ArticleFactory, submitted_review, verdict

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
BODY = (
    "Per capita income has increased by more than 180 times since 1978.\n\n"
    "Some 770 million rural Chinese have been lifted out of poverty.\n\n"
    "The average life expectancy has risen to 78.2 years."
)


@pytest.fixture
def desk(editor, reviewer, other_reviewer):
    """An article with three open claims, all assigned to both reviewers."""
    article = ArticleFactory(body=BODY, title="Human rights white paper")
    claims = []
    for paragraph in BODY.split("\n\n"):
        start = BODY.index(paragraph)
        claims.append(create_claim(article, start, start + len(paragraph)))
    for claim in claims:
        claim.figures = [{"text": "180 times", "value": 180.0, "kind": "multiplier",
                          "unit": "times", "qualifier": "more than", "period": ""}]  # fmt: skip
        claim.save(update_fields=["figures"])
    assignments.assign(claims, [reviewer, other_reviewer], by=editor, notify=False)
    return article, claims


def draft(client, claim, version, **fields):
    data = {"version": version, "claim_fingerprint": claim.wording_fingerprint, "confidence": "",
            "rationale": ""}  # fmt: skip
    data.update(fields)
    return client.post(f"/review/{claim.pk}/draft/", data, **HTMX)


def add_source(client, claim, version, url="https://stats.example.org/poverty", **fields):
    data = {"version": version, "url": url, "title": "Poverty report", "publisher": "NBS",
            "kind": "official", "stance": "supports", "quote": "770 million"}  # fmt: skip
    data.update(fields)
    return client.post(f"/review/{claim.pk}/evidence/", data, **HTMX)


def review_version(reviewer, claim):
    return Review.objects.get(reviewer=reviewer, claim=claim).version


def answered_version(response):
    """The review version an answer swaps out of band into every version field of the panel
    (None when it swaps none), after checking the answer also clears a settled conflict."""
    html = response.content.decode()
    found = re.findall(
        r'<input type="hidden" name="version" value="(\d+)" data-review-version'
        r' hx-swap-oob="outerHTML:#panel \[data-review-version\]">',
        html,
    )
    if not found:
        assert "data-review-version hx-swap-oob" not in html
        return None
    assert len(found) == 1 and re.search(r'<div id="conflict" hx-swap-oob="true">\s*</div>', html)
    return int(found[0])


# The queue -----------------------------------------------------------------------------------


def test_a_reviewers_home_is_their_queue_oldest_first_with_counts(client, reviewer, desk):
    article, claims = desk
    client.force_login(reviewer)
    assert client.get("/")["Location"] == "/queue/"
    response = client.get("/queue/")
    html = response.content.decode()
    assert response.status_code == 200 and "My queue" in html
    positions = [html.index(claim.text) for claim in claims]
    assert positions == sorted(positions)
    assert "Human rights white paper" in html
    assert f'href="/review/{claims[0].pk}/"' in html  # Start
    assert "<strong>3</strong> to do" in html and "<strong>0</strong> done" in html


def test_submitted_claims_leave_the_queue_and_count_as_done(client, reviewer, desk):
    _, claims = desk
    review = reviewing.save_draft(claims[0], by=reviewer, verdict=verdict("opinion"),
                                  confidence="high", rationale="A value judgement.",
                                  expected_version=None)  # fmt: skip
    workflow.submit(review, by=reviewer)
    client.force_login(reviewer)
    html = client.get("/queue/").content.decode()
    assert claims[0].text not in html
    assert "<strong>2</strong> to do" in html and "<strong>1</strong> done" in html


def assigned_with_due_dates(editor, reviewer, count=3):
    """`count` claims assigned to `reviewer`: the first was due yesterday, the second is due
    in a week, the third has no due date."""
    body = "\n\n".join(f"Claim number {n} says {n} percent." for n in range(count))
    article = ArticleFactory(body=body, title="Due dates")
    claims = []
    for n in range(count):
        text = f"Claim number {n} says {n} percent."
        claims.append(create_claim(article, body.index(text), body.index(text) + len(text)))
    today = timezone.localdate()
    due_dates = [today - timedelta(days=1), today + timedelta(days=7)]
    for claim, due_on in zip(claims[:2], due_dates, strict=True):
        assignments.assign([claim], [reviewer], by=editor, due_on=due_on, notify=False)
    assignments.assign(claims[2:], [reviewer], by=editor, notify=False)
    return claims


def queue_items(html):
    return re.findall(r"<li>.*?</li>", html.split('class="queue-list"')[1], re.S)


def test_the_queue_shows_each_due_date_and_says_overdue_in_words(client, reviewer, editor):
    assigned_with_due_dates(editor, reviewer)
    client.force_login(reviewer)
    overdue, later, undated = queue_items(client.get("/queue/").content.decode())
    yesterday = timezone.localdate() - timedelta(days=1)
    assert "Overdue" in overdue and f'<time datetime="{yesterday:%Y-%m-%d}">' in overdue
    week = timezone.localdate() + timedelta(days=7)
    assert "Overdue" not in later and f'<time datetime="{week:%Y-%m-%d}">' in later
    assert "Overdue" not in undated and "due" not in undated.split("queue-meta")[1]


def start_draft(claim, reviewer):
    reviewing.save_draft(
        claim,
        by=reviewer,
        verdict=None,
        confidence="",
        rationale="Half done.",
        expected_version=None,
    )


def test_the_queue_says_which_claims_have_a_draft_in_progress(client, reviewer, editor):
    claims = assigned_with_due_dates(editor, reviewer)
    start_draft(claims[1], reviewer)
    client.force_login(reviewer)
    items = queue_items(client.get("/queue/").content.decode())
    assert ["Draft in progress" in item for item in items] == [False, True, False]


def claim_meta(response):
    return re.search(
        r'<p id="claim-meta" class="claim-meta">.*?</p>', response.content.decode(), re.S
    ).group(0)


def test_the_workspace_shows_the_due_date_overdue_and_the_draft_in_progress(
    client, reviewer, editor
):
    claims = assigned_with_due_dates(editor, reviewer)
    start_draft(claims[0], reviewer)
    client.force_login(reviewer)
    meta = claim_meta(client.get(f"/review/{claims[0].pk}/"))
    assert "Overdue" in meta and "Draft in progress" in meta and "<time" in meta
    meta = claim_meta(client.get(f"/review/{claims[2].pk}/"))
    assert "Overdue" not in meta and "Draft in progress" not in meta and "<time" not in meta


def test_the_queue_shows_only_my_assignments(client, reviewer, editor):
    article = ArticleFactory(body=BODY)
    claim = create_claim(article, 0, BODY.index("\n\n"))
    client.force_login(reviewer)
    assert claim.text not in client.get("/queue/").content.decode()


# The workspace -------------------------------------------------------------------------------


def test_without_scripts_the_workspace_does_not_advertise_its_keyboard_shortcuts(
    client, reviewer, desk
):
    _, claims = desk
    client.force_login(reviewer)
    html = client.get(f"/review/{claims[0].pk}/").content.decode()
    hint = re.search(r"<span([^>]*)>[^<]*j / k", html)
    assert hint and "hidden" in hint.group(1).split()
    assert re.search(r"<span hidden data-with-script>[^<]*<button[^>]*data-shortcut-help", html)
    keys = re.findall(r"<kbd([^>]*)>5</kbd>", html)
    assert keys and all("hidden" in attributes.split() for attributes in keys)


def test_the_workspace_renders_whole_and_the_panel_alone_for_htmx(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    page = client.get(f"/review/{claims[1].pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html
    assert 'id="panel"' in html and 'class="article-body"' in html
    assert f'data-review-claim="{claims[0].pk}"' in html
    panel = client.get(f"/review/{claims[1].pk}/", **HTMX)
    fragment = panel.content.decode()
    assert "<html" not in fragment and fragment.lstrip().startswith('<section id="panel"')
    assert claims[1].text in fragment and "Verdict" in fragment and "Add source" in fragment
    assert panel["Vary"] and "HX-Request" in panel["Vary"]


def test_the_verdict_group_lists_the_scale_from_the_database(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    html = client.get(f"/review/{claims[0].pk}/", **HTMX).content.decode()
    assert 'role="radiogroup" aria-labelledby="verdict-legend"' in html
    for slug in ("true", "mostly-false", "opinion"):
        assert verdict(slug).label in html and verdict(slug).description in html


def test_saving_a_draft_through_htmx_answers_the_status_and_the_new_version(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    response = draft(client, claims[0], 0, verdict=verdict("false").pk, rationale="Too high.")
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<p id="save-status"')
    assert "Saved" in response.content.decode()
    review = Review.objects.get(reviewer=reviewer, claim=claims[0])
    assert answered_version(response) == review.version == 1
    assert "HX-Trigger" not in response
    assert review.verdict.slug == "false" and review.rationale == "Too high."
    assert review.status == Review.Status.DRAFT


def test_saving_a_draft_without_javascript_redirects_back(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    response = client.post(
        f"/review/{claims[0].pk}/draft/",
        {"version": 0, "verdict": verdict("true").pk, "rationale": "Fine."},
    )
    assert response.status_code == 302 and response["Location"] == f"/review/{claims[0].pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Draft saved." in page and "Fine." in page


def test_a_stale_save_is_a_409_showing_both_versions_and_nothing_is_overwritten(
    client, reviewer, desk
):
    _, claims = desk
    client.force_login(reviewer)
    draft(client, claims[0], 0, rationale="Written in the first tab.")
    response = draft(client, claims[0], 0, rationale="Written in the second tab.")
    assert response.status_code == 409
    html = response.content.decode()
    assert response["HX-Retarget"] == "#conflict"
    assert answered_version(response) is None  # the page keeps the version it was built from
    assert "Written in the first tab." in html and "Written in the second tab." in html
    assert "Keep mine" in html and "Take the current version" in html
    assert Review.objects.get(reviewer=reviewer).rationale == "Written in the first tab."

    kept = draft(client, claims[0], 1, rationale="Written in the second tab.")
    assert kept.status_code == 200
    assert Review.objects.get(reviewer=reviewer).rationale == "Written in the second tab."


def test_a_stale_save_also_says_not_saved_beside_the_buttons_and_focuses_the_conflict(
    client, reviewer, desk
):
    _, claims = desk
    client.force_login(reviewer)
    draft(client, claims[0], 0, rationale="Written in the first tab.")
    html = draft(client, claims[0], 0, rationale="Written in the second tab.").content.decode()
    status = re.search(r'<p id="save-status"[^>]*>.*?</p>', html, re.S).group(0)
    assert 'hx-swap-oob="true"' in status and 'data-state="conflict"' in status
    assert "Not saved: the review changed elsewhere." in status
    assert re.search(r'<div id="conflict"[^>]*\bautofocus\b', html)


def test_a_refused_save_answers_the_panel_and_says_it_replaces_the_panel(client, reviewer, desk):
    """The autosave targets the save status and the figure form the figures: a refusal that
    answers the whole panel must retarget it, or htmx would put a panel inside them."""
    _, claims = desk
    client.force_login(reviewer)
    for response in (
        draft(client, claims[0], 0, rationale="x" * 20_001),
        client.post(f"/review/{claims[0].pk}/figures/", {"version": 0, "figure": 0}, **HTMX),
    ):
        assert response.status_code == 422
        assert response.content.decode().lstrip().startswith('<section id="panel"')
        assert response["HX-Retarget"] == "#panel" and response["HX-Reswap"] == "outerHTML"
    assert not Review.objects.exists()


def test_a_stale_save_without_javascript_shows_the_conflict_page(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    draft(client, claims[0], 0, rationale="First.")
    response = client.post(f"/review/{claims[0].pk}/draft/", {"version": 0, "rationale": "Second."})
    assert response.status_code == 409
    assert "<html" in response.content.decode() and "Second." in response.content.decode()


def test_a_claim_edited_by_an_editor_meanwhile_is_a_conflict(client, reviewer, editor, desk):
    _, claims = desk
    client.force_login(reviewer)
    from factcheck.claims import editing

    fingerprint = claims[0].wording_fingerprint
    editing.restate(claims[0], "Income per head rose 180-fold (1978-2022)", by=editor)
    response = client.post(
        f"/review/{claims[0].pk}/draft/",
        {"version": 0, "claim_fingerprint": fingerprint, "rationale": "x"},
        **HTMX,
    )
    assert (
        response.status_code == 409 and "An editor changed the wording" in response.content.decode()
    )


def test_adding_a_source_reuses_the_library_and_a_double_click_adds_it_once(
    client, reviewer, other_reviewer, desk
):
    _, claims = desk
    Source.objects.create(url="https://stats.example.org/poverty", title="Poverty report")
    client.force_login(reviewer)
    first = add_source(client, claims[0], 0, url="HTTPS://Stats.Example.org/poverty?utm_source=x",
                       submission_key="k1")  # fmt: skip
    again = add_source(client, claims[0], 1, submission_key="k1")
    assert first.status_code == again.status_code == 200
    assert Source.objects.count() == 1
    assert Evidence.objects.count() == 1
    html = first.content.decode()
    assert html.lstrip().startswith('<section id="evidence"') and "Source added." in html
    assert '<details id="add-source" class="add-source">' in html  # closed for the next one
    assert answered_version(first) == 1


def test_an_invalid_source_url_is_shown_next_to_the_field_and_nothing_is_saved(
    client, reviewer, desk
):
    _, claims = desk
    client.force_login(reviewer)
    response = add_source(client, claims[0], 0, url="javascript:alert(1)")
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_url_errors"' in html and "http:// or https://" in html
    assert not Evidence.objects.exists()
    # The add-source panel stays open, showing the error, with what the reviewer typed.
    assert '<details id="add-source" class="add-source" open>' in html
    assert 'value="javascript:alert(1)"' in html
    assert answered_version(response) is None


def test_sources_sharing_a_domain_are_flagged_as_maybe_not_independent(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    add_source(client, claims[0], 0, url="https://news.example.com/a", publisher="A")
    response = add_source(client, claims[0], 1, url="https://news.example.com/b", publisher="B")
    assert "may not be independent" in response.content.decode()


def test_editing_and_removing_a_source(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    add_source(client, claims[0], 0)
    evidence = Evidence.objects.get()
    edited = client.post(
        f"/evidence/{evidence.pk}/",
        {"version": 1, "url": evidence.source.url, "quote": "New quote", "stance": "refutes",
         "kind": "official"},
        **HTMX,
    )  # fmt: skip
    assert edited.status_code == 200 and answered_version(edited) == 2
    evidence.refresh_from_db()
    assert evidence.quote == "New quote" and evidence.stance == "refutes"
    removed = client.post(f"/evidence/{evidence.pk}/remove/", {"version": 2}, **HTMX)
    assert removed.status_code == 200 and not Evidence.objects.exists()
    assert answered_version(removed) == 3


def test_submitting_needs_the_minimum_number_of_sources(client, reviewer, desk, settings):
    settings.FACTCHECK_MIN_SOURCES = 2
    _, claims = desk
    client.force_login(reviewer)
    add_source(client, claims[0], 0)
    response = client.post(
        f"/review/{claims[0].pk}/submit/",
        {"version": 1, "verdict": verdict("false").pk, "rationale": "No."},
        **HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "needs at least 2 sources" in html
    # Saving and submitting are one step: refused, nothing is written, and what the reviewer
    # typed is still in the form, to save as a draft or to submit once the sources are in.
    assert "No.</textarea>" in html
    review = Review.objects.get(reviewer=reviewer)
    assert review.status == Review.Status.DRAFT and review.rationale == "" and review.version == 1


def test_submitting_swaps_the_panel_and_reveals_the_other_reviews(
    client, reviewer, other_reviewer, desk
):
    _, claims = desk
    other = reviewing.save_draft(claims[0], by=other_reviewer, verdict=verdict("true"),
                                 confidence="low", rationale="OTTO-SECRET-RATIONALE",
                                 expected_version=None)  # fmt: skip
    reviewing.add_evidence(claims[0], by=other_reviewer, expected_version=other.version,
                           url="https://otto.example.org/x", quote="OTTO-QUOTE")  # fmt: skip
    workflow.submit(Review.objects.get(pk=other.pk), by=other_reviewer)

    client.force_login(reviewer)
    for response in (client.get(f"/review/{claims[0].pk}/"),
                     client.get(f"/review/{claims[0].pk}/", **HTMX),
                     add_source(client, claims[0], 0)):  # fmt: skip
        html = response.content.decode()
        assert "OTTO-SECRET-RATIONALE" not in html and "OTTO-QUOTE" not in html
        assert "otto.example.org" not in html

    response = client.post(
        f"/review/{claims[0].pk}/submit/",
        {"version": 1, "verdict": verdict("opinion").pk, "rationale": "Mine"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="my-review">') and 'id="panel"' not in html
    assert "OTTO-SECRET-RATIONALE" in html and "OTTO-QUOTE" in html
    assert "otto" not in html.split("Other reviews")[1].split("</h4>")[0].lower()  # anonymous
    assert Review.objects.get(reviewer=reviewer).status == Review.Status.SUBMITTED


def test_the_panel_a_submit_answers_shows_the_claim_s_status_after_the_submit(
    client, reviewer, other_reviewer, desk
):
    """The badge is read again after the submit that made the claim disputed (the status a
    reviewer may see is visibility.py's), not the one the panel showed before."""
    from factcheck.reviews import visibility

    _, claims = desk
    submitted_review(claims[0], other_reviewer, "true")
    client.force_login(reviewer)
    response = client.post(
        f"/review/{claims[0].pk}/submit/",
        {"version": 0, "verdict": verdict("opinion").pk, "rationale": "A value judgement."},
        **HTMX,
    )
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.DISPUTED
    shown = visibility.shown_status(reviewer, claims[0])
    badge = re.search(
        r'<span class="badge status-([a-z_-]+)">([^<]*)</span>', response.content.decode()
    )
    assert badge.groups() == (shown.value, str(shown.label))


def test_editors_read_every_review_with_names_but_cannot_edit_them(
    client, editor, other_reviewer, desk
):
    _, claims = desk
    other = reviewing.save_draft(
        claims[0],
        by=other_reviewer,
        verdict=verdict("opinion"),
        confidence="",
        rationale="OTTO-VIEW",
        expected_version=None,
    )
    workflow.submit(other, by=other_reviewer)
    client.force_login(editor)
    html = client.get(f"/review/{claims[0].pk}/").content.decode()
    assert "OTTO-VIEW" in html and "Otto" in html
    assert 'id="review-form"' not in html
    assert draft(client, claims[0], 0, rationale="x").status_code == 403
    assert Review.objects.get().rationale == "OTTO-VIEW"


def test_a_submitted_review_can_be_reopened_by_its_author(client, reviewer, desk):
    _, claims = desk
    review = reviewing.save_draft(claims[0], by=reviewer, verdict=verdict("opinion"),
                                  confidence="", rationale="r", expected_version=None)  # fmt: skip
    workflow.submit(review, by=reviewer)
    client.force_login(reviewer)
    response = client.post(f"/review/{claims[0].pk}/reopen/", **HTMX)
    assert response.status_code == 200 and 'id="review-form"' in response.content.decode()
    assert Review.objects.get().status == Review.Status.DRAFT


def test_a_reference_figure_is_compared_with_the_claims_figure(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    response = client.post(
        f"/review/{claims[0].pk}/figures/",
        {"version": 0, "figure": 0, "value": 150, "unit": "times",
         "source_url": "https://stats.example.org/income"},
        **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert "does not hold" in html and "(20%)" in html
    review = Review.objects.get()
    assert review.reference_figures[0]["value"] == 150
    assert answered_version(response) == review.version == 1


def test_compare_figure_checks_qualifiers():
    more = {"value": 180.0, "qualifier": "more than"}
    assert reviewing.compare_figure(more, 150)["holds"] is False
    assert reviewing.compare_figure(more, 181)["holds"] is True
    about = {"value": 770e6, "qualifier": "about"}
    assert reviewing.compare_figure(about, 765e6)["holds"] is True
    assert reviewing.compare_figure(about, 690e6)["holds"] is False  # 11.6% off
    result = reviewing.compare_figure({"value": 78.2, "qualifier": ""}, 77.9)
    assert round(result["difference"], 3) == 0.3 and result["holds"] is False


def test_source_search_suggests_my_sources_and_published_ones_but_not_others(
    client, reviewer, other_reviewer, editor, desk
):
    _, claims = desk
    mine = reviewing.save_draft(claims[0], by=reviewer, verdict=None, confidence="",
                                rationale="", expected_version=None)  # fmt: skip
    reviewing.add_evidence(
        claims[0],
        by=reviewer,
        expected_version=mine.version,
        url="https://data.worldbank.org/poverty",
        title="World Bank poverty",
    )
    theirs = reviewing.save_draft(claims[1], by=other_reviewer, verdict=None, confidence="",
                                  rationale="", expected_version=None)  # fmt: skip
    reviewing.add_evidence(
        claims[1],
        by=other_reviewer,
        expected_version=theirs.version,
        url="https://data.worldbank.org/secret-memo",
        title="Secret memo",
    )
    client.force_login(reviewer)
    html = client.get("/sources/search/", {"url": "worldbank"}, **HTMX).content.decode()
    assert 'data-source-url="https://data.worldbank.org/poverty"' in html
    assert "secret-memo" not in html
    assert client.get("/sources/search/", {"url": "zz"}).content.decode().strip() == ""
    client.force_login(editor)
    assert "secret-memo" in client.get("/sources/search/", {"url": "worldbank"}).content.decode()


# Permissions ---------------------------------------------------------------------------------


def test_a_claim_not_assigned_to_me_is_not_found(client, reviewer, editor):
    article = ArticleFactory(body=BODY)
    claim = create_claim(article, 0, BODY.index("\n\n"))
    client.force_login(reviewer)
    assert client.get(f"/review/{claim.pk}/").status_code == 404
    assert draft(client, claim, 0, rationale="x").status_code == 404
    assert not Review.objects.exists()


def test_open_review_lets_reviewers_take_any_open_claim(client, reviewer, settings):
    settings.FACTCHECK_OPEN_REVIEW = True
    article = ArticleFactory(body=BODY)
    claim = create_claim(article, 0, BODY.index("\n\n"))
    client.force_login(reviewer)
    assert client.get(f"/review/{claim.pk}/").status_code == 200
    assert draft(client, claim, 0, rationale="x").status_code == 200


def test_another_reviewers_evidence_is_not_found(client, reviewer, other_reviewer, desk):
    _, claims = desk
    review = reviewing.save_draft(claims[0], by=other_reviewer, verdict=None, confidence="",
                                  rationale="", expected_version=None)  # fmt: skip
    _, evidence = reviewing.add_evidence(claims[0], by=other_reviewer,
                                         expected_version=review.version,
                                         url="https://e.example.org/")  # fmt: skip
    client.force_login(reviewer)
    response = client.post(f"/evidence/{evidence.pk}/remove/", {"version": 2})
    assert response.status_code == 404
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_review_endpoints_refuse_get_and_need_csrf(reviewer, desk):
    _, claims = desk
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    assert client.get(f"/review/{claims[0].pk}/draft/").status_code == 405
    response = client.post(f"/review/{claims[0].pk}/draft/", {"version": 0}, **HTMX)
    assert response.status_code == 403
    assert not Review.objects.exists()


def test_csrf_token_in_the_htmx_header_is_accepted(reviewer, desk):
    _, claims = desk
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    page = client.get(f"/review/{claims[0].pk}/")
    token = page.content.decode().split('"X-CSRFToken": "')[1].split('"')[0]
    response = client.post(
        f"/review/{claims[0].pk}/draft/",
        {"version": 0, "rationale": "ok"},
        HTTP_X_CSRFTOKEN=token,
        **HTMX,
    )
    assert response.status_code == 200


# Speed ---------------------------------------------------------------------------------------


def test_workspace_and_panel_queries_do_not_grow_with_claims_and_sources(
    client, reviewer, editor, django_assert_max_num_queries
):
    body = "\n\n".join(f"Claim number {n} says {n} percent." for n in range(300))
    article = ArticleFactory(body=body)
    claims = []
    for n in range(300):
        text = f"Claim number {n} says {n} percent."
        start = body.index(text)
        claims.append(create_claim(article, start, start + len(text)))
    assignments.assign(claims, [reviewer], by=editor, notify=False)
    version = None
    for n in range(10):
        review, _ = reviewing.add_evidence(claims[0], by=reviewer, expected_version=version,
                                           url=f"https://s{n}.example.org/")  # fmt: skip
        version = review.version
    client.force_login(reviewer)
    # The first opening also matches the claim, never matched before (claims.matching): a
    # fixed handful of queries more, whatever the number of claims.
    with django_assert_max_num_queries(22):
        page = client.get(f"/review/{claims[0].pk}/")
    assert page.content.decode().count("data-review-claim=") == 300
    with django_assert_max_num_queries(14):
        client.get(f"/review/{claims[0].pk}/", **HTMX)
    with django_assert_max_num_queries(12):
        draft(client, claims[0], version, rationale="quick")


def test_new_assignments_are_counted_in_the_menu_until_the_queue_is_opened(client, reviewer, desk):
    client.force_login(reviewer)
    assert "3 new" in client.get("/articles/").content.decode()
    client.get("/queue/")
    assert "new</span>" not in client.get("/articles/").content.decode()


def test_the_menu_counts_new_assignments_up_to_99(client, reviewer, editor):
    article = ArticleFactory(body=" ".join(f"Output rose {n} percent." for n in range(101)))
    claims = [
        create_claim(article, start, start + len(f"Output rose {n} percent."), by=editor)
        for n, start in zip(range(101), _starts(article.body), strict=True)
    ]
    assignments.assign(claims[:99], [reviewer], by=editor, notify=False)
    client.force_login(reviewer)
    assert "99 new" in client.get("/articles/").content.decode()
    assignments.assign(claims[99:], [reviewer], by=editor, notify=False)
    page = client.get("/articles/").content.decode()
    assert "99+ new" in page and "101 new" not in page


def _starts(body):
    start = 0
    while start < len(body):
        yield start
        start = body.find(". ", start) + 2 if ". " in body[start:] else len(body)


def test_a_review_cannot_be_reopened_once_the_others_have_been_seen(
    client, reviewer, other_reviewer, desk
):
    _, claims = desk
    reviewing.save_draft(claims[0], by=other_reviewer, verdict=verdict("unverifiable"),
                         confidence="", rationale="OTTO", expected_version=None)  # fmt: skip
    workflow.submit(Review.objects.get(reviewer=other_reviewer), by=other_reviewer)
    mine = reviewing.save_draft(
        claims[0],
        by=reviewer,
        verdict=verdict("opinion"),
        confidence="",
        rationale="quick",
        expected_version=None,
    )
    workflow.submit(mine, by=reviewer)
    client.force_login(reviewer)
    page = client.get(f"/review/{claims[0].pk}/").content.decode()
    assert "OTTO" in page and "Reopen my review" not in page
    response = client.post(f"/review/{claims[0].pk}/reopen/", **HTMX)
    assert response.status_code == 422 and "ask an editor" in response.content.decode()
    assert Review.objects.get(reviewer=reviewer).status == Review.Status.SUBMITTED


def test_a_reviewer_who_has_not_submitted_is_not_told_the_others_disagree(
    client, editor, reviewer, other_reviewer, desk
):
    from factcheck.accounts.models import User

    _, claims = desk
    third = User.objects.create_user("tess", role=User.Role.REVIEWER)
    assignments.assign([claims[0]], [third], by=editor, notify=False)
    for author, slug in ((reviewer, "true"), (other_reviewer, "unverifiable")):
        review = reviewing.save_draft(claims[0], by=author, verdict=verdict(slug), confidence="",
                                      rationale="", expected_version=None)  # fmt: skip
        reviewing.add_evidence(claims[0], by=author, expected_version=review.version,
                               url=f"https://{author.username}.example.org/")  # fmt: skip
        workflow.submit(Review.objects.get(pk=review.pk), by=author)
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.DISPUTED
    client.force_login(third)
    for url in (f"/review/{claims[0].pk}/", "/queue/", f"/articles/{claims[0].article_id}/"):
        html = client.get(url).content.decode()
        assert "Disputed" not in html and "status-disputed" not in html, url
    client.force_login(editor)
    assert "Disputed" in client.get(f"/articles/{claims[0].article_id}/").content.decode()


def swapped(page, answer, target):
    """The page as htmx leaves it after `answer`: its first element in place of `target`, each
    element marked hx-swap-oob in place of the page's element of the same id."""
    document = lxml.html.document_fromstring(page)
    for fragment in lxml.html.fragments_fromstring(answer):
        if isinstance(fragment, str):
            continue
        oob = fragment.attrib.pop("hx-swap-oob", None)
        old = document.get_element_by_id(fragment.get("id") if oob else target)
        fragment.tail = old.tail
        old.getparent().replace(old, fragment)
        target = None  # one element swaps in place of the target, the others out of band
    return document


def panel_shown(document):
    """What the panel shows: its words, and its elements (tag, id, class) in order."""
    panel = document.get_element_by_id("panel")
    words = " ".join(panel.text_content().split())
    elements = [(el.tag, el.get("id"), el.get("class")) for el in panel.iter(lxml.etree.Element)]
    return words, elements


def submit_over_htmx(client, claim, version, **fields):
    data = {
        "version": version,
        "claim_fingerprint": claim.wording_fingerprint,
        "verdict": verdict("true").pk,
        "confidence": "high",
        "rationale": "The census.",
    }
    data.update(fields)
    return client.post(f"/review/{claim.pk}/submit/", data, **HTMX)


def test_a_submit_answers_only_the_parts_it_changes_and_the_page_matches_a_fresh_one(
    client, reviewer, other_reviewer, desk
):
    _, claims = desk
    submitted_review(claims[0], other_reviewer, "true", rationale="OTTO-RATIONALE")
    client.force_login(reviewer)
    add_source(client, claims[0], 0)
    page = client.get(f"/review/{claims[0].pk}/").content.decode()
    assert "OTTO-RATIONALE" not in page and "Edit source" in page and "Add source" in page

    response = submit_over_htmx(client, claims[0], 1)
    answer = response.content.decode()
    assert response.status_code == 200 and response["HX-Retarget"] == "#my-review"
    assert 'id="panel"' not in answer and "Previously checked" not in answer
    assert answer.lstrip().startswith('<div id="my-review">')
    for region in ("claim-meta", "panel-messages", "conflict", "evidence", "figures", "others",
                   "panel-nav"):  # fmt: skip
        assert f'id="{region}"' in answer, region
    after_swap = swapped(page, answer, "my-review")
    fresh = lxml.html.document_fromstring(client.get(f"/review/{claims[0].pk}/").content)
    assert panel_shown(after_swap) == panel_shown(fresh)
    words, _ = panel_shown(after_swap)
    assert "OTTO-RATIONALE" in words and "Discussion" in words and "Next claim" in words
    assert "Edit source" not in words and "Add source" not in words and "Submit review" not in words


def test_a_submit_clears_an_earlier_refusal_and_reopen_answers_the_same_way(
    client, reviewer, desk, settings
):
    """A refused submit (422) shows why in the panel; the submit that then succeeds takes the
    message away. Reopening swaps the form back in and the page again matches a fresh one."""
    settings.FACTCHECK_MIN_SOURCES = 1
    _, claims = desk
    client.force_login(reviewer)
    refused = submit_over_htmx(client, claims[1], 0)
    assert refused.status_code == 422 and refused["HX-Retarget"] == "#panel"
    page = client.get(f"/review/{claims[1].pk}/").content.decode()
    page = lxml.html.tostring(swapped(page, refused.content.decode(), "panel")).decode()
    assert "needs at least 1 source" in page
    add_source(client, claims[1], 0)  # the refusal wrote nothing
    answer = submit_over_htmx(client, claims[1], review_version(reviewer, claims[1]))
    after_swap = swapped(page, answer.content.decode(), "my-review")
    fresh = lxml.html.document_fromstring(client.get(f"/review/{claims[1].pk}/").content)
    assert panel_shown(after_swap) == panel_shown(fresh)
    assert "needs at least" not in panel_shown(after_swap)[0]
    assert "Reopen my review" in panel_shown(after_swap)[0]

    page = lxml.html.tostring(after_swap).decode()
    response = client.post(f"/review/{claims[1].pk}/reopen/", **HTMX)
    assert response.status_code == 200 and 'id="panel"' not in response.content.decode()
    after_swap = swapped(page, response.content.decode(), "my-review")
    fresh = lxml.html.document_fromstring(client.get(f"/review/{claims[1].pk}/").content)
    assert panel_shown(after_swap) == panel_shown(fresh)
    assert "Submit review" in panel_shown(after_swap)[0]
    assert Review.objects.get(reviewer=reviewer, claim=claims[1]).status == Review.Status.DRAFT


def test_submitting_without_javascript_still_redirects(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    response = client.post(f"/review/{claims[2].pk}/submit/", {
        "version": 0, "claim_fingerprint": claims[2].wording_fingerprint,
        "verdict": verdict("opinion").pk, "confidence": "", "rationale": ""})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/review/{claims[2].pk}/"
    assert Review.objects.get(reviewer=reviewer, claim=claims[2]).is_submitted


def test_an_editor_reviewing_a_claim_gets_the_claims_checked_before_again_on_submit(
    client, reviewer, other_reviewer, desk
):
    """An editor's "previously checked" actions depend on the claim's status, which a submit
    can move: for them that section comes back too, and the page matches a fresh one."""
    _, claims = desk
    reviewer.is_staff = True  # a reviewer who also runs the desk
    reviewer.save(update_fields=["is_staff"])
    assert reviewer.is_editor and reviewer.is_reviewer
    submitted_review(claims[0], other_reviewer, "opinion", rationale="OTTO-RATIONALE")
    client.force_login(reviewer)
    page = client.get(f"/review/{claims[0].pk}/").content.decode()
    response = submit_over_htmx(client, claims[0], 0, verdict=verdict("opinion").pk)
    answer = response.content.decode()
    assert response.status_code == 200 and 'id="previously-checked"' in answer
    after_swap = swapped(page, answer, "my-review")
    fresh = lxml.html.document_fromstring(client.get(f"/review/{claims[0].pk}/").content)
    assert panel_shown(after_swap) == panel_shown(fresh)
    assert "OTTO-RATIONALE" in panel_shown(after_swap)[0]


def test_a_reviewer_submitting_is_not_sent_the_claims_checked_before(client, reviewer, desk):
    _, claims = desk
    client.force_login(reviewer)
    answer = submit_over_htmx(client, claims[2], 0, verdict=verdict("opinion").pk)
    assert answer.status_code == 200
    assert 'id="previously-checked"' not in answer.content.decode()
