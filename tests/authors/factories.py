import factory

from authors.models import Author


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Yazar {n} Işıkoğlu")
    role_tr = "Araştırma Asistanı"
    role_en = "Research Assistant"
    role_ru = "Научный сотрудник"
    bio_tr = "<p>Türkçe biyografi.</p>"
    bio_en = "<p>English biography.</p>"
    bio_ru = "<p>Биография на русском.</p>"
