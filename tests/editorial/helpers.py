from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from editorial.services import revision_record
from tests.articles.factories import ArticleFactory


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(article, **changes):
    """What the admin's change form posts for ``article``, with ``changes``."""
    data = {
        "original_language": article.original_language,
        "category": article.category_id,
        "version_seen": article.version,
        "article_authors-TOTAL_FORMS": "0",
        "article_authors-INITIAL_FORMS": "0",
        "citations-TOTAL_FORMS": "0",
        "citations-INITIAL_FORMS": "0",
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    if article.featured_image_id:
        data["featured_image"] = article.featured_image_id
    for name in ("title", "slug", "summary", "body"):
        for code in ("tr", "en", "ru"):
            data[f"{name}_{code}"] = getattr(article, f"{name}_{code}") or ""
    for code in ("tr", "en", "ru"):
        data[f"status_{code}"] = article.status_in(code)
        published_at = article.published_at_in(code)
        if published_at:  # as the form shows it
            published_at = timezone.localtime(published_at)
            data[f"published_at_{code}_0"] = published_at.strftime("%Y-%m-%d")
            data[f"published_at_{code}_1"] = published_at.strftime("%H:%M:%S")
    # Keep existing byline and citations as they are.
    links = list(article.article_authors.all())
    data["article_authors-TOTAL_FORMS"] = str(len(links))
    data["article_authors-INITIAL_FORMS"] = str(len(links))
    for i, link in enumerate(links):
        data[f"article_authors-{i}-id"] = link.pk
        data[f"article_authors-{i}-article"] = article.pk
        data[f"article_authors-{i}-author"] = link.author_id
        data[f"article_authors-{i}-position"] = link.position
    citations = list(article.citations.all())
    data["citations-TOTAL_FORMS"] = str(len(citations))
    data["citations-INITIAL_FORMS"] = str(len(citations))
    for i, citation in enumerate(citations):
        data[f"citations-{i}-id"] = citation.pk
        data[f"citations-{i}-article"] = article.pk
        data[f"citations-{i}-key"] = citation.key
        data[f"citations-{i}-source"] = citation.source_id
        data[f"citations-{i}-accessed_on"] = (
            citation.accessed_on.isoformat() if citation.accessed_on else ""
        )
    data.update(changes)
    return data


def draft_by(user, **kwargs):
    """An article created by ``user`` (a draft unless told), with its first revision."""
    kwargs.setdefault("status", Article.Status.DRAFT)
    article = ArticleFactory(created_by=user, **kwargs)
    revision_record(article=article, user=user)
    return article
