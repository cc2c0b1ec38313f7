"""One move applied to each of several claims, each refusal reported with its claim.

The claims list's bulk actions and the admin's actions both run their moves through `apply()`, so
a claim the move does not apply to (publishing an unresolved claim, say) is refused with its own
message while the others go ahead. Each move runs in its own transaction (the workflow and
editing functions are atomic); assigning is one call for all the assignable claims, so each
reviewer gets one e-mail listing their new claims.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from factcheck.claims import editing
from factcheck.claims.models import Claim
from factcheck.reviews import assignments, workflow

# The moves a selection of claims can be given, with the label the user reads.
ACTIONS = {
    "assign": gettext_lazy("Assign to reviewers"),
    "accept": gettext_lazy("Accept"),
    "dismiss": gettext_lazy("Dismiss"),
    "publish": gettext_lazy("Publish"),
}


@dataclass
class BulkReport:
    """What a bulk move did: the claims changed, and per refused claim its message."""

    action_label: str
    done: list[Any] = field(default_factory=list)
    refused: list[tuple[Claim, str]] = field(default_factory=list)
    missing: list[int] = field(default_factory=list)  # ids of claims that do not exist
    assignments: list[Any] = field(default_factory=list)  # the new assignments ("assign")

    def summary(self) -> str:
        parts = [
            ngettext(
                "%(action)s: %(count)d claim done.",
                "%(action)s: %(count)d claims done.",
                len(self.done),
            )
            % {"action": self.action_label, "count": len(self.done)}
        ]
        if self.refused:
            parts.append(
                ngettext("%(count)d refused.", "%(count)d refused.", len(self.refused))
                % {"count": len(self.refused)}
            )
        if self.missing:
            parts.append(missing_message(self.missing))
        return " ".join(parts)


def missing_message(missing: list[int]) -> str:
    return ngettext(
        "%(count)d selected claim does not exist (id %(ids)s): ignored.",
        "%(count)d selected claims do not exist (ids %(ids)s): ignored.",
        len(missing),
    ) % {"count": len(missing), "ids": ", ".join(map(str, missing))}


def refusal(exc: ValidationError | PermissionDenied) -> str:
    """The message a refused move gives the user."""
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def each(claims: Iterable[Claim], report: BulkReport, move: Callable[[Claim], Any]) -> BulkReport:
    """Run `move(claim)` on each claim; a refusal is recorded with its claim, the rest go on."""
    for claim in claims:
        try:
            report.done.append(move(claim))
        except (ValidationError, PermissionDenied) as exc:
            report.refused.append((claim, refusal(exc)))
    return report


def _assign(claims: list[Claim], report: BulkReport, reviewers, *, by, due_on=None) -> None:
    assignable = [claim for claim in claims if claim.is_assignable]
    for claim in claims:
        if not claim.is_assignable:
            message = _(
                "Only accepted claims that are not resolved yet can be assigned; "
                "this one is %(status)s."
            ) % {"status": claim.get_status_display().lower()}
            report.refused.append((claim, message))
    if assignable:
        # One call, so each reviewer gets one e-mail listing all their new claims. A reviewer
        # who cannot be assigned refuses the whole assignment (ValidationError, raised).
        report.assignments = assignments.assign(assignable, reviewers, by=by, due_on=due_on)
        report.done.extend(assignable)


def apply(action: str, claims: Iterable[Claim], *, by, reviewers=(), reason="", due_on=None):
    """Carry out `action` (a key of ACTIONS) on each of `claims`; return a BulkReport.

    `reviewers` (and `due_on`) are for "assign", `reason` for "dismiss". Raises ValidationError
    only when the whole action is refused (a reviewer who cannot be assigned)."""
    claims = list(claims)
    report = BulkReport(str(ACTIONS[action]))
    if action == "assign":
        _assign(claims, report, list(reviewers), by=by, due_on=due_on)
    elif action == "accept":
        each(claims, report, lambda claim: editing.accept(claim, by=by))
    elif action == "dismiss":
        each(claims, report, lambda claim: editing.dismiss(claim, by=by, reason=reason))
    elif action == "publish":
        each(claims, report, lambda claim: workflow.publish(claim, by=by))
    else:
        raise KeyError(action)
    return report
