"""Addresses and query parameters that the site-wide machinery must recognise.

Written once here: the URL configuration mounts the admin at ``ADMIN_PREFIX``, and the
page cache, the middleware and the outage handling recognise admin requests and previews
by these names.
"""

ADMIN_PREFIX = "/admin/"
HEALTH_PATH = "/healthz"
# ``?preview=1``: signed-in staff see drafts (content.views); never cached or indexed.
PREVIEW_PARAMETER = "preview"
# ``&edit=/admin/…/change/``: the admin form a preview was opened from (its way back).
PREVIEW_BACK_PARAMETER = "edit"


def is_admin(request) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)


def mentions_preview(request) -> bool:
    """The raw query string names the preview parameter (parsing it may fail: a hostile
    query string is answered with 400 further in)."""
    return PREVIEW_PARAMETER in request.META.get("QUERY_STRING", "")
