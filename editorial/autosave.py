"""Unsaved changes of the article form, kept on the server while the editor types.

The form's script (static/editorial/autosave.js) posts its text fields every few
seconds to ``autosave_view``; the next time the member opens the same form, it offers
to restore them (``?restore=1`` fills the form with them) or to discard them. Saving
the article discards them (``editorial.services.article_save``). Nothing here
writes to the article.
"""

import datetime
import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
    JsonResponse,
)
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Autosave

NEW = "new"
MAX_CHARS = 1_000_000  # per field; the request itself is bounded by Django
KEEP_DAYS = 30  # unsaved changes nobody came back for are forgotten after this


def autosave_key(article) -> str:
    return NEW if article is None or article.pk is None else str(article.pk)


def kept_fields(form_class) -> list[str]:
    """The form's fields an autosave keeps: its text (and the version it was
    opened at, so restoring over a newer save is refused like any stale form)."""
    return [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.CharField) or name == "version_seen"
    ]


def autosave_store(*, user, key: str, fields: dict[str, str]) -> Autosave:
    autosave, _created = Autosave.objects.update_or_create(
        user=user, key=key, defaults={"fields": fields}
    )
    return autosave


def autosave_discard(*, user, keys: list[str]) -> None:
    Autosave.objects.filter(user=user, key__in=keys).delete()


def pending_autosave(*, user, article) -> Autosave | None:
    """The member's unsaved changes of this form, if newer than its last save."""
    autosave = Autosave.objects.filter(user=user, key=autosave_key(article)).first()
    if autosave is None:
        return None
    if article is not None and article.updated_at >= autosave.saved_at:
        return None
    return autosave


def autosave_purge(*, now: datetime.datetime | None = None) -> int:
    """Forget unsaved changes nobody can use any more: kept over ``KEEP_DAYS`` ago,
    older than their article's last save (the form would not offer them), or of an
    article that is gone. Returns how many were deleted."""
    from articles.models import Article

    cutoff = (now or timezone.now()) - datetime.timedelta(days=KEEP_DAYS)
    doomed = set(
        Autosave.objects.filter(saved_at__lt=cutoff).values_list("pk", flat=True)
    )
    kept = list(
        Autosave.objects.exclude(key=NEW)
        .exclude(pk__in=doomed)
        .values_list("pk", "key", "saved_at")
    )
    saved = dict(
        Article.objects.filter(
            pk__in={int(key) for _pk, key, _at in kept if key.isdigit()}
        ).values_list("pk", "updated_at")
    )
    for pk, key, saved_at in kept:
        updated_at = saved.get(int(key)) if key.isdigit() else None
        if updated_at is None or updated_at >= saved_at:
            doomed.add(pk)
    deleted, _per_model = Autosave.objects.filter(pk__in=doomed).delete()
    return deleted


def parse_payload(body: bytes, allowed: list[str]) -> dict[str, str]:
    """The posted ``{"fields": {name: text}}``; ValueError says what is wrong."""
    try:
        payload = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ValueError(_("The unsaved changes were not valid JSON.")) from None
    fields = payload.get("fields") if isinstance(payload, dict) else None
    if not isinstance(fields, dict) or not fields:
        raise ValueError(_("No fields were sent."))
    unknown = sorted(name for name in fields if name not in allowed)
    if unknown:
        raise ValueError(
            _("These are not fields of this form: %(names)s.")
            % {"names": ", ".join(unknown)[:200]}
        )
    for name, value in fields.items():
        if not isinstance(value, str) or len(value) > MAX_CHARS:
            raise ValueError(
                _("%(name)s is not text of a usable length.") % {"name": name}
            )
    return fields


class AutosaveAdminMixin:
    """Keeps, offers and restores a member's unsaved changes of the change form."""

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "autosave/<str:key>/",
                wrap(self.autosave_view),
                name="articles_article_autosave",
            ),
            path(
                "autosave/<str:key>/discard/",
                wrap(self.autosave_discard_view),
                name="articles_article_autosave_discard",
            ),
            *super().get_urls(),
        ]

    def autosave_article(self, request, key):
        """The article behind ``key`` if the member may edit it (None for new)."""
        if key == NEW:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        if not key.isdigit():
            raise Http404
        article = self.get_object(request, key)
        if article is None:
            raise Http404
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    @staticmethod
    def form_url(key):
        if key == NEW:
            return reverse("admin:articles_article_add")
        return reverse("admin:articles_article_change", args=[key])

    def autosave_view(self, request, key):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if request.content_type != "application/json":
            # A form post has had its body read already (CSRF); autosaves are JSON.
            return JsonResponse({"error": "The autosave is sent as JSON."}, status=400)
        body = request.body
        article = self.autosave_article(request, key)
        allowed = kept_fields(
            self.get_form(request, article, change=article is not None)
        )
        try:
            fields = parse_payload(body, allowed)
        except ValueError as problem:
            return JsonResponse({"error": str(problem)}, status=400)
        autosave = autosave_store(user=request.user, key=key, fields=fields)
        return JsonResponse({"saved_at": autosave.saved_at.isoformat()})

    def autosave_discard_view(self, request, key):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        self.autosave_article(request, key)
        autosave_discard(user=request.user, keys=[key])
        return HttpResponseRedirect(self.form_url(key))

    def autosave_context(self, request, article):
        key = autosave_key(article)
        pending = pending_autosave(user=request.user, article=article)
        form = self.get_form(request, article, change=article is not None)
        return {
            "autosave_fields": json.dumps(kept_fields(form)),
            "autosave_url": reverse("admin:articles_article_autosave", args=[key]),
            "autosave_discard_url": reverse(
                "admin:articles_article_autosave_discard", args=[key]
            ),
            "autosave_pending": pending,
            "autosave_restored": pending is not None and "restore" in request.GET,
        }

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if request.method != "GET" or "restore" not in request.GET:
            return form
        pending = pending_autosave(user=request.user, article=obj)
        if pending is None:
            return form
        allowed = set(kept_fields(form))
        restored = {k: v for k, v in pending.fields.items() if k in allowed}

        class RestoredForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if not self.is_bound:
                    self.initial.update(restored)

        RestoredForm.__name__ = form.__name__
        return RestoredForm

    def add_view(self, request, form_url="", extra_context=None):
        context = {**(extra_context or {}), **self.autosave_context(request, None)}
        return super().add_view(request, form_url, context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        context = extra_context or {}
        if article is not None:
            context = {**context, **self.autosave_context(request, article)}
        return super().change_view(request, object_id, form_url, context)
