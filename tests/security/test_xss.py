"""No payload from the corpus becomes executable on any page or admin screen."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.timezone import localtime

from ankasam.html import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    sanitize_html,
)
from tests.articles.factories import (
    ArticleFactory,
    CategoryFactory,
    RegionFactory,
    TopicFactory,
)
from tests.authors.factories import AuthorFactory
from tests.citations.factories import SourceFactory
from tests.library.factories import ImageFactory
from tests.security.xss import PAYLOADS, executable_output
from tests.staff_login import staff_login

pytestmark = pytest.mark.django_db

NEVER_ALLOWED = {
    "script", "style", "iframe", "svg", "math", "form", "input", "button", "select",
    "textarea", "option", "object", "embed", "img", "link", "meta", "base", "frame",
    "template", "noscript",
}  # fmt: skip


def test_the_allowlist_never_grows_into_dangerous_elements():
    assert not (ALLOWED_TAGS & NEVER_ALLOWED)
    attributes = {a for attrs in ALLOWED_ATTRIBUTES.values() for a in attrs}
    assert not {a for a in attributes if a.startswith("on") or a in {"style", "srcdoc"}}
    assert {"http", "https", "mailto"} == ALLOWED_URL_SCHEMES
    assert "cite" not in ALLOWED_ATTRIBUTES.get("blockquote", set())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_sanitizer_leaves_nothing_executable(payload):
    cleaned = sanitize_html(f"<p>Metin {payload} son.</p>")
    assert executable_output(f"<html><body>{cleaned}</body></html>") == []


def test_external_links_get_noopener():
    cleaned = sanitize_html('<p><a href="https://example.org">x</a></p>')
    assert 'rel="noopener noreferrer"' in cleaned


def poisoned_article(payload):
    """An article whose every field a person can type holds ``payload``."""
    name = f"K {payload}"[:120]
    category = CategoryFactory(name_tr=name, name_en=name, name_ru=name)
    region, topic = RegionFactory(name_en=name), TopicFactory(name_tr=name)
    author = AuthorFactory(
        name=f"Yazar {payload}"[:200],
        role_tr=payload[:200],
        role_en=payload[:200],
        role_ru=payload[:200],
        bio_tr=payload,
        bio_en=payload,
        bio_ru=payload,
        x_url='https://x.com/"onmouseover=alert(1)',
        linkedin_url='https://example.org/"><script>alert(1)</script>',
    )
    source = SourceFactory(
        title=payload,
        publisher=payload,
        authors=payload,
        url=f"https://example.org/{payload}"[:1000],
    )
    # A library image described with the payload: the featured image, and a figure.
    image = ImageFactory(
        **{
            f"{name}_{code}": payload[:length]
            for name, length in (("alt", 300), ("caption", 600), ("credit", 200))
            for code in ("tr", "en", "ru")
        }
    )
    figure = f'<figure data-image="{image.pk}" data-size="wide"></figure>'
    fields = {}
    for code in ("tr", "en", "ru"):
        fields.update(
            {
                f"title_{code}": f"Başlık {code} {payload}"[:300],
                f"summary_{code}": payload,
                f"body_{code}": f"<p>{payload} [1]</p>{figure}",
            }
        )
    return ArticleFactory(
        featured_image=image,
        category=category,
        regions=[region],
        topics=[topic],
        authors=[author],
        citations=[{"source": source, "locator": payload[:100], "note_en": payload}],
        **fields,
    )


@pytest.fixture
def poisoned():
    return [poisoned_article(payload) for payload in PAYLOADS]


def public_pages(article):
    pages = []
    for code in ("tr", "en", "ru"):
        with translation.override(code):
            archive = {"tr": "arsiv", "en": "archive", "ru": "arkhiv"}[code]
            pages += [
                f"/{code}/",
                article.category.get_absolute_url(),
                article.regions.get().get_absolute_url(),
                article.topics.get().get_absolute_url(),
                article.authors.get().get_absolute_url(),
                f"/{code}/{archive}/{localtime(article.published_at).year}/",
            ]
            # A payload can leave a body with no text: then that version is gone.
            if code in article.public_languages():
                pages.append(article.get_absolute_url(code))
    return pages


def test_no_public_page_runs_injected_script(client, poisoned):
    pages = {page for article in poisoned for page in public_pages(article)}
    for page in sorted(pages):
        response = client.get(page)
        assert response.status_code == 200, page
        assert executable_output(response.content.decode()) == [], page


def test_no_admin_screen_runs_injected_script(client, poisoned):
    user = get_user_model().objects.create_superuser("boss", "b@example.org", None)
    staff_login(client, user)
    screens = [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_translations"),
        reverse("admin:authors_author_changelist"),
        reverse("admin:citations_source_changelist"),
        reverse("admin:articles_category_changelist"),
    ]
    for article in poisoned:
        screens += [
            reverse("admin:articles_article_change", args=[article.pk]),
            reverse("admin:articles_article_history", args=[article.pk]),
            reverse("admin:authors_author_change", args=[article.authors.get().pk]),
            reverse(
                "admin:citations_source_change",
                args=[article.citations.get().source_id],
            ),
        ]
    for screen in screens:
        response = client.get(screen)
        assert response.status_code == 200, screen
        assert executable_output(response.content.decode(), admin=True) == [], screen


def test_the_database_refuses_script_links_for_authors():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        AuthorFactory(x_url="javascript:alert(1)")


def test_no_feed_carries_executable_markup(client, poisoned):
    from lxml import etree

    article = poisoned[0]
    feeds = []
    for code in ("tr", "en", "ru"):
        with translation.override(code):
            category = article.category.get_absolute_url()
            author = article.authors.get().get_absolute_url()
        feeds += [f"/{code}/feed/", f"/{code}/feed/atom/"]
        feeds += [f"{category}feed/", f"{author}feed/atom/"]
    html_fields = {"description", "{http://www.w3.org/2005/Atom}summary"}
    for path in feeds:
        response = client.get(path)
        assert response.status_code == 200, path
        tree = etree.fromstring(response.content)  # well-formed, or this raises
        assert not tree.xpath("//*[local-name()='script']"), path
        for element in tree.iter():
            if element.tag in html_fields and element.text:
                html = f"<html><body>{element.text}</body></html>"
                assert executable_output(html) == [], (path, element.text[:80])
