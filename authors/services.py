"""The author write path: the admin saves authors here."""

from django.db import transaction

from articles.querysets import language_codes
from redirects.services import redirects_slug_changed

from .models import Author


@transaction.atomic
def author_save(*, author: Author) -> Author:
    """Save ``author``; when the slug changed, the old author page redirects to the
    new one in every language (an author page exists in each)."""
    stored = (
        Author.objects.filter(pk=author.pk).values_list("slug", flat=True).first()
        if author.pk
        else None
    )
    author.save()
    if stored is not None:
        codes = language_codes()
        redirects_slug_changed(
            kind="author",
            url_name="authors:detail",
            before=dict.fromkeys(codes, stored),
            after=dict.fromkeys(codes, author.slug),
            languages=codes,
        )
    return author
