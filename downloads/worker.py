"""Makes one PDF outside the web server's processes, in at most a set time:
``python -m downloads.worker JOB`` with JOB the path of the ``.job`` file that
``store._start`` wrote (the page's HTML, its base address, the PDF's path, its lock and the
time limit). Started detached, so that the request that asked for it can stop waiting
(and a web worker that is recycled meanwhile does not take it along).

It writes the PDF and its facts (``.json``: bytes and pages) atomically, deletes older
generations, and releases the lock at the end, also when rendering fails or runs out of
time (then it logs why and leaves no file: the next request tries again)."""

import json
import logging
import os
import signal
import sys
import time
from pathlib import Path

import django

from downloads import render, store


class OutOfTime(BaseException):
    """Rendering took longer than the time limit (a BaseException, so that no ``except
    Exception`` inside the renderer swallows it)."""


def _out_of_time(signum, frame):
    raise OutOfTime


def main(job_path: str) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hannover_strategy.settings")
    django.setup()
    logger = logging.getLogger("downloads.worker")
    job_file = Path(job_path)
    job = json.loads(job_file.read_text(encoding="utf-8"))
    target, lock = Path(job["pdf"]), Path(job["lock"])
    signal.signal(signal.SIGALRM, _out_of_time)
    signal.setitimer(signal.ITIMER_REAL, job["seconds"])
    try:
        began = time.monotonic()
        data, pages = render.pdf_and_pages(job["html"], job["base_url"])
        signal.setitimer(signal.ITIMER_REAL, 0)
        store.write(target, data, pages)
        logger.info(
            "PDF %s made in %.1f s: %d pages, %d bytes",
            target.name,
            time.monotonic() - began,
            pages,
            len(data),
        )
        return 0
    except OutOfTime:
        logger.error("PDF %s not made: it took over %s s", target.name, job["seconds"])
        return 1
    except Exception:
        logger.exception("PDF %s not made", target.name)
        return 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        job_file.unlink(missing_ok=True)
        lock.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
