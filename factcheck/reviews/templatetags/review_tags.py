import secrets

from django import template

register = template.Library()


@register.simple_tag
def submission_key():
    """A fresh random key for a form whose repeated submission must create one row only."""
    return secrets.token_hex(16)
