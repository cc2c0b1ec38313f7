"""The attack corpus: dangerous URLs, spreadsheet formulas, paths in names, oversized bodies,
fields a form does not offer, forged posts and open redirects. Every refusal changes nothing."""

import csv
import io
import json
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from factcheck.articles.forms import ArticleImportForm
from factcheck.articles.models import Article
from factcheck.claims.models import Claim
from factcheck.reviews.models import Evidence, Review
from tests.security.conftest import snapshot, verdict


def logged_in(user, **kwargs):
    client = Client(**kwargs)
    client.force_login(user)
    return client


def evidence_form(world, **fields):
    return {
        "url": "https://who.example.org/life-expectancy",
        "title": "World health statistics",
        "kind": "official",
        "quote": "78.2",
        "stance": Evidence.Stance.SUPPORTS,
        "version": world.review.version,
        **fields,
    }


# --- javascript: and data: addresses are refused wherever an address is typed ---------------

DANGEROUS_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
]


@pytest.mark.django_db
@pytest.mark.parametrize("address", DANGEROUS_URLS)
def test_a_source_address_must_be_http_or_https(world, address):
    client = logged_in(world["reviewer"])
    before = snapshot()
    url = reverse("reviews:evidence_add", args=[world.in_review.pk])
    response = client.post(url, evidence_form(world, url=address))
    assert response.status_code == 422
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("address", DANGEROUS_URLS)
def test_other_addresses_typed_by_users_must_be_http_or_https(world, address):
    editor = logged_in(world["editor"])
    reviewer = logged_in(world["reviewer"])
    before = snapshot()
    claimant = editor.post(
        reverse("claims:claimant", args=[world.in_review.pk]),
        {"claimant": "The ministry", "claimant_kind": "organisation",
         "appearance_url": address, "version": world.in_review.version},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert claimant.status_code == 422
    figure = reviewer.post(
        reverse("reviews:figure", args=[world.in_review.pk]),
        {"figure": 0, "value": "78.1", "source_url": address, "version": world.review.version},
    )
    assert figure.status_code == 422
    imported = editor.post(reverse("articles:new"), {"url": address, "format": "auto"})
    assert imported.status_code == 200
    assert imported.context["form"].errors
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("where", ["article", "evidence", "appearance"])
@pytest.mark.parametrize("address", ["javascript:alert(1)", "data:text/html,<b>x</b>"])
def test_a_json_export_carrying_a_dangerous_address_is_not_loaded(
    world, editor_client_export, tmp_path, where, address
):
    """A JSON export from elsewhere is data from outside: an address in it that is not
    http(s) refuses the file, and nothing of it is written."""
    data = editor_client_export
    if where == "article":
        data["article"]["url"] = address
    elif where == "evidence":
        data["claims"][0]["reviews"][0]["evidence"][0]["url"] = address
    else:
        data["claims"][0]["appearance"] = address
    data["article"]["body"] += " Imported from elsewhere."
    path = tmp_path / "export.json"
    path.write_text(json.dumps(data))
    before = snapshot()
    with pytest.raises(CommandError):
        call_command("import_reviews", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    assert snapshot() == before


@pytest.fixture
def editor_client_export(world):
    """The JSON export of the world's article with a published claim, as an editor gets it."""
    client = logged_in(world["editor"])
    url = reverse("reports:export_article", args=[world.published.article_id, "json"])
    return json.loads(b"".join(client.get(url, {"scope": "all"})))


# --- spreadsheet formulas in CSV exports --------------------------------------------------


@pytest.mark.django_db
def test_csv_exports_defuse_formulas_in_every_cell(world):
    formula = '=HYPERLINK("https://evil.example","click")'
    Review.objects.filter(pk=world.review.pk).update(rationale=formula)
    world.source.__class__.objects.filter(pk=world.source.pk).update(
        title="+cmd|' /C calc'!A0", publisher="@SUM(1+1)"
    )
    Evidence.objects.filter(pk=world.evidence.pk).update(quote="-2+3")
    Article.objects.filter(pk=world.article.pk).update(title="=1+1", outlet="\t=2+2")
    client = logged_in(world["editor"])
    checked = 0
    for name in ("csv", "reviews-csv"):
        response = client.get(reverse("reports:export_claims", args=[name]), {"scope": "all"})
        assert response.status_code == 200, name
        rows = list(csv.reader(io.StringIO(b"".join(response).decode("utf-8-sig"))))
        cells = [cell for row in rows[1:] for cell in row]
        for cell in cells:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
        checked += sum(cell.startswith("'") for cell in cells)
    assert checked >= 3  # the formulas were there, defused


# --- paths in names --------------------------------------------------------------------------


NAMES_WITH_PATHS = ["../../etc/passwd.txt", "..\\..\\boot.ini", "/etc/passwd", "a/../../b.md"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", NAMES_WITH_PATHS)
def test_an_uploaded_file_name_never_brings_its_path_along(world, name):
    """Django keeps only the last part of an uploaded file's name; what is stored carries no
    path, whatever the name was."""
    client = logged_in(world["editor"])
    upload = SimpleUploadedFile(name, b"The river rose 3 metres in 2024, it said.", "text/plain")
    response = client.post(reverse("articles:new"), {"file": upload, "format": "auto"})
    assert response.status_code in (200, 302)
    for article in Article.objects.all():
        for value in (article.title, article.url, article.outlet, article.author):
            assert ".." not in value and "/etc" not in value and "\\" not in value, value


@pytest.mark.parametrize("name", ["..\\..\\boot.ini", "a\\b.txt", "..txt", "notes..md"])
def test_the_import_form_refuses_a_file_name_with_a_path(name):
    """Django keeps a Windows path's backslashes, and a name with ".." in it: the form refuses
    them itself."""
    upload = SimpleUploadedFile(name, b"The river rose.", "text/plain")
    form = ArticleImportForm({"format": "auto"}, {"file": upload})
    assert not form.is_valid()
    assert "The file name must not contain a path." in form.errors["file"]


@pytest.mark.django_db
def test_export_file_names_carry_no_path_or_header_tricks(world):
    Article.objects.filter(pk=world.article.pk).update(
        title='../../etc/passwd"; filename="evil.exe\r\nX-Injected: 1'
    )
    client = logged_in(world["editor"])
    for fmt in ("md", "csv", "json", "html"):
        response = client.get(reverse("reports:export_article", args=[world.article.pk, fmt]))
        assert response.status_code == 200
        disposition = response["Content-Disposition"]
        filename = disposition.split("filename=", 1)[1].strip('"')
        assert re.fullmatch(r"[a-z0-9-]+\.[a-z]+", filename), filename
        assert "\n" not in disposition and "\r" not in disposition
        assert not response.has_header("X-Injected")


# --- oversized bodies ------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_upload_over_the_limit_is_refused_with_the_limit(world, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000
    client = logged_in(world["editor"])
    before = snapshot()
    upload = SimpleUploadedFile("big.txt", b"The river rose. " * 200, "text/plain")
    response = client.post(reverse("articles:new"), {"file": upload, "format": "auto"})
    assert response.status_code == 200
    assert "the limit is 1,000 bytes" in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_pasted_text_over_the_limit_is_refused(world, settings):
    settings.FACTCHECK_MAX_ARTICLE_BYTES = 1000
    client = logged_in(world["editor"])
    before = snapshot()
    response = client.post(
        reverse("articles:new"), {"text": "The river rose 3 metres. " * 100, "format": "txt"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors or "limit" in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_a_form_body_over_the_request_limit_is_refused_not_a_server_error(world, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client = logged_in(world["reviewer"])
    before = snapshot()
    body = {**evidence_form(world), "quote": "x" * 20_000}
    response = client.post(reverse("reviews:evidence_add", args=[world.in_review.pk]), body)
    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.django_db
def test_too_many_fields_are_refused_not_a_server_error(world, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 100
    client = logged_in(world["editor"])
    before = snapshot()
    response = client.post(
        reverse("reviews:claims_bulk"), {"action": "accept", "ids": list(range(1, 500))}
    )
    assert response.status_code == 400
    assert snapshot() == before


# --- mass assignment: fields a form does not offer are ignored -------------------------------


@pytest.mark.django_db
def test_a_draft_cannot_be_saved_as_someone_else_or_moved_elsewhere(world):
    client = logged_in(world["reviewer"])
    other_claim = world.published
    response = client.post(
        reverse("reviews:draft", args=[world.in_review.pk]),
        {
            "verdict": verdict("false").pk,
            "confidence": "high",
            "rationale": "Mine.",
            "version": world.review.version,
            # Not in the form:
            "reviewer": world["other_reviewer"].pk,
            "status": Review.Status.SUBMITTED,
            "claim": other_claim.pk,
            "submitted_at": "2020-01-01T00:00:00Z",
            "id": 999,
        },
    )
    assert response.status_code == 302
    review = Review.objects.get(pk=world.review.pk)
    assert review.reviewer == world["reviewer"]
    assert review.claim_id == world.in_review.pk
    assert not review.is_submitted
    assert review.rationale == "Mine."
    assert not Review.objects.filter(claim=other_claim, reviewer=world["reviewer"]).exists()
    assert not Review.objects.filter(pk=999).exists()


@pytest.mark.django_db
def test_an_editors_claim_form_cannot_set_status_article_or_text(world):
    client = logged_in(world["editor"])
    claim = world.in_review
    other = Article.objects.exclude(pk=world.article.pk).first()
    response = client.post(
        reverse("claims:restate", args=[claim.pk]),
        {
            "normalized": "Life expectancy is 78.2 years.",
            "version": claim.version,
            "status": Claim.Status.PUBLISHED,
            "article": other.pk,
            "text": "Something else entirely.",
            "start": 0,
            "end": 3,
            "final_verdict": verdict("false").pk,
            "checkworthiness": "1",
        },
    )
    assert response.status_code == 302
    after = Claim.objects.get(pk=claim.pk)
    assert after.normalized == "Life expectancy is 78.2 years."
    assert (after.status, after.article_id, after.text, after.start, after.end) == (
        claim.status, claim.article_id, claim.text, claim.start, claim.end
    )  # fmt: skip
    assert after.final_verdict_id is None
    assert after.checkworthiness == claim.checkworthiness


@pytest.mark.django_db
def test_evidence_cannot_be_added_to_another_reviewers_review(world):
    """Posting another review's id, or a stale version, never writes into someone else's
    review: the source goes to the poster's own review, or nowhere."""
    client = logged_in(world["other_reviewer"])
    response = client.post(
        reverse("reviews:evidence_add", args=[world.in_review.pk]),
        evidence_form(world, version=0, review=world.review.pk, reviewer=world["reviewer"].pk),
    )
    assert response.status_code == 302
    assert list(world.review.evidence.all()) == [world.evidence]
    own = Review.objects.get(claim=world.in_review, reviewer=world["other_reviewer"])
    assert own.evidence.count() == 1


@pytest.mark.django_db
def test_a_version_from_the_future_or_the_past_is_a_conflict_not_an_overwrite(world):
    client = logged_in(world["reviewer"])
    url = reverse("reviews:draft", args=[world.in_review.pk])
    for version in (world.review.version + 5, world.review.version - 1):
        before = snapshot()
        response = client.post(
            url,
            {"verdict": verdict("false").pk, "confidence": "low", "rationale": "Overwrite",
             "version": version},
        )  # fmt: skip
        assert response.status_code == 409, version
        assert snapshot() == before


# --- CSRF on plain and htmx posts ------------------------------------------------------------


def _csrf_token(client):
    client.get(reverse("articles:list"))
    return client.cookies["csrftoken"].value


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["plain", "htmx"])
def test_posts_without_the_csrf_token_are_refused(world, htmx):
    client = logged_in(world["reviewer"], enforce_csrf_checks=True)
    headers = {"HX-Request": "true"} if htmx else {}
    url = reverse("reviews:evidence_add", args=[world.in_review.pk])
    before = snapshot()
    assert client.post(url, evidence_form(world), headers=headers).status_code == 403
    _csrf_token(client)  # a cookie alone is not enough: the token must come with the post
    assert client.post(url, evidence_form(world), headers=headers).status_code == 403
    wrong = {**headers, "X-CSRFToken": "x" * 32}
    assert client.post(url, evidence_form(world), headers=wrong).status_code == 403
    assert snapshot() == before


@pytest.mark.django_db
def test_an_htmx_post_with_the_token_in_its_header_goes_through(world):
    client = logged_in(world["reviewer"], enforce_csrf_checks=True)
    token = _csrf_token(client)
    response = client.post(
        reverse("reviews:evidence_add", args=[world.in_review.pk]),
        evidence_form(world),
        headers={"HX-Request": "true", "X-CSRFToken": token},
    )
    assert response.status_code == 200
    assert world.review.evidence.count() == 2


@pytest.mark.django_db
def test_every_page_with_a_form_carries_the_csrf_token_for_htmx(world):
    client = logged_in(world["editor"])
    content = client.get(reverse("articles:detail", args=[world.article.pk])).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in content


# --- open redirects --------------------------------------------------------------------------

OFFSITE = [
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "/\\/evil.example/",
    "https:evil.example",
    "javascript:alert(1)",
    "http://testserver@evil.example/",
    " //evil.example/",
    "/%5Cevil.example/",
    "/%2F%2Fevil.example/",
    "\t//evil.example/",
    "///evil.example/",
]


def _offsite(location):
    from urllib.parse import urlsplit

    normal = location.replace("\\", "/").strip()
    parts = urlsplit(normal)
    return (
        bool(parts.netloc and parts.netloc != "testserver")
        or parts.scheme not in ("", "http", "https")
        or normal.startswith("//")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFFSITE)
def test_login_never_sends_the_user_off_site(world, target):
    from tests.factories import PASSWORD

    response = Client().post(
        reverse("login"), {"username": "rita", "password": PASSWORD, "next": target}
    )
    assert response.status_code == 302
    assert not _offsite(response["Location"]), response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFFSITE)
def test_a_comment_never_sends_the_user_off_site(world, target):
    client = logged_in(world["editor"])
    response = client.post(
        reverse("reviews:comment", args=[world.in_review.pk]),
        {"body": "Which table?", "next": target},
    )
    assert response.status_code == 302
    assert not _offsite(response["Location"]), response["Location"]


@pytest.mark.django_db
def test_a_comment_goes_back_to_the_page_it_was_posted_from(world):
    client = logged_in(world["editor"])
    back = reverse("reviews:claim_desk", args=[world.in_review.pk])
    response = client.post(
        reverse("reviews:comment", args=[world.in_review.pk]), {"body": "Hm.", "next": back}
    )
    assert response["Location"] == back


@pytest.mark.django_db
@pytest.mark.parametrize("target", OFFSITE)
def test_logout_never_sends_the_user_off_site(world, target):
    client = logged_in(world["reviewer"])
    response = client.post(reverse("logout"), {"next": target})
    assert response.status_code == 302
    assert not _offsite(response["Location"]), response["Location"]


# --- NUL characters, which PostgreSQL cannot store or compare ---------------------------------


@pytest.mark.django_db
def test_a_comment_with_a_nul_character_is_refused_and_not_stored(world):
    client = logged_in(world["editor"])
    before = snapshot()
    response = client.post(
        reverse("reviews:comment", args=[world.in_review.pk]),
        {"body": "Which\x00 table?"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "Null characters are not allowed." in response.content.decode()
    assert snapshot() == before


@pytest.mark.django_db
def test_the_source_search_ignores_nul_characters(world):
    client = logged_in(world["reviewer"])
    response = client.get(reverse("reviews:source_search"), {"url": "stats\x00.example"})
    assert response.status_code == 200
    assert "Life expectancy tables" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("reviewer", ["", "abc", "1e3", "99999"])
def test_unassigning_an_unknown_reviewer_is_refused_not_a_server_error(world, reviewer):
    client = logged_in(world["editor"])
    before = snapshot()
    response = client.post(
        reverse("reviews:claim_unassign", args=[world.in_review.pk]),
        {"reviewer": reviewer},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 422
    assert "Choose the reviewer to unassign." in response.content.decode()
    assert snapshot() == before


# --- guessing passwords ----------------------------------------------------------------------


@pytest.mark.django_db
def test_thirty_wrong_passwords_lock_the_account_out(world):
    """Guessing is stopped at the limit (429), and the right password then logs nobody in,
    from the guesser's address or from another one (the user name itself is locked)."""
    from tests.factories import PASSWORD

    guesser = Client(REMOTE_ADDR="203.0.113.30")
    answers = [
        guesser.post(reverse("login"), {"username": "rita", "password": "guess"}).status_code
        for _ in range(30)
    ]
    assert answers[-1] == 429
    assert answers.count(429) == 30 - settings.AXES_FAILURE_LIMIT + 1
    for client in (guesser, Client(REMOTE_ADDR="198.51.100.7")):
        response = client.post(reverse("login"), {"username": "rita", "password": PASSWORD})
        assert response.status_code == 429
        assert "_auth_user_id" not in client.session
