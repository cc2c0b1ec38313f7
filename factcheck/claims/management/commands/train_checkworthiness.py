"""manage.py train_checkworthiness: reproduce the shipped weights from the labelled data; with
--from-desk, retrain on it plus the desk's decisions and store the result as a scorer version
(claims.scorers), which --rollback activates and --list shows."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from factcheck.claims import scorers, training
from factcheck.claims.extraction.scoring import MODEL_PATH, load_model
from factcheck.claims.models import ScorerActivation, ScorerVersion


def chinese_path(output: Path) -> Path:
    """Where the Chinese model goes: beside the English one, ``<name>-zh.json``."""
    return output.with_name(f"{output.stem}-zh{output.suffix}")


class Command(BaseCommand):
    help = (
        "Train the check-worthiness models (English: readable features and word n-grams; "
        "Chinese: readable features only) on the CheckThat! 2024 train and dev files, "
        "validated and calibrated by grouped cross-validation, and write their weights "
        "(the data itself is never copied). With --from-desk, add the desk's accept/dismiss "
        "decisions and store a scorer version instead."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=None,
            help=f"directory holding {training.TRAIN_FILE} and {training.DEV_FILE} "
            "(default: settings.FACTCHECK_CHECKWORTHINESS_DATA, "
            "../shared/data/checkworthiness from the project root)",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=MODEL_PATH,
            help="where to write the English weights (default: the JSON the package ships); "
            "the Chinese weights go beside it as <name>-zh.json",
        )
        desk = parser.add_mutually_exclusive_group()
        desk.add_argument(
            "--from-desk",
            action="store_true",
            help="also learn from the desk's accepted and dismissed claims; store the model as a "
            "new scorer version and print its F1 before and after on held-back decisions",
        )
        desk.add_argument(
            "--rollback",
            metavar="VERSION",
            help="activate a stored scorer version (its id, from --list) or 'shipped'",
        )
        desk.add_argument(
            "--list",
            action="store_true",
            dest="list_versions",
            help="list the stored scorer versions and the latest activations",
        )
        parser.add_argument(
            "--activate",
            action="store_true",
            help="with --from-desk: put the new version to work at once",
        )

    def handle(self, *args, data, output, from_desk, rollback, list_versions, activate, **options):
        if activate and not from_desk:
            raise CommandError("--activate goes with --from-desk")
        if from_desk:
            self.train_from_desk(data, activate=activate)
        elif rollback:
            self.rollback(rollback)
        elif list_versions:
            self.list_versions()
        else:
            self.train(data or settings.FACTCHECK_CHECKWORTHINESS_DATA, output)

    def train(self, data, output):
        try:
            english = training.train(data)
            chinese = training.train_chinese(data)
        except training.DataError as error:
            raise CommandError(str(error)) from error
        written = []
        for result, path in ((english, output), (chinese, chinese_path(output))):
            try:
                training.write_model(result.document, path)
            except OSError as error:
                raise CommandError(f"cannot write {path}: {error.strerror or error}") from error
            written.append(path)
        load_model.cache_clear()
        for result, path in zip((english, chinese), written, strict=True):
            validation = result.validation
            pooled = validation.pooled
            self.stdout.write(
                f"{result.model.version}: grouped CV F1 {validation.f1_mean:.3f} "
                f"(precision {pooled.precision:.3f}, recall {pooled.recall:.3f}) "
                f"at threshold {validation.threshold:g}; "
                f"{len(result.model.weights) + len(result.model.ngrams)} weights written to {path}"
            )

    def train_from_desk(self, data, *, activate):
        try:
            version = scorers.retrain_from_desk(by=None, data_dir=data)
        except scorers.CannotRetrain as error:
            raise CommandError(str(error)) from error
        for line in scorers.summary(version):
            self.stdout.write(line)
        if activate:
            scorers.activate(version, by=None)
            self.stdout.write(f"Scorer version {version.pk} is now active.")
        else:
            self.stdout.write(
                f"Scorer version {version.pk} is stored, not active: activate it in the admin "
                f"or with --rollback {version.pk}."
            )

    def rollback(self, target):
        version = None
        if target != "shipped":
            versions = ScorerVersion.objects.filter(language=scorers.DESK_LANGUAGE)
            version = versions.filter(pk=int(target)).first() if target.isdigit() else None
            if version is None:
                raise CommandError(f"there is no scorer version {target!r} (see --list)")
        scorers.activate(version, by=None)
        self.stdout.write(f"Now active: {version or 'the shipped model'}.")

    def list_versions(self):
        active = scorers.active_version(scorers.DESK_LANGUAGE)
        versions = ScorerVersion.objects.select_related("parent")
        for version in versions.filter(language=scorers.DESK_LANGUAGE):
            marker = "*" if active is not None and active.pk == version.pk else " "
            self.stdout.write(f"{marker} {scorers.summary(version)[0]}")
        if active is None:
            self.stdout.write("* the shipped model")
        activations = ScorerActivation.objects.select_related("version", "activated_by")
        for activation in activations.filter(language=scorers.DESK_LANGUAGE)[:10]:
            who = activation.activated_by or "a command"
            when = f"{timezone.localtime(activation.activated_at):%Y-%m-%d %H:%M}"
            self.stdout.write(f"activated {when} by {who}: {activation}")
