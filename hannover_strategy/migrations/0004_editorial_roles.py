from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_roles(apps, schema_editor):
    from hannover_strategy.roles import sync_groups

    # Permissions are normally created after all migrations; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("hannover_strategy", "0003_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("leitlinien", "0002_portal_languages"),
        ("handlungsfelder", "0002_portal_languages"),
        ("beteiligung", "0002_portal_languages"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
