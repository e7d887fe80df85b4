"""Similar posts: shared topics, regions, authors and words, in one language."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article
from tests.articles.factories import ArticleFactory, RegionFactory, TopicFactory
from tests.authors.factories import AuthorFactory

pytestmark = pytest.mark.django_db


def similar(article, code):
    article = Article.objects.for_detail().get(pk=article.pk)
    return list(Article.objects.public(code).similar_to(article, language=code))


@pytest.mark.parametrize("code", ["tr", "en"])
def test_a_shared_author_counts(code):
    author = AuthorFactory()
    article = ArticleFactory(authors=[author])
    others = [ArticleFactory() for _ in range(4)]  # newer than the next one
    by_same = ArticleFactory(authors=[author])
    result = similar(article, code)
    assert result[0] == by_same
    assert set(result[1:]) <= set(others)


@pytest.mark.parametrize(
    ("code", "title", "alike", "unlike"),
    [
        ("tr", "Karadeniz tahıl koridoru", "Tahıl koridoru yeniden", "Sahel güvenliği"),
        ("ru", "Зерновой коридор", "Коридор для зерна", "Безопасность Сахеля"),
    ],
)
def test_shared_words_count_in_the_readers_language(code, title, alike, unlike):
    article = ArticleFactory(**{f"title_{code}": title, f"summary_{code}": ""})
    newer = [
        ArticleFactory(**{f"title_{code}": unlike, f"summary_{code}": ""})
        for _ in range(4)
    ]
    match = ArticleFactory(**{f"title_{code}": alike, f"summary_{code}": ""})
    assert match.published_at < min(a.published_at for a in newer)
    assert similar(article, code)[0] == match


def test_topics_outweigh_regions_and_never_another_language():
    topic, region = TopicFactory(), RegionFactory()
    article = ArticleFactory(topics=[topic], regions=[region])
    by_region = ArticleFactory(regions=[region])  # newer than the next one
    by_topic = ArticleFactory(topics=[topic])
    russian_only = ArticleFactory(topics=[topic], regions=[region], languages=("ru",))
    result = similar(article, "tr")
    assert result[:2] == [by_topic, by_region]
    assert russian_only not in result
    assert russian_only in similar(article, "ru")


def test_on_postgresql_shared_words_are_looked_for_among_the_newest_versions(
    monkeypatch,
):
    # The words of a version are compared with the WALKED newest versions of the
    # language only, so that a save costs the same at any size of the archive.
    from search import similarity

    monkeypatch.setattr(similarity, "WALKED", 3)
    day = datetime.timedelta(days=1)
    start = timezone.now() - 10 * day

    def version(title, days):
        return ArticleFactory(
            title_en=title, summary_en="", published_at_en=start + days * day
        )

    article = version("Grain corridor talks", 0)
    oldest = version("Grain corridor again", 1)
    newest = [version(f"Grain corridor {n}", 2 + n) for n in range(3)]
    found = set(similarity.text_scores(article, "en"))
    if connection.vendor == "postgresql":
        assert found == {a.pk for a in newest}
    else:
        assert found == {oldest.pk, *(a.pk for a in newest)}
