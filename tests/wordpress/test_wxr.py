import pytest
from django.utils import translation

from wordpress.translations import group_posts
from wordpress.wxr import WXRError, php_unserialize, read_wxr

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
