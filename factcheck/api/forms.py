from django import forms
from django.utils.translation import gettext_lazy as _

from factcheck.api.models import ApiToken


class TokenForm(forms.Form):
    """A new personal API token: a name to recognise it by, its scope and an optional expiry."""

    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What will use it, e.g. “CMS feed” or “monitoring script”."),
    )
    scope = forms.ChoiceField(
        label=_("Access"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Optional: the token stops working at the start of this day (UTC)."),
    )
