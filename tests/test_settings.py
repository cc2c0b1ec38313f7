"""The settings read the environment and refuse values they do not understand."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from factcheck.settings import (
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_static_file,
    env_url_template,
)

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_boolean_that_is_not_one_is_an_error(monkeypatch):
    monkeypatch.setenv("DJANGO_DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG='maybe'"):
        env_bool("DJANGO_DEBUG")


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("ON", True), ("0", False)])
def test_booleans_accept_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("SOME_FLAG", raw)
    assert env_bool("SOME_FLAG") is expected


def test_numbers_and_lists_are_checked(monkeypatch):
    monkeypatch.setenv("SOME_INT", "ten")
    with pytest.raises(ImproperlyConfigured, match="not a whole number"):
        env_int("SOME_INT", 1)
    monkeypatch.setenv("SOME_FLOAT", "1.5")
    with pytest.raises(ImproperlyConfigured, match="between 0 and 1"):
        env_float("SOME_FLOAT", 0.5, 0, 1)
    monkeypatch.setenv("SOME_LIST", " a.example, ,b.example ")
    assert env_list("SOME_LIST") == ["a.example", "b.example"]


def test_a_choice_outside_the_list_is_an_error(monkeypatch):
    monkeypatch.setenv("FACTCHECK_RESOLUTION_RULE", "vote")
    with pytest.raises(ImproperlyConfigured, match="must be one of: editor, panel"):
        env_choice("FACTCHECK_RESOLUTION_RULE", "editor", ["editor", "panel"])
    monkeypatch.setenv("FACTCHECK_RESOLUTION_RULE", "panel")
    assert env_choice("FACTCHECK_RESOLUTION_RULE", "editor", ["editor", "panel"]) == "panel"


def test_it_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = manage("check", DJANGO_DEBUG="false")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DJANGO_SECRET_KEY" in lines[0]


def test_the_shell_refuses_to_start_without_a_secret_key_too():
    # Django lets the commands that can run without settings (shell, help) start anyway.
    result = manage("shell", "-c", "print('started')", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "settings are not configured" not in result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DJANGO_SECRET_KEY" in lines[0]


STRONG_KEY = "a-long-random-production-secret-" + "x" * 40


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("short-but-varied-0123456789", "27 characters, fewer than 50"),
        ("ab" * 40, "2 distinct characters, fewer than 5"),
        ("django-insecure-" + STRONG_KEY, "starts with django-insecure-"),
    ],
)
def test_it_refuses_to_start_with_a_weak_secret_key_when_debug_is_off(key, reason):
    result = manage("check", DJANGO_DEBUG="false", DJANGO_SECRET_KEY=key)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DJANGO_SECRET_KEY is too weak" in lines[0]
    assert reason in lines[0]
    assert key not in lines[0]  # the secret itself is never printed


def test_a_weak_secret_key_is_accepted_in_debug_mode():
    result = manage("check", DJANGO_DEBUG="true", DJANGO_SECRET_KEY="short")
    assert result.returncode == 0, result.stderr


def test_the_deployment_checks_pass_in_production_mode():
    # The interpreter's own check (factcheck.W001) is tested below: this machine's Python may be
    # older than production's.
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="factcheck.example.org",
        DJANGO_SILENCED_SYSTEM_CHECKS="factcheck.W001",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deployment_checks_warn_about_a_python_older_than_3_11_10():
    result = manage(
        "check",
        "--deploy",
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=STRONG_KEY,
        DJANGO_ALLOWED_HOSTS="factcheck.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert ("factcheck.W001" in result.stderr) == (sys.version_info < (3, 11, 10))


@pytest.mark.parametrize(
    ("version", "warned"),
    [((3, 11, 7), True), ((3, 11, 9), True), ((3, 11, 10), False), ((3, 12, 0), False)],
)
def test_the_python_check_asks_for_3_11_10_or_later(version, warned):
    from factcheck.checks import check_python_version

    found = check_python_version(version_info=(*version, "final", 0))
    assert [message.id for message in found] == (["factcheck.W001"] if warned else [])
    if warned:
        assert "3.11.10 or later" in found[0].hint
        assert "CVE-2024-4032" in found[0].msg


def test_the_python_check_is_a_deployment_check():
    from django.core import checks

    assert "factcheck.W001" not in {message.id for message in checks.run_checks()}
    deploy = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert ("factcheck.W001" in {m.id for m in deploy}) == (sys.version_info < (3, 11, 10))


@pytest.mark.parametrize(
    "raw",
    [
        "https://checks.example.org/{article}/",  # an unknown placeholder
        "https://checks.example.org/{article_id/",  # an unclosed brace
        "https://checks.example.org/{0}/",
        "checks.example.org/{article_id}/",  # not an address
    ],
)
def test_a_bad_public_url_template_is_an_error_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL_TEMPLATE", raw)
    with pytest.raises(ImproperlyConfigured, match=r"^FACTCHECK_PUBLIC_URL_TEMPLATE="):
        env_url_template("FACTCHECK_PUBLIC_URL_TEMPLATE", ["article_id", "claim_id"])


def test_a_public_url_template_with_its_placeholders_is_accepted(monkeypatch):
    value = "https://checks.example.org/checks/{article_id}/#claim-{claim_id}"
    monkeypatch.setenv("FACTCHECK_PUBLIC_URL_TEMPLATE", value)
    assert env_url_template("FACTCHECK_PUBLIC_URL_TEMPLATE", ["article_id", "claim_id"]) == value
    monkeypatch.delenv("FACTCHECK_PUBLIC_URL_TEMPLATE")
    assert env_url_template("FACTCHECK_PUBLIC_URL_TEMPLATE", ["article_id", "claim_id"]) == ""


def test_the_logo_must_be_an_image_under_static(monkeypatch, tmp_path):
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "logo.svg").write_text("<svg/>")
    monkeypatch.setenv("FACTCHECK_LOGO", "img/logo.svg")
    assert env_static_file("FACTCHECK_LOGO", [tmp_path], [".svg"]) == "img/logo.svg"
    for raw, message in [
        ("img/missing.svg", "no such file"),
        ("../secrets.svg", "must be a path under static/"),
        ("/etc/logo.svg", "must be a path under static/"),
        ("img/logo.exe", "must be a path under static/"),
    ]:
        monkeypatch.setenv("FACTCHECK_LOGO", raw)
        with pytest.raises(ImproperlyConfigured, match=rf"^FACTCHECK_LOGO='.*{message}"):
            env_static_file("FACTCHECK_LOGO", [tmp_path], [".svg"])


def test_the_program_stops_with_one_line_on_a_bad_public_url_template():
    result = manage(
        "check", DJANGO_DEBUG="true", FACTCHECK_PUBLIC_URL_TEMPLATE="https://x.example/{id}/"
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "FACTCHECK_PUBLIC_URL_TEMPLATE='https://x.example/{id}/'" in lines[0]


POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"


def postgres_reachable():
    import psycopg

    try:
        psycopg.connect(POSTGRES.replace("postgres://", "postgresql://"), connect_timeout=2).close()
    except psycopg.OperationalError:
        return False
    return True


SHOW_DATABASE = (
    "from django.db import connection as c; s = c.settings_dict; "
    "print(s['CONN_MAX_AGE'], s['OPTIONS'].get('pool'), s['DISABLE_SERVER_SIDE_CURSORS']); "
    "cursor = c.cursor(); cursor.execute('select 1'); print('answered', cursor.fetchone()[0])"
)


def test_a_connection_pool_needs_postgresql():
    result = manage("check", DJANGO_DEBUG="true", DJANGO_DB_POOL="4")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DJANGO_DB_POOL needs PostgreSQL" in lines[0]


@pytest.mark.skipif(not postgres_reachable(), reason="no PostgreSQL on 127.0.0.1:5432")
def test_a_connection_pool_replaces_persistent_connections_and_answers():
    result = manage(
        "shell", "-c", SHOW_DATABASE, DJANGO_DEBUG="true", DATABASE_URL=POSTGRES, DJANGO_DB_POOL="4"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == [
        "0 {'min_size': 1, 'max_size': 4, 'timeout': 10} False",
        "answered 1",
    ]


@pytest.mark.skipif(not postgres_reachable(), reason="no PostgreSQL on 127.0.0.1:5432")
def test_behind_pgbouncer_cursors_stay_on_the_client():
    result = manage(
        "shell",
        "-c",
        SHOW_DATABASE,
        DJANGO_DEBUG="true",
        DATABASE_URL=POSTGRES,
        DJANGO_DB_PGBOUNCER="true",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == ["60 None True", "answered 1"]


def test_static_files_from_a_cdn_are_allowed_by_the_content_security_policy():
    show = (
        "from django.conf import settings as s; from django.templatetags.static import static; "
        "print(static('css/app.css')); print(s.CONTENT_SECURITY_POLICY['DIRECTIVES']['script-src'])"
    )
    result = manage(
        "shell",
        "-c",
        show,
        DJANGO_DEBUG="true",
        DJANGO_STATIC_URL="https://cdn.example.org/static/",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-2:] == [
        "https://cdn.example.org/static/css/app.css",
        "[\"'self'\", 'https://cdn.example.org']",
    ]


@pytest.mark.parametrize(
    "raw", ["http://cdn.example.org/static/", "https://cdn.example.org/static", "cdn/"]
)
def test_a_static_url_that_is_not_https_is_an_error(raw):
    result = manage("check", DJANGO_DEBUG="true", DJANGO_STATIC_URL=raw)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "DJANGO_STATIC_URL" in lines[0]
