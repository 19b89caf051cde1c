"""The form every content object is edited with in the admin.

- Two editors: a save based on an outdated form is merged field by field
  (``content.conflicts``); only the fields both changed are refused.
- An address in use (key of a Handlungsfeld, number of a Leitlinie) only changes after an
  explicit confirmation; the admin then redirects the old address (``public_paths``).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from operations.paths import PREVIEW_BACK_PARAMETER, PREVIEW_PARAMETER

from . import source_text
from .conflicts import EDIT_TOKEN, edit_token, merge

# Form fields that are not model fields; every content form carries them.
MINOR_CHANGE = "minor_change"
CONFIRM_ADDRESS = "confirm_address_change"
FORM_ONLY_FIELDS = (EDIT_TOKEN, MINOR_CHANGE, CONFIRM_ADDRESS)


def preview_url(obj, back: str = "") -> str:
    """The public address of ``obj``; a preview address while it is a draft, leading
    ``back`` to the admin page it was opened from (if given)."""
    url = obj.get_absolute_url()
    if obj.published:
        return url
    base, _sep, fragment = url.partition("#")
    query = f"?{PREVIEW_PARAMETER}=1" + (f"&{PREVIEW_BACK_PARAMETER}={back}" if back else "")
    return base + query + (f"#{fragment}" if fragment else "")


def public_paths(obj) -> dict[str, str]:
    """The page address of ``obj`` in every language (without anchor), and its short link."""
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = obj.get_absolute_url().partition("#")[0]
    if short := obj.short_path():
        paths["short"] = short
    return paths


class ContentForm(forms.ModelForm):
    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    minor_change = forms.BooleanField(
        label=_("minor change"),
        required=False,
        help_text=_(
            "Only a typo or punctuation in the German text: the translations stay up to date."
        ),
    )
    confirm_address_change = forms.BooleanField(
        label=_("change the public address"),
        required=False,
        help_text=_(
            "Needed when you change the key of a published page or the number of a "
            "Leitlinie: other sites and printed material link to the old address. It will "
            "redirect to the new one."
        ),
    )

    #: set by the admin for the history views, which deliberately save an older version
    check_conflicts = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if EDIT_TOKEN in self.fields:
            self.fields[EDIT_TOKEN].initial = edit_token(
                self.instance if self.instance.pk else None
            )
        self.old_paths = {}
        source_text.add_source_texts(self)

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if not instance.pk:
            return cleaned
        stored = type(instance)._default_manager.filter(pk=instance.pk).first()
        if stored is None:
            return cleaned
        if self.check_conflicts and EDIT_TOKEN in self.fields:
            merge(self, stored, cleaned, cleaned.get(EDIT_TOKEN, ""), skip=FORM_ONLY_FIELDS)
        address_fields = [
            f for f in getattr(type(instance), "ADDRESS_FIELDS", ("key",)) if f in self.changed_data
        ]
        if address_fields and stored.published:
            self.old_paths = public_paths(stored)
            if not cleaned.get(CONFIRM_ADDRESS):
                raise ValidationError(
                    _(
                        "This changes the public address of a published page (%(fields)s). "
                        "Tick “change the public address” to confirm; the old address will "
                        "then redirect to the new one."
                    ),
                    params={
                        "fields": ", ".join(
                            str(type(instance)._meta.get_field(f).verbose_name)
                            for f in address_fields
                        )
                    },
                    code="address_change",
                )
        return cleaned
