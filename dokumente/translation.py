"""Citizen-facing text fields, translated with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import Dokument


@register(Dokument)
class DokumentTranslation(TranslationOptions):
    fields = ("title", "accessibility_note")
