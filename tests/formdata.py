"""Submit a form the way a browser would, so tests re-save records through real forms.

``form_values(html)`` reads a page's form and returns what a browser would send for it
untouched; ``resubmit(client, url)`` GETs a page, applies changes and POSTs the form::

    response = resubmit(admin_client, url, {"title_en": "New"}, submit="_continue")
    # Refused (200)? Correct the form the server showed again, and send it:
    response = resubmit(admin_client, url, {"title_en": "Fixed"}, page=response)

Values are ``dict[str, list[str]]`` (a name may repeat: checkboxes, multiple selects),
which ``client.post(url, data)`` accepts as it is. What counts follows the HTML form
submission rules: named, enabled inputs (hidden ones too) with their ``value``; checked
checkboxes and radios (``"on"`` without a value); the selected options of a select (a
single select with nothing selected sends its first enabled option); textareas, with
the one newline after the start tag dropped and line breaks sent as CRLF. File inputs
and buttons are left out: pass ``files`` and ``submit`` to send them.
"""

from urllib.parse import urljoin

import lxml.html
from django.test import Client

_BUTTON_TYPES = {"submit", "image", "reset", "button"}


def form_values(
    html: str | bytes, form_id: str | None = None, *, submit: str | None = None
) -> dict[str, list[str]]:
    """The values a browser would submit for the form ``form_id`` of ``html``.

    Without ``form_id``: the only form whose id ends in ``_form`` (the admin's change
    form), else the page's only form. ``submit`` names the button pressed (e.g.
    ``"_continue"``): its name and value are sent as well.
    """
    form = _find_form(lxml.html.document_fromstring(html), form_id)
    values: dict[str, list[str]] = {}
    submitted = False
    for element in _controls(form):
        name = element.get("name")
        if not name or _is_disabled(element):
            continue
        tag = element.tag
        kind = (element.get("type") or ("submit" if tag == "button" else "")).lower()
        if tag == "button" or (tag == "input" and kind in _BUTTON_TYPES):
            if submit == name and not submitted and kind in ("submit", "image", ""):
                values.setdefault(name, []).append(element.get("value", ""))
                submitted = True
            continue
        if tag == "input":
            if kind == "file":
                continue
            if kind in ("checkbox", "radio"):
                if element.get("checked") is not None:
                    values.setdefault(name, []).append(element.get("value", "on"))
                continue
            values.setdefault(name, []).append(element.get("value", ""))
        elif tag == "select":
            values.setdefault(name, []).extend(_selected(element))
        elif tag == "textarea":
            text = element.text_content()
            if text.startswith("\n"):
                text = text[1:]
            values.setdefault(name, []).append(text.replace("\n", "\r\n"))
    if submit is not None and not submitted:
        raise LookupError(f"No submit button named {submit!r} in the form.")
    # A select whose options are all disabled sends nothing; keep no empty names.
    return {name: found for name, found in values.items() if found}


def resubmit(
    client: Client,
    url: str,
    changes: dict | None = None,
    files: dict | None = None,
    *,
    form_id: str | None = None,
    submit: str | None = None,
    page=None,
):
    """GET ``url``, take its form as a browser would, apply ``changes``, POST it.

    ``changes`` maps names to a value or a list of values; ``None`` removes a name
    (an unticked checkbox). ``files`` maps file input names to uploads
    (``SimpleUploadedFile``). ``page``, a response already at hand (the form shown
    again after a refused save), is used instead of a fresh GET. The form is posted
    to its ``action`` (``url`` when it has none). Returns the POST's response, not
    followed.
    """
    if page is None:
        page = client.get(url)
    assert page.status_code == 200, f"{url} answered {page.status_code}"
    html = page.content.decode()
    data = form_values(html, form_id, submit=submit)
    for name, value in (changes or {}).items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = [str(v) for v in value] if _many(value) else [str(value)]
    data.update(files or {})
    form = _find_form(lxml.html.document_fromstring(html), form_id)
    action = form.get("action") or url
    return client.post(urljoin(url, action), data)


def _find_form(document, form_id):
    if form_id is not None:
        found = document.xpath("//form[@id=$id]", id=form_id)
        if not found:
            raise LookupError(f"No <form id={form_id!r}> on the page.")
        return found[0]
    forms = document.xpath("//form")
    named = [f for f in forms if (f.get("id") or "").endswith("_form")]
    if len(named) == 1:
        return named[0]
    if len(forms) == 1:
        return forms[0]
    ids = [f.get("id") for f in forms]
    raise LookupError(f"Say which form to submit; the page has forms {ids}.")


def _controls(form):
    """The form's controls in tree order, those outside it with form="<id>" too."""
    tags = "self::input or self::select or self::textarea or self::button"
    inside = form.xpath(f".//*[{tags}][not(@form)]")
    form_id = form.get("id")
    if not form_id:
        return inside
    owned = form.xpath(f"//*[{tags}][@form=$id]", id=form_id)
    if not owned:
        return inside
    order = {element: index for index, element in enumerate(form.getroottree().iter())}
    return sorted({*inside, *owned}, key=order.__getitem__)


def _is_disabled(element) -> bool:
    if element.get("disabled") is not None:
        return True
    for fieldset in element.iterancestors("fieldset"):
        if fieldset.get("disabled") is None:
            continue
        legends = fieldset.xpath("./legend[1]")
        if not (legends and element in legends[0].iterdescendants()):
            return True
    return False


def _selected(select) -> list[str]:
    options = [
        option
        for option in select.iter("option")
        if option.get("disabled") is None
        and all(
            group.get("disabled") is None for group in option.iterancestors("optgroup")
        )
    ]
    chosen = [option for option in options if option.get("selected") is not None]
    multiple = select.get("multiple") is not None
    if not multiple:
        every = list(select.iter("option"))
        picked = [o for o in every if o.get("selected") is not None]
        if picked:
            # The last selected option wins; disabled or not, it is not sent.
            chosen = [picked[-1]] if picked[-1] in options else []
        elif _size(select) <= 1 and options:
            chosen = [options[0]]
    return [_option_value(option) for option in chosen]


def _size(select) -> int:
    try:
        return int(select.get("size", "1"))
    except ValueError:
        return 1


def _option_value(option) -> str:
    value = option.get("value")
    if value is not None:
        return value
    return " ".join(option.text_content().split())


def _many(value) -> bool:
    return isinstance(value, list | tuple)
