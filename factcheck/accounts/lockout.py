"""Lock-out after repeated failed logins, through django-axes (configured in settings.py).

Two hooks axes calls: where a request comes from, and what a locked-out visitor sees. The page
says the same whatever the user name, existing or not, so it tells nobody which accounts exist.
"""

import ipaddress
import math

from axes.helpers import get_cool_off
from django.conf import settings
from django.shortcuts import render


def client_ip(request):
    """The client's address: the connection's own, or behind FACTCHECK_TRUSTED_PROXIES proxies
    the X-Forwarded-For entry the nearest of them added. Entries further left are the client's
    own to write, so they are never trusted."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.FACTCHECK_TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if not forwarded:
        return remote
    candidate = forwarded[-min(proxies, len(forwarded))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_response(request, original_response=None, credentials=None):
    """The login page's refusal, with how long to wait (429 Too Many Requests)."""
    minutes = math.ceil(get_cool_off(request).total_seconds() / 60)
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)
