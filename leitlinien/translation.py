"""Citizen-facing text fields, translated with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from content.models import EditorialAddition

from .models import Abschnitt, Begriff, FazitPunkt, Leitlinie, Strategiepapier


@register(Strategiepapier)
class StrategiepapierTranslation(TranslationOptions):
    fields = (
        "document_title",
        "title",
        "subtitle",
        "tagline",
        "department",
        *EditorialAddition.TRANSLATED_FIELDS,
    )


@register(Abschnitt)
class AbschnittTranslation(TranslationOptions):
    fields = ("label", "heading", "text", *EditorialAddition.TRANSLATED_FIELDS)


@register(Leitlinie)
class LeitlinieTranslation(TranslationOptions):
    fields = ("text", "citation", "editorial_title", *EditorialAddition.TRANSLATED_FIELDS)


@register(Begriff)
class BegriffTranslation(TranslationOptions):
    fields = ("term", "definition", *EditorialAddition.TRANSLATED_FIELDS)


@register(FazitPunkt)
class FazitPunktTranslation(TranslationOptions):
    fields = ("text",)
