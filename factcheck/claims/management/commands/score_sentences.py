"""manage.py score_sentences: one sentence a line in, one JSON object a line out."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from factcheck.claims.extraction import model_for, score


class Command(BaseCommand):
    help = (
        "Score sentences for check-worthiness, one per line (blank lines are skipped), printing "
        "one JSON object per line: text, checkworthiness, checkworthy, kind, reasons."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="a text file, or - for stdin")
        parser.add_argument(
            "--language",
            default="en",
            help="the language of the sentences, which picks the model (default: en; zh and ja "
            "use the Chinese model)",
        )

    def handle(self, *args, file, language, **options):
        if file == "-":
            lines = sys.stdin.read().splitlines()
        else:
            try:
                with open(file, encoding="utf-8") as handle:
                    lines = handle.read().splitlines()
            except OSError as error:
                raise CommandError(f"cannot read {file}: {error.strerror or error}") from error
            except UnicodeDecodeError as error:
                raise CommandError(f"{file} is not UTF-8 text") from error
        model = model_for(language)
        for line in lines:
            text = line.strip()
            if not text:
                continue
            result = score(text, model=model)
            record = {
                "text": text,
                "checkworthiness": result.checkworthiness,
                "checkworthy": result.checkworthy,
                "kind": result.kind,
                "reasons": result.reasons,
            }
            self.stdout.write(json.dumps(record, ensure_ascii=False))
