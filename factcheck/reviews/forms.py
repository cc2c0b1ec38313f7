"""The reviews screens' forms: the reviewer's workspace, the desk, and the claims list."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from factcheck.accounts.models import User
from factcheck.articles.models import Article
from factcheck.claims.models import Claim, Verdict
from factcheck.reviews import bulk, claim_search, library
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


class UnassignForm(forms.Form):
    """The reviewer to take off a claim (the desk's "Unassign" button)."""

    reviewer = forms.ModelChoiceField(queryset=User.objects.all(), widget=forms.HiddenInput)


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

    def draft_fields(self):
        """The cleaned values as reviewing.save_draft() and workflow.submit_draft() take them."""
        data = self.cleaned_data
        return {
            "verdict": data["verdict"],
            "confidence": data["confidence"],
            "rationale": data["rationale"],
            "expected_version": data["version"],
            "claim_fingerprint": data["claim_fingerprint"],
        }


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


# The desk -----------------------------------------------------------------------------------


class ResolveForm(forms.Form):
    verdict = forms.ModelChoiceField(
        label=_("Final verdict"), queryset=Verdict.objects.all(), required=False
    )
    rationale = forms.CharField(label=_("Public rationale"), required=False, widget=forms.Textarea)
    evidence = forms.ModelMultipleChoiceField(
        label=_("Evidence to publish"),
        queryset=Evidence.objects.all(),
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    without_waiting = forms.BooleanField(label=_("Resolve without waiting"), required=False)


class ClaimMoveForm(forms.Form):
    """The claim's version the editor's page showed: a move from a stale page is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=90)


# The claims list ---------------------------------------------------------------------------


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ReviewersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ClaimFilterForm(forms.Form):
    """The list's filters, read from the query string. Every field is optional; a value the
    form cannot use is an error shown beside the field, and that filter is left out."""

    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        widget=forms.SearchInput(attrs={"autocomplete": "off"}),
    )
    article = forms.ModelChoiceField(
        label=gettext_lazy("Article"),
        queryset=Article.objects.all(),
        required=False,
        empty_label=gettext_lazy("All articles"),
    )
    status = forms.MultipleChoiceField(
        label=gettext_lazy("Status"),
        choices=Claim.Status.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    verdict = forms.ModelChoiceField(
        label=gettext_lazy("Final verdict"),
        queryset=Verdict.objects.all(),
        required=False,
        empty_label=gettext_lazy("Any verdict"),
    )
    reviewer = ReviewerChoiceField(
        label=gettext_lazy("Assigned to"),
        queryset=User.objects.filter(role=User.Role.REVIEWER).order_by("username"),
        required=False,
        empty_label=gettext_lazy("Anyone"),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[("", gettext_lazy("Any kind")), *Claim.Kind.choices],
        required=False,
    )
    claimant = forms.CharField(
        label=gettext_lazy("Claimant"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Who made the claim: part of a name is enough."),
    )
    min_score = forms.FloatField(
        label=gettext_lazy("Score from"), required=False, min_value=0, max_value=1
    )
    max_score = forms.FloatField(
        label=gettext_lazy("Score to"), required=False, min_value=0, max_value=1
    )
    created_from = forms.DateField(
        label=gettext_lazy("Created from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    created_to = forms.DateField(
        label=gettext_lazy("Created to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sort = forms.ChoiceField(
        choices=claim_search.SORT_CHOICES, required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("min_score", "max_score"):
            self.fields[name].widget.attrs.update({"step": "0.05", "inputmode": "decimal"})

    def article_choices(self):
        """The drop-down's articles: the most recent ones, plus the chosen one if older."""
        recent = list(
            Article.objects.order_by("-created_at", "-id").values_list("pk", "title")[
                : claim_search.ARTICLE_CHOICES
            ]
        )
        chosen = self.cleaned_data.get("article") if hasattr(self, "cleaned_data") else None
        if chosen is not None and chosen.pk not in {pk for pk, _title in recent}:
            recent.append((chosen.pk, chosen.title))
        return [("", _("All articles")), *recent]

    def filters(self):
        """The usable values: an invalid field is left out, the others still filter."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if name not in self.errors}

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_score"), cleaned.get("max_score")
        if low is not None and high is not None and low > high:
            self.add_error("max_score", _("The highest score must not be below the lowest."))
        first, last = cleaned.get("created_from"), cleaned.get("created_to")
        if first is not None and last is not None and first > last:
            self.add_error("created_to", _("The last day must not be before the first."))
        return cleaned


class BulkActionForm(forms.Form):
    ACTIONS = [*bulk.ACTIONS.items(), ("export", gettext_lazy("Export"))]

    action = forms.ChoiceField(label=gettext_lazy("Action"), choices=ACTIONS)
    ids = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    reviewers = ReviewersChoiceField(
        label=gettext_lazy("Reviewers"),
        queryset=User.objects.reviewers().order_by("username"),
        required=False,
        help_text=gettext_lazy("For “Assign”."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        max_length=300,
        help_text=gettext_lazy("For “Dismiss”: opinion, not checkable, duplicate..."),
    )
    # The choices are the reports app's data formats, which the template lists (report_tags'
    # `export_formats`); the exporter refuses a format it does not know.
    format = forms.CharField(label=gettext_lazy("Export format"), required=False, max_length=40)
    query = forms.CharField(required=False, widget=forms.HiddenInput, max_length=4000)

    def clean_ids(self):
        # Any whole number is accepted here; ids of claims that do not exist are reported.
        values = self.cleaned_data.get("ids") or []
        ids = []
        for value in values:
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                raise ValidationError(_("The selection holds an invalid claim id.")) from None
        if not ids:
            raise ValidationError(_("Select at least one claim."))
        if len(ids) > claim_search.MAX_SELECTION:
            raise ValidationError(
                _("Select at most %(max)d claims at a time.") % {"max": claim_search.MAX_SELECTION}
            )
        return list(dict.fromkeys(ids))

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "assign" and not cleaned.get("reviewers"):
            self.add_error("reviewers", _("Choose at least one reviewer to assign."))
        if action == "dismiss" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Say why the claims are dismissed."))
        if action == "export" and not cleaned.get("format"):
            self.add_error("format", _("Choose an export format."))
        return cleaned


class SourceFilterForm(forms.Form):
    """The source library's search and filters (GET). Unusable values are ignored, as the
    claims list ignores them, so a hand-edited address still shows a list."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("Any kind"))] + list(Source.Kind.choices),
    )
    publisher = forms.CharField(label=_("Publisher"), required=False, max_length=200)
    stance = forms.ChoiceField(
        label=_("Cited as"),
        required=False,
        choices=[("", _("Any stance"))] + list(Evidence.Stance.choices),
    )
    used_since = forms.DateField(
        label=_("Cited since"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    sort = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("title", _("Title")),
            ("-added", _("Newest first")),
            ("added", _("Oldest first")),
        ],
    )

    def filters(self):
        """The valid filters as library.library() takes them."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}


class ReliabilityNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Reliability note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("How far this source can be trusted, and for what. Leave empty to remove."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class SourceMergeForm(forms.Form):
    """Which duplicate to merge into the source whose page this is. `version` is the kept
    source's version the page was built from; `duplicate_version`, the duplicate's when the
    page listed it."""

    duplicate = forms.CharField(
        label=_("Duplicate source"),
        max_length=2000,
        help_text=_("Its number or its address. Its citations move to this source."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    duplicate_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, required=False)

    def clean_duplicate(self):
        source = library.find_source(self.cleaned_data["duplicate"])
        if source is None:
            raise ValidationError(_("No source has this number or address."))
        return source


class EarlierClaimForm(forms.Form):
    """Which claim checked before an editor links to, or copies from (the review panel)."""

    earlier = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    reviewer = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
