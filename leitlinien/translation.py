"""Citizen-facing text fields, translated with django-modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import Abschnitt, Begriff, FazitPunkt, Leitlinie, Strategiepapier

EDITORIAL = ("editorial_text", "editorial_source_label")


@register(Strategiepapier)
class StrategiepapierTranslation(TranslationOptions):
    fields = ("document_title", "title", "subtitle", "tagline", "department", *EDITORIAL)


@register(Abschnitt)
class AbschnittTranslation(TranslationOptions):
    fields = ("label", "heading", "text", *EDITORIAL)


@register(Leitlinie)
class LeitlinieTranslation(TranslationOptions):
    fields = ("text", "citation", "editorial_title", *EDITORIAL)


@register(Begriff)
class BegriffTranslation(TranslationOptions):
    fields = ("term", "definition", *EDITORIAL)


@register(FazitPunkt)
class FazitPunktTranslation(TranslationOptions):
    fields = ("text",)
