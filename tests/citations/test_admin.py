"""The article form's citations, as an editor uses them."""

import datetime
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from citations.models import Citation
from tests.articles.factories import ArticleFactory, CategoryFactory
from tests.citations.factories import SourceFactory

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "shared/samples"


def article_data(category, **fields):
    data = {
        "title_tr": "Işık ve Gölge",
        "body_tr": "<p>Editörün metni.[1]</p>",
        "status_tr": "published",
        "status_en": "draft",
        "status_ru": "draft",
        "published_at_tr_0": "2024-01-02",
        "published_at_tr_1": "10:00:00",
        "category": category.pk,
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    data.update(fields)
    return data


def citation_rows(*rows):
    data = {"citations-TOTAL_FORMS": str(len(rows)), "citations-INITIAL_FORMS": "0"}
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"citations-{index}-{name}"] = value
    return data


def citation_errors(html):
    """The errors the citations inline shows above its rows."""
    match = re.search(
        r'<ul class="errorlist nonform"[^>]*>(.*?)</ul>',
        html,
        re.S,
    )
    return match.group(1) if match else ""


def field_errors(html, field):
    """The error list Django's admin shows in the row of ``field``."""
    match = re.search(
        rf'<div class="form-row errors field-{field}">\s*<ul class="errorlist"[^>]*>'
        r"(.*?)</ul>",
        html,
        re.S,
    )
    return match.group(1) if match else ""


def add(client, data):
    return client.post(
        reverse("admin:articles_article_add"), data, headers={"accept-language": "en"}
    )


def test_publishing_with_a_marker_without_citation_is_refused_keeping_the_text(
    admin_client,
):
    response = add(admin_client, article_data(CategoryFactory()))
    assert response.status_code == 200
    html = response.content.decode()
    errors = citation_errors(html)
    assert "Turkish text: marker [1] has no citation." in errors
    assert "cannot be published until these are fixed" in errors
    assert "Editörün metni.[1]" in html
    assert not Article.objects.exists()


def test_a_draft_with_problems_is_saved_with_a_warning(admin_client):
    response = add(admin_client, article_data(CategoryFactory(), status_tr="draft"))
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.status_tr == "draft"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("marker [1] has no citation" in m for m in messages)


def test_a_citation_row_footnotes_the_marker_and_gets_a_key(admin_client):
    source = SourceFactory()
    data = article_data(
        CategoryFactory(),
        **citation_rows({"source": source.pk, "accessed_on": "2023-11-04"}),
    )
    response = add(admin_client, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    citation = Citation.objects.get()
    assert citation.key == 1
    article = Article.objects.get()
    assert 'href="#fn-1"' in article.body_html_tr
    assert source.title in article.notes_html_tr


def test_future_access_date_is_shown_on_the_citation_row(admin_client):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    data = article_data(
        CategoryFactory(),
        **citation_rows(
            {"key": "1", "source": SourceFactory().pk, "accessed_on": tomorrow}
        ),
    )
    response = add(admin_client, data)
    assert response.status_code == 200
    html = response.content.decode()
    row = re.search(r'<td class="field-accessed_on">(.*?)</td>', html, re.S).group(1)
    assert "Citation [1]: the access date" in row
    assert "is in the future" in row
    assert not Article.objects.exists()


def test_pasting_the_samples_footnotes_creates_seven_citations(admin_client):
    text = (SAMPLE / "north-korea-diplomatic-missions.en.txt").read_text(
        encoding="utf-8"
    )
    notes = text[text.index("[1] “North") : text.index("Zeki Talustan GÜLTEN")]
    body = "<p>" + " ".join(f"Cümle.[{n}]" for n in range(1, 8)) + "</p>"
    response = add(
        admin_client,
        article_data(CategoryFactory(), body_tr=body, paste_footnotes=notes),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get()
    assert article.citations.count() == 7
    assert article.notes_html_tr.count("Aynı yer.") == 2
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("numbered 5 from its position" in m for m in messages)


def test_an_unreadable_paste_is_refused_and_kept(admin_client):
    response = add(
        admin_client,
        article_data(
            CategoryFactory(), status="draft", paste_footnotes="[1] Aynı yer."
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "refers to the note before it" in html
    assert "[1] Aynı yer." in html
    assert not Article.objects.exists()


def test_pasted_markers_that_clash_with_rows_are_refused(admin_client):
    data = article_data(
        CategoryFactory(),
        paste_footnotes="[1] “A”, B, https://a.org/x, (Accessed: 4 November 2023)",
        **citation_rows(
            {"key": "1", "source": SourceFactory().pk, "accessed_on": "2023-11-04"}
        ),
    )
    response = add(admin_client, data)
    assert response.status_code == 200
    assert "These markers already have citations: [1]." in response.content.decode()


def test_source_autocomplete_finds_by_outlet(admin_client):
    SourceFactory(publisher="Vocie of Ameria News", title="Closes 4 Missions")
    article = ArticleFactory()
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Vocie",
            "app_label": "citations",
            "model_name": "citation",
            "field_name": "source",
        },
        headers={
            "referer": reverse("admin:articles_article_change", args=[article.pk])
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [
        "Closes 4 Missions (Vocie of Ameria News)"
    ]


def test_source_with_a_non_web_address_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:citations_source_add"),
        {"title": "T", "url": "javascript:alert(1)"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 200
    assert "starts with http:// or https://" in response.content.decode()
