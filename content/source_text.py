"""The German source text as translators read it in the admin: rendered, never as markup.

- Under every translation field (en, ar, fa, …) of a saved entry the form shows the German
  text it translates, marked “Deutscher Ausgangstext:”: rich text rendered (cleaned with
  ``clean_html``), plain text escaped, in German and left to right.
- Someone who may only translate sees the German fields read-only. Django would show a rich
  text's stored HTML there as text (“<p>…”); ``SourceTextAdminMixin`` shows it rendered.
"""

from django.conf import settings
from django.utils.html import format_html, linebreaks
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from modeltranslation.fields import TranslationField

from .richtext import RichTextField, clean_html

SOURCE_LABEL = _("German source text:")
# The read-only, rendered stand-in of a German rich text column: ``<column>_rendered``.
RENDERED_SUFFIX = "_rendered"


def rendered(field, value: str) -> str:
    """``value`` of ``field`` as a reader sees it (safe HTML)."""
    if isinstance(field, RichTextField):
        return clean_html(value)
    return mark_safe(linebreaks(value, autoescape=True))  # noqa: S308 - escaped by linebreaks


def source_help(help_text, field, value: str) -> str:
    """The help text of a translation field with the German ``value`` below it."""
    return format_html(
        '{}<div class="source-text" lang="{}" dir="ltr"><strong>{}</strong> {}</div>',
        help_text or "",
        settings.SOURCE_LANGUAGE,
        SOURCE_LABEL,
        rendered(field, value),
    )


def add_source_texts(form) -> None:
    """Show the saved German text under each translation field of ``form``."""
    instance = form.instance
    if instance.pk is None:
        return
    model_fields = {f.name: f for f in instance._meta.concrete_fields}
    for name, form_field in form.fields.items():
        field = model_fields.get(name)
        if not isinstance(field, TranslationField) or field.language == settings.SOURCE_LANGUAGE:
            continue
        source = model_fields.get(f"{field.translated_field.name}_{settings.SOURCE_LANGUAGE}")
        value = getattr(instance, source.name, "") if source else ""
        if value and value.strip():
            form_field.help_text = source_help(form_field.help_text, field, value)


def _german_rich_columns(model) -> dict[str, TranslationField]:
    return {
        field.name: field
        for field in model._meta.concrete_fields
        if isinstance(field, TranslationField)
        and isinstance(field, RichTextField)
        and field.language == settings.SOURCE_LANGUAGE
    }


def _renderer(column: str, field):
    def show(obj):
        return rendered(field, getattr(obj, column) or "")

    show.short_description = field.verbose_name
    return show


class SourceTextAdminMixin:
    """For those who may not publish, German rich text columns are shown rendered in the
    form (read-only), in place of their stored HTML."""

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        self._rendered = {
            column: column + RENDERED_SUFFIX for column in _german_rich_columns(model)
        }
        for column, field in _german_rich_columns(model).items():
            setattr(self, self._rendered[column], _renderer(column, field))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if self.has_publish_permission(request) or not self._rendered:
            return fieldsets
        return [
            (name, {**options, "fields": self._rendered_names(options["fields"])})
            for name, options in fieldsets
        ]

    def _rendered_names(self, names):
        return tuple(
            self._rendered_names(name)
            if isinstance(name, list | tuple)
            else self._rendered.get(name, name)
            for name in names
        )
