"""Notes in each language's house style, numbered by first appearance, with ibid."""

import datetime

import pytest

from articles.models import Article
from citations.rendering import render
from editorial.services import article_save
from tests.articles.factories import ArticleFactory
from tests.citations.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(shared_demo):
    return Article.objects.get(title_en__startswith="North Korea’s Decision")


def notes_of(html):
    return [item.split("</li>")[0] for item in html.split("<li ")[1:]]


@pytest.mark.parametrize(
    ("code", "first", "ibid"),
    [
        (
            "tr",
            "“North Korea Says Closing Foreign Missions as Part of Its ‘Regular "
            'Affairs’”, Al Jazeera, <a href="https://www.aljazeera.com/news/2023/11/3/'
            'north-korea-says-closing-foreign-missions-as-part-of-its-regular-affairs">',
            "Aynı yer.",
        ),
        ("en", "“North Korea Says Closing Foreign Missions", "Ibid."),
        ("ru", "«North Korea Says Closing Foreign Missions", "Там же."),
    ],
)
def test_sample_notes_in_each_language(sample, code, first, ibid):
    notes = notes_of(getattr(sample, f"notes_html_{code}"))
    assert len(notes) == 7
    assert first in notes[0]
    assert notes[5].startswith(f'id="fn-6">{ibid}')
    assert notes[6].startswith(f'id="fn-7">{ibid}')
    assert ibid not in notes[4]  # [5] cites Barron's again, but not right after [2]


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("tr", "(Erişim Tarihi: 04.11.2023)."),
        ("en", "(Accessed: November 4, 2023)."),
        ("ru", "(Дата обращения: 04.11.2023)."),
    ],
)
def test_access_date_in_house_style(sample, code, label):
    assert label in notes_of(getattr(sample, f"notes_html_{code}"))[0]


def test_sample_keeps_the_outlets_typo(sample):
    assert "Vocie of Ameria News" in sample.notes_html_en


def test_numbering_follows_first_appearance_not_the_marker_value():
    article = ArticleFactory(
        body_tr="<p>Önce [2], sonra [1], yine [2].</p>",
        citations=[
            {"source": SourceFactory(title="Bir")},
            {"source": SourceFactory(title="İki")},
        ],
    )
    notes = notes_of(article.notes_html_tr)
    assert "İki" in notes[0] and "Bir" in notes[1]
    assert '<a href="#fn-1" id="fnref-1-1"' in article.body_html_tr
    assert 'id="fnref-1-2"' in article.body_html_tr
    assert notes[0].count('class="fn-back"') == 2


def test_inserting_a_citation_in_the_middle_renumbers_the_page():
    article = ArticleFactory(body_en="<p>A [1] B [2]</p>", citations=[{}, {}])
    article.body_en = "<p>A [1] new [3] B [2]</p>"
    CitationFactory(article=article, key=3)
    article_save(article=article, check_publication=False)
    assert '[2]</a></sup> B <sup class="fn-ref"><a href="#fn-3"' in article.body_html_en


def test_same_source_with_another_locator_is_not_ibid():
    source = SourceFactory()
    body = "<p>[1] [2] [3]</p>"
    citations = [
        CitationFactory.build(key=1, source=source, locator="p. 1"),
        CitationFactory.build(key=2, source=source, locator="p. 2"),
        CitationFactory.build(key=3, source=source, locator="p. 2"),
    ]
    _body, notes = render(body, citations, "en")
    rendered = notes_of(notes)
    assert "Ibid." not in rendered[1]
    assert "Ibid." in rendered[2]


def test_every_citation_field_is_escaped():
    evil = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    source = SourceFactory(
        title=evil,
        publisher=evil,
        authors=evil,
        url='https://e.org/"><script>x</script>',
    )
    article = ArticleFactory(
        citations=[{"source": source, "locator": evil, "note_en": evil}]
    )
    html = article.notes_html_en
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert 'href="https://e.org/&quot;&gt;&lt;script&gt;x&lt;/script&gt;"' in html


def test_doi_becomes_a_link():
    source = SourceFactory(url="", doi="10.1000/xyz123")
    article = ArticleFactory(citations=[{"source": source, "accessed_on": None}])
    assert '<a href="https://doi.org/10.1000/xyz123">' in article.notes_html_en


def test_a_marker_without_citation_stays_plain_text():
    article = ArticleFactory(body_en="<p>Text [1] and [9].</p>")
    assert "[9]." in article.body_html_en
    assert 'href="#fn-9"' not in article.body_html_en


def test_access_date_in_english_uses_the_day_without_zero():
    source = SourceFactory()
    article = ArticleFactory(
        citations=[{"source": source, "accessed_on": datetime.date(2024, 3, 5)}]
    )
    assert "(Accessed: March 5, 2024)." in article.notes_html_en
    assert "(Erişim Tarihi: 05.03.2024)." in article.notes_html_tr
