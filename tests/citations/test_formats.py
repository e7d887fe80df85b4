"""Cite this: references and files a reader takes away, parsed as tools read them."""

import datetime
import json

import bibtexparser
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from django.utils import translation
from django.utils.timezone import localtime

from ankasam.dates import local_day, long_date
from citations import formats, models
from citations.formats import Name, source_reference
from tests.articles.factories import ArticleFactory
from tests.authors.factories import AuthorFactory
from tests.citations.factories import SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    authors = [
        AuthorFactory(name="Zeki Talustan Gülten"),
        AuthorFactory(name="İlknur Işık"),
    ]
    return ArticleFactory(
        title_en="North Korea’s {Decision} \\ to Shutdown",
        title_tr="Kuzey Kore’nin Kararı",
        authors=authors,
        body_en="<p>One.[1] Two.[2]</p>",
        body_tr="<p>Bir.[1] İki.[2]</p>",
        body_ru="<p>Один.[1] Два.[2]</p>",
        citations=[
            {"source": SourceFactory(title="Al Jazeera report", doi="10.1000/xyz")},
            {
                "source": SourceFactory(
                    title="Barron’s report", authors="Jane Doe; Ali Veli"
                )
            },
        ],
    )


def download(client, article, code, kind, fmt):
    with translation.override(code):
        path = article.get_absolute_url(code) + f"{kind}.{fmt}"
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Disposition"].startswith("attachment;")
    return response.content.decode()


def test_article_page_shows_chicago_and_apa_in_the_readers_language(client, article):
    html = client.get(article.get_absolute_url("en")).content.decode()
    assert "Gülten, Zeki Talustan, and İlknur Işık." in html
    assert "Gülten, Z. T., &amp; Işık, İ. (" in html
    with translation.override("tr"):
        html = client.get(article.get_absolute_url("tr")).content.decode()
    assert "Bu makaleye atıf" in html
    assert "Gülten, Zeki Talustan ve İlknur Işık." in html


def test_bibtex_reference_parses(client, article):
    library = bibtexparser.parse_string(
        download(client, article, "en", "reference", "bib")
    )
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert entry["author"] == "Gülten, Zeki Talustan and Işık, İlknur"
    assert "\\{Decision\\}" in entry["title"]
    assert entry["year"] == str(localtime(article.published_at).year)
    assert entry["url"].endswith(article.get_absolute_url("en"))


def test_bibliography_bibtex_lists_every_source(client, article):
    text = download(client, article, "tr", "sources", "bib")
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == []
    assert [e["title"] for e in library.entries] == [
        "{Al Jazeera report}",
        "{Barron’s report}",
    ]
    assert library.entries[0]["doi"] == "10.1000/xyz"
    assert library.entries[1]["author"] == "Doe, Jane and Veli, Ali"


def test_ris_files_parse(client, article):
    (reference,) = rispy.loads(download(client, article, "ru", "reference", "ris"))
    assert reference["type_of_reference"] == "ELEC"  # a web page
    assert reference["secondary_title"] == "ANKASAM"
    assert reference["authors"] == ["Gülten, Zeki Talustan", "Işık, İlknur"]
    sources = rispy.loads(download(client, article, "en", "sources", "ris"))
    assert [s["title"] for s in sources] == ["Al Jazeera report", "Barron’s report"]
    assert sources[0]["access_date"] == "2023/11/04"


def test_csl_json_renders_with_a_citation_processor(client, article):
    items = json.loads(download(client, article, "en", "sources", "json"))
    items += json.loads(download(client, article, "en", "reference", "json"))
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(
        style, CiteProcJSON(items), formatter.plain
    )
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bibliography.bibliography()]
    assert len(rendered) == 3
    assert any("Gülten" in entry and "Işık" in entry for entry in rendered)
    assert any("Doe" in entry for entry in rendered)


def test_unknown_format_is_404(client, article):
    assert (
        client.get(article.get_absolute_url("en") + "reference.pdf").status_code == 404
    )


def test_no_bibliography_links_without_sources(client):
    article = ArticleFactory(body_en="<p>Text.</p>", citations=[])
    html = client.get(article.get_absolute_url("en")).content.decode()
    assert "reference.bib" in html
    assert "sources.bib" not in html


def test_an_article_without_byline_is_cited_under_the_site(client):
    article = ArticleFactory(authors=[])
    html = client.get(article.get_absolute_url("en")).content.decode()
    category = article.category.name_en
    assert (
        f"ANKASAM. “{article.title_en}.” {category}. {long_date_en(article)}." in html
    )
    sentence_case = article.title_en.replace("Shadow", "shadow")
    assert f"<em>{sentence_case}</em> [{category}]. (" in html


def long_date_en(article):
    return long_date(article.published_at_en, "en")


def test_russian_chicago_quotes_titles_in_guillemets(client, article):
    with translation.override("ru"):
        html = client.get(article.get_absolute_url("ru")).content.decode()
    assert f"«{article.title_ru}». Анализ" in html
    assert f"“{article.title_ru}" not in html


def test_apa_writes_the_title_in_sentence_case(client):
    article = ArticleFactory(
        title_en="North Korea’s Decision to Shutdown The Diplomatic Missions",
        title_tr="Kuzey Kore’nin Diplomatik Misyonlarını Kapatma Kararı",
    )
    html = client.get(article.get_absolute_url("en")).content.decode()
    assert "<em>North Korea’s decision to shutdown the diplomatic missions</em>" in html
    # Chicago keeps the headline style.
    assert "“North Korea’s Decision to Shutdown The Diplomatic Missions.”" in html
    with translation.override("tr"):
        html = client.get(article.get_absolute_url("tr")).content.decode()
    assert "<em>Kuzey Kore’nin diplomatik misyonlarını kapatma kararı</em>" in html


def test_the_article_is_a_web_page_of_the_site_in_csl_json(client, article):
    (item,) = json.loads(download(client, article, "tr", "reference", "json"))
    day = local_day(article.published_at_tr)
    assert item["type"] == "webpage"
    assert item["container-title"] == "ANKASAM"
    assert "publisher" not in item
    assert item["genre"] == article.category.name_tr
    assert item["language"] == "tr"
    assert item["issued"] == {"date-parts": [[day.year, day.month, day.day]]}
    assert item["author"][1] == {"family": "Işık", "given": "İlknur"}


def test_sources_name_their_outlet_once_in_csl_json(client, article):
    items = json.loads(download(client, article, "en", "sources", "json"))
    assert [item["type"] for item in items] == ["article-journal", "webpage"]
    for item in items:
        assert item["container-title"] == "Al Jazeera"
        assert "publisher" not in item
    assert items[1]["accessed"] == {"date-parts": [[2023, 11, 4]]}
    assert items[1]["author"] == [
        {"family": "Doe", "given": "Jane"},
        {"family": "Veli", "given": "Ali"},
    ]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("Zeki Talustan Gülten", Name(family="Gülten", given="Zeki Talustan")),
        ("Cho, Han-Bum", Name(family="Cho", given="Han-Bum")),
        ("UNHCR", Name(literal="UNHCR")),
        ("World Bank", Name(literal="World Bank")),
    ],
)
def test_source_authors_are_people_or_organisations(written, name):
    source = SourceFactory.build(authors=written, publisher="World Bank")
    citation = models.Citation(source=source)
    assert source_reference(citation).authors == [name]


@pytest.mark.parametrize(
    ("fields", "kind"),
    [
        ({"doi": "10.1000/xyz"}, "article-journal"),
        ({}, "webpage"),
        ({"url": ""}, "book"),
    ],
)
def test_a_source_is_typed_by_what_it_has(fields, kind):
    source = SourceFactory.build(**fields)
    reference = source_reference(models.Citation(source=source))
    assert reference.kind == kind
    if kind == "book":
        assert (reference.publisher, reference.container) == ("Al Jazeera", "")
    else:
        assert (reference.publisher, reference.container) == ("", "Al Jazeera")


@pytest.mark.parametrize("kind", sorted(formats.BIBTEX_TYPES))
@pytest.mark.parametrize("style", [formats.chicago, formats.apa])
def test_every_field_is_escaped_in_chicago_and_apa(kind, style):
    hostile = "<b>x</b> & “y”"
    ref = formats.Reference(
        key="k",
        kind=kind,
        title=hostile,
        authors=[Name(literal=hostile), Name(family=hostile, given=hostile)],
        container=hostile if kind in formats.IN_CONTAINER else "",
        publisher="" if kind in formats.IN_CONTAINER else hostile,
        genre=hostile,
        url='https://example.org/?a="<b>"',
        issued=datetime.date(2023, 11, 6),
        language="en",
    )
    for language in ("tr", "en", "ru"):
        text = str(style(ref, language))
        assert "<b>" not in text
        assert "&lt;b&gt;x&lt;/b&gt; &amp;" in text
