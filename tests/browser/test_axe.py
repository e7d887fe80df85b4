"""axe-core finds nothing to fix on any kind of public page, with the site's CSP on.

axe-core (tests/browser/axe/, vendored from npm) is evaluated in each page through
the DevTools protocol (Playwright's ``page.evaluate``), which a page's
Content-Security-Policy does not govern. Adding it as a ``<script>`` would be refused
by ``script-src 'self'``, and Playwright's ``bypass_csp`` would drop the very policy
the pages are served with; neither is used. The test shows the policy is in force on
each page it checks.
"""

from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from pages.models import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SOURCE = (Path(__file__).parent / "axe" / "axe.min.js").read_text(encoding="utf-8")
# axe's default rule set: every rule it enables unless told otherwise, that is the
# WCAG 2.0, 2.1 and 2.2 A and AA rules and its best practices (not the experimental
# ones, nor the AAA ones it ships disabled).
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return {
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary),
    })),
    ran: [results.violations, results.passes, results.incomplete, results.inapplicable]
      .flat().map((r) => r.id),
  };
}"""
# An inline script the page would run if its policy allowed it.
INLINE_SCRIPT_RUNS = """() => new Promise((resolve) => {
  const refused = () => resolve(false);
  document.addEventListener("securitypolicyviolation", refused, {once: true});
  const script = document.createElement("script");
  script.textContent = "window.__inlineRan = true";
  document.head.append(script);
  setTimeout(() => resolve(window.__inlineRan === true), 500);
})"""


def axe_violations(page, url, status=200):
    response = page.goto(url)
    assert response.status == status, url
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy, url
    page.evaluate(AXE_SOURCE)
    found = page.evaluate(RUN_AXE)
    return found


def describe(report):
    return "\n".join(
        f"{kind}: {v['id']} ({v['impact']}) {v['help']}\n    "
        + "\n    ".join(v["nodes"])
        for kind, violations in report.items()
        for v in violations
    )


def test_axe_finds_no_violations_on_any_kind_of_page(live_server, browser_page):
    call_command("load_demo")
    sample = Article.objects.get(title_en__startswith="North Korea’s Decision")
    category = sample.category
    author = sample.authors.first()
    about = Page.objects.get(slug_tr="hakkimizda")
    page = browser_page
    pages = {
        "home": ("/tr/", 200),
        "article tr": (sample.get_absolute_url("tr"), 200),
        "article en": (sample.get_absolute_url("en"), 200),
        "article ru": (sample.get_absolute_url("ru"), 200),
        "list": (category.get_absolute_url(), 200),
        "author": (author.get_absolute_url(), 200),
        "experts": ("/en/experts/", 200),
        "page": (about.get_absolute_url("tr"), 200),
        "search": ("/ru/search/?q=корея", 200),
        "404": ("/en/no-such-page/", 404),
    }
    report = {}
    for kind, (path, status) in pages.items():
        found = axe_violations(page, live_server.url + path, status)
        report[kind] = found["violations"]
    assert report == {kind: [] for kind in pages}, describe(report)
    rules = set(found["ran"])
    assert {"color-contrast", "link-in-text-block", "heading-order"} <= rules
    # Nothing went wrong but the 404 page's own status, and the policy held: the
    # page refused an inline script with axe loaded.
    not_found = "the server responded with a status of 404"
    assert [not_found in problem for problem in page.problems] == [True]
    assert page.evaluate(INLINE_SCRIPT_RUNS) is False
    assert "violates the following Content Security Policy" in page.problems[-1]

    # Footnote markers are bracketed and underlined, not only coloured...
    axe_violations(page, live_server.url + sample.get_absolute_url("en"))
    markers = page.locator(".fn-ref a").evaluate_all(
        "links => links.map((a) =>"
        " [a.textContent, getComputedStyle(a).textDecorationLine])"
    )
    assert markers == [[f"[{n}]", "underline"] for n in range(1, 8)]
    # ...and the check itself finds a link told apart by colour alone: a note's way
    # back to its marker, without its underline.
    page.evaluate(
        "document.querySelectorAll('.fn-back')"
        ".forEach((a) => { a.style.textDecoration = 'none'; })"
    )
    found = page.evaluate(RUN_AXE)["violations"]
    assert [v["id"] for v in found] == ["link-in-text-block"]
    assert len(found[0]["nodes"]) == 7
