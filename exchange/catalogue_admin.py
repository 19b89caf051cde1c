"""“Katalog importieren / exportieren” in the admin: upload a CSV or XLSX file, see what it
would change (new, changed with the columns, unchanged rows, and every problem), confirm,
and it is imported as one revision under the editor's name; or download the catalogue.

Only staff who may add and change measures import (everyone else gets 403); staff who may
view them export. Between preview and confirmation the file waits in a private temporary
directory under a random name; the confirmation carries a signed reference to it, valid
for one hour and for the same user only, and checks the file again before it writes.
"""

import re
import secrets
import tempfile
import time
from pathlib import Path

from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from umsetzung.models import Massnahme

from . import catalogue_files as files
from .catalogue import export, import_file

UPLOADS = Path(tempfile.gettempdir()) / "wsh-catalogue-uploads"
SALT = "exchange.catalogue_admin.upload"
KEPT_FOR = 60 * 60  # seconds
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,}")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File (.csv or .xlsx)"),
        help_text=gettext_lazy("At most 5 MB and 5000 measures; nothing is changed yet."),
    )


def may_import(user) -> bool:
    opts = Massnahme._meta
    return user.has_perms(
        [f"{opts.app_label}.add_{opts.model_name}", f"{opts.app_label}.change_{opts.model_name}"]
    )


def may_export(user) -> bool:
    return user.has_perm(f"{Massnahme._meta.app_label}.view_{Massnahme._meta.model_name}")


def _keep(request, name: str, data: bytes) -> str:
    """Keep the uploaded file until it is confirmed; a signed reference to it."""
    UPLOADS.mkdir(mode=0o700, exist_ok=True)
    for old in UPLOADS.iterdir():  # unconfirmed uploads do not pile up
        if old.stat().st_mtime < time.time() - KEPT_FOR:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(24)
    (UPLOADS / token).write_bytes(data)
    return signing.dumps({"token": token, "name": name, "user": request.user.pk}, salt=SALT)


def _kept(request, signed: str) -> tuple[str, bytes, Path] | None:
    try:
        value = signing.loads(signed, salt=SALT, max_age=KEPT_FOR)
    except signing.BadSignature:
        return None
    if value.get("user") != request.user.pk or not TOKEN.fullmatch(value.get("token", "")):
        return None
    kept = UPLOADS / value["token"]
    try:
        return value["name"], kept.read_bytes(), kept
    except OSError:
        return None


def _page(request, **context):
    return TemplateResponse(
        request,
        "admin/exchange/catalogue.html",
        {
            **admin.site.each_context(request),
            "title": _("Import or export the catalogue of measures"),
            "upload_form": context.pop("upload_form", None) or UploadForm(),
            "may_export": may_export(request.user),
            **context,
        },
    )


def _summary(result) -> str:
    return _("%(new)s new, %(changed)s changed, %(unchanged)s unchanged") % {
        "new": len(result.new),
        "changed": len(result.changed),
        "unchanged": len(result.unchanged),
    }


def import_view(request):
    if not may_import(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return _page(request)
    if "confirm" in request.POST:
        return _confirm(request)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, upload_form=form)
    upload = form.cleaned_data["file"]
    name = Path(upload.name).name
    data = upload.read(files.MAX_BYTES + 1)
    result = import_file(name, data, dry_run=True)
    confirm = None
    if not result.problems and (result.new or result.changed):
        confirm = _keep(request, name, data)
    return _page(request, result=result, summary=_summary(result), confirm=confirm)


def _confirm(request):
    kept = _kept(request, request.POST.get("upload", ""))
    if kept is None:
        messages.error(request, _("The uploaded file has expired. Please upload it again."))
        return HttpResponseRedirect(reverse("catalogue_import"))
    name, data, path = kept
    result = import_file(name, data, user=request.user)
    path.unlink(missing_ok=True)
    if result.problems:  # the catalogue changed since the preview
        return _page(request, result=result, summary=_summary(result))
    messages.success(
        request,
        _("The catalogue was imported from %(name)s: %(summary)s.")
        % {"name": name, "summary": _summary(result)},
    )
    return HttpResponseRedirect(reverse("catalogue_import"))


def export_view(request, kind):
    if kind not in CONTENT_TYPES:
        raise Http404
    if not may_export(request.user):
        raise PermissionDenied
    response = HttpResponse(export(kind), content_type=CONTENT_TYPES[kind])
    name = f"katalog-massnahmen-{timezone.localdate():%Y-%m-%d}.{kind}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


urlpatterns = [
    path("katalog/", admin.site.admin_view(import_view), name="catalogue_import"),
    path("katalog/export.<str:kind>", admin.site.admin_view(export_view), name="catalogue_export"),
]
