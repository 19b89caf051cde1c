"""Check 1b, a PDF with two servers: 8 visitors ask A and B at once for the Arabic PDF of
the whole strategy (never made before in this run). It must be made once, not once per
server: the lock file in the PDF folder both servers share lets one request start its
maker (downloads.worker, which logs one line per PDF made), and every other request waits
for that file; all get the same bytes (or, had it taken over 20 s, the polite 503)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from resilience.load import get
from resilience.report import Report
from resilience.services import Cluster

PATH = "/ar/download/strategie.pdf"
VISITORS = 8
MADE = "-ar-strategie.pdf made in"


def pdf_made_once(cluster: Cluster, report: Report) -> None:
    ports = [cluster.ports["A"], cluster.ports["B"]] * (VISITORS // 2)
    with ThreadPoolExecutor(VISITORS) as pool:
        answers = list(pool.map(lambda port: get(port, PATH, timeout=60), ports))
    logs = [path.read_text(errors="replace") for path in cluster.logs.values()]
    made = sum(log.count(MADE) for log in logs)
    statuses = sorted(answer.status for answer in answers)
    pdfs = {answer.body for answer in answers if answer.status == 200}
    busy = [a for a in answers if a.status == 503 and a.header("Retry-After")]
    ok = made == 1 and len(pdfs) == 1 and len(busy) + sum(s == 200 for s in statuses) == VISITORS
    size = len(next(iter(pdfs))) if pdfs else 0
    detail = (
        f"{VISITORS} requests at once, half to A, half to B: statuses {statuses}; "
        f"{len(pdfs)} distinct PDF ({size:,} bytes); made {made} time(s) (maker's log lines)"
    )
    report.check("PDF made once by two servers", ok, detail)
    report.sections += ["## A PDF with two servers", "", f"`{PATH}`: {detail}.", ""]
