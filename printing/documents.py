"""The print page of one language version, and the PDF WeasyPrint makes of it.

Only the worker calls ``pdf_bytes`` (``printing.jobs``); a reader's request never
does. WeasyPrint reads nothing from the network: the print page's own styles are
inline, fonts come from the system (Debian's DejaVu, which covers Turkish and
Cyrillic), and the only files it may open are the article's own media, read
through the storage API.
"""

import hashlib
from urllib.parse import unquote, urljoin

from django.conf import settings
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation

from ankasam.dates import long_date
from citations import formats

# Part of every fingerprint: bump it when the print design changes, so that the
# next refresh makes every PDF again.
DESIGN = "1"


def article_url(article, language: str) -> str:
    """The article's public address in ``language``, on the site's own origin."""
    return urljoin(settings.SITE_URL, article.get_absolute_url(language))


def print_html(article, language: str) -> str:
    """The print page of ``article`` in ``language`` (``for_detail()`` loaded)."""
    with translation.override(language):
        url = article_url(article, language)
        reference = formats.article_reference(article, language=language, url=url)
        return render_to_string(
            "printing/article_pdf.html",
            {
                "article": article,
                "language": language,
                "url": url,
                "published": long_date(article.published_at_in(language), language),
                "citation": formats.chicago(reference, language),
                "publisher": settings.SITE_NAME,
            },
        )


def load_weasyprint():
    """WeasyPrint, imported on first use (it loads Pango: only the worker needs it).

    Every import of it goes through here: importing it sets Pillow's process-wide
    ``ImageFile.LOAD_TRUNCATED_IMAGES``, which would make the image checks of this
    process (``ankasam/images.py``: uploads, the worker's renditions) accept
    truncated files. The flag is put back as it was.
    """
    from PIL import ImageFile

    truncated = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint
    import weasyprint.urls

    ImageFile.LOAD_TRUNCATED_IMAGES = truncated
    return weasyprint


def fingerprint(html: str) -> str:
    return hashlib.sha256(f"{DESIGN}\n{html}".encode()).hexdigest()


def media_only_fetcher():
    """A WeasyPrint fetcher that opens the site's media files only, through the
    storage API (figures and images of the page, wherever the media live).

    Anything else (another host, file://, the internal network) is refused: an
    address in an article's body must never make the worker fetch it. WeasyPrint
    calls the fetcher, which must be one of its ``URLFetcher``s.
    """
    urls = load_weasyprint().urls
    prefix = urljoin(settings.SITE_URL, settings.MEDIA_URL)

    class MediaOnlyFetcher(urls.URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith(prefix):
                raise ValueError(f"not fetched while printing: {url}")
            name = unquote(url[len(prefix) :].split("?")[0])
            if ".." in name.split("/"):
                raise ValueError(f"not a media file: {url}")
            with default_storage.open(name) as stored:
                return urls.URLFetcherResponse(url, body=stored.read())

    return MediaOnlyFetcher()


def pdf_bytes(html: str) -> bytes:
    """The PDF of a print page."""
    return (
        load_weasyprint()
        .HTML(string=html, base_url=settings.SITE_URL, url_fetcher=media_only_fetcher())
        .write_pdf()
    )
