"""The feedback form of the accessibility statement."""

import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import Rueckmeldung

# A human needs a few seconds to write a message; a form older than a day is stale.
MIN_SECONDS, MAX_SECONDS = 2, 24 * 60 * 60
SALT = "portal.feedback"


class FeedbackForm(forms.ModelForm):
    # Spam protection without third parties: a field people never see (bots fill it in)
    # and the time the form was shown (bots send at once).
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    shown_at = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Rueckmeldung
        fields = ["message", "page", "name", "email"]
        labels = {
            "message": _("Your message"),
            "page": _("Which page is it about? (optional)"),
            "name": _("Your name (optional)"),
            "email": _("Your e-mail address (optional, if you would like an answer)"),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
        }
        error_messages = {
            "message": {
                "required": _("Please write your message."),
                "max_length": _(
                    "Your message is too long: at most %(limit_value)d characters, "
                    "it has %(show_value)d. Please shorten it."
                ),
            },
            "email": {
                "invalid": _("Please check the e-mail address, e.g. name@example.org."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown_at"].initial = signing.dumps(time.time(), salt=SALT)
        self.fields["message"].widget.attrs["maxlength"] = 5000

    @property
    def is_bot(self) -> bool:
        """Filled the invisible field: accepted politely, but not stored."""
        return bool(self.cleaned_data.get("website"))

    def clean(self):
        cleaned = super().clean()
        token = cleaned.get("shown_at", "")
        try:
            shown = float(signing.loads(token, salt=SALT, max_age=MAX_SECONDS))
        except (signing.BadSignature, TypeError, ValueError):
            # A fresh token, so that sending again works; the message stays in the form.
            self.data = self.data.copy()
            self.data[self.add_prefix("shown_at")] = self.fields["shown_at"].initial
            raise forms.ValidationError(
                _("The form has expired. Please send your message again.")
            ) from None
        if time.time() - shown < MIN_SECONDS:
            raise forms.ValidationError(_("That was very fast. Please send your message again."))
        return cleaned
