from django.core.management.base import BaseCommand, CommandError

from content.languages import target_languages
from exchange.translation_rounds import export_po


class Command(BaseCommand):
    help = (
        "Export every text that is missing or outdated in one language as a gettext PO file "
        "(for a translation agency or tool); import it with import_translations."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=target_languages())
        parser.add_argument("path", nargs="?", help="file to write (default: standard output)")

    def handle(self, *args, language, path=None, **options):
        try:
            po = export_po(language)
        except ValueError as error:
            raise CommandError(str(error)) from error
        if path:
            po.save(path)
            self.stderr.write(f"{len(po)} texts to translate into {language}: {path}")
        else:
            self.stdout.write(str(po), ending="")
