"""An editor's unsaved typing survives a crash of the browser, and is never public."""

import pytest

from articles.models import Article
from editorial.models import Autosave
from tests.articles.factories import ArticleFactory
from tests.browser.conftest import watched_page
from tests.browser.test_editorial_loop import (
    Reader,
    log_in,
    rich_text,
    save,
    staff,
    tab,
    text,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def stored(article) -> dict:
    """The article's row as stored, every language's columns by their own names."""
    names = [
        f.attname
        for f in Article._meta.concrete_fields
        if f.attname[-3:] in {"_tr", "_en", "_ru"}
        or f.attname in {"version", "updated_at"}
    ]
    return Article.objects.filter(pk=article.pk).values(*names).get()


TYPED_TITLE = " — taslak"
TYPED_BODY = " Kaydedilmemiş cümle."


def test_unsaved_changes_are_restored_after_a_crash(live_server, chromium):
    article = ArticleFactory(languages=("tr",))
    before = stored(article)
    staff("redaktor", "Editor")
    reader = Reader(chromium, live_server)
    page = log_in(chromium, live_server, "redaktor")
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    # The editor types in Turkish, and the form keeps it within a few seconds.
    page.goto(change)
    tab(page, "title", "tr")
    page.locator("#id_title_tr").press("End")
    page.locator("#id_title_tr").type(TYPED_TITLE)
    body = rich_text(page, "body", "tr")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(TYPED_BODY)
    words = page.locator("#id_body_tr-words")
    assert words.inner_text() == "4 words"  # Türkçe metin.[1] Kaydedilmemiş cümle.
    page.wait_for_selector("#autosave-status:has-text('Unsaved changes kept at')")

    # Then the browser crashes: the page goes without saving.
    context = page.context
    page.close()
    assert stored(article) == before
    shown = reader.page(article, "tr")
    assert text(shown, "//h1") == article.title_tr
    assert TYPED_BODY.strip() not in text(shown, "//main")

    # Opened again, the form offers the changes back, and restores them.
    page = watched_page(context)
    page.goto(change)
    page.get_by_role("link", name="Restore unsaved changes").click()
    page.wait_for_selector(".autosave-banner:has-text('are restored below')")
    tab(page, "title", "tr")
    assert page.locator("#id_title_tr").input_value() == article.title_tr + TYPED_TITLE
    assert TYPED_BODY.strip() in rich_text(page, "body", "tr").inner_text()
    assert stored(article) == before

    # Saved, they are the article (published, so readers see them), and nothing
    # unsaved is left to offer.
    save(page)
    assert not Autosave.objects.exists()
    shown = reader.page(article, "tr")
    assert text(shown, "//h1") == article.title_tr + TYPED_TITLE
    assert TYPED_BODY.strip() in text(shown, "//main")
    page.goto(change)
    assert page.locator(".autosave-banner").count() == 0
    assert page.problems == []
