"""Site-wide middleware."""

from django.utils import translation


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
