"""Queries compiled once per process, then run with new values.

Turning a QuerySet into SQL costs the ORM about a millisecond for a wide,
translated model, several times what PostgreSQL takes to answer the few indexed
rows a page reads. ``Prepared`` builds a ``values()`` QuerySet from the project's
own QuerySet methods (so "public" and the rest keep their one definition),
compiles it once per database and set of fixed arguments, and runs that SQL again
with each request's values, converting the rows as the QuerySet would.

    page_row = Prepared(
        lambda language, *, slug, now: StoredPage.objects.filter(...).values(...)[:1]
    )
    page_row.rows("en", slug="...", now=timezone.now())

Positional arguments are fixed (they may change the SQL: a language picks its
columns) and part of the cache key; keyword arguments are the values that change
per call. They are compiled as unique stand-ins and found again among the
query's parameters; a stand-in the ORM did not pass as a parameter is an error
at compile time, never a wrong query.

On PostgreSQL the statement is also prepared on the server, once per connection,
so that it is neither parsed nor planned again: planning these joins costs
PostgreSQL several times what running them does. Django turns prepared
statements off unless the database's ``OPTIONS`` set ``prepare_threshold``
(settings do, with a threshold no other query reaches; ``DJANGO_DB_PREPARED=0``
leaves them off, for a pooler in transaction mode that cannot keep them).
"""

import datetime
import functools
import itertools
import threading

from django.db import connections

_counter = itertools.count(1)


def _stand_in(kind: type):
    """A value of ``kind`` that no real call passes."""
    number = next(_counter)
    if kind is str:
        return f"\x1fprepared-{number}\x1f"
    if kind is int:
        return 7 * 10**15 + number
    if kind is datetime.datetime:
        return datetime.datetime(1, 1, 1, 0, 0, 0, number, tzinfo=datetime.UTC)
    raise TypeError(f"no stand-in for {kind.__name__}")


class Compiled:
    def __init__(self, queryset, kinds: dict[str, type], using: str):
        connection = connections[using]
        self.adapt = {
            str: lambda value: value,
            int: lambda value: value,
            datetime.datetime: connection.ops.adapt_datetimefield_value,
        }
        query = queryset.query
        compiler = query.get_compiler(using=using)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.slots = []  # (index in params, keyword name, kind)
        for name, (value, kind) in kinds.items():
            adapted = self.adapt[kind](value)
            found = [i for i, param in enumerate(self.params) if param == adapted]
            if not found:
                raise ValueError(f"{name!r} is not a parameter of the compiled query")
            self.slots += [(i, name, kind) for i in found]
        selected = compiler.select[0 : compiler.col_count]
        # The columns' names as the SQL gives them (their order need not be the
        # order values() was given them in).
        self.names = [alias for _expression, _sql, alias in selected]
        self.converters = compiler.get_converters([s[0] for s in selected])
        self.using = using

    def rows(self, values: dict) -> list[dict]:
        params = list(self.params)
        for index, name, kind in self.slots:
            params[index] = self.adapt[kind](values[name])
        connection = connections[self.using]
        with cursor_of(connection) as cursor:
            cursor.execute(self.sql, params)
            found = cursor.fetchall()
        rows = []
        for row in found:
            row = list(row)
            for position, (converters, expression) in self.converters.items():
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
            rows.append(dict(zip(self.names, row, strict=True)))
        return rows


def cursor_of(connection):
    """A cursor of ``connection``, in Django's wrapper (its checks, its log of
    queries); on PostgreSQL with prepared statements on, one that prepares what it
    runs, but while queries are logged (DEBUG, a test counting them), when Django's
    log needs the statement with its values, which a prepared one does not keep."""
    if connection.vendor != "postgresql" or connection.queries_logged:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    if connection.connection.prepare_threshold is None:
        return connection.cursor()
    return connection.make_cursor(preparing_cursor_class()(connection.connection))


@functools.cache
def preparing_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        """Binds the parameters on the server and has it keep the plan."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparingCursor


class Prepared:
    """A ``values()`` query built by ``build(*fixed, **values)``; see the module."""

    def __init__(self, build, **kinds: type):
        self.build = build
        self.kinds = kinds  # keyword name → str, int or datetime.datetime
        self.compiled: dict[tuple, Compiled] = {}
        self.lock = threading.Lock()

    def compiled_for(self, fixed: tuple, using: str) -> Compiled:
        key = (using, connections[using].vendor, *fixed)
        found = self.compiled.get(key)
        if found is None:
            with self.lock:
                stand_ins = {name: _stand_in(kind) for name, kind in self.kinds.items()}
                queryset = self.build(*fixed, **stand_ins)
                found = self.compiled[key] = Compiled(
                    queryset,
                    {
                        name: (stand_ins[name], kind)
                        for name, kind in self.kinds.items()
                    },
                    using,
                )
        return found

    def rows(self, *fixed, using: str = "default", **values) -> list[dict]:
        return self.compiled_for(fixed, using).rows(values)

    def first(self, *fixed, **values) -> dict | None:
        found = self.rows(*fixed, **values)
        return found[0] if found else None
