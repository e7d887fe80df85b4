import pytest

from articles.models import Article, Category
from citations.models import Citation, Source
from wordpress.models import ImportedPost

from . import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def north_korea(export_file, run_import):
    report = run_import(export_file(builders.north_korea_polylang()))
    return Article.objects.get(), report


def test_polylang_translations_become_one_article_in_three_languages(north_korea):
    article, report = north_korea
    assert article.public_languages() == ["tr", "en", "ru"]
    assert article.title_tr.startswith("Kuzey Kore’nin")
    assert article.title_ru.startswith("Решение Северной Кореи")
    assert (
        article.slug_en == "north-koreas-decision-to-shutdown-the-diplomatic-missions"
    )
    # A percent-encoded Cyrillic WordPress slug is transliterated.
    assert article.slug_ru == "reshenie"
    assert report.items["post"] == {"imported": 3}
    assert ImportedPost.objects.filter(article=article).count() == 3


def test_polylang_footnotes_become_structured_citations(north_korea):
    article, _report = north_korea
    citations = list(article.citations.select_related("source"))
    assert [c.key for c in citations] == [1, 2, 3, 4, 5, 6, 7]
    assert citations[2].source.publisher == "Vocie of Ameria News"
    # [v] is numbered 5 from its position and cites Barron's again, as [2] does.
    assert citations[4].source == citations[1].source
    assert citations[5].source == citations[4].source  # Aynı yer.
    assert Source.objects.count() == 4
    for code in ("tr", "en", "ru"):
        body = getattr(article, f"body_{code}")
        assert "Erişim" not in body and "Дата обращения" not in body
        assert "[1]" in body


def test_polylang_citations_are_rendered_in_each_language(north_korea):
    article, _report = north_korea
    assert "“North Korea Closes 4 Diplomatic Missions" in article.notes_html_en
    assert "«North Korea Closes 4 Diplomatic Missions" in article.notes_html_ru
    assert "04.11.2023" in article.notes_html_tr
    assert 'href="#fn-1"' in article.body_html_tr
    assert 'href="#fn-1"' in article.body_html_ru


def test_polylang_linked_categories_become_one_category_named_per_language(
    north_korea,
):
    article, _report = north_korea
    category = Category.objects.get()
    assert article.category == category
    assert (category.name_tr, category.name_en, category.name_ru) == (
        "Analiz",
        "Analysis",
        "Анализ",
    )


def test_sources_are_shared_with_other_posts_citing_the_same_address(
    export_file, run_import
):
    other = builders.item(
        post_id=200,
        title="Başka bir analiz",
        content="Metin. [1]\n\n" + builders.NOTES_TR.split("\n\n")[2],
        terms=[("language", "tr", "Türkçe")],
    )
    run_import(export_file(builders.north_korea_polylang(extra_items=[other])))
    voa = Source.objects.get(url__contains="voanews")
    assert Citation.objects.filter(source=voa).count() == 2
    assert Source.objects.count() == 4


def test_unreadable_footnote_stays_in_the_text_and_is_reported(export_file, run_import):
    notes = builders.NOTES_TR.replace(
        "(Erişim Tarihi: 04.11.2023).\n\n[4]", "(Erişim Tarihi: dün).\n\n[4]"
    )
    post = builders.item(
        post_id=300,
        title="Dipnotu bozuk yazı",
        content=builders.BODY_TR + notes,
        terms=[("language", "tr", "Türkçe")],
    )
    report = run_import(export_file(builders.export(items=[post])))
    article = Article.objects.get()
    assert "Erişim Tarihi: dün" in article.body_tr
    assert sorted(article.citations.values_list("key", flat=True)) == [1, 2, 4, 5, 6, 7]
    assert any("#300" in w and "Erişim Tarihi: dün" in w for w in report.warnings)


def test_draft_translation_of_a_published_post_is_kept_as_a_draft_version(
    export_file, run_import
):
    text = builders.north_korea_polylang().replace(
        "<wp:post_id>103</wp:post_id>",
        "<wp:post_id>103</wp:post_id><!-- draft -->",
    )
    ru_start = text.index("<!-- draft -->")
    text = text[:ru_start] + text[ru_start:].replace(
        "<wp:status>publish</wp:status>", "<wp:status>draft</wp:status>", 1
    )
    report = run_import(export_file(text))
    article = Article.objects.get()
    assert article.public_languages() == ["tr", "en"]
    # Kept, as a draft version readers do not see, for an editor to publish.
    assert article.title_ru.startswith("Решение Северной Кореи")
    assert article.status_ru == Article.Status.DRAFT
    assert report.items["post"] == {"imported": 3}
    assert any("kept as a draft version" in w for w in report.warnings)


def test_wordpress_slug_taken_here_gets_a_suffix_and_is_reported(
    export_file, run_import
):
    from tests.articles.factories import ArticleFactory

    ArticleFactory(slug_en="north-koreas-decision-to-shutdown-the-diplomatic-missions")
    report = run_import(export_file(builders.north_korea_polylang()))
    article = Article.objects.get(wordpress_posts__post_id=102)
    assert (
        article.slug_en == "north-koreas-decision-to-shutdown-the-diplomatic-missions-2"
    )
    assert (
        article.slug_tr == "kuzey-korenin-diplomatik-temsilciliklerini-kapatma-karari"
    )
    assert any("#102" in w and "is taken here" in w for w in report.warnings)
