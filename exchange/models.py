"""What the content loader remembers of each object it loaded."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SeedRecord(models.Model):
    """What the content loader last wrote into one object.

    The loader compares these values with the database: a field whose value differs was
    edited by staff and is never overwritten; an object whose record exists but which is
    gone was deleted by staff and is not brought back.
    """

    model_label = models.CharField(_("model"), max_length=100)
    key = models.CharField(_("stable key"), max_length=80)
    values = models.JSONField(_("loaded values"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    # Bookkeeping of the loader; the objects it loads change the pages, this does not.
    affects_public_pages = False

    class Meta:
        verbose_name = _("content load record")
        verbose_name_plural = _("content load records")
        ordering = ["model_label", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "key"], name="exchange_one_record_per_object"
            ),
        ]

    def __str__(self):
        return f"{self.model_label}:{self.key}"
