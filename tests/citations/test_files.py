"""BibTeX, RIS and CSL-JSON carry every field of every kind of reference: written,
parsed by the tools reference managers use, and read back, nothing is lost."""

import json

import pytest

from citations import formats
from tests.citations.readers import from_bibtex, from_csl, from_ris
from tests.citations.references import REFERENCES

ARTICLE = formats.Reference(
    key="gulten2023north",
    kind=formats.WEBPAGE,
    title="North Korea’s {Decision} \\ to Shutdown",
    authors=[formats.Name.parse("Zeki Talustan Gülten")],
    container="ANKASAM",
    genre="Analysis",
    issued=REFERENCES[0].issued,
    url="https://ankasam.org/en/north-korea/",
    language="en",
    abstract="Pyongyang closes missions.\nA second line.",
)
ALL = [*REFERENCES, ARTICLE]


def test_csl_json_round_trip_keeps_every_field():
    assert [from_csl(item) for item in json.loads(formats.csl_json(ALL))] == ALL


def test_bibtex_round_trip_keeps_every_field():
    assert from_bibtex(formats.bibtex(ALL)) == ALL


def test_ris_round_trip_keeps_every_field_of_one_line_text():
    # RIS has one line per tag: a line break in an abstract becomes a space.
    expected = [
        ref
        if ref is not ARTICLE
        else formats.Reference(
            **{**vars(ref), "abstract": " ".join(ref.abstract.split())}
        )
        for ref in ALL
    ]
    assert from_ris(formats.ris(ALL)) == expected


@pytest.mark.parametrize(
    ("kind", "bibtex", "ris"),
    [
        ("webpage", "@online{", "TY  - ELEC"),
        ("article-newspaper", "entrysubtype = {newspaper}", "TY  - NEWS"),
        ("article-journal", "journaltitle = {", "TY  - JOUR"),
        ("report", "institution = {", "TY  - RPRT"),
        ("book", "@book{", "TY  - BOOK"),
    ],
)
def test_each_type_is_mapped_the_same_way_in_every_file(kind, bibtex, ris):
    refs = [ref for ref in REFERENCES if ref.kind == kind]
    assert bibtex in formats.bibtex(refs)
    assert ris in formats.ris(refs)
    assert {item["type"] for item in json.loads(formats.csl_json(refs))} == {kind}


def test_container_and_publisher_are_never_the_same_field_twice():
    for item in json.loads(formats.csl_json(ALL)):
        assert not ("container-title" in item and "publisher" in item), item["id"]
        kind = item["type"]
        assert ("publisher" in item) == (kind in ("report", "book")), item["id"]


def test_organisations_are_literal_names_everywhere():
    (worldbank,) = [ref for ref in REFERENCES if ref.key == "worldbank"]
    (item,) = json.loads(formats.csl_json([worldbank]))
    assert item["author"] == [{"literal": "World Bank"}]
    assert "author = {{World Bank}}" in formats.bibtex([worldbank])
    assert "AU  - World Bank\r\n" in formats.ris([worldbank])
