"""Offene Daten: the page that explains the data, and the data itself as JSON and CSV."""

from django.http import Http404, HttpResponse
from django.shortcuts import render

from content.models import content_models
from content.views import visible
from exchange import backup

from .models import OffeneDaten


def open_data(request):
    page = visible(OffeneDaten.objects.all(), request).first()
    if page is None:
        raise Http404
    models = [(m._meta.model_name, m._meta.verbose_name_plural) for m in content_models()]
    return render(
        request,
        "pages/open_data.html",
        {"page": page, "models": models, "nav": "open_data", "breadcrumbs": [(page.title, None)]},
    )


def open_data_json(request):
    response = HttpResponse(
        backup.export_json(published_only=True, include_people=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="wir-sind-hannover.json"'
    return response


def open_data_csv(request, model_name):
    model = next((m for m in content_models() if m._meta.model_name == model_name), None)
    if model is None:
        raise Http404
    response = HttpResponse(backup.export_csv(model), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{model_name}.csv"'
    return response
