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
    """The library images of this version (its figures, the featured image) that
    are missing or have no description in ``language``: readers who cannot see an
    image read its description."""
    body = getattr(article, f"body_{language}") or ""
    problems = figure_problems(body, language, images_for([body]))
    image = article.featured_image if article.featured_image_id else None
    if image is not None and not image.text_in("alt", language):
        problems.append(
            _(
                "The featured image has no description (alt text) in this "
                "language: add it in the media library."
            )
        )
    return [
        _("%(language)s: %(message)s")
        % {"language": language_name(language), "message": message}
        for message in problems
    ]
