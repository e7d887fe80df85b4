"""References to an article and to its sources: Chicago, APA, BibTeX, RIS, CSL-JSON.

A ``Reference`` is the common shape, typed with a CSL item type by what the thing is;
each format writes it out. Chicago follows the notes-and-bibliography style of the
Chicago Manual of Style, 18th edition, as a bibliography entry; APA follows APA 7.
Both are checked against citeproc-py with the CSL styles (tests/citations/), and the
differences that remain are listed there with their reasons.

Names: "Family, Given" is taken as written; a single word ("UNHCR") or the name of the
source's own publisher is an organisation; otherwise the family name is the last word
("Zeki Talustan Gülten" → Gülten, Zeki Talustan), which suits the Turkish and Russian
names ANKASAM publishes.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ankasam.dates import day_month, local_day, long_date
from ankasam.slugs import make_slug

from .casing import sentence_case, title_case

PUBLISHER = "ANKASAM"

# CSL item types (CSL 1.0.2 appendix). A think tank's online analysis is a web page
# of the site: dated to the day, in the site's own series of pages, not a preprint
# ("article") nor a report (which Chicago and APA date by year only).
WEBPAGE = "webpage"
NEWSPAPER = "article-newspaper"
JOURNAL = "article-journal"
REPORT = "report"
BOOK = "book"
# Periodicals and sites are containers; reports and books have a publisher.
IN_CONTAINER = {WEBPAGE, NEWSPAPER, JOURNAL}
DATED_TO_THE_DAY = {WEBPAGE, NEWSPAPER}
BIBTEX_TYPES = {
    WEBPAGE: "online",
    NEWSPAPER: "article",
    JOURNAL: "article",
    REPORT: "report",
    BOOK: "book",
}
RIS_TYPES = {
    WEBPAGE: "ELEC",
    NEWSPAPER: "NEWS",
    JOURNAL: "JOUR",
    REPORT: "RPRT",
    BOOK: "BOOK",
}

# Quotation marks and whether a period goes inside them (the CSL locales'
# punctuation-in-quote: American English yes, Turkish and Russian no).
QUOTES = {"tr": ("“", "”", False), "en": ("“", "”", True), "ru": ("«", "»", False)}
CLOSING = "”’»“\"'"


@dataclass
class Name:
    family: str = ""
    given: str = ""
    literal: str = ""  # an organisation, written as it is

    @classmethod
    def parse(cls, full: str, *, organisations: tuple[str, ...] = ()) -> "Name":
        full = " ".join(full.split())
        if "," in full:
            family, _comma, given = full.partition(",")
            return cls(family=family.strip(), given=given.strip())
        if " " not in full or full in organisations:
            return cls(literal=full)
        given, _space, family = full.rpartition(" ")
        return cls(family=family, given=given)

    def inverted(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.family}, {self.given}" if self.given else self.family

    def natural(self) -> str:
        return self.literal or f"{self.given} {self.family}".strip()

    def initials(self) -> str:
        """ "Zeki Talustan" → "Z. T."; "Hyung-Jin" → "H.-J." (APA 9.8)."""
        return " ".join(
            "-".join(f"{part[0]}." for part in word.split("-") if part)
            for word in self.given.split()
        )

    def apa(self) -> str:
        if self.literal:
            return self.literal
        return f"{self.family}, {self.initials()}".strip(", ")


@dataclass
class Reference:
    key: str
    title: str
    kind: str = WEBPAGE  # a CSL item type
    authors: list[Name] = field(default_factory=list)
    container: str = ""  # the site, newspaper or journal (CSL container-title)
    publisher: str = ""  # of a report or book
    issued: date | None = None
    url: str = ""
    accessed: date | None = None
    language: str = ""
    doi: str = ""
    abstract: str = ""
    genre: str = ""  # what kind of page: the article's category

    @property
    def outlet(self) -> str:
        """Where it appeared: the container, or the publisher of a report or book."""
        return self.container or self.publisher

    @property
    def link(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else self.url


def article_reference(article, *, language: str, url: str) -> Reference:
    """The reference to one language version of ``article`` (byline prefetched)."""
    authors = [Name.parse(link.author.name) for link in article.byline]
    first = make_slug(
        (authors[0].family or authors[0].literal) if authors else PUBLISHER
    )
    issued = local_day(article.published_at)
    return Reference(
        key=f"{first}{issued.year}{make_slug(article.title).split('-')[0]}".replace(
            "-", ""
        ),
        title=article.title,
        kind=WEBPAGE,
        authors=authors,
        container=PUBLISHER,
        issued=issued,
        url=url,
        language=language,
        abstract=article.summary or "",
        genre=article.category.name,
    )


def first_citation_per_source(citations) -> list:
    """Each source once, through the first of ``citations`` that cites it."""
    first = {}
    for citation in citations:
        first.setdefault(citation.source_id, citation)
    return list(first.values())


def source_kind(source) -> str:
    """The CSL type of a source, from what it has: a DOI is a journal article's, an
    address a web page's (news sites included, as APA cites them); a source with
    neither is taken for a book."""
    if source.doi:
        return JOURNAL
    return WEBPAGE if source.url else BOOK


def source_reference(citation) -> Reference:
    source = citation.source
    kind = source_kind(source)
    outlet = source.publisher
    return Reference(
        key=f"source{source.pk}",
        title=source.title,
        kind=kind,
        authors=[
            Name.parse(name, organisations=(outlet,)) for name in source.author_list
        ],
        container=outlet if kind in IN_CONTAINER else "",
        publisher="" if kind in IN_CONTAINER else outlet,
        issued=source.published_on,
        url=source.url,
        accessed=citation.accessed_on,
        language=source.language,
        doi=source.doi,
    )


# --- Chicago and APA --------------------------------------------------------------


def name_list(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    # Chicago puts a comma before "and" after an inverted first name; Turkish and
    # Russian style do not (their translations drop it).
    return _("%(names)s, and %(last)s") % {
        "names": ", ".join(names[:-1]),
        "last": names[-1],
    }


def sentence(text) -> SafeString:
    """``text`` (escaped unless safe) ending with one period."""
    text = conditional_escape(text)
    plain = re.sub(r"(<[^>]+>)+$", "", text).rstrip("”’»")
    return text if plain.endswith((".", "?", "!")) else mark_safe(text + ".")


def quoted(title: str, language: str) -> SafeString:
    """“Title.” in American English, “Title”. and «Title». in Turkish and Russian."""
    opening, closing, inside = QUOTES.get(language, QUOTES["en"])
    title = escape(title)
    if title.endswith(("?", "!")):
        return format_html("{}{}{}", opening, title, closing)
    if not inside:
        return format_html("{}{}{}.", opening, title.rstrip("."), closing)
    # The period goes inside every closing quote the title ends with.
    body = title.rstrip(".")
    trail = len(body) - len(body.rstrip(CLOSING))
    if trail:
        body, marks = body[:-trail], body[-trail:]
        return format_html("{}{}.{}{}", opening, body.rstrip("."), marks, closing)
    return format_html("{}{}.{}", opening, body, closing)


def linked(ref: Reference, end: str = "") -> str:
    return format_html('<a href="{}">{}</a>{}', ref.link, ref.link, end)


def chicago(ref: Reference, language: str | None = None) -> SafeString:
    """Chicago (notes and bibliography, 18th edition), the bibliography entry.

    Without an author, a web page is listed under its site and a newspaper article
    under the newspaper (CMOS 14.104, 14.97), which then are not repeated.
    """
    language = language or get_language()
    first, rest = ref.authors[:1], ref.authors[1:]
    names = name_list([n.inverted() for n in first] + [n.natural() for n in rest])
    container = ref.container
    parts = []
    if names:
        parts.append(sentence(names))
    elif ref.kind == WEBPAGE and container:
        parts.append(sentence(container))
        container = ""
    elif ref.kind == NEWSPAPER and container:
        parts.append(format_html("<em>{}</em>.", container))
        container = ""
    title = title_case(ref.title, ref.language)
    if ref.kind in (REPORT, BOOK):
        parts.append(sentence(format_html("<em>{}</em>", title.rstrip("."))))
    else:
        parts.append(quoted(title, language))
    if ref.genre:
        parts.append(sentence(ref.genre))
    if ref.kind in (NEWSPAPER, JOURNAL) and container:
        container = format_html("<em>{}</em>", container)
    source = ref.publisher if ref.kind in (REPORT, BOOK) else container
    when = ""
    if ref.issued:
        when = (
            long_date(ref.issued, language)
            if ref.kind in DATED_TO_THE_DAY or ref.kind == JOURNAL
            else str(ref.issued.year)
        )
    if source or when:
        text = ", ".join(conditional_escape(part) for part in (source, when) if part)
        parts.append(format_html("{}.", mark_safe(text)))
    if ref.accessed and not ref.issued and ref.kind == WEBPAGE:
        label = _("Accessed: %(date)s") % {"date": long_date(ref.accessed, language)}
        parts.append(format_html("{}.", label))
    if ref.link:
        parts.append(linked(ref, "."))
    return mark_safe(" ".join(parts))


def apa(ref: Reference, language: str | None = None) -> SafeString:
    """APA 7: Family, G. G. (date). Title in sentence case. Source. URL

    Web pages, reports and books have their titles in italics; a newspaper or journal
    the name of the periodical. A site or publisher that is also the author is not
    repeated (APA 9.7, 9.24).
    """
    language = language or get_language()
    names = [n.apa() for n in ref.authors]
    authors = (
        ", ".join(names[:-1]) + f", & {names[-1]}" if len(names) > 1 else "".join(names)
    )
    if not ref.issued:
        when = _("n.d.")
    elif ref.kind in DATED_TO_THE_DAY:
        when = f"{ref.issued.year}, {day_month(ref.issued, language)}"
    else:
        when = str(ref.issued.year)
    title = sentence_case(ref.title, ref.language or language)
    description = format_html(" [{}]", ref.genre) if ref.genre else ""
    if ref.kind in (WEBPAGE, REPORT, BOOK):
        title = format_html("<em>{}</em>{}", title, description)
    else:
        title = format_html("{}{}", title, description)
    title = sentence(title)
    parts = []
    if authors:
        parts += [format_html("{} ({}).", sentence(authors), when), title]
    else:
        parts += [title, format_html("({}).", when)]
    outlet = ref.outlet
    if outlet and not (len(ref.authors) == 1 and ref.authors[0].literal == outlet):
        if ref.kind in (NEWSPAPER, JOURNAL):
            parts.append(format_html("<em>{}</em>.", outlet))
        else:
            parts.append(sentence(outlet))
    if ref.link:
        parts.append(linked(ref))
    return mark_safe(" ".join(parts))


# --- Files: BibTeX, RIS, CSL-JSON -------------------------------------------------


def _bibtex_value(text: str) -> str:
    # Braces keep capitals; backslashes and unbalanced braces cannot break out.
    return (
        text.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")
    )


def _bibtex_name(name: Name) -> str:
    # An organisation in braces, so that no tool splits it into family and given.
    if name.literal:
        return "{" + _bibtex_value(name.literal) + "}"
    return _bibtex_value(name.inverted())


# Where each type's container or publisher goes in biblatex.
BIBTEX_OUTLET = {
    WEBPAGE: "organization",
    NEWSPAPER: "journaltitle",
    JOURNAL: "journaltitle",
    REPORT: "institution",
    BOOK: "publisher",
}


def bibtex(refs: list[Reference]) -> str:
    """biblatex entries: @online, @article (newspapers marked), @report, @book."""
    entries = []
    for ref in refs:
        fields = {
            "title": "{" + _bibtex_value(ref.title) + "}",
            "author": " and ".join(_bibtex_name(n) for n in ref.authors),
            BIBTEX_OUTLET[ref.kind]: _bibtex_value(ref.outlet),
            "entrysubtype": "newspaper" if ref.kind == NEWSPAPER else "",
            "type": _bibtex_value(ref.genre),
            "date": ref.issued.isoformat() if ref.issued else "",
            "year": str(ref.issued.year) if ref.issued else "",
            "url": ref.url,
            "urldate": ref.accessed.isoformat() if ref.accessed else "",
            "doi": ref.doi,
            "langid": ref.language,
            "abstract": _bibtex_value(ref.abstract),
        }
        body = ",\n".join(
            f"  {name} = {{{value}}}" for name, value in fields.items() if value
        )
        entries.append(f"@{BIBTEX_TYPES[ref.kind]}{{{ref.key},\n{body}\n}}\n")
    return "\n".join(entries)


def ris(refs: list[Reference]) -> str:
    """RIS: the type's tag, AU/A2 for people, T2 the container, PB the publisher."""
    lines = []
    for ref in refs:
        lines.append(f"TY  - {RIS_TYPES[ref.kind]}")
        lines += [f"AU  - {one_line(n.inverted())}" for n in ref.authors]
        lines.append(f"TI  - {one_line(ref.title)}")
        if ref.container:
            lines.append(f"T2  - {one_line(ref.container)}")
        if ref.publisher:
            lines.append(f"PB  - {one_line(ref.publisher)}")
        if ref.genre:
            lines.append(f"M3  - {one_line(ref.genre)}")
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


def date_parts(value: date) -> dict:
    return {"date-parts": [[value.year, value.month, value.day]]}


def csl_item(ref: Reference) -> dict:
    """One CSL-JSON item: container or publisher, never both for one name."""
    item = {
        "id": ref.key,
        "type": ref.kind,
        "title": ref.title,
        "author": [
            {"literal": n.literal}
            if n.literal
            else {"family": n.family, "given": n.given}
            for n in ref.authors
        ],
        "container-title": ref.container,
        "publisher": ref.publisher,
        "genre": ref.genre,
        "URL": ref.url,
        "DOI": ref.doi,
        "language": ref.language,
        "abstract": ref.abstract,
    }
    if ref.issued:
        item["issued"] = date_parts(ref.issued)
    if ref.accessed:
        item["accessed"] = date_parts(ref.accessed)
    return {key: value for key, value in item.items() if value}


def csl_json(refs: list[Reference]) -> str:
    return json.dumps([csl_item(ref) for ref in refs], ensure_ascii=False, indent=2)


FORMATS = {
    "bib": (bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
