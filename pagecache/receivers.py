"""Rows of public content that are edited on their own (authors, taxonomy, sources)
start a new content version when saved or deleted.

Articles, their byline, taxonomy links and citations are written only through
``editorial.services``, which starts the new version itself, once per save.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .versions import content_changed

# Apps whose rows appear on public pages: articles and taxonomy, authors, citations
# and sources (rendered into the notes).
CONTENT_APPS = {"articles", "authors", "citations"}
# Written by the article write path, which invalidates explicitly.
WRITE_PATH_MODELS = {
    "articles.article",
    "articles.articleauthor",
    "articles.article_regions",
    "articles.article_topics",
    "citations.citation",
}


def is_content(model) -> bool:
    return (
        model._meta.app_label in CONTENT_APPS
        and model._meta.label_lower not in WRITE_PATH_MODELS
        # A migration's historical model is not the site's content.
        and model.__module__ != "__fake__"
    )


@receiver(post_save, dispatch_uid="pagecache-saved")
@receiver(post_delete, dispatch_uid="pagecache-deleted")
def content_saved_or_deleted(sender, **kwargs):
    if is_content(sender):
        content_changed()


@receiver(m2m_changed, dispatch_uid="pagecache-relations")
def relations_changed(sender, action, **kwargs):
    if action.startswith("post_") and is_content(sender):
        content_changed()
