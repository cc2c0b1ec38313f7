"""Learning from the desk: the editors' accept and dismiss decisions as labels, a model retrained
on them beside the CheckThat! data and stored as a version, and the one lookup of the model that
proposes claims, `active_model(language)`.

What counts as a label (claims of English articles only: the lab data the model learns from is
English, and so are its features):

- Yes: a claim an editor accepted (open, or any status after it), or created by hand as open;
- No: a claim dismissed as "not check-worthy", "opinion", "not a claim" or "boilerplate" (the
  preset, with or without the note an editor may add after it);
- no label: a claim still suggested (nobody has decided), one dismissed as "duplicate" (another
  claim already says it: its words may well be check-worthy) or with a free-text reason (it
  says nothing we can read about the words).

A fifth of the labels, chosen by a hash of the claim's id (the same claims every time), is held
back: never trained on, it measures the active model and the new one side by side.

Training takes seconds to a minute and holds no transaction; storing a version and activating
one are single inserts. Every version is kept: the active one for a language is the latest
ScorerActivation's, so rolling back is activating an older version (or the shipped model), and
the activations are the audit trail of who put which model to work, and when.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from factcheck.claims import extraction, training
from factcheck.claims.extraction import Model
from factcheck.claims.forms import DismissalReason
from factcheck.claims.models import Claim, ScorerActivation, ScorerVersion

# The language of the lab data, the only one the desk's decisions retrain.
DESK_LANGUAGE = "en"

# Dismissal presets that say the words are not worth checking. "duplicate" is not one of them.
NO_REASONS = frozenset(
    {
        DismissalReason.NOT_CHECKWORTHY.value,
        DismissalReason.OPINION.value,
        DismissalReason.NOT_A_CLAIM.value,
        DismissalReason.BOILERPLATE.value,
    }
)

HELD_BACK_PERCENT = 20


class CannotRetrain(Exception):
    """Retraining was refused (too few labels, no lab data); nothing was stored."""


@dataclass(frozen=True)
class DeskLabel:
    claim_id: int
    text: str
    label: bool

    @property
    def held_back(self) -> bool:
        digest = hashlib.sha256(f"held-back:{self.claim_id}".encode()).digest()
        return int.from_bytes(digest[:8], "big") % 100 < HELD_BACK_PERCENT


def _is_label() -> Q:
    """The rule above, as a filter on claims."""
    not_worth_checking = Q()
    for preset in sorted(NO_REASONS):
        # DismissForm stores "preset: note" when the editor adds a note.
        not_worth_checking |= Q(dismissal_reason__iexact=preset)
        not_worth_checking |= Q(dismissal_reason__istartswith=f"{preset}:")
    return Q(article__language=DESK_LANGUAGE) & (
        Q(status__in=Claim.Status.ACCEPTED)
        | (Q(status=Claim.Status.DISMISSED) & not_worth_checking)
    )


def desk_labels() -> list[DeskLabel]:
    """Every claim that is a label, in claim id order."""
    rows = Claim.objects.filter(_is_label()).order_by("pk").values_list("pk", "text", "status")
    return [DeskLabel(pk, text, status in Claim.Status.ACCEPTED) for pk, text, status in rows]


def label_counts() -> dict[str, int]:
    """How many labels of each kind there are, in one query."""
    return Claim.objects.filter(_is_label()).aggregate(
        yes=Count("pk", filter=Q(status__in=Claim.Status.ACCEPTED)),
        no=Count("pk", filter=Q(status=Claim.Status.DISMISSED)),
    )


def count(labels: list[DeskLabel]) -> dict[str, int]:
    yes = sum(label.label for label in labels)
    return {"yes": yes, "no": len(labels) - yes}


def measure(model: Model, labels: list[DeskLabel]) -> dict[str, Any]:
    """Precision, recall and F1 of the Yes class of `model` (at its own threshold) on `labels`."""
    predicted = [
        extraction.score(label.text, threshold=model.threshold, model=model).checkworthy
        for label in labels
    ]
    true_positive = sum(p and label.label for p, label in zip(predicted, labels, strict=True))
    proposed, actual = sum(predicted), sum(label.label for label in labels)
    precision = true_positive / proposed if proposed else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "decisions": len(labels),
    }


def check_enough(labels: list[DeskLabel]) -> None:
    """CannotRetrain unless there are FACTCHECK_DESK_MIN_LABELS labels, of both classes."""
    needed = settings.FACTCHECK_DESK_MIN_LABELS
    counts = count(labels)
    if len(labels) >= needed and counts["yes"] and counts["no"]:
        return
    raise CannotRetrain(
        _(
            "The desk has %(total)d decisions to learn from (%(yes)d accepted, %(no)d dismissed "
            "as not worth checking); retraining needs at least %(needed)d, with both accepted and "
            "dismissed claims (FACTCHECK_DESK_MIN_LABELS). Nothing was trained."
        )
        % {"total": len(labels), "needed": needed, **counts}
    )


def retrain_from_desk(*, by: Any, data_dir: Path | None = None) -> ScorerVersion:
    """Train on the CheckThat! data plus the desk's labels (but the held-back ones, each weighing
    FACTCHECK_DESK_LABEL_WEIGHT) and store the model as a new, inactive version with its label
    counts and the before/after metrics on the held-back labels.

    Raises CannotRetrain, storing nothing, when there are too few labels or the lab data is
    missing or unreadable."""
    labels = desk_labels()
    check_enough(labels)
    data_dir = Path(data_dir or settings.FACTCHECK_CHECKWORTHINESS_DATA)
    if not data_dir.is_dir():
        raise CannotRetrain(
            _(
                "The CheckThat! data is not at %(path)s: set FACTCHECK_CHECKWORTHINESS_DATA to the "
                "directory holding %(train)s and %(dev)s. Nothing was trained."
            )
            % {"path": data_dir, "train": training.TRAIN_FILE, "dev": training.DEV_FILE}
        )
    weight = float(settings.FACTCHECK_DESK_LABEL_WEIGHT)
    trained = [label for label in labels if not label.held_back]
    held_back = [label for label in labels if label.held_back]
    parent = active_version(DESK_LANGUAGE)
    before = active_model(DESK_LANGUAGE)
    rows = [
        training.Row(f"desk-{label.claim_id}", label.text, label.label, weight=weight)
        for label in trained
    ]
    try:
        result = training.train(data_dir, extra_rows=rows)
    except training.DataError as error:
        raise CannotRetrain(str(error)) from error
    document = result.document
    return ScorerVersion.objects.create(
        language=DESK_LANGUAGE,
        version=result.model.version,
        document=document,
        parent=parent,
        labels={"trained": count(trained), "held_back": count(held_back)},
        metrics={"before": measure(before, held_back), "after": measure(result.model, held_back)},
        label_weight=weight,
        created_by=by,
    )


def summary(version: ScorerVersion) -> list[str]:
    """Three lines on a stored version: its label counts, then the held-back metrics of the model
    that was active when it was trained, and its own."""
    trained, held = version.labels["trained"], version.labels["held_back"]
    return [
        _(
            "%(version)s: trained on %(yes)d accepted and %(no)d dismissed claims (weight "
            "%(weight)g); held back %(held_yes)d accepted and %(held_no)d dismissed."
        )
        % {
            "version": version,
            "weight": version.label_weight,
            "held_yes": held["yes"],
            "held_no": held["no"],
            **trained,
        },
        _("Held back, before (%(model)s): %(metrics)s")
        % {
            "model": version.parent or _("the shipped model"),
            "metrics": _metrics_text(version.metrics["before"]),
        },
        _("Held back, after (this version): %(metrics)s")
        % {"metrics": _metrics_text(version.metrics["after"])},
    ]


def _metrics_text(values: dict[str, Any]) -> str:
    return _("precision %(precision).3f, recall %(recall).3f, F1 %(f1).3f") % values


def activate(version: ScorerVersion | None, *, by: Any, language: str = DESK_LANGUAGE):
    """Put `version` to work for `language` (None: the shipped model); every worker's next
    `active_model` call uses it. Returns the ScorerActivation recording who did it and when."""
    if version is not None and version.language != language:
        raise ValueError(f"scorer version {version.pk} is for {version.language}, not {language}")
    return ScorerActivation.objects.create(language=language, version=version, activated_by=by)


def active_version(language: str) -> ScorerVersion | None:
    """The stored version proposing claims in `language`, or None for the shipped model."""
    latest = ScorerActivation.objects.filter(language=language).select_related("version").first()
    return None if latest is None else latest.version


# language -> ((version id, version string) or None for the shipped model, the model).
_models: dict[str, tuple[tuple[int, str] | None, Model]] = {}


def active_model(language: str) -> Model:
    """The model to score `language` with: the desk-trained version an admin activated, else the
    shipped model. One small query per call tells whether the active version changed since this
    process loaded it, so an activation or rollback reaches every worker without a restart; the
    weights themselves are loaded once per version. Call it once per article, not per sentence.
    An empty language (not detected) is taken as English; "en-GB" as "en"."""
    language = (language or DESK_LANGUAGE).split("-")[0].lower()
    if language != DESK_LANGUAGE:
        return _shipped(language)
    latest = (
        ScorerActivation.objects.filter(language=language)
        .values_list("version_id", "version__version")
        .first()
    )
    # The version string is part of the key: a test database may reuse an id.
    key = None if latest is None or latest[0] is None else (latest[0], latest[1])
    if key is None:
        return _shipped(language)
    cached = _models.get(language)
    if cached is not None and cached[0] == key:
        return cached[1]
    document = ScorerVersion.objects.values_list("document", flat=True).get(pk=key[0])
    model = Model.from_dict(document)
    _models[language] = (key, model)
    return model


def _shipped(language: str) -> Model:
    """The model the package ships for `language` (loaded once by extraction)."""
    return extraction.model_for(language)
