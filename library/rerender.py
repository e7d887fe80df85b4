"""Articles showing a library image are rendered again when it changes."""

from articles.jobs import pages_outdated
from articles.models import Article
from articles.services import article_render
from pagecache import tags
from pagecache.versions import invalidate

from .models import Image


def articles_rerender(*, image_ids) -> int:
    """Render again the stored bodies of every article whose figures show one of
    ``image_ids`` (``ImageUse`` says which), have the worker render again those
    featuring one or showing an author it portrays, and end the pages of the
    articles featuring one (their pages and cards) and of the authors it portrays
    (their pages and bylines); returns how many were rendered."""
    ids = list(image_ids)
    articles = Article.objects.filter(image_uses__image_id__in=ids)
    count = 0
    for article in articles.distinct().order_by("pk"):
        article_render(article=article)
        count += 1
    images = Image.objects.filter(pk__in=ids)
    featured = images.values_list("featured_in", flat=True)
    portraits = images.values_list("portrait_of", flat=True)
    pages_outdated(
        Article.objects.filter(featured_image_id__in=ids)
        | Article.objects.filter(article_authors__author__photo_id__in=ids)
    )
    invalidate(
        {tags.article(pk) for pk in featured if pk}
        | {tags.term("author", pk) for pk in portraits if pk}
    )
    return count
