"""On the demo content: search pages are valid HTML, feeds and sitemap parse."""

import feedparser
import pytest
from lxml import etree

from tests.html_checks import assert_valid_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(shared_demo):
    """The demo, loaded once for this module's tests, which only read it."""


@pytest.mark.parametrize(
    ("code", "q"), [("tr", "kore"), ("en", "korea"), ("ru", "КОРЕЯ"), ("tr", "")]
)
def test_demo_search_pages_are_valid_html_with_results(client, demo, code, q):
    response = client.get(f"/{code}/search/", {"q": q})
    assert response.status_code == 200
    html = response.content.decode()
    assert_valid_page(html)
    if q:
        assert "<mark>" in html


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_demo_feeds_parse_cleanly(client, demo, code):
    for path in (f"/{code}/feed/", f"/{code}/feed/atom/"):
        feed = feedparser.parse(client.get(path).content)
        assert not feed.bozo, path
        assert len(feed.entries) > 4


def test_demo_sitemap_is_well_formed(client, demo):
    tree = etree.fromstring(client.get("/sitemap.xml").content)
    assert len(tree) > 30
