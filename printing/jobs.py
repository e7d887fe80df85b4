"""The worker's job that keeps each language version's PDF in step with it.

``pdfs_enqueue`` runs after every article save and trash (once the transaction
commits): one job per language, which makes the PDF of a public version whose
print page changed, and removes the PDF of a version readers can no longer see
(unpublished, emptied, trashed). A scheduled version gets its job at its
publication time. ``manage.py pdfs_refresh`` enqueues the same jobs for every
article (for PDFs of articles saved before this existed, after a source was
edited, or after a lost job); a job whose PDF is current changes nothing.
"""

import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ankasam.jobs import retry_later
from ankasam.slugs import make_slug
from articles.models import Article
from articles.querysets import language_codes
from articles.stored import pages_render
from pagecache import tags
from pagecache.versions import invalidate

from .documents import fingerprint, pdf_bytes, print_html
from .models import ArticlePdf

logger = logging.getLogger(__name__)


@task()
def pdf_make(*, article_id: int, language: str, attempt: int = 1) -> str:
    """Make, renew or remove the PDF of one language version of one article."""
    article = Article.objects.for_detail().filter(pk=article_id).first()
    current = ArticlePdf.objects.filter(
        article_id=article_id, language=language
    ).first()
    if article is None or not article.is_public(language):
        if current is None:
            return "nothing to do"
        pdf_remove(current)
        return "removed"
    html = print_html(article, language)
    made_from = fingerprint(html)
    if current is not None and current.fingerprint == made_from:
        return "done already"
    try:
        data = pdf_bytes(html)
    except Exception:
        retry_later(pdf_make, attempt, article_id=article_id, language=language)
        raise
    slug = make_slug(getattr(article, f"slug_{language}") or "")[:80] or "article"
    name = default_storage.save(
        f"pdfs/{article.pk}/{slug}-{language}-{made_from[:12]}.pdf", ContentFile(data)
    )
    old = current.file.name if current is not None else ""
    ArticlePdf.objects.update_or_create(
        article_id=article.pk,
        language=language,
        defaults={"file": name, "fingerprint": made_from, "made_at": timezone.now()},
    )
    if old and old != name:
        default_storage.delete(old)
    pages_render(article.pk)  # the page's PDF link
    invalidate({tags.article(article.pk)})
    return "made"


def pdf_remove(pdf: ArticlePdf) -> None:
    """Forget a PDF and delete its file."""
    name = pdf.file.name
    ArticlePdf.objects.filter(pk=pdf.pk).delete()
    if name:
        default_storage.delete(name)
    pages_render(pdf.article_id)
    invalidate({tags.article(pdf.article_id)})


def pdfs_enqueue(article: Article) -> None:
    """Once the transaction commits, have the worker bring each language's PDF of
    ``article`` up to date (a scheduled version's at its publication time)."""
    now = timezone.now()
    jobs = []
    for code in language_codes():
        published_at = article.published_at_in(code)
        scheduled = (
            article.status_in(code) == Article.Status.PUBLISHED
            and not article.is_trashed
            and published_at is not None
            and published_at > now
        )
        jobs.append((code, published_at if scheduled else None))

    def enqueue():
        for code, run_after in jobs:
            job = pdf_make
            if run_after is not None and job.get_backend().supports_defer:
                job = job.using(run_after=run_after)
            job.enqueue(article_id=article.pk, language=code)

    transaction.on_commit(enqueue)
