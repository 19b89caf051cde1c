"""The whole strategy paper reaches the German pages, verbatim, from the database."""

import html
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from modeltranslation.fields import TranslationField

from content.models import content_models
from tests.support import LANGUAGES, pages_in

pytestmark = pytest.mark.django_db

SOURCE = Path(settings.BASE_DIR) / "fixtures" / "source" / "strategiepapier-zusammenfassung.txt"
# Keys, and addresses, which pages use as link targets, not as text (their links are
# checked where they are shown: the editorial source below, a council document's link in
# tests/test_umsetzung_documents.py).
NOT_SHOWN_AS_TEXT = {"key", "editorial_source_url", "url"}


def source_lines() -> list[str]:
    """Each non-empty line of the paper's summary with its Markdown markers removed."""
    lines = []
    for raw in SOURCE.read_text(encoding="utf-8").splitlines():
        line = raw.replace("**", "").strip()
        line = re.sub(r"^(?:[-*]\s+|\d+\.\s+)", "", line)
        if len(line) > 1 and line.startswith("*") and line.endswith("*"):
            line = line[1:-1]
        if line:
            lines.append(line)
    return lines


def loaded_texts(language: str = "de"):
    """(object, field, value) for every non-empty text of published content in a language
    (untranslated fields count for every language)."""
    for model in content_models():
        for obj in model.objects.filter(published=True):
            for field in model._meta.get_fields():
                if not isinstance(field, models.CharField | models.TextField):
                    continue
                if field.name in NOT_SHOWN_AS_TEXT or field.choices:
                    continue
                if isinstance(field, TranslationField):
                    if field.language != language:
                        continue
                elif hasattr(model, f"{field.name}_de"):
                    continue  # the language-less accessor of a translated field
                value = getattr(obj, field.name)
                if value and value.strip():
                    yield obj, field.name, value


def text_lines(value: str) -> list[str]:
    """The lines a reader sees of a stored text (rich text: the text between its tags)."""
    text = html.unescape(re.sub(r"<[^>]+>", "\n", value)) if "<" in value else value
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def test_the_source_has_lines_to_check():
    assert len(source_lines()) > 50


def test_every_line_of_the_source_is_on_a_german_page(all_pages):
    everything = " ".join(all_pages.values())
    missing = [line for line in source_lines() if line not in everything]
    assert not missing


def test_every_loaded_german_text_is_shown_on_some_page(all_pages):
    everything = " ".join(all_pages.values())
    missing = []
    checked = 0
    for obj, field, value in loaded_texts():
        for line in text_lines(value):
            if line:
                checked += 1
                if line not in everything:
                    missing.append(f"{obj._meta.label}:{obj.key}.{field}: {line!r}")
    assert checked > 100
    assert not missing


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "de"])
def test_every_translated_text_is_shown_on_the_pages_of_its_language(client, language):
    everything = " ".join(pages_in(client, language).values())
    missing = []
    checked = 0
    for obj, field, value in loaded_texts(language):
        for line in text_lines(value):
            if line:
                checked += 1
                if line not in everything:
                    missing.append(f"{obj._meta.label}:{obj.key}.{field}: {line!r}")
    assert checked > 100
    assert not missing


def test_editorial_sources_are_linked(client, all_pages):
    model = apps.get_model("leitlinien", "Leitlinie")
    leitlinie = model.objects.get(number=2)
    body = client.get(leitlinie.get_absolute_url()).content.decode()
    assert f'href="{leitlinie.editorial_source_url}"' in body
    assert leitlinie.editorial_source_label in all_pages[leitlinie.get_absolute_url()]
