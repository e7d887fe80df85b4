from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from ankasam.html import word_count
from library.figures import images_for, render_figures, uses_record
from pagecache import tags
from pagecache.versions import invalidate, schedule_changed
from redirects.services import redirects_slug_changed

from .models import Article, ArticleAuthor, Term
from .querysets import language_codes
from .similar import similar_refresh
from .stored import pages_render

RENDERED = ("body_html", "notes_html", "word_count")


@transaction.atomic
def article_render(*, article: Article) -> None:
    """Store each language's footnoted body with its library figures, notes and
    word count (after its text, its citations, their sources or its images
    changed), which library images it shows, and its stored page parts
    (``articles.stored``); then end the pages that show it."""
    article.render_footnotes(article.citations.select_related("source"))
    images = images_for(getattr(article, f"body_{code}") for code in language_codes())
    for code in language_codes():
        name = f"body_html_{code}"
        setattr(article, name, render_figures(getattr(article, name), code, images))
        setattr(
            article, f"word_count_{code}", word_count(getattr(article, f"body_{code}"))
        )
    names = [f"{name}_{code}" for name in RENDERED for code in language_codes()]
    Article.objects.filter(pk=article.pk).update(
        **{name: getattr(article, name) for name in names}
    )
    uses_record(article_id=article.pk, image_ids=images)
    pages_render(article.pk)
    invalidate({tags.article(article.pk)})


@dataclass(frozen=True)
class Reach:
    """Which lists a stored article is in: its public languages (with their
    publication moments, which order the lists), category, regions, topics and
    authors."""

    published: tuple = ()
    category: int | None = None
    regions: frozenset = field(default_factory=frozenset)
    topics: frozenset = field(default_factory=frozenset)
    authors: frozenset = field(default_factory=frozenset)

    def tags(self) -> set[str]:
        if not self.published:
            return set()
        names = {tags.listing(code) for code, _moment in self.published}
        names.add(tags.members("category", self.category))
        names |= {tags.members("region", pk) for pk in self.regions}
        names |= {tags.members("topic", pk) for pk in self.topics}
        names |= {tags.members("author", pk) for pk in self.authors}
        return names


def article_reach(article_id: int | None) -> Reach:
    """The lists the stored article is in now (four queries; none for a new one)."""
    if article_id is None:
        return Reach()
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return Reach()
    now = timezone.now()
    return Reach(
        published=tuple(
            (code, article.published_at_in(code))
            for code in language_codes()
            if article.is_public(code, now)
        ),
        category=article.category_id,
        regions=frozenset(article.regions.values_list("pk", flat=True)),
        topics=frozenset(article.topics.values_list("pk", flat=True)),
        authors=frozenset(
            ArticleAuthor.objects.filter(article_id=article_id).values_list(
                "author_id", flat=True
            )
        ),
    )


def article_changed(*, article: Article, before: Reach) -> None:
    """Derived data of a saved (or trashed) article: its similar lists and those
    it may enter or leave, then the stored pages showing any of it. ``before`` is
    ``article_reach()`` as it was before the write."""
    after = article_reach(article.pk)
    changed = similar_refresh(article=article)
    names = {tags.article(article.pk), *(tags.similar(pk) for pk in changed)}
    if before != after:
        names |= before.tags() | after.tags()
    if before.published or after.published:
        names.add(tags.SITEMAP)
    invalidate(names)
    schedule_changed()


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
