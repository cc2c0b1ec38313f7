"""Who may do what through the API, as one table: every route of /api/ (walked, so a new
endpoint without a row fails), every method it accepts, and the status each caller gets; for
writes, that a refused request changed nothing and an allowed one changed something.

Callers: the seven roles of the security suite's newsroom (tests/security/conftest.py), each
with a read-write token of their own (the deactivated account's token was made before it was
deactivated; "anonymous" sends none), and three more tokens of the editor: read-only, expired
and revoked. Each request runs in a savepoint that is rolled back, so all meet the same
newsroom. Sessions (and their CSRF check) are tested in test_foundation.py."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from factcheck.accounts.models import User
from factcheck.api import tokens
from factcheck.api.models import ApiToken
from tests.security.conftest import ROLES, snapshot
from tests.test_urls import ALL_ROUTES, concrete

CALLERS = [*ROLES, "read_token", "expired_token", "revoked_token"]
REVIEWERS = ("reviewer", "other_reviewer", "unassigned")
EDITORS = ("editor", "staff")
# Refused before any view runs: 401 with a `detail` saying why.
UNAUTHENTICATED = ("anonymous", "inactive", "expired_token", "revoked_token")


def statuses(default, **by_caller):
    """`default` for every authenticated caller (the read-only token included), 401 for the
    others, unless named."""
    expected = dict.fromkeys(CALLERS, default)
    expected.update(dict.fromkeys(UNAUTHENTICATED, 401))
    expected.update(by_caller)
    return expected


def editors_write(ok, refused=403):
    """A write only editors may make: reviewers get `refused`, the read-only token 403."""
    return statuses(ok, read_token=403, **dict.fromkeys(REVIEWERS, refused))


@dataclass
class Row:
    name: str
    method: str
    path: object  # world -> path
    expected: dict
    body: object = None  # world -> the JSON a client would send
    writers: tuple = ()  # callers whose request changes data
    headers: dict = field(default_factory=dict)

    @property
    def id(self):
        return f"{self.method} {self.name}"


def url(name, *args):
    return lambda w: reverse(name, args=[arg(w) if callable(arg) else arg for arg in args])


ARTICLE_TEXT = "Exports rose 12 percent in 2024, the customs office said.\n\nThat is a record."

TABLE = [
    Row("api:schema", "GET", url("api:schema"), statuses(200)),
    Row("api:docs", "GET", url("api:docs"), statuses(200)),
    Row("api:verdict-list", "GET", url("api:verdict-list"), statuses(200)),
    Row("api:verdict-detail", "GET", url("api:verdict-detail", "true"), statuses(200)),
    Row("api:article-list", "GET", url("api:article-list"), statuses(200)),
    Row(
        "api:article-list",
        "POST",
        url("api:article-list"),
        editors_write(201),
        body=lambda w: {"text": ARTICLE_TEXT},
        writers=EDITORS,
    ),
    Row(
        "api:article-detail",
        "GET",
        url("api:article-detail", lambda w: w.article.pk),
        statuses(200),
    ),
    Row("api:source-list", "GET", url("api:source-list"), statuses(200)),
    # The reviewer's draft cites it: editors and that reviewer see it, nobody else.
    Row(
        "api:source-detail",
        "GET",
        url("api:source-detail", lambda w: w.source.pk),
        statuses(200, other_reviewer=404, unassigned=404),
    ),
    Row("api:fact-check-list", "GET", url("api:fact-check-list"), statuses(200)),
    # i16-claims
    Row(
        "api:claim-list",
        "GET",
        url("api:claim-list"),
        statuses(200, **dict.fromkeys(REVIEWERS, 403)),
    ),
    Row(
        "api:claim-detail", "GET", url("api:claim-detail", lambda w: w.in_review.pk), statuses(200)
    ),
    Row(
        "api:claim-accept",
        "POST",
        url("api:claim-accept", lambda w: w.suggested.pk),
        editors_write(200),
        body=lambda w: {"version": w.suggested.version},
        writers=EDITORS,
    ),
    Row(
        "api:claim-dismiss",
        "POST",
        url("api:claim-dismiss", lambda w: w.suggested.pk),
        editors_write(200),
        body=lambda w: {"reason": "opinion", "version": w.suggested.version},
        writers=EDITORS,
    ),
    Row(
        "api:claim-assign",
        "POST",
        url("api:claim-assign", lambda w: w.in_review.pk),
        editors_write(200),
        body=lambda w: {"reviewers": ["ulla"], "version": w.in_review.version},
        writers=EDITORS,
    ),
    Row(
        "api:claim-resolve",
        "POST",
        url("api:claim-resolve", lambda w: w.reviewed.pk),
        editors_write(200),
        body=lambda w: {"verdict": "true", "rationale": "Census.", "version": w.reviewed.version},
        writers=EDITORS,
    ),
    Row(
        "api:claim-publish",
        "POST",
        url("api:claim-publish", lambda w: w.resolved.pk),
        editors_write(200),
        body=lambda w: {"version": w.resolved.version},
        writers=EDITORS,
    ),
    Row(
        "api:claim-reopen",
        "POST",
        url("api:claim-reopen", lambda w: w.published.pk),
        editors_write(200),
        body=lambda w: {"reason": "New figures.", "version": w.published.version},
        writers=EDITORS,
    ),
    Row("api:review-list", "GET", url("api:review-list"), statuses(200)),
    # A review is addressed by its claim: `reviewer` has a draft of `in_review`, `other_reviewer`
    # is assigned it too (sending `reviewer`'s version, their own review's is stale: 409),
    # `unassigned` may not open it, editors read it but review only what is assigned to them.
    Row(
        "api:review-detail",
        "GET",
        url("api:review-detail", lambda w: w.in_review.pk),
        statuses(200, unassigned=404),
    ),
    *(
        Row(
            "api:review-detail",
            method,
            url("api:review-detail", lambda w: w.in_review.pk),
            statuses(
                200,
                other_reviewer=409,
                unassigned=404,
                **dict.fromkeys(EDITORS, 403),
                read_token=403,
            ),
            body=lambda w: {"rationale": "Checked.", "version": w.review.version},
            writers=("reviewer",),
        )
        for method in ("PUT", "PATCH")
    ),
    # The draft has no verdict yet: submitting it is refused, and so is a review not begun.
    Row(
        "api:review-submit",
        "POST",
        url("api:review-submit", lambda w: w.in_review.pk),
        statuses(400, unassigned=404, **dict.fromkeys(EDITORS, 403), read_token=403),
        body=lambda w: {"version": w.review.version},
    ),
    Row(
        "api:review-evidence-add",
        "POST",
        url("api:review-evidence-add", lambda w: w.in_review.pk),
        statuses(
            201, other_reviewer=409, unassigned=404, **dict.fromkeys(EDITORS, 403), read_token=403
        ),
        body=lambda w: {"url": "https://stats.example.org/census", "version": w.review.version},
        writers=("reviewer",),
    ),
    Row(
        "api:review-evidence-remove",
        "DELETE",
        url("api:review-evidence-remove", lambda w: w.in_review.pk, lambda w: w.evidence.pk),
        statuses(
            200, other_reviewer=404, unassigned=404, **dict.fromkeys(EDITORS, 404), read_token=403
        ),
        body=lambda w: {"version": w.review.version},
        writers=("reviewer",),
    ),
]


@pytest.fixture
def callers(world):
    """A client for each caller."""
    users = world.users
    inactive = users["inactive"]
    User.objects.filter(pk=inactive.pk).update(is_active=True)
    inactive.is_active = True
    secrets = {}
    for role in ROLES:
        if users[role] is not None:
            secrets[role] = tokens.create_token(
                users[role], name=role, scope="write", by=users[role]
            )[1]
    User.objects.filter(pk=inactive.pk).update(is_active=False)
    inactive.is_active = False
    editor = users["editor"]
    secrets["read_token"] = tokens.create_token(editor, name="ro", scope="read", by=editor)[1]
    expired, secrets["expired_token"] = tokens.create_token(
        editor, name="old", scope="write", by=editor
    )
    ApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    revoked, secrets["revoked_token"] = tokens.create_token(
        editor, name="gone", scope="write", by=editor
    )
    tokens.revoke_token(revoked, by=editor)
    clients = {}
    for caller in CALLERS:
        client = APIClient()
        if caller in secrets:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {secrets[caller]}")
        clients[caller] = client
    return clients


def newsroom_snapshot():
    """The newsroom's data, without the tokens' last-used times (every request may write one)."""
    rows = snapshot()
    rows.pop(ApiToken._meta.label, None)
    return rows


def _send(client, row, world):
    path = row.path(world)
    method = getattr(client, row.method.lower())
    if row.method == "GET":
        return method(path, headers=row.headers)
    return method(path, row.body(world) if row.body else {}, format="json", headers=row.headers)


API_ROUTES = [(route, name) for route, name in ALL_ROUTES if (name or "").startswith("api:")]


def test_every_api_route_has_a_row():
    names = {name for _, name in API_ROUTES}
    rows = {row.name for row in TABLE}
    assert names - rows == set(), "add the new API route to TABLE"
    assert rows - names == set(), "a row for a route that no longer exists"


@pytest.mark.django_db
@pytest.mark.parametrize("row", TABLE, ids=[row.id for row in TABLE])
def test_each_caller_gets_the_status_of_its_row(world, callers, row):
    outcomes = {}
    for caller in CALLERS:
        with transaction.atomic():
            before = newsroom_snapshot()
            response = _send(callers[caller], row, world)
            changed = newsroom_snapshot() != before
            transaction.set_rollback(True)
        outcomes[caller] = (response.status_code, changed)
        if response.status_code == 401:
            assert response.data["detail"], caller
    expected = {caller: (row.expected[caller], caller in row.writers) for caller in CALLERS}
    assert outcomes == expected


ACCEPTED = {}
for _row in TABLE:
    ACCEPTED.setdefault(_row.name, set()).add(_row.method)
ROUTE_OF = {name: route for route, name in API_ROUTES}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_every_other_method_is_refused(admin_user, name):
    """The methods of the table are the only ones a route answers: 405 (any id will do)."""
    _token, secret = tokens.create_token(admin_user, name="t", scope="write", by=admin_user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    path = concrete(ROUTE_OF[name])
    for method in {"GET", "POST", "PUT", "PATCH", "DELETE"} - ACCEPTED[name]:
        assert getattr(client, method.lower())(path).status_code == 405, method
