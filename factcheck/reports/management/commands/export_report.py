"""manage.py export_report ARTICLE_ID... --format FORMAT [-o FILE|DIR] [--all]

With -o DIR the file takes the name the workbench gives the same download (internal
exports end in "-internal"). An archived article is exported only with --all; --all without
ARTICLE_ID exports every article, archived ones included (`--format json --all`: the data
backup that `import_reviews` restores).
"""

import os
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from factcheck.articles.models import Article
from factcheck.reports.pdf import PdfUnavailable
from factcheck.reports.registry import FORMATS, export
from factcheck.reports.selection import ALL, ExportOptions, each_article


class Command(BaseCommand):
    help = (
        "Export articles' reports or data. Reports (html, pdf, md) cover one article; "
        "json and webannotation give a list when several articles are given. Without --all, "
        "reports, ClaimReview and Web Annotation hold the published claims only and CSV/JSON "
        "every claim; with --all, reports hold every accepted claim with its status. "
        "ClaimReview always holds published claims only."
    )

    def add_arguments(self, parser):
        parser.add_argument("article_ids", nargs="*", type=int, metavar="ARTICLE_ID")
        parser.add_argument("--format", required=True, choices=list(FORMATS), dest="fmt")
        parser.add_argument(
            "-o",
            "--output",
            default="-",
            help="file to write, or a folder to write it in under its usual name; "
            "'-' (the default): stdout",
        )
        parser.add_argument(
            "--all",
            action="store_true",
            help="internal: every claim, with its status, and archived articles too; "
            "without ARTICLE_ID, every article",
        )
        parser.add_argument(
            "--base-url",
            default="http://127.0.0.1:8000",
            help="the workbench's address, for the links in ClaimReview and Web Annotation",
        )
        parser.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 BOM")

    def handle(self, *args, article_ids, fmt, output, all, base_url, bom, **options):
        export_format = FORMATS[fmt]
        if not article_ids and not all:
            raise CommandError("Give ARTICLE_ID..., or --all for every article.")
        if article_ids:
            ids = list(dict.fromkeys(article_ids))
        else:
            ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
        found = dict(Article.objects.filter(pk__in=ids).values_list("pk", "archived_at"))
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            raise CommandError(f"No article with id {', '.join(missing)}.")
        archived = [str(pk) for pk in ids if found[pk] is not None]
        if archived and not all:
            raise CommandError(f"Article {', '.join(archived)} is archived: export it with --all.")
        if export_format.report and len(ids) != 1:
            raise CommandError(f"A {fmt} report covers one article: give one ARTICLE_ID.")
        scope = ALL if all else export_format.default_scope
        options_ = ExportOptions(scope=scope, base_url=base_url, bom=bom)
        articles = each_article(Article.objects.filter(pk__in=ids))
        try:
            content = export(fmt, articles, options_, as_list=len(ids) > 1 or not article_ids)
            if output == "-":
                self._to_stdout(content)
            else:
                path = Path(output)
                if path.is_dir():
                    only = Article.objects.get(pk=ids[0]) if len(ids) == 1 else None
                    path = path / export_format.filename(only, scope=scope)
                self._to_file(content, path)
        except PdfUnavailable as exc:
            raise CommandError(str(exc)) from None
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror or exc}") from None

    def _to_stdout(self, content):
        if isinstance(content, bytes):
            buffer = getattr(self.stdout, "buffer", None)  # OutputWrapper passes it through
            if buffer is None or self.stdout.isatty():
                raise CommandError("A PDF is binary: write it to a file with -o FILE.")
            buffer.write(content)
            buffer.flush()
            return
        for piece in [content] if isinstance(content, str) else content:
            self.stdout.write(piece, ending="")

    def _to_file(self, content, path):
        """Write beside the target and rename: a failed export leaves no half file."""
        handle, temporary = tempfile.mkstemp(dir=path.parent or ".", prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                if isinstance(content, bytes):
                    out.write(content)
                else:
                    for piece in [content] if isinstance(content, str) else content:
                        out.write(piece.encode("utf-8"))
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self.stderr.write(f"Wrote {path}")
