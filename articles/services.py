from django.db import transaction

from .models import Article
from .querysets import language_codes

RENDERED = ("body_html", "notes_html")


@transaction.atomic
def article_render(*, article: Article) -> None:
    """Store each language's footnoted body and notes (after its citations or their
    sources changed)."""
    article.render_footnotes(article.citations.select_related("source"))
    names = [f"{name}_{code}" for name in RENDERED for code in language_codes()]
    Article.objects.filter(pk=article.pk).update(
        **{name: getattr(article, name) for name in names}
    )
