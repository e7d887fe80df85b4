from django.db import transaction

from .models import Article


@transaction.atomic
def article_render(*, article: Article) -> None:
    """Re-render the stored footnoted bodies after the article's citations changed."""
    fields = article.render_footnotes(article.citations.select_related("source"))
    Article.objects.filter(pk=article.pk).update(
        **{name: getattr(article, name) for name in fields}
    )
