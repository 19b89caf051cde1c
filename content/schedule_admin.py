"""The publication dates in every content form (“veröffentlichen am”, “zurückziehen am”):
only staff who may publish the entry plan them; a time that has passed, a second plan of
the same kind or withdrawing before publishing is refused with a message in German."""

from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.core.exceptions import ValidationError
from django.forms import ModelForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .scheduling import Zeitplan


class PlanForm(ModelForm):
    """A plan that has been carried out is a record: it can no longer be changed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.done_at:
            for field in self.fields.values():
                field.disabled = True


class PlanFormSet(BaseGenericInlineFormSet):
    def clean(self):
        super().clean()
        pending = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or form.instance.done_at:
                continue
            action, due = data.get("action"), data.get("due")
            if action is None or due is None:
                continue
            if form.has_changed() and due <= timezone.now():
                form.add_error(
                    "due",
                    _(
                        "This time has already passed. Choose a later one, or tick "
                        "“published” to publish now."
                    ),
                )
            if action in pending:
                form.add_error("action", _("Plan publishing and withdrawing once each."))
            pending[action] = due
        publish = pending.get(Zeitplan.Action.PUBLISH)
        withdraw = pending.get(Zeitplan.Action.WITHDRAW)
        if publish and withdraw and withdraw <= publish:
            raise ValidationError(
                _("Withdrawing is planned before publishing: choose a later date to withdraw.")
            )


class ScheduleInline(GenericTabularInline):
    model = Zeitplan
    form = PlanForm
    formset = PlanFormSet
    fields = ("action", "due", "created_by", "done_at", "outcome")
    readonly_fields = ("created_by", "done_at", "outcome")
    extra = 0

    def _publishes(self, request) -> bool:
        return request.user.has_perm(self.parent_model.publish_permission())

    # The plans are part of the entry: who may publish it plans them, who may see it sees them.
    def has_view_permission(self, request, obj=None):
        opts = self.parent_model._meta
        return request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or (
            request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def has_add_permission(self, request, obj=None):
        return self._publishes(request)

    def has_change_permission(self, request, obj=None):
        return self._publishes(request)

    def has_delete_permission(self, request, obj=None):
        return self._publishes(request)
