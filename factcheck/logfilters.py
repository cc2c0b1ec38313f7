"""Logging filters named in settings.LOGGING."""

import logging

from django.core.exceptions import PermissionDenied


class RefusalsOnOneLine(logging.Filter):
    """A refused request (403) is logged as one warning line, without the traceback Django
    attaches: the refusal is the access helpers doing their job, not an error to debug."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
