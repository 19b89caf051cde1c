"""Carry a database of the first layout over to the current apps.

Until December 2026 the project package ``hannover_strategy`` held eight models of its own.
They now live in the apps that own them (``content``, ``portal``, ``search``,
``exchange``), whose first migrations create their tables empty. On a database of the
first layout this migration then, in one transaction:

- copies every row of the old tables into the new ones (same primary keys) and moves the
  id sequences past them;
- renames the old models' content types to their new app, keeping their ids, so that
  history (django-reversion), translation states, permissions, group grants and the admin
  log stay attached;
- rewrites the model label inside the history's stored versions, so that old versions can
  still be restored;
- renames the content loader's records, so that it still recognises what staff edited;
- drops the old tables and the old app's migration records.

On a database that started with the current layout it does nothing.
"""

import json

from django.core.management.color import no_style
from django.db import migrations

OLD_APP = "hannover_strategy"
# model name → the app that owns it now
MOVED = {
    "translationstate": "content",
    "seite": "portal",
    "barrierefreiheitserklaerung": "portal",
    "gebaerdensprachvideo": "portal",
    "offenedaten": "portal",
    "rueckmeldung": "portal",
    "searchentry": "search",
    "seedrecord": "exchange",
}


def carry_over(apps, schema_editor):
    connection = schema_editor.connection
    quote = connection.ops.quote_name
    tables = set(connection.introspection.table_names())
    moved = {name: app for name, app in MOVED.items() if f"{OLD_APP}_{name}" in tables}
    if not moved:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    SeedRecord = apps.get_model("exchange", "SeedRecord")

    models = []
    for name, app in moved.items():
        model = apps.get_model(app, name)
        columns = ", ".join(quote(f.column) for f in model._meta.local_concrete_fields)
        schema_editor.execute(
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
            f"SELECT {columns} FROM {quote(f'{OLD_APP}_{name}')}"
        )
        models.append(model)
        # A content type of the new name exists only if an interrupted run made it; the old
        # one is the one everything refers to.
        ContentType.objects.filter(app_label=app, model=name).delete()
        ContentType.objects.filter(app_label=OLD_APP, model=name).update(app_label=app)
    for sql in connection.ops.sequence_reset_sql(no_style(), models):
        schema_editor.execute(sql)

    labels = {f"{OLD_APP}.{name}": f"{app}.{name}" for name, app in moved.items()}
    versions = Version.objects.filter(
        content_type__app_label__in=set(moved.values()), content_type__model__in=list(moved)
    )
    for version in versions.iterator():
        data = json.loads(version.serialized_data)
        for item in data:
            item["model"] = labels.get(item.get("model"), item.get("model"))
        version.serialized_data = json.dumps(data, ensure_ascii=False)
        version.save(update_fields=["serialized_data"])
    for old, new in labels.items():
        SeedRecord.objects.filter(model_label=old).update(model_label=new)

    for name in moved:
        schema_editor.execute(f"DROP TABLE {quote(f'{OLD_APP}_{name}')}")
    schema_editor.execute("DELETE FROM django_migrations WHERE app = %s", [OLD_APP])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("content", "0001_initial"),
        ("portal", "0001_initial"),
        ("search", "0001_initial"),
        ("exchange", "0001_initial"),
    ]

    operations = [migrations.RunPython(carry_over, migrations.RunPython.noop)]
