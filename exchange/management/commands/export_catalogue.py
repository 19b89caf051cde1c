from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.catalogue import export
from exchange.catalogue_files import FileProblem, kind_of


class Command(BaseCommand):
    help = (
        "Export the catalogue of measures as CSV or XLSX, in exactly the format that "
        "import_catalogue reads (rows ordered by key)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="FILE.csv or FILE.xlsx")

    def handle(self, *args, path, **options):
        try:
            kind = kind_of(path)
        except FileProblem as problem:
            raise CommandError(str(problem)) from problem
        data = export(kind)
        try:
            Path(path).write_bytes(data)
        except OSError as error:
            raise CommandError(f"Cannot write {path}: {error}") from error
        self.stderr.write(f"Exported to {path}")
