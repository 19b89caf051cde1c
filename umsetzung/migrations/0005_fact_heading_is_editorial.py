"""A fact's heading is the editors' own words: ``editorial_title`` (reviewed with the
editorial addition), in every language column."""

from django.db import migrations

LANGUAGES = ("de", "en", "ar", "fa", "pl", "ru", "tr", "uk")


class Migration(migrations.Migration):
    dependencies = [("umsetzung", "0004_longer_source_links")]

    operations = [
        migrations.RenameField("umsetzungsfakt", "title", "editorial_title"),
        *(
            migrations.RenameField("umsetzungsfakt", f"title_{code}", f"editorial_title_{code}")
            for code in LANGUAGES
        ),
    ]
