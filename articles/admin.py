from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import construct_change_message
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TabbedTranslationAdmin

from ankasam.admin_ids import CheckedIdsAdminMixin
from ankasam.richtext import RichTextAdminMixin
from citations.checks import check
from citations.forms import (
    CitationFormSet,
    CitationInline,
    PasteFootnotesField,
    pasted_rows,
)
from citations.models import Citation
from editorial.admin import WorkflowAdminMixin
from editorial.autosave import AutosaveAdminMixin
from editorial.forms import VersionCheckMixin
from editorial.publication import publication_problems
from editorial.services import PublicationRefused, StaleArticle, article_save
from editorial.snapshots import citation_fields
from editorial.translation_status import STATE_LABELS

from .corrections import Correction
from .corrections_admin import CorrectionInline, corrections_of
from .models import Article, ArticleAuthor, Category, Region, Topic
from .querysets import language_codes
from .services import term_save


class TermAdmin(CheckedIdsAdminMixin, TabbedTranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_tr", "name_en", "name_ru"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        term_save(term=obj)


@admin.register(Category)
class CategoryAdmin(TermAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]


admin.site.register(Region, TermAdmin)
admin.site.register(Topic, TermAdmin)


class ArticleAuthorForm(forms.ModelForm):
    def has_changed(self):
        # A new article's first row starts with the member's own author: kept as
        # offered, it is still the byline.
        offered = self.instance.pk is None and self.initial.get("author")
        return super().has_changed() or bool(
            offered and self.data.get(self.add_prefix("author"))
        )


class ArticleAuthorInline(CheckedIdsAdminMixin, admin.TabularInline):
    model = ArticleAuthor
    form = ArticleAuthorForm
    extra = 1
    autocomplete_fields = ["author"]
    verbose_name = gettext_lazy("author")
    verbose_name_plural = gettext_lazy("authors, in byline order")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        own = getattr(request.user, "author", None) if obj is None else None
        if own is None:
            return formset

        class OwnBylineFormSet(formset):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("initial", [{"author": own.pk, "position": 0}])
                super().__init__(*args, **kwargs)

        return OwnBylineFormSet


class ArticleAdminForm(VersionCheckMixin, forms.ModelForm):
    paste_footnotes = PasteFootnotesField()

    class Meta:
        model = Article
        fields = "__all__"  # noqa: DJ007 - ArticleAdmin.fieldsets choose them


class ArticleCitationFormSet(CitationFormSet):
    """Checks the citations against the bodies as this form will save them.

    The article form is validated before its formsets, so ``self.instance`` holds
    the typed bodies and states by now. A language that is (or becomes) published
    with footnote problems refuses the save, so nothing typed is lost; a draft is
    saved and its problems listed.
    """

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        article = self.instance
        rows = self.rows()
        taken = {row.key for row in rows}
        pasted, clashes = pasted_rows(self.data.get("paste_footnotes", ""), taken)
        if clashes:
            raise ValidationError(
                _("These markers already have citations: %(markers)s.")
                % {"markers": " ".join(f"[{key}]" for key in clashes)}
            )
        original = article.original_language or next(iter(article.languages()), "")
        problems = check(
            bodies={
                code: getattr(article, f"body_{code}") for code in article.languages()
            },
            citations=rows + pasted,
            original=original,
        )
        refusals = []
        stored = stored_states(article)
        for code in language_codes():
            if article.status_in(code) != Article.Status.PUBLISHED:
                continue
            if code not in article.languages() and stored.get(code) == "published":
                continue  # an emptied published version is taken down on save
            refusals += publication_problems(
                article=article, language=code, footnote_problems=problems
            )
        for row in rows:  # show a row's own problem next to it too
            for problem in problems:
                if problem.key == row.key and problem.field == "accessed_on":
                    row.form.add_error("accessed_on", problem.message)
        if refusals:
            raise ValidationError(
                [
                    _("This article cannot be published until these are fixed:"),
                    *dict.fromkeys(refusals),
                ]
            )


def stored_states(article) -> dict[str, str]:
    """Each language's state as stored (empty for a new article)."""
    if article.pk is None:
        return {}
    row = (
        Article.objects.filter(pk=article.pk)
        .values(*(f"status_{code}" for code in language_codes()))
        .first()
    ) or {}
    return {code: row.get(f"status_{code}") for code in language_codes()}


class ArticleCitationInline(CheckedIdsAdminMixin, CitationInline):
    formset = ArticleCitationFormSet


def byline_of(formset) -> list | None:
    """The authors of a byline formset in order (None without the formset)."""
    if formset is None:
        return None
    rows = [
        (form.cleaned_data.get("position") or 0, index, form.cleaned_data["author"])
        for index, form in enumerate(formset.forms)
        if getattr(form, "cleaned_data", None)
        and form.cleaned_data.get("author")
        and not form.cleaned_data.get("DELETE")
    ]
    return [author for _position, _index, author in sorted(rows, key=lambda r: r[:2])]


def citations_of(formset) -> list[dict] | None:
    """The citation formset's rows as Citation field values (None without it)."""
    if formset is None:
        return None
    fields = citation_fields()
    rows = []
    for form in formset.live_forms():
        row = {"id": form.instance.pk}
        for field in fields:
            if field.name not in form.cleaned_data:
                continue
            value = form.cleaned_data[field.name]
            row[field.attname] = (
                getattr(value, "pk", value) if field.is_relation else value
            )
        rows.append(row)
    return rows


class LanguageFilter(admin.SimpleListFilter):
    title = gettext_lazy("exists in")
    parameter_name = "language"

    def lookups(self, request, model_admin):
        return [(code, name) for code, name in settings.LANGUAGES]

    def queryset(self, request, queryset):
        if self.value() in language_codes():
            return queryset.in_language(self.value())
        return queryset


class StateFilter(admin.SimpleListFilter):
    """Articles with a language version in a state: the review queue is ``review``."""

    title = gettext_lazy("a language version is")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("published", _("Published")),
        ]

    def queryset(self, request, queryset):
        if self.value() in {value for value, _label in self.lookup_choices}:
            return queryset.in_state(self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(
    CheckedIdsAdminMixin,
    AutosaveAdminMixin,
    WorkflowAdminMixin,
    RichTextAdminMixin,
    TabbedTranslationAdmin,
):
    rich_text_fields = ("body",)
    figure_fields = ("body",)
    list_display = [
        "__str__",
        "category",
        "language_states",
        "created_at",
        "public_versions",
    ]
    list_filter = [
        StateFilter,
        LanguageFilter,
        "category",
        ("authors", admin.RelatedOnlyFieldListFilter),
        "regions",
        "topics",
        "created_at",
    ]
    list_select_related = ["category"]
    # Each language has its own publication date: the workspace lists newest first.
    ordering = ["-created_at", "-pk"]
    search_fields = ["title_tr", "title_en", "title_ru", "summary_tr", "summary_en"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["regions", "topics", "featured_image"]
    form = ArticleAdminForm
    view_on_site = False  # one link per language instead (change_form.html)
    inlines = [ArticleAuthorInline, ArticleCitationInline, CorrectionInline]
    # Counted on save, shown in each language's tab.
    readonly_fields = [f"word_count_{code}" for code, _name in settings.LANGUAGES]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "word_count"]}),
        (
            gettext_lazy("Publication"),
            {
                "fields": [
                    "status",
                    "published_at",
                    "original_language",
                    "category",
                    "regions",
                    "topics",
                ]
            },
        ),
        (
            gettext_lazy("Featured image"),
            {"fields": ["featured_image"]},
        ),
        (gettext_lazy("Footnotes"), {"fields": ["paste_footnotes"]}),
        (None, {"fields": ["version_seen"], "classes": ["hidden"]}),
    ]

    class Media:
        js = ["articles/admin/citation-markers.js", "editorial/autosave.js"]
        css = {"all": ["editorial/article-form.css", "library/admin/figure.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(field, "widget", None)
        if isinstance(widget, forms.MultiWidget) and "class" in widget.attrs:
            # modeltranslation puts its classes on the date-and-time pair, which
            # hands them to both inputs in place of the admin's vDateField and
            # vTimeField: the calendar and the clock need those.
            extra = widget.attrs.pop("class")
            for part in widget.widgets:
                part.attrs["class"] = f"{part.attrs.get('class', '')} {extra}".strip()
        return field

    # --- saving: the form becomes one call of the write path --------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleArticle:
            # Another save won the race after this form was validated: validate it
            # again, now against the winner's version, which refuses it with what
            # changed and keeps everything typed.
            return super().changeform_view(request, object_id, form_url, extra_context)
        except PublicationRefused as refused:
            for message in refused.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request, obj, form, change):
        """Nothing here: ``save_related`` saves the article and its relations in
        one call of ``editorial.services.article_save``."""

    def save_related(self, request, form, formsets, change):
        data = form.cleaned_data
        by_model = {formset.model: formset for formset in formsets}
        result = article_save(
            article=form.instance,
            user=request.user,
            expected_version=data.get("version_seen"),
            regions=data.get("regions"),
            topics=data.get("topics"),
            byline=byline_of(by_model.get(ArticleAuthor)),
            citations=citations_of(by_model.get(Citation)),
            paste=data.get("paste_footnotes") or "",
            corrections=corrections_of(by_model.get(Correction)),
        )
        if result.pasted is not None:
            self.message_user(
                request,
                _(
                    "%(citations)s citations added from the pasted footnotes "
                    "(%(created)s new sources, %(reused)s reused)."
                )
                % {
                    "citations": len(result.pasted.citations),
                    "created": result.pasted.sources_created,
                    "reused": result.pasted.sources_reused,
                },
                messages.SUCCESS,
            )
            for warning in result.pasted.warnings:
                self.message_user(request, warning, messages.WARNING)
        if result.problems:
            self.message_user(
                request,
                _("Before this article can be published, fix its footnotes: %(list)s")
                % {"list": " ".join(problem.message for problem in result.problems)},
                messages.WARNING,
            )

    def construct_change_message(self, request, form, formsets, add=False):
        # The revision records every change; the admin log names the form's fields.
        return construct_change_message(form, [], add)

    @admin.display(description=gettext_lazy("languages"))
    def language_states(self, obj):
        labels = dict(STATE_LABELS)
        return (
            " · ".join(
                f"{code.upper()} {labels[obj.state(code)]}" for code in obj.languages()
            )
            or "–"
        )

    @admin.display(description=gettext_lazy("visible to readers"))
    def public_versions(self, obj):
        return " ".join(code.upper() for code in obj.public_languages()) or "–"
