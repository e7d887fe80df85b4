"""The editor's whole loop in Chromium, with the reader's side checked after each step.

An author puts a cover into the media library and writes in Turkish (featured
image, footnotes, byline) and submits it; an
editor publishes it; a translator writes English, which an editor publishes and takes
down again; an old revision is restored; the article goes to the trash and comes back.
Readers only ever see the languages that are published.
"""

import re

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ankasam.images import renditions_made
from articles.models import Article
from editorial.models import EditorProfile
from library.models import Image as LibraryImage
from tests.articles.factories import CategoryFactory
from tests.authors.factories import AuthorFactory
from tests.browser.conftest import admin_log_in, watched_page
from tests.images.test_images import image_bytes
from tests.library.factories import ImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "loop-Pass-2024"
NOTE_1 = (
    "[1] “Kuzey Kore kararı”, Örnek Haber, https://example.org/kk, "
    "(Erişim Tarihi: 04.11.2023)."
)
NOTE_2 = (
    "[2] “Seul’ün yanıtı”, Örnek Ajans, https://example.org/seul, "
    "(Erişim Tarihi: 05.11.2023)."
)
TITLE_TR = "Işık ve Gölge: Pyongyang’ın Kararı"
TITLE_EN = "Light and Shadow: Pyongyang’s Decision"
FIRST_TR = "Pyongyang bazı misyonlarını kapattı.[1]"
EDITED_TR = " Seul ise temkinli davrandı.[2]"
# --- staff in the browser ------------------------------------------------------------


def staff(username, role, **profile):
    user = get_user_model().objects.create_user(
        username, password=PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name=role))
    if profile:
        EditorProfile.objects.create(user=user, **profile)
    return user


def watch(page):
    """Record server errors and failed requests too, next to the console errors."""
    page.on(
        "response",
        lambda r: r.status >= 500 and page.problems.append(f"{r.status}: {r.url}"),
    )
    page.on(
        "requestfailed",
        lambda r: (
            r.failure != "net::ERR_ABORTED"  # left behind by a navigation
            and page.problems.append(f"failed: {r.url} {r.failure}")
        ),
    )
    page.set_default_timeout(15_000)
    return page


def log_in(chromium, live_server, username):
    page = watch(watched_page(chromium.new_context(locale="en-US")))
    return admin_log_in(page, live_server.url, username, PASSWORD)


def tab(page, field, language):
    """Open ``language``'s tab of ``field`` (tabs open on the interface language).

    The rich-text editors appear a moment after the page (their extensions load
    first) and push the form down: a click that lands as they do may miss, so the
    tab is clicked until jQuery UI says it is the open one."""
    group = page.locator(".ui-tabs", has=page.locator(f"#id_{field}_{language}"))
    link = group.locator(".ui-tabs-nav a", has_text=language)
    opened = group.locator(".ui-tabs-nav li[aria-selected='true'] a", has_text=language)
    for _attempt in range(4):
        link.click()
        try:
            opened.wait_for(timeout=2_000)
            return group
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"the {language} tab of {field} does not open")


def rich_text(page, field, language):
    """The rich-text editor that stands for the ``field_language`` textarea."""
    tab(page, field, language)
    editor = page.locator(".prose-editor", has=page.locator(f"#id_{field}_{language}"))
    return editor.get_by_role("textbox")


def type_at_end(page, field, language, text):
    body = rich_text(page, field, language)
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def save(page):
    """Save and continue editing; the form must be saved with nothing to complain of."""
    page.locator("input[name=_continue]").click()
    page.wait_for_selector(".messagelist .success")
    shown = page.locator(".errornote, .errorlist, .messagelist .warning")
    assert shown.all_inner_texts() == []


def bulk_action(page, changelist, article, label):
    """Apply the changelist action ``label`` to ``article``, from ``changelist``."""
    page.goto(changelist)
    page.check(f"input[name=_selected_action][value='{article.pk}']")
    page.select_option("select[name=action]", label=label)
    page.locator("button[name=index]").click()
    page.wait_for_selector(".messagelist .success")
    assert page.locator(".messagelist .error").count() == 0


# --- the reader, over HTTP -----------------------------------------------------------


class Reader:
    """An anonymous visitor asking the live server for pages over HTTP."""

    def __init__(self, chromium, live_server):
        self.request = chromium.new_context().request
        self.origin = live_server.url

    def get(self, path, status=200):
        response = self.request.get(self.origin + path, max_redirects=0)
        assert response.status == status, f"{path}: {response.status}"
        return response.text()

    def page(self, article, code):
        """The article's page in ``code``, parsed (it must be there)."""
        return lxml.html.document_fromstring(self.get(article.get_absolute_url(code)))

    def absent(self, article, code):
        self.get(article.get_absolute_url(code), status=404)

    def offers(self, page, article, code) -> dict[str, bool]:
        """Where ``page`` sends readers to the ``code`` version of ``article``."""
        url = article.get_absolute_url(code)
        switch = page.xpath(f"{of_class('language-switch')}//a[@hreflang='{code}']")
        return {
            "switch": switch[0].get("href") == url,
            "also available": bool(
                page.xpath(f"{of_class('article__languages')}//a[@href='{url}']")
            ),
            "hreflang": any(
                link.get("href").endswith(url)
                for link in page.xpath(f"//link[@rel='alternate'][@hreflang='{code}']")
            ),
        }

    def sitemap(self) -> str:
        return self.get("/sitemap.xml")

    def feed(self, code) -> str:
        with translation.override(code):
            return self.get(reverse("articles:feed"))


def of_class(name: str) -> str:
    """An XPath step to the elements of class ``name``."""
    return f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


def text(page, xpath) -> str:
    return re.sub(r"\s+", " ", " ".join(e.text_content() for e in page.xpath(xpath)))


# --- the journey ---------------------------------------------------------------------


def test_article_goes_through_the_whole_editorial_loop(chromium, live_server):
    category = CategoryFactory(name_tr="Analiz", name_en="Analysis", name_ru="Анализ")
    portrait = ImageFactory(
        file=SimpleUploadedFile(
            "zeynep.png", image_bytes("PNG", size=(600, 600)), "image/png"
        ),
        alt_tr="Zeynep Işıkoğlu",
    )
    writer = AuthorFactory(name="Zeynep Işıkoğlu", photo=portrait)
    assert renditions_made(writer.photo.file_renditions)
    staff("yazar", "Author")
    staff("editor", "Editor")
    staff("translator", "Translator", languages=["en"])
    reader = Reader(chromium, live_server)
    changelist = f"{live_server.url}/admin/articles/article/"
    queue = f"{changelist}?state=review"

    # 1. The author puts the cover into the media library, then writes in Turkish,
    # saves, saves again, edits, submits.
    author = log_in(chromium, live_server, "yazar")
    author.goto(f"{live_server.url}/admin/library/image/add/")
    author.set_input_files(
        "#id_file",
        files=[
            {
                "name": "kapak.jpg",
                "mimeType": "image/jpeg",
                "buffer": image_bytes("JPEG", size=(1600, 900)),
            }
        ],
    )
    tab(author, "alt", "tr")
    author.fill("#id_alt_tr", "Pyongyang’da kapalı bir büyükelçilik")
    save(author)
    cover = LibraryImage.objects.get(alt_tr="Pyongyang’da kapalı bir büyükelçilik")
    assert renditions_made(cover.file_renditions)
    author.goto(f"{live_server.url}/admin/articles/article/add/")
    tab(author, "title", "tr")
    author.fill("#id_title_tr", TITLE_TR)
    body = rich_text(author, "body", "tr")
    body.click()
    author.keyboard.type(FIRST_TR)
    author.fill("#id_paste_footnotes", NOTE_1)
    author.select_option("#id_category", str(category.pk))
    # The featured image is chosen from the library by searching its description.
    author.locator(".field-featured_image .select2-selection").click()
    author.locator(".select2-container--open .select2-search__field").fill("pyongyang")
    author.locator(".select2-results__option", has_text="Pyongyang").click()
    byline = author.locator(".dynamic-article_authors").first
    byline.locator(".select2-selection").click()
    author.locator(".select2-container--open .select2-search__field").fill("Zeynep")
    author.locator(".select2-results__option", has_text=writer.name).click()
    save(author)
    article = Article.objects.get()
    assert article.title_tr == TITLE_TR
    assert article.status_tr == Article.Status.DRAFT
    assert [link.author for link in article.article_authors.all()] == [writer]
    assert article.citations.get().source.title == "Kuzey Kore kararı"
    assert article.featured_image == cover
    reader.absent(article, "tr")

    save(author)  # again, unchanged: the image and everything else stay
    article.refresh_from_db()
    assert article.featured_image == cover
    assert article.citations.count() == 1

    type_at_end(author, "body", "tr", EDITED_TR)
    author.fill("#id_paste_footnotes", NOTE_2)
    tab(author, "status", "tr")
    author.select_option("#id_status_tr", "review")
    save(author)
    article.refresh_from_db()
    assert article.status_tr == Article.Status.REVIEW
    assert "Seul ise temkinli" in article.body_tr
    assert sorted(article.citations.values_list("key", flat=True)) == [1, 2]
    assert article.featured_image == cover
    reader.absent(article, "tr")
    assert author.problems == []

    # 2. The editor finds it in the review queue and publishes the Turkish version.
    editor = log_in(chromium, live_server, "editor")
    editor.goto(queue)
    editor.get_by_role("link", name=TITLE_TR).click()
    tab(editor, "status", "tr")
    editor.select_option("#id_status_tr", "published")
    save(editor)
    article.refresh_from_db()
    assert article.status_tr == Article.Status.PUBLISHED
    page = reader.page(article, "tr")
    assert text(page, "//h1") == TITLE_TR
    assert "Seul ise temkinli" in text(page, of_class("article__body"))
    picture = page.xpath(f"{of_class('article__image')}//picture//img")
    assert picture[0].get("alt") == "Pyongyang’da kapalı bir büyükelçilik"
    assert "(Erişim Tarihi: 04.11.2023)" in text(page, of_class("footnotes"))
    assert "(Erişim Tarihi: 05.11.2023)" in text(page, of_class("footnotes"))
    assert writer.name in text(page, of_class("author-box"))
    assert not reader.offers(page, article, "en")["switch"]
    assert article.get_absolute_url("tr") in reader.feed("tr")
    # In a browser the image and the author's photo load.
    visitor = watch(watched_page(chromium.new_context()))
    visitor.goto(live_server.url + article.get_absolute_url("tr"))
    for img in (".article__image img", ".author-box img"):
        handle = visitor.locator(img).element_handle()
        handle.scroll_into_view_if_needed()
        visitor.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=handle
        )
    assert visitor.problems == []
    assert editor.problems == []

    # 3. The translator writes English: it stays a draft, readers do not see it.
    translator = log_in(chromium, live_server, "translator")
    translator.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    assert translator.locator("#id_title_tr").count() == 0
    assert translator.locator("#id_title_ru").count() == 0
    tab(translator, "title", "en")
    translator.fill("#id_title_en", TITLE_EN)
    body = rich_text(translator, "body", "en")
    body.click()
    translator.keyboard.type(
        "Pyongyang closed some of its missions.[1] Seoul was cautious.[2]"
    )
    save(translator)
    # The cover's English description is written in the library.
    translator.goto(f"{live_server.url}/admin/library/image/{cover.pk}/change/")
    tab(translator, "alt", "en")
    translator.fill("#id_alt_en", "A closed embassy in Pyongyang")
    save(translator)
    translator.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    article.refresh_from_db()
    assert article.title_en == TITLE_EN
    assert article.status_en == Article.Status.DRAFT
    assert article.status_tr == Article.Status.PUBLISHED
    reader.absent(article, "en")
    page = reader.page(article, "tr")
    assert reader.offers(page, article, "en") == {
        "switch": False,
        "also available": False,
        "hreflang": False,
    }
    tab(translator, "status", "en")
    translator.select_option("#id_status_en", "review")
    save(translator)
    article.refresh_from_db()
    assert article.status_en == Article.Status.REVIEW
    reader.absent(article, "en")
    assert translator.problems == []

    # 4. The editor publishes English with the bulk action.
    bulk_action(editor, queue, article, "Publish the English version")
    article.refresh_from_db()
    assert article.status_en == Article.Status.PUBLISHED
    page = reader.page(article, "en")
    assert text(page, "//h1") == TITLE_EN
    assert "(Accessed: November 4, 2023)" in text(page, of_class("footnotes"))
    page = reader.page(article, "tr")
    assert reader.offers(page, article, "en") == {
        "switch": True,
        "also available": True,
        "hreflang": True,
    }
    assert article.get_absolute_url("en") in reader.sitemap()
    assert article.get_absolute_url("en") in reader.feed("en")
    assert editor.problems == []

    # 5. The editor takes English down again; Turkish stays.
    bulk_action(editor, changelist, article, "Unpublish the English version")
    article.refresh_from_db()
    assert article.status_en == Article.Status.DRAFT
    reader.absent(article, "en")
    page = reader.page(article, "tr")
    assert reader.offers(page, article, "en") == {
        "switch": False,
        "also available": False,
        "hreflang": False,
    }
    sitemap = reader.sitemap()
    assert article.get_absolute_url("en") not in sitemap
    assert article.get_absolute_url("tr") in sitemap
    assert article.get_absolute_url("en") not in reader.feed("en")
    assert editor.problems == []

    # 6. The editor restores the version from before the author's edit.
    before_edit = max(
        revision.number
        for revision in article.revisions.all()
        if "Seul" not in revision.data["body_tr"]
    )
    editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/history/")
    row = editor.locator("#revisions tbody tr").filter(
        has=editor.get_by_role("link", name=str(before_edit), exact=True)
    )
    row.get_by_role("button", name="Restore this version").click()
    editor.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert "Seul" not in article.body_tr
    assert article.status_tr == Article.Status.PUBLISHED
    assert article.title_en == TITLE_EN  # a later translation is kept
    page = reader.page(article, "tr")
    assert "Pyongyang bazı misyonlarını kapattı." in text(
        page, of_class("article__body")
    )
    assert "Seul" not in text(page, of_class("article__body"))
    assert "(Erişim Tarihi: 05.11.2023)" not in text(page, of_class("footnotes"))
    assert page.xpath(f"{of_class('article__image')}//picture//img")
    assert editor.problems == []

    # 7. The editor moves it to the trash and brings it back, as a draft.
    editor.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    editor.locator("a.deletelink").click()
    editor.get_by_role("button", name=re.compile("^Yes")).click()
    editor.wait_for_selector(".messagelist .success")
    reader.absent(article, "tr")
    assert article.get_absolute_url("tr") not in reader.feed("tr")
    assert article.get_absolute_url("tr") not in reader.sitemap()
    editor.goto(f"{live_server.url}/admin/articles/article/trash/")
    editor.locator("#trash tr", has_text=TITLE_TR).get_by_role(
        "button", name="Restore"
    ).click()
    editor.wait_for_selector(".messagelist .success")
    article.refresh_from_db()
    assert not article.is_trashed
    assert article.status_tr == Article.Status.DRAFT
    reader.absent(article, "tr")
    bulk_action(editor, changelist, article, "Publish the Turkish version")
    page = reader.page(article, "tr")
    assert text(page, "//h1") == TITLE_TR
    assert editor.problems == []
