"""Stored XSS: one payload in every field a user controls, then every page, partial, report,
export and admin list that shows it must show it as text, never as markup."""

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from factcheck.claims import editing
from factcheck.claims.importing import import_and_propose
from factcheck.reports import sharing
from factcheck.reports.registry import FORMATS
from factcheck.reviews import assignments, library, reviewing, workflow
from factcheck.reviews.models import Evidence, Review
from tests.factories import verdict
from tests.reports.conftest import pdf_text, weasyprint_ready  # noqa: F401 - a fixture

# A script element, an element with an event handler, and a quote that would close an
# attribute: escaped, none of them survives as markup.
PAYLOAD = "<script>alert('xss')</script><img src=x onerror=alert(1)>\" onmouseover=\"alert(2)"
MARKUP = ["<script>alert(", "<img src=x", '" onmouseover="alert']

BODY = (
    f"The mayor {PAYLOAD} said crime fell 40% in 2024.\n\n"
    "Unemployment rose to 7.5% in March, the statistics office said.\n\n"
    "Some 3,000 homes were built last year."
)


def assert_escaped(content, where, markup_of=MARKUP):
    text = content.decode() if isinstance(content, bytes) else content
    for markup in markup_of:
        assert markup not in text, f"{markup!r} unescaped in {where}"


@pytest.fixture
def newsroom(editor, reviewer, other_reviewer, admin_user):
    """An article whose every user-typed field carries the payload, reviewed and published
    through the application's own functions (one claim published, one still in review)."""
    for user in (editor, reviewer, other_reviewer):
        user.first_name = PAYLOAD
        user.save()
    overrides = {"title": PAYLOAD, "outlet": PAYLOAD, "author": PAYLOAD, "url": "",
                 "published_at": None}  # fmt: skip
    article = import_and_propose(
        BODY.encode(), by=editor, format="txt", overrides=overrides
    ).article
    claims = list(article.claims.order_by("start"))
    published, waiting = claims[0], claims[1]
    for claim in (published, waiting):
        if claim.is_suggested:
            editing.accept(claim, by=editor)
        editing.restate(claim, PAYLOAD, by=editor)
        editing.set_claimant(claim, by=editor, name=PAYLOAD, kind="person", claim_date=None)
    assignments.assign([published, waiting], [reviewer, other_reviewer], by=editor, notify=False)
    for person in (reviewer, other_reviewer):
        review, _evidence = reviewing.add_evidence(
            published, by=person, expected_version=0, url="https://example.org/a?q=<script>",
            title=PAYLOAD, publisher=PAYLOAD, quote=PAYLOAD, stance=Evidence.Stance.SUPPORTS,
            note=PAYLOAD,
        )  # fmt: skip
        review = reviewing.save_draft(
            published, by=person, verdict=verdict("true"), confidence="high",
            rationale=PAYLOAD, expected_version=review.version,
        )  # fmt: skip
        workflow.submit(review, by=person)
    reviewing.add_evidence(
        waiting, by=reviewer, expected_version=0, url="https://example.org/b",
        title=PAYLOAD, publisher=PAYLOAD, quote=PAYLOAD,
    )  # fmt: skip
    workflow.post_comment(published, by=editor, body=PAYLOAD)
    source = Evidence.objects.filter(review__claim=published).first().source
    library.set_reliability_note(source, by=editor, note=PAYLOAD, expected_version=source.version)
    evidence_ids = list(
        Evidence.objects.filter(review__claim=published).values_list("pk", flat=True)
    )
    workflow.resolve(
        published, by=editor, verdict=verdict("true"), rationale=PAYLOAD,
        published_evidence_ids=evidence_ids,
    )  # fmt: skip
    workflow.publish(published, by=editor)
    report = sharing.share(article, by=editor)
    return {
        "article": article, "published": published, "waiting": waiting, "source": source,
        "report": report,
    }  # fmt: skip


def pages(n):
    article, published, waiting = n["article"].pk, n["published"].pk, n["waiting"].pk
    return [
        reverse("articles:list"),
        reverse("articles:detail", args=[article]),
        reverse("reviews:queue"),
        reverse("reviews:workspace", args=[published]),
        reverse("reviews:workspace", args=[waiting]),
        reverse("reviews:sources"),
        reverse("reviews:sources") + "?q=example",
        reverse("reviews:source", args=[n["source"].pk]),
        reverse("reviews:source_search") + "?url=example",
    ]


def editor_pages(n):
    article, published, waiting = n["article"].pk, n["published"].pk, n["waiting"].pk
    return [
        reverse("reviews:desk"),
        reverse("reviews:claims"),
        reverse("reviews:claims") + "?q=mayor",
        reverse("reviews:claim_desk", args=[published]),
        reverse("reviews:claim_desk", args=[waiting]),
        reverse("articles:new"),
        reverse("reports:export_article", args=[article, "html"]) + "?inline=1",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["page", "partial"])
def test_no_page_or_partial_renders_the_payload_as_markup(
    newsroom, editor, reviewer, admin_user, htmx
):
    headers = {"HX-Request": "true"} if htmx else {}
    seen = 0
    for user, paths in (
        (reviewer, pages(newsroom)),
        (editor, pages(newsroom) + editor_pages(newsroom)),
        (admin_user, editor_pages(newsroom)),
    ):
        client = Client()
        client.force_login(user)
        for path in paths:
            response = client.get(path, headers=headers)
            assert response.status_code == 200, (user.username, path)
            assert_escaped(response.content, f"{path} as {user.username}")
            seen += "&lt;script&gt;alert(" in response.content.decode()
    assert seen >= 10  # the payload was there, escaped, on most of them


@pytest.mark.django_db
def test_the_public_report_shows_the_payload_as_text(newsroom):
    response = Client().get(reverse("reports:public", args=[newsroom["report"].token]))
    assert response.status_code == 200
    assert "&lt;script&gt;alert(" in response.content.decode()
    assert_escaped(response.content, "the public report")


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["html", "md"])
def test_the_reports_escape_the_payload(newsroom, editor, fmt):
    client = Client()
    client.force_login(editor)
    for scope in ("published", "all"):
        url = reverse("reports:export_article", args=[newsroom["article"].pk, fmt])
        response = client.get(url, {"scope": scope})
        assert response.status_code == 200
        # Markdown has no attributes to break out of: only tags matter there.
        markup = MARKUP if fmt == "html" else MARKUP[:2]
        assert_escaped(b"".join(response), f"the {fmt} report ({scope})", markup)


@pytest.mark.django_db
def test_data_exports_are_never_served_as_a_web_page(newsroom, editor):
    """JSON, CSV and the JSON-LD exports carry the payload as data: their content type must
    keep a browser from running it, and they download rather than display."""
    client = Client()
    client.force_login(editor)
    for name in FORMATS:
        if name in ("html", "pdf"):
            continue
        url = reverse("reports:export_article", args=[newsroom["article"].pk, name])
        response = client.get(url, {"scope": "all"})
        assert response.status_code == 200, name
        assert not response["Content-Type"].startswith("text/html"), name
        assert response["Content-Disposition"].startswith("attachment"), name
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
@pytest.mark.usefixtures("weasyprint_ready")
def test_the_pdf_report_prints_the_payload_as_text(newsroom, editor):
    client = Client()
    client.force_login(editor)
    url = reverse("reports:export_article", args=[newsroom["article"].pk, "pdf"])
    response = client.get(url, {"scope": "all"})
    assert response.status_code == 200
    text = pdf_text(b"".join(response))
    # Printed, not interpreted: a script element would not be in the page's text at all.
    assert "<script>alert('xss')</script>" in text.replace("\n", "")


@pytest.mark.django_db
def test_no_admin_list_or_page_renders_the_payload_as_markup(newsroom, admin_user):
    client = Client()
    client.force_login(admin_user)
    checked = 0
    for model in apps.get_models():
        if not model.__module__.startswith("factcheck."):
            continue
        info = (model._meta.app_label, model._meta.model_name)
        try:
            changelist = reverse("admin:{}_{}_changelist".format(*info))
        except Exception:  # noqa: BLE001 - a model the admin does not list
            continue
        for path in (changelist, changelist + "?q=script"):
            response = client.get(path)
            assert response.status_code == 200, path
            assert_escaped(response.content, path)
        instance = model.objects.order_by("-pk").first()
        if instance is not None:
            path = reverse("admin:{}_{}_change".format(*info), args=[instance.pk])
            response = client.get(path)
            assert response.status_code == 200, path
            assert_escaped(response.content, path)
        checked += 1
    assert checked >= 8
    review = Review.objects.filter(claim=newsroom["published"]).first()
    history = reverse("admin:reviews_review_history", args=[review.pk])
    assert_escaped(client.get(history).content, history)
