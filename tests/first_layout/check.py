"""Run with the current code (`manage.py shell`) on a database of the first layout after
`migrate`: prints, as JSON, what tests/test_upgrade.py asserts. Not imported by the suite."""

import json
import tempfile
from pathlib import Path

from django.apps import apps
from django.contrib.auth.models import Group, User
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from reversion.models import Version

from content.models import TranslationState, content_models
from exchange.loader import fixture_files, load_strategy
from exchange.models import SeedRecord
from exchange.serialisation import model_for
from leitlinien.models import Leitlinie
from portal.models import Rueckmeldung, Seite
from search.models import SearchEntry

page = Seite.objects.get(key="impressum")
versions = list(Version.objects.get_for_object(page).select_related("revision__user"))
leitlinien = ContentType.objects.get_for_model(Leitlinie)
state = TranslationState.objects.get(
    content_type=leitlinien,
    object_id=Leitlinie.objects.get(number=1).pk,
    language="ar",
    group="official",
)
# Leitlinie 2 has only editorial text: its one state per language was split in two.
second = TranslationState.objects.filter(
    content_type=leitlinien, object_id=Leitlinie.objects.get(number=2).pk
)
feedback = Rueckmeldung.objects.get()
client = Client()
redirect = client.get("/de/leitlinien/9/")
editor = User.objects.get(username="redakteurin")
client.force_login(editor)
# Past the second factor too (signin/), as tests.sign_in.verify_second_factor does it.
session = client.session
session[DEVICE_ID_SESSION_KEY] = StaticDevice.objects.create(user=editor, name="t").persistent_id
session.save()
admin_page = client.get(f"/admin/portal/seite/{page.pk}/change/")
history_page = client.get(f"/admin/portal/seite/{page.pk}/history/")
with connection.cursor() as cursor:
    tables = connection.introspection.table_names(cursor)
    cursor.execute("SELECT count(*) FROM django_migrations WHERE app = 'hannover_strategy'")
    old_migrations = cursor.fetchone()[0]
findings = {
    "title": page.title_de,
    "versions": len(versions),
    "latest_author": versions[0].revision.user.username if versions[0].revision.user else None,
    "latest_comment": versions[0].revision.comment,
    "version_models": sorted({v._model._meta.label_lower for v in versions}),
    "moved_versions": Version.objects.filter(
        content_type__app_label__in=["content", "portal", "search", "exchange"]
    ).count(),
    "state": [state.state, state.reviewed_by.username if state.reviewed_by else None],
    "states": TranslationState.objects.count(),
    "groups_of_leitlinie_1": sorted(
        set(
            TranslationState.objects.filter(
                content_type=leitlinien, object_id=state.object_id
            ).values_list("group", flat=True)
        )
    ),
    "split_of_leitlinie_2": sorted(
        {
            g: sorted(second.filter(group=g).values_list("language", "state"))
            for g in ("official", "editorial")
        }.items()
    ),
    "feedback": [feedback.message, feedback.status, feedback.internal_note],
    "redirect": [redirect.status_code, redirect.get("Location")],
    "admin_pages": [admin_page.status_code, history_page.status_code],
    "history_shows_comment": "Titel geändert" in history_page.content.decode(),
    "log_entries": editor.logentry_set.filter(object_id=str(page.pk)).count(),
    "counts": {m._meta.label_lower: m.objects.count() for m in content_models()},
    "seed_labels": sorted(set(SeedRecord.objects.values_list("model_label", flat=True))),
    "search_entries": SearchEntry.objects.count(),
    "old_content_types": ContentType.objects.filter(app_label="hannover_strategy").count(),
    "old_tables": sorted(t for t in tables if t.startswith("hannover_strategy_")),
    "old_migrations": old_migrations,
    "checker_publishes": User.objects.get(username="pruefer").has_perm("portal.publish_seite"),
    "editors_publish": sorted(
        p.codename
        for p in Group.objects.get(name="Redaktion").permissions.all()
        if p.codename.startswith("publish_")
    ),
    "stale_models": sorted(
        f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.all() if ct.model_class() is None
    ),
}
# Restoring the version the loader wrote brings its title back (the stored data names the
# model by its new label).
versions[-1].revision.revert()
findings["restored_title"] = Seite.objects.get(key="impressum").title_de
# The loader still knows what it wrote: the staff edit above is kept, nothing is created.
# (Of today's files, the objects the first layout's loader wrote: content added to the
# files since, such as the Stadtbezirke, is new to that database and not the question.)
page.title_de = "Impressum (redaktionell geändert)"
page.save()
written = set(SeedRecord.objects.values_list("model_label", "key"))
folder = Path(tempfile.mkdtemp())
for path in fixture_files():
    data = json.loads(path.read_text(encoding="utf-8"))
    data["objects"] = [
        entry
        for entry in data["objects"]
        if (model_for(entry["model"])._meta.label_lower, entry["key"]) in written
    ]
    (folder / path.name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
report = load_strategy(fixture_files(folder))
findings["reload"] = [report.created, report.kept_staff_edits]
findings["installed"] = sorted(c.label for c in apps.get_app_configs())
print("FINDINGS " + json.dumps(findings, ensure_ascii=False))
