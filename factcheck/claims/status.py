"""The claim status machine: which moves exist and who may make them, as data.

The table lives in the claims app so that both the editor's claim tools (claims.editing) and the
review workflow (reviews.workflow) can use it without the claims app importing reviews. The moves
that depend on reviews (assigning, submitting, resolving) are carried out by reviews.workflow;
this module only knows the table and how to record one move on a claim row.

An EDITOR move is one an editor (or admin) makes on purpose. An AUTOMATIC move is one the
workflow makes as a consequence of something else (the first assignment, reviews that disagree,
a panel vote): nobody asks for it directly.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from factcheck import versioning
from factcheck.claims.models import Claim

EDITOR = "editor"
AUTOMATIC = "automatic"

S = Claim.Status


@dataclass(frozen=True)
class Move:
    source: str
    target: str
    name: str
    by: frozenset  # EDITOR and/or AUTOMATIC


def _move(source, target, name, *by):
    return Move(source, target, name, frozenset(by))


MOVES = [
    _move(S.SUGGESTED, S.OPEN, "accept", EDITOR),
    _move(S.SUGGESTED, S.DISMISSED, "dismiss", EDITOR),
    _move(S.OPEN, S.DISMISSED, "dismiss", EDITOR),
    _move(S.DISMISSED, S.OPEN, "restore", EDITOR),
    # Undoing the editor's last accept or dismissal of a suggested claim (claims.editing.undo,
    # which checks in the claim's history that nothing happened since). Undoing a dismissal of
    # an open claim is "restore", and undoing a restore is "dismiss".
    _move(S.OPEN, S.SUGGESTED, "undo", EDITOR),
    _move(S.DISMISSED, S.SUGGESTED, "undo", EDITOR),
    # The first assignment (or a submitted review under FACTCHECK_OPEN_REVIEW) starts the review;
    # removing the last assignment of a claim nobody has submitted on gives it back.
    _move(S.OPEN, S.IN_REVIEW, "start_review", AUTOMATIC),
    _move(S.IN_REVIEW, S.OPEN, "stop_review", AUTOMATIC),
    # Submitted reviews that disagree make a dispute; a review reopened by its author can end it.
    _move(S.IN_REVIEW, S.DISPUTED, "dispute", AUTOMATIC),
    _move(S.DISPUTED, S.IN_REVIEW, "settle", AUTOMATIC),
    # The editor resolves; under the panel rule two of three agreeing reviewers do.
    _move(S.IN_REVIEW, S.RESOLVED, "resolve", EDITOR, AUTOMATIC),
    _move(S.DISPUTED, S.RESOLVED, "resolve", EDITOR, AUTOMATIC),
    _move(S.RESOLVED, S.PUBLISHED, "publish", EDITOR),
    # Reopening goes back to review, as disputed when the submitted reviews disagree.
    _move(S.RESOLVED, S.IN_REVIEW, "reopen", EDITOR),
    _move(S.RESOLVED, S.DISPUTED, "reopen", EDITOR),
    _move(S.PUBLISHED, S.IN_REVIEW, "reopen", EDITOR),
    _move(S.PUBLISHED, S.DISPUTED, "reopen", EDITOR),
]

TRANSITIONS = {(move.source, move.target): move for move in MOVES}


def find_move(source, target):
    """The move from `source` to `target`, or None when the table has none."""
    return TRANSITIONS.get((source, target))


def may_make(user, move):
    """May `user` ask for `move`? Only editor moves can be asked for, and only by editors."""
    return (
        move is not None
        and EDITOR in move.by
        and user is not None
        and getattr(user, "is_editor", False)
    )


def can_transition(claim, target, user):
    """Whether `user` may move `claim` to `target` now, as far as the table and roles say.

    Moves with further conditions (resolving needs a submitted review, a verdict and a
    rationale) can still be refused by the function that carries them out.
    """
    return may_make(user, find_move(claim.status, target))


def check_move(claim, target, *, by, automatic=False):
    """Return the move from the claim's status to `target`, or refuse it.

    PermissionDenied when `by` may not make it (an automatic move cannot be asked for);
    ValidationError when the table has no such move from where the claim stands.
    """
    move = find_move(claim.status, target)
    if not automatic and not getattr(by, "is_editor", False):
        raise PermissionDenied(_("Only editors may change a claim's status."))
    if move is None or (AUTOMATIC if automatic else EDITOR) not in move.by:
        if move is not None:
            raise ValidationError(describe_automatic(target))
        raise ValidationError(
            _("A claim that is %(status)s cannot become %(target)s.")
            % {
                "status": claim.get_status_display().lower(),
                "target": Claim.Status(target).label.lower(),
            }
        )
    return move


def describe_automatic(target):
    messages = {
        S.IN_REVIEW: _("A claim goes into review when it is first assigned to a reviewer."),
        S.OPEN: _("A claim goes back to open when its last reviewer is unassigned."),
        S.DISPUTED: _("A claim becomes disputed when its submitted reviews disagree."),
    }
    return messages.get(target, _("This change of status happens automatically."))


def move_claim(claim, target, *, by, reason, automatic=False, fields=()):
    """Record one move of a claim whose row the caller has locked: status, version, history.

    `fields` are other fields the caller changed and wants saved with the move. A move into or
    out of the reviewable statuses also opens or closes the claim's assignments (their
    `claim_open`, which reviewers' queues are read from), in the same transaction; through the
    reverse relation, so that claims need not import reviews.
    """
    check_move(claim, target, by=by, automatic=automatic)
    was_open = claim.status in S.REVIEWABLE
    claim.status = target
    saved = versioning.save_change(claim, by=by, reason=reason, fields=["status", *fields])
    if (target in S.REVIEWABLE) != was_open:
        claim.assignments.update(claim_open=not was_open)
    return saved
