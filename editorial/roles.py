"""What each role may do, decided on the server from permissions.

Roles are groups (made by a migration) holding these permissions:

- Author: add and change articles, but only their own, and only while every
  language version is a draft; may submit for review; cannot publish.
- Translator: ``translate_article``: edits only the fields of their languages
  (``EditorProfile.languages``) on any article outside the trash, while that
  language's version is not published; may submit it for review.
- Editor: ``edit_any_article`` and ``publish_article``: edits any article, publishes,
  unpublishes and schedules each language version.
- Admin: every permission, users included.
"""

from django.conf import settings

from articles.models import Article

Status = Article.Status
# The fields of one language version a translator may write (with ``_<code>``).
TRANSLATABLE = ("title", "slug", "summary", "body", "status")


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


def all_drafts(article) -> bool:
    return all(
        article.status_in(code) == Status.DRAFT for code, _name in settings.LANGUAGES
    )


def can_edit(user, article) -> bool:
    """May ``user`` save ``article`` (for a translator: some of its fields)?"""
    if article.is_trashed:
        return False
    if can_edit_any(user):
        return True
    if is_translator(user):
        return bool(translatable_languages(user, article))
    return (
        user.has_perm("articles.change_article")
        and is_own(user, article)
        and all_drafts(article)
    )


def translatable_languages(user, article) -> list[str]:
    """The translator's languages whose version of ``article`` is not published."""
    return [
        code
        for code in translator_languages(user)
        if article is None or article.status_in(code) != Status.PUBLISHED
    ]


def editable_fields(user, article) -> set[str] | None:
    """The article fields ``user`` may change; None for all of them."""
    if not is_translator(user):
        return None
    return {
        f"{name}_{code}"
        for name in TRANSLATABLE
        for code in translatable_languages(user, article)
    }


def allowed_statuses(user, article=None, language: str | None = None) -> list[str]:
    """The states ``user`` may give the ``language`` version of ``article`` (its
    current one included)."""
    if can_publish(user):
        return [Status.DRAFT, Status.REVIEW, Status.PUBLISHED]
    current = (
        article.status_in(language)
        if article is not None and language
        else Status.DRAFT
    )
    if is_translator(user):
        if language in translatable_languages(user, article):
            return [Status.DRAFT, Status.REVIEW]
        return [current]
    return [Status.DRAFT, Status.REVIEW]


def editable_languages(user) -> list[str]:
    if is_translator(user):
        return translator_languages(user)
    return [code for code, _name in settings.LANGUAGES]
