"""The portal's languages as the content apps need them: German is the source, every other
portal language is a translation target."""

from django.conf import settings


def target_languages() -> list[str]:
    """Every portal language but the source language (German), in portal order."""
    return [code for code, _name in target_language_choices()]


def target_language_choices() -> list[tuple[str, str]]:
    """``(code, name)`` of every portal language but the source language."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.SOURCE_LANGUAGE]
