from django.db import transaction

from ankasam.html import word_count
from redirects.services import redirects_slug_changed

from .models import Article, Term
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


@transaction.atomic
def term_save(*, term: Term) -> Term:
    """Save a category, region or topic; in each language whose slug changed, the
    old list address redirects to the new one (a list page exists for every term,
    in every language)."""
    codes = language_codes()
    stored = (
        type(term).objects.filter(pk=term.pk).values(*(f"slug_{c}" for c in codes))
        if term.pk
        else type(term).objects.none()
    ).first()
    term.save()
    if stored is not None:
        redirects_slug_changed(
            kind=term._meta.model_name,
            url_name=term.url_name,
            before={code: stored[f"slug_{code}"] for code in codes},
            after={code: getattr(term, f"slug_{code}") for code in codes},
            languages=codes,
        )
    return term
