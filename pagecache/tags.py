"""What a cached page shows, as tag names; ``invalidate(tags)`` ends those pages.

A page declares its tags while it renders (``tag()``); a write ends exactly the pages
carrying one of the tags it names. Helpers build the names, so that writers and
pages agree on them:

- ``article(pk)``: every page showing article ``pk`` (its own page in every language,
  cards in lists and feeds, the "similar" boxes of other articles);
- ``listing(language)``: the lists of all articles in one language (home, archive,
  the site's feeds);
- ``term(kind, pk)``: pages showing a category, region, topic or author
  (``kind`` is ``category``/``region``/``topic``/``author``): its name on article
  pages and cards, its own list page;
- ``members(kind, pk)``: the list of that term's or author's articles (its page and
  its feeds), ended when an article enters or leaves it;
- ``corrections(language)``: the public corrections list of a language, ended when
  an article's corrections change;
- ``page(pk)``: a static page's own pages (its place in the menu or footer is
  ``NAVIGATION``);
- ``similar(pk)``: article ``pk``'s own pages, ended when its stored similar list
  changes;
- ``NAVIGATION``: every HTML page (the category menu); ``SITEMAP``: sitemap.xml;
- ``SITE``: every stored page (``content_changed()``).

Pages that declare nothing carry ``UNTAGGED``, which every invalidation ends.
"""

import contextvars

SITE = "site"
UNTAGGED = "untagged"
NAVIGATION = "nav"
SITEMAP = "sitemap"
KINDS = ("category", "region", "topic", "author")


def article(pk: int) -> str:
    return f"article:{pk}"


def corrections(language: str) -> str:
    return f"corrections:{language}"


def page(pk: int) -> str:
    return f"page:{pk}"


def similar(pk: int) -> str:
    return f"similar:{pk}"


def listing(language: str) -> str:
    return f"list:{language}"


def term(kind: str, pk: int) -> str:
    assert kind in KINDS, kind
    return f"{kind}:{pk}"


def members(kind: str, pk: int) -> str:
    assert kind in KINDS, kind
    return f"members:{kind}:{pk}"


class Collected:
    """What the page being rendered declared: its tags, and until when it holds."""

    def __init__(self):
        self.tags: set[str] = set()
        self.until: float | None = None
        self.database_down = False


_collecting: contextvars.ContextVar[Collected | None] = contextvars.ContextVar(
    "pagecache_tags", default=None
)


def current() -> Collected | None:
    return _collecting.get()


def tag(*names: str) -> None:
    """Declare that the page being rendered shows what ``names`` stand for."""
    collected = _collecting.get()
    if collected is not None:
        collected.tags.update(names)


def good_until(moment) -> None:
    """Declare that the page being rendered changes at ``moment`` (a datetime), for
    example when one of its article's other language versions goes live."""
    collected = _collecting.get()
    if collected is not None and moment is not None:
        moment = moment.timestamp()
        if collected.until is None or moment < collected.until:
            collected.until = moment


class collecting:
    """Collect what is declared while the block runs (the middleware's miss)."""

    def __enter__(self) -> Collected:
        self.collected = Collected()
        self._token = _collecting.set(self.collected)
        return self.collected

    def __exit__(self, *exc):
        _collecting.reset(self._token)
        return False
