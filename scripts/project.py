"""The only place where the harnesses (bench/, resilience/) name the project's modules.

When a module moves (as ``hannover_strategy.page_cache`` did to ``operations.page_cache``),
change its line here. The harnesses never import these modules themselves: Django,
gunicorn and ``manage.py shell`` do, in their own processes.
"""

PROJECT_MODULES = {
    # gunicorn's application (current checkout and a compared revision alike)
    "wsgi": "hannover_strategy.wsgi:application",
    # DJANGO_SETTINGS_MODULE of the query counter (bench/queries.py)
    "settings": "hannover_strategy.settings",
    # the portal's URLconf, included below the bench's baseline route (bench/baseline.py)
    "urls": "hannover_strategy.urls",
    # new_generation(): make every cached page out of date (resilience/outage.py)
    "page_cache": "operations.page_cache",
    # Leitlinie, whose change form the editor saves (resilience/editor.py)
    "leitlinien_models": "leitlinien.models",
}
