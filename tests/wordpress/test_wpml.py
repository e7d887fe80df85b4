import re

import pytest
from django.utils import translation

from articles.models import Article, Category, Topic
from wordpress.models import ImportedTerm

from . import builders

pytestmark = pytest.mark.django_db


def wpml_post(post_id, language, title, *, source="", group="wpml_group_7"):
    meta = {
        "_wpml_import_language_code": language,
        "_wpml_import_translation_group": group,
    }
    if source:
        meta["_wpml_import_source_language_code"] = source
    return builders.item(
        post_id=post_id,
        title=title,
        content=f"{title}: metin.",
        slug=f"wpml-{language}",
        meta=meta,
    )


def test_wpml_export_meta_links_translations_into_one_article(export_file, run_import):
    items = [
        wpml_post(401, "en", "Sanctions and Diplomacy", source="tr"),
        wpml_post(400, "tr", "Yaptırımlar ve Diplomasi"),
        wpml_post(402, "ru", "Санкции и дипломатия", source="tr"),
    ]
    report = run_import(export_file(builders.export(items=items, language="en")))
    article = Article.objects.get()
    assert article.public_languages() == ["tr", "en", "ru"]
    assert article.title_tr == "Yaptırımlar ve Diplomasi"
    assert article.slug_ru == "wpml-ru"
    assert report.items["post"] == {"imported": 3}


def test_wpml_duplicate_joins_its_original(export_file, run_import):
    original = builders.item(
        post_id=500, title="Enerji Güvenliği", content="Metin.", slug="enerji"
    )
    duplicate = builders.item(
        post_id=501,
        title="Energy Security",
        content="Text.",
        slug="energy",
        meta={"_icl_lang_duplicate_of": "500", "_wpml_import_language_code": "en"},
    )
    run_import(export_file(builders.export(items=[original, duplicate])))
    article = Article.objects.get()
    assert (article.title_tr, article.title_en) == (
        "Enerji Güvenliği",
        "Energy Security",
    )


def test_post_without_translation_information_takes_the_export_language(
    export_file, run_import
):
    post = builders.item(post_id=600, title="Işık ve Gölge", content="Metin.")
    run_import(export_file(builders.export(items=[post], language="tr-TR")))
    article = Article.objects.get()
    assert article.languages() == ["tr"]


def test_language_option_overrides_the_export_language(export_file, run_import):
    post = builders.item(post_id=600, title="Light and Shadow", content="Text.")
    run_import(export_file(builders.export(items=[post], language="tr")), language="en")
    assert Article.objects.get().languages() == ["en"]


# --- term translations ---------------------------------------------------------------

ORTA_ASYA = {"tr": "Orta Asya", "en": "Central Asia", "ru": "Центральная Азия"}
SLUGS = {"tr": "orta-asya", "en": "central-asia", "ru": "tsentralnaia-aziia"}
SANCTIONS = {"tr": "Yaptırımlar", "en": "Sanctions", "ru": "Санкции"}


def wpml_terms(*, with_languages=True):
    """Orta Asya (category) and Yaptırımlar (tag) in three languages, as WPML
    Export and Import writes them: one term per language, linked by trid 70 / 80."""

    def meta(code, trid):
        if not with_languages:
            return None
        return builders.wpml_meta(code, trid, source="" if code == "tr" else "tr")

    categories = "".join(
        builders.category(10 + n, SLUGS[code], ORTA_ASYA[code], meta=meta(code, "70"))
        for n, code in enumerate(("tr", "en", "ru"))
    )
    tags = "".join(
        builders.tag(
            20 + n, f"sanctions-{code}", SANCTIONS[code], meta=meta(code, "80")
        )
        for n, code in enumerate(("tr", "en", "ru"))
    )
    return categories + tags


def wpml_translated(post_id, code, title, *, extra_terms=()):
    meta = builders.wpml_meta(code, "wpml_group_7", source="" if code == "tr" else "tr")
    return builders.item(
        post_id=post_id,
        title=title,
        content=f"{title}: metin.",
        slug=f"wpml-{code}",
        meta=meta,
        terms=[
            ("category", SLUGS[code], ORTA_ASYA[code]),
            ("post_tag", f"sanctions-{code}", SANCTIONS[code]),
            *extra_terms,
        ],
    )


def wpml_article_export(*, with_languages=True, terms="", extra_terms=()):
    items = [
        wpml_translated(400, "tr", "Yaptırımlar ve Diplomasi"),
        wpml_translated(401, "en", "Sanctions and Diplomacy", extra_terms=extra_terms),
        wpml_translated(402, "ru", "Санкции и дипломатия"),
    ]
    return builders.export(
        items=items, terms=wpml_terms(with_languages=with_languages) + terms
    )


@pytest.fixture
def wpml_site(export_file, run_import):
    path = export_file(wpml_article_export())
    report = run_import(path)
    return Article.objects.get(), report, path


def test_wpml_term_translations_become_one_category_named_per_language(wpml_site):
    article, report, _path = wpml_site
    category = Category.objects.get()
    assert article.category == category
    assert {code: getattr(category, f"name_{code}") for code in ORTA_ASYA} == ORTA_ASYA
    assert {code: getattr(category, f"slug_{code}") for code in SLUGS} == SLUGS
    assert report.objects["category"] == {"created": 1}


def test_wpml_tag_translations_become_one_topic_named_per_language(wpml_site):
    article, _report, _path = wpml_site
    topic = Topic.objects.get()
    assert list(article.topics.all()) == [topic]
    assert (topic.name_tr, topic.name_en, topic.name_ru) == (
        "Yaptırımlar",
        "Sanctions",
        "Санкции",
    )
    assert topic.slug_en == "sanctions-en"


@pytest.mark.parametrize(
    ("code", "shown", "not_shown"),
    [
        ("tr", ("Orta Asya", "Yaptırımlar"), ("Central Asia", "Sanctions")),
        ("en", ("Central Asia", "Sanctions"), ("Orta Asya", "Yaptırımlar")),
        ("ru", ("Центральная Азия", "Санкции"), ("Orta Asya", "Central Asia")),
    ],
)
def test_article_page_names_the_wpml_category_and_topic_in_its_language(
    client, wpml_site, code, shown, not_shown
):
    article, _report, _path = wpml_site
    with translation.override(code):
        url = article.get_absolute_url(code)
    html = client.get(url).content.decode()
    category = re.search(r'class="article__category">(.*?)</p>', html, re.S).group(1)
    topics = re.search(r'class="article__terms">(.*?)</footer>', html, re.S).group(1)
    assert shown[0] in category and shown[1] in topics
    for name in not_shown:
        assert name not in category and name not in topics


def test_running_a_wpml_export_again_changes_nothing(wpml_site, run_import):
    article, _report, path = wpml_site
    report = run_import(path)
    assert report.items["post"] == {"unchanged": 3}
    assert Article.objects.get().updated_at == article.updated_at
    assert (Category.objects.count(), Topic.objects.count()) == (1, 1)
    assert ImportedTerm.objects.filter(category__isnull=False).count() == 3
    assert not any("slug" in w or "name in the export" in w for w in report.warnings)


def test_term_of_a_translation_only_becomes_a_topic_and_its_borrowed_names_are_reported(
    export_file, run_import
):
    diplomacy = builders.tag(
        30, "diplomacy", "Diplomacy", meta=builders.wpml_meta("en", "90")
    )
    text = wpml_article_export(
        terms=diplomacy, extra_terms=[("post_tag", "diplomacy", "Diplomacy")]
    )
    report = run_import(export_file(text))
    topics = Article.objects.get().topics.order_by("name_en")
    assert [t.name_en for t in topics] == ["Diplomacy", "Sanctions"]
    assert topics[0].name_tr == "Diplomacy"  # borrowed until an editor translates it
    assert any(
        w.startswith("Post #401:") and "no tr, ru name" in w for w in report.warnings
    )


def test_wpml_export_without_term_languages_is_reported_not_duplicated(
    export_file, run_import
):
    report = run_import(export_file(wpml_article_export(with_languages=False)))
    article = Article.objects.get()
    # The original's terms only, named alike in every language: no per-language
    # duplicates, and the report says why.
    assert Category.objects.get() == article.category
    assert article.category.name_en == "Orta Asya"
    assert list(Topic.objects.values_list("name_tr", flat=True)) == ["Yaptırımlar"]
    assert any(
        "does not say which language its categories" in w for w in report.warnings
    )
    for post_id, name in ((401, "Central Asia"), (402, "Санкции")):
        assert any(
            w.startswith(f"Post #{post_id}:")
            and f"“{name}”" in w
            and "not imported" in w
            for w in report.warnings
        )
