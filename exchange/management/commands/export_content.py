from django.core.management.base import BaseCommand

from exchange.backup import export_json


class Command(BaseCommand):
    help = (
        "Export all content (every language, translation states, stable keys) as one JSON "
        "file; import it with import_content. The same database gives the same bytes."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write (default: standard output)")
        parser.add_argument(
            "--public", action="store_true", help="only published content, no reviewer names"
        )

    def handle(self, *args, path=None, public=False, **options):
        text = export_json(published_only=public, include_people=not public)
        if path:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"Exported to {path}")
        else:
            self.stdout.write(text, ending="")
