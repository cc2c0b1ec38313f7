"""Role gates every app may use: the rule for "only editors (and admins) may do this" is here."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


def require_editor(user, message=None):
    """A gate: PermissionDenied unless `user` is an active editor (or admin)."""
    if user is None or not user.is_active or not user.is_editor:
        raise PermissionDenied(message or _("Only editors may do this."))
