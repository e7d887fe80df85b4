"""The admin takes hostile values in every changelist filter, autocomplete, action
and form field without a server error; a refused form writes nothing.

Everything is derived from ``admin.site._registry`` and from the pages themselves
(each changelist's filters, each form's fields), so a new model, filter or field is
covered without a change here.
"""

from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import quote, unquote
from django.contrib.admin.views.main import ERROR_FLAG, IGNORED_PARAMS, PAGE_VAR
from django.urls import resolve, reverse

from .crawl import field_kinds, forms_of, routes, walk
from .hostile import NUL_TEXT, PATH, TEXT, rotation, spread
from .probe import Probe, row_counts, stored_nul

pytestmark = pytest.mark.django_db

# Saving the article form takes half a second: long forms get a sample of their
# fields one at a time (every field is hostile at once anyway).
FIELDS_ONE_AT_A_TIME = 8


@pytest.fixture
def admin_request(rf, admin_user):
    request = rf.get("/admin/")
    request.user = admin_user
    return request


@pytest.fixture
def probe(admin_client, hostile_site):
    return Probe(admin_client)


def changelist_parameters(changelist) -> set[str]:
    """Every query parameter a changelist reads: its filters', its date hierarchy's,
    search, ordering, paging and the rest."""
    names = {
        name for spec in changelist.filter_specs for name in spec.expected_parameters()
    }
    if changelist.date_hierarchy:
        field = changelist.date_hierarchy
        names |= {f"{field}__year", f"{field}__month", f"{field}__day"}
    return names | {*IGNORED_PARAMS, PAGE_VAR, ERROR_FLAG}


def test_no_changelist_parameter_gives_a_server_error(probe):
    texts, paths = rotation(TEXT[len(NUL_TEXT) :]), rotation(PATH)
    for model in admin.site._registry:
        url = reverse(admin_urlname(model._meta, "changelist"))
        response = probe.get(url)
        assert response.status_code == 200, url
        for name in sorted(changelist_parameters(response.context["cl"])):
            for value in (NUL_TEXT[0], next(texts)):
                probe.get(url, {name: value})
            probe.get(f"{url}?{name}={next(paths)}")
    assert not probe.failures, probe.report()


def autocomplete_fields(request):
    """``(app_label, model_name, field_name)`` of each autocomplete field, inlines'
    included."""
    for model_admin in admin.site._registry.values():
        for owner in (model_admin, *model_admin.get_inline_instances(request)):
            opts = owner.model._meta
            for name in owner.get_autocomplete_fields(request):
                yield opts.app_label, opts.model_name, name


def test_no_autocomplete_query_gives_a_server_error(probe, admin_request):
    url = reverse("admin:autocomplete")
    texts = rotation(TEXT)
    fields = list(autocomplete_fields(admin_request))
    assert fields
    for app_label, model_name, field_name in fields:
        query = {"app_label": app_label, "model_name": model_name}
        query["field_name"] = field_name
        assert probe.get(url, query).status_code == 200
        for name in ("term", "page", *query):
            for value in (*NUL_TEXT, next(texts), next(texts)):
                probe.get(url, {**query, name: value})
    assert not probe.failures, probe.report()


def test_no_action_on_a_hostile_selection_gives_a_server_error(probe, admin_request):
    texts = rotation(TEXT)
    for model, model_admin in admin.site._registry.items():
        url = reverse(admin_urlname(model._meta, "changelist"))
        rows = model_admin.get_queryset(admin_request).order_by("pk")
        selected = [str(row.pk) for row in rows[:1]]
        for action in model_admin.get_actions(admin_request):
            valid = {"action": action, "_selected_action": selected, "index": 0}
            for name in ("_selected_action", "select_across", "index", "action"):
                probe.post(url, {**valid, name: next(texts)})
            probe.post(url, {**valid, "_selected_action": next(texts), "post": "yes"})
    assert not probe.failures, probe.report()


def form_pages(request) -> list[str]:
    """The add page and the first object's change page of every model (that has
    one: ``hostile_content`` gives a row to each model of ours)."""
    pages = []
    for model, model_admin in admin.site._registry.items():
        if model_admin.has_add_permission(request):
            pages.append(reverse(admin_urlname(model._meta, "add")))
        first = model_admin.get_queryset(request).order_by("pk").first()
        if first is not None:
            change = admin_urlname(model._meta, "change")
            pages.append(reverse(change, args=[quote(first.pk)]))
    return pages


def edited_row(url: str):
    """``(model, pk)`` of the row a change page edits, None for other pages."""
    path = urlsplit(url).path
    if not path.startswith("/admin/"):
        return None
    match = resolve(path)
    model_admin = getattr(match.func, "model_admin", None)
    if model_admin is None or not match.url_name.endswith("_change"):
        return None
    model = model_admin.model
    return model, model._meta.pk.to_python(unquote(match.kwargs["object_id"]))


def stored(row) -> dict | None:
    model, pk = row
    return model._base_manager.filter(pk=pk).values().get()


def test_no_admin_form_takes_hostile_fields_with_a_server_error(probe, admin_request):
    """Each form of each admin page the walk reaches (add and change forms, the
    changelists', trash, history, passwords, the language switch) sent with every
    field hostile, then with one field hostile at a time (a sample of them on the
    long forms); a refused one writes nothing."""
    table = routes()
    admin_routes = [r for r in table.values() if r.route.startswith("admin/")]
    start = form_pages(admin_request)
    start += [route.path({}) for route in admin_routes if not route.params]
    site = walk(probe, table, start, within="/admin/")
    baseline = row_counts()
    texts, storable = rotation(TEXT), rotation(TEXT[len(NUL_TEXT) :])
    sent, sent_from = set(), set()
    for page in site.pages.values():
        row = edited_row(page.url)
        before = row and stored(row)

        def nothing_written_unless_saved(response, row=row, before=before):
            if 300 <= response.status_code < 400:
                nul = row and stored_nul(*row)
                return nul and f"NUL stored in {nul}"
            if row_counts() != baseline:
                return "a refused form wrote rows"
            if row and stored(row) != before:
                return "a refused form changed the row it edits"
            return None

        for form in forms_of(page):
            sent_from.add(urlsplit(page.url).path)
            if (form.action, tuple(form.values)) in sent:
                continue  # the same form on another page (log out, language)
            sent.add((form.action, tuple(form.values)))
            if form.method == "post":
                send, check = probe.post, nothing_written_unless_saved
            else:
                send, check = probe.get, None
            for value in (NUL_TEXT[-1], next(storable)):
                send(form.action, dict.fromkeys(form.values, value), check=check)
            for name in spread(field_kinds(form.values), FIELDS_ONE_AT_A_TIME):
                send(form.action, {**form.values, name: next(texts)}, check=check)
    missing = set(form_pages(admin_request)) - sent_from
    assert not missing, f"forms not reached: {sorted(missing)}"
    assert not probe.failures, probe.report()


@pytest.mark.parametrize(
    "query",
    [
        "created_at__year=99999999999999999999999999",  # no C long holds it
        "created_at__year=9999",  # the year after it does not exist
        "created_at__year=2024&created_at__month=12&created_at__day=99",
    ],
)
def test_a_date_hierarchy_number_that_is_no_date_is_an_incorrect_lookup(
    admin_client, query
):
    admin_client.raise_request_exception = False
    url = reverse("admin:articles_article_changelist")
    response = admin_client.get(f"{url}?{query}")
    assert response.status_code == 302
    assert response["Location"].endswith(f"?{ERROR_FLAG}=1")
