"""The portal's languages as the content apps need them: German is the source, every other
portal language is a translation target."""

from django.conf import settings
from django.utils.translation import get_language

#: Leichte Sprache (easy German), planned, not yet a portal language. Once it is added to
#: ``settings.LANGUAGES`` it is still no translation target: it is not a translation of
#: every text but written for chosen pages, so the translation overview must never count
#: a text without it as “missing” (nor make a translation state for it). Its own review
#: (by readers with learning difficulties) is a matter of its own.
EASY_LANGUAGE = "de-ls"


def target_languages() -> list[str]:
    """Every portal language but the source language (German), in portal order."""
    return [code for code, _name in target_language_choices()]


def target_language_choices() -> list[tuple[str, str]]:
    """``(code, name)`` of every portal language but German and Leichte Sprache."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code not in (settings.SOURCE_LANGUAGE, EASY_LANGUAGE)
    ]


def current_language() -> str:
    """The code of the active language without region (the portal's default outside a
    request)."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]
