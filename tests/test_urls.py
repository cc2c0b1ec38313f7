"""Every page is private: walking the URLconf, an anonymous visitor is sent to log in."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# The only views a visitor may reach without logging in.
PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "healthz",
    "admin:login",
    "admin:logout",
    "admin:password_change",
    "admin:password_change_done",
    "admin:jsi18n",
    "reports:public",  # r/<token>/: a shared report, public by design (404 without a token)
}


def walk(patterns, prefix="", namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if namespace and entry.namespace:
                ns = f"{namespace}:{entry.namespace}"
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield prefix + str(entry.pattern), name


def concrete(route):
    """Turn a route (path converters or regular expressions) into a path with sample values."""
    path = re.sub(r"<(?:int:)?\w+>", "1", route)  # <int:pk>, <uidb64>
    path = re.sub(r"<(?:str|slug|path):\w+>", "x", path)
    path = re.sub(r"\(\?P<\w+>[^)]*\)", "accounts", path)  # admin's app_label group
    path = re.sub(r"\([^)]*\)", "1", path)  # unnamed groups such as ([^/]+)
    return "/" + path.replace("^", "").replace("$", "")


ALL_ROUTES = sorted(set(walk(get_resolver().url_patterns)), key=lambda pair: pair[0])
# The API's routes answer 401 in JSON, not a redirect: tests/api/test_api_matrix.py covers them.
ROUTES = [
    (route, name)
    for route, name in ALL_ROUTES
    if name not in PUBLIC and not (name or "").startswith("api:")
]


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[route for route, _ in ROUTES])
def test_every_private_url_sends_an_anonymous_visitor_to_log_in(client, route, name):
    for method in (client.get, client.post):
        response = method(concrete(route))
        assert response.status_code == 302, f"{method.__name__.upper()} {route}"
        location = response["Location"]
        assert location.startswith("/accounts/login/") or location.startswith("/admin/login/")


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "name"), ROUTES, ids=[route for route, _ in ROUTES])
def test_an_htmx_request_without_a_session_never_gets_a_200(client, route, name):
    """An expired session must not look like a saved draft: htmx would swap a 200 login page in
    as the answer. They answer 401 (htmx swaps nothing), except the admin's own views, which
    htmx never calls and which keep their redirect to the admin's login page."""
    for method in (client.get, client.post):
        response = method(concrete(route), headers={"HX-Request": "true"})
        where = f"{method.__name__.upper()} {route}"
        assert response.status_code != 200, where
        if name and name.startswith("admin:") and response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), where
        else:
            assert response.status_code == 401, where
            assert b"<html" not in response.content, where


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/r/not-a-token/", "/healthz"])
def test_the_public_htmx_answers_are_the_public_pages_own(client, path):
    """The public views answer htmx as they answer anyone: a shared report needs its token."""
    response = client.get(path, headers={"HX-Request": "true"})
    assert response.status_code == (200 if path == "/healthz" else 404)


def test_the_walk_covers_every_route_and_the_public_ones_exist():
    names = {name for _, name in ALL_ROUTES}
    assert names >= PUBLIC
    assert len(ROUTES) > 40  # the admin's routes and ours, not an empty walk


@pytest.mark.django_db
def test_the_health_check_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
