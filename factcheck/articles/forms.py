from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

FORMAT_CHOICES = [
    ("auto", _("Detect automatically")),
    ("txt", _("Plain text")),
    ("md", _("Markdown")),
    ("html", _("HTML")),
    ("docx", _("Word document (.docx)")),
]


class ArticleImportForm(forms.Form):
    """One article from pasted text, an uploaded file or a web address, with optional metadata
    that overrides what the importer detects."""

    text = forms.CharField(
        label=_("Article text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=_("Paste the article here, or upload a file, or give its web address."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("Text, Markdown, HTML or Word (.docx). Drop a file here or choose one."),
    )
    url = forms.URLField(
        label=_("Web address"),
        required=False,
        assume_scheme="https",
        help_text=_("Fetched when no text or file is given; otherwise stored as the source."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=FORMAT_CHOICES, initial="auto")
    title = forms.CharField(label=_("Title"), required=False, max_length=500)
    outlet = forms.CharField(label=_("Outlet"), required=False, max_length=200)
    author = forms.CharField(label=_("Author"), required=False, max_length=200)
    published_at = forms.DateTimeField(
        label=_("Published"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"],
    )

    def clean_url(self):
        url = self.cleaned_data["url"]
        if url and not url.lower().startswith(("http://", "https://")):
            raise ValidationError(_("Only http and https addresses can be imported."))
        return url

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload is None:
            return upload
        if any(separator in upload.name for separator in ("/", "\\")) or ".." in upload.name:
            raise ValidationError(_("The file name must not contain a path."))
        limit = settings.FACTCHECK_MAX_ARTICLE_BYTES
        if upload.size > limit:
            raise ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s bytes."),
                params={"size": f"{upload.size:,}", "limit": f"{limit:,}"},
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        sources = [bool(cleaned.get("text", "").strip()), cleaned.get("file") is not None]
        if sum(sources) > 1:
            raise ValidationError(_("Paste text or upload a file, not both."))
        if not any(sources) and not cleaned.get("url") and not self.errors:
            raise ValidationError(_("Paste the article's text, upload a file or give its address."))
        return cleaned

    @property
    def fetches_url(self):
        return not self.cleaned_data.get("text", "").strip() and not self.cleaned_data.get("file")

    def content(self):
        """Return (bytes, file name) of the pasted text or the upload; None when fetching."""
        if self.cleaned_data.get("file"):
            upload = self.cleaned_data["file"]
            return upload.read(settings.FACTCHECK_MAX_ARTICLE_BYTES + 1), upload.name
        if self.cleaned_data.get("text", "").strip():
            return self.cleaned_data["text"].encode("utf-8"), ""
        return None

    def overrides(self):
        return {
            field: self.cleaned_data.get(field)
            for field in ("title", "url", "outlet", "author", "published_at")
        }
