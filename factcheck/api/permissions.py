"""Who may call what. Object-level rules stay in the access helpers and the visibility module,
which the endpoints call as the views do; these are the gates before them."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions

from factcheck.api.models import ApiToken

IsAuthenticated = permissions.IsAuthenticated


class TokenScope(permissions.BasePermission):
    """A read-only token reads: any other method is refused with 403. Session requests and
    read-write tokens pass (the user's own role decides next)."""

    message = _("This token is read-only: create a read-write token to make changes.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        token = request.auth
        return not isinstance(token, ApiToken) or token.can_write


class IsEditor(permissions.BasePermission):
    """Editors and admins: the rule of accounts.access.require_editor."""

    message = _("Only editors may do this.")

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and user.is_active and user.is_editor)
