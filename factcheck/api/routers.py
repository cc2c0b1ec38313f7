"""The one router of /api/v1/: every endpoint module registers its viewsets on it
(`from factcheck.api.routers import router; router.register("claims", ClaimViewSet, ...)`),
and factcheck/api/urls.py imports those modules before reading `router.urls`."""

from rest_framework.routers import SimpleRouter

router = SimpleRouter()
