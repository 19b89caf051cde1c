"""The catalogue page of the admin, through the test client: only editors import; a file is
previewed (new, changed, unchanged rows and every problem) before it is imported under the
editor's name; the export downloads in the import format."""

import io

import pytest
from django.urls import reverse
from reversion.models import Revision

from content.roles import EDITORS, TRANSLATORS
from exchange.catalogue_files import columns
from tests.support import csrf_client, csrf_token, staff_user
from tests.test_catalogue_io import (  # noqa: F401 - goals and empty_catalogue are fixtures
    BAD_ROWS,
    ROWS,
    cell_values,
    csv_file,
    empty_catalogue,
    goals,
)
from umsetzung.models import Fortschrittsmeldung, Massnahme

pytestmark = pytest.mark.django_db


def test_only_editors_may_import_and_the_admin_previews_before_it_imports():
    page = reverse("catalogue_import")
    translator = csrf_client()
    translator.force_login(staff_user("uebersetzerin", TRANSLATORS))
    assert translator.get(page).status_code == 403
    token = csrf_token(translator.get(reverse("admin:index")))
    upload = io.BytesIO(csv_file(ROWS))
    upload.name = "beispiel.csv"
    refused = translator.post(page, {"file": upload, "csrfmiddlewaretoken": token})
    assert refused.status_code == 403 and not Massnahme.objects.exists()
    assert csrf_client().get(page)["Location"].startswith(reverse("admin:login"))

    editor = csrf_client()
    editor.force_login(staff_user("redakteur", EDITORS))
    index = editor.get(reverse("admin:index")).content.decode()
    assert f'href="{page}"' in index and "Katalog importieren / exportieren" in index
    shown = editor.get(page)
    assert shown.status_code == 200 and "Katalog importieren" in shown.content.decode()
    upload = io.BytesIO(csv_file(ROWS))
    upload.name = "beispiel.csv"
    preview = editor.post(page, {"file": upload, "csrfmiddlewaretoken": csrf_token(shown)})
    text = preview.content.decode()
    assert preview.status_code == 200 and "3 neu" in text and "beispiel-sprachcafe" in text
    assert not Massnahme.objects.exists()
    token = preview.context["confirm"]
    done = editor.post(
        page, {"upload": token, "confirm": "1", "csrfmiddlewaretoken": csrf_token(preview)}
    )
    assert done.status_code == 302 and Massnahme.objects.count() == 3
    assert Revision.objects.latest("pk").user.username == "redakteur"

    bad = io.BytesIO(csv_file(BAD_ROWS))
    bad.name = "schlecht.csv"
    answer = editor.post(page, {"file": bad, "csrfmiddlewaretoken": csrf_token(shown)})
    assert answer.status_code == 200
    assert "Zeile 2, Spalte „status“: Den Status „fertig“ gibt es nicht" in answer.content.decode()
    assert answer.context["confirm"] is None

    download = editor.get(reverse("catalogue_export", args=["xlsx"]))
    assert download.status_code == 200 and "katalog" in download["Content-Disposition"]
    assert (
        cell_values(
            b"".join(download.streaming_content) if download.streaming else download.content
        )[0]
        == columns()
    )
    assert Fortschrittsmeldung.objects.count() == 0
