"""Citizen-facing text fields, translated with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from leitlinien.translation import EDITORIAL

from .models import Grundsatz, Handlungsfeld, Priorisierung


@register(Handlungsfeld)
class HandlungsfeldTranslation(TranslationOptions):
    fields = ("title", "description", *EDITORIAL)


@register(Grundsatz)
class GrundsatzTranslation(TranslationOptions):
    fields = ("title", "description", *EDITORIAL)


@register(Priorisierung)
class PriorisierungTranslation(TranslationOptions):
    fields = ("text",)
