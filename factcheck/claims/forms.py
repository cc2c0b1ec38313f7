from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from factcheck.articles.languages import LANGUAGES
from factcheck.claims.models import Claim


class VersionedForm(forms.Form):
    """Carries the claim version the editor started from, to detect concurrent edits."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)


class DismissalReason(models.TextChoices):
    """The usual reasons to dismiss a claim, one click each; the value is what history keeps."""

    NOT_CHECKWORTHY = "not check-worthy", _("Not check-worthy")
    OPINION = "opinion", _("Opinion")
    DUPLICATE = "duplicate", _("Duplicate")
    NOT_A_CLAIM = "not a claim", _("Not a claim")
    BOILERPLATE = "boilerplate", _("Boilerplate")


class DismissForm(VersionedForm):
    reason = forms.ChoiceField(label=_("Dismiss as"), choices=DismissalReason.choices)
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=200)

    def clean(self):
        cleaned = super().clean()
        reason, note = cleaned.get("reason"), cleaned.get("note", "").strip()
        if reason and note:
            cleaned["reason"] = f"{reason}: {note}"
        return cleaned


class RestateForm(VersionedForm):
    normalized = forms.CharField(
        label=_("Normalised claim"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Who claims what, about which place and time, in which unit."),
    )


class ClaimantForm(VersionedForm):
    claimant = forms.CharField(label=_("Claimant"), required=False, max_length=200)
    claimant_kind = forms.ChoiceField(
        label=_("Claimant is a"),
        required=False,
        choices=[("", _("(nobody named)")), *Claim.ClaimantKind.choices],
    )
    claim_date = forms.DateField(label=_("Claim date"), required=False)
    appearance_url = forms.URLField(
        label=_("Where it appeared"),
        required=False,
        max_length=2000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Empty when the claim was made in the article itself."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("claimant", "").strip() and not cleaned.get("claimant_kind"):
            raise ValidationError(_("Say whether the claimant is a person or an organisation."))
        return cleaned


class SpanForm(VersionedForm):
    start = forms.IntegerField(label=_("Start"), min_value=0)
    end = forms.IntegerField(label=_("End"), min_value=1)
    units = forms.ChoiceField(
        choices=[("codepoints", _("characters")), ("utf16", _("UTF-16 code units"))],
        required=False,
        widget=forms.HiddenInput,
        help_text=_("Browsers count selections in UTF-16 code units; people count characters."),
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end <= start:
            raise ValidationError(_("The end must come after the start."))
        return cleaned


class SelectionForm(SpanForm):
    text = forms.CharField(label=_("Selected text"), strip=False, max_length=20_000)


class ExtendForm(VersionedForm):
    direction = forms.ChoiceField(
        choices=[("previous", _("Previous sentence")), ("next", _("Next sentence"))]
    )


class SplitForm(VersionedForm):
    at = forms.IntegerField(
        label=_("Split before character"),
        min_value=1,
        help_text=_("Counted from the start of the claim; or click in the claim's text."),
        error_messages={"required": _("Click in the claim's text where to split it.")},
    )


class MergeForm(VersionedForm):
    following = forms.IntegerField(widget=forms.HiddenInput)


class BulkForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("accept_above", _("Accept all suggested claims scoring at least")),
            ("dismiss_below", _("Dismiss all suggested claims scoring below")),
        ]
    )
    threshold = forms.FloatField(label=_("Score"), min_value=0, max_value=1)
    reason = forms.CharField(label=_("Reason (for dismissal)"), required=False, max_length=300)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "dismiss_below" and not cleaned.get("reason", "").strip():
            raise ValidationError(_("Say why the claims are dismissed."))
        return cleaned


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGES)
