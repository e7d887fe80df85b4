from django.conf import settings
from django.db import models
from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
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

    def similar_to(self, article, *, limit: int = 4):
        """Up to ``limit`` others, most shared topics and regions first, then newest.

        Uses the article's prefetched regions and topics, so it costs one query.
        """
        topic_ids = [t.pk for t in article.topics.all()]
        region_ids = [r.pk for r in article.regions.all()]
        return (
            self.exclude(pk=article.pk)
            .annotate(
                shared=Count("topics", filter=Q(topics__in=topic_ids), distinct=True)
                + Count("regions", filter=Q(regions__in=region_ids), distinct=True)
            )
            .select_related("category")
            .order_by("-shared", "-published_at", "-pk")[:limit]
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
