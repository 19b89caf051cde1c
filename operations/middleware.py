"""Site-wide middleware."""

import base64
import functools
import hashlib

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import patch_cache_control
from django_prose_editor.widgets import importmap

from . import paths

SESSION_KEY_CHARACTERS = set(VALID_KEY_CHARS)
# Real browsers send a few dozen characters; Django itself reads at most 500.
MAX_ACCEPT_LANGUAGE = 500


class LanguageFromUrlOnlyMiddleware:
    """Runs before Django's LocaleMiddleware: the language of a page is in its URL.

    Only the language-free root (“/”) looks at Accept-Language, to pick the best language;
    a language cookie is ignored, and a huge header counts as no preference (German).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.COOKIES.pop(settings.LANGUAGE_COOKIE_NAME, None)
        if len(request.META.get("HTTP_ACCEPT_LANGUAGE", "")) > MAX_ACCEPT_LANGUAGE:
            del request.META["HTTP_ACCEPT_LANGUAGE"]
        return self.get_response(request)


class UnusableSessionCookieMiddleware:
    """Runs before the session middleware: a session cookie with characters Django never
    puts into a session key (e.g. a NUL byte, which PostgreSQL refuses even to compare) is
    no session; without this, looking it up failed with a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        if key is not None and not set(key) <= SESSION_KEY_CHARACTERS:
            del request.COOKIES[settings.SESSION_COOKIE_NAME]
        return self.get_response(request)


class AdminInGermanMiddleware:
    """The admin is always German: its users are the staff of the Fachbereich Soziales.

    Public pages take their language from the URL prefix; the admin has none, so without
    this the browser's Accept-Language would decide.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if paths.is_admin(request):
            translation.activate("de")
            request.LANGUAGE_CODE = "de"
        return self.get_response(request)


class PreviewHeadersMiddleware:
    """A preview (``?preview=1``) is never indexed and never stored by a shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.GET.get(paths.PREVIEW_PARAMETER) is not None:
            response["X-Robots-Tag"] = "noindex, nofollow"
            patch_cache_control(response, private=True, no_store=True)
        return response


@functools.cache
def _editor_import_map_hash() -> str:
    """CSP hash of the import map that django-prose-editor puts into admin forms.

    An import map is data (which file a module name means), but browsers treat it as an
    inline script. Allowing exactly this content by its hash keeps ``unsafe-inline`` out.
    """
    rendered = str(importmap.render())
    content = rendered[rendered.index(">") + 1 : rendered.rindex("</script>")]
    digest = hashlib.sha256(content.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


# The rich-text editor (Tiptap inside django-prose-editor 0.28.0) inserts its base
# stylesheet as a <style> element; this is the hash of that exact text. After upgrading
# the editor, tests/browser/test_content_security_policy.py names the new hash if it changed.
EDITOR_STYLE_HASH = "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='"


class AdminEditorPolicyMiddleware:
    """Allows the rich-text editor's import map and base stylesheet in the admin, by hash.

    Nothing else inline is allowed: no ``unsafe-inline``, no ``unsafe-eval``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if paths.is_admin(request):
            response._csp_update = {
                "script-src": [_editor_import_map_hash()],
                "style-src": [EDITOR_STYLE_HASH],
            }
        return response


class StyledClientErrorsMiddleware:
    """A 4xx answer without a page of its own (e.g. 405 for a POST to a page that only
    shows) gets the styled error page in the visitor's language; its status and headers
    (such as ``Allow``) stay."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            400 <= response.status_code < 500
            and not response.streaming
            and not response.content
            and request.method != "HEAD"
        ):
            response.content = render_to_string("400.html")
            response["Content-Type"] = "text/html; charset=utf-8"
        return response
