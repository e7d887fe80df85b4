"""The site's form renderer: Django's, reading the project's templates first."""

from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property


class FormRenderer(DjangoTemplates):
    """Django's default renderer, with the project's template folders in front.

    Django's renderer reads widget templates from django/forms and the apps only, so
    templates/admin/widgets/ (which make the admin's date inputs say their format)
    would never be found. Django's other way, ``TemplatesSetting``, needs
    ``django.forms`` among the installed apps and renders every form through the
    site's engine and its context processors; this keeps Django's own engine.
    """

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    *settings.TEMPLATES[0]["DIRS"],
                    Path(django.forms.__file__).parent / "templates",
                ],
                "NAME": "djangoforms",
                "OPTIONS": {
                    "libraries": {"date_formats": "ankasam.formats.templatetags"},
                },
            }
        )
