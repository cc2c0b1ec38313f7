"""The languages the workbench knows an article may be written in: those its sentence splitting
and figures read (English; Chinese and Japanese; Arabic and Hindi sentence ends), as ISO 639
codes, the form the importer detects them in (ingest.language)."""

from django.utils.translation import gettext_lazy as _

LANGUAGES = [
    ("en", _("English")),
    ("zh", _("Chinese")),
    ("ja", _("Japanese")),
    ("ar", _("Arabic")),
    ("hi", _("Hindi")),
]


def language_label(code):
    """ "Chinese (zh)" for a code the workbench knows, the bare code for another one the
    detector found, "" for none."""
    name = dict(LANGUAGES).get(code)
    return f"{name} ({code})" if name else code
