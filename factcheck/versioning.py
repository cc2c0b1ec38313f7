"""Versioned changes: lock the row, check the version the user started from, change it, bump
the version, and record who made the change and why in its history.

Every write to a claim or a review goes through these few functions (claims.editing,
claims.status, reviews.reviewing, reviews.workflow), so no edit is ever silently lost: a user
whose page was built from version 4 of a row that is now at version 5 gets a Conflict carrying
the row as it is now, and nothing is written.

Rows are locked with SELECT ... FOR UPDATE inside the caller's transaction (the functions that
call these are `@transaction.atomic`). Several rows are locked in primary-key order, so two
requests locking the same rows cannot deadlock. A claim is always locked before its reviews.

This module is neutral: it imports no app, so every app may use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

M = TypeVar("M", bound=models.Model)

# django-simple-history's change-reason column is this wide.
REASON_LENGTH = 100


class Conflict(Exception):
    """What the user edited changed since they loaded it; nothing was written.

    `current` is the object as it is now, so the user can compare it with their version.
    """

    def __init__(self, current: Any, message: str | Promise | None = None) -> None:
        super().__init__(
            message or _("This claim was changed by someone else since you loaded it.")
        )
        self.current = current


def lock(
    queryset: models.QuerySet[M],
    pk: Any,
    *,
    expected_version: int | None = None,
    message: str | Promise | None = None,
) -> M:
    """The row `pk` of `queryset`, reloaded under a row lock.

    Raises Conflict (with `message`) when `expected_version` is given and the row's version
    moved on; the model's DoesNotExist when there is no such row.
    """
    current = queryset.select_for_update(of=("self",)).get(pk=pk)
    if expected_version is not None and current.version != expected_version:  # type: ignore[attr-defined]
        raise Conflict(current, message)
    return current


def lock_each(queryset: models.QuerySet[M]) -> list[M]:
    """Every row of `queryset`, locked in primary-key order (so that two requests locking the
    same rows cannot deadlock), returned in that order."""
    return list(queryset.select_for_update(of=("self",)).order_by("pk"))


def _record(obj: models.Model, by: Any, reason: str) -> None:
    obj._history_user = by  # type: ignore[attr-defined]
    obj._change_reason = reason[:REASON_LENGTH]  # type: ignore[attr-defined]


def save_change(obj: M, *, by: Any, reason: str = "", fields: Sequence[str] | None = None) -> M:
    """Save `obj` with who (`by`) and why (`reason`) in its history, and return it.

    With `fields` (a row the caller locked and changed), only those fields are written, and the
    version of a versioned model moves on by one: the row being locked, the increment cannot
    race. Without `fields`, the whole row is saved as it is (a new row keeps its version).
    """
    _record(obj, by, reason)
    if fields is None:
        obj.save()
        return obj
    written = list(fields)
    if hasattr(obj, "version"):
        obj.version += 1
        written.append("version")
    if any(field.name == "updated_at" for field in obj._meta.concrete_fields):
        written.append("updated_at")
    obj.save(update_fields=list(dict.fromkeys(written)))
    return obj


def delete_row(obj: models.Model, *, by: Any, reason: str = "") -> None:
    """Delete `obj`, recording who deleted it and why in its history."""
    _record(obj, by, reason)
    obj.delete()


def save_each(objs: Iterable[M], *, by: Any, reason: str, fields: Sequence[str]) -> list[M]:
    """`save_change` for each of `objs` (rows the caller locked)."""
    return [save_change(obj, by=by, reason=reason, fields=fields) for obj in objs]
