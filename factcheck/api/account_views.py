"""The "Your account" page: the user's personal API tokens, made and revoked here.

The page lives in the api app because tokens are the API's (the accounts app, leftmost of the
one-way rule, may not import them); its address is /account/. A new token's secret is shown on
the page that answers the creating POST, once, and never again: only its hash is kept.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from factcheck.api import tokens
from factcheck.api.forms import TokenForm
from factcheck.api.models import ApiToken


def get_own_token(request, pk):
    """The user's own token `pk`; anyone else's is 404 (admins revoke those in the admin)."""
    try:
        return ApiToken.objects.get(pk=pk, user=request.user)
    except ApiToken.DoesNotExist:
        raise Http404(_("No such token of yours.")) from None


@never_cache
@require_http_methods(["GET", "POST"])
def account(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        expires_on = form.cleaned_data["expires_on"]
        expires_at = (
            datetime.datetime.combine(expires_on, datetime.time.min, tzinfo=datetime.UTC)
            if expires_on
            else None
        )
        try:
            token, secret = tokens.create_token(
                request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                expires_at=expires_at,
                by=request.user,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            form = TokenForm()
    context = {
        "form": form,
        "secret": secret,
        "tokens": ApiToken.objects.of(request.user),
    }
    return render(request, "accounts/account.html", context)


@require_POST
def revoke(request, pk):
    token = get_own_token(request, pk)
    tokens.revoke_token(token, by=request.user)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("account:detail")
