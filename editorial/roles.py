"""What each role may do, decided on the server from permissions.

Roles are groups (made by a migration) holding these permissions:

- Author: add and change articles, but only their own, and only while a draft;
  may submit for review; cannot publish.
- Translator: ``translate_article``: edits only the fields of their languages
  (``EditorProfile.languages``), on any article that is not in the trash.
- Editor: ``edit_any_article`` and ``publish_article``: edits any article, publishes,
  unpublishes and schedules.
- Admin: every permission, users included.
"""

from django.conf import settings

from articles.models import Article

Status = Article.Status


def can_publish(user) -> bool:
    return user.has_perm("articles.publish_article")


def can_edit_any(user) -> bool:
    return user.has_perm("articles.edit_any_article")


def is_translator(user) -> bool:
    return user.has_perm("articles.translate_article") and not can_edit_any(user)


def translator_languages(user) -> list[str]:
    profile = getattr(user, "editorial_profile", None)
    codes = {code for code, _name in settings.LANGUAGES}
    return [code for code in (profile.languages if profile else []) if code in codes]


def is_own(user, article) -> bool:
    return article.created_by_id == user.pk


def can_edit(user, article) -> bool:
    """May ``user`` save ``article`` (for a translator: some of its fields)?"""
    if article.status == Status.TRASHED:
        return False
    if can_edit_any(user):
        return True
    if is_translator(user):
        return bool(translator_languages(user))
    return (
        user.has_perm("articles.change_article")
        and is_own(user, article)
        and article.status == Status.DRAFT
    )


def allowed_statuses(user, article=None) -> list[str]:
    """The statuses ``user`` may give ``article`` (its current one included)."""
    if can_publish(user):
        return [Status.DRAFT, Status.REVIEW, Status.PUBLISHED]
    current = article.status if article is not None else Status.DRAFT
    if is_translator(user):
        return [current]
    return [Status.DRAFT, Status.REVIEW]


def editable_languages(user) -> list[str]:
    if is_translator(user):
        return translator_languages(user)
    return [code for code, _name in settings.LANGUAGES]
