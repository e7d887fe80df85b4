import factory

from pages.models import Page
from pages.services import page_save


class PageFactory(factory.django.DjangoModelFactory):
    """A page published in Turkish and English (Russian left empty), in the footer,
    saved through ``pages.services.page_save``."""

    class Meta:
        model = Page
        skip_postgeneration_save = True

    title_tr = factory.Sequence(lambda n: f"Hakkımızda {n}")
    title_en = factory.Sequence(lambda n: f"About us {n}")
    body_tr = "<p>Enstitü İstanbul’da.</p>"
    body_en = "<p>The institute is in Ankara.</p>"
    status_tr = Page.Status.PUBLISHED
    status_en = Page.Status.PUBLISHED
    placement = Page.Placement.FOOTER

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return page_save(page=model_class(*args, **kwargs))
