import pytest
from django.contrib import admin
from django.urls import reverse

from factcheck.admin import ClaimAdmin
from factcheck.claims.models import Claim
from factcheck.reviews.models import Assignment
from tests.conftest import login
from tests.factories import claim_in_status

pytestmark = pytest.mark.django_db

S = Claim.Status
CHANGELIST = reverse("admin:claims_claim_changelist")


def act(client, action, claims, **data):
    payload = {"action": action, "_selected_action": [claim.pk for claim in claims], **data}
    return client.post(CHANGELIST, payload, follow=True)


def statuses(claims):
    return [Claim.objects.get(pk=claim.pk).status for claim in claims]


def test_the_claim_admin_is_the_one_with_the_desks_moves_and_a_read_only_status():
    model_admin = admin.site._registry[Claim]
    assert type(model_admin) is ClaimAdmin
    assert "status" in model_admin.get_readonly_fields(None)


def test_the_change_form_does_not_offer_the_status(client, admin_user, editor):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    response = login(client, admin_user).get(reverse("admin:claims_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()


def test_accepting_from_the_admin(client, admin_user, editor):
    claims = [claim_in_status(S.SUGGESTED, editor=editor, reviewers=[]) for _ in range(2)]
    response = act(login(client, admin_user), "accept_claims", claims)
    assert "Accepted 2 claim(s)." in response.content.decode()
    assert statuses(claims) == [S.OPEN, S.OPEN]
    assert Claim.objects.get(pk=claims[0].pk).history.latest().history_user == admin_user


def test_dismissing_from_the_admin_asks_for_a_reason_first(client, admin_user, editor):
    claim = claim_in_status(S.SUGGESTED, editor=editor, reviewers=[])
    login(client, admin_user)
    page = act(client, "dismiss_claims", [claim])
    assert "Reason for dismissal" in page.content.decode()
    assert statuses([claim]) == [S.SUGGESTED]
    act(client, "dismiss_claims", [claim], confirm="yes", reason="opinion")
    claim.refresh_from_db()
    assert claim.status == S.DISMISSED and claim.dismissal_reason == "opinion"


def test_assigning_from_the_admin_goes_through_a_page_choosing_reviewers(
    client, admin_user, editor, reviewer, other_reviewer
):
    claims = [claim_in_status(S.OPEN, editor=editor, reviewers=[]) for _ in range(2)]
    login(client, admin_user)
    page = act(client, "assign_claims", claims).content.decode()
    assert "Assign claims" in page and "rita" in page and "otto" in page
    assert "edna" not in page  # editors are not offered
    response = act(
        client, "assign_claims", claims, confirm="yes", reviewers=[reviewer.pk, other_reviewer.pk]
    )
    assert "Made 4 new assignment(s)." in response.content.decode()
    assert statuses(claims) == [S.IN_REVIEW, S.IN_REVIEW]
    assert Assignment.objects.filter(assigned_by=admin_user).count() == 4


def test_assigning_a_claim_not_accepted_is_refused_and_the_others_are_assigned(
    client, admin_user, editor, reviewer
):
    claims = [
        claim_in_status(S.OPEN, editor=editor, reviewers=[]),
        claim_in_status(S.SUGGESTED, editor=editor, reviewers=[]),
    ]
    login(client, admin_user)
    response = act(client, "assign_claims", claims, confirm="yes", reviewers=[reviewer.pk])
    content = response.content.decode()
    assert "Made 1 new assignment(s)." in content and "Only accepted claims" in content
    assert statuses(claims) == [S.IN_REVIEW, S.SUGGESTED]
    assert list(Assignment.objects.values_list("claim", flat=True)) == [claims[0].pk]


def test_assigning_to_someone_who_is_not_a_reviewer_is_refused(client, admin_user, editor):
    claim = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    login(client, admin_user)
    page = act(client, "assign_claims", [claim], confirm="yes", reviewers=[editor.pk])
    assert "Assign claims" in page.content.decode()  # the page again, with the form's error
    assert statuses([claim]) == [S.OPEN] and not Assignment.objects.exists()


def test_publishing_from_the_admin_publishes_resolved_claims_and_explains_the_rest(
    client, admin_user, editor, reviewer
):
    resolved = claim_in_status(S.RESOLVED, editor=editor, reviewers=[reviewer])
    waiting = claim_in_status(S.OPEN, editor=editor, reviewers=[])
    response = act(login(client, admin_user), "publish_claims", [resolved, waiting])
    content = response.content.decode()
    assert "Published 1 claim(s)." in content and "Only resolved claims" in content
    assert statuses([resolved, waiting]) == [S.PUBLISHED, S.OPEN]
