"""Every visible piece of text meets WCAG AA contrast, as the browser paints it."""

from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# contrast.js: WCAG 2.x contrast of each text over its effective background (the
# first ancestor with an opaque one; white at the top). Text of 24 px, or 18.66 px
# bold, needs 3:1; the rest 4.5:1.
LOW_CONTRAST = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")


def test_public_pages_have_readable_contrast(live_server, browser_page):
    call_command("load_demo")
    sample = Article.objects.get(title_en__startswith="North Korea’s Decision")
    pages = ["/tr/", sample.get_absolute_url("en"), "/ru/search/?q=корея"]
    pages += ["/en/experts/", "/tr/sayfa/hakkimizda/", "/ru/stranitsa/kontakty/"]
    for path in pages:
        browser_page.goto(live_server.url + path)
        assert browser_page.evaluate(LOW_CONTRAST) == [], path
    assert browser_page.problems == []
    # The check itself finds pale text.
    browser_page.evaluate("document.querySelector('h1').style.color = '#bbbbbb'")
    assert len(browser_page.evaluate(LOW_CONTRAST)) == 1
