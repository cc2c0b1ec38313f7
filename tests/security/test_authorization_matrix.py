"""Who may do what, as one table: every URL pattern of the URLconf (walked, so a new view
without a row fails), every method it accepts, and the status each of seven roles gets; and for
writes, that a refused request changed nothing and an allowed one changed something.

Each request is sent inside a savepoint that is rolled back, so every role meets the same
newsroom (tests/security/conftest.py builds it through the application's own functions)."""

from dataclasses import dataclass, field

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse

from factcheck.accounts.models import User
from factcheck.reviews.models import Evidence
from tests.factories import UserFactory
from tests.security.conftest import ROLES, snapshot, verdict
from tests.test_urls import ALL_ROUTES, concrete

REVIEWERS = ("reviewer", "other_reviewer", "unassigned")
EDITORS = ("editor", "staff")
LOGGED_OUT = ("anonymous", "inactive")  # a deactivated account's session no longer logs in


def statuses(default=None, **by_role):
    """The expected status of every role: anonymous and inactive users are sent to log in
    (302), the others get `default` unless named."""
    expected = dict.fromkeys(ROLES, default)
    expected.update(dict.fromkeys(LOGGED_OUT, 302))
    expected.update(by_role)
    missing = [role for role, status in expected.items() if status is None]
    assert not missing, f"no status for {missing}"
    return expected


def editors_only(ok, refused=403):
    return statuses(ok, **dict.fromkeys(REVIEWERS, refused))


@dataclass
class Row:
    name: str
    method: str
    path: object  # world -> path
    expected: dict
    body: object = None  # world -> the form a real page would post
    writers: tuple = ()  # roles whose request changes data; everyone else changes nothing
    query: dict = field(default_factory=dict)

    @property
    def id(self):
        return f"{self.method} {self.name}"


def url(name, *args):
    return lambda w: reverse(name, args=[arg(w) if callable(arg) else arg for arg in args])


def article(w):
    return w.article.pk


def suggested(w):
    return w.suggested.pk


def in_review(w):
    return w.in_review.pk


def review_form(w):
    return {
        "verdict": verdict("true").pk,
        "confidence": "high",
        "rationale": "The ministry's tables give 78.2 years.",
        "version": w.review.version,
        "claim_fingerprint": w.in_review.wording_fingerprint,
    }


def evidence_form(w):
    return {
        "url": "https://who.example.org/life-expectancy",
        "title": "World health statistics",
        "publisher": "WHO",
        "kind": "official",
        "quote": "78.2",
        "stance": Evidence.Stance.SUPPORTS,
        "version": w.review.version,
    }


TABLE = [
    Row("dashboard", "GET", url("dashboard"), statuses(302)),
    Row("articles:list", "GET", url("articles:list"), statuses(200)),
    Row("articles:detail", "GET", url("articles:detail", article), statuses(200)),
    Row("articles:archived", "GET", url("articles:archived"), editors_only(200)),
    Row(
        "articles:archive",
        "POST",
        url("articles:archive", article),
        editors_only(302),
        writers=EDITORS,
    ),
    Row(
        "articles:restore",
        "POST",
        url("articles:restore", lambda w: w.archived.pk),
        editors_only(302),
        writers=EDITORS,
    ),
    Row("articles:new", "GET", url("articles:new"), editors_only(200)),
    Row(
        "articles:new",
        "POST",
        url("articles:new"),
        editors_only(302),
        body=lambda w: {
            "text": "The river rose 3 metres in 2024, the mayor said.\n\nIt rained.",
            "title": "Floods",
            "format": "txt",
            "action": "import",
        },
        writers=EDITORS,
    ),
    Row(
        "claims:accept",
        "POST",
        url("claims:accept", suggested),
        editors_only(302),
        body=lambda w: {"version": w.suggested.version},
        writers=EDITORS,
    ),
    Row(
        "claims:dismiss",
        "POST",
        url("claims:dismiss", suggested),
        editors_only(302),
        body=lambda w: {"reason": "opinion", "version": w.suggested.version},
        writers=EDITORS,
    ),
    # Nothing to take back on a claim never moved: refused for editors too, and nothing changes.
    Row(
        "claims:undo",
        "POST",
        url("claims:undo", suggested),
        editors_only(302),
        body=lambda w: {"version": w.suggested.version},
    ),
    Row(
        "claims:restate",
        "POST",
        url("claims:restate", in_review),
        editors_only(302),
        body=lambda w: {
            "normalized": "Life expectancy is 78.2 years.",
            "version": w.in_review.version,
        },
        writers=EDITORS,
    ),
    Row(
        "claims:claimant",
        "POST",
        url("claims:claimant", in_review),
        editors_only(302),
        body=lambda w: {
            "claimant": "The ministry",
            "claimant_kind": "organisation",
            "claim_date": "2024-05-01",
            "appearance_url": "https://example.org/a",
            "version": w.in_review.version,
        },
        writers=EDITORS,
    ),
    Row(
        "claims:span",
        "POST",
        url("claims:span", suggested),
        editors_only(302),
        body=lambda w: {
            "start": w.suggested.start,
            "end": w.suggested.end - 1,
            "version": w.suggested.version,
        },
        writers=EDITORS,
    ),
    Row(
        "claims:extend",
        "POST",
        url("claims:extend", suggested),
        editors_only(302),
        body=lambda w: {"direction": "next", "version": w.suggested.version},
        writers=EDITORS,
    ),
    Row(
        "claims:split",
        "POST",
        url("claims:split", suggested),
        editors_only(302),
        body=lambda w: {"at": w.suggested.text.index(" have ") + 1, "version": w.suggested.version},
        writers=EDITORS,
    ),
    Row(
        "claims:merge",
        "POST",
        url("claims:merge", suggested),
        editors_only(302),
        body=lambda w: {"following": w.following.pk, "version": w.suggested.version},
        writers=EDITORS,
    ),
    Row(
        "claims:new",
        "POST",
        url("claims:new", article),
        editors_only(302),
        body=lambda w: {
            "start": 0,
            "end": w.article.body.index("."),
            "text": w.article.body[: w.article.body.index(".")],
        },
        writers=EDITORS,
    ),
    Row(
        "claims:bulk",
        "POST",
        url("claims:bulk", article),
        editors_only(302),
        body=lambda w: {"action": "accept_above", "threshold": "0.5"},
        writers=EDITORS,
    ),
    Row("claims:show_more", "POST", url("claims:show_more", article), editors_only(302)),
    Row(
        "claims:language",
        "POST",
        url("claims:language", article),
        editors_only(302),
        body=lambda w: {"language": "ja"},
        writers=EDITORS,
    ),
    Row(
        "reports:export_article",
        "GET",
        url("reports:export_article", article, "md"),
        editors_only(200),
    ),
    Row("reports:export_claims", "GET", url("reports:export_claims", "csv"), editors_only(200)),
    Row(
        "reports:share",
        "POST",
        url("reports:share", lambda w: w.published.article_id),
        editors_only(302),
        body=lambda w: {"allow_indexing": "on"},
        writers=EDITORS,
    ),
    Row(
        "reports:revoke",
        "POST",
        url("reports:revoke", lambda w: w.published.article_id),
        editors_only(302),
        body=lambda w: {"confirm": "yes"},
        writers=EDITORS,
    ),
    # A shared report is public by design: anyone holding its address reads it.
    Row(
        "reports:public",
        "GET",
        url("reports:public", lambda w: w.report.token),
        statuses(200, anonymous=200, inactive=200),
    ),
    # Opening the queue marks the reviewer's new assignments as seen.
    Row(
        "reviews:queue",
        "GET",
        url("reviews:queue"),
        statuses(200),
        writers=("reviewer", "other_reviewer"),
    ),
    Row(
        "reviews:workspace",
        "GET",
        url("reviews:workspace", in_review),
        statuses(200, unassigned=404),
    ),
    # Editors read every claim but write no review of a claim not assigned to them; the other
    # assigned reviewer's own review is not the draft whose version the form carries.
    Row(
        "reviews:draft",
        "POST",
        url("reviews:draft", in_review),
        statuses(403, reviewer=302, other_reviewer=409, unassigned=404),
        body=review_form,
        writers=("reviewer",),
    ),
    Row(
        "reviews:submit",
        "POST",
        url("reviews:submit", in_review),
        statuses(403, reviewer=302, other_reviewer=409, unassigned=404),
        body=review_form,
        writers=("reviewer",),
    ),
    # Only a submitted review can be reopened: the draft's author is told so (422).
    Row(
        "reviews:reopen",
        "POST",
        url("reviews:reopen", in_review),
        statuses(403, reviewer=422, other_reviewer=302, unassigned=404),
        body=lambda w: {"version": w.review.version},
    ),
    Row(
        "reviews:evidence_add",
        "POST",
        url("reviews:evidence_add", in_review),
        statuses(403, reviewer=302, other_reviewer=409, unassigned=404),
        body=evidence_form,
        writers=("reviewer",),
    ),
    Row(
        "reviews:figure",
        "POST",
        url("reviews:figure", in_review),
        statuses(403, reviewer=302, other_reviewer=409, unassigned=404),
        body=lambda w: {"figure": 0, "value": "78.1", "unit": "years", "version": w.review.version},
        writers=("reviewer",),
    ),
    # Claims checked before (the panel's "Previously checked"): whoever may open the claim in
    # the workspace reaches the editors-only gate; the unassigned reviewer does not see it.
    Row(
        "reviews:link_same",
        "POST",
        url("reviews:link_same", in_review),
        statuses(302, reviewer=403, other_reviewer=403, unassigned=404),
        body=lambda w: {"earlier": w.published.pk},
        writers=EDITORS,
    ),
    # `reviewed` is linked to `published`, and assigned to other_reviewer only.
    Row(
        "reviews:unlink_same",
        "POST",
        url("reviews:unlink_same", lambda w: w.reviewed.pk),
        statuses(302, reviewer=404, other_reviewer=403, unassigned=404),
        body=lambda w: {"earlier": w.published.pk},
        writers=EDITORS,
    ),
    Row(
        "reviews:copy_check",
        "POST",
        url("reviews:copy_check", in_review),
        statuses(302, reviewer=403, other_reviewer=403, unassigned=404),
        body=lambda w: {"earlier": w.published.pk, "reviewer": w["other_reviewer"].pk},
        writers=EDITORS,
    ),
    Row(
        "reviews:evidence_edit",
        "POST",
        url("reviews:evidence_edit", lambda w: w.evidence.pk),
        statuses(404, reviewer=302),
        body=lambda w: {**evidence_form(w), "quote": "78.2 years"},
        writers=("reviewer",),
    ),
    Row(
        "reviews:evidence_remove",
        "POST",
        url("reviews:evidence_remove", lambda w: w.evidence.pk),
        statuses(404, reviewer=302),
        body=lambda w: {"version": w.review.version},
        writers=("reviewer",),
    ),
    Row(
        "reviews:source_search",
        "GET",
        url("reviews:source_search"),
        statuses(200),
        query={"url": "stats"},
    ),
    Row("reviews:sources", "GET", url("reviews:sources"), statuses(200)),
    # A reviewer opens the sources of their own review; the others have not seen it cited.
    Row(
        "reviews:source",
        "GET",
        url("reviews:source", lambda w: w.source.pk),
        statuses(200, other_reviewer=404, unassigned=404),
    ),
    Row(
        "reviews:source_note",
        "POST",
        url("reviews:source_note", lambda w: w.source.pk),
        statuses(302, reviewer=403, other_reviewer=404, unassigned=404),
        body=lambda w: {"note": "Official, but revised yearly.", "version": w.source.version},
        writers=EDITORS,
    ),
    Row(
        "reviews:source_merge",
        "POST",
        url("reviews:source_merge", lambda w: w.source.pk),
        statuses(302, reviewer=403, other_reviewer=404, unassigned=404),
        body=lambda w: {
            "duplicate": str(w.duplicate.pk),
            "version": w.source.version,
            "duplicate_version": w.duplicate.version,
        },
        writers=EDITORS,
    ),
    Row("reviews:claims", "GET", url("reviews:claims"), editors_only(200)),
    Row(
        "reviews:claims_bulk",
        "POST",
        url("reviews:claims_bulk"),
        editors_only(302),
        body=lambda w: {"action": "accept", "ids": [w.suggested.pk]},
        writers=EDITORS,
    ),
    Row("reviews:desk", "GET", url("reviews:desk"), editors_only(200)),
    Row("reviews:claim_desk", "GET", url("reviews:claim_desk", in_review), editors_only(200)),
    Row(
        "reviews:claim_assign",
        "POST",
        url("reviews:claim_assign", in_review),
        editors_only(302),
        body=lambda w: {"reviewers": [w["unassigned"].pk]},
        writers=EDITORS,
    ),
    Row(
        "reviews:claim_unassign",
        "POST",
        url("reviews:claim_unassign", in_review),
        editors_only(302),
        body=lambda w: {"reviewer": w["other_reviewer"].pk},
        writers=EDITORS,
    ),
    Row(
        "reviews:claim_resolve",
        "POST",
        url("reviews:claim_resolve", lambda w: w.reviewed.pk),
        editors_only(302),
        body=lambda w: {
            "verdict": verdict("true").pk,
            "rationale": "Matches the tables.",
            "version": w.reviewed.version,
            "without_waiting": "on",
        },
        writers=EDITORS,
    ),
    Row(
        "reviews:claim_publish",
        "POST",
        url("reviews:claim_publish", lambda w: w.resolved.pk),
        editors_only(302),
        body=lambda w: {"version": w.resolved.version},
        writers=EDITORS,
    ),
    Row(
        "reviews:claim_reopen",
        "POST",
        url("reviews:claim_reopen", lambda w: w.published.pk),
        editors_only(302),
        body=lambda w: {"version": w.published.version, "reason": "New figures"},
        writers=EDITORS,
    ),
    # The discussion is the editors' and, once they have submitted, the reviewers'.
    Row(
        "reviews:comment",
        "POST",
        url("reviews:comment", in_review),
        editors_only(302),
        body=lambda w: {"body": "Which table is this?"},
        writers=EDITORS,
    ),
    Row(
        "reviews:auto_assign",
        "POST",
        url("reviews:auto_assign", lambda w: w.reviewed.article_id),
        editors_only(302),
        writers=EDITORS,
    ),
    Row(
        "reviews:publish_article",
        "POST",
        url("reviews:publish_article", lambda w: w.resolved.article_id),
        editors_only(302),
        writers=EDITORS,
    ),
    # i16-core
    # Everyone's own account page and tokens (tests/api/test_account.py: another's token is 404).
    Row("account:detail", "GET", url("account:detail"), statuses(200)),
    Row(
        "account:detail",
        "POST",
        url("account:detail"),
        statuses(200),
        body=lambda w: {"name": "CMS feed", "scope": "read"},
        writers=(*REVIEWERS, *EDITORS),
    ),
    Row("account:revoke_token", "POST", url("account:revoke_token", 999999), statuses(404)),
]

# Public pages, which tests/test_urls.py covers, and the admin, whose rule is below.
NOT_IN_TABLE = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
}


def _client(world, role):
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _send(client, row, world, *, headers=None):
    path = row.path(world)
    if row.method == "GET":
        return client.get(path, row.query, headers=headers)
    return client.post(path, row.body(world) if row.body else {}, headers=headers)


def test_every_view_of_ours_has_a_row():
    # The API's routes have their own table: tests/api/test_api_matrix.py.
    ours = {
        name
        for route, name in ALL_ROUTES
        if not route.startswith("admin/") and not (name or "").startswith("api:")
    }
    rows = {row.name for row in TABLE}
    assert ours - NOT_IN_TABLE - rows == set(), "add the new view to TABLE"
    assert rows - ours == set(), "a row for a view that no longer exists"


@pytest.mark.django_db
@pytest.mark.parametrize("row", TABLE, ids=[row.id for row in TABLE])
def test_each_role_gets_the_status_of_its_row(world, row):
    outcomes = {}
    for role in ROLES:
        client = _client(world, role)
        with transaction.atomic():
            before = snapshot()
            response = _send(client, row, world)
            changed = snapshot() != before
            transaction.set_rollback(True)
        outcomes[role] = (response.status_code, changed)
        if role in LOGGED_OUT and row.expected[role] == 302:
            assert response["Location"].startswith("/accounts/login/"), role
            # htmx would swap the login page in as if it were the answer: it gets 401.
            htmx = _send(client, row, world, headers={"HX-Request": "true"})
            assert htmx.status_code == 401, role
    expected = {role: (row.expected[role], role in row.writers) for role in ROLES}
    assert outcomes == expected


ACCEPTED = {}
for _row in TABLE:
    ACCEPTED.setdefault(_row.name, set()).add(_row.method)


ROUTE_OF = {name: route for route, name in ALL_ROUTES}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_every_other_method_is_refused(admin_user, name):
    """The methods of the table are the only ones a view answers (405 before the view runs,
    so any id will do)."""
    client = Client()
    client.force_login(admin_user)
    path = concrete(ROUTE_OF[name])
    for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - ACCEPTED[name]:
        assert getattr(client, method.lower())(path).status_code == 405, method


ADMIN_ROUTES = [(route, name) for route, name in ALL_ROUTES if route.startswith("admin/")]
ADMIN_PUBLIC = {"admin:login", "admin:logout", "admin:jsi18n", "admin:password_change",
                "admin:password_change_done"}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ADMIN_ROUTES, ids=[r for r, _ in ADMIN_ROUTES])
def test_the_admin_is_for_staff_only(route, name):
    """Every admin page (walked, so a new model's pages are covered): anyone but staff is sent
    to log in (the admin's login page, or the site's for visitors without a session), for
    reads and writes alike, and nothing changes."""
    if name in ADMIN_PUBLIC:
        pytest.skip("the admin's own login pages")
    path = concrete(route)
    people = {
        "reviewer": UserFactory(username="rita"),
        "editor": UserFactory(username="edna", role=User.Role.EDITOR),
        "inactive": UserFactory(username="olga", is_active=False),
    }
    staff = UserFactory(username="ada", is_staff=True, is_superuser=True)
    before = snapshot()
    for role in ("anonymous", *people):
        client = Client()
        if role in people:
            client.force_login(people[role])
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 302, (role, method)
            assert response["Location"].startswith(("/admin/login/", "/accounts/login/")), role
    assert snapshot() == before
    # Staff may be refused a page their permissions do not give (403) or a method (405), but
    # no address, not even one with a made-up id, is a server error.
    client = Client()
    client.force_login(staff)
    assert client.get(path).status_code < 500
