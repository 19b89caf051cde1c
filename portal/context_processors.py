"""Context available to every public template."""

import re

from django.core.exceptions import SuspiciousOperation
from django.utils.functional import SimpleLazyObject

from content.views import is_preview, kept_visible
from leitlinien.models import Strategiepapier
from leitlinien.views import visible_sections
from operations import site_data
from operations.paths import ADMIN_PREFIX, PREVIEW_BACK_PARAMETER

ADMIN_FORM = re.compile(re.escape(ADMIN_PREFIX) + r"[a-z_]+/[a-z_]+/\d+/change/")


def portal(request):
    """The paper's title block for header and footer and the paper's sections by key
    (headings and introductions that many pages show), both kept per content generation
    (``operations.site_data``; drafts too in a preview), and whether staff are looking at a
    preview. The lookups run only when a template uses them."""
    try:
        preview = is_preview(request)
    except SuspiciousOperation:  # an unparsable query string, answered with the 400 page
        preview = False
    return {
        "paper": SimpleLazyObject(
            lambda: site_data.current(
                request, "paper", lambda: Strategiepapier.objects.published().first()
            )
        ),
        "sections": SimpleLazyObject(
            lambda: kept_visible(request, "sections", lambda: visible_sections(request))
        ),
        "preview": preview,
        # A change draft's preview (content.draft_admin) leads back to the draft's page.
        "change_draft": getattr(request, "change_draft_preview", None),
        "preview_back": getattr(request, "preview_back", "")
        or (_edit_form(request) if preview else ""),
    }


def _edit_form(request) -> str:
    """Where the preview came from: the admin's edit form (``&edit=/admin/…``), if that is
    what the parameter names (an address of our admin, nothing else)."""
    address = request.GET.get(PREVIEW_BACK_PARAMETER, "")
    return address if ADMIN_FORM.fullmatch(address) else ""
