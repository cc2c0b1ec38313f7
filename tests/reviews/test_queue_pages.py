"""The reviewer's queue page: keyset pages of 50, true counts, no write on a read, and a fixed
number of queries whatever the queue's length."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments, reviewing, workflow
from factcheck.reviews.models import Assignment
from tests.factories import ArticleFactory, UserFactory, submitted_review, verdict

pytestmark = pytest.mark.django_db


def assigned_claims(editor, reviewer, count, *, due_on=None, title="Queue"):
    """`count` open claims of one article assigned to `reviewer`, in reading order."""
    texts = [f"{title} claim {n} says {n} percent." for n in range(count)]
    body = "\n\n".join(texts)
    article = ArticleFactory(body=body, title=title)
    claims = [
        create_claim(article, body.index(text), body.index(text) + len(text)) for text in texts
    ]
    assignments.assign(claims, [reviewer], by=editor, due_on=due_on, notify=False)
    return claims


def queue_items(html):
    if 'class="queue-list"' not in html:
        return []
    return re.findall(r"<li>.*?</li>", html.split('class="queue-list"')[1], re.S)


def shown_claims(html):
    return [int(pk) for pk in re.findall(r'<li>\s*<a href="/review/(\d+)/"', html)]


def link(html, rel):
    found = re.search(rf'<a href="(/queue/\?[^"]+)" rel="{rel}">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def submit(claim, reviewer):
    review = reviewing.save_draft(
        claim,
        by=reviewer,
        verdict=verdict("opinion"),
        confidence="",
        rationale="A value judgement.",
        expected_version=None,
    )
    return workflow.submit(review, by=reviewer)


def test_the_queue_shows_50_claims_a_page_with_next_and_previous_links(client, editor, reviewer):
    claims = assigned_claims(editor, reviewer, 60)
    client.force_login(reviewer)
    first = client.get("/queue/").content.decode()
    assert shown_claims(first) == [claim.pk for claim in claims[:50]]
    assert link(first, "prev") is None and link(first, "next").startswith("/queue/?after=")
    second = client.get(link(first, "next")).content.decode()
    assert shown_claims(second) == [claim.pk for claim in claims[50:]]
    assert link(second, "next") is None
    back = client.get(link(second, "prev")).content.decode()
    assert shown_claims(back) == [claim.pk for claim in claims[:50]]
    assert link(back, "prev") is None and link(back, "next") == link(first, "next")


def test_pages_neither_skip_nor_repeat_claims_assigned_at_the_same_moment(client, editor, reviewer):
    claims = assigned_claims(editor, reviewer, 120)
    Assignment.objects.filter(reviewer=reviewer).update(created_at=timezone.now())
    client.force_login(reviewer)
    seen, url = [], "/queue/"
    while url:
        html = client.get(url).content.decode()
        seen += shown_claims(html)
        url = link(html, "next")
    assert seen == [claim.pk for claim in claims]
    before = assignments.cursor(Assignment.objects.get(claim=claims[101]))
    html = client.get(f"/queue/?before={before}").content.decode()
    assert shown_claims(html) == [claim.pk for claim in claims[51:101]]


def test_a_page_keeps_its_place_when_claims_before_it_are_submitted(client, editor, reviewer):
    claims = assigned_claims(editor, reviewer, 60)
    client.force_login(reviewer)
    next_page = link(client.get("/queue/").content.decode(), "next")
    for claim in claims[:5]:
        submit(claim, reviewer)
    assert shown_claims(client.get(next_page).content.decode()) == [c.pk for c in claims[50:]]


def test_a_cursor_that_cannot_be_read_shows_the_first_page(client, editor, reviewer):
    claims = assigned_claims(editor, reviewer, 3)
    client.force_login(reviewer)
    for query in ("after=nonsense", "before=1-2-3", "after=-5", "after=99999999999999999999-1"):
        response = client.get(f"/queue/?{query}")
        assert response.status_code == 200, query
        assert shown_claims(response.content.decode()) == [claim.pk for claim in claims]


def test_a_page_past_the_end_leads_back_to_the_start(client, editor, reviewer):
    claims = assigned_claims(editor, reviewer, 2)
    client.force_login(reviewer)
    past = assignments.cursor(Assignment.objects.get(claim=claims[1]))
    html = client.get(f"/queue/?after={past}").content.decode()
    assert shown_claims(html) == [] and "back to the start of your queue" in html


def test_the_counts_are_true_beyond_the_first_page(client, editor, reviewer):
    yesterday = timezone.localdate() - timedelta(days=1)
    late = assigned_claims(editor, reviewer, 55, due_on=yesterday, title="Late")
    assigned_claims(editor, reviewer, 20, title="Undated")
    for claim in late[:3]:
        submit(claim, reviewer)
    client.force_login(reviewer)
    html = client.get("/queue/").content.decode()
    assert len(queue_items(html)) == 50
    assert "<strong>72</strong> to do" in html and "<strong>3</strong> done" in html
    assert '<strong class="badge overdue">52</strong> overdue' in html


def panel_claim(editor, me, count=2):
    """`count` claims assigned to `me`; the first also to a panel of three others, whose article
    is resolved by panel vote."""
    claims = assigned_claims(editor, me, count)
    claims[0].article.resolution_rule = "panel"
    claims[0].article.save()
    panel = [UserFactory(username=name) for name in ("anna", "bert", "cara")]
    assignments.assign([claims[0]], panel, by=editor, notify=False)
    return claims, panel


def test_a_claim_resolved_by_panel_vote_without_me_leaves_my_queue_and_its_counts(
    client, editor, reviewer
):
    yesterday = timezone.localdate() - timedelta(days=1)
    claims, panel = panel_claim(editor, reviewer)
    Assignment.objects.filter(reviewer=reviewer).update(due_on=yesterday)
    for member in panel:
        submitted_review(claims[0], member, "false")
    assert Claim.objects.get(pk=claims[0].pk).status == Claim.Status.RESOLVED
    assert Assignment.objects.filter(claim=claims[0], reviewer=reviewer).exists()
    client.force_login(reviewer)
    html = client.get("/queue/").content.decode()
    assert shown_claims(html) == [claims[1].pk]
    assert "<strong>1</strong> to do" in html and "<strong>0</strong> done" in html
    assert '<strong class="badge overdue">1</strong> overdue' in html
    assert assignments.next_in_queue(reviewer, claims[1]) is None


def test_a_reopened_claim_comes_back_to_the_queue_and_its_counts(client, editor, reviewer):
    claims, panel = panel_claim(editor, reviewer)
    for member in panel:
        submitted_review(claims[0], member, "false")
    workflow.publish(Claim.objects.get(pk=claims[0].pk), by=editor)
    assert assignments.queue_counts(reviewer)["todo"] == 1  # published: still closed
    workflow.reopen(Claim.objects.get(pk=claims[0].pk), by=editor, reason="New figures.")
    client.force_login(reviewer)
    html = client.get("/queue/").content.decode()
    assert shown_claims(html) == [claims[0].pk, claims[1].pk]
    assert "<strong>2</strong> to do" in html
    assert assignments.next_in_queue(reviewer, claims[1]) == claims[0]


def test_a_claim_the_editor_resolves_without_waiting_leaves_the_queue(
    editor, reviewer, other_reviewer
):
    claims = assigned_claims(editor, reviewer, 3)
    assignments.assign([claims[1]], [other_reviewer], by=editor, notify=False)
    submitted_review(claims[1], other_reviewer, "true")
    workflow.resolve(
        claims[1], by=editor, verdict=verdict("true"), rationale="Checked.", without_waiting=True
    )
    assert [a.claim for a in assignments.queue(reviewer)] == [claims[0], claims[2]]
    counts = assignments.queue_counts(reviewer)
    assert (counts["todo"], counts["done"]) == (2, 0)


def test_the_counts_read_the_assignments_alone_in_one_query(editor, reviewer):
    assigned_claims(editor, reviewer, 3)
    with CaptureQueriesContext(connection) as captured:
        counts = assignments.queue_counts(reviewer)
    assert counts == {"todo": 3, "overdue": 0, "done": 0, "unseen": 3}
    [query] = captured.captured_queries
    assert "JOIN" not in query["sql"].upper()


def queue_queries(client, user, url="/queue/"):
    client.force_login(user)
    client.get(url)  # the first view marks the assignments seen
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_the_queue_opens_in_the_same_queries_for_5_or_200_assignments(
    client, editor, reviewer, other_reviewer, django_assert_max_num_queries
):
    few = assigned_claims(editor, reviewer, 5, title="Few")
    many = assigned_claims(editor, other_reviewer, 200, title="Many")
    for claim in (few[0], many[0]):
        reviewer_of = reviewer if claim in few else other_reviewer
        reviewing.save_draft(claim, by=reviewer_of, verdict=None, confidence="",
                             rationale="Started.", expected_version=None)  # fmt: skip
    small = queue_queries(client, reviewer)
    large = queue_queries(client, other_reviewer)
    assert len(small) == len(large)
    after = assignments.cursor(Assignment.objects.get(claim=many[120]))
    assert len(queue_queries(client, other_reviewer, f"/queue/?after={after}")) == len(large)
    client.force_login(other_reviewer)
    with django_assert_max_num_queries(5):
        html = client.get("/queue/").content.decode()
    assert len(queue_items(html)) == 50 and html.count("Draft in progress") == 1


def test_viewing_the_queue_writes_only_when_something_new_was_assigned(client, editor, reviewer):
    claims = assigned_claims(editor, reviewer, 3)
    client.force_login(reviewer)
    assert "3 new" in client.get("/articles/").content.decode()
    with CaptureQueriesContext(connection) as first:
        html = client.get("/queue/").content.decode()
    assert any(query["sql"].startswith("UPDATE") for query in first.captured_queries)
    assert "new</span>" not in html
    assert not Assignment.objects.filter(reviewer=reviewer, seen_at__isnull=True).exists()
    writes = ("UPDATE", "INSERT", "DELETE")
    assert not [q for q in queue_queries(client, reviewer) if q.startswith(writes)]
    later = assigned_claims(editor, reviewer, 1, title="Later")
    assert "1 new" in client.get("/articles/").content.decode()
    html = client.get("/queue/").content.decode()
    assert shown_claims(html) == [claim.pk for claim in claims + later]
    assert not Assignment.objects.filter(reviewer=reviewer, seen_at__isnull=True).exists()
