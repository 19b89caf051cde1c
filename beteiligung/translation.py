"""Citizen-facing text fields, translated with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from content.models import EditorialAddition

from .models import Beteiligungsformat, Kennzahl, Meilenstein


@register(Beteiligungsformat)
class BeteiligungsformatTranslation(TranslationOptions):
    fields = ("text",)


@register(Kennzahl)
class KennzahlTranslation(TranslationOptions):
    fields = ("label", "detail")


@register(Meilenstein)
class MeilensteinTranslation(TranslationOptions):
    fields = ("date_text", "text", *EditorialAddition.TRANSLATED_FIELDS)
