"""Run by `make_dumps.sh` with the code of the first layout (revision c2cb89f), after its
migrate and load_strategy: what staff had done on a live portal, for the upgrade test.

Not imported by the test suite (it needs the old code).
"""

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.utils import timezone

from hannover_strategy.models import Rueckmeldung, Seite, TranslationState
from leitlinien.models import Leitlinie

editor = User.objects.create_user("redakteurin", "r@example.org", "x-Secret-12345", is_staff=True)
editor.groups.add(Group.objects.get(name="Redaktion"))
# Someone granted the old single publish permission by hand.
checker = User.objects.create_user("pruefer", "p@example.org", "x-Secret-12345", is_staff=True)
checker.user_permissions.add(Permission.objects.get(codename="publish_content"))

page = Seite.objects.get(key="impressum")
with reversion.create_revision():
    reversion.set_user(editor)
    reversion.set_comment("Titel geändert")
    page.title_de = "Impressum (redaktionell geändert)"
    page.save()
LogEntry.objects.log_actions(
    editor.pk, [page], CHANGE, change_message="Titel geändert", single_object=True
)

reviewed = TranslationState.objects.get(
    content_type=ContentType.objects.get_for_model(Leitlinie),
    object_id=Leitlinie.objects.get(number=1).pk,
    language="ar",
)
reviewed.state = TranslationState.State.REVIEWED
reviewed.reviewed_by = editor
reviewed.reviewed_at = timezone.now()
reviewed.save()

Redirect.objects.create(
    site=Site.objects.get_current(), old_path="/de/leitlinien/9/", new_path="/de/leitlinien/3/"
)
Rueckmeldung.objects.create(
    message="Die Schrift auf dem Telefon ist zu klein.",
    page="/de/",
    language="de",
    status=Rueckmeldung.Status.IN_PROGRESS,
    internal_note="Rückruf vereinbart",
)
print("first layout filled")
