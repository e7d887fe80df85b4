import functools
import hashlib
import re

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from ankasam.slugs import fill_slugs
from citations.rendering import render as render_citations

from .querysets import ArticleQuerySet, language_codes

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
STAND_IN = "x0stand1in2x"


@functools.lru_cache(maxsize=64)
def _detail_around(language: str, prefix: str, urlconf, root: str) -> tuple[str, str]:
    with translation.override(language):
        address = reverse("articles:detail", kwargs={"slug": STAND_IN})
    before, after = address.split(STAND_IN)
    return before, after


def detail_url(language: str, slug: str) -> str:
    """The address of the article page at ``slug`` in ``language``: what
    ``reverse()`` gives, without resolving the pattern again for each card of a
    list (the slug is put where the pattern's is)."""
    if not SLUG.fullmatch(slug or ""):
        with translation.override(language):
            return reverse("articles:detail", kwargs={"slug": slug})
    before, after = _detail_around(
        language, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF
    )
    return f"{before}{slug}{after}"


class Term(models.Model):
    """A translated name with a per-language slug: the base of every taxonomy."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Address in this language; made from the name when left empty."),
    )

    url_name = ""

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name or ""

    def save(self, *args, **kwargs):
        fill_slugs(self, source="name")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse(self.url_name, kwargs={"slug": self.slug})


class Category(Term):
    """A publication type: Analysis, Expert Opinion, Interview, Report ..."""

    position = models.PositiveSmallIntegerField(
        _("position"),
        default=0,
        help_text=_("Lower numbers come first on the home page."),
    )

    url_name = "articles:category"

    class Meta(Term.Meta):
        ordering = ["position", "pk"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")


class Region(Term):
    url_name = "articles:region"

    class Meta(Term.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


class Topic(Term):
    url_name = "articles:topic"

    class Meta(Term.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


def status_constraints():
    """Each language's state is one of the three; named per language."""
    return [
        models.CheckConstraint(
            condition=models.Q(
                **{f"status_{code}__in": ["draft", "review", "published"]}
            ),
            name=f"articles_article_status_{code}_valid",
        )
        for code in language_codes()
    ]


def listing_indexes():
    """What readers' lists filter and order by, per language."""
    return [
        models.Index(
            fields=[f"status_{code}", f"-published_at_{code}"],
            name=f"articles_article_listing_{code}",
        )
        for code in language_codes()
    ]


class Article(models.Model):
    class Status(models.TextChoices):
        """The state of one language version (``status_tr``, ``status_en`` ...).

        A published version whose ``published_at`` lies ahead is scheduled.
        """

        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")

    NO_VERSION_MESSAGE = _(
        "A language needs a title and a body before it can be published."
    )
    # The fields of one language version; their changes date that version.
    CONTENT_FIELDS = ("title", "summary", "body")
    # Per-language publication state: kept in revisions, never restored from them.
    PUBLICATION_FIELDS = ("status", "published_at")

    title = models.CharField(_("title"), max_length=300, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Address in this language; made from the title when left empty."),
    )
    summary = models.TextField(
        _("summary"),
        blank=True,
        help_text=_("One or two sentences for lists, search results and shared links."),
    )
    body = models.TextField(
        _("body"),
        blank=True,
        help_text=_(
            "The text. A footnote is a marker such as [3], the marker of a citation "
            "below; use “Insert marker” next to the citation."
        ),
    )
    # Stored renderings of body and notes with numbered, linked footnotes: made on
    # save from the body and the citations, so that a page view parses nothing.
    body_html = models.TextField(editable=False, blank=True, default="")
    notes_html = models.TextField(editable=False, blank=True, default="")
    # Words of each language's body, counted on save (reading time, the admin).
    word_count = models.PositiveIntegerField(_("words"), default=0, editable=False)
    # Translated (translation.py): each language version has its own state and
    # publication time.
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        _("publication date"),
        null=True,
        blank=True,
        help_text=_(
            "Readers of this language see it from this moment on; a later moment "
            "schedules it. Left empty, publishing sets it to now."
        ),
    )
    original_language = models.CharField(
        _("original language"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_(
            "The language the article was written in; the others translate it and "
            "are marked stale when it changes. Set by the first saved version."
        ),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    featured_image = models.ForeignKey(
        "library.Image",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="featured_in",
        verbose_name=_("featured image"),
        help_text=_(
            "An image from the media library, at least 1440 pixels wide; its "
            "description and credit are written there, in each language."
        ),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        related_name="articles",
        verbose_name=_("category"),
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="articles", verbose_name=_("regions")
    )
    topics = models.ManyToManyField(
        Topic, blank=True, related_name="articles", verbose_name=_("topics")
    )
    authors = models.ManyToManyField(
        "authors.Author",
        through="ArticleAuthor",
        related_name="articles",
        verbose_name=_("authors"),
    )

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("created by"),
    )
    # Counts saves: a form opened at version n may only save over version n.
    version = models.PositiveIntegerField(_("version"), default=0, editable=False)
    # When each language's title, summary or body last changed (translated field).
    content_updated_at = models.DateTimeField(
        _("text last changed"), null=True, blank=True, editable=False
    )
    trashed_at = models.DateTimeField(
        _("moved to the trash"), null=True, blank=True, editable=False
    )
    # For each translation: a fingerprint of each original-language field as it was
    # when the translation last changed. A differing fingerprint means "stale".
    translation_basis = models.JSONField(default=dict, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        # modeltranslation reads ``published_at`` as the active language's.
        ordering = ["-published_at", "-pk"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = listing_indexes()
        constraints = [
            *status_constraints(),
            models.CheckConstraint(
                condition=models.Q(original_language="")
                | models.Q(original_language__in=[c for c, _n in settings.LANGUAGES]),
                name="articles_article_original_language_valid",
            ),
        ]
        permissions = [
            ("publish_article", _("Can publish, unpublish and schedule articles")),
            ("edit_any_article", _("Can edit articles of anyone")),
            ("translate_article", _("Can edit the translations of articles")),
        ]

    def __str__(self):
        return next(
            (t for t in (getattr(self, f"title_{c}") for c in language_codes()) if t),
            str(_("(untitled article)")),
        )

    def get_absolute_url(self, language: str | None = None):
        language = language or translation.get_language()
        return detail_url(language, getattr(self, f"slug_{language}"))

    def languages(self) -> list[str]:
        """Codes of the languages this article has a version in (title and body);
        loaded ``for_page()``, from its annotations rather than the texts."""
        if hasattr(self, f"has_version_{settings.LANGUAGE_CODE}"):
            return [c for c in language_codes() if getattr(self, f"has_version_{c}")]
        return [
            code
            for code in language_codes()
            if (getattr(self, f"title_{code}") or "").strip()
            and (getattr(self, f"body_{code}") or "").strip()
        ]

    @property
    def is_trashed(self) -> bool:
        return self.trashed_at is not None

    def status_in(self, language: str) -> str:
        return getattr(self, f"status_{language}") or self.Status.DRAFT

    def published_at_in(self, language: str):
        return getattr(self, f"published_at_{language}")

    def is_public(self, language: str, now=None) -> bool:
        """Mirrors ``ArticleQuerySet.public(language)`` for one loaded article."""
        published_at = self.published_at_in(language)
        return (
            not self.is_trashed
            and self.status_in(language) == self.Status.PUBLISHED
            and published_at is not None
            and published_at <= (now or timezone.now())
            and language in self.languages()
        )

    def public_languages(self) -> list[str]:
        """The languages a reader can read this article in right now."""
        now = timezone.now()
        return [code for code in language_codes() if self.is_public(code, now)]

    def state(self, language: str) -> str:
        """missing, draft, review, scheduled or published: one version's state."""
        if language not in self.languages():
            return "missing"
        status = self.status_in(language)
        if status == self.Status.PUBLISHED:
            published_at = self.published_at_in(language)
            if published_at and published_at > timezone.now():
                return "scheduled"
        return status

    def mark_changed_languages(self, before: dict | None, now) -> list[str]:
        """Stamp ``content_updated_at`` of each language whose text changed since
        ``before`` (the stored values, or None for a new article); a changed
        translation records the original it now translates. Returns the codes."""
        changed = []
        for code in language_codes():
            names = [f"{name}_{code}" for name in self.CONTENT_FIELDS]
            if any(
                (getattr(self, name) or "") != ((before or {}).get(name) or "")
                for name in names
            ):
                changed.append(code)
        original = self.original_language
        for code in changed:
            setattr(self, f"content_updated_at_{code}", now)
            if original and code != original:
                self.translation_basis = {
                    **self.translation_basis,
                    code: self.fingerprints(original),
                }
        return changed

    def fingerprints(self, language: str) -> dict[str, str]:
        return {
            name: hashlib.sha256(
                (getattr(self, f"{name}_{language}") or "").encode()
            ).hexdigest()[:16]
            for name in self.CONTENT_FIELDS
        }

    def stale_fields(self, language: str) -> list[str]:
        """Original-language fields changed since ``language`` was last updated."""
        original = self.original_language
        if not original or language == original or language not in self.languages():
            return []
        basis = self.translation_basis.get(language)
        if basis is None:
            return []
        current = self.fingerprints(original)
        return [
            name for name in self.CONTENT_FIELDS if basis.get(name) != current[name]
        ]

    def render_footnotes(self, citations) -> None:
        """Set each language's body and notes with numbered, linked footnotes."""
        citations = list(citations)
        for code in language_codes():
            body, notes = render_citations(
                getattr(self, f"body_{code}") or "", citations, code
            )
            setattr(self, f"body_html_{code}", body)
            setattr(self, f"notes_html_{code}", notes)

    def byline_authors(self):
        """Authors in byline order; needs ``for_listing()``'s prefetch."""
        return [link.author for link in self.byline]

    @property
    def reading_minutes(self) -> int:
        """Minutes a reader needs for this language's body, at 200 words a minute."""
        return max(1, round((self.word_count or 0) / 200))

    @property
    def was_updated(self) -> bool:
        published_at = self.published_at
        return bool(
            published_at
            and (self.updated_at - published_at).total_seconds() > 24 * 60 * 60
        )


class ArticleAuthor(models.Model):
    """An author's place in an article's byline."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        "authors.Author",
        on_delete=models.PROTECT,
        related_name="article_links",
        verbose_name=_("author"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("byline entry")
        verbose_name_plural = _("byline")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "author"], name="articles_articleauthor_unique"
            ),
        ]

    def __str__(self):
        return str(self.author)


class SimilarArticle(models.Model):
    """One place of an article's similar list in one language, ranked at save time
    (``articles.similar``). A page reads its list through the ``read`` index alone.

    Derived data with no foreign-key constraints in the database: a save writes
    the lists of other articles, and PostgreSQL's check of such a constraint locks
    the article referred to, which another editor's save may hold, while that save
    waits for this one's: a deadlock. Django's delete cascade still removes the
    rows of a deleted article, and pages join the articles they show."""

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="similar_rows",
        db_index=False,  # the read index starts with it
        db_constraint=False,
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    rank = models.PositiveSmallIntegerField()
    similar = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="listed_by", db_constraint=False
    )
    score = models.FloatField()

    class Meta:
        ordering = ["article", "language", "rank"]
        verbose_name = _("similar article")
        verbose_name_plural = _("similar articles")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language", "rank"],
                name="articles_similararticle_rank_unique",
            ),
        ]
        indexes = [
            models.Index(
                fields=["article", "language", "rank", "similar"],
                name="articles_similararticle_read",
            ),
        ]

    def __str__(self):
        return f"{self.article_id} → {self.similar_id} ({self.language} #{self.rank})"


class StoredPage(models.Model):
    """An article's page in one language, rendered when it is saved (derived data,
    written by ``articles.stored``): the whole document, head's metadata, byline,
    body, notes, corrections, cite-this and author boxes, but for the parts that
    other records change (the site's menus, the similar posts), which the page
    fills in when read."""

    article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="stored_pages"
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    document = models.TextField()
    # What the parts show, as page-cache tags (``pagecache.tags``).
    tags = models.JSONField(default=list)
    # The languages the article was public in when rendered ("tr,en"): the parts
    # link to them. Another set now (a scheduled version went live) means stale.
    languages = models.CharField(max_length=64)
    # The templates, translations and static names it was rendered with.
    version = models.CharField(max_length=64)
    # Set when a shown author, term or image changed: rendered again by the worker.
    stale = models.BooleanField(default=False)
    rendered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("stored article page")
        verbose_name_plural = _("stored article pages")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"], name="articles_storedpage_unique"
            ),
        ]

    def __str__(self):
        return f"{self.article_id} ({self.language})"


from .corrections import Correction  # noqa: E402, F401 - registers the model
