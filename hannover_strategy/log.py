"""Logging helpers (see LOGGING in settings)."""

import logging


class WithoutTraceback(logging.Filter):
    """One line instead of a traceback, for expected refusals (e.g. an unknown Host header)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True
