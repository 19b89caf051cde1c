"""WSGI entry point (gunicorn hannover_strategy.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hannover_strategy.settings")
application = get_wsgi_application()
