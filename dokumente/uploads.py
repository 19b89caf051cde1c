"""What an uploaded document is, told by its content and never by its name: PDF,
OpenDocument (ODF) or an image (PNG, JPEG, WebP). Everything else is refused with a
message staff understand, before anything is stored.

ODF files are zip archives: they are refused when they would unpack to more than
``ODF_EXPANSION`` times the size limit (a zip bomb) or hold a member whose name is a path
out of the archive (``../x``, ``/etc/x``)."""

import re
import zipfile
import zlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

ODF_EXPANSION = 50
HEAD = 1024
# ODF types by their ``mimetype`` member, with the extension the stored file gets.
ODF_TYPES = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
    "application/vnd.oasis.opendocument.graphics": "odg",
}
MARKUP = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body", b"<!--")
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")
STREAM = re.compile(rb"(?<!end)stream\r?\n")

NOT_ACCEPTED = _(
    "Only PDF, OpenDocument (ODF) and image files (PNG, JPEG, WebP) are accepted; this file "
    "is none of them, whatever its name says."
)
MARKUP_REFUSED = _(
    "HTML and SVG files are not accepted, whatever their name says: they can contain scripts."
)
PROGRAM_REFUSED = _("Programs are not accepted, whatever their name says.")
TOO_LARGE = _("The file is %(size)s large; documents may be at most %(limit)s.")
EMPTY = _("The file is empty.")
ODF_TOO_LARGE = _("The OpenDocument file would unpack to more than %(limit)s; it is not accepted.")
ODF_PATH = _(
    "The OpenDocument file contains a path in a member's name (%(name)s); it is not accepted."
)
ODF_BROKEN = _("The OpenDocument file is damaged or not a real OpenDocument file.")


@dataclass(frozen=True)
class Detected:
    content_type: str
    extension: str


def limit() -> int:
    return settings.DOCUMENT_MAX_BYTES


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(HEAD)
    file.seek(0)
    return head


def detect(file) -> Detected:
    """The type of ``file`` (a Django ``File``) by its content; ValidationError otherwise."""
    size = file.size
    if not size:
        raise ValidationError(EMPTY, code="empty")
    if size > limit():
        raise ValidationError(
            TOO_LARGE,
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limit())},
        )
    head = _head(file)
    if head.startswith(b"%PDF-"):
        return Detected("application/pdf", "pdf")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Detected("image/png", "png")
    if head.startswith(b"\xff\xd8\xff"):
        return Detected("image/jpeg", "jpg")
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return Detected("image/webp", "webp")
    if head.startswith(b"PK\x03\x04"):
        return _odf(file)
    if head.startswith((b"MZ", b"\x7fELF", b"#!")):
        raise ValidationError(PROGRAM_REFUSED, code="program")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(MARKUP) or b"<svg" in text or b"<html" in text:
        raise ValidationError(MARKUP_REFUSED, code="markup")
    raise ValidationError(NOT_ACCEPTED, code="unknown")


def _odf(file) -> Detected:
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            for member in members:
                name = member.filename.replace("\\", "/")
                if name.startswith("/") or ".." in name.split("/") or re.match(r"^\w:", name):
                    raise ValidationError(ODF_PATH, code="path", params={"name": member.filename})
            if sum(member.file_size for member in members) > ODF_EXPANSION * limit():
                raise ValidationError(
                    ODF_TOO_LARGE,
                    code="bomb",
                    params={"limit": filesizeformat(ODF_EXPANSION * limit())},
                )
            first = members[0] if members else None
            if first is None or first.filename != "mimetype" or first.file_size > 100:
                raise ValidationError(NOT_ACCEPTED, code="unknown")
            mimetype = archive.read(first).decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError):
        raise ValidationError(ODF_BROKEN, code="broken") from None
    finally:
        file.seek(0)
    if mimetype not in ODF_TYPES:
        raise ValidationError(NOT_ACCEPTED, code="unknown")
    return Detected(mimetype, ODF_TYPES[mimetype])


def validate_upload(file) -> None:
    """The model field's validator (and so the admin form's): a new upload is checked; a
    file stored before (the form saved again without a new one) was checked then."""
    if getattr(file, "_committed", False):
        return
    detect(file)


def count_pages(file) -> int | None:
    """The pages of a PDF, counted as its ``/Type /Page`` objects, also those packed into
    compressed object streams (``/ObjStm``, as WeasyPrint writes them; unpacked to at most
    ``ODF_EXPANSION`` times the size limit). None where no page object is found; an
    incremental update that rewrites pages may count them twice (the note says “about”)."""
    file.seek(0)
    data = file.read()  # at most DOCUMENT_MAX_BYTES: checked before
    file.seek(0)
    count = len(PAGE_OBJECT.findall(data))
    budget = ODF_EXPANSION * limit()
    for match in STREAM.finditer(data):
        dictionary = data[max(0, match.start() - 300) : match.start()]
        if b"/ObjStm" not in dictionary.rsplit(b"obj", 1)[-1] or b"/FlateDecode" not in dictionary:
            continue
        end = data.find(b"endstream", match.end())
        try:
            unpacked = zlib.decompressobj().decompress(data[match.end() : end], budget)
        except zlib.error:
            continue
        budget -= len(unpacked)
        count += len(PAGE_OBJECT.findall(unpacked))
        if budget <= 0:
            break
    return count or None
