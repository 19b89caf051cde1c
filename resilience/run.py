"""`make resilience`: a database outage and two app servers, with real servers.

``python -m resilience.run --tmp DIR``, started by ``scripts/resilience`` (which makes the
temporary folder and removes it afterwards). Starts PostgreSQL 15, Redis and two gunicorn
instances with production settings on 127.0.0.1 (services.py), then proves:

1. several servers: an admin edit saved through server A is on the next page from B
   (editor.py), and a new PDF asked of both at once is made once (pdfs.py);
2. database outage under load: PostgreSQL is stopped and started again while both
   servers are loaded; every response is checked (cached pages keep coming, the others
   get the polite 503 in the page's language with Retry-After, never a 500, a traceback
   or a refused connection) and the time until each server answers normally again
   (outage.py, outage_report.py);
3. soak: 64 connections for 60 s, 0 errors, worker memory growth under 10 % (soak.py);
4. publishing under load: a release every 5 s for 60 s at 64 connections, on the app
   servers and through nginx in front of them: 0 errors, p99 at most 3× the p99 without
   releases, every release visible within 2 s (publishing.py).

Prints a summary, writes it to resilience/results.md and exits 1 when a check failed.
Every process it started is stopped on the way out, also on failure or SIGTERM. The
durations and connection counts come from the environment (config.py).
"""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import sys
from pathlib import Path

from resilience import RunError
from resilience.config import (
    OUTAGE_SECONDS,
    PUBLISH_EVERY,
    RESULTS,
    SOAK_CONNECTIONS,
    SOAK_SECONDS,
    SOAK_WARMUP,
    now,
)
from resilience.editor import several_servers
from resilience.outage import run_outage
from resilience.outage_report import report_outage
from resilience.pdfs import pdf_made_once
from resilience.publishing import publishing_under_load
from resilience.report import Report, server_logs
from resilience.services import Cluster
from resilience.soak import soak
from scripts.machine import machine_line, package_version, postgres_version, tool_version
from scripts.servers import REPO, tail


def steps(cluster: Cluster, report: Report) -> None:
    print("resilience: starting PostgreSQL, Redis and two gunicorn instances", flush=True)
    began = now()
    cluster.setup()
    report.machine = "Machine: " + machine_line(
        f"gunicorn {package_version('gunicorn')}",
        f"PostgreSQL {postgres_version()}",
        f"Redis {tool_version(['redis-server', '--version'], 'v=')}",
        f"load average {os.getloadavg()[0]:.2f} at the start.",
    )
    report.setup = cluster.describe(now() - began)
    print("resilience: 1. an edit through A, read through B", flush=True)
    several_servers(cluster, report)
    print("resilience: 1b. the same new PDF asked of A and B at once", flush=True)
    pdf_made_once(cluster, report)
    print(
        f"resilience: 2. PostgreSQL stops and starts under load ({OUTAGE_SECONDS:.0f} s)",
        flush=True,
    )
    report_outage(run_outage(cluster), cluster, report)
    print(
        f"resilience: 3. soak, {SOAK_CONNECTIONS} connections, {SOAK_WARMUP + SOAK_SECONDS:.0f} s",
        flush=True,
    )
    soak(cluster, report)
    print(
        f"resilience: 4. publishing under load, a release every {PUBLISH_EVERY:.0f} s",
        flush=True,
    )
    publishing_under_load(cluster, report)
    server_logs(report, cluster.logs)


def cleanup(cluster: Cluster, report: Report) -> None:
    left = cluster.stop()
    report.check(
        "Cleanup",
        not left,
        f"all {cluster.started_count} processes this run started are gone (gunicorn masters "
        "and workers, Redis, PostgreSQL)"
        if not left
        else f"still running: {left}",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tmp", required=True, type=Path, help="an empty folder for this run")
    args = parser.parse_args()

    def terminate(signum, _frame):
        raise SystemExit(f"resilience: stopped by signal {signum}")

    signal.signal(signal.SIGTERM, terminate)
    cluster = Cluster(args.tmp)
    report = Report(started=datetime.datetime.now().astimezone())
    began = now()
    try:
        try:
            steps(cluster, report)
        except (RunError, OSError, SystemExit, KeyboardInterrupt) as error:
            report.aborted = str(error) or type(error).__name__
            print(f"resilience: ABORTED: {report.aborted}", file=sys.stderr, flush=True)
            for name, log in cluster.logs.items():
                if name in cluster.masters:
                    last = tail(log, skip='"level": "INFO"')
                    print(f"--- gunicorn {name} log: the last lines above INFO ---\n{last}")
        finally:
            cleanup(cluster, report)
    except (SystemExit, KeyboardInterrupt) as error:  # a second signal during the cleanup
        report.aborted = report.aborted or str(error)
    report.sections.append(f"Whole run: {now() - began:.0f} s.")
    text = report.markdown()
    print()
    print(text)
    if not report.aborted:
        RESULTS.write_text(text)
        print(f"resilience: written to {RESULTS.relative_to(REPO)}")
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main())
