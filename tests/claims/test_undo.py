"""Undoing the editor's last accept or dismissal: back to where the claim stood, as its history
says, and only while nothing else has happened to it."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from factcheck import versioning
from factcheck.claims import editing
from factcheck.claims.models import Claim
from factcheck.claims.proposals import create_claim
from factcheck.reviews import assignments
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

S = Claim.Status
HTMX = {"HTTP_HX_REQUEST": "true"}
BODY = "Exports rose 12 percent in 2021. Imports fell 3 percent.\n\nThe bridge cost 2.5 billion."


@pytest.fixture
def claim():
    article = ArticleFactory(body=BODY)
    return create_claim(article, 0, len("Exports rose 12 percent in 2021."), status="suggested")


def reasons(claim):
    return [row.history_change_reason for row in claim.history.order_by("history_id")][1:]


def test_undoing_an_accept_gives_back_a_suggested_claim(editor, claim):
    accepted = editing.accept(claim, by=editor)
    undone = editing.undo(claim, by=editor, expected_version=accepted.version)
    assert undone.status == S.SUGGESTED
    assert undone.version == accepted.version + 1
    assert reasons(undone) == ["accepted", "undone"]
    assert undone.history.latest().history_user == editor


def test_undoing_a_dismissal_gives_back_the_status_it_had_and_forgets_the_reason(editor, claim):
    dismissed = editing.dismiss(claim, by=editor, reason="opinion")
    undone = editing.undo(claim, by=editor, expected_version=dismissed.version)
    assert (undone.status, undone.dismissal_reason) == (S.SUGGESTED, "")
    accepted = editing.accept(undone, by=editor)
    dismissed = editing.dismiss(accepted, by=editor, reason="duplicate")
    assert editing.undo(claim, by=editor, expected_version=dismissed.version).status == S.OPEN


def test_undoing_a_restore_dismisses_the_claim_again_with_its_reason(editor, claim):
    editing.dismiss(claim, by=editor, reason="opinion")
    restored = editing.accept(claim, by=editor)
    undone = editing.undo(claim, by=editor, expected_version=restored.version)
    assert (undone.status, undone.dismissal_reason) == (S.DISMISSED, "opinion")


def test_an_undo_cannot_itself_be_undone_nor_made_twice(editor, claim):
    accepted = editing.accept(claim, by=editor)
    undone = editing.undo(claim, by=editor, expected_version=accepted.version)
    with pytest.raises(ValidationError, match="no accept or dismissal"):
        editing.undo(claim, by=editor, expected_version=undone.version)
    with pytest.raises(versioning.Conflict):
        editing.undo(claim, by=editor, expected_version=accepted.version)


def test_an_undo_is_refused_once_the_claim_changed_since(editor, claim):
    accepted = editing.accept(claim, by=editor)
    restated = editing.restate(claim, "Exports: +12%", by=editor)
    with pytest.raises(versioning.Conflict):
        editing.undo(claim, by=editor, expected_version=accepted.version)
    with pytest.raises(ValidationError, match="no accept or dismissal"):
        editing.undo(claim, by=editor, expected_version=restated.version)
    claim.refresh_from_db()
    assert (claim.status, claim.version) == (S.OPEN, restated.version)


def test_an_undo_is_refused_once_someone_is_assigned(editor, reviewer, claim):
    editing.accept(claim, by=editor)
    assignments.assign([claim], [reviewer], by=editor, notify=False)
    claim.refresh_from_db()
    with pytest.raises(ValidationError):
        editing.undo(claim, by=editor, expected_version=claim.version)
    claim.refresh_from_db()
    assert claim.status == S.IN_REVIEW


def test_a_new_claim_has_nothing_to_undo_and_reviewers_may_not_undo(editor, reviewer, claim):
    with pytest.raises(ValidationError):
        editing.undo(claim, by=editor, expected_version=claim.version)
    accepted = editing.accept(claim, by=editor)
    with pytest.raises(PermissionDenied):
        editing.undo(claim, by=reviewer, expected_version=accepted.version)
    claim.refresh_from_db()
    assert claim.status == S.OPEN


def test_the_answer_to_an_accept_offers_its_undo_and_the_undo_answers_through_htmx(
    client, editor, claim
):
    client.force_login(editor)
    html = client.post(f"/claims/{claim.pk}/accept/", {"version": 1}, **HTMX).content.decode()
    assert f'hx-post="/claims/{claim.pk}/undo/"' in html and 'name="version" value="2"' in html
    response = client.post(f"/claims/{claim.pk}/undo/", {"version": 2}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Undone." in html and "/undo/" not in html
    assert f'id="claim-{claim.pk}" class="claim status-suggested" tabindex="-1" autofocus' in html
    claim.refresh_from_db()
    assert claim.status == S.SUGGESTED


def test_a_plain_dismissal_and_its_undo_go_back_to_the_claim(client, editor, claim):
    client.force_login(editor)
    response = client.post(f"/claims/{claim.pk}/dismiss/", {"version": 1, "reason": "opinion"})
    assert "undo=" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "Claim dismissed." in page and ">Undo</button>" in page
    response = client.post(f"/claims/{claim.pk}/undo/", {"version": 2})
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{claim.article_id}/#claim-{claim.pk}"
    assert "Undone." in client.get(response["Location"]).content.decode()
    claim.refresh_from_db()
    assert (claim.status, claim.dismissal_reason) == (S.SUGGESTED, "")


def test_a_stale_undo_answers_409_and_a_reviewer_is_refused(client, editor, reviewer, claim):
    editing.accept(claim, by=editor)
    editing.restate(claim, "Exports: +12%", by=editor)
    client.force_login(editor)
    response = client.post(f"/claims/{claim.pk}/undo/", {"version": 2}, **HTMX)
    assert response.status_code == 409
    client.force_login(reviewer)
    assert client.post(f"/claims/{claim.pk}/undo/", {"version": 3}).status_code in (403, 404)
    assert client.get(f"/claims/{claim.pk}/undo/").status_code == 405
    claim.refresh_from_db()
    assert claim.status == S.OPEN
