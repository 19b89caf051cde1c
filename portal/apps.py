from django.apps import AppConfig
from django.apps import apps as global_apps
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def set_site_domain(sender, apps=global_apps, **kwargs) -> None:
    """The site's public host name comes from the environment (DJANGO_SITE_DOMAIN)."""
    apps.get_model("sites", "Site").objects.update_or_create(
        pk=settings.SITE_ID, defaults={"domain": settings.SITE_DOMAIN, "name": "WIR SIND HANNOVER"}
    )


class PortalConfig(AppConfig):
    """The site around the strategy: start page, legal and accessibility pages with the
    feedback form, sign language, short links, share view and QR codes, sitemaps, feeds,
    open data, and the template tags and context every page uses."""

    name = "portal"
    verbose_name = _("Portal pages")

    def ready(self):
        post_migrate.connect(set_site_domain, sender=self)
