"""The search page."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .query import clean_query, search


def search_view(request):
    query, shortened = clean_query(request.GET.get("q", ""))
    results = search(query, get_language()) if query else []
    return render(
        request,
        "pages/search.html",
        {
            "query": query,
            "shortened": shortened,
            "results": results,
            "searched": "q" in request.GET,
            "nav": "search",
            "breadcrumbs": [(_("Search"), None)],
        },
    )
