"""Citizen-facing text fields, translated with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from content.models import EditorialAddition

from .models import Grundsatz, Handlungsfeld, Priorisierung


@register(Handlungsfeld)
class HandlungsfeldTranslation(TranslationOptions):
    fields = ("title", "description", *EditorialAddition.TRANSLATED_FIELDS)


@register(Grundsatz)
class GrundsatzTranslation(TranslationOptions):
    fields = ("title", "description", *EditorialAddition.TRANSLATED_FIELDS)


@register(Priorisierung)
class PriorisierungTranslation(TranslationOptions):
    fields = ("text",)
