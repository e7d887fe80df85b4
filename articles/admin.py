from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from ankasam.richtext import RichTextAdminMixin
from citations.checks import check_article
from citations.forms import CitationInline, PasteFootnotesField
from citations.services import citations_import
from editorial.admin import WorkflowAdminMixin
from editorial.forms import VersionCheckMixin

from .models import Article, ArticleAuthor, Category, Region, Topic
from .querysets import language_codes
from .services import article_render


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
    verbose_name = gettext_lazy("author")
    verbose_name_plural = gettext_lazy("authors, in byline order")


class ArticleAdminForm(VersionCheckMixin, forms.ModelForm):
    paste_footnotes = PasteFootnotesField()

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - ArticleAdmin.fieldsets choose them

    def clean(self):
        cleaned = super().clean()
        image = cleaned.get("featured_image", self.instance.featured_image)
        if not image:
            return cleaned
        # Readers who cannot see the image read its description, in their language.
        for code in language_codes():
            alt = f"featured_image_alt_{code}"
            if alt not in self.fields:
                continue  # a translator's form holds only their languages
            title = cleaned.get(
                f"title_{code}", getattr(self.instance, f"title_{code}")
            )
            body = cleaned.get(f"body_{code}", getattr(self.instance, f"body_{code}"))
            if title and body and not (cleaned.get(alt) or "").strip():
                self.add_error(
                    alt,
                    _(
                        "Describe the image for readers who cannot see it "
                        "(%(language)s)."
                    )
                    % {"language": code.upper()},
                )
        return cleaned


class LanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("exists in")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in language_codes():
            return queryset.in_language(self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(WorkflowAdminMixin, RichTextAdminMixin, TabbedTranslationAdmin):
    rich_text_fields = ("body",)
    list_display = [
        "__str__",
        "category",
        "status",
        "published_at",
        "language_versions",
        "is_published",
    ]
    list_filter = [
        "status",
        LanguageFilter,
        "category",
        ("authors", admin.RelatedOnlyFieldListFilter),
        "regions",
        "topics",
        "published_at",
    ]
    list_select_related = ["category"]
    search_fields = ["title_tr", "title_en", "title_ru", "summary_tr", "summary_en"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["regions", "topics"]
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            gettext_lazy("Publication"),
            {"fields": ["status", "published_at", "category", "regions", "topics"]},
        ),
        (
            gettext_lazy("Featured image"),
            {"fields": ["featured_image", "featured_image_alt"]},
        ),
        (gettext_lazy("Footnotes"), {"fields": ["paste_footnotes"]}),
        (None, {"fields": ["version_seen"], "classes": ["hidden"]}),
    ]

    class Media:
        js = ["articles/admin/citation-markers.js"]

    def save_form(self, request, form, change):
        # The citation formset is validated after this; it reads the article form
        # from the request to check the bodies and show problems next to them.
        request._article_form = form
        return super().save_form(request, form, change)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, CitationInline):
            kwargs["request"] = request
        return kwargs

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        text = form.cleaned_data.get("paste_footnotes") or ""
        if text.strip():
            report = citations_import(article=article, text=text)
            self.message_user(
                request,
                _(
                    "%(citations)s citations added from the pasted footnotes "
                    "(%(created)s new sources, %(reused)s reused)."
                )
                % {
                    "citations": len(report.citations),
                    "created": report.sources_created,
                    "reused": report.sources_reused,
                },
                messages.SUCCESS,
            )
            for warning in report.warnings:
                self.message_user(request, warning, messages.WARNING)
        else:
            article_render(article=article)
        problems = check_article(article)
        if problems:
            self.message_user(
                request,
                _("Before this article can be published, fix its footnotes: %(list)s")
                % {"list": " ".join(problem.message for problem in problems)},
                messages.WARNING,
            )

    @admin.display(description=gettext_lazy("languages"))
    def language_versions(self, obj):
        return " ".join(code.upper() for code in obj.languages()) or "–"

    @admin.display(boolean=True, description=gettext_lazy("visible to readers"))
    def is_published(self, obj):
        return obj.is_published
