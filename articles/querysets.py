from django.conf import settings
from django.db import models
from django.db.models import (
    Count,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    Window,
)
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import get_language


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def current_language() -> str:
    """The active language, reduced to one of ours (``tr`` when none is active)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in language_codes() else settings.LANGUAGE_CODE


def exists_in_q(language: str, prefix: str = "") -> Q:
    """The one definition of "this article has a version in ``language``".

    Both the title and the body of that language are filled. ``__gt=""`` is false for
    NULL and for the empty string alike, so untranslated fields never count.
    """
    return Q(
        **{f"{prefix}title_{language}__gt": "", f"{prefix}body_{language}__gt": ""}
    )


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Articles readers may see: published, their publication time passed."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def in_language(self, language: str | None = None):
        """Articles that have a real version (title and body) in ``language``."""
        return self.filter(exists_in_q(language or current_language()))

    def public(self, language: str | None = None):
        """Published and available in ``language``: what a reader of it may see."""
        return self.published().in_language(language)

    def for_listing(self):
        """Loads the category and the ordered byline (authors) for article cards."""
        from .models import ArticleAuthor

        return self.select_related("category").prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author"),
                to_attr="byline",
            )
        )

    def for_detail(self):
        """Loads category, byline, regions, topics and cited sources for a page."""
        from citations.models import Citation

        return self.for_listing().prefetch_related(
            "regions",
            "topics",
            Prefetch("citations", queryset=Citation.objects.select_related("source")),
        )

    def similar_to(self, article, *, language: str | None = None, limit: int = 4):
        """Up to ``limit`` others, most alike first, then newest; one query.

        Alike: 3 points per shared topic, 2 per shared region, 2 per shared author,
        and up to about 4 for shared title and summary words in ``language``. Uses
        the article's prefetched topics, regions and byline (``for_detail()``).
        """
        from search.similarity import text_similarity

        from .models import ArticleAuthor

        language = language or current_language()
        byline = getattr(article, "byline", None)
        if byline is None:
            byline = article.article_authors.all()
        topics = [topic.pk for topic in article.topics.all()]
        regions = [region.pk for region in article.regions.all()]
        authors = [link.author_id for link in byline]
        score = (
            shared(self.model.topics.through, "topic_id", topics, 3)
            + shared(self.model.regions.through, "region_id", regions, 2)
            + shared(ArticleAuthor, "author_id", authors, 2)
            + Value(4.0) * text_similarity(article, language)
        )
        return (
            self.exclude(pk=article.pk)
            .annotate(similarity=score)
            .select_related("category")
            .order_by("-similarity", "-published_at", "-pk")[:limit]
        )

    def latest_per_category(self, per_category: int):
        """The newest ``per_category`` articles of every category, in one query."""
        return (
            self.annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("category_id"),
                    order_by=[F("published_at").desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=per_category)
            .order_by("category__position", "category_id", "-published_at", "-pk")
        )


def shared(through, field: str, ids: list[int], points: int):
    """``points`` per row of ``through`` linking the outer article to ``ids``."""
    if not ids:
        return Value(0.0)
    links = (
        through.objects.filter(article_id=OuterRef("pk"), **{f"{field}__in": ids})
        .order_by()
        .values("article_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Value(float(points)) * Coalesce(
        Subquery(links[:1]), Value(0), output_field=FloatField()
    )
