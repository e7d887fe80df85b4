"""Rows of public content edited on their own (authors, taxonomy, sources) end the
pages that show them when saved or deleted.

Articles, their byline, taxonomy links and citations are written only through
``editorial.services``, which names the pages to end itself, once per save. The
stored renderings of the articles concerned are refreshed by the services those
writers call (``articles.services.articles_rerender_for``).
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import tags
from .versions import invalidate

# Written by the article write path, which invalidates explicitly.
WRITE_PATH_MODELS = {
    "articles.article",
    "articles.articleauthor",
    "articles.correction",
    "articles.article_regions",
    "articles.article_topics",
    "articles.similararticle",
    "articles.storedpage",
    "citations.citation",
}
KINDS = {
    "articles.category": "category",
    "articles.region": "region",
    "articles.topic": "topic",
    "authors.author": "author",
}


def tags_of(model, instance) -> set[str] | None:
    """What a saved row of ``model`` is shown as; None for rows that are not
    public content."""
    label = model._meta.label_lower
    if model.__module__ == "__fake__" or label in WRITE_PATH_MODELS:
        return None  # a migration's historical model, or the write path's own
    if label in KINDS:
        kind = KINDS[label]
        names = {tags.term(kind, instance.pk), tags.members(kind, instance.pk)}
        names.add(tags.SITEMAP)
        if kind == "category":
            names.add(tags.NAVIGATION)
        return names
    if label == "citations.source":
        from citations.models import Citation

        cited = Citation.objects.filter(source_id=instance.pk).values_list(
            "article_id", flat=True
        )
        return {tags.article(pk) for pk in set(cited)}
    if model._meta.app_label in {"articles", "authors", "citations"}:
        return {tags.SITE}  # a model nobody has described yet: every page
    return None


@receiver(post_save, dispatch_uid="pagecache-saved")
@receiver(post_delete, dispatch_uid="pagecache-deleted")
def content_saved_or_deleted(sender, instance, **kwargs):
    names = tags_of(sender, instance)
    if names:
        invalidate(names)


@receiver(m2m_changed, dispatch_uid="pagecache-relations")
def relations_changed(sender, action, instance, **kwargs):
    if action.startswith("post_"):
        names = tags_of(sender, instance)
        if names:
            invalidate(names)
