"""gunicorn settings for `make serve`, `make bench` and production (see README, Betrieb).

Environment: GUNICORN_BIND (default 127.0.0.1:8000), GUNICORN_WORKERS (default: one per
core), GUNICORN_TIMEOUT (seconds, default 30), GUNICORN_MAX_REQUESTS (default 0: off).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, one per core: rendering is CPU work and a database query takes well under
# a millisecond, so more processes than cores only compete for the CPU (make bench: with
# 2 × cores + 1 workers on 2 cores the uncached p95 was 40-70 % higher than with 2).
workers = int(os.environ.get("GUNICORN_WORKERS", str(max(2, multiprocessing.cpu_count()))))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
# Workers are not replaced after a number of requests by default: a new worker starts
# with an empty local page cache, and `make resilience` measures no memory growth.
# GUNICORN_MAX_REQUESTS=100000 turns recycling on as a safety net.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
# Load the application before forking: workers share its memory and start fast.
preload_app = True
# Requests larger than these are refused with 400 by gunicorn before Django sees them.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# The portal logs each request itself, as JSON without personal data (README, Logging);
# gunicorn's own access log (with client addresses) is off unless GUNICORN_ACCESS_LOG names
# a file or "-".
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
access_log_format = '%(t)s "%(r)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
