"""An editor's unsaved typing survives a crash of the browser, and is never public."""

import time

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


def kept_title(article, wait: float = 5.0) -> str | None:
    """The Turkish title of the article's kept changes, once they have arrived."""
    deadline = time.monotonic() + wait
    while True:
        kept = Autosave.objects.filter(key=str(article.pk)).first()
        if kept is not None or time.monotonic() > deadline:
            return kept and kept.fields.get("title_tr")
        time.sleep(0.1)


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


def test_leaving_the_form_keeps_what_was_typed_since_the_last_interval(
    live_server, chromium
):
    """Typing, then leaving the page at once (another address, or closing the tab),
    sends the last few seconds' typing before the page goes."""
    article = ArticleFactory(languages=("tr",))
    staff("redaktor", "Editor")
    page = log_in(chromium, live_server, "redaktor")
    change = f"{live_server.url}/admin/articles/article/{article.pk}/change/"

    page.goto(change)
    tab(page, "title", "tr")
    page.locator("#id_title_tr").press("End")
    page.locator("#id_title_tr").type(" — son")
    page.goto(f"{live_server.url}/admin/")  # at once, well inside the interval
    # The page that left sent it on its way out; the server may answer it a moment
    # after the next page has loaded (no page is left to send it again).
    assert kept_title(article) == article.title_tr + " — son"

    page.goto(change)
    tab(page, "title", "tr")
    page.locator("#id_title_tr").press("End")
    page.locator("#id_title_tr").type(" ve kapanış")
    context = page.context
    page.close(run_before_unload=True)
    page = watched_page(context)
    page.goto(change)
    page.get_by_role("link", name="Restore unsaved changes").click()
    tab(page, "title", "tr")
    # The form opens with the saved title (the offer is only a link), so the kept
    # text is the saved title and what was typed the second time.
    typed = page.locator("#id_title_tr").input_value()
    assert typed == article.title_tr + " ve kapanış"
    assert page.problems == []
