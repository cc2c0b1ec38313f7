import re

import pytest
from django.core.management import call_command

from factcheck.accounts.models import User
from factcheck.articles.models import Article
from factcheck.management.commands import demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept_logins(monkeypatch, tmp_path, django_capture_on_commit_callbacks):
    """The file the demo keeps its passwords in, as beside a SQLite database on disk; the
    demo's commit runs its on-commit callbacks (the test's transaction never commits)."""
    path = tmp_path / "db.sqlite3.demo-logins.json"
    monkeypatch.setattr(demo, "logins_file", lambda: path)

    def run(capsys, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return run_demo(capsys, *args)

    run.path = path
    return run


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


def test_reset_passwords_gives_new_working_passwords(capsys, settings, kept_logins):
    settings.FACTCHECK_DEMO_PASSWORD = ""
    first = logins(kept_logins(capsys))
    second = logins(kept_logins(capsys, "--reset-passwords"))
    assert first["admin"] != second["admin"]
    assert User.objects.get(username="admin").check_password(second["admin"])
    assert logins(kept_logins(capsys)) == second


def test_a_later_run_prints_the_same_working_passwords(capsys, settings, kept_logins):
    settings.FACTCHECK_DEMO_PASSWORD = ""
    first = logins(kept_logins(capsys))
    second = logins(kept_logins(capsys))
    assert second == first and "unchanged" not in "".join(second.values())
    for username, password in second.items():
        assert User.objects.get(username=username).check_password(password)


def test_the_kept_passwords_are_readable_by_their_owner_only(capsys, settings, kept_logins):
    settings.FACTCHECK_DEMO_PASSWORD = ""
    printed = logins(kept_logins(capsys))
    assert kept_logins.path.stat().st_mode & 0o777 == 0o600
    assert printed["editor"] in kept_logins.path.read_text()


def test_a_password_changed_by_its_user_is_not_printed_or_reset(capsys, settings, kept_logins):
    settings.FACTCHECK_DEMO_PASSWORD = ""
    first = logins(kept_logins(capsys))
    editor = User.objects.get(username="editor")
    editor.set_password("my own choice 42")
    editor.save()
    output = kept_logins(capsys)
    assert re.search(r"^  editor +\(unchanged; use --reset-passwords", output, flags=re.M)
    assert logins(output)["reviewer1"] == first["reviewer1"]
    assert User.objects.get(username="editor").check_password("my own choice 42")


def test_the_environment_password_wins_over_the_kept_ones(capsys, settings, kept_logins):
    settings.FACTCHECK_DEMO_PASSWORD = ""
    kept_logins(capsys)
    settings.FACTCHECK_DEMO_PASSWORD = "demo-pass-123"
    assert logins(kept_logins(capsys))["admin"] == "demo-pass-123"
    assert User.objects.get(username="admin").check_password("demo-pass-123")


def test_the_demo_ends_with_the_address_and_the_logins(capsys):
    output = run_demo(capsys, "--url", "http://0.0.0.0:8080/")
    lines = output.rstrip("\n").splitlines()
    assert lines[-6:-4] == ["Open http://0.0.0.0:8080/", "Demo logins:"]
    assert [line.split()[0] for line in lines[-4:]] == ["admin", "editor", "reviewer1", "reviewer2"]


@pytest.mark.parametrize(
    ("vendor", "name", "kept_in"),
    [
        ("sqlite", ":memory:", None),
        ("sqlite", "file:memorydb_default?mode=memory&cache=shared", None),
        ("sqlite", "/srv/desk/db.sqlite3", "/srv/desk/db.sqlite3.demo-logins.json"),
        (
            "postgresql",
            "factcheck",
            "BASE_DIR/postgresql-db.example.org-factcheck.demo-logins.json",
        ),
    ],
)
def test_the_passwords_are_kept_beside_the_database_and_never_for_one_in_memory(
    monkeypatch, settings, vendor, name, kept_in
):
    class Connection:
        settings_dict = {"NAME": name, "HOST": "db.example.org" if vendor != "sqlite" else ""}

    Connection.vendor = vendor
    monkeypatch.setattr(demo, "connection", Connection)
    path = demo.logins_file()
    expected = kept_in and kept_in.replace("BASE_DIR", str(settings.BASE_DIR))
    assert (str(path) if path else None) == expected


def test_the_demo_sets_up_a_realistic_desk(capsys):
    from factcheck.claims.models import Claim
    from factcheck.reviews.models import Evidence, Review

    output = run_demo(capsys)
    assert "Demo desk set up" in output
    article = Article.objects.get()
    claims = article.claims.all()
    assert not claims.filter(status=Claim.Status.SUGGESTED).exists()
    reviewer1, reviewer2 = (
        User.objects.get(username="reviewer1"),
        User.objects.get(username="reviewer2"),
    )
    for claim in claims:
        assert set(claim.assignments.values_list("reviewer__username", flat=True)) == {
            "reviewer1",
            "reviewer2",
        }
    agreed = claims.get(text__contains="Some 770 million rural Chinese")
    assert agreed.status == Claim.Status.IN_REVIEW
    assert agreed.reviews.filter(status=Review.Status.SUBMITTED).count() == 2
    assert claims.get(text__contains="over 70 percent").status == Claim.Status.DISPUTED
    published = claims.get(status=Claim.Status.PUBLISHED)
    assert "78.2 years" in published.text and published.final_verdict.slug == "true"
    assert Evidence.objects.filter(review__claim=published, published=True).count() == 1
    waiting = Review.objects.filter(reviewer=reviewer1, status=Review.Status.SUBMITTED)
    queue = reviewer1.assignments.exclude(claim__in=waiting.values("claim"))
    assert queue.count() == claims.count() - 3 > 0
    assert reviewer2.reviews.filter(status=Review.Status.SUBMITTED).count() == 3


def test_running_the_demo_twice_leaves_the_desk_as_it_was(capsys):
    from factcheck.reviews.models import Assignment, Evidence, Review

    run_demo(capsys)

    def snapshot():
        article = Article.objects.get()
        return (
            sorted(article.claims.values_list("pk", "status", "version")),
            Assignment.objects.count(),
            sorted(Review.objects.values_list("pk", "status", "version")),
            sorted(Evidence.objects.values_list("pk", "published")),
        )

    before = snapshot()
    assert "Demo desk already set up" in run_demo(capsys)
    assert snapshot() == before
