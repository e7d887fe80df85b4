"""The page write path: the admin (form, list edits, deletes), the demo loader and
revision restore call these functions; each one is atomic.

``page_save`` runs, in this order: sanitize every body, the publication check of
each published language (``publication_problems``, which the form asks too),
slugs per language, the row, redirects from the old
address of each public version whose slug changed, the revision, and the end of
the cached pages showing it (every page's navigation when its title, address,
state, place or order changed).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ankasam.html import sanitize_html
from ankasam.slugs import fill_slugs
from articles.querysets import language_codes
from pagecache import tags
from pagecache.versions import invalidate
from redirects.services import redirects_slug_changed

from .models import Page, PageRevision


def publication_problems(page: Page) -> list[str]:
    """The one check of "may these languages be published": a title and a body."""
    return [
        _("The %(language)s version needs a title and a body to be published.")
        % {"language": code.upper()}
        for code in language_codes()
        if getattr(page, f"status_{code}") == Page.Status.PUBLISHED
        and not page.has_version(code)
    ]


def snapshot(page: Page) -> dict:
    """What a revision keeps: every language's content fields."""
    return {
        f"{name}_{code}": getattr(page, f"{name}_{code}") or ""
        for name in Page.CONTENT_FIELDS
        for code in language_codes()
    }


def page_prepare(page: Page) -> None:
    """Sanitize every body and make a missing state a draft, as a save will: the
    form checks what will be stored, so that a body of nothing but refused markup
    is refused there, with the text kept."""
    for code in language_codes():
        body = getattr(page, f"body_{code}") or ""
        setattr(page, f"body_{code}", sanitize_html(body))
        if not getattr(page, f"status_{code}"):
            setattr(page, f"status_{code}", Page.Status.DRAFT)


@transaction.atomic
def page_save(*, page: Page, user=None) -> Page:
    """Save ``page`` as it is set now; raises ``ValidationError`` (nothing written)
    when a published language has no title or body."""
    page_prepare(page)
    problems = publication_problems(page)
    if problems:
        raise ValidationError(problems)
    fill_slugs(page, source="title")
    stored = Page.objects.filter(pk=page.pk).first() if page.pk else None
    page.save()
    if stored is not None:
        redirects_slug_changed(
            kind="page",
            url_name="pages:detail",
            before={code: getattr(stored, f"slug_{code}") for code in language_codes()},
            after={code: getattr(page, f"slug_{code}") for code in language_codes()},
            languages=stored.public_languages(),
        )
    data = snapshot(page)
    last = page.revisions.order_by("-created_at", "-pk").first()
    if last is None or last.data != data:
        PageRevision.objects.create(page=page, created_by=user, data=data)
    names = {tags.page(page.pk), tags.SITEMAP}
    if stored is None or shown_in_navigation(stored) != shown_in_navigation(page):
        names.add(tags.NAVIGATION)
    invalidate(names)
    return page


def shown_in_navigation(page: Page) -> tuple:
    """What the menu and footer of every page show of ``page``."""
    return (
        page.placement,
        page.position,
        *(
            getattr(page, f"{name}_{code}")
            for name in ("title", "slug", "status")
            for code in language_codes()
        ),
    )


@transaction.atomic
def page_delete(*, page: Page) -> None:
    """Delete ``page`` (its revisions with it); readers see it gone at once."""
    pk = page.pk
    page.delete()
    invalidate({tags.page(pk), tags.SITEMAP, tags.NAVIGATION})


@transaction.atomic
def page_revision_restore(*, revision: PageRevision, user) -> Page:
    """Put the page's texts back as ``revision`` has them, as a new revision.

    Each language's publication state is not restored: a language whose restored
    version has no title or body is taken back to draft rather than refused.
    """
    page = Page.objects.select_for_update().get(pk=revision.page_id)
    for name, value in revision.data.items():
        setattr(page, name, value or (None if name.startswith("slug_") else ""))
    for code in language_codes():
        if not page.has_version(code):
            setattr(page, f"status_{code}", Page.Status.DRAFT)
    return page_save(page=page, user=user)
