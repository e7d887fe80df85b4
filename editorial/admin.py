"""The editorial workspace in the admin: roles, workflow, history, trash."""

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.translator import translator

from ankasam.admin_ids import CheckedIdsAdminMixin
from articles.models import Article
from articles.querysets import language_codes

from . import roles
from .forms import EditorProfileForm
from .models import EditorProfile, Revision
from .preview import preview_url
from .services import (
    TRASH_DAYS,
    PublicationRefused,
    StaleArticle,
    article_publish,
    article_submit,
    article_trash,
    article_unpublish,
    article_untrash,
    revision_restore,
)
from .snapshots import diff
from .translation_status import status_table


class WorkflowAdminMixin:
    """Role rules, per-language states, history, trash and dashboards for the
    article admin. Every write goes through ``editorial.services``."""

    actions = ["submit_for_review", "move_to_trash"]

    # --- what each role sees and may change ---------------------------------------

    def get_queryset(self, request):
        queryset = super().get_queryset(request).untrashed()
        user = request.user
        if roles.can_edit_any(user) or roles.is_translator(user):
            return queryset
        return queryset.filter(created_by=user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or roles.can_edit(request.user, obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and roles.can_edit_any(
            request.user
        )

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # deleting goes through the trash
        if roles.can_publish(request.user):
            for code, name in settings.LANGUAGES:
                for verb, label in (
                    ("publish", gettext_lazy("Publish the %(language)s version")),
                    ("unpublish", gettext_lazy("Unpublish the %(language)s version")),
                ):
                    action = language_action(verb, code)
                    description = label % {"language": _(name)}
                    actions[action.__name__] = (action, action.__name__, description)
        return actions

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        allowed = roles.editable_fields(request.user, obj)
        if allowed is not None:
            # modeltranslation shows a translated field through its language
            # fields; naming the untranslated one here would hide them all.
            translated = set(translator.get_options_for_model(Article).fields)
            readonly += [
                f.name
                for f in Article._meta.get_fields()
                if getattr(f, "editable", False)
                and f.name not in translated
                and f.name not in allowed
            ]
        elif not roles.can_edit_any(request.user):
            readonly.append("original_language")  # an editor's decision
        return readonly

    def get_prepopulated_fields(self, request, obj=None):
        if roles.is_translator(request.user):
            return {}  # slugs are filled on save from each language's title
        return super().get_prepopulated_fields(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if roles.is_translator(request.user):
            return [
                (
                    name,
                    {
                        **options,
                        "fields": [
                            f for f in options["fields"] if f != "paste_footnotes"
                        ],
                    },
                )
                for name, options in fieldsets
            ]
        return fieldsets

    def get_inline_instances(self, request, obj=None):
        if roles.is_translator(request.user):
            return []  # byline and citations are shared by all languages: not theirs
        return super().get_inline_instances(request, obj)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        for code in language_codes():
            field = form.base_fields.get(f"status_{code}")
            if field is None:
                continue
            allowed = roles.allowed_statuses(request.user, obj, code)
            field.choices = [
                (value, label)
                for value, label in Article.Status.choices
                if value in allowed
            ]
        return form

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        links = (
            [(code, preview_url(article, code)) for code in article.languages()]
            if article is not None
            else []
        )
        # Each written language: its public page, or that it is not public yet.
        public = article.public_languages() if article is not None else []
        site_links = [
            (code, article.get_absolute_url(code) if code in public else None)
            for code in (article.languages() if article is not None else [])
        ]
        extra_context = {
            **(extra_context or {}),
            "preview_links": links,
            "site_links": site_links,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_model(self, request, obj):
        article_trash(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            article_trash(article=article, user=request.user)

    # --- bulk actions ---------------------------------------------------------------

    def change_each(self, request, queryset, change) -> None:
        """``change(article)`` for each selected article; refusals are reported."""
        done, refused = 0, []
        for article in queryset:
            try:
                if change(article):
                    done += 1
            except (PermissionDenied, ValidationError) as error:
                reasons = getattr(error, "messages", [str(error)])
                refused.append(f"{article}: {' '.join(reasons)}")
        if done:
            self.message_user(
                request,
                _("%(count)s articles changed.") % {"count": done},
                messages.SUCCESS,
            )
        for reason in refused:
            self.message_user(request, reason, messages.ERROR)

    @admin.action(description=gettext_lazy("Submit the drafts for review"))
    def submit_for_review(self, request, queryset):
        def submit(article):
            drafts = [
                code
                for code in article.languages()
                if article.status_in(code) == Article.Status.DRAFT
                and code in roles.editable_languages(request.user)
            ]
            return [
                article_submit(article=article, language=code, user=request.user)
                for code in drafts
            ]

        self.change_each(request, queryset, submit)

    @admin.action(description=gettext_lazy("Move to the trash"), permissions=["delete"])
    def move_to_trash(self, request, queryset):
        self.delete_queryset(request, queryset)
        self.message_user(
            request,
            _("Moved to the trash; they can be restored for %(days)s days.")
            % {"days": TRASH_DAYS},
            messages.SUCCESS,
        )

    # --- history, trash and dashboards ------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/revisions/<int:number>/",
                wrap(self.revision_view),
                name="articles_article_revision",
            ),
            path(
                "<int:pk>/revisions/<int:number>/restore/",
                wrap(self.revision_restore_view),
                name="articles_article_revision_restore",
            ),
            path("trash/", wrap(self.trash_view), name="articles_article_trash"),
            path(
                "translations/",
                wrap(self.translations_view),
                name="articles_article_translations",
            ),
            *super().get_urls(),
        ]

    def history_view(self, request, object_id, extra_context=None):
        # get_object() answers None, not a ValueError, for an id that is no number.
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404(_("No article found at this address."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("History of “%(article)s”") % {"article": article},
            "article": article,
            "revisions": article.revisions.select_related("created_by"),
            "transitions": article.transitions.select_related("created_by"),
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/editorial/history.html", context)

    def revision_view(self, request, pk, number):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        revision = get_object_or_404(Revision, article=article, number=number)
        against_number = request.GET.get("against")
        against = (
            article.revisions.filter(number=against_number).first()
            if against_number and against_number.isdecimal()  # "²" is a digit
            else article.revisions.filter(number__lt=number).order_by("-number").first()
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Version %(number)s of “%(article)s”")
            % {"number": number, "article": article},
            "article": article,
            "revision": revision,
            "against": against,
            "rows": diff(against.data if against else {}, revision.data),
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/editorial/revision.html", context)

    def revision_restore_view(self, request, pk, number):
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, article):
            raise PermissionDenied
        if roles.is_translator(request.user):
            raise PermissionDenied  # a restore touches every language
        revision = get_object_or_404(Revision, article=article, number=number)
        try:
            revision_restore(revision=revision, user=request.user)
        except (PublicationRefused, StaleArticle) as refused:
            reasons = getattr(refused, "messages", [str(refused)])
            self.message_user(
                request,
                _("Version %(number)s was not restored: %(reasons)s")
                % {"number": number, "reasons": " ".join(reasons)},
                messages.ERROR,
            )
        else:
            self.message_user(
                request,
                _("Version %(number)s was restored as a new version.")
                % {"number": number},
                messages.SUCCESS,
            )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def trash_view(self, request):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        trashed = Article.objects.trashed().order_by("-trashed_at")
        if request.method == "POST":
            try:
                pk = Article._meta.pk.to_python(request.POST.get("article"))
            except ValidationError as error:
                raise BadRequest("the article to restore is not an id") from error
            article = get_object_or_404(trashed, pk=pk)
            try:
                article_untrash(article=article, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("“%(article)s” is back, as a draft.") % {"article": article},
                    messages.SUCCESS,
                )
            return redirect(reverse("admin:articles_article_trash"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Trash"),
            "articles": trashed,
            "days": TRASH_DAYS,
        }
        return TemplateResponse(request, "admin/editorial/trash.html", context)

    def translations_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        languages = roles.editable_languages(request.user)
        language = request.GET.get("language") or (
            languages[0] if roles.is_translator(request.user) else ""
        )
        status = request.GET.get("status", "")
        table = status_table(
            self.get_queryset(request), language=language or None, status=status or None
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Translation status"),
            "table": table,
            "language": language,
            "status": status,
            "languages": table.languages,
            "statuses": table.STATUSES,
        }
        return TemplateResponse(request, "admin/editorial/translations.html", context)


class EditorProfileInline(admin.StackedInline):
    model = EditorProfile
    form = EditorProfileForm
    can_delete = False
    verbose_name_plural = gettext_lazy("editorial profile")


User = get_user_model()
if admin.site.is_registered(User):
    admin.site.unregister(User)


@admin.register(User)
class EditorialUserAdmin(CheckedIdsAdminMixin, UserAdmin):
    inlines = [EditorProfileInline]


# The roles are groups; Django's own admin for them gets the id checks too.
if admin.site.is_registered(Group):
    admin.site.unregister(Group)


@admin.register(Group)
class RoleGroupAdmin(CheckedIdsAdminMixin, GroupAdmin):
    pass


def language_action(verb: str, language: str):
    """The bulk action that publishes or unpublishes one language version."""
    service = {"publish": article_publish, "unpublish": article_unpublish}[verb]

    def action(modeladmin, request, queryset):
        modeladmin.change_each(
            request,
            queryset,
            lambda article: service(
                article=article, language=language, user=request.user
            ),
        )

    action.__name__ = f"{verb}_{language}"
    return action
