from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from .models import Article, ArticleAuthor, Category, Region, Topic


class TermAdmin(TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_tr", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Category)
class CategoryAdmin(TermAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]


admin.site.register(Region, TermAdmin)
admin.site.register(Topic, TermAdmin)


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = _("author")
    verbose_name_plural = _("authors, in byline order")


@admin.register(Article)
class ArticleAdmin(TabbedTranslationAdmin):
    list_display = [
        "__str__",
        "category",
        "status",
        "published_at",
        "language_versions",
        "is_published",
    ]
    list_filter = ["status", "category", "regions", "topics", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title_tr", "title_en", "title_ru", "summary_tr", "summary_en"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["regions", "topics"]
    inlines = [ArticleAuthorInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "footnotes"]}),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "category", "regions", "topics"]},
        ),
        (_("Featured image"), {"fields": ["featured_image", "featured_image_alt"]}),
    ]

    @admin.display(description=_("languages"))
    def language_versions(self, obj):
        return " ".join(code.upper() for code in obj.languages()) or "–"

    @admin.display(boolean=True, description=_("visible to readers"))
    def is_published(self, obj):
        return obj.is_published
