"""HTML to tagged PDF (PDF/UA-1) with WeasyPrint, which never reaches the network: its URL
fetcher serves our own static files and ``data:`` addresses (the QR code) and refuses
everything else."""

import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import CSS, DEFAULT_OPTIONS, HTML, default_url_fetcher

from . import tagging

logger = logging.getLogger(__name__)
STYLESHEET = "css/pdf.css"


class RefusedAddress(ValueError):
    """WeasyPrint asked for something that is not one of our static files."""


def static_file(name: str) -> Path | None:
    """A static file of ours by its name (``css/pdf.css``), collected or in the sources."""
    if ".." in Path(name).parts:
        return None
    try:
        collected = Path(staticfiles_storage.path(name))
    except NotImplementedError:
        collected = None
    if collected is not None and collected.is_file():
        return collected
    found = finders.find(name)
    return Path(found) if found else None


def url_fetcher(url: str, *args, **kwargs) -> dict:
    """Our static files and ``data:`` addresses only; anything else is refused."""
    if url.startswith("data:"):
        return default_url_fetcher(url)
    parts = urlsplit(url)
    path = unquote(parts.path)
    if parts.scheme in ("http", "https") and path.startswith(settings.STATIC_URL):
        found = static_file(path[len(settings.STATIC_URL) :])
        if found is not None:
            return {
                "string": found.read_bytes(),
                "mime_type": mimetypes.guess_type(found.name)[0] or "application/octet-stream",
                "redirected_url": url,
            }
    logger.warning("PDF: refused to fetch %s", url[:200])
    raise RefusedAddress(url[:200])


def stylesheet() -> CSS:
    return CSS(filename=str(static_file(STYLESHEET)), url_fetcher=url_fetcher)


def qr_data_uri(address: str) -> str:
    """The QR code of ``address`` as an SVG ``data:`` address (as the share view draws it)."""
    return segno.make(address, error="m").svg_data_uri(scale=4, dark="#1b1b1f")


def pdf_and_pages(html: str, base_url: str) -> tuple[bytes, int]:
    """The tagged PDF of ``html`` (with its ``lang``, ``dir`` and ``<title>``, which is the
    title in the metadata) and its number of pages."""
    options = {
        **DEFAULT_OPTIONS,
        "stylesheets": [stylesheet()],
        "pdf_variant": "pdf/ua-1",
        "uncompressed_pdf": False,
        "presentational_hints": True,
    }
    page = HTML(string=html, base_url=base_url, url_fetcher=url_fetcher)
    with tagging.languages_marked(page.etree_element.get("lang", "")):
        document = page.render(**options)
        return document.write_pdf(**options), len(document.pages)
