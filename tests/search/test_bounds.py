"""Work per search is bounded: a capped count ("about N" beyond), entries that know
their version's publication time, pages that rank deep enough for themselves."""

import datetime
import re

import pytest
from django.utils import timezone

from editorial.services import article_publish, article_unpublish
from search import query, views
from search.models import SearchEntry
from search.views import SearchView
from tests.articles.factories import ArticleFactory
from tests.search.test_search import search, titles

pytestmark = pytest.mark.django_db


def count_line(html):
    return re.sub(
        r"\s+", " ", re.search(r'class="search-count"[^>]*>(.*?)</p>', html).group(1)
    )


def test_an_exact_count_under_the_cap(client, monkeypatch):
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    for n in range(3):
        ArticleFactory(title_en=f"Grain corridor {n}", languages=("en",))
    assert count_line(search(client, "en", "corridor")) == "3 articles found."


def test_beyond_the_cap_the_count_is_about(client, monkeypatch):
    monkeypatch.setattr(query, "COUNT_CAP", 3)
    for n in range(6):
        ArticleFactory(title_en=f"Grain corridor {n}", languages=("en",))
    html = search(client, "en", "corridor")
    line = count_line(html)
    assert line.startswith("About ") and line.endswith(" articles found."), line
    assert int(line.split()[1]) > 3
    assert len(titles(html)) == 6


def test_the_about_count_reads_in_turkish(client, monkeypatch):
    monkeypatch.setattr(query, "COUNT_CAP", 1)
    for n in range(3):
        ArticleFactory(title_tr=f"Tahıl koridoru {n}", languages=("tr",))
    assert count_line(search(client, "tr", "koridor")).startswith("Yaklaşık ")


def test_about_rounds_to_two_significant_digits():
    assert [query.about(n) for n in (7, 42, 1234, 98765)] == [7, 42, 1200, 99000]


def test_an_entry_keeps_its_versions_publication_time(admin_user):
    article = ArticleFactory(languages=("tr", "en"))
    entry = SearchEntry.objects.get(article=article, language="en")
    assert entry.published_at == article.published_at_en
    article_unpublish(article=article, language="en", user=admin_user)
    entry.refresh_from_db()
    assert entry.published_at is None
    later = timezone.now() + datetime.timedelta(days=2)
    article.refresh_from_db()
    article_publish(article=article, language="en", user=admin_user, at=later)
    entry.refresh_from_db()
    assert entry.published_at == later


def test_a_scheduled_version_is_found_only_once_its_time_has_come(client, admin_user):
    article = ArticleFactory(title_en="Grain corridor", languages=("en",))
    soon = timezone.now() + datetime.timedelta(hours=1)
    article_publish(article=article, language="en", user=admin_user, at=soon)
    assert titles(search(client, "en", "corridor")) == []
    article.refresh_from_db()
    article_publish(
        article=article,
        language="en",
        user=admin_user,
        at=timezone.now() - datetime.timedelta(minutes=1),
    )
    assert titles(search(client, "en", "corridor")) == ["Grain corridor"]


def test_a_deeper_page_ranks_deep_enough_for_itself(client, monkeypatch):
    # PostgreSQL ranks the newest RANKED matches, more for a deeper page.
    monkeypatch.setattr(views, "RANKED", 2)
    monkeypatch.setattr(SearchView, "paginate_by", 2)
    for n in range(5):
        ArticleFactory(title_en=f"Grain corridor {n}", languages=("en",))
    seen = []
    for number in (1, 2, 3):
        seen += titles(search(client, "en", "corridor", page=number))
    assert sorted(seen) == [f"Grain corridor {n}" for n in range(5)]


def test_scheduled_versions_newer_than_the_ranked_depth_hide_nothing(
    client, admin_user, monkeypatch
):
    # PostgreSQL ranks the RANKED newest matches: those must be public already.
    monkeypatch.setattr(views, "RANKED", 2)
    monkeypatch.setattr(SearchView, "paginate_by", 2)
    for n in range(3):
        ArticleFactory(title_en=f"Grain corridor {n}", languages=("en",))
    later = timezone.now() + datetime.timedelta(days=1)
    for n in range(2):
        article = ArticleFactory(
            title_en=f"Grain corridor later {n}", languages=("en",)
        )
        article_publish(article=article, language="en", user=admin_user, at=later)
    seen = titles(search(client, "en", "corridor"))
    seen += titles(search(client, "en", "corridor", page=2))
    assert sorted(seen) == [f"Grain corridor {n}" for n in range(3)]


@pytest.mark.parametrize("cap", [1, 1000])
def test_broad_and_specific_queries_rank_the_same_newest_matches(
    client, monkeypatch, cap
):
    # Beyond the cap the newest matches are found by walking the entries newest
    # first, under it through the full-text index: the same pages either way.
    monkeypatch.setattr(query, "COUNT_CAP", cap)
    monkeypatch.setattr(views, "RANKED", 3)
    monkeypatch.setattr(SearchView, "paginate_by", 3)
    base = timezone.now() - datetime.timedelta(days=30)
    for n in range(5):
        ArticleFactory(
            title_en=f"Grain corridor {n}",
            summary_en="corridor " * n,
            languages=("en",),
            published_at_en=base + datetime.timedelta(days=n),
        )
    ArticleFactory(title_en="Black Sea", languages=("en",))
    assert titles(search(client, "en", "corridor")) == [
        "Grain corridor 4",
        "Grain corridor 3",
        "Grain corridor 2",
    ]
