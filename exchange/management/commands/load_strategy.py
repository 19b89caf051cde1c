from pathlib import Path

from django.core.management.base import BaseCommand

from exchange.loader import fixture_files, load_strategy


class Command(BaseCommand):
    help = (
        "Load the strategy content from fixtures/ into the database. Safe to run again: "
        "it never overwrites what staff edited in the admin and never restores what they deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", type=Path, help="content files (default: fixtures/*.json)"
        )

    def handle(self, *args, files, **options):
        report = load_strategy(files or fixture_files())
        self.stdout.write(self.style.SUCCESS(f"Content loaded: {report.summary()}"))
        for item in report.kept_staff_edits:
            self.stdout.write(f"  kept staff edit: {item}")
        for item in report.skipped_deleted:
            self.stdout.write(f"  not restored (deleted by staff): {item}")
