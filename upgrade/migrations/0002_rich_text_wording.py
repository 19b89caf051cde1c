"""Official wording and editorial additions become rich text (December 2026).

The official wording of the Leitlinien and the Priorisierungen and every editorial addition
were plain text fields: emphasis typed as ``**…**`` and web addresses reached the page as
typed, paragraphs ran together. They are rich text now, like the other texts of the paper.
This migration turns every language column of every rich text field of the paper's apps
into the HTML it reads as (``content.richtext.plain_to_html``, copied here as it is today:
a migration must not change when the code does; tests/test_rich_text.py checks that both
agree). Values that are HTML already stay as they are. The content loader's records of what
it wrote are converted the same way, so that the next load finds nothing to change and
still recognises fields staff edited. The reverse step turns the HTML back into text.
"""

import html
import re

from django.conf import settings
from django.db import migrations
from django.utils.html import strip_tags

# app → model → its rich text fields (those of the paper's apps)
RICH_FIELDS = {
    "leitlinien": {
        "strategiepapier": ("editorial_text",),
        "abschnitt": ("text", "editorial_text"),
        "leitlinie": ("text", "editorial_text"),
        "begriff": ("definition", "editorial_text"),
    },
    "handlungsfelder": {
        "handlungsfeld": ("description", "editorial_text"),
        "grundsatz": ("description", "editorial_text"),
        "priorisierung": ("text",),
    },
    "beteiligung": {"meilenstein": ("editorial_text",)},
}

_HTML_TAG = re.compile(r"</?(?:p|br|h[1-6]|ul|ol|li|strong|em|b|i|a|div|span)\b[^<>]*>", re.I)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_ADDRESS = re.compile(r"\bhttps?://[^\s<>\"]+[^\s<>\".,;:!?)\]»“”'’،؛]")
_BLOCK_END = re.compile(r"</(?:p|h[1-6]|ul|ol)>\s*", re.I)
_LINE_END = re.compile(r"<br\s*/?>|</li>\s*", re.I)


def is_html(value):
    return bool(_HTML_TAG.search(value or ""))


def _text(value):
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return escaped.replace("\xa0", "&nbsp;")


def _line_html(line):
    parts, start = [], 0
    for match in _ADDRESS.finditer(line):
        address = match.group().replace("&", "&amp;").replace('"', "&quot;")
        parts += [_text(line[start : match.start()]), f'<a href="{address}">']
        parts += [_text(match.group()), "</a>"]
        start = match.end()
    parts.append(_text(line[start:]))
    return "".join(parts)


def plain_to_html(value):
    if not value or not value.strip() or is_html(value):
        return value
    text = value.replace("\r\n", "\n").replace("\r", "\n").strip()
    paragraphs = [
        "<p>" + "<br>".join(_line_html(line.strip()) for line in block.split("\n")) + "</p>"
        for block in _PARAGRAPH_BREAK.split(text)
    ]
    return "".join(paragraphs)


def html_to_plain(value):
    if not value or not is_html(value):
        return value
    text = _LINE_END.sub("\n", _BLOCK_END.sub("\n\n", value))
    return html.unescape(strip_tags(text)).strip()


def _columns(model, fields):
    names = {f.name for f in model._meta.get_fields()}
    wanted = [(f, *(f"{f}_{code}" for code, _name in settings.LANGUAGES)) for f in fields]
    return [name for group in wanted for name in group if name in names]


def _convert(apps, convert):
    record_model = apps.get_model("exchange", "SeedRecord")
    for app_label, models in RICH_FIELDS.items():
        for model_name, fields in models.items():
            model = apps.get_model(app_label, model_name)
            columns = _columns(model, fields)
            for row in model.objects.values("pk", *columns):
                changes = {c: convert(row[c]) for c in columns if row[c]}
                changes = {c: v for c, v in changes.items() if v != row[c]}
                if changes:
                    model.objects.filter(pk=row["pk"]).update(**changes)
            label = f"{app_label}.{model_name}"
            for record in record_model.objects.filter(model_label=label):
                values = {
                    k: convert(v) if k in columns and isinstance(v, str) else v
                    for k, v in record.values.items()
                }
                if values != record.values:
                    record_model.objects.filter(pk=record.pk).update(values=values)


def forwards(apps, schema_editor):
    _convert(apps, plain_to_html)


def backwards(apps, schema_editor):
    _convert(apps, html_to_plain)


class Migration(migrations.Migration):
    dependencies = [
        ("upgrade", "0001_first_layout"),
        ("exchange", "0001_initial"),
        ("leitlinien", "0004_rich_text_wording"),
        ("handlungsfelder", "0003_publish_permission"),
        ("beteiligung", "0003_publish_permission"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
