"""Articles showing a library image are rendered again when it changes."""

from articles.models import Article
from articles.services import article_render


def articles_rerender(*, image_ids) -> int:
    """Render again the stored bodies of every article whose figures show one of
    ``image_ids`` (``ImageUse`` says which); returns how many."""
    articles = Article.objects.filter(image_uses__image_id__in=list(image_ids))
    count = 0
    for article in articles.distinct().order_by("pk"):
        article_render(article=article)
        count += 1
    return count
