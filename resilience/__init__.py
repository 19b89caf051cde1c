"""`make resilience`: a database outage and two app servers, with real servers.

run.py (the run), config.py (pages, durations, targets), services.py (PostgreSQL, Redis,
the two gunicorn instances), load.py (client threads, probes, classification), editor.py
(the admin session: check 1), outage.py and outage_report.py (check 2), soak.py (check
3), report.py (resilience/results.md).
"""


class RunError(Exception):
    """The run cannot go on (a server did not start, a setup step failed)."""
