from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from exchange.catalogue import import_file


class Command(BaseCommand):
    help = (
        "Import the catalogue of measures from a CSV or XLSX file (docs/katalog-import.md): "
        "one row per measure, by key. A file with any bad row changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="FILE.csv or FILE.xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="only check and show what would change"
        )

    def handle(self, *args, path, dry_run=False, **options):
        file = Path(path)
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(
                _("The file %(name)s cannot be read: %(error)s") % {"name": path, "error": error}
            ) from error
        with translation.override(settings.LANGUAGE_CODE):  # the answer is German
            result = import_file(file.name, data, dry_run=dry_run)
            for note in result.notes:
                self.stderr.write(note)
            if result.problems:
                raise CommandError(
                    "\n".join([_("Nothing was imported."), *(str(p) for p in result.problems)])
                )
            for row in result.new:
                self.stdout.write(_("new: %(key)s") % {"key": row.measure.key})
            for row in result.changed:
                changed = {"key": row.measure.key, "columns": ", ".join(row.changed)}
                self.stdout.write(_("changed: %(key)s (%(columns)s)") % changed)
            counts = {
                "new": len(result.new),
                "changed": len(result.changed),
                "unchanged": len(result.unchanged),
                "name": file.name,
            }
            if dry_run:
                done = _("Dry run: %(new)s new, %(changed)s changed, %(unchanged)s unchanged.")
            else:
                done = _(
                    "Imported from %(name)s: %(new)s new, %(changed)s changed, "
                    "%(unchanged)s unchanged."
                )
            self.stdout.write(self.style.SUCCESS(done % counts))
