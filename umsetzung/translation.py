"""Citizen-facing text fields, translated with django-modeltranslation. District names and
the names of their I-Beiräte are German proper names: not translated."""

from modeltranslation.translator import TranslationOptions, register

from content.models import EditorialAddition

from .models import Ratsdokument, Stadtbezirk, Status


@register(Stadtbezirk)
class StadtbezirkTranslation(TranslationOptions):
    fields = EditorialAddition.TRANSLATED_FIELDS


@register(Status)
class StatusTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Ratsdokument)
class RatsdokumentTranslation(TranslationOptions):
    fields = EditorialAddition.TRANSLATED_FIELDS
