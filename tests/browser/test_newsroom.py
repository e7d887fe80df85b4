"""A newsroom in real browsers: author, editor, translator, then a reader."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from articles.models import Article
from editorial.models import EditorProfile
from tests.articles.factories import CategoryFactory
from tests.browser.conftest import watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "newsroom-Pass-2024"
NOTE = (
    "[1] “Kuzey Kore kararı”, Örnek Haber, https://example.org/kk, "
    "(Erişim Tarihi: 04.11.2023)."
)


def staff(username, role, **profile):
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    if profile:
        EditorProfile.objects.create(user=user, **profile)
    return user


def log_in(chromium, live_server, username):
    page = watched_page(chromium.new_context(locale="en-US"))
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def tab(page, field, language):
    """Open ``language``'s tab of ``field`` (tabs open on the interface language)."""
    group = page.locator(".ui-tabs", has=page.locator(f"#id_{field}_{language}"))
    group.locator(".ui-tabs-nav a", has_text=language).click()
    return group


def rich_text(page, field, language):
    """The rich-text editor that stands for the ``field_language`` textarea."""
    tab(page, field, language)
    editor = page.locator(".prose-editor", has=page.locator(f"#id_{field}_{language}"))
    return editor.get_by_role("textbox")


def save(page):
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")


def test_author_editor_translator_and_reader(chromium, live_server):
    category = CategoryFactory(name_tr="Analiz", name_en="Analysis", name_ru="Анализ")
    staff("yazar", "Author")
    staff("editor", "Editor")
    staff("cevirmen", "Translator", languages=["ru"])

    # The author writes in Turkish, with a footnote, and submits it for review.
    page = log_in(chromium, live_server, "yazar")
    page.goto(f"{live_server.url}/admin/articles/article/add/")
    tab(page, "title", "tr")
    page.fill("#id_title_tr", "Işık ve Gölge")
    body = rich_text(page, "body", "tr")
    body.click()
    page.keyboard.type("Pyongyang bazı misyonlarını kapattı.[1]")
    page.fill("#id_paste_footnotes", NOTE)
    page.select_option("#id_category", str(category.pk))
    page.select_option("#id_status", "review")
    save(page)
    article = Article.objects.get()
    assert article.status == "review"
    assert article.citations.get().source.title == "Kuzey Kore kararı"
    assert page.problems == []

    # The editor publishes it.
    page = log_in(chromium, live_server, "editor")
    page.goto(f"{live_server.url}/admin/articles/article/?status__exact=review")
    page.get_by_role("link", name="Işık ve Gölge").click()
    page.select_option("#id_status", "published")
    save(page)
    article.refresh_from_db()
    assert article.status == "published"
    assert page.problems == []

    # The translator adds the Russian version, and sees only Russian fields.
    page = log_in(chromium, live_server, "cevirmen")
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert page.locator("#id_title_en").count() == 0
    tab(page, "title", "ru")
    page.fill("#id_title_ru", "Свет и тень")
    body = rich_text(page, "body", "ru")
    body.click()
    page.keyboard.type("Пхеньян закрыл часть своих миссий.[1]")
    save(page)
    article.refresh_from_db()
    assert article.languages() == ["tr", "ru"]
    assert page.problems == []

    # A reader reads it in Turkish, then switches to Russian.
    page = watched_page(chromium.new_context())
    page.goto(live_server.url + article.get_absolute_url("tr"))
    assert page.locator("h1").inner_text() == "Işık ve Gölge"
    assert "(Erişim Tarihi: 04.11.2023)" in page.locator(".footnotes").inner_text()
    page.locator(".language-switch").get_by_text("Русский").click()
    page.wait_for_url(f"**{article.get_absolute_url('ru')}")
    assert page.locator("h1").inner_text() == "Свет и тень"
    assert "«Kuzey Kore kararı»" in page.locator(".footnotes").inner_text()
    assert "(Дата обращения: 04.11.2023)" in page.locator(".footnotes").inner_text()
    assert page.problems == []
