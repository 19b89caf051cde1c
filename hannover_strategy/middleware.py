"""Site-wide middleware."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_cache_control

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


class AdminInGermanMiddleware:
    """The admin is always German: its users are the staff of the Fachbereich Soziales.

    Public pages take their language from the URL prefix; the admin has none, so without
    this the browser's Accept-Language would decide.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/"):
            translation.activate("de")
            request.LANGUAGE_CODE = "de"
        return self.get_response(request)


class PreviewHeadersMiddleware:
    """A preview (``?preview=1``) is never indexed and never stored by a shared cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.GET.get("preview") is not None:
            response["X-Robots-Tag"] = "noindex, nofollow"
            patch_cache_control(response, private=True, no_store=True)
        return response
