"""`make bench`: the portal under load, next to two baselines (see bench/README.md).

run.py (the run), stack.py (gunicorn and nginx), targets.py (what is measured and the
goals), wrk.py (loading one target), queries.py (SQL queries per request), report.py
(bench/results.md), compare.py and compare_report.py (BENCH_COMPARE=<rev>), baseline.py
(the minimal Django view's URLconf, loaded by gunicorn).
"""


class BenchError(Exception):
    """Something broke: the run cannot give meaningful figures."""
