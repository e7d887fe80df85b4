"""Integrity of an article's footnotes, across its language versions.

Problems name the marker as the editor typed it ([n]) and the language, so that the
editor can find it. Any problem keeps an article from being published.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from .rendering import marker_keys


@dataclass(frozen=True)
class Problem:
    message: str
    language: str = ""  # the body it concerns, if any
    key: int | None = None  # the citation it concerns, if any
    field: str = ""  # where a form shows it: "body", "accessed_on" or the row

    def __str__(self):
        return self.message


def language_name(code: str) -> str:
    return _(get_language_info(code)["name"])


def check(
    *,
    bodies: dict[str, str],
    citations,
    original: str = "",
    today: date | None = None,
) -> list[Problem]:
    """Problems with ``citations`` against the ``bodies`` of each language version.

    ``bodies`` maps each language the article exists in to its body HTML; the others
    are compared with ``original`` (the article's original language; the first in
    ``settings.LANGUAGES`` order when it has no version).
    """
    today = today or timezone.localdate()
    problems = []
    citations = list(citations)
    keys = {c.key for c in citations}
    markers = {code: marker_keys(body) for code, body in bodies.items() if body}
    order = [code for code, _name in settings.LANGUAGES if code in markers]
    if original in order:
        order = [original] + [code for code in order if code != original]

    for code in order:
        for key in markers[code]:
            if key not in keys:
                problems.append(
                    Problem(
                        _("%(language)s text: marker [%(key)s] has no citation.")
                        % {"language": language_name(code), "key": key},
                        language=code,
                        key=key,
                        field="body",
                    )
                )
    if order:
        original = order[0]
        for citation in citations:
            if citation.key not in markers[original]:
                problems.append(
                    Problem(
                        _(
                            "Citation [%(key)s] is not referenced in the "
                            "%(language)s text."
                        )
                        % {"key": citation.key, "language": language_name(original)},
                        language=original,
                        key=citation.key,
                    )
                )
        for code in order[1:]:
            missing = sorted(set(markers[original]) - set(markers[code]))
            extra = sorted(set(markers[code]) - set(markers[original]))
            if missing or extra:
                details = []
                if missing:
                    details.append(
                        _("missing %(markers)s") % {"markers": brackets(missing)}
                    )
                if extra:
                    details.append(
                        _("extra %(markers)s") % {"markers": brackets(extra)}
                    )
                problems.append(
                    Problem(
                        _(
                            "%(language)s text: its markers differ from the "
                            "%(original)s text (%(details)s)."
                        )
                        % {
                            "language": language_name(code),
                            "original": language_name(original),
                            "details": "; ".join(details),
                        },
                        language=code,
                        field="body",
                    )
                )
    for citation in citations:
        if citation.source.url and not citation.accessed_on:
            problems.append(
                Problem(
                    _("Citation [%(key)s]: a web source needs an access date.")
                    % {"key": citation.key},
                    key=citation.key,
                    field="accessed_on",
                )
            )
        if citation.accessed_on and citation.accessed_on > today:
            problems.append(
                Problem(
                    _("Citation [%(key)s]: the access date %(date)s is in the future.")
                    % {
                        "key": citation.key,
                        "date": citation.accessed_on.strftime("%d.%m.%Y"),
                    },
                    key=citation.key,
                    field="accessed_on",
                )
            )
    return problems


def brackets(keys) -> str:
    return " ".join(f"[{key}]" for key in keys)


def check_article(article) -> list[Problem]:
    """``check`` for a saved article and its saved citations (sources loaded)."""
    bodies = {code: getattr(article, f"body_{code}") for code in article.languages()}
    citations = article.citations.select_related("source")
    return check(bodies=bodies, citations=citations, original=article.original_language)
