"""Making, finding and revoking API tokens: the account page, the admin and the tests call these.

A token is `fc_<prefix>_<secret>`. The prefix (12 hex digits) is stored as it is and finds the
row; the secret (32 random bytes, URL-safe base64) is stored only as its SHA-256 hash and is
compared in constant time. The whole token is returned once, by `create_token`, and never again.
"""

import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from factcheck.api.models import ApiToken

TOKEN_PATTERN = re.compile(r"^fc_(?P<prefix>[0-9a-f]{12})_(?P<secret>[A-Za-z0-9_-]{43})$")
# A token-looking string anywhere (in an address, say).
TOKEN_ANYWHERE = re.compile(r"fc_[0-9a-f]{12}_[A-Za-z0-9_-]{20,}")
# last_used_at is written at most this often, not on every request.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def _hash(secret):
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def create_token(user, *, name, scope, expires_at=None, by):
    """A new token for `user`, and its secret text, which is shown once and kept nowhere.

    Users make their own tokens; admins may make one for anyone."""
    if by != user and not by.is_admin:
        raise PermissionDenied(_("You may create tokens only for yourself."))
    if not user.is_active:
        raise ValidationError(_("A deactivated account cannot have tokens."))
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Give the token a name, to recognise it later."))
    if scope not in ApiToken.Scope.values:
        raise ValidationError(_("A token is read-only or read-write."))
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError(_("The expiry must be in the future."))
    prefix = secrets.token_hex(6)
    while ApiToken.objects.filter(prefix=prefix).exists():
        prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        secret_hash=_hash(secret),
        scope=scope,
        expires_at=expires_at,
    )
    return token, f"fc_{prefix}_{secret}"


@transaction.atomic
def revoke_token(token, *, by):
    """Revoke `token` (its owner or an admin may); revoking it again changes nothing."""
    if by != token.user and not by.is_admin:
        raise PermissionDenied(_("You may revoke only your own tokens."))
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def find_token(text):
    """The token whose full text is `text`, whatever its state, or None when there is none.

    The caller decides what an expired or revoked token means."""
    match = TOKEN_PATTERN.match(text or "")
    if match is None:
        return None
    token = ApiToken.objects.select_related("user").filter(prefix=match["prefix"]).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(match["secret"])):
        return None
    return token


def mark_used(token, now=None):
    """Record that `token` was used: one write a minute at most, not one per request."""
    now = now or timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
