"""manage.py train_checkworthiness: reproduce checkworthiness.json from the labelled data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.claims import training
from factcheck.claims.extraction.scoring import MODEL_PATH, load_model

# The project root is the parent of the factcheck package; the data sits beside the project.
PROJECT_ROOT = Path(training.__file__).resolve().parent.parent.parent
DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "data" / "checkworthiness"


class Command(BaseCommand):
    help = (
        "Train the check-worthiness model on the CheckThat! 2024 train file, tune its threshold "
        "on the dev file and write the weights (the data itself is never copied)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data",
            type=Path,
            default=DEFAULT_DATA,
            help=f"directory holding {training.TRAIN_FILE} and {training.DEV_FILE} "
            "(default: ../shared/data/checkworthiness from the project root)",
        )
        parser.add_argument(
            "--output",
            type=Path,
            default=MODEL_PATH,
            help="where to write the weights (default: the JSON the package ships)",
        )

    def handle(self, *args, data, output, **options):
        try:
            result = training.train(data)
        except training.DataError as error:
            raise CommandError(str(error)) from error
        try:
            training.write_model(result.document, output)
        except OSError as error:
            raise CommandError(f"cannot write {output}: {error.strerror or error}") from error
        if Path(output).resolve() == MODEL_PATH:
            load_model.cache_clear()
        dev = result.dev
        self.stdout.write(
            f"dev: precision {dev.precision:.3f} recall {dev.recall:.3f} F1 {dev.f1:.3f} "
            f"at threshold {dev.threshold:g} ({dev.support} check-worthy sentences); "
            f"{len(result.model.weights)} weights written to {output}"
        )
