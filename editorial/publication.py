"""May this language version be published? Decided here, once, for every path.

The article form (before anything is saved), the bulk actions and ``article_save``
(before anything is committed) all ask ``publication_problems``.
"""

from django.utils.translation import gettext as _

from articles.models import Article
from citations.checks import Problem, language_name
from library.figures import figure_problems, images_for


def publication_problems(
    *, article: Article, language: str, footnote_problems: list[Problem]
) -> list[str]:
    """Why the ``language`` version of ``article`` cannot be published (empty when
    it can). ``footnote_problems`` are the article's footnote check results; the
    ones about this language, about the original or about no language block it."""
    if language not in article.languages():
        return [
            _("%(language)s: %(message)s")
            % {
                "language": language_name(language),
                "message": Article.NO_VERSION_MESSAGE,
            }
        ]
    original = article.original_language
    return [
        problem.message
        for problem in footnote_problems
        if problem.language in ("", language, original)
    ] + figures_problems(article=article, language=language)


def figures_problems(*, article: Article, language: str) -> list[str]:
    """The library figures of this version that show a missing image or one with
    no description in ``language``: readers who cannot see an image read it."""
    body = getattr(article, f"body_{language}") or ""
    return [
        _("%(language)s: %(message)s")
        % {"language": language_name(language), "message": message}
        for message in figure_problems(body, language, images_for([body]))
    ]
