from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from exchange.translation_rounds import import_po


class Command(BaseCommand):
    help = (
        "Fill translations from a PO file made by export_translations: all or nothing; "
        "every unknown id, changed German text or broken markup is listed."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="the PO file")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                content = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{path}: {error}") from error
        with translation.override(settings.SOURCE_LANGUAGE):
            outcome = import_po(content)
            if outcome.problems:
                for problem in outcome.problems:
                    self.stderr.write(problem)
                raise CommandError(
                    f"{len(outcome.problems)} problem(s) in {path}: nothing was changed."
                )
        self.stdout.write(
            f"{outcome.texts} texts of {outcome.entries} entries filled in "
            f"({outcome.language}, marked translated, not reviewed)."
        )
