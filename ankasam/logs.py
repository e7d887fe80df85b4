"""Every log line of a request carries its id, and the response says it.

A request id from the proxy (``X-Request-ID``) is kept when it is a plain token,
else one is made; the response sends it back, so that a reader's report, the proxy's
log and ours can be matched. In production (``DJANGO_LOG_FORMAT=json``, the default
when ``DJANGO_DEBUG`` is off) each line is one JSON object.
"""

import contextvars
import logging
import re
import uuid

HEADER = "X-Request-ID"
TOKEN = re.compile(r"[A-Za-z0-9._-]{1,64}")

current = contextvars.ContextVar("request_id", default="-")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(HEADER, "")
        request_id = given if TOKEN.fullmatch(given) else uuid.uuid4().hex
        # Not reset on the way out: Django logs a request's 4xx and 5xx after the
        # middleware has returned, and the next request sets its own id.
        current.set(request_id)
        response = self.get_response(request)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Gives each record the id of the request it was logged in ("-" outside)."""

    def filter(self, record):
        record.request_id = current.get()
        return True
