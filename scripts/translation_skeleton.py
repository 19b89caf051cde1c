#!/usr/bin/env python
"""Write fixtures/strategie.<lang>.json skeletons: every translatable German text of
fixtures/strategie.de.json, to be replaced by its translation.

usage: DJANGO_LOCAL=1 .venv/bin/python scripts/translation_skeleton.py en tr ar …
"""

import json
import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hannover_strategy.settings")
django.setup()

from django.apps import apps  # noqa: E402
from modeltranslation.translator import translator  # noqa: E402

BASE = Path(__file__).resolve().parent.parent / "fixtures"


def main(languages):
    source = json.loads((BASE / "strategie.de.json").read_text(encoding="utf-8"))
    for language in languages:
        objects = []
        for entry in source["objects"]:
            model = apps.get_model(entry["model"])
            fields = translator.get_options_for_model(model).fields
            texts = {
                name: value
                for name, value in entry["fields"].items()
                if name in fields and isinstance(value, str) and value.strip()
            }
            if texts:
                objects.append({"model": entry["model"], "key": entry["key"], "fields": texts})
        data = {
            "language": language,
            "translation_state": "machine",
            "about": "Translation of strategie.de.json produced by the portal team; "
            "not reviewed by the city.",
            "objects": objects,
        }
        path = BASE / f"strategie.{language}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(path, len(objects), "objects")


if __name__ == "__main__":
    main(sys.argv[1:])
