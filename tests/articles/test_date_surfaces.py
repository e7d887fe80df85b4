"""The same article is dated the same way on every surface, in each language.

An article published at 23:30 UTC on 1 December 2023 is dated 2 December in Istanbul:
the header, the cards (home, category, author, similar posts), Cite this (Chicago and
APA), the reference files, the machine-read tags and the feeds all say 2 December, in
the language's one style; notes write their access dates out in English and as
DD.MM.YYYY in Turkish and Russian (their house style).
"""

import datetime
import json
import re

import feedparser
import pytest
from django.utils import translation

from tests.articles.factories import ArticleFactory
from tests.authors.factories import AuthorFactory
from tests.citations.factories import SourceFactory

pytestmark = pytest.mark.django_db

PUBLISHED = datetime.datetime(2023, 12, 1, 23, 30, tzinfo=datetime.UTC)
ISO = "2023-12-02T02:30:00+03:00"
STYLE = {
    "tr": {"long": "2 Aralık 2023", "apa": "(2023, 2 Aralık)", "access": "04.11.2023"},
    "en": {
        "long": "December 2, 2023",
        "apa": "(2023, December 2)",
        "access": "November 4, 2023",
    },
    "ru": {
        "long": "2 декабря 2023",
        "apa": "(2023, 2 декабря)",
        "access": "04.11.2023",
    },
}
# What the pages wrote before: Django's DATE_FORMAT, the UTC day, other orders.
WRONG = {
    "tr": ["02 Aralık 2023", "1 Aralık 2023", "Aralık 2, 2023"],
    "en": ["Dec. 2, 2023", "2 December 2023", "December 1, 2023", "4 November 2023"],
    "ru": ["2 декабрь 2023", "1 декабря 2023", "2 дек. 2023", "2 декабря 2023 г."],
}


@pytest.fixture
def author():
    return AuthorFactory(name="Zeki Talustan Gülten")


@pytest.fixture
def article(author):
    return ArticleFactory(
        published_at=PUBLISHED,
        authors=[author],
        citations=[
            {"source": SourceFactory(), "accessed_on": datetime.date(2023, 11, 4)}
        ],
    )


def get(client, path, code):
    with translation.override(code):
        response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def url(obj, code, *args):
    with translation.override(code):
        return obj.get_absolute_url(*args)


def times(html):
    """The written-out dates of <time datetime="…"> elements, by their ISO value."""
    return re.findall(r'<time datetime="([^"]+)">([^<]+)</time>', html)


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_the_article_page_dates_it_one_way_everywhere(client, article, code):
    html = get(client, url(article, code, code), code)
    style = STYLE[code]
    assert (ISO, style["long"]) in times(html)
    cite = html.split('id="cite-title"')[1]
    chicago, apa = re.findall(r"<dd>(.*?)</dd>", cite, re.S)
    assert f", {style['long']}." in chicago
    assert style["apa"] in apa
    notes = html.split('role="doc-endnotes"')[1].split("</section>")[0]
    assert style["access"] in notes
    assert '"datePublished":"2023-12-02T02:30:00+03:00"' in html
    assert '<meta name="citation_publication_date" content="2023/12/02">' in html
    assert f'content="{ISO}"' in html  # article:published_time
    for wrong in WRONG[code]:
        assert wrong not in html


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_cards_date_it_the_same_way(client, article, author, code):
    pages = [
        f"/{code}/",
        url(article.category, code),
        url(author, code),
        # Another article by the same author lists this one under similar posts.
        url(ArticleFactory(authors=[author]), code, code),
    ]
    for path in pages:
        html = get(client, path, code)
        assert (ISO, STYLE[code]["long"]) in times(html), path
        for wrong in WRONG[code]:
            assert wrong not in html, path


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_reference_files_carry_the_same_day(client, article, code):
    base = url(article, code, code)
    (item,) = json.loads(get(client, base + "reference.json", code))
    assert item["issued"] == {"date-parts": [[2023, 12, 2]]}
    assert "date = {2023-12-02}" in get(client, base + "reference.bib", code)
    assert "DA  - 2023/12/02" in get(client, base + "reference.ris", code)


@pytest.mark.parametrize("kind", ["", "atom/"])
@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_feeds_date_it_in_the_site_time_zone(client, article, code, kind):
    xml = get(client, f"/{code}/feed/{kind}", code)
    (entry,) = feedparser.parse(xml).entries
    if kind:
        assert f"<published>{ISO}</published>" in xml
    else:
        assert "<pubDate>Sat, 02 Dec 2023 02:30:00 +0300</pubDate>" in xml
    assert entry.published_parsed[:3] == (2023, 12, 1)  # the same instant, in UTC
