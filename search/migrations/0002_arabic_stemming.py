"""Arabic search entries are stemmed with PostgreSQL's own Arabic configuration (they used
“simple” before): their vectors are computed again. Nothing to do on SQLite, which has no
vectors."""

from django.contrib.postgres.search import SearchVector
from django.db import migrations


def arabic_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    entries = apps.get_model("search", "SearchEntry").objects.filter(language="ar")
    entries.update(vector=SearchVector("text", config="arabic"))


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(arabic_vectors, migrations.RunPython.noop)]
