"""Index an article whenever it is saved (the admin, services, imports, the demo)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from articles.models import Article

from .indexing import index_article


@receiver(post_save, sender=Article, dispatch_uid="search-index-article")
def article_saved(sender, instance, **kwargs):
    index_article(instance)
