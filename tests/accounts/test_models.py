import pytest

pytestmark = pytest.mark.django_db


def test_roles_decide_who_runs_the_desk(editor, reviewer, admin_user, outsider):
    assert editor.is_editor and not editor.is_reviewer and not editor.is_admin
    assert reviewer.is_reviewer and not reviewer.is_editor
    assert admin_user.is_editor and admin_user.is_admin
    assert not outsider.is_reviewer and not outsider.is_editor


def test_reviewers_and_editors_are_named_queries(editor, reviewer, other_reviewer, outsider):
    from factcheck.accounts.models import User

    assert set(User.objects.reviewers()) == {reviewer, other_reviewer}
    assert list(User.objects.editors()) == [editor]
