"""Authors, categories, regions and topics are edited on their own (the admin, an
import); the articles showing one have stored parts (``articles.stored``) that show
its name and address. Whoever saves or deletes one, those parts are marked stale
here and the worker renders them again; until then the pages render them on the
fly. This mirrors ``pagecache.receivers``, which ends the same pages' cached copies.
"""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from authors.models import Author

from .jobs import pages_outdated
from .models import Article, Category, Region, Topic

RELATIONS = {
    Author: "article_authors__author",
    Category: "category",
    Region: "regions",
    Topic: "topics",
}


def showing(sender, instance):
    return Article.objects.filter(**{RELATIONS[sender]: instance.pk})


@receiver(post_save, dispatch_uid="stored-pages-saved")
def shown_row_saved(sender, instance, created, raw=False, **kwargs):
    if sender in RELATIONS and not created and not raw:
        pages_outdated(showing(sender, instance))


# Before the delete: by the end of it a region's or topic's links are gone.
@receiver(pre_delete, dispatch_uid="stored-pages-deleted")
def shown_row_deleted(sender, instance, **kwargs):
    if sender in RELATIONS:
        pages_outdated(showing(sender, instance))
