"""Citizen-facing text fields, translated with django-modeltranslation. District names and
the names of their I-Beiräte are German proper names: not translated."""

from modeltranslation.translator import TranslationOptions, register

from content.models import EditorialAddition

from .models import (
    Bericht,
    Foerderaufruf,
    Foerderlinie,
    Foerderprojekt,
    Foerdertopf,
    Fortschrittsmeldung,
    Massnahme,
    Ratsdokument,
    Stadtbezirk,
    Status,
    Umsetzungsfakt,
    Ziel,
)


@register(Stadtbezirk)
class StadtbezirkTranslation(TranslationOptions):
    fields = EditorialAddition.TRANSLATED_FIELDS


@register(Status)
class StatusTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Ratsdokument)
class RatsdokumentTranslation(TranslationOptions):
    fields = EditorialAddition.TRANSLATED_FIELDS


@register(Ziel)
class ZielTranslation(TranslationOptions):
    fields = ("text", *Ziel.EDITORIAL_TRANSLATED_FIELDS)


@register(Massnahme)
class MassnahmeTranslation(TranslationOptions):
    # Offices, partners and the sources' own wording of dates stay German (proper names).
    fields = (
        "title",
        "summary",
        "description",
        "target_groups",
        *Massnahme.EDITORIAL_TRANSLATED_FIELDS,
    )


@register(Fortschrittsmeldung)
class FortschrittsmeldungTranslation(TranslationOptions):
    fields = ("period", "text", *EditorialAddition.TRANSLATED_FIELDS)


@register(Foerderlinie)
class FoerderlinieTranslation(TranslationOptions):
    fields = ("name", "description", "limit_text", *EditorialAddition.TRANSLATED_FIELDS)


@register(Foerdertopf)
class FoerdertopfTranslation(TranslationOptions):
    fields = EditorialAddition.TRANSLATED_FIELDS


@register(Foerderaufruf)
class FoerderaufrufTranslation(TranslationOptions):
    # The call's title is its German proper name.
    fields = ("outcome", *EditorialAddition.TRANSLATED_FIELDS)


@register(Foerderprojekt)
class FoerderprojektTranslation(TranslationOptions):
    # Project titles and organisations are proper names.
    fields = ("amount_note", *EditorialAddition.TRANSLATED_FIELDS)


@register(Bericht)
class BerichtTranslation(TranslationOptions):
    fields = ("title", *EditorialAddition.TRANSLATED_FIELDS)


@register(Umsetzungsfakt)
class UmsetzungsfaktTranslation(TranslationOptions):
    fields = Umsetzungsfakt.EDITORIAL_TRANSLATED_FIELDS
