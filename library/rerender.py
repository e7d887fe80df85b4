"""Articles showing a library image are rendered again when it changes."""

from articles.models import Article
from articles.services import article_render
from pagecache import tags
from pagecache.versions import invalidate


def articles_rerender(*, image_ids) -> int:
    """Render again the stored bodies of every article whose figures show one of
    ``image_ids`` (``ImageUse`` says which), and end the pages of the articles
    featuring one (their pages and cards); returns how many were rendered."""
    ids = list(image_ids)
    articles = Article.objects.filter(image_uses__image_id__in=ids)
    count = 0
    for article in articles.distinct().order_by("pk"):
        article_render(article=article)
        count += 1
    featured = Article.objects.filter(featured_image_id__in=ids)
    invalidate({tags.article(pk) for pk in featured.values_list("pk", flat=True)})
    return count
