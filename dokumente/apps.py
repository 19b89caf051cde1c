from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DokumenteConfig(AppConfig):
    name = "dokumente"
    verbose_name = _("Document library")
