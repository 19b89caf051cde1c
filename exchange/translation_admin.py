"""“Übersetzungsrunde” in the admin: per language, download every missing or outdated text
as a PO file for an agency or a tool, and upload the translated file (exchange
.translation_rounds): it is checked as a whole and changes nothing on any problem, which
the page lists. Staff who may edit translations (Übersetzung, Redaktion) use it."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from content.languages import target_language_choices, target_languages
from content.roles import may_translate
from content.views import attachment

from .translation_rounds import export_po, import_po

MAX_BYTES = 5 * 1024 * 1024


class RoundForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Translated file (.po)"),
        help_text=gettext_lazy(
            "The file exported here, translated. It is checked as a whole: with any problem "
            "nothing is changed."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError:
            raise forms.ValidationError(
                _("The file is not a PO file in UTF-8 (as the export writes it).")
            ) from None


def rounds_view(request):
    if not may_translate(request.user):
        raise PermissionDenied
    form, outcome = RoundForm(), None
    if request.method == "POST":
        form = RoundForm(request.POST, request.FILES)
        if form.is_valid():
            outcome = import_po(form.cleaned_data["file"], user=request.user)
            if not outcome.problems:
                messages.success(
                    request,
                    _("%(texts)s texts of %(entries)s entries filled in, marked “not reviewed”.")
                    % {"texts": outcome.texts, "entries": outcome.entries},
                )
                return HttpResponseRedirect(reverse("translation_rounds"))
    return TemplateResponse(
        request,
        "admin/exchange/translation_rounds.html",
        {
            **admin.site.each_context(request),
            "title": _("Translation round"),
            "languages": target_language_choices(),
            "form": form,
            "outcome": outcome,
        },
    )


def export_view(request, language):
    if language not in target_languages():
        raise Http404
    if not may_translate(request.user):
        raise PermissionDenied
    po = export_po(language)
    response = HttpResponse(str(po), content_type="text/x-gettext-translation; charset=utf-8")
    response["Content-Disposition"] = attachment(
        f"uebersetzung-{language}-{timezone.localdate():%Y-%m-%d}.po"
    )
    return response


urlpatterns = [
    path("uebersetzungsrunde/", admin.site.admin_view(rounds_view), name="translation_rounds"),
    path(
        "uebersetzungsrunde/<slug:language>.po",
        admin.site.admin_view(export_view),
        name="translation_export",
    ),
]
