"""Source URLs: only http(s), and one spelling per document so a source is reused, not copied."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

http_url_validator = URLValidator(
    schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://.")
)

_TRACKING_PARAMS = {"fbclid", "gclid", "mc_cid", "mc_eid", "ref_src"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def validate_source_url(value):
    """Model/form validator: the value must normalise (http(s), a host, no credentials)."""
    normalize_url(value)


def normalize_url(url):
    """Lower-case the scheme and host, drop default ports, fragments and tracking parameters.

    The path and the remaining query keep their case and order: they can matter to the server.
    Raises ValidationError for anything that is not an http(s) URL.
    """
    url = (url or "").strip()
    http_url_validator(url)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if not host:
        raise ValidationError(_("Enter a web address with a host name."))
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    if parts.username:
        raise ValidationError(_("Web addresses with a user name or password are not accepted."))
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith("utm_") and key.lower() not in _TRACKING_PARAMS
        ]
    )
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))
