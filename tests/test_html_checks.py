"""The page checker itself must catch what it claims to catch."""

import html5lib
import pytest

from tests.html_checks import assert_valid_page

GOOD = (
    '<!DOCTYPE html><html lang="tr"><head><meta charset="utf-8"><title>T</title>'
    '</head><body><h1 id="a">Başlık</h1><a href="#a">x</a></body></html>'
)


def test_a_good_page_passes():
    assert_valid_page(GOOD)


@pytest.mark.parametrize(
    "bad",
    [
        GOOD.replace("<!DOCTYPE html>", ""),
        GOOD.replace("<h1", "<p><div></span><h1"),
        GOOD.replace(' lang="tr"', ""),
        GOOD.replace("<h1 id", "<h1>Bir</h1><h1 id"),
        GOOD.replace("</body>", '<p id="a">x</p></body>'),
        GOOD.replace("</body>", '<img src="x.jpg" width="1" height="1"></body>'),
        GOOD.replace('href="#a"', 'href="#b"'),
        GOOD.replace("</body>", '<nav aria-labelledby="nope"></nav></body>'),
    ],
)
def test_a_bad_page_fails(bad):
    with pytest.raises((AssertionError, html5lib.html5parser.ParseError)):
        assert_valid_page(bad)
