import json

from django.core.exceptions import ObjectDoesNotExist
from django.core.management.base import BaseCommand, CommandError

from exchange.backup import import_data


class Command(BaseCommand):
    help = "Import a JSON file written by export_content (objects are matched by key)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            count = import_data(data)
        except (OSError, ValueError, KeyError, LookupError, ObjectDoesNotExist) as error:
            raise CommandError(f"Cannot import {path}: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Imported {count} objects from {path}"))
