from modeltranslation.translator import TranslationOptions, register

from .models import Article, Category, Region, Topic


class TermTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
    empty_values = {"slug": None}
    # Taxonomy is small and shown on every language's pages: name it in all three.
    required_languages = ("tr", "en", "ru")


register(Category)(type("CategoryTranslationOptions", (TermTranslationOptions,), {}))
register(Region)(type("RegionTranslationOptions", (TermTranslationOptions,), {}))
register(Topic)(type("TopicTranslationOptions", (TermTranslationOptions,), {}))


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = (
        "title",
        "slug",
        "summary",
        "body",
        "body_html",
        "notes_html",
        "word_count",
        "content_updated_at",
        # Each language version is published on its own.
        "status",
        "published_at",
    )
    empty_values = {"slug": None}
