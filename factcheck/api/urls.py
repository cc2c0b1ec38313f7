"""/api/: the schema, its browser, and /api/v1/'s endpoints.

The API answers for itself: a request without credentials gets 401 in JSON, not the login page,
so every view here is marked login_not_required and DRF's permissions decide instead (each view
still requires authentication unless it says otherwise)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver, include, path

# Endpoint modules register their viewsets on the router when imported.
from factcheck.api import endpoints  # noqa: F401
from factcheck.api.docs import docs, schema
from factcheck.api.routers import router

app_name = "api"


def _answering_for_themselves(patterns):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _answering_for_themselves(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            login_not_required(entry.callback)
    return patterns


urlpatterns = _answering_for_themselves(
    [
        path("schema/", schema, name="schema"),
        path("docs/", docs, name="docs"),
        path("v1/", include(router.urls)),
    ]
)
