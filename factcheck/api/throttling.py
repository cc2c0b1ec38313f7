"""Throttling per token (or per user, for the browser's session; per address for the public feed).

Rates come from FACTCHECK_API_THROTTLE and FACTCHECK_API_ANON_THROTTLE (e.g. "1000/hour"), read at
each request so tests and deployments may change them. Counts live in the default cache: with
Django's default local-memory cache each process counts for itself, so several instances need a
shared cache (Redis, or the database cache) to enforce one limit (README: the API).
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle

from factcheck.api.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api"

    def get_rate(self):
        return settings.FACTCHECK_API_THROTTLE

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            return None  # AnonymousRateThrottle counts these
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(SimpleRateThrottle):
    scope = "api-anonymous"

    def get_rate(self):
        return settings.FACTCHECK_API_ANON_THROTTLE

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
