import datetime

import factory
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Category, Region, Topic
from editorial.services import article_save
from tests.authors.factories import AuthorFactory
from tests.citations.factories import CitationFactory


class TermFactory(factory.django.DjangoModelFactory):
    name_tr = factory.Sequence(lambda n: f"Terim {n}")
    name_en = factory.Sequence(lambda n: f"Term {n}")
    name_ru = factory.Sequence(lambda n: f"Термин {n}")


class CategoryFactory(TermFactory):
    class Meta:
        model = Category

    name_tr = factory.Sequence(lambda n: f"Analiz {n}")
    name_en = factory.Sequence(lambda n: f"Analysis {n}")
    name_ru = factory.Sequence(lambda n: f"Анализ {n}")


class RegionFactory(TermFactory):
    class Meta:
        model = Region


class TopicFactory(TermFactory):
    class Meta:
        model = Topic


def state_of(language: str):
    """Each filled language gets the factory's ``status`` and ``published_at``."""

    def value(o):
        return o.status if language in o.languages else Article.Status.DRAFT

    return factory.LazyAttribute(value)


def date_of(language: str):
    return factory.LazyAttribute(
        lambda o: o.published_at if language in o.languages else None
    )


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article in all three languages, by one author, saved through the
    write path (``editorial.services.article_save``) once its relations are made.

    ``languages=("tr",)`` leaves the other languages empty; ``authors=[...]`` sets the
    byline in order; ``status`` and ``published_at`` apply to every filled language
    (set ``status_en`` ... to differ).
    """

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        languages = ("tr", "en", "ru")
        status = Article.Status.PUBLISHED
        published_at = factory.Sequence(
            lambda n: timezone.now() - datetime.timedelta(days=1, hours=n)
        )

    title_tr = factory.LazyAttributeSequence(
        lambda o, n: f"Işık ve Gölge {n}" if "tr" in o.languages else ""
    )
    title_en = factory.LazyAttributeSequence(
        lambda o, n: f"Light and Shadow {n}" if "en" in o.languages else ""
    )
    title_ru = factory.LazyAttributeSequence(
        lambda o, n: f"Свет и тень {n}" if "ru" in o.languages else ""
    )
    summary_tr = factory.LazyAttribute(
        lambda o: "Türkçe özet." if "tr" in o.languages else ""
    )
    summary_en = factory.LazyAttribute(
        lambda o: "English summary." if "en" in o.languages else ""
    )
    summary_ru = factory.LazyAttribute(
        lambda o: "Краткое описание." if "ru" in o.languages else ""
    )
    body_tr = factory.LazyAttribute(
        lambda o: "<p>Türkçe metin.[1]</p>" if "tr" in o.languages else ""
    )
    body_en = factory.LazyAttribute(
        lambda o: "<p>English text.[1]</p>" if "en" in o.languages else ""
    )
    body_ru = factory.LazyAttribute(
        lambda o: "<p>Русский текст.[1]</p>" if "ru" in o.languages else ""
    )
    status_tr = state_of("tr")
    status_en = state_of("en")
    status_ru = state_of("ru")
    published_at_tr = date_of("tr")
    published_at_en = date_of("en")
    published_at_ru = date_of("ru")
    category = factory.SubFactory(CategoryFactory)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if not create:
            return
        authors = extracted if extracted is not None else [AuthorFactory()]
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=self, author=author, position=position)
            for position, author in enumerate(authors)
        )

    @factory.post_generation
    def citations(self, create, extracted, **kwargs):
        """One web citation for the bodies' [1] unless given: ``citations=[...]``.

        Each item is a dict of Citation fields; ``key`` defaults to its position.
        """
        if not create:
            return
        items = extracted if extracted is not None else [{}]
        for position, fields in enumerate(items, start=1):
            CitationFactory(article=self, **{"key": position, **fields})

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            # Sanitize, slugs, rendering, search entries, cache, first revision. A
            # fixture may be published with footnote problems on purpose.
            article_save(article=instance, check_publication=False)
