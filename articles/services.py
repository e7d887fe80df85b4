from django.db import transaction

from ankasam.html import word_count

from .models import Article
from .querysets import language_codes

RENDERED = ("body_html", "notes_html", "word_count")


@transaction.atomic
def article_render(*, article: Article) -> None:
    """Store each language's footnoted body, notes and word count (after its text,
    its citations or their sources changed)."""
    article.render_footnotes(article.citations.select_related("source"))
    for code in language_codes():
        setattr(
            article, f"word_count_{code}", word_count(getattr(article, f"body_{code}"))
        )
    names = [f"{name}_{code}" for name in RENDERED for code in language_codes()]
    Article.objects.filter(pk=article.pk).update(
        **{name: getattr(article, name) for name in names}
    )
