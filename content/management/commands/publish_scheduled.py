"""``manage.py publish_scheduled``: publish and withdraw what staff planned for now or
earlier (content/scheduling.py), and release the change drafts released for now or earlier
(content/release.py). Run it every minute from a systemd timer or cron, on one
server or on all: what is done once is never done again."""

from django.core.management.base import BaseCommand

from content import release
from content.scheduling import run_due


class Command(BaseCommand):
    help = "Publish and withdraw the entries planned for now or earlier (safe every minute)."

    def handle(self, *args, **options):
        done = run_due()
        for plan in done:
            self.stdout.write(
                f"{plan.content_type.app_label}.{plan.content_type.model} {plan.object_id}: "
                f"{plan.action} ({plan.outcome})"
            )
        drafts = release.run_due()
        for draft in drafts:
            self.stdout.write(f"change draft {draft.pk}: {draft.state}")
        if options["verbosity"] > 1 or done or drafts:
            self.stdout.write(
                f"publish_scheduled: {len(done)} plan(s) carried out, "
                f"{len(drafts)} change draft(s) due"
            )
