from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_front_pages(sender, using, **kwargs):
    """One front page per language, after migrate or flush (a flush empties the
    rows the migration made; a language added to LANGUAGES gets its page)."""
    from .models import FrontPage

    for code, _name in settings.LANGUAGES:
        FrontPage.objects.using(using).get_or_create(language=code)


class FrontPageConfig(AppConfig):
    name = "frontpage"
    verbose_name = _("Front page")

    def ready(self):
        post_migrate.connect(
            ensure_front_pages, sender=self, dispatch_uid="frontpage-pages"
        )
