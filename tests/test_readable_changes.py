"""The “Änderungen” page of a version reads like text: rich text without tags, paragraphs
as lines, insertions and deletions marked for the eye and for screen readers, each field
once with its language, and yes/no, choices and related entries in words."""

import html
import re

import pytest
from django.utils import translation
from reversion.models import Version

from beteiligung.models import Beteiligungsformat, Kennzahl, Meilenstein
from content.history import html_to_text, word_diff
from handlungsfelder.models import Grundsatz
from tests.support import admin_url, form_data

pytestmark = pytest.mark.django_db

INSERTED = '<ins><span class="visually-hidden" lang="de">eingefügt: </span>'
DELETED = '<del><span class="visually-hidden" lang="de">gelöscht: </span>'


def save(client, obj, **changes):
    url = admin_url(obj, "change", obj.pk)
    data = form_data(client.get(url))
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)  # an unticked box is not sent
        else:
            data[name] = value
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]


def latest_changes(client, obj) -> dict[str, str]:
    """The rows of the newest version's “Änderungen” page: {label: diff HTML}."""
    version = Version.objects.get_for_object(obj).first()
    url = f"{admin_url(obj, 'history', obj.pk)}{version.pk}/changes/"
    body = client.get(url).content.decode()
    rows = re.findall(r'<th scope="row">(.*?)</th><td[^>]*>(.*?)</td>', body, re.S)
    return {html.unescape(label): diff for label, diff in rows}


def test_rich_text_is_compared_as_text_with_its_paragraphs(admin_client):
    principle = Grundsatz.objects.get(number=1)
    save(admin_client, principle, description_de="<p>Erster <strong>Absatz</strong>.</p>")
    save(
        admin_client,
        principle,
        description_de="<p>Erster <strong>Absatz</strong>.</p><ul><li>Neuer Punkt</li></ul>",
    )
    rows = latest_changes(admin_client, principle)
    diff = rows["Offizielle Beschreibung [de]"]
    assert "&lt;" not in diff and "strong" not in diff and "<p>" not in diff
    # The new list item starts a line of its own.
    assert diff == f"Erster Absatz. {INSERTED}¶\n• Neuer Punkt</ins>"


def test_each_field_appears_once_with_its_language(admin_client):
    principle = Grundsatz.objects.get(number=1)
    save(admin_client, principle, description_de="<p>Eins.</p>", description_ar="<p>واحد</p>")
    save(admin_client, principle, description_de="<p>Zwei.</p>", description_ar="<p>اثنان</p>")
    rows = latest_changes(admin_client, principle)
    labels = [label for label in rows if "Beschreibung" in label]
    assert labels == ["Offizielle Beschreibung [de]", "Offizielle Beschreibung [ar]"]
    assert f"{DELETED}Eins.</del>" in rows["Offizielle Beschreibung [de]"]
    assert f"{INSERTED}Zwei.</ins>" in rows["Offizielle Beschreibung [de]"]
    version = Version.objects.get_for_object(principle).first()
    body = admin_client.get(
        f"{admin_url(principle, 'history', principle.pk)}{version.pk}/changes/"
    ).content.decode()
    assert '<td lang="ar" dir="rtl">' in body  # Arabic is shown right to left


def test_yes_no_choices_and_related_entries_are_shown_in_words(admin_client):
    figure = Kennzahl.objects.filter(at_least=False).first()
    old_format = figure.format
    new_format = Beteiligungsformat.objects.exclude(pk=old_format.pk).first()
    save(admin_client, figure, label_de=f"{figure.label_de} (geprüft)")
    save(admin_client, figure, at_least="on", format=new_format.pk)
    rows = latest_changes(admin_client, figure)
    assert rows["„über“"] == f"{DELETED}Nein</del> {INSERTED}Ja</ins>"
    # An entry is replaced as a whole, by its name (not word by word, not by its number).
    assert html.unescape(rows["Beteiligungsformat"]) == (
        f"{DELETED}{old_format.text}</del> {INSERTED}{new_format.text}</ins>"
    )

    milestone = Meilenstein.objects.filter(status=Meilenstein.Status.PLANNED).first()
    save(admin_client, milestone, text_de=f"{milestone.text_de} (vorläufig)")
    save(admin_client, milestone, status=Meilenstein.Status.CANCELLED)
    with translation.override("de"):
        planned = str(Meilenstein.Status.PLANNED.label)
        cancelled = str(Meilenstein.Status.CANCELLED.label)
    status = html.unescape(latest_changes(admin_client, milestone)["Status"])
    assert planned in status and cancelled in status
    assert "cancelled" not in re.sub(r"<[^>]+>", "", status)


def test_html_becomes_lines_of_text():
    assert html_to_text("<h2>Titel</h2><p>Ein <em>Satz</em>&nbsp;hier.</p><ol><li>a</li></ol>") == (
        "Titel\nEin Satz hier.\n• a"
    )


def test_a_changed_word_in_the_second_paragraph_keeps_the_first_apart():
    diff = word_diff("Erster Absatz.\nZweiter Satz.", "Erster Absatz.\nDritter Satz.")
    assert diff.startswith("Erster Absatz.\n<del>")
    assert "Zweiter</del>" in diff and "Dritter</ins> Satz." in diff


def test_a_change_of_formatting_only_says_so_and_empty_fields_are_left_out(admin_client):
    principle = Grundsatz.objects.get(number=1)
    save(admin_client, principle, description_de="<p>Gleiche Worte hier.</p>")
    save(admin_client, principle, description_de="<p>Gleiche <strong>Worte</strong> hier.</p>")
    rows = latest_changes(admin_client, principle)
    diff = rows["Offizielle Beschreibung [de]"]
    assert "Nur die Formatierung" in html.unescape(diff)
    assert "<ins>" not in diff and "<del>" not in diff
    # Translations left empty before and after are not listed as changed.
    assert not [label for label in rows if label != "Offizielle Beschreibung [de]"]
