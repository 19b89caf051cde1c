"""Publishing on a set date: staff plan “veröffentlichen am” or “zurückziehen am” for an
entry (``Zeitplan``, edited in every content form); ``manage.py publish_scheduled`` does
what is due (``run_due``).

Safe to run every minute on every server: the due plans are read ``FOR UPDATE SKIP LOCKED``
in one transaction, so that two runs at the same time never take the same plan; each plan is
done once (``done_at``), and its change is one entry in the entry's history (a revision
with the planner as its author). A plan whose entry is already as planned is marked done
without a change; one whose entry was deleted says so."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion import create_revision, set_comment, set_user


class Zeitplan(models.Model):
    """One planned change of an entry's publication."""

    class Action(models.TextChoices):
        PUBLISH = "publish", _("publish on")
        WITHDRAW = "withdraw", _("withdraw on")

    class Outcome(models.TextChoices):
        DONE = "done", _("done as planned")
        ALREADY = "already", _("nothing to do: the entry was already so")
        GONE = "gone", _("the entry no longer exists")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    action = models.CharField(_("what"), max_length=10, choices=Action.choices)
    due = models.DateTimeField(
        _("when"), help_text=_("Date and time (Berlin); done within a minute after it.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("planned by"),
    )
    done_at = models.DateTimeField(_("done at"), null=True, blank=True, editable=False)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("publication date")
        verbose_name_plural = _("publication dates: publish or withdraw this entry on a date")
        ordering = ["due"]
        indexes = [models.Index(fields=["done_at", "due"])]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "action"],
                condition=models.Q(done_at__isnull=True),
                name="one_pending_plan_per_action",
                violation_error_message=_("This entry already has a plan of this kind."),
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} {shown(self.due)}"


def shown(moment) -> str:
    """A date and time as the admin writes it, in Berlin time."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _carry_out(plan: Zeitplan, now) -> None:
    obj = plan.target
    if obj is None:
        plan.outcome = Zeitplan.Outcome.GONE
    elif obj.published == (plan.action == Zeitplan.Action.PUBLISH):
        plan.outcome = Zeitplan.Outcome.ALREADY
    else:
        with create_revision():
            obj.published = plan.action == Zeitplan.Action.PUBLISH
            obj.save()
            if plan.created_by_id:
                set_user(plan.created_by)
            when = shown(plan.due)
            if obj.published:
                set_comment(gettext("Published as planned for %(when)s") % {"when": when})
            else:
                set_comment(gettext("Withdrawn as planned for %(when)s") % {"when": when})
        plan.outcome = Zeitplan.Outcome.DONE
    plan.done_at = now
    plan.save(update_fields=["done_at", "outcome"])


def run_due(now=None) -> list[Zeitplan]:
    """Carry out every plan due at ``now`` (default: now) that no other run holds."""
    now = now or timezone.now()
    with translation.override(settings.SOURCE_LANGUAGE), transaction.atomic():
        due = (
            Zeitplan.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(done_at__isnull=True, due__lte=now)
            .select_related("content_type", "created_by")
            .order_by("due", "pk")
        )
        done = list(due)
        for plan in done:
            _carry_out(plan, now)
    return done
