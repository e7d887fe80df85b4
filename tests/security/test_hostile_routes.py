"""Every route of the site, its parameters filled with hostile values, answers
anonymous readers and a superuser without a server error."""

import pytest
from django.conf import settings

from .crawl import routes, walk
from .hostile import INTS, NUL_TEXT, PATH, PATH_NUL, TEXT, rotation
from .probe import Probe

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["anonymous", "superuser"])
def visitor(request, client, admin_client):
    return client if request.param == "anonymous" else admin_client


def test_no_route_answers_hostile_parameters_with_a_server_error(visitor, hostile_site):
    assert not settings.DEBUG  # the error handling is production's
    table = routes()
    probe = Probe(visitor)
    site = walk(probe, table, [r.path({}) for r in table.values() if not r.params])
    nuls, paths = rotation(PATH_NUL), rotation(PATH[len(PATH_NUL) :])
    ints, texts = rotation(INTS), rotation(TEXT)
    # A query with NUL is refused whole; these reach the views.
    storable = rotation(TEXT[len(NUL_TEXT) :])
    for route in table.values():
        page = site.pages.get(route.route)
        real = page.params if page else {p: route.stand_in(p) for p in route.params}
        for param in route.params:
            values = [next(nuls), next(paths)]
            if route.is_int(param):
                values.append(next(ints))
            for value in values:
                probe.get(route.path({**real, param: value}))
        if len(route.params) > 1:
            probe.get(route.path(dict.fromkeys(route.params, next(paths))))
        url = route.path(real)
        names = sorted(site.query_names.get(route.route, set()) | {"page", "q", "p"})
        probe.get(url, {name: next(storable) for name in names})
        probe.get(url + "?" + "&".join(f"{name}={next(paths)}" for name in names))
        probe.post(url, {name: next(texts) for name in names})
    assert not probe.failures, probe.report()
