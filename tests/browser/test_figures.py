"""A library figure in Chromium: an editor captions a library image in Turkish and
English, inserts it into the Turkish and English bodies with the editor's figure
dialog, publishes both, and each page shows it with its own caption and a srcset."""

import html5lib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Article
from library.models import Image
from tests.articles.factories import CategoryFactory
from tests.browser.test_editorial_loop import (
    Reader,
    log_in,
    of_class,
    rich_text,
    save,
    staff,
    tab,
)
from tests.html_checks import assert_valid_page
from tests.images.test_images import image_bytes
from tests.library.factories import ImageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CAPTION = {
    "tr": "Kapatıldığı açıklanan dört temsilcilik",
    "en": "The four missions reported closed",
}
ALT = {
    "tr": "Dört noktası işaretli bir dünya haritası",
    "en": "A world map, four marks",
}


def insert_figure(page, language, search, size):
    """Insert the library image matching ``search`` at the end of the body."""
    body = rich_text(page, "body", language)
    body.click()
    page.keyboard.press("Control+End")
    editor = page.locator(".prose-editor", has=page.locator(f"#id_body_{language}"))
    editor.locator("[title='Insert a figure from the media library']").click()
    dialog = page.locator("dialog.library-chooser[open]")
    dialog.locator("input[type=search]").fill(search)
    dialog.locator(".library-chooser__item", has_text=ALT["en"]).click()
    dialog.locator("select[name=size]").select_option(size)
    dialog.locator("button[type=submit]").click()
    page.wait_for_selector("dialog.library-chooser", state="detached")
    return editor


def test_an_editor_puts_a_captioned_library_figure_into_two_languages(
    chromium, live_server
):
    category = CategoryFactory(name_tr="Analiz", name_en="Analysis", name_ru="Анализ")
    image = ImageFactory(
        file=SimpleUploadedFile(
            "harita.jpg", image_bytes("JPEG", size=(1600, 900)), "image/jpeg"
        ),
        alt_tr=ALT["tr"],
        alt_en=ALT["en"],
        alt_ru="",
    )
    staff("editor", "Editor")
    editor = log_in(chromium, live_server, "editor")
    reader = Reader(chromium, live_server)

    # 1. Captions, in the library, in Turkish and English.
    editor.goto(f"{live_server.url}/admin/library/image/{image.pk}/change/")
    for code in ("tr", "en"):
        tab(editor, "caption", code)
        editor.fill(f"#id_caption_{code}", CAPTION[code])
    save(editor)
    image.refresh_from_db()
    assert (image.caption_tr, image.caption_en) == (CAPTION["tr"], CAPTION["en"])

    # 2. The article: text and the figure in both languages, both published.
    editor.goto(f"{live_server.url}/admin/articles/article/add/")
    for code, title, first in (
        ("tr", "Kapanan Büyükelçilikler", "Pyongyang misyonlarını kapattı."),
        ("en", "The Closed Embassies", "Pyongyang closed its missions."),
    ):
        tab(editor, "title", code)
        editor.fill(f"#id_title_{code}", title)
        rich_text(editor, "body", code).click()
        editor.keyboard.type(first)
        shown = insert_figure(editor, code, "harita" if code == "tr" else "MAP", "wide")
        # The editor shows the chosen image, not a placeholder.
        preview = shown.locator("figure.library-figure img")
        preview.wait_for()
        assert preview.get_attribute("src")
        tab(editor, "status", code)
        editor.select_option(f"#id_status_{code}", "published")
    editor.select_option("#id_category", str(category.pk))
    save(editor)
    article = Article.objects.get()
    stored = f'<figure data-image="{image.pk}" data-size="wide"></figure>'
    assert stored in article.body_tr and stored in article.body_en
    assert article.public_languages() == ["tr", "en"]
    assert editor.problems == []

    # 3. The reader: each page shows the figure with its own words and a srcset.
    for code in ("tr", "en"):
        html = reader.get(article.get_absolute_url(code))
        assert_valid_page(html)
        # html5lib parses <picture> and <source> as browsers do (libxml2 does not).
        page = html5lib.parse(html, treebuilder="lxml", namespaceHTMLElements=False)
        (figure,) = page.xpath(f"{of_class('article__body')}//figure")
        assert figure.get("class") == "figure figure--wide"
        img = figure.xpath(".//picture/img")[0]
        assert img.get("alt") == ALT[code]
        assert img.get("width") and img.get("height") and img.get("loading") == "lazy"
        assert "480w" in img.get("srcset") and "1440w" in img.get("srcset")
        assert figure.xpath(".//picture/source[@type='image/webp']/@srcset")
        (caption,) = figure.xpath(".//figcaption/span[@class='figure__caption']")
        assert caption.text == CAPTION[code]
        assert Image.objects.get().uses.get().article == article
