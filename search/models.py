from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntryQuerySet(models.QuerySet):
    def newest_first(self):
        """Entries with a publication time (published or scheduled versions), newest
        first: with a language, the walk of ``search_searchentry_newest``."""
        return self.filter(published_at__isnull=False).order_by(
            "-published_at", "-article_id"
        )


class SearchEntry(models.Model):
    """One language version of an article as search sees it: plain text and tokens.

    Rows exist for every language version, published or not; queries keep only
    ``Article.objects.public(language)``, so a scheduled article is found from its
    publication time on without reindexing. The ``*_terms`` columns hold the tokens
    of ``stemming`` (words, stems, Latin spellings of Cyrillic), the same on every
    database. On PostgreSQL ``vector`` holds them as a weighted tsvector (title A,
    summary B, body C) with a GIN index; on SQLite it stays empty and the FTS5 table
    ``search_searchentry_fts`` (``SearchIndex``) indexes the same columns.
    """

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="search_entries",
        verbose_name=_("article"),
    )
    language = models.CharField(_("language"), max_length=8)
    title = models.TextField(_("title"))
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body as plain text"), blank=True)
    title_terms = models.TextField(editable=False)
    summary_terms = models.TextField(editable=False, blank=True)
    body_terms = models.TextField(editable=False, blank=True)
    vector = SearchVectorField(null=True, editable=False)
    # The version's publication time while its status is published (a future one:
    # scheduled), else empty; written with the rest of the entry. Searches keep the
    # entries whose time has passed and rank the newest matches (``query``).
    published_at = models.DateTimeField(null=True, editable=False)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        ordering = ["article", "language"]
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="search_searchentry_unique"
            ),
        ]
        indexes = [
            # A language's entries newest first: the walk of a broad search.
            models.Index(
                fields=["language", "-published_at", "-article_id"],
                name="search_searchentry_newest",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"


class MatchField(models.TextField):
    """The hidden column that an FTS5 table has under its own name: what ``MATCH``
    and ``bm25()`` take."""


@MatchField.register_lookup
class Match(models.Lookup):
    """``document__match="…"``: the FTS5 query syntax, built by ``query.fts_query``
    from tokens only, never from what a reader typed."""

    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", [*lhs_params, *rhs_params]


class SearchIndex(models.Model):
    """SQLite only: the FTS5 table over the entries' ``*_terms`` (external content,
    row id = entry id), kept in step by triggers on ``search_searchentry`` (migration
    0002). Never queried on PostgreSQL, which has ``SearchEntry.vector`` instead."""

    entry = models.OneToOneField(
        SearchEntry,
        primary_key=True,
        db_column="rowid",
        on_delete=models.DO_NOTHING,
        related_name="fts",
    )
    document = MatchField(db_column="search_searchentry_fts")

    class Meta:
        managed = False
        db_table = "search_searchentry_fts"
        ordering = ["entry"]
        verbose_name = _("full-text index row")
        verbose_name_plural = _("full-text index rows")

    def __str__(self):
        return str(self.entry_id)
