"""Hostile values, the content they are sent against, and the server errors that
are known and being fixed elsewhere.

PostgreSQL refuses NUL in text where SQLite stores it, so these tests mean most on
PostgreSQL; CI runs them on both.
"""

import itertools
import re
from dataclasses import dataclass
from urllib.parse import quote

from django.core.management import call_command
from django.utils import timezone, translation

from articles.models import Article
from authors.models import Author
from editorial.services import article_trash
from redirects.services import redirect_record
from wordpress.models import ImportedAuthor, ImportedPost, ImportedTerm

# --- values ----------------------------------------------------------------------

# Text as a form field or a query parameter carries it (the client encodes it).
NUL_TEXT = ["\x00", "x\x00y"]
TEXT = [
    *NUL_TEXT,
    "'",
    "\"'><script>alert(1)</script>",
    "../../../etc/passwd",
    "x" * 5000,
    "İıŞşĞğ ёЁй 😀 \u202eevil",
    "99999999999999999999999999",
    "-1",
    "²",  # a digit to str.isdigit(), not to int()
    "1e9",
    "",
    " ",
    "\x01\x1b[31m\x7f",
    "%00",
    "null",
]
# Text that is already part of an address: percent-escapes as a client sends them,
# including bytes that are not UTF-8 (an encoded lone surrogate, an overlong "/").
PATH_NUL = ["%00", "x%00y"]
PATH = [
    *PATH_NUL,
    "%ED%A0%80",
    "%FF%FE",
    "%C0%AF",
    "'",
    "%22%3E%3Cscript%3E",
    "..%2F..%2Fsettings.py",
    "x" * 3000,
    quote("İıŞşĞğ-ёЁй-😀"),
    "%E2%80%AE",
    "99999999999999999999999999",
    "-1",
    "%C2%B2",
    "%01%1B%7F",
    "%25",
]
# What an <int:...> converter lets through to a view.
INTS = ["0", "99999999999999999999999999", "9223372036854775808", "0000000000001"]


def rotation(values):
    """An endless, deterministic walk through ``values``."""
    return itertools.cycle(values)


def spread(items: list, most: int) -> list:
    """At most ``most`` of ``items``, evenly spread over them."""
    if len(items) <= most:
        return items
    return [items[i * len(items) // most] for i in range(most)]


# --- content ---------------------------------------------------------------------


def hostile_content(user) -> Article:
    """The demo content, with a row for every model the admin edits: an article in
    the trash, what a WordPress import remembers (so old permalinks resolve) and a
    redirect. Returns a published article."""
    call_command("load_demo")
    published = Article.objects.published().order_by("pk")
    first, last = published.first(), published.last()
    article_trash(article=last, user=user)
    ImportedPost.objects.create(
        site="ankasam.org",
        post_id=4321,
        language="tr",
        article=first,
        slug="eski-yazi",
        published_on=first.published_at_in("tr").date(),
        fingerprint="0" * 64,
        synced_at=timezone.now(),
    )
    ImportedAuthor.objects.create(
        site="ankasam.org", login="editor", author=Author.objects.first()
    )
    ImportedTerm.objects.create(
        site="ankasam.org",
        taxonomy=ImportedTerm.Taxonomy.CATEGORY,
        slug="analiz",
        category=first.category,
    )
    with translation.override("tr"):
        redirect_record(
            old_path="/tr/makale/eski-adi/",
            new_path=first.get_absolute_url("tr"),
            language="tr",
            kind="article",
        )
    return first


# --- server errors known, and being fixed where they are --------------------------


@dataclass(frozen=True)
class KnownServerError:
    """A 500 in code these tests do not own, reported to its owners. It is kept
    apart from new failures, and ``test_known_server_errors_are_still_there``
    fails the day it is fixed, so that the entry is removed."""

    method: str
    path: str  # a regular expression the whole path matches
    error: str  # the exception's class name
    example: tuple[str, dict]  # a request that shows it
    note: str
    databases: tuple[str, ...] = ("sqlite", "postgresql")

    def matches(self, method: str, path: str, error: str, database: str) -> bool:
        return (
            method == self.method
            and error == self.error
            and database in self.databases
            and re.fullmatch(self.path, path) is not None
        )


KNOWN_SERVER_ERRORS: list = []
