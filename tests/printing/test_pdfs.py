"""The PDF of each language version: made by the worker, read back as text."""

import datetime
import io
import re
from html import unescape

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import translation
from django.utils.html import strip_tags
from pypdf import PdfReader

from ankasam.images import read_image
from articles.models import Article
from citations import formats
from editorial.services import article_save, article_trash, article_unpublish
from printing.documents import (
    article_url,
    load_weasyprint,
    media_only_fetcher,
    print_html,
)
from printing.jobs import pdf_make, pdf_remove
from printing.models import ArticlePdf
from tests.articles.factories import ArticleFactory
from tests.editorial.conftest import make_user
from tests.images.test_images import image_bytes

pytestmark = pytest.mark.django_db

SAMPLE_TITLE = "North Korea’s Decision to Shutdown The Diplomatic Missions"
LABELS = {
    "tr": ("Erişim Tarihi", "Aynı yer."),
    "en": ("Accessed", "Ibid."),
    "ru": ("Дата обращения", "Там же."),
}


@pytest.fixture
def sample(django_capture_on_commit_callbacks):
    """The demo's sample article, saved once more so that its PDFs are made."""
    call_command("load_demo", stdout=io.StringIO())
    article = Article.objects.get(title_en=SAMPLE_TITLE)
    with django_capture_on_commit_callbacks(execute=True):
        article_save(article=article)
    return Article.objects.for_detail().get(pk=article.pk)


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_text(pdf: ArticlePdf) -> str:
    with default_storage.open(pdf.file.name) as stored:
        return text_of(stored.read())


def downloaded_text(client, article, code: str) -> str:
    """The PDF a reader downloads from the article page's "PDF" link, as text."""
    page = lxml.html.fromstring(client.get(article.get_absolute_url(code)).content)
    (href,) = page.xpath("//p[@class='article__pdf']/a/@href")
    response = client.get(href)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return text_of(b"".join(response.streaming_content))


def squeezed(text: str) -> str:
    """Without any white space: a PDF breaks long URLs and lines where it likes."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("code", ["tr", "en", "ru"])
def test_the_pdf_of_the_sample_has_title_notes_and_citation(client, sample, code):
    text = downloaded_text(client, sample, code)
    title = getattr(sample, f"title_{code}")
    assert squeezed(title) in squeezed(text)
    access, ibid = LABELS[code]
    # Seven notes: five references with their access date, then two ibid notes.
    assert squeezed(text).count(squeezed(f"{access}:")) == 5
    assert squeezed(text).count(squeezed(ibid)) == 2
    with translation.override(code):
        notes = text[text.rindex(translation.gettext("Notes")) :]
    # The list's numbers (pypdf reads them after the items).
    numbers = re.findall(r"^(\d)\.\s*$", notes, re.MULTILINE)
    assert numbers == [str(n) for n in range(1, 8)]
    with translation.override(code):
        url = article_url(sample, code)
        reference = formats.article_reference(sample, language=code, url=url)
        citation = unescape(strip_tags(formats.chicago(reference, code)))
    assert squeezed(citation) in squeezed(text)
    assert squeezed(url) in squeezed(text)
    assert "ANKASAM" in text
    assert sample.byline[0].author.name in text


def test_the_article_page_links_its_pdf_only_once_it_exists(client, sample):
    response = client.get(sample.get_absolute_url("en"))
    pdf = ArticlePdf.objects.get(article=sample, language="en")
    page = response.content.decode()
    assert f'href="{pdf.file.url}"' in page
    assert (
        f'<meta name="citation_pdf_url" content="http://testserver{pdf.file.url}">'
        in page
    )
    pdf_remove(pdf)  # as the job does when the version is taken down
    page = client.get(sample.get_absolute_url("en")).content.decode()
    assert "citation_pdf_url" not in page
    assert ".pdf" not in page


def test_a_page_view_never_calls_weasyprint(client, monkeypatch, sample):
    weasyprint = load_weasyprint()

    def refuse(*args, **kwargs):
        raise AssertionError("WeasyPrint ran inside a reader's request")

    monkeypatch.setattr(weasyprint, "HTML", refuse)
    for code in ("tr", "en", "ru"):
        assert client.get(sample.get_absolute_url(code)).status_code == 200
    ArticlePdf.objects.all().delete()  # none made yet: the page still does not
    assert client.get(sample.get_absolute_url("tr")).status_code == 200


def test_a_repeated_job_makes_nothing_and_a_change_makes_a_new_file(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(languages=("tr", "en"))
    first = ArticlePdf.objects.get(article=article, language="tr")
    assert pdf_make.call(article_id=article.pk, language="tr") == "done already"
    article.body_tr = "<p>Yeni metin, İstanbul ve ılık.[1]</p>"
    with django_capture_on_commit_callbacks(execute=True):
        article_save(article=article)
    second = ArticlePdf.objects.get(article=article, language="tr")
    assert second.file.name != first.file.name
    assert not default_storage.exists(first.file.name)
    assert "ılık" in pdf_text(second)
    # The English version did not change: its file stayed.
    assert ArticlePdf.objects.filter(article=article, language="en").count() == 1
    assert not ArticlePdf.objects.filter(article=article, language="ru").exists()


def test_unpublishing_a_language_or_trashing_removes_its_pdf(
    django_capture_on_commit_callbacks,
):
    editor = make_user("Editor")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(languages=("tr", "en"))
    tr, en = (
        ArticlePdf.objects.get(article=article, language=code) for code in ("tr", "en")
    )
    with django_capture_on_commit_callbacks(execute=True):
        article_unpublish(article=article, language="en", user=editor)
    assert not ArticlePdf.objects.filter(pk=en.pk).exists()
    assert not default_storage.exists(en.file.name)
    assert default_storage.exists(tr.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        article_trash(article=article, user=editor)
    assert not ArticlePdf.objects.filter(article=article).exists()
    assert not default_storage.exists(tr.file.name)


def test_a_scheduled_version_has_no_pdf_until_it_is_published(
    django_capture_on_commit_callbacks,
):
    from django.utils import timezone

    later = timezone.now() + datetime.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(languages=("tr",), published_at=later)
    assert not ArticlePdf.objects.filter(article=article).exists()


@pytest.mark.parametrize(
    ("code", "caption"),
    [("tr", "dört temsilcilik"), ("ru", "Четыре представительства")],
)
def test_the_pdf_shows_the_figure_with_its_caption(sample, code, caption):
    """The sample's library figure is printed: its image, read from the media
    through the storage (as every image of the print page is), and its caption in
    that language."""
    html = print_html(sample, code)
    assert 'class="figure figure--wide"' in html
    pdf = ArticlePdf.objects.get(article=sample, language=code)
    with default_storage.open(pdf.file.name) as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    # Every page lists the document's images; each is one picture.
    images = {image.data for page in reader.pages for image in page.images}
    assert len(images) == len(re.findall(r"<img\b", html)) == 1
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert squeezed(caption) in squeezed(text)


def test_printing_fetches_no_address_but_the_sites_media(settings):
    fetcher = media_only_fetcher()
    for url in (
        "http://169.254.169.254/latest/meta-data/",
        "http://127.0.0.1:6379/",
        "file:///etc/passwd",
        f"{settings.SITE_URL}/admin/",
        f"{settings.SITE_URL}{settings.MEDIA_URL}../../etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    name = default_storage.save("pdfs/test/pixel.txt", io.BytesIO(b"ok"))
    response = fetcher.fetch(f"{settings.SITE_URL}{settings.MEDIA_URL}{name}")
    assert response.read() == b"ok"


@pytest.mark.parametrize(
    ("code", "expected"),
    [("tr", "Düzeltme, 5 Kasım 2023:"), ("ru", "Исправление, 5 ноября 2023:")],
)
def test_a_correction_is_printed_in_the_pdf_of_its_language(
    django_capture_on_commit_callbacks, code, expected
):
    article = ArticleFactory(languages=("tr", "ru"))
    with django_capture_on_commit_callbacks(execute=True):
        article_save(
            article=Article.objects.get(pk=article.pk),
            corrections=[
                {
                    "id": None,
                    "language": code,
                    "kind": "correction",
                    "dated": datetime.date(2023, 11, 5),
                    "text": "İspanya’daki büyükelçilik de kapandı.",
                }
            ],
        )
    other = "ru" if code == "tr" else "tr"
    text = pdf_text(ArticlePdf.objects.get(article=article, language=code))
    assert squeezed(f"{expected} İspanya’daki büyükelçilik de kapandı.") in squeezed(
        text
    )
    other_text = pdf_text(ArticlePdf.objects.get(article=article, language=other))
    assert "İspanya" not in other_text


def test_making_a_pdf_leaves_the_image_checks_refusing_truncated_files(
    django_capture_on_commit_callbacks,
):
    # WeasyPrint's import tells Pillow to accept truncated images, process-wide.
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticleFactory(languages=("tr",))
    assert ArticlePdf.objects.filter(article=article).exists()
    with pytest.raises(ValidationError) as refused:
        read_image(image_bytes("PNG")[:200])
    assert refused.value.code == "damaged"
