from django import forms
from django.utils.translation import gettext_lazy as _


class ShareForm(forms.Form):
    allow_indexing = forms.BooleanField(
        label=_("Let search engines index the public page"), required=False
    )


class ClaimSelectionForm(forms.Form):
    """`?ids=1,2,3` (a selection of claims) or `?article=N` (an article's claims); neither:
    everything."""

    ids = forms.CharField(required=False)
    article = forms.IntegerField(required=False, min_value=1)

    def clean_ids(self):
        raw = self.cleaned_data["ids"].strip()
        if not raw:
            return None
        try:
            ids = sorted({int(part) for part in raw.split(",") if part.strip()})
        except ValueError:
            raise forms.ValidationError(
                _("ids must be claim numbers separated by commas.")
            ) from None
        if not ids or any(pk < 1 for pk in ids):
            raise forms.ValidationError(_("ids must be claim numbers separated by commas."))
        return ids
