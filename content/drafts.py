"""Change drafts of live entries and their four-eyes release.

Editing a published entry can be saved as a change draft (``Aenderungsentwurf``): the
public page keeps showing the released version while staff preview the draft in place and
compare it with the live text. Someone with the release permission (role “Freigabe”) who
did not write the draft releases it, now or on a date, or rejects it with a comment; its
author can withdraw it. Each of these is recorded with who and when, on the draft and in
the entry's history.

A draft holds the fields that differ from the live entry (``changes``) and their live
values when it was saved (``base``); ``content.release`` saves, releases and decides.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


class Aenderungsentwurf(models.Model):
    """A change of a published entry, waiting for a second person's release."""

    class State(models.TextChoices):
        OPEN = "open", _("waiting for release")
        SCHEDULED = "scheduled", _("released for a later date")
        RELEASED = "released", _("released and live")
        REJECTED = "rejected", _("rejected")
        WITHDRAWN = "withdrawn", _("withdrawn by its author")

    PENDING = (State.OPEN, State.SCHEDULED)
    affects_public_pages = False  # the public page shows the released version only

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    changes = models.JSONField(_("changed fields"), default=dict, encoder=DjangoJSONEncoder)
    base = models.JSONField(_("live values then"), default=dict, encoder=DjangoJSONEncoder)
    number = models.PositiveIntegerField(_("saved times"), default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("author"),
    )
    contributors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="+", verbose_name=_("written by"), blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    live_from = models.DateTimeField(_("goes live on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    applied_at = models.DateTimeField(_("live since"), null=True, blank=True)

    class Meta:
        verbose_name = _("change draft")
        verbose_name_plural = _("change drafts")
        ordering = ["-updated_at"]
        permissions = [("release_aenderungsentwurf", _("Can release change drafts"))]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=models.Q(state__in=["open", "scheduled"]),
                name="one_pending_change_draft_per_entry",
            )
        ]

    def __str__(self):
        target = self.target
        name = str(target) if target is not None else gettext("deleted entry")
        return gettext("Change draft of “%(entry)s”") % {"entry": name}

    @property
    def pending(self) -> bool:
        return self.state in self.PENDING

    def written_by(self, user) -> bool:
        return self.author_id == user.pk or self.contributors.filter(pk=user.pk).exists()


def pending_draft(obj) -> Aenderungsentwurf | None:
    content_type = ContentType.objects.get_for_model(obj)
    return Aenderungsentwurf.objects.filter(
        content_type=content_type, object_id=obj.pk, state__in=Aenderungsentwurf.PENDING
    ).first()
