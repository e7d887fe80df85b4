import pytest

from articles.models import Article

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
