"""Citizen-facing text fields, translated with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from leitlinien.translation import EDITORIAL

from .models import Beteiligungsformat, Kennzahl, Meilenstein


@register(Beteiligungsformat)
class BeteiligungsformatTranslation(TranslationOptions):
    fields = ("text",)


@register(Kennzahl)
class KennzahlTranslation(TranslationOptions):
    fields = ("label", "detail")


@register(Meilenstein)
class MeilensteinTranslation(TranslationOptions):
    fields = ("date_text", "text", *EDITORIAL)
