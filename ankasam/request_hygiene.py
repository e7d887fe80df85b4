"""Text no database can store never gets past the first middleware.

PostgreSQL refuses NUL (U+0000) in text, and no UTF-8 database can store a lone
surrogate; SQLite stores NUL, so a request that works in development fails in
production with a 500. ``RequestHygieneMiddleware`` is the one place that decides,
before any view, converter or middleware reads the database:

- the address: NUL or another control character in the path, NUL in the query
  string, or either holding bytes that are not UTF-8 (an encoded lone surrogate,
  an overlong "/"): 400 Bad Request. No address of this site looks like that;
- form fields (POST, urlencoded or multipart): NUL and lone surrogates are removed,
  so an editor whose pasted text held one loses nothing else. Files stay as sent;
- cookies: one holding a control character or a lone surrogate is dropped, as if it
  had not been sent, so that a cookie stuck in a browser cannot lock a reader out;
- other headers: a control character other than tab: 400 (servers such as
  gunicorn refuse these already; the check keeps it true behind any server).

Other strange text (quotes, very long values, huge numbers, any script) is valid
text: views and forms answer it with 404s and form errors.
"""

import re
from urllib.parse import unquote_to_bytes

from django.core.exceptions import BadRequest
from django.http import QueryDict

# What the path may never hold, once decoded: C0 controls, DEL, lone surrogates.
UNSAFE_IN_PATH = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
# What form text may not hold: NUL and lone surrogates (both unstorable).
UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")
UNSAFE_IN_HEADER = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RequestHygieneMiddleware:
    """Refuses addresses and headers no database could take; cleans form fields and
    cookies. Put it right after ``SecurityMiddleware``: before anything else reads
    the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if problem := address_problem(request) or header_problem(request.META):
            # The site's 400 page (ankasam.views.bad_request), in the reader's language.
            raise BadRequest(problem)
        drop_unsafe_cookies(request.COOKIES)
        if request.method == "POST" and request.content_type in FORM_TYPES:
            cleaned = without_unstorable(request.POST)
            if cleaned is not None:
                request.POST = cleaned
        return self.get_response(request)


def address_problem(request) -> str:
    """Why the request's address is refused ("" when it is not)."""
    if UNSAFE_IN_PATH.search(request.path_info):
        return "control character in the path"
    # Django shows bytes of the path that are not UTF-8 as %-escapes; decoding
    # once more finds them (and nothing else: no address here holds "%ED").
    if not _is_utf8(unquote_to_bytes(request.path_info)):
        return "path is not UTF-8"
    query = unquote_to_bytes(_wsgi_bytes(request.META.get("QUERY_STRING", "")))
    if b"\x00" in query:
        return "NUL in the query string"
    if not _is_utf8(query):
        return "query string is not UTF-8"
    return ""


def header_problem(meta) -> str:
    """Why the request's headers are refused ("" when they are not)."""
    for key, value in meta.items():
        if (
            key.startswith("HTTP_")
            and key != "HTTP_COOKIE"
            and isinstance(value, str)
            and UNSAFE_IN_HEADER.search(value)
        ):
            return f"control character in {key[5:].replace('_', '-').title()}"
    return ""


def drop_unsafe_cookies(cookies: dict) -> None:
    for name in [name for name, value in cookies.items() if _unsafe(name + value)]:
        del cookies[name]


def without_unstorable(data: QueryDict) -> QueryDict | None:
    """``data`` without NUL and lone surrogates, or None when it holds none."""
    if not any(
        UNSTORABLE.search(key) or any(UNSTORABLE.search(v) for v in values)
        for key, values in data.lists()
    ):
        return None
    cleaned = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in data.lists():
        for value in values:
            cleaned.appendlist(UNSTORABLE.sub("", key), UNSTORABLE.sub("", value))
    cleaned._mutable = False  # as Django's own parsers leave request.POST
    return cleaned


def _unsafe(text: str) -> bool:
    return bool(UNSAFE_IN_PATH.search(text))


def _wsgi_bytes(text: str) -> bytes:
    """A WSGI environ string as the bytes that came in (PEP 3333: Latin-1)."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:  # already decoded text (ASGI)
        return text.encode("utf-8", "surrogatepass")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
