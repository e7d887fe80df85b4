"""Our files read back into references, through the parsers reference managers use:
json for CSL-JSON, bibtexparser for BibTeX, rispy for RIS. A round trip that loses
or changes a field shows as a reference that differs from the one written."""

import re
from datetime import date

import bibtexparser
import rispy

from citations.formats import (
    BIBTEX_OUTLET,
    BIBTEX_TYPES,
    IN_CONTAINER,
    NEWSPAPER,
    RIS_TYPES,
    Name,
    Reference,
)


def _date(text: str | None) -> date | None:
    if not text:
        return None
    year, month, day = map(int, re.split(r"[-/]", text)[:3])
    return date(year, month, day)


def _parts(value: dict | None) -> date | None:
    return date(*value["date-parts"][0]) if value else None


def from_csl(item: dict) -> Reference:
    return Reference(
        key=item["id"],
        kind=item["type"],
        title=item["title"],
        authors=[
            Name(literal=a["literal"])
            if "literal" in a
            else Name(family=a["family"], given=a.get("given", ""))
            for a in item.get("author", [])
        ],
        container=item.get("container-title", ""),
        publisher=item.get("publisher", ""),
        genre=item.get("genre", ""),
        issued=_parts(item.get("issued")),
        accessed=_parts(item.get("accessed")),
        url=item.get("URL", ""),
        doi=item.get("DOI", ""),
        language=item.get("language", ""),
        abstract=item.get("abstract", ""),
    )


def _bibtex_text(value: str) -> str:
    return (
        value.replace("\\{", "{").replace("\\}", "}").replace("\\textbackslash{}", "\\")
    )


def _bibtex_name(text: str) -> Name:
    if text.startswith("{") and text.endswith("}"):
        return Name(literal=_bibtex_text(text[1:-1]))
    family, _comma, given = _bibtex_text(text).partition(", ")
    return Name(family=family, given=given)


def _outlet(kind: str, value: str) -> dict:
    return {"container": value} if kind in IN_CONTAINER else {"publisher": value}


def from_bibtex(text: str) -> list[Reference]:
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    kinds = {bib: csl for csl, bib in BIBTEX_TYPES.items()}
    references = []
    for entry in library.entries:
        fields = {f.key: f.value for f in entry.fields}
        kind = kinds[entry.entry_type]
        if entry.entry_type == "article" and "entrysubtype" not in fields:
            kind = "article-journal"
        if fields.get("entrysubtype") == "newspaper":
            kind = NEWSPAPER
        authors = fields.get("author", "")
        title = fields["title"]
        assert title.startswith("{") and title.endswith("}")
        references.append(
            Reference(
                key=entry.key,
                kind=kind,
                title=_bibtex_text(title[1:-1]),
                authors=[_bibtex_name(a) for a in authors.split(" and ") if a],
                **_outlet(kind, _bibtex_text(fields.get(BIBTEX_OUTLET[kind], ""))),
                genre=_bibtex_text(fields.get("type", "")),
                issued=_date(fields.get("date")),
                accessed=_date(fields.get("urldate")),
                url=fields.get("url", ""),
                doi=fields.get("doi", ""),
                language=fields.get("langid", ""),
                abstract=_bibtex_text(fields.get("abstract", "")),
            )
        )
        if "year" in fields:
            assert int(fields["year"]) == references[-1].issued.year
    return references


def _ris_name(text: str) -> Name:
    if ", " not in text:
        return Name(literal=text)
    family, _comma, given = text.partition(", ")
    return Name(family=family, given=given)


def from_ris(text: str) -> list[Reference]:
    kinds = {ris: csl for csl, ris in RIS_TYPES.items()}
    references = []
    for record in rispy.loads(text):
        kind = kinds[record["type_of_reference"]]
        references.append(
            Reference(
                key=record["id"],
                kind=kind,
                title=record["title"],
                authors=[_ris_name(a) for a in record.get("authors", [])],
                container=record.get("secondary_title", ""),
                publisher=record.get("publisher", ""),
                genre=record.get("type_of_work", ""),
                issued=_date(record.get("date")),
                accessed=_date(record.get("access_date")),
                url=(record.get("urls") or [""])[0],
                doi=record.get("doi", ""),
                language=record.get("language", ""),
                abstract=record.get("abstract", ""),
            )
        )
    return references
