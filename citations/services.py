"""Writes that touch sources and citations together."""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from articles.services import article_render

from .models import Citation, Source
from .parser import ParsedNote, parse_footnotes


class ImportRefused(Exception):
    """The pasted list cannot be imported as it is; ``problems`` says why."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass
class ImportReport:
    citations: list[Citation] = field(default_factory=list)
    sources_created: int = 0
    sources_reused: int = 0
    warnings: list[str] = field(default_factory=list)


def source_for(note: ParsedNote, report: ImportReport) -> Source:
    """The source with the note's address (or title and outlet), made if missing."""
    if note.url:
        existing = Source.objects.filter(url=note.url).first()
    else:
        existing = Source.objects.filter(
            url="", title=note.title, publisher=note.publisher
        ).first()
    if existing is not None:
        report.sources_reused += 1
        return existing
    report.sources_created += 1
    source = Source(
        title=note.title, authors=note.authors, publisher=note.publisher, url=note.url
    )
    source.full_clean()
    source.save()
    return source


@transaction.atomic
def citations_import(*, article, text: str) -> ImportReport:
    """Turn a pasted footnote list into citations of ``article`` (all or nothing).

    Note numbers become the citations' markers, so a body that already says [1]..[7]
    is footnoted once the article is rendered (``editorial.services.article_save``
    does both). Ibid notes cite the source of the note before them.
    """
    taken = set(article.citations.values_list("key", flat=True))
    parsed = parse_footnotes(text, taken=taken)
    problems = list(parsed.errors)
    clashes = sorted(taken & {note.number for note in parsed.notes})
    if clashes:
        problems.append(
            _("These markers already have citations: %(markers)s.")
            % {"markers": " ".join(f"[{key}]" for key in clashes)}
        )
    if not parsed.notes and not problems:
        problems.append(_("No footnotes were found in the pasted text."))
    if problems:
        raise ImportRefused(problems)
    report = ImportReport(warnings=list(parsed.warnings))
    previous = None
    for note in parsed.notes:
        if note.ibid:
            source, locator = previous.source, previous.locator
            accessed_on = previous.accessed_on
        else:
            source, locator, accessed_on = (
                source_for(note, report),
                "",
                note.accessed_on,
            )
        previous = Citation.objects.create(
            article=article,
            key=note.number,
            source=source,
            locator=locator,
            accessed_on=accessed_on,
        )
        report.citations.append(previous)
    return report


def next_key(article) -> int:
    """The marker a new citation of ``article`` gets: one more than the highest."""
    highest = article.citations.aggregate(highest=Max("key"))["highest"]
    return (highest or 0) + 1


@transaction.atomic
def source_rerender(*, source: Source) -> int:
    """Re-render every article citing ``source`` (after it was edited)."""
    from articles.models import Article

    articles = Article.objects.filter(citations__source=source).distinct()
    for article in articles:
        article_render(article=article)
    return len(articles)
