"""Search results in the reader's language: folding, prefixes, ranking, snippets."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from editorial.services import article_save
from search.models import SearchEntry
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def search(client, code, q, **params):
    response = client.get(f"/{code}/search/", {"q": q, **params})
    assert response.status_code == 200
    return response.content.decode()


def titles(html):
    return [
        re.sub(r"<[^>]+>", "", title)
        for title in re.findall(
            r'class="search-result__title"><a [^>]*>(.*?)</a>', html
        )
    ]


@pytest.mark.parametrize("q", ["ışık", "IŞIK", "Işık", "isik"])
def test_turkish_i_variants_find_the_same_article(client, q):
    ArticleFactory(title_tr="Işık Politikası", languages=("tr",))
    ArticleFactory(title_tr="Gölge Politikası", languages=("tr",))
    assert titles(search(client, "tr", q)) == ["Işık Politikası"]


@pytest.mark.parametrize("q", ["İstanbul", "istanbul", "ISTANBUL", "ıstanbul"])
def test_istanbul_variants_find_the_same_article(client, q):
    ArticleFactory(title_tr="Tahıl koridoru", body_tr="<p>İSTANBUL’da imza.</p>")
    assert titles(search(client, "tr", q)) == ["Tahıl koridoru"]


def test_a_prefix_finds_the_inflected_word(client):
    ArticleFactory(title_tr="Türkiye ekonomisi", languages=("tr",))
    assert titles(search(client, "tr", "ekonomi")) == ["Türkiye ekonomisi"]


@pytest.mark.parametrize("q", ["ещё", "еще", "ЕЩЁ"])
def test_russian_yo_and_ye_are_the_same_letter(client, q):
    ArticleFactory(title_ru="Ещё одна встреча", languages=("ru",))
    assert titles(search(client, "ru", q)) == ["Ещё одна встреча"]


def test_english_search_stems_and_matches_prefixes(client):
    ArticleFactory(title_en="Sanctions on shipping", languages=("en",))
    assert titles(search(client, "en", "sanction")) == ["Sanctions on shipping"]


@pytest.mark.parametrize("code", ["tr", "en"])
def test_title_matches_rank_above_body_matches(client, code):
    word = {"tr": "kuzey", "en": "northern"}[code]
    ArticleFactory(
        **{f"title_{code}": "Plain", f"body_{code}": f"<p>The {word} front.</p>"},
        languages=(code,),
    )
    ArticleFactory(**{f"title_{code}": f"The {word} front"}, languages=(code,))
    found = titles(search(client, code, word))
    assert found == [f"The {word} front", "Plain"]


def test_results_are_only_in_the_current_language(client):
    ArticleFactory(title_tr="Enerji koridoru", title_en="Energy corridor")
    ArticleFactory(title_tr="Enerji piyasası", languages=("tr",))
    assert titles(search(client, "en", "energ")) == ["Energy corridor"]
    assert len(titles(search(client, "tr", "enerji"))) == 2


def test_matches_only_in_other_languages_are_announced_with_links(client):
    ArticleFactory(title_tr="Hazar boru hattı", languages=("tr",))
    ArticleFactory(title_ru="Каспийский трубопровод", languages=("ru",))
    html = search(client, "en", "hazar")
    assert titles(html) == []
    assert "there are matches in" in html
    assert 'href="/tr/search/?q=hazar"' in html
    assert "/ru/search/" not in html.split("search-elsewhere")[1].split("</div>")[0]


def test_other_languages_are_announced_in_turkish_too(client):
    ArticleFactory(title_en="Pipeline politics", languages=("en",))
    html = search(client, "tr", "pipeline")
    assert "/en/search/?q=pipeline" in html
    assert "İngilizce" in html or "English" in html


def test_snippets_and_titles_mark_the_matching_words(client):
    ArticleFactory(
        title_tr="Işık ve gölge",
        body_tr="<p>" + "Uzun bir giriş cümlesi. " * 30 + "Burada IŞIKLAR yanar.</p>",
        languages=("tr",),
    )
    html = search(client, "tr", "isik")
    assert "<mark>Işık</mark> ve gölge" in html
    assert "<mark>IŞIKLAR</mark> yanar" in html
    assert "…" in html


def test_snippets_escape_the_text_around_the_marks(client):
    ArticleFactory(
        title_en="Tags", body_en="<p>&lt;script&gt; alarm here</p>", languages=("en",)
    )
    html = search(client, "en", "alarm")
    assert "&lt;script&gt; <mark>alarm</mark>" in html
    assert "<script> alarm" not in html


def test_results_are_paginated_and_the_next_page_keeps_the_query(client):
    ArticleFactory.create_batch(14, title_en="Grain deal", languages=("en",))
    first = search(client, "en", "grain")
    assert len(titles(first)) == 12
    assert 'href="/en/search/?q=grain&amp;page=2"' in first
    assert len(titles(search(client, "en", "grain", page=2))) == 2
    assert len(titles(search(client, "en", "grain", page=99))) == 2
    assert len(titles(search(client, "en", "grain", page="zz"))) == 12


def test_drafts_and_scheduled_articles_are_not_found(client):
    ArticleFactory(title_tr="Taslak yazı", status=Article.Status.DRAFT)
    scheduled = ArticleFactory(
        title_tr="Yarınki yazı",
        published_at=timezone.now() + datetime.timedelta(hours=1),
    )
    assert titles(search(client, "tr", "yazı")) == []
    # Time passes (no reindexing, no cron job): the scheduled article is found.
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert titles(search(client, "tr", "yazı")) == ["Yarınki yazı"]


def test_the_index_follows_every_save(client):
    article = ArticleFactory(title_en="Old headline", languages=("tr", "en"))
    article.title_en = "Fresh headline"
    article.body_en = ""  # the English version is gone
    article_save(article=article)
    article.title_tr = "Taze başlık"
    article_save(article=article)
    assert titles(search(client, "en", "headline")) == []
    assert titles(search(client, "tr", "taze")) == ["Taze başlık"]
    assert set(SearchEntry.objects.values_list("language", flat=True)) == {"tr"}


def test_postgresql_keeps_a_gin_indexed_weighted_vector():
    ArticleFactory(title_tr="Işık", summary_tr="Özet", languages=("tr",))
    entry = SearchEntry.objects.get()
    if connection.vendor == "postgresql":
        assert "isik':1A" in entry.vector
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                ["search_searchentry_vector"],
            )
            assert "USING gin (vector)" in cursor.fetchone()[0]
    else:
        assert entry.vector is None
        assert entry.title_folded == " isik"


BAD_QUERIES = [
    "",
    "   ",
    "ışık " * 2048,  # 10 kB
    "a & b | !c <-> d:* (e) 'f' \"g",
    '"unbalanced',
    "'",
    "!!!",
    "😀 🇹🇷",
    "ışık\x00",
    "\x00",
    "%_\\",
    "'); DROP TABLE articles_article; --",
]


@pytest.mark.parametrize("q", BAD_QUERIES)
@pytest.mark.parametrize("code", ["tr", "ru"])
def test_bad_input_gives_a_normal_results_page(client, code, q):
    ArticleFactory(title_tr="Işık", title_ru="Свет")
    response = client.get(f"/{code}/search/", {"q": q})
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


@pytest.mark.parametrize("code", ["tr", "en"])
def test_search_queries_do_not_grow_with_results(client, code):
    word = {"tr": "ortak", "en": "common"}[code]
    ArticleFactory(**{f"title_{code}": word})

    def cost():
        with CaptureQueriesContext(connection) as context:
            html = search(client, code, word)
        return len(context), len(titles(html))

    few = cost()
    for _ in range(15):
        ArticleFactory(**{f"title_{code}": f"{word} {_}"})
    many = cost()
    # Version, count, page of entries, their articles, bylines, navigation.
    assert (few[0], many[0]) == (6, 6)
    assert (few[1], many[1]) == (1, 12)


def test_no_results_costs_one_more_query_for_other_languages(client):
    ArticleFactory(languages=("tr",))
    with CaptureQueriesContext(connection) as context:
        search(client, "en", "nothingmatches")
    # Version, count (zero: no page to fetch), other languages, navigation.
    assert len(context) == 4
