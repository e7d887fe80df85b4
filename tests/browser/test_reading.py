"""A reader in a real Chromium: the sample in three languages, the switch, offline."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Article
from tests.browser.conftest import admin_log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_reads_the_sample_in_three_languages(live_server, browser_page):
    call_command("load_demo")
    sample = Article.objects.get(title_en__startswith="North Korea’s Decision")
    page = browser_page

    page.goto(live_server.url + sample.get_absolute_url("en"))
    assert page.locator("h1").inner_text() == sample.title_en
    assert page.get_by_role("heading", name="Share").is_visible()
    assert (
        re.sub(r"\s+", " ", page.locator(".article__languages").inner_text())
        == "This post is also available in: Türkçe Русский"
    )
    assert page.locator("sup.fn-ref a").count() == 7
    assert page.locator(".footnotes li").count() == 7
    assert "Asia-Pacific Research Assistant" in page.locator(".author-box").inner_text()
    assert page.locator(".similar .card").count() == 4
    photo = page.locator(".author-box img")
    photo.scroll_into_view_if_needed()  # it loads lazily
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    # The browser picked a rendition made at upload time (WebP, as it can).
    current = photo.evaluate("img => img.currentSrc")
    assert re.search(
        r"/media/renditions/library/\d{4}/\d{2}/[0-9a-f]{32}-400\.webp$", current
    )

    # Follow a footnote marker and come back.
    page.locator("sup.fn-ref a").first.click()
    assert page.url.endswith("#fn-1")

    # The language switch keeps the reader on the same article.
    page.locator(".language-switch").get_by_text("Türkçe").click()
    page.wait_for_url(f"**{sample.get_absolute_url('tr')}")
    assert page.locator("h1").inner_text() == sample.title_tr
    assert page.get_by_role("heading", name="Paylaş").is_visible()
    assert (
        "Bu yazı şu dillerde de mevcut"
        in page.locator(".article__languages").inner_text()
    )

    page.locator(".article__languages").get_by_text("Русский").click()
    page.wait_for_url(f"**{sample.get_absolute_url('ru')}")
    assert page.locator("h1").inner_text() == sample.title_ru
    assert page.get_by_role("heading", name="Поделиться").is_visible()
    assert page.locator(".footnotes li").count() == 7
    assert page.get_by_role("heading", name="Похожие записи").is_visible()

    assert page.problems == []


def test_language_switch_goes_home_when_there_is_no_translation(
    live_server, browser_page
):
    call_command("load_demo")
    single = next(a for a in Article.objects.public("tr") if "en" not in a.languages())
    page = browser_page
    page.goto(live_server.url + single.get_absolute_url("tr"))
    page.locator(".language-switch").get_by_text("English").click()
    page.wait_for_url(f"{live_server.url}/en/")
    assert page.locator("h1").inner_text() == "ANKASAM — Analyses and commentary"
    assert page.problems == []


def test_narrow_screen_has_no_horizontal_scroll(live_server, browser_page):
    call_command("load_demo")
    sample = Article.objects.get(title_en__startswith="North Korea’s Decision")
    page = browser_page
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/tr/", sample.get_absolute_url("ru")):
        page.goto(live_server.url + path)
        overflow = page.evaluate(
            "document.documentElement.scrollWidth"
            " - document.documentElement.clientWidth"
        )
        assert overflow <= 0, path
    assert page.problems == []


def test_admin_article_form_works_offline(live_server, browser_page):
    call_command("load_demo")
    get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123456")
    sample = Article.objects.get(title_en__startswith="North Korea’s Decision")
    page = browser_page
    admin_log_in(page, live_server.url, "boss", "pw-123456")
    page.goto(f"{live_server.url}/admin/articles/article/{sample.pk}/change/")
    # modeltranslation's tabs (jQuery UI) turn the language fields into tabs.
    page.wait_for_selector(".ui-tabs-nav")
    page.locator(".ui-tabs-nav a", has_text="ru").first.click()
    assert page.locator("#id_title_ru").is_visible()

    # The body is a rich-text editor; a marker goes in at the cursor without
    # typing its number.
    body = page.locator(".ui-tabs", has=page.locator("#id_body_ru"))
    body.locator(".ui-tabs-nav a", has_text="ru").click()
    editor = page.locator(".prose-editor", has=page.locator("#id_body_ru"))
    editor = editor.get_by_role("textbox")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Конец")
    page.locator("tr:has(input.citation-key[value='3']) .citation-insert").click()
    assert editor.inner_text().endswith("Конец[3]")
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist")
    sample.refresh_from_db()
    assert sample.body_ru.endswith("Конец[3]</p>")
    assert page.problems == []
