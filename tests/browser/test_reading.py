"""A reader in a real Chromium: the sample in three languages, the switch, offline."""

import os
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import sync_playwright

from articles.models import Article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = "/usr/bin/chromium"
# As the machine's own probe starts it: no background traffic to Google's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def browser_page(live_server):
    # Playwright's sync API runs an event loop in this thread; the ORM calls that the
    # test makes around it are ordinary synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        page = browser.new_page()
        page.problems = []
        page.on(
            "console",
            lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"),
        )
        page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))

        def check_request(request):
            host = urlsplit(request.url).hostname
            if request.url.startswith(("http:", "https:")) and host not in LOCAL_HOSTS:
                page.problems.append(f"external request: {request.url}")

        page.on("request", check_request)
        yield page
        browser.close()
        # Connections opened while Playwright's loop ran belong to that context;
        # close them here, or the test database cannot be dropped at the end.
        connections.close_all()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


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
    assert photo.evaluate("img => img.complete && img.naturalWidth") == 400

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
    assert page.locator("h1").inner_text() == "Latest publications"
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
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "boss")
    page.fill("#id_password", "pw-123456")
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/articles/article/{sample.pk}/change/")
    # modeltranslation's tabs (jQuery UI) turn the language fields into tabs.
    page.wait_for_selector(".ui-tabs-nav")
    page.locator(".ui-tabs-nav a", has_text="ru").first.click()
    assert page.locator("#id_title_ru").is_visible()

    # A marker goes into the body at the cursor without typing its number.
    body = page.locator("#id_body_ru")
    tabs = page.locator(".ui-tabs", has=body)
    tabs.locator(".ui-tabs-nav a", has_text="ru").click()
    body.fill("<p>Начало. Конец.</p>")
    body.evaluate("el => el.setSelectionRange(10, 10)")
    page.locator("tr:has(input.citation-key[value='3']) .citation-insert").click()
    assert body.input_value() == "<p>Начало.[3] Конец.</p>"
    assert page.problems == []
