"""Citizen-facing text fields of the portal's own pages, translated with modeltranslation."""

from modeltranslation.translator import TranslationOptions, register

from .models import Barrierefreiheitserklaerung, Gebaerdensprachvideo, OffeneDaten, Seite


@register(Seite)
class SeiteTranslation(TranslationOptions):
    fields = ("title", "note", "body")


@register(Barrierefreiheitserklaerung)
class BarrierefreiheitserklaerungTranslation(TranslationOptions):
    fields = (
        "title",
        "intro",
        "conformance_text",
        "known_limits",
        "feedback_text",
        "enforcement_text",
    )


@register(Gebaerdensprachvideo)
class GebaerdensprachvideoTranslation(TranslationOptions):
    fields = ("title", "description")


@register(OffeneDaten)
class OffeneDatenTranslation(TranslationOptions):
    fields = ("title", "intro", "licence_name")
