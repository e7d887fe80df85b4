"""The old WordPress addresses of imported posts, kept in the site's redirects table.

Each post public here in its language answers 301 from ``/slug/``,
``/yyyy/mm/dd/slug/``, their ``/<language>/...`` forms and ``/?p=ID`` to its
article. They are written at the end of each import run; an article whose slug
changes later takes its WordPress redirects along (``redirects.services``).
"""

from django.conf import settings

from redirects.models import Redirect
from redirects.services import redirect_target, redirects_bulk_record

from .models import ImportedPost

LANGUAGES = {code for code, _name in settings.LANGUAGES}


def post_id_path(post_id: int) -> str:
    """How ``/?p=ID`` is kept in the table (paths of the site never hold "?")."""
    return f"/?p={post_id}"


def old_addresses(record: ImportedPost) -> list[str]:
    """The addresses WordPress gave the post: permalinks with and without a date."""
    paths = [post_id_path(record.post_id)]
    if record.slug and "/" not in record.slug:
        forms = [f"{record.slug}/"]
        if record.published_on:
            day = record.published_on
            forms.append(f"{day.year:04d}/{day.month:02d}/{day.day:02d}/{record.slug}/")
        paths += [f"/{form}" for form in forms]
        paths += [f"/{record.language}/{form}" for form in forms]
    return paths


def permalinks_record(records: list[ImportedPost]) -> int:
    """Redirect the old addresses of every post public in its language."""
    moves = []
    for record in records:
        article = record.article
        if article is None or record.language not in article.public_languages():
            continue
        target = article.get_absolute_url(record.language)
        moves += [(old, target, record.language) for old in old_addresses(record)]
    return redirects_bulk_record(moves=moves, kind=Redirect.Kind.WORDPRESS)


def post_id_target(post_id: str) -> str | None:
    """Where ``?p=post_id`` leads, if an imported post had that id."""
    if not (post_id.isdecimal() and post_id.isascii()):
        return None
    return redirect_target(post_id_path(int(post_id)))
