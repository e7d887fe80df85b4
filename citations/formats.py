"""References to an article and to its sources: Chicago, APA, BibTeX, RIS, CSL-JSON.

A ``Reference`` is the common shape; each format writes it out. Names are split into
family and given names at the last space ("Zeki Talustan Gülten" → Gülten, Zeki
Talustan), which suits the Turkish and Russian names ANKASAM publishes.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.formats import date_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ankasam.slugs import make_slug

PUBLISHER = "ANKASAM"


@dataclass
class Name:
    family: str
    given: str = ""

    @classmethod
    def parse(cls, full: str) -> "Name":
        given, _space, family = full.strip().rpartition(" ")
        return cls(family=family, given=given)

    def inverted(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family

    def initials(self) -> str:
        parts = re.split(r"[\s-]+", self.given)
        return " ".join(f"{part[0]}." for part in parts if part)


@dataclass
class Reference:
    key: str
    title: str
    kind: str = "webpage"  # CSL type
    authors: list[Name] = field(default_factory=list)
    container: str = ""  # the publisher or outlet
    issued: date | None = None
    url: str = ""
    accessed: date | None = None
    language: str = ""
    doi: str = ""
    abstract: str = ""


def article_reference(article, *, language: str, url: str) -> Reference:
    """The reference to one language version of ``article`` (byline prefetched)."""
    authors = [Name.parse(link.author.name) for link in article.byline]
    first = make_slug(authors[0].family if authors else PUBLISHER)
    year = article.published_at.year
    return Reference(
        key=f"{first}{year}{make_slug(article.title).split('-')[0]}".replace("-", ""),
        title=article.title,
        kind="article",
        authors=authors,
        container=PUBLISHER,
        issued=article.published_at.date(),
        url=url,
        language=language,
        abstract=article.summary or "",
    )


def first_citation_per_source(citations) -> list:
    """Each source once, through the first of ``citations`` that cites it."""
    first = {}
    for citation in citations:
        first.setdefault(citation.source_id, citation)
    return list(first.values())


def source_reference(citation) -> Reference:
    source = citation.source
    return Reference(
        key=f"source{source.pk}",
        title=source.title,
        authors=[Name.parse(name) for name in source.author_list],
        container=source.publisher,
        issued=source.published_on,
        url=source.url,
        accessed=citation.accessed_on,
        language=source.language,
        doi=source.doi,
    )


# Month names written out, in each language's order ("E" is Russian's genitive month).
LONG_DATES = {"en": "F j, Y", "tr": "j F Y", "ru": "j E Y"}


def long_date(value: date) -> str:
    """A date written out in the active language: "November 6, 2023", "6 Kasım 2023"."""
    return date_format(value, LONG_DATES.get(get_language(), "DATE_FORMAT"))


def name_list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    # Chicago puts a comma before "and" after an inverted first name; Turkish and
    # Russian style do not (their translations drop it).
    return _("%(names)s, and %(last)s") % {
        "names": ", ".join(names[:-1]),
        "last": names[-1],
    }


def chicago(ref: Reference) -> SafeString:
    """Chicago (notes and bibliography) style, bibliography entry for a web page."""
    first, rest = ref.authors[:1], ref.authors[1:]
    names = [n.inverted() for n in first] + [
        f"{n.given} {n.family}".strip() for n in rest
    ]
    authors = name_list(names)
    parts = []
    if authors:
        parts.append(escape(authors.rstrip(".")) + ".")
    parts.append(format_html("“{}.”", ref.title.rstrip(".")))
    when = f", {long_date(ref.issued)}" if ref.issued else ""
    parts.append(format_html("{}{}.", ref.container, when))
    if ref.url:
        parts.append(format_html('<a href="{}">{}</a>.', ref.url, ref.url))
    return mark_safe(" ".join(parts))


def apa(ref: Reference) -> SafeString:
    """APA 7 style for a web page: Family, G. G. (date). <em>Title</em>. Site. URL"""
    names = [f"{n.family}, {n.initials()}".strip(", ") for n in ref.authors]
    authors = (
        ", ".join(names[:-1]) + f", & {names[-1]}" if len(names) > 1 else "".join(names)
    )
    when = (
        f"{ref.issued.year}, {date_format(ref.issued, 'MONTH_DAY_FORMAT')}"
        if ref.issued
        else _("n.d.")
    )
    parts = []
    if authors:
        parts.append(format_html("{} ({}).", authors, when))
    parts.append(format_html("<em>{}</em>.", ref.title.rstrip(".")))
    if not authors:
        parts.append(format_html("({}).", when))
    parts.append(format_html("{}.", ref.container))
    if ref.url:
        parts.append(format_html('<a href="{}">{}</a>', ref.url, ref.url))
    return mark_safe(" ".join(parts))


def _bibtex_value(text: str) -> str:
    # Braces keep capitals; backslashes and unbalanced braces cannot break out.
    return (
        text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")
    )


def bibtex(refs: list[Reference]) -> str:
    entries = []
    for ref in refs:
        fields = {
            "title": "{" + _bibtex_value(ref.title) + "}",
            "author": " and ".join(_bibtex_value(n.inverted()) for n in ref.authors),
            "publisher" if ref.kind == "article" else "organization": _bibtex_value(
                ref.container
            ),
            "year": str(ref.issued.year) if ref.issued else "",
            "month": str(ref.issued.month) if ref.issued else "",
            "date": ref.issued.isoformat() if ref.issued else "",
            "url": ref.url,
            "urldate": ref.accessed.isoformat() if ref.accessed else "",
            "doi": ref.doi,
            "language": ref.language,
            "abstract": _bibtex_value(ref.abstract),
        }
        body = ",\n".join(
            f"  {name} = {{{value}}}" for name, value in fields.items() if value
        )
        entries.append(f"@online{{{ref.key},\n{body}\n}}\n")
    return "\n".join(entries)


def ris(refs: list[Reference]) -> str:
    lines = []
    for ref in refs:
        lines.append("TY  - ELEC")
        lines += [f"AU  - {n.inverted()}" for n in ref.authors]
        lines.append(f"TI  - {one_line(ref.title)}")
        if ref.container:
            lines.append(f"PB  - {one_line(ref.container)}")
        if ref.issued:
            lines.append(f"PY  - {ref.issued.year}")
            lines.append(f"DA  - {ref.issued:%Y/%m/%d}")
        if ref.url:
            lines.append(f"UR  - {ref.url}")
        if ref.accessed:
            lines.append(f"Y2  - {ref.accessed:%Y/%m/%d}")
        if ref.doi:
            lines.append(f"DO  - {ref.doi}")
        if ref.language:
            lines.append(f"LA  - {ref.language}")
        if ref.abstract:
            lines.append(f"AB  - {one_line(ref.abstract)}")
        lines.append(f"ID  - {ref.key}")
        lines.append("ER  - ")
        lines.append("")
    return "\r\n".join(lines)


def one_line(text: str) -> str:
    return " ".join(text.split())


def csl_json(refs: list[Reference]) -> str:
    items = []
    for ref in refs:
        item = {
            "id": ref.key,
            "type": "article" if ref.kind == "article" else "webpage",
            "title": ref.title,
            "author": [{"family": n.family, "given": n.given} for n in ref.authors],
            "publisher": ref.container,
            "container-title": ref.container,
            "URL": ref.url,
            "language": ref.language,
        }
        if ref.issued:
            item["issued"] = {
                "date-parts": [[ref.issued.year, ref.issued.month, ref.issued.day]]
            }
        if ref.accessed:
            item["accessed"] = {
                "date-parts": [
                    [ref.accessed.year, ref.accessed.month, ref.accessed.day]
                ]
            }
        if ref.doi:
            item["DOI"] = ref.doi
        if ref.abstract:
            item["abstract"] = ref.abstract
        items.append({key: value for key, value in item.items() if value})
    return json.dumps(items, ensure_ascii=False, indent=2)


FORMATS = {
    "bib": (bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
