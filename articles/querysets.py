from django.conf import settings
from django.db import models
from django.db.models import (
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Window,
)
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import get_language


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def current_language() -> str:
    """The active language, reduced to one of ours (``tr`` when none is active)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in language_codes() else settings.LANGUAGE_CODE


class Filled(Func):
    """True when a text column is neither NULL nor empty (as ``__gt=""``). On
    PostgreSQL it asks the stored size, ``OCTET_LENGTH``, which a long body moved
    out of line (TOAST) answers without being read and uncompressed; comparing
    the text itself would read every candidate's body."""

    template = "(OCTET_LENGTH(%(expressions)s) > 0)"
    output_field = models.BooleanField()

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="(%(expressions)s > '')", **extra
        )


def exists_in_q(language: str, prefix: str = "") -> Q:
    """The one definition of "this article has a version in ``language``".

    Both the title and the body of that language are filled; NULL and the empty
    string alike are not, so untranslated fields never count.
    """
    return Q(
        Filled(f"{prefix}body_{language}"), **{f"{prefix}title_{language}__gt": ""}
    )


def published_q(language: str, now=None, prefix: str = "") -> Q:
    """The one definition of "readers of ``language`` may see it now": not in the
    trash, that language's version published and its publication time passed."""
    return Q(
        **{
            f"{prefix}trashed_at__isnull": True,
            f"{prefix}status_{language}": "published",
            f"{prefix}published_at_{language}__lte": now or timezone.now(),
        }
    )


def public_q(language: str, now=None, prefix: str = "") -> Q:
    """Published in ``language`` and a real version there (``Article.is_public``)."""
    return published_q(language, now, prefix) & exists_in_q(language, prefix)


class ArticleQuerySet(models.QuerySet):
    def untrashed(self):
        """Articles outside the trash: the editors' workspace."""
        return self.filter(trashed_at__isnull=True)

    def trashed(self):
        """Articles in the trash."""
        return self.filter(trashed_at__isnull=False)

    def published(self, language: str | None = None):
        """Articles whose ``language`` version readers may see (any language when
        ``None``)."""
        if language is not None:
            return self.filter(published_q(language))
        now = timezone.now()
        any_language = Q()
        for code in language_codes():
            any_language |= published_q(code, now)
        return self.filter(any_language)

    def in_language(self, language: str | None = None):
        """Articles that have a real version (title and body) in ``language``."""
        return self.filter(exists_in_q(language or current_language()))

    def public(self, language: str | None = None):
        """Published and available in ``language``: what a reader of it may see."""
        return self.filter(public_q(language or current_language()))

    def in_state(self, state: str):
        """Articles with at least one language version in ``state`` (draft, review,
        scheduled, published)."""
        now = timezone.now()
        any_language = Q()
        for code in language_codes():
            version = exists_in_q(code)
            if state == "scheduled":
                version &= Q(
                    **{f"status_{code}": "published", f"published_at_{code}__gt": now}
                )
            elif state == "published":
                version &= published_q(code, now)
            else:
                version &= Q(**{f"status_{code}": state})
            any_language |= version
        return self.filter(any_language)

    def with_byline(self):
        """Loads the category, the featured image and the ordered byline (authors)."""
        from .models import ArticleAuthor

        return self.select_related("category", "featured_image").prefetch_related(
            Prefetch(
                "article_authors",
                queryset=ArticleAuthor.objects.select_related("author__photo"),
                to_attr="byline",
            )
        )

    def for_listing(self):
        """What article cards show: ``with_byline()``, without the texts (bodies,
        rendered bodies and notes, in every language), which cards never show."""
        return self.with_byline().defer(*text_fields())

    def for_detail(self):
        """Loads category, byline, regions, topics and cited sources for a page, and
        annotates each language's PDF file name (``pdf_<code>``) and the article's
        corrections (``corrections_data``) in the same query."""
        from citations.models import Citation

        from .corrections import corrections_json

        return (
            self.with_byline()
            .annotate(**pdf_files(self.model), corrections_data=corrections_json())
            .prefetch_related(
                "regions",
                "topics",
                Prefetch(
                    "citations", queryset=Citation.objects.select_related("source")
                ),
            )
        )

    def for_page(self):
        """What an article page reads besides its stored parts: addresses, states,
        publication moments and titles, and which languages it has a version in
        (``has_version_<code>``, for ``Article.languages()``), but no text."""
        return self.only("id", *page_fields()).annotate(**version_flags())

    def similar_to(self, article, *, language: str | None = None, limit: int = 4):
        """Up to ``limit`` of these articles most like ``article``, ranked now (a few
        indexed queries; see ``articles.similar``). Pages read the stored ranking
        instead (``articles.similar.similar_cards``)."""
        from .similar import rank, relations

        language = language or current_language()
        ranking = rank(article, language, relations([article.pk])[article.pk], limit=0)
        ids = [pk for _score, pk in ranking]
        found = {a.pk: a for a in self.filter(pk__in=ids).select_related("category")}
        return [found[pk] for pk in ids if pk in found][:limit]

    def latest_per_category(self, per_category: int, language: str | None = None):
        """The newest ``per_category`` articles of every category, in one query."""
        newest = f"published_at_{language or current_language()}"
        return (
            self.annotate(
                rank=Window(
                    RowNumber(),
                    partition_by=F("category_id"),
                    order_by=[F(newest).desc(), F("pk").desc()],
                )
            )
            .filter(rank__lte=per_category)
            .order_by("category__position", "category_id", f"-{newest}", "-pk")
        )


def page_fields() -> list[str]:
    """The article's columns an article page's frame reads (``for_page()``)."""
    names = ["trashed_at", "category_id"]
    for code in language_codes():
        names += [f"{name}_{code}" for name in ("slug", "status", "published_at")]
        names.append(f"title_{code}")
    return names


def version_flags(prefix: str = "") -> dict:
    """``has_version_<code>`` for each language: ``exists_in_q`` as a column, for
    ``Article.languages()`` without reading the texts (``prefix`` reaches the
    article through a relation)."""
    return {
        f"has_version_{code}": ExpressionWrapper(
            exists_in_q(code, prefix), output_field=models.BooleanField()
        )
        for code in language_codes()
    }


def text_fields() -> list[str]:
    """The article's long columns: bodies, rendered bodies and notes."""
    names = ("body", "body_html", "notes_html")
    return [*names, *(f"{name}_{code}" for name in names for code in language_codes())]


def pdf_files(model) -> dict:
    """``pdf_<code>``: the stored file of each language's PDF (printing app, reached
    through its relation to the article), or None while the worker has made none."""
    pdf = model._meta.get_field("pdfs").related_model
    return {
        f"pdf_{code}": Subquery(
            pdf.objects.filter(article=OuterRef("pk"), language=code).values("file")[:1]
        )
        for code in language_codes()
    }
