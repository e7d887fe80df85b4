"""A 503 in the reader's language while the database is unreachable, instead of
the 500 page.

Django turns an exception into a response inside the layer that raised it, so no
middleware further out ever sees a database error raised by the session, the page
cache or a view: the one place every such error reaches is the 500 handler, which
runs while the exception is being handled. Only the database's connection errors
(``OperationalError``, ``InterfaceError``) become a 503; any other error stays a
500, and both are logged as before.
"""

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers

RETRY_AFTER_SECONDS = 5
UNAVAILABLE = (OperationalError, InterfaceError)


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from, is a lost database."""
    while error is not None:
        if isinstance(error, UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
    return False


def database_unavailable(request) -> HttpResponse:
    """The 503 page: a static template that reads nothing from the database."""
    language = translation.get_language_from_request(request, check_path=True)
    admin = request.path_info.startswith("/admin/")
    with translation.override(language):
        body = loader.get_template("503.html").render({"admin": admin})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def handling_database_error() -> bool:
    """Whether the exception being handled now is a lost database."""
    return is_database_unavailable(sys.exc_info()[1])
