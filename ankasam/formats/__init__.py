"""Dates typed the house way in the admin's language.

``FORMAT_MODULE_PATH`` points here: ``<code>/formats.py`` holds the date input formats
of each language (what the admin accepts; the first is what date inputs show and what
the calendar writes) and ``DATE_INPUT_HINT``, which says that format on every date
input (see ``renderer.py`` and ``templates/admin/widgets/``). Everything else
(``DATE_FORMAT`` and the rest) comes from Django's own format modules.
"""

import datetime

from django.utils.formats import get_format

# The date every hint uses as its example.
EXAMPLE_DATE = datetime.date(2023, 11, 4)


def date_input_hint(lang: str | None = None) -> str:
    """What a date input expects, in ``lang`` (default: the active language).

    A language without a module here gets the example date in its first input format.
    """
    hint = get_format("DATE_INPUT_HINT", lang)
    if hint == "DATE_INPUT_HINT":  # get_format's answer for a name it cannot find
        return EXAMPLE_DATE.strftime(get_format("DATE_INPUT_FORMATS", lang)[0])
    return hint
