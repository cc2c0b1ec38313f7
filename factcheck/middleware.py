"""Project-wide middleware."""

from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.http import HttpResponse
from django.utils.translation import gettext as _


class HtmxLoginRequiredMiddleware(LoginRequiredMiddleware):
    """Django's LoginRequiredMiddleware, except that an htmx request without a session gets
    401 instead of a redirect to the login page: htmx would follow the redirect and swap the
    login page in as if it were the answer, and an autosave would look saved. With 401 htmx
    swaps nothing (base.html's htmx-config), so what the user typed stays in the form, and
    app.js says they were logged out."""

    def handle_no_permission(self, request, view_func):
        if request.headers.get("HX-Request") == "true":
            return HttpResponse(
                _("You were logged out."), status=401, content_type="text/plain; charset=utf-8"
            )
        return super().handle_no_permission(request, view_func)
