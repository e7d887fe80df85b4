"""Every route of the site, read from the URL resolver, and a walk that finds real
values for their parameters by following links as a user does.

A new route is covered the day it is added: ``routes()`` lists it, and a link to it
anywhere gives it real parameters (else each gets a value its converter matches).
"""

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.html
from django.urls import URLResolver, get_resolver, resolve
from django.urls.converters import IntConverter
from django.urls.exceptions import Resolver404
from django.utils import translation
from django.utils.regex_helper import normalize

from tests.formdata import form_values

from .probe import Probe

# --- routes ----------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """One URL pattern of the site, in one language for the translated ones."""

    route: str  # as ``ResolverMatch.route`` spells it, language prefix included
    template: str  # "/tr/makale/%(slug)s/"
    params: tuple[str, ...]
    converters: dict = field(hash=False, compare=False)

    def path(self, values: dict[str, str]) -> str:
        return self.template % values

    def is_int(self, param: str) -> bool:
        return isinstance(self.converters.get(param), IntConverter)

    def stand_in(self, param: str) -> str:
        """A value the pattern matches, for a parameter the walk found no real one."""
        converter = self.converters.get(param)
        regex = getattr(converter, "regex", ".*")
        return next(c for c in ("1", "x", "tr", "") if re.fullmatch(regex, c))


def routes() -> dict[str, Route]:
    """Every URL pattern, walked from ``get_resolver()``; i18n ones in each language."""
    found = {}
    for code in ("tr", "en", "ru"):
        with translation.override(code):
            for chain in _chains(get_resolver()):
                route = _route(chain)
                found.setdefault(route.route, route)
    return found


def _chains(resolver, chain=()):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _chains(pattern, (*chain, pattern))
        else:
            yield (*chain, pattern)


def _route(chain) -> Route:
    route, template, params, converters = "", "/", [], {}
    for level in chain:
        route = URLResolver._join_route(route, str(level.pattern))
        # The first of the forms reverse() would build (no pattern here has more).
        text, names = normalize(level.pattern.regex.pattern)[0]
        template += text
        params += names
        converters.update(getattr(level.pattern, "converters", {}))
    return Route(route, template, tuple(params), converters)


def route_of(path: str, table: dict[str, Route]) -> tuple[Route, dict] | None:
    """The route ``path`` resolves to, with its parameters as the address has them."""
    language = translation.get_language_from_path(path)
    with translation.override(language or "tr"):
        try:
            match = resolve(path)
        except (Resolver404, ValueError):
            return None
    route = table.get(match.route)
    if route is None:
        return None
    raw = {
        name: (
            route.converters[name].to_url(value)
            if name in route.converters
            else str(value)
        )
        for name, value in match.captured_kwargs.items()
    }
    return route, raw


# --- walking the site ------------------------------------------------------------


@dataclass
class Page:
    url: str
    route: Route
    params: dict[str, str]
    html: str = ""


@dataclass
class Walk:
    """One page per route, as a user reaches them by following links."""

    pages: dict[str, Page] = field(default_factory=dict)
    # The query parameters seen in links and GET forms, per route.
    query_names: dict[str, set[str]] = field(default_factory=dict)


def walk(
    probe: Probe, table: dict[str, Route], start: list[str], *, within: str = "/"
) -> Walk:
    """Follow links from ``start``, visiting the first address found for each route
    (of the paths under ``within``)."""
    found = Walk()
    queue, queued = list(start), set()
    while queue:
        url = queue.pop(0)
        match = route_of(urlsplit(url).path, table)
        if match is None or match[0].route in found.pages:
            continue
        route, params = match
        response = probe.get(url)
        html = ""
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            html = response.content.decode()
        found.pages[route.route] = Page(url, route, params, html)
        for link, names in _links(html, url):
            if not link.startswith(within):
                continue
            target = route_of(urlsplit(link).path, table)
            if target is None:
                continue
            key = target[0].route
            found.query_names.setdefault(key, set()).update(names)
            if key not in found.pages and key not in queued:
                queued.add(key)
                queue.append(link)
    return found


def _links(html: str, base: str):
    """Same-site addresses of the links and GET forms of a page, with the names of
    their query parameters."""
    if not html:
        return
    document = lxml.html.document_fromstring(html)
    for element in document.xpath("//a[@href] | //link[@href] | //img[@src]"):
        parts = urlsplit(urljoin(base, element.get("href") or element.get("src")))
        if parts.netloc in ("", "testserver"):
            names = {name for name, _value in parse_qsl(parts.query, True)}
            yield parts.path + (f"?{parts.query}" if parts.query else ""), names
    for form in document.xpath("//form"):
        if (form.get("method") or "get").lower() == "get":
            action = urlsplit(urljoin(base, form.get("action") or base)).path
            yield action, {e.get("name") for e in form.xpath(".//*[@name]")} - {None}


@dataclass
class Form:
    action: str
    method: str
    values: dict[str, list[str]]


def forms_of(page: Page) -> list[Form]:
    """The forms of a page, each with what a browser would send for it untouched."""
    if not page.html:
        return []
    document = lxml.html.document_fromstring(page.html)
    forms = document.xpath("//form")
    for index, form in enumerate(forms):
        form.set("id", form.get("id") or f"hostile-form-{index}")
    html = lxml.html.tostring(document, encoding="unicode")
    return [
        Form(
            action=urljoin(page.url, form.get("action") or page.url),
            method=(form.get("method") or "get").lower(),
            values=form_values(html, form.get("id")),
        )
        for form in forms
    ]


def field_kinds(values: dict[str, list[str]]) -> list[str]:
    """One name per kind of field: the rows of an inline count once, and neither the
    empty row Django's JavaScript copies nor the CSRF token (not checked by the test
    client) counts."""
    kinds = {}
    for name in values:
        if "__prefix__" not in name and name != "csrfmiddlewaretoken":
            kinds.setdefault(re.sub(r"-\d+-", "-N-", name), name)
    return list(kinds.values())
