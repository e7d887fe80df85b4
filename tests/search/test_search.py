"""Search results in the reader's language: folding, prefixes, ranking, snippets."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from editorial.services import article_save
from search.folding import query_words
from search.models import SearchEntry, SearchIndex
from search.query import counts_elsewhere
from search.query import search as search_entries
from search.stemming import search_terms
from search.views import clean_query
from tests.articles.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# The queries ``search.query.planned`` adds inside a test's transaction.
PLANNING = {"postgresql": 2, "sqlite": 0}


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


@pytest.mark.parametrize(
    ("code", "title", "q"),
    [
        ("tr", "Bölge politikası", "bölgesi politikaları"),
        ("tr", "Bölgesi ve politikaları", "bolge politika"),
        ("en", "A policy of sanctions", "policies sanction"),
        ("ru", "Против санкций", "санкциями"),
    ],
)
def test_stems_match_other_forms_of_a_word_both_ways(client, code, title, q):
    ArticleFactory(**{f"title_{code}": title}, languages=(code,))
    ArticleFactory(**{f"title_{code}": "Başka bir konu"}, languages=(code,))
    assert titles(search(client, code, q)) == [title]


@pytest.mark.parametrize("q", ["Türkiye'nin", "türkiyenin", "TÜRKİYE’NİN", "Türkiye"])
def test_turkish_suffixes_after_an_apostrophe_do_not_count(client, q):
    ArticleFactory(title_tr="Türkiye’de seçim", languages=("tr",))
    ArticleFactory(title_tr="Nin nin ninni", languages=("tr",))
    assert titles(search(client, "tr", q)) == ["Türkiye’de seçim"]


@pytest.mark.parametrize("q", ["sanktsii", "Gazprom", "sanktsiiakh gazproma"])
def test_russian_typed_in_latin_letters_finds_russian_text(client, q):
    ArticleFactory(title_ru="Санкции против «Газпрома»", languages=("ru",))
    ArticleFactory(title_ru="Зерновая сделка", languages=("ru",))
    html = search(client, "ru", q)
    assert titles(html) == ["Санкции против «Газпрома»"]
    assert "<mark>" in html.split('class="search-result__title"')[1]


def test_latin_letters_for_russian_are_announced_from_other_languages(client):
    ArticleFactory(title_ru="Газпром и Европа", languages=("ru",))
    html = search(client, "tr", "gazprom")
    assert titles(html) == []
    assert 'href="/ru/search/?q=gazprom"' in html


def test_stemmed_matches_are_marked_too(client):
    ArticleFactory(
        title_en="Policy",
        body_en="<p>" + "Filler words here. " * 30 + "New policies.</p>",
        languages=("en",),
    )
    html = search(client, "en", "policies")
    assert "<mark>Policy</mark>" in html
    assert "New <mark>policies</mark>." in html


def test_fts_operators_typed_as_words_are_words(client):
    ArticleFactory(title_en="Near or far, and not here", languages=("en",))
    ArticleFactory(title_en="Something else", languages=("en",))
    for q in ("NEAR", "or AND not", '"near" * far'):
        assert titles(search(client, "en", q)) == ["Near or far, and not here"], q


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
    # As the clock moving on would, the article's publication time and its
    # entry's copy both end up in the past.
    past = timezone.now() - datetime.timedelta(minutes=1)
    Article.objects.filter(pk=scheduled.pk).update(published_at=past)
    SearchEntry.objects.filter(article=scheduled, language="tr").update(
        published_at=past
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


def test_entries_hold_words_stems_and_latin_spellings_on_every_database():
    article = ArticleFactory(
        title_tr="Bölgesi", title_ru="Санкции", languages=("tr", "ru")
    )
    entries = {e.language: e for e in SearchEntry.objects.filter(article=article)}
    assert entries["tr"].title_terms == " bolgesi bolges bolge"
    assert entries["ru"].title_terms == " санкции санкц sanktsii sankts"


def test_the_database_indexes_the_tokens():
    ArticleFactory(title_tr="Işık", summary_tr="Özet", languages=("tr",))
    entry = SearchEntry.objects.get()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            assert "'isik':1A" in entry.vector
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                ["search_searchentry_vector"],
            )
            assert "USING gin (vector)" in cursor.fetchone()[0]
        else:
            assert entry.vector is None
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name = 'search_searchentry'"
            )
            assert {name for (name,) in cursor.fetchall()} == {
                "search_searchentry_fts_insert",
                "search_searchentry_fts_update",
                "search_searchentry_fts_delete",
            }
            found = SearchIndex.objects.filter(document__match='"isik"')
            assert list(found.values_list("entry_id", flat=True)) == [entry.pk]


def test_the_index_follows_deletes_and_stays_whole(client):
    article = ArticleFactory(title_tr="Eski başlık", languages=("tr", "en"))
    ArticleFactory(title_tr="Kalan yazı", languages=("tr",))
    article.title_tr = "Yeni başlık"
    article.body_en = ""
    article_save(article=article)
    assert titles(search(client, "tr", "baslik")) == ["Yeni başlık"]
    Article.objects.filter(pk=article.pk).delete()  # cascades to the entries
    assert titles(search(client, "tr", "baslik")) == []
    assert titles(search(client, "tr", "yazı")) == ["Kalan yazı"]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            # Compares the index with the entries; raises when they differ.
            cursor.execute(
                "INSERT INTO search_searchentry_fts(search_searchentry_fts, rank)"
                " VALUES ('integrity-check', 1)"
            )


BAD_QUERIES = [
    "",
    "   ",
    "ışık " * 2048,  # 10 kB
    "a & b | !c <-> d:* (e) 'f' \"g",
    '"unbalanced',
    "'",
    "!!!",
    "😀 🇹🇷",
    "%_\\",
    "'); DROP TABLE articles_article; --",
    'AND OR NOT NEAR "x"* ^y {title}: z + -',
    "NEAR(a b, 2)",
    "漢字 हिन्दी ไทย مرحبا 𝔸ꙮ ᐁ ª",
    "title_terms:ışık",
]


@pytest.mark.parametrize("q", BAD_QUERIES)
@pytest.mark.parametrize("code", ["tr", "ru"])
def test_bad_input_gives_a_normal_results_page(client, code, q):
    ArticleFactory(title_tr="Işık", title_ru="Свет")
    response = client.get(f"/{code}/search/", {"q": q})
    assert response.status_code == 200
    assert "<h1" in response.content.decode()


@pytest.mark.parametrize("q", ["ışık\x00", "\x00", "ı\x00şık", "sanktsii\x00"])
@pytest.mark.parametrize("code", ["tr", "ru"])
def test_nul_bytes_are_separators_and_never_reach_the_database(code, q):
    # Over HTTP the request hygiene middleware refuses NUL first; the search itself
    # must not depend on it (PostgreSQL refuses NUL in any string).
    ArticleFactory(title_tr="Işık", title_ru="Свет")
    words = query_words(clean_query(q)) + query_words(q)
    assert not any("\x00" in word for word in words)
    found = [entry.title for entry in search_entries(search_terms(words, code))]
    assert found == (["Işık"] if (code, q) == ("tr", "ışık\x00") else [])
    elsewhere = {"tr": 1} if (code, q) == ("ru", "ışık\x00") else {}
    assert counts_elsewhere(code, words) == elsewhere


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
    # Count, page of entries, their articles, bylines, navigation; on PostgreSQL
    # the plan's setting, and (inside the test's transaction) putting it back.
    queries = 5 + PLANNING[connection.vendor]
    assert (few[0], many[0]) == (queries, queries)
    assert (few[1], many[1]) == (1, 12)


def test_no_results_costs_one_more_query_for_other_languages(client):
    ArticleFactory(languages=("tr",))
    with CaptureQueriesContext(connection) as context:
        search(client, "en", "nothingmatches")
    # Count (zero: no page to fetch), other languages, navigation (and the plan).
    assert len(context) == 3 + PLANNING[connection.vendor]
