"""A probe that sends requests, rolls each one back and keeps every server error,
and what a refused request must leave alone."""

import copy
import functools
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection, transaction
from django.test import Client

from .hostile import KNOWN_SERVER_ERRORS

# --- sending and keeping what went wrong -----------------------------------------


@dataclass
class Probe:
    """Sends requests through a client; each one is rolled back afterwards, so every
    request meets the same database, and the client's cookies are put back (a
    request that logs out or switches the language changes nothing for the next)."""

    client: Client
    statuses: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)  # see KNOWN_SERVER_ERRORS

    def __post_init__(self):
        self.client.raise_request_exception = False

    @property
    def sent(self) -> int:
        return self.statuses.total()

    def send(self, method: str, url: str, data=None, *, check=None, **extra):
        """``method`` ``url`` with ``data``; ``check(response)``, if given, runs before
        the rollback and returns a problem to report (or nothing)."""
        cookies = copy.deepcopy(self.client.cookies)
        savepoint = transaction.savepoint()
        try:
            response = getattr(self.client, method)(url, data, **extra)
            self.statuses[response.status_code] += 1
            if response.status_code >= 500:
                known = _is_known(method, url, response)
                found = self.known if known else self.failures
                found.append(_describe(method, url, data, response))
            elif check is not None and (problem := check(response)):
                request = f"{method.upper()} {url} {_short(data)}"
                self.failures.append(f"{request}: {problem}")
            return response
        finally:
            transaction.savepoint_rollback(savepoint)
            self.client.cookies = cookies

    def get(self, url, data=None, **kwargs):
        return self.send("get", url, data, **kwargs)

    def post(self, url, data=None, **kwargs):
        return self.send("post", url, data, **kwargs)

    def summary(self) -> str:
        counts = " ".join(f"{s}×{n}" for s, n in sorted(self.statuses.items()))
        return (
            f"{self.sent} requests ({counts}), {len(self.failures)} failures, "
            f"{len(self.known)} known server errors"
        )

    def report(self) -> str:
        """What a failing test says: the counts, then each failure."""
        return "\n".join([self.summary(), *self.failures])


def _is_known(method, url, response) -> bool:
    error = response.exc_info[0].__name__ if response.exc_info else ""
    path = urlsplit(url).path
    return any(
        known.matches(method, path, error, connection.vendor)
        for known in KNOWN_SERVER_ERRORS
    )


def _short(data) -> str:
    if not data:
        return ""
    text = repr(data)
    return text if len(text) < 300 else text[:300] + "…"


def _describe(method, url, data, response) -> str:
    where = ""
    if response.exc_info:
        kind, error, trace = response.exc_info
        while trace.tb_next:
            trace = trace.tb_next
        frame = trace.tb_frame
        where = (
            f" {kind.__name__}: {str(error)[:200]}"
            f" at {frame.f_code.co_filename}:{trace.tb_lineno}"
        )
    url = url if len(url) < 300 else url[:300] + "…"
    return f"{method.upper()} {url} {_short(data)} -> {response.status_code}{where}"


# --- what a refused request must leave alone --------------------------------------


# Written by any sign-in, sign-out or refused password, as they must be: the
# session, and the audit trail's and the lock-out's records of the attempt.
SIGN_IN_RECORDS = {
    "django_session",
    "staff_staffevent",
    "axes_accessattempt",
    "axes_accesslog",
    "axes_accessfailurelog",
}


def row_counts() -> dict[str, int]:
    """How many rows each table has (the records of signing in and out aside)."""
    quote_name = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT '{table}', COUNT(*) FROM {quote_name(table)}" for table in _tables()
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


@functools.cache
def _tables() -> list[str]:
    """The models' tables that exist here (some are for one database only)."""
    models = apps.get_models(include_auto_created=True)
    existing = set(connection.introspection.table_names())
    return sorted({m._meta.db_table for m in models} & existing - SIGN_IN_RECORDS)


def stored_nul(model, pk) -> list[str]:
    """The text fields of one row that hold NUL (PostgreSQL would refuse them)."""
    row = model._base_manager.filter(pk=pk).values().first() or {}
    return [name for name, text in row.items() if "\0" in str(text or "")]
