"""Project-wide views: the home page, the health check for load balancers and the error pages."""

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
def home(request):
    """Each role starts where its work is: reviewers at their queue, editors (and admins) at
    the desk's dashboard, anyone else at the articles."""
    if request.user.is_editor:
        return redirect("reviews:desk")
    if request.user.is_reviewer:
        return redirect("reviews:queue")
    return redirect("articles:list")


@login_not_required
@require_GET
@never_cache
def healthz(request):
    """Answers 200 "ok" when the database answers; for load balancers and uptime checks."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


# How long a client is asked to wait when the database is down (a restart takes seconds).
RETRY_AFTER_SECONDS = 10


@login_not_required
def server_error(request):
    """500, or 503 when the error is that the database cannot be reached (down, restarting,
    the connection dropped): the user is asked to try again shortly, and the transaction that
    failed was rolled back, so nothing was half-written. No request context: the page must
    render while the database is down."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
