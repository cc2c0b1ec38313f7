from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from factcheck.accounts.models import User
from factcheck.claims.models import Verdict
from factcheck.reviews.models import Evidence, Review, Source
from factcheck.reviews.sources import normalize_url


class AssignForm(forms.Form):
    """Whom to assign claims to (active reviewers, by username) and by when: the claim desk's
    form and the admin's "Assign the selected claims to..." page."""

    reviewers = forms.ModelMultipleChoiceField(
        label=_("Reviewers"),
        queryset=User.objects.reviewers().order_by("username"),
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class VerdictChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, verdict):
        return verdict.label


class ReviewForm(forms.Form):
    """The reviewer's verdict, confidence and rationale. `version` is the review's version the
    page was built from and `claim_fingerprint` the claim's wording then, so a stale save is
    detected instead of applied."""

    verdict = VerdictChoiceField(
        label=_("Verdict"),
        queryset=Verdict.objects.all(),
        required=False,
        widget=forms.RadioSelect,
        empty_label=None,
    )
    confidence = forms.ChoiceField(
        label=_("Confidence"),
        choices=[("", _("Not set"))] + list(Review.Confidence.choices),
        required=False,
    )
    rationale = forms.CharField(
        label=_("Rationale"),
        required=False,
        strip=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the sources show and how you weighed them. Line breaks are kept."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    claim_fingerprint = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class EvidenceForm(forms.Form):
    url = forms.CharField(label=_("Source URL"), max_length=2000)
    title = forms.CharField(label=_("Title"), max_length=500, required=False)
    publisher = forms.CharField(label=_("Publisher"), max_length=200, required=False)
    published_on = forms.DateField(
        label=_("Publication date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = forms.ChoiceField(
        label=_("Source kind"), choices=Source.Kind.choices, initial=Source.Kind.OTHER
    )
    quote = forms.CharField(
        label=_("Quote"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    stance = forms.ChoiceField(
        label=_("Stance"), choices=Evidence.Stance.choices, initial=Evidence.Stance.CONTEXT
    )
    accessed_on = forms.DateField(
        label=_("Accessed on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def clean_url(self):
        try:
            return normalize_url(self.cleaned_data["url"])
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None

    def domain_fields(self):
        data = dict(self.cleaned_data)
        data.pop("version")
        data.pop("submission_key", None)
        return data


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class FigureForm(forms.Form):
    figure = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    value = forms.FloatField(label=_("Reference value"))
    unit = forms.CharField(label=_("Unit"), required=False, max_length=40)
    source_url = forms.CharField(
        label=_("Source of the reference"), required=False, max_length=2000
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def clean_source_url(self):
        url = self.cleaned_data["source_url"]
        if not url:
            return url
        try:
            return normalize_url(url)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from None
