import re

import pytest
from django.core import signing

from articles.models import Article
from editorial.preview import SALT, preview_url
from tests.editorial.conftest import client_for
from tests.editorial.helpers import change_url, draft_by

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["tr", "ru"])
def test_a_draft_previews_as_readers_will_see_it(client, editor, code):
    article = draft_by(editor)
    assert client.get(article.get_absolute_url(code)).status_code == 404
    response = client.get(preview_url(article, code))
    assert response.status_code == 200
    html = response.content.decode()
    assert getattr(article, f"title_{code}") in html
    assert 'href="#fn-1"' in html
    assert response["Cache-Control"] == "private, no-store, max-age=0"
    assert "noindex" in response["X-Robots-Tag"]


def test_preview_links_are_on_the_edit_form(editor):
    article = draft_by(editor, languages=("tr", "en"))
    html = client_for(editor).get(change_url(article)).content.decode()
    links = re.findall(r'href="(/(?:tr|en|ru)/[^"]*/)" target="_blank"', html)
    assert len(links) == 2
    assert sorted(link.split("/")[1] for link in links) == ["en", "tr"]
    assert all(client_for(editor).get(link).status_code == 200 for link in links)


def test_an_expired_or_forged_link_is_a_404(client, editor, settings):
    article = draft_by(editor)
    url = preview_url(article, "tr")
    forged = signing.dumps({"article": article.pk}, salt="another salt")
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert client.get(url.replace(token, forged)).status_code == 404
    import editorial.preview

    editorial.preview.MAX_AGE = -1
    try:
        assert client.get(url).status_code == 404
    finally:
        editorial.preview.MAX_AGE = 48 * 60 * 60


def test_a_missing_language_or_trashed_article_has_no_preview(client, editor):
    article = draft_by(editor, languages=("tr",))
    assert client.get(preview_url(article, "en")).status_code == 404
    Article.objects.filter(pk=article.pk).update(trashed_at="2024-01-01T00:00Z")
    assert client.get(preview_url(article, "tr")).status_code == 404


def test_salt_is_specific(editor):
    article = draft_by(editor)
    token = preview_url(article, "tr").rstrip("/").rsplit("/", 1)[1]
    assert signing.loads(token, salt=SALT)["article"] == article.pk
