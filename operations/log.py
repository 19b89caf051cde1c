"""Structured logs without personal data (see README, Logging).

Every log line is one JSON object. Request lines carry method, path (without the query
string, which may hold a search term, and without the token of a password-reset link),
status, duration, cache state and language: no IP address, no user agent, no referrer, no
cookie, no user name.
"""

import json
import logging
import time

from django.db import InterfaceError, OperationalError

request_logger = logging.getLogger("operations.requests")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def _without_traceback(record: logging.LogRecord) -> None:
    record.exc_info = None
    record.exc_text = None


class WithoutTraceback(logging.Filter):
    """One line instead of a traceback, for expected refusals (e.g. an unknown Host header)."""

    def filter(self, record: logging.LogRecord) -> bool:
        _without_traceback(record)
        return True


class DatabaseOutageWithoutTraceback(logging.Filter):
    """During a database outage every request fails the same way: one line each."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], OperationalError | InterfaceError):
            record.msg = f"{record.msg} (database unreachable: {record.exc_info[1]!s:.200})"
            _without_traceback(record)
        return True


def _logged_path(request) -> str:
    """The path, with the secret of a password-reset link (its ``token``) left out."""
    match = request.resolver_match
    token = match.kwargs.get("token") if match is not None else None
    path = request.path.replace(token, "…") if token else request.path
    return path[:300]


class RequestLogMiddleware:
    """One structured line per request (outermost middleware, so it times everything)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        if request_logger.isEnabledFor(logging.INFO):
            request_logger.info(
                "request",
                extra={
                    "fields": {
                        "method": request.method[:10],
                        "path": _logged_path(request),
                        "status": response.status_code,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "cache": response.get("X-Page-Cache", ""),
                        "language": response.get("Content-Language", ""),
                    }
                },
            )
        return response
