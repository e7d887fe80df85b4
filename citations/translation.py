from modeltranslation.translator import TranslationOptions, register

from .models import Citation


@register(Citation)
class CitationTranslationOptions(TranslationOptions):
    fields = ("note",)
