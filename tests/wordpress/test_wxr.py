import pytest
from django.utils import translation

from wordpress.translations import group_posts, term_groups
from wordpress.wxr import WXRError, php_unserialize, read_wxr

from . import builders
from .builders import north_korea_polylang
from .conftest import THEME_UNIT_TEST


def test_theme_unit_test_export_is_read_item_by_item():
    export = read_wxr(THEME_UNIT_TEST)
    types = [item.post_type for item in export.items]
    assert export.version == "1.2"
    assert export.site == "wpthemetestdata.wordpress.com"
    assert (types.count("post"), types.count("page")) == (58, 21)
    assert (types.count("attachment"), types.count("nav_menu_item")) == (37, 70)
    assert {author.login for author in export.authors} == {
        "themedemos",
        "themereviewteam",
    }


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("en", ("line ", "column ", "Nothing was imported")),
        ("tr", ("satır ", "sütun ")),
    ],
)
def test_truncated_export_is_refused_with_line_and_column(tmp_path, code, words):
    text = THEME_UNIT_TEST.read_text(encoding="utf-8")
    path = tmp_path / "truncated.xml"
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    with translation.override(code), pytest.raises(WXRError) as refused:
        read_wxr(path)
    message = str(refused.value)
    assert all(word in message for word in words)


def test_xml_that_is_not_a_wordpress_export_is_refused(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text("<rss><channel><title>x</title></channel></rss>")
    with (
        translation.override("en"),
        pytest.raises(WXRError, match="not a WordPress export"),
    ):
        read_wxr(path)


def test_polylang_translation_map_is_unserialized():
    value = php_unserialize('a:3:{s:2:"tr";i:12;s:2:"en";i:14;s:2:"ru";s:2:"16";}')
    assert value == {"tr": 12, "en": 14, "ru": "16"}


def test_polylang_posts_are_grouped_with_their_languages(export_file):
    export = read_wxr(export_file(north_korea_polylang()))
    groups = group_posts(export, export.items, default_language="en")
    assert len(groups) == 1
    assert [(m.item.post_id, m.language) for m in groups[0].members] == [
        (101, "tr"),
        (102, "en"),
        (103, "ru"),
    ]


def test_term_meta_parent_and_sticky_flag_are_read(tmp_path):
    terms = builders.category(
        12,
        "orta-asya",
        "Orta Asya",
        parent="bolgeler",
        meta=builders.wpml_meta("tr", "70"),
    ) + builders.tag(21, "sanctions", "Sanctions", meta=builders.wpml_meta("en", "80"))
    post = builders.item(post_id=1, title="Yazı", sticky=True)
    path = tmp_path / "export.xml"
    path.write_text(builders.export(items=[post], terms=terms), encoding="utf-8")
    export = read_wxr(path)
    category, tag = export.terms
    assert category.parent == "bolgeler"
    assert category.meta["_wpml_import_translation_group"] == "70"
    assert tag.meta["_wpml_import_language_code"] == "en"
    assert export.items[0].sticky


def test_wpml_term_meta_links_terms_of_one_taxonomy_by_translation_group(tmp_path):
    terms = "".join(
        builders.category(
            10 + n, slug, name, meta=builders.wpml_meta(code, "70", source=source)
        )
        for n, (code, slug, name, source) in enumerate(
            [
                ("tr", "orta-asya", "Orta Asya", ""),
                ("en", "central-asia", "Central Asia", "tr"),
            ]
        )
    ) + builders.tag(
        20, "orta-asya-tag", "Orta Asya", meta=builders.wpml_meta("tr", "70")
    )
    path = tmp_path / "export.xml"
    path.write_text(builders.export(items=[], terms=terms), encoding="utf-8")
    groups = term_groups(read_wxr(path))
    assert groups[10] is groups[11]
    assert groups[10].names == {"tr": "Orta Asya", "en": "Central Asia"}
    assert groups[10].original == "tr"
    assert groups[20] is not groups[10]  # a tag is not a category
