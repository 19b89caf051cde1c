"""The generated PDFs on disk (``settings.PDF_ROOT``): one file per content generation,
language and document, named ``<generation>-<language>-<name>.pdf`` and written atomically
(a temporary file in the same folder, then ``os.replace``). Writing one deletes the files of
older generations of that document and language but the previous one, which a request
that began before the save may still be sending.

Made once, also by several servers sharing the folder: the request that creates the lock
file ``<generation>-<language>-<name>.lock`` (``O_EXCL``) makes the PDF; every other request
meanwhile gets the previous generation's file at once, or, if there is none yet, waits at
most ``WAIT_SECONDS`` for the new one (then the view answers 503 with Retry-After). A lock
older than ``STALE_LOCK_SECONDS`` (its maker died) is taken over."""

import hashlib
import logging
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)
#: Files of one document and language kept: the current generation's and the previous one.
KEPT = 2
WAIT_SECONDS = 20
STALE_LOCK_SECONDS = 120
POLL_SECONDS = 0.2


def path_for(generation: int, language: str, name: str) -> Path:
    return Path(settings.PDF_ROOT) / f"{generation}-{language}-{name}.pdf"


def etag(generation: int | None, language: str, name: str) -> str:
    digest = hashlib.sha256(f"{generation}-{language}-{name}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def stored(
    generation: int, language: str, name: str, make: Callable[[], bytes]
) -> tuple[Path, int] | None:
    """(file, its generation): this generation's, made by ``make()`` unless it is on disk
    or being made elsewhere (then the previous one); None if none came in time."""
    path = path_for(generation, language, name)
    if path.exists():
        return path, generation
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_suffix(".lock")
    if _take(lock):
        try:
            _write(path, make())
        finally:
            lock.unlink(missing_ok=True)
        _prune(path.parent, language, name)
        return path, generation
    previous = _newest(path.parent, language, name)
    if previous is not None:
        return previous, _generation_of(previous)
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        if path.exists():
            return path, generation
    return None


def _take(lock: Path) -> bool:
    """Create the lock file; True if this request makes the PDF."""
    for _attempt in range(2):
        try:
            os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
            return True
        except FileExistsError:
            try:
                stale = time.time() - lock.stat().st_mtime > STALE_LOCK_SECONDS
            except FileNotFoundError:  # released meanwhile: try once more
                continue
            if not stale:
                return False
            logger.warning("PDF: taking over the stale lock %s", lock.name)
            lock.unlink(missing_ok=True)
    return False


def _write(path: Path, data: bytes) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _generation_of(path: Path) -> int:
    try:
        return int(path.name.split("-", 1)[0])
    except ValueError:
        return -1


def _files(folder: Path, language: str, name: str) -> list[Path]:
    """The files of one document in one language, newest generation first."""
    suffix = f"-{language}-{name}.pdf"
    return sorted(
        (p for p in folder.glob(f"*{suffix}") if p.name.split("-", 1)[1] == suffix[1:]),
        key=_generation_of,
        reverse=True,
    )


def _newest(folder: Path, language: str, name: str) -> Path | None:
    files = _files(folder, language, name)
    return files[0] if files else None


def _prune(folder: Path, language: str, name: str) -> None:
    """Delete all but the newest ``KEPT`` generations of one document in one language."""
    for old in _files(folder, language, name)[KEPT:]:
        try:
            old.unlink()
        except OSError:
            logger.warning("could not delete the old PDF %s", old.name)
