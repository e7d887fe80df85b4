import datetime

import factory

from citations.models import Citation, Source


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"North Korea Says Closing Foreign Missions {n}")
    publisher = "Al Jazeera"
    url = factory.Sequence(lambda n: f"https://www.aljazeera.com/news/2023/11/3/{n}")
    language = "en"


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    article = None  # always given
    key = factory.Sequence(lambda n: n + 1)
    source = factory.SubFactory(SourceFactory)
    accessed_on = datetime.date(2023, 11, 4)
