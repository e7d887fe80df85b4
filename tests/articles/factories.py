import datetime

import factory
from django.utils import timezone

from articles.models import Article, ArticleAuthor, Category, Region, Topic
from articles.services import article_render
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


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published article in all three languages, by one author.

    ``languages=("tr",)`` leaves the other languages empty; ``authors=[...]`` sets the
    byline in order.
    """

    class Meta:
        model = Article
        skip_postgeneration_save = True

    class Params:
        languages = ("tr", "en", "ru")

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
    status = Article.Status.PUBLISHED
    published_at = factory.Sequence(
        lambda n: timezone.now() - datetime.timedelta(days=1, hours=n)
    )
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
        article_render(article=self)

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)
