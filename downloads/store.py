"""The generated PDFs on disk (``settings.PDF_ROOT``): one file per content generation,
language and document, named ``<generation>-<language>-<name>.pdf`` and written atomically
(a temporary file in the same folder, then ``os.replace``). Writing one deletes the files of
older generations of that document and language but the previous one, which a request
that began before the save may still be sending."""

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)
#: Files of one document and language kept: the current generation's and the previous one.
KEPT = 2


def path_for(generation: int, language: str, name: str) -> Path:
    return Path(settings.PDF_ROOT) / f"{generation}-{language}-{name}.pdf"


def etag(generation: int | None, language: str, name: str) -> str:
    digest = hashlib.sha256(f"{generation}-{language}-{name}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def stored(generation: int, language: str, name: str, make: Callable[[], bytes]) -> Path:
    """The file of this generation, made by ``make()`` unless it is on disk already."""
    path = path_for(generation, language, name)
    if path.exists():
        return path
    data = make()
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _prune(path.parent, language, name)
    return path


def _generation_of(path: Path) -> int:
    try:
        return int(path.name.split("-", 1)[0])
    except ValueError:
        return -1


def _prune(folder: Path, language: str, name: str) -> None:
    """Delete all but the newest ``KEPT`` generations of one document in one language."""
    suffix = f"-{language}-{name}.pdf"
    files = sorted(
        (p for p in folder.glob(f"*{suffix}") if p.name.split("-", 1)[1] == suffix[1:]),
        key=_generation_of,
        reverse=True,
    )
    for old in files[KEPT:]:
        try:
            old.unlink()
        except OSError:
            logger.warning("could not delete the old PDF %s", old.name)
