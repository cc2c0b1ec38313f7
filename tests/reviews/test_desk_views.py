"""The editors' desk: dashboard, a claim's desk page, assignment, resolution, publication,
discussion and history, through htmx and plain forms, and who may use them."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments, desk, reviewing, workflow
from factcheck.reviews.models import Assignment, Comment, Evidence
from tests.factories import ArticleFactory, verdict

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def make_claims(count, title="Desk article"):
    body = "\n\n".join(f"Output of sector {n} in {title} rose {n} percent." for n in range(count))
    article = ArticleFactory(body=body, title=title)
    claims = []
    for n in range(count):
        text = f"Output of sector {n} in {title} rose {n} percent."
        start = body.index(text)
        claims.append(create_claim(article, start, start + len(text)))
    return article, claims


def review(claim, reviewer, slug, *, source="https://stats.example.org/a", rationale="Checked."):
    draft = reviewing.save_draft(claim, by=reviewer, verdict=verdict(slug), confidence="high",
                                 rationale=rationale, expected_version=None)  # fmt: skip
    draft, evidence = reviewing.add_evidence(
        claim, by=reviewer, expected_version=draft.version, url=source, quote="rose"
    )
    workflow.submit(draft, by=reviewer)
    return evidence


@pytest.fixture
def disputed(editor, reviewer, other_reviewer):
    article, claims = make_claims(3)
    assignments.assign(claims, [reviewer, other_reviewer], by=editor, notify=False)
    review(claims[0], reviewer, "true", rationale="RITA-RATIONALE")
    review(claims[0], other_reviewer, "false", source="https://other.example.org/b")
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.DISPUTED
    return article, claims


def test_editors_land_on_the_desk_dashboard(client, editor, disputed):
    article, claims = disputed
    client.force_login(editor)
    assert client.get("/")["Location"] == "/desk/"
    html = client.get("/desk/").content.decode()
    assert "<h1>Desk</h1>" in html
    assert article.title in html and 'class="progress-bar"' in html
    assert "Disputed claims waiting for resolution" in html
    assert f'href="/claims/{claims[0].pk}/"' in html
    assert "Verdicts of submitted reviews" in html and "True: 1" in html and "False: 1" in html
    assert "rita · otto" in html or "otto · rita" in html
    assert "not enough data" in html  # one shared claim is too few for kappa


def test_the_dashboard_query_count_does_not_grow_with_claims(
    client, editor, reviewer, other_reviewer, django_assert_max_num_queries
):
    def load():
        client.force_login(editor)
        cache.clear()  # the figures are recounted, not read from the cache
        with django_assert_max_num_queries(20) as captured:
            client.get("/desk/")
        return len(captured)

    _, few = make_claims(3, "Few")
    assignments.assign(few, [reviewer, other_reviewer], by=editor, notify=False)
    small = load()
    _, many = make_claims(40, "Many")
    assignments.assign(many, [reviewer, other_reviewer], by=editor, notify=False)
    for claim in many[:10]:
        review(claim, reviewer, "true")
        review(claim, other_reviewer, "mostly-true", source="https://o.example.org/x")
    assert load() == small


def test_the_desk_figures_are_counted_once_a_minute_and_say_how_old_they_are(
    client, editor, reviewer, disputed
):
    _, claims = disputed
    client.force_login(editor)
    with CaptureQueriesContext(connection) as counted:
        html = client.get("/desk/").content.decode()
    assert "True: 1" in html and "As of " in html
    review(claims[1], reviewer, "true")
    with CaptureQueriesContext(connection) as cached:
        html = client.get("/desk/").content.decode()
    assert "True: 1" in html  # the figures of the first request, still fresh
    assert len(cached) < len(counted)
    cache.delete(desk.STATISTICS_KEY)  # what a minute does
    assert "True: 2" in client.get("/desk/").content.decode()


def test_an_editors_own_resolution_shows_on_the_desk_at_once(client, editor, disputed):
    _, claims = disputed
    claim = claims[0]
    client.force_login(editor)
    assert "Mostly false: 1" not in client.get("/desk/").content.decode()  # figures counted
    client.post(
        f"/claims/{claim.pk}/resolve/",
        {"verdict": verdict("mostly-false").pk, "rationale": "The figure is overstated.",
         "version": claim.version},
    )  # fmt: skip
    assert "Mostly false: 1" in client.get("/desk/").content.decode()


def test_the_disputed_list_counts_each_claims_submitted_reviews(client, editor, disputed):
    _, claims = disputed
    client.force_login(editor)
    section = desk_section(client.get("/desk/").content.decode(), "disputed-heading")
    assert claims[0].text in section and "2 reviews" in section


def test_reviewers_cannot_reach_the_desk(client, reviewer, disputed):
    _, claims = disputed
    client.force_login(reviewer)
    assert client.get("/desk/").status_code == 403
    assert client.get(f"/claims/{claims[0].pk}/").status_code == 403
    for action in ("assign", "unassign", "resolve", "publish", "reopen"):
        response = client.post(f"/claims/{claims[0].pk}/{action}/", {"reviewers": [reviewer.pk]},
                               **HTMX)  # fmt: skip
        assert response.status_code == 403, action
    assert client.post(f"/articles/{claims[0].article_id}/auto-assign/").status_code == 403
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.DISPUTED


def test_the_claim_desk_shows_every_review_side_by_side_with_names(client, editor, disputed):
    _, claims = disputed
    client.force_login(editor)
    page = client.get(f"/claims/{claims[0].pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html
    assert "Rita" in html and "Otto" in html and "RITA-RATIONALE" in html
    assert 'form="resolve-form"' in html and "Resolve" in html
    fragment = client.get(f"/claims/{claims[0].pk}/", **HTMX).content.decode()
    assert "<html" not in fragment and fragment.lstrip().startswith('<div id="desk"')


def test_resolving_then_publishing_through_htmx(client, editor, disputed):
    _, claims = disputed
    claim = claims[0]
    chosen = Evidence.objects.get(source__url="https://other.example.org/b")
    client.force_login(editor)
    response = client.post(
        f"/claims/{claim.pk}/resolve/",
        {"verdict": verdict("mostly-false").pk, "rationale": "The figure is overstated.",
         "evidence": [chosen.pk], "version": claim.version},
        **HTMX,
    )  # fmt: skip
    assert response.status_code == 200
    assert "Claim resolved." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.RESOLVED and claim.final_verdict.slug == "mostly-false"
    assert list(Evidence.objects.filter(published=True)) == [chosen]

    claim.refresh_from_db()
    response = client.post(f"/claims/{claim.pk}/publish/", {"version": claim.version}, **HTMX)
    assert "Claim published." in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.PUBLISHED
    dashboard = client.get("/desk/").content.decode()
    assert "Mostly false: 1" in dashboard


def test_resolving_without_a_rationale_is_refused_and_changes_nothing(client, editor, disputed):
    _, claims = disputed
    client.force_login(editor)
    response = client.post(
        f"/claims/{claims[0].pk}/resolve/",
        {"verdict": verdict("false").pk, "rationale": " ", "version": claims[0].version},
        **HTMX,
    )
    assert response.status_code == 422
    assert "public rationale" in response.content.decode()
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.DISPUTED and claims[0].final_verdict is None


def test_publishing_an_unresolved_claim_is_refused(client, editor, disputed):
    _, claims = disputed
    client.force_login(editor)
    response = client.post(f"/claims/{claims[0].pk}/publish/", {"version": claims[0].version})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Only resolved claims can be published" in page
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.DISPUTED


def test_assigning_and_unassigning_from_the_claim_desk(client, editor, reviewer, other_reviewer):
    _, claims = make_claims(1)
    client.force_login(editor)
    response = client.post(
        f"/claims/{claims[0].pk}/assign/", {"reviewers": [reviewer.pk, other_reviewer.pk]}
    )
    assert response.status_code == 302
    assert set(Assignment.objects.values_list("reviewer__username", flat=True)) == {"rita", "otto"}
    client.post(f"/claims/{claims[0].pk}/unassign/", {"reviewer": other_reviewer.pk}, **HTMX)
    assert list(Assignment.objects.values_list("reviewer__username", flat=True)) == ["rita"]


def test_assigning_an_editor_as_reviewer_is_refused(client, editor):
    _, claims = make_claims(1)
    client.force_login(editor)
    response = client.post(f"/claims/{claims[0].pk}/assign/", {"reviewers": [editor.pk]}, **HTMX)
    assert response.status_code == 422
    assert not Assignment.objects.exists()


def test_auto_assign_and_publish_all_from_the_article(client, editor, reviewer, other_reviewer):
    article, claims = make_claims(3)
    client.force_login(editor)
    response = client.post(f"/articles/{article.pk}/auto-assign/")
    assert response.status_code == 302
    assert Assignment.objects.count() == 6
    response = client.post(f"/articles/{article.pk}/publish/", follow=True)
    assert "Published 0 claims." in response.content.decode()


def test_reopening_a_published_claim_is_recorded_in_its_history(client, editor, disputed):
    _, claims = disputed
    claim = claims[0]
    workflow.resolve(claim, by=editor, verdict=verdict("false"), rationale="No.")
    workflow.publish(claim, by=editor)
    client.force_login(editor)
    claim.refresh_from_db()
    client.post(
        f"/claims/{claim.pk}/reopen/",
        {"reason": "new census data", "version": claim.version},
        **HTMX,
    )
    claim.refresh_from_db()
    assert claim.status == Claim.Status.DISPUTED
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "reopened: new census data" in html
    assert "resolved: false" in html and "published" in html
    assert "assigned to Rita" in html and "source added" in html


def test_discussion_is_for_editors_and_reviewers_who_submitted(
    client, editor, reviewer, other_reviewer
):
    _, claims = make_claims(1)
    assignments.assign(claims, [reviewer, other_reviewer], by=editor, notify=False)
    claim = claims[0]
    client.force_login(editor)
    response = client.post(f"/claims/{claim.pk}/comments/", {"body": "Which year?"}, **HTMX)
    assert response.status_code == 200 and "Which year?" in response.content.decode()

    client.force_login(other_reviewer)
    assert client.post(f"/claims/{claim.pk}/comments/", {"body": "x"}).status_code == 403
    panel = client.get(f"/review/{claim.pk}/").content.decode()
    assert "Which year?" not in panel  # blind until they submit

    review(claim, other_reviewer, "true")
    panel = client.get(f"/review/{claim.pk}/").content.decode()
    assert "Which year?" in panel
    client.post(f"/claims/{claim.pk}/comments/", {"body": "The 2012 baseline.",
                                                  "next": f"/review/{claim.pk}/"})  # fmt: skip
    assert Comment.objects.count() == 2


def test_an_empty_comment_is_refused(client, editor):
    _, claims = make_claims(1)
    client.force_login(editor)
    response = client.post(f"/claims/{claims[0].pk}/comments/", {"body": "  "}, **HTMX)
    assert response.status_code == 422 and "Write a comment first." in response.content.decode()
    assert not Comment.objects.exists()


def test_desk_actions_need_csrf(editor, disputed):
    _, claims = disputed
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    assert client.post(f"/claims/{claims[0].pk}/publish/").status_code == 403


def test_the_history_records_unassignments(client, editor, reviewer):
    _, claims = make_claims(1)
    client.force_login(editor)
    client.post(f"/claims/{claims[0].pk}/assign/", {"reviewers": [reviewer.pk]})
    client.post(f"/claims/{claims[0].pk}/unassign/", {"reviewer": reviewer.pk})
    html = client.get(f"/claims/{claims[0].pk}/").content.decode()
    assert "Edna: unassigned Rita" in html and "Edna: assigned to Rita" in html
    # Shown once: the claim's move back to open is part of the unassignment's entry.
    assert "unassigned from" not in html
    entry = html[html.index("Edna: unassigned Rita") :]
    assert entry.index("<del>In review</del> → <ins>Open</ins>") < entry.index("</li>")


def test_resolving_from_a_page_older_than_the_reviews_is_a_conflict(client, editor, reviewer):
    _, claims = make_claims(1)
    assignments.assign(claims, [reviewer], by=editor, notify=False)
    review(claims[0], reviewer, "true", rationale="First look.")
    claims[0].refresh_from_db()
    seen = claims[0].version  # the editor's desk page is built now
    mine = claims[0].reviews.get()
    workflow.reopen_review(mine, by=reviewer)
    mine.refresh_from_db()
    workflow.submit(mine, by=reviewer)  # the reviewer changed their mind meanwhile
    client.force_login(editor)
    response = client.post(
        f"/claims/{claims[0].pk}/resolve/",
        {"verdict": verdict("true").pk, "rationale": "Fine.", "version": seen},
        **HTMX,
    )
    assert response.status_code == 409
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.IN_REVIEW


def test_a_publish_without_the_page_version_is_refused(client, editor, disputed):
    _, claims = disputed
    workflow.resolve(claims[0], by=editor, verdict=verdict("false"), rationale="No.")
    client.force_login(editor)
    response = client.post(f"/claims/{claims[0].pk}/publish/", **HTMX)
    assert response.status_code == 422
    claims[0].refresh_from_db()
    assert claims[0].status == Claim.Status.RESOLVED


def test_nothing_in_a_published_claims_reviews_or_wording_can_change(
    client, editor, reviewer, disputed
):
    from factcheck.claims import editing

    _, claims = disputed
    claim = claims[0]
    workflow.resolve(claim, by=editor, verdict=verdict("false"), rationale="No.")
    workflow.publish(claim, by=editor)
    client.force_login(reviewer)
    review_version = claim.reviews.get(reviewer=reviewer).version
    response = client.post(
        f"/review/{claim.pk}/draft/", {"version": review_version, "rationale": "late edit"}
    )
    assert response.status_code == 422
    assert "its reviews can no longer change" in response.content.decode()
    with pytest.raises(Exception, match="can no longer change"):
        reviewing.save_draft(claim, by=reviewer, verdict=None, confidence="", rationale="x",
                             expected_version=None)  # fmt: skip
    with pytest.raises(Exception, match="reopen it before restating"):
        editing.restate(claim, "A new wording", by=editor)
    assert claim.reviews.get(reviewer=reviewer).rationale == "RITA-RATIONALE"


def test_the_admin_reads_reviews_but_does_not_edit_or_revert_them(client, admin_user, disputed):
    _, claims = disputed
    client.force_login(admin_user)
    review_obj = claims[0].reviews.first()
    assert client.get("/admin/reviews/review/add/").status_code == 403
    page = client.get(f"/admin/reviews/review/{review_obj.pk}/change/").content.decode()
    assert 'name="rationale"' not in page
    assert review_obj.rationale in page
    assert client.get("/admin/reviews/assignment/add/").status_code == 403


def test_the_history_shows_an_assignment_once_with_the_status_labels(
    client, editor, reviewer, other_reviewer
):
    _, claims = make_claims(1)
    client.force_login(editor)
    client.post(f"/claims/{claims[0].pk}/assign/", {"reviewers": [reviewer.pk, other_reviewer.pk]})
    html = client.get(f"/claims/{claims[0].pk}/").content.decode()
    history = html[html.index('id="history-heading"') :]
    assert history.count("assigned to") == 2
    # The status move joins the assignment that made it (the first one).
    moved = Claim.objects.get(pk=claims[0].pk).history.get(status="in_review")
    first = moved.history_change_reason.removeprefix("assigned to ").capitalize()
    entry = history[history.index(f"assigned to {first}") :]
    assert entry.index("<del>Open</del> → <ins>In review</ins>") < entry.index("</li>")
    assert history.count("<del>Open</del> → <ins>In review</ins>") == 1
    assert "in_review" not in history


def test_resolving_before_the_second_review_needs_the_without_waiting_box(
    client, editor, reviewer, other_reviewer
):
    _, claims = make_claims(1)
    claim = claims[0]
    assignments.assign(claims, [reviewer, other_reviewer], by=editor, notify=False)
    review(claim, reviewer, "true")
    client.force_login(editor)
    page = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Resolve without waiting for Otto" in page
    claim.refresh_from_db()
    data = {"verdict": verdict("true").pk, "rationale": "Checked.", "version": claim.version}
    refused = client.post(f"/claims/{claim.pk}/resolve/", data, **HTMX)
    assert "has not submitted a review yet" in refused.content.decode()
    claim.refresh_from_db()
    assert claim.status == Claim.Status.IN_REVIEW
    client.post(f"/claims/{claim.pk}/resolve/", {**data, "without_waiting": "on"}, **HTMX)
    claim.refresh_from_db()
    assert claim.status == Claim.Status.RESOLVED
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert "Edna: resolved without waiting for Otto" in html


def test_the_verdict_charts_show_whole_labels(client, editor, disputed):
    client.force_login(editor)
    html = client.get("/desk/").content.decode()
    chart = html[html.index('<figure class="bar-chart">') :]
    svg = chart[chart.index("<svg") : chart.index("</svg>")]
    # "Misleading (missing context)" is one label too long for one line: it wraps, whole.
    assert '<tspan x="0" y="' in svg and "Misleading (missing" in svg and "context)" in svg
    assert "…" not in svg and "..." not in svg
    lines = [line.split(">")[-1] for line in svg.split("</tspan>")[:-1]]
    assert "Misleading (missing context)" in " ".join(lines)


def desk_section(html, heading_id):
    section = html[html.index(f'id="{heading_id}"') :]
    return section[: section.index("</section>")]


def test_the_dashboard_lists_what_is_ready_overdue_and_awaited(
    client, editor, reviewer, other_reviewer
):
    _, claims = make_claims(3, "Lists")
    yesterday = timezone.localdate() - timedelta(days=1)
    assignments.assign(claims[:1], [reviewer], by=editor, notify=False, due_on=yesterday)
    assignments.assign(claims[1:], [other_reviewer], by=editor, notify=False)
    review(claims[2], other_reviewer, "true")
    workflow.resolve(claims[2], by=editor, verdict=verdict("true"), rationale="Checked.")
    client.force_login(editor)
    html = client.get("/desk/").content.decode()

    ready = desk_section(html, "ready-heading")
    assert claims[2].text in ready and claims[0].text not in ready
    overdue = desk_section(html, "overdue-heading")
    assert claims[0].text in overdue and "Rita · due" in overdue
    assert claims[1].text not in overdue
    waiting = desk_section(html, "waiting-heading")
    assert "Otto: 1 review" in waiting and "Rita: 1 review" in waiting
    assert claims[1].text in waiting and claims[2].text not in waiting


def test_the_dashboard_lists_keep_a_fixed_query_count(
    client, editor, reviewer, other_reviewer, django_assert_max_num_queries
):
    def load():
        client.force_login(editor)
        cache.clear()
        with django_assert_max_num_queries(25) as captured:
            client.get("/desk/")
        return len(captured)

    yesterday = timezone.localdate() - timedelta(days=1)

    def add(count, title):
        _, claims = make_claims(count, title)
        assignments.assign(
            claims, [reviewer, other_reviewer], by=editor, notify=False, due_on=yesterday
        )
        review(claims[0], reviewer, "true")
        workflow.resolve(
            claims[0],
            by=editor,
            verdict=verdict("true"),
            rationale="Checked.",
            without_waiting=True,
        )

    add(2, "Few")
    small = load()
    add(12, "Many")
    assert load() == small


def test_the_claim_desk_shows_the_claim_in_its_paragraph(client, editor, reviewer):
    article = ArticleFactory(
        body="Intro paragraph.\n\nPrices fell in May. Output rose 4 percent. Jobs held steady."
        "\n\nClosing paragraph."
    )
    start = article.body.index("Output")
    claim = create_claim(article, start, start + len("Output rose 4 percent."))
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    client.force_login(editor)
    html = client.get(f"/claims/{claim.pk}/").content.decode()
    assert (
        '<p class="paragraph-context">Prices fell in May. <mark>Output rose 4 percent.</mark>'
        " Jobs held steady.</p>"
    ) in html
    assert "Intro paragraph." not in html and "Closing paragraph." not in html
