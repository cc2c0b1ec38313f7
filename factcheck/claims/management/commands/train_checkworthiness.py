"""manage.py train_checkworthiness: reproduce the shipped weights from the labelled data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.claims import training
from factcheck.claims.extraction.scoring import MODEL_PATH, load_model

# The project root is the parent of the factcheck package; the data sits beside the project.
PROJECT_ROOT = Path(training.__file__).resolve().parent.parent.parent
DEFAULT_DATA = PROJECT_ROOT.parent / "shared" / "data" / "checkworthiness"


def chinese_path(output: Path) -> Path:
    """Where the Chinese model goes: beside the English one, ``<name>-zh.json``."""
    return output.with_name(f"{output.stem}-zh{output.suffix}")


class Command(BaseCommand):
    help = (
        "Train the check-worthiness models (English: readable features and word n-grams; "
        "Chinese: readable features only) on the CheckThat! 2024 train and dev files, "
        "validated and calibrated by grouped cross-validation, and write their weights "
        "(the data itself is never copied)."
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
            help="where to write the English weights (default: the JSON the package ships); "
            "the Chinese weights go beside it as <name>-zh.json",
        )

    def handle(self, *args, data, output, **options):
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
