"""The generated PDFs on disk (``settings.PDF_ROOT``): one file per content generation,
language and document, named ``<generation>-<language>-<name>.pdf``, with its facts (bytes
and pages) beside it in ``….json``, both written atomically (a temporary file in the same
folder, then ``os.replace``). Writing one deletes the files of older generations of that
document and language but the previous one, which a request that began before the save
may still be sending.

Made once, also by several servers sharing the folder, and never inside a web worker: the
request that creates the lock file ``<generation>-<language>-<name>.lock`` (``O_EXCL``)
starts ``downloads.worker`` in its own process, which has ``settings.PDF_SECONDS`` to make
it and releases the lock when it is done or gives up. That request waits at most
``WAIT_SECONDS`` for the new file (so that the first request after a save gets it); every
other request meanwhile gets the previous generation's file at once, or, if there is none
yet, waits as long (then the view answers 503 with Retry-After). A lock older than
``STALE_LOCK_SECONDS`` (its maker died without releasing it) is taken over."""

import hashlib
import json
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

logger = logging.getLogger(__name__)
#: Files of one document and language kept: the current generation's and the previous one.
KEPT = 2
#: How long a request waits for a PDF being made (well below gunicorn's timeout).
WAIT_SECONDS = 20
#: A lock this old was left by a maker that died (it gives up after PDF_SECONDS).
STALE_LOCK_SECONDS = 300
POLL_SECONDS = 0.2


def path_for(generation: int, language: str, name: str) -> Path:
    return Path(settings.PDF_ROOT) / f"{generation}-{language}-{name}.pdf"


def etag(generation: int | None, language: str, name: str) -> str:
    digest = hashlib.sha256(f"{generation}-{language}-{name}".encode()).hexdigest()[:32]
    return f'"{digest}"'


def stored(
    generation: int, language: str, name: str, html: Callable[[], str], base_url: str
) -> tuple[Path, int] | None:
    """(file, its generation): this generation's, made from ``html()`` unless it is on disk
    or being made elsewhere (then the previous one); None if none came in time."""
    path = path_for(generation, language, name)
    if path.exists():
        return path, generation
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_suffix(".lock")
    if _take(lock):
        _start(path, lock, html(), base_url)
    elif (previous := newest(language, name)) is not None:
        return previous
    deadline = time.monotonic() + WAIT_SECONDS
    while not path.exists() and lock.exists() and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
    if path.exists():
        return path, generation
    return newest(language, name)  # its maker gave up or is still at it


def newest(language: str, name: str) -> tuple[Path, int] | None:
    """The newest file of a document in a language on disk, of any generation (what a
    request without a content generation, when the shared cache is down, gets)."""
    found = _newest(Path(settings.PDF_ROOT), language, name)
    return (found, _generation_of(found)) if found is not None else None


def facts(language: str, name: str) -> dict | None:
    """``{"bytes": …, "pages": …}`` of the newest file of a document in a language."""
    found = _newest(Path(settings.PDF_ROOT), language, name)
    try:
        return json.loads(found.with_suffix(".json").read_text()) if found else None
    except (OSError, ValueError):
        return None


def write(path: Path, data: bytes, pages: int) -> None:
    """Store a made PDF with its facts, then delete older generations (the worker)."""
    _write(path.with_suffix(".json"), json.dumps({"bytes": len(data), "pages": pages}).encode())
    _write(path, data)
    language, name = path.stem.split("-", 2)[1:]
    _prune(path.parent, language, name)


def _start(path: Path, lock: Path, html: str, base_url: str) -> None:
    """Hand the job to ``downloads.worker`` in a process of its own (which releases the
    lock); a thread of this process waits for it, so that it leaves no zombie."""
    job = path.with_suffix(".job")
    details = {"html": html, "base_url": base_url, "pdf": str(path), "lock": str(lock)}
    try:
        _write(job, json.dumps({**details, "seconds": settings.PDF_SECONDS}).encode())
        worker = subprocess.Popen(  # noqa: S603 (our interpreter, a file we wrote)
            [sys.executable, "-m", "downloads.worker", str(job)],
            cwd=settings.BASE_DIR,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # not stopped with the web worker that started it
        )
    except OSError:
        logger.exception("PDF %s: could not start its maker", path.name)
        job.unlink(missing_ok=True)
        lock.unlink(missing_ok=True)
        return
    threading.Thread(target=worker.wait, daemon=True).start()


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
    """The PDFs of one document in one language, newest generation first."""
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
            old.with_suffix(".json").unlink(missing_ok=True)
            old.unlink()
        except OSError:
            logger.warning("could not delete the old PDF %s", old.name)
