from django.conf import settings

from .models import ImportedPost


class OldSlugConverter:
    """A slug some imported post had in WordPress, its article public here."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        slug = value.lower()
        if not ImportedPost.objects.redirectable().filter(slug=slug).exists():
            raise ValueError(value)
        return slug

    def to_url(self, value: str) -> str:
        return value


class LanguageConverter:
    regex = "|".join(code for code, _name in settings.LANGUAGES)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
