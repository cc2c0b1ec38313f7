import re

import pytest
from django.core.management import call_command

from factcheck.accounts.models import User
from factcheck.articles.models import Article

pytestmark = pytest.mark.django_db


def run_demo(capsys, *args):
    call_command("demo", *args)
    return capsys.readouterr().out


def logins(output):
    return dict(re.findall(r"^  (\w+)\s+(\S+)$", output, flags=re.M))


def test_the_demo_creates_the_users_and_prints_their_passwords(capsys, settings):
    settings.FACTCHECK_DEMO_PASSWORD = ""
    output = run_demo(capsys)
    printed = logins(output)
    assert set(printed) == {"admin", "editor", "reviewer1", "reviewer2"}
    for username, password in printed.items():
        assert User.objects.get(username=username).check_password(password)
    assert User.objects.get(username="admin").is_staff
    assert User.objects.get(username="editor").is_editor
    assert User.objects.get(username="reviewer1").is_reviewer


def test_the_demo_imports_the_seed_article_with_anchored_claims(capsys):
    run_demo(capsys)
    article = Article.objects.get()
    assert article.title == "China's Efforts in Advancing Human Rights: At Home and Abroad"
    assert "770 million rural Chinese" in article.body
    claims = list(article.claims.all())
    assert claims
    for claim in claims:
        assert article.body[claim.start : claim.end] == claim.text


def test_running_the_demo_twice_changes_nothing(capsys, settings):
    settings.FACTCHECK_DEMO_PASSWORD = ""
    first = logins(run_demo(capsys))
    claims = Article.objects.get().claims.count()
    second = run_demo(capsys)
    assert "already present" in second
    assert Article.objects.count() == 1 and Article.objects.get().claims.count() == claims
    assert User.objects.count() == 4
    assert User.objects.get(username="editor").check_password(first["editor"])


def test_the_demo_password_can_be_fixed_by_the_environment(capsys, settings):
    settings.FACTCHECK_DEMO_PASSWORD = "demo-pass-123"
    output = run_demo(capsys)
    assert logins(output)["reviewer2"] == "demo-pass-123"
    assert User.objects.get(username="reviewer2").check_password("demo-pass-123")


def test_reset_passwords_gives_new_working_passwords(capsys, settings):
    settings.FACTCHECK_DEMO_PASSWORD = ""
    first = logins(run_demo(capsys))
    second = logins(run_demo(capsys, "--reset-passwords"))
    assert first["admin"] != second["admin"]
    assert User.objects.get(username="admin").check_password(second["admin"])
