"""Cite this: references and files a reader takes away, parsed as tools read them."""

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
    assert entry["year"] == str(article.published_at.year)
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
    assert reference["type_of_reference"] == "ELEC"
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


def test_an_article_without_byline_is_cited_by_title(client):
    article = ArticleFactory(authors=[])
    html = client.get(article.get_absolute_url("en")).content.decode()
    assert f"“{article.title_en}.” ANKASAM," in html
    assert f"<em>{article.title_en}</em>. (" in html
