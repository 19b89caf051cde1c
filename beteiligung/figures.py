"""A figure and the sentences that state it: when staff change a Kennzahl's count, the
admin names the published sentences elsewhere that still mention the old count, each with
a link to its form, so that they can be brought in line."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import gettext

from content.limits import LINE_ENDS
from content.models import content_models
from content.translations import column, translated_fields

SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n+")


@dataclass(frozen=True)
class Mention:
    obj: models.Model
    field: str
    sentence: str

    @property
    def admin_url(self) -> str:
        return reverse(admin_urlname(self.obj._meta, "change"), args=[self.obj.pk])


def mentions_of(number: int, exclude=None) -> list[Mention]:
    """Published German sentences of any content model that mention ``number`` as a
    figure of its own (“70”, not “1970” or “7,0”)."""
    pattern = re.compile(rf"(?<![\d.,]){number}(?![\d]|[.,]\d)")
    found = []
    for model in content_models():
        names = [column(f, settings.SOURCE_LANGUAGE) for f in translated_fields(model)]
        for obj in model._default_manager.filter(published=True):
            if exclude is not None and type(obj) is type(exclude) and obj.pk == exclude.pk:
                continue
            for name in names:
                text = strip_tags(LINE_ENDS.sub("\n", str(getattr(obj, name, "") or "")))
                for sentence in SENTENCE_END.split(text):
                    if pattern.search(sentence):
                        found.append(Mention(obj, name, sentence.strip()))
    return found


class FigureMentionsMixin:
    """For the admins where counts are edited (the Kennzahl form and the figures inline of
    a participation format): after a changed count, a warning lists the sentences that
    still state the old one."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "value" in form.fields:
            self.warn_of_old_mentions(request, form)

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        deleted = set(map(id, formset.deleted_forms))
        for figure_form in formset.forms:
            if "value" in figure_form.fields and id(figure_form) not in deleted:
                self.warn_of_old_mentions(request, figure_form)

    def warn_of_old_mentions(self, request, form):
        obj, old = form.instance, form.initial.get("value")
        if "value" not in form.changed_data or old in (None, "") or obj.pk is None:
            return
        mentions = mentions_of(int(old), exclude=obj)
        if not mentions:
            return
        items = []
        for mention in mentions:
            try:
                url = mention.admin_url
            except NoReverseMatch:
                continue
            items.append((url, mention.obj._meta.verbose_name, mention.obj, mention.sentence))
        self.message_user(
            request,
            format_html(
                "{}<ul>{}</ul>",
                gettext(
                    "You changed the count from %(old)s to %(new)s. These published texts "
                    "still mention %(old)s – please check whether they need the new figure:"
                )
                % {"old": old, "new": obj.value},
                format_html_join("", '<li><a href="{}">{}: {}</a> – „{}“</li>', items),
            ),
            messages.WARNING,
        )
