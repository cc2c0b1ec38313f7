"""Every module of /api/v1/'s endpoints, imported here so their viewsets are on the router
before factcheck/api/urls.py reads it. A new endpoint module adds its line."""

from factcheck.api import (
    articles,  # noqa: F401
    claims,  # noqa: F401
    feed,  # noqa: F401
    reviews,  # noqa: F401
    sources,  # noqa: F401
    verdicts,  # noqa: F401
)
