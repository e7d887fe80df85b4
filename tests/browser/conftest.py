import os
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connections
from playwright.sync_api import sync_playwright

from staff.policy import second_factor_required
from tests.staff_login import authenticator, totp_code

CHROMIUM = "/usr/bin/chromium"
# As the machine's own probe starts it: no background traffic to Google's services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def watched_page(context):
    """A new page that records console errors and requests leaving the machine."""
    page = context.new_page()
    page.problems = []
    page.on(
        "console",
        lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"),
    )
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))

    def check_request(request):
        host = urlsplit(request.url).hostname
        if request.url.startswith(("http:", "https:")) and host not in LOCAL_HOSTS:
            page.problems.append(f"external request: {request.url}")

    page.on("request", check_request)
    return page


@pytest.fixture
def chromium(live_server):
    # Playwright's sync API runs an event loop in this thread; the ORM calls that the
    # test makes around it are ordinary synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        # Connections opened while Playwright's loop ran belong to that context;
        # close them here, or the test database cannot be dropped at the end.
        connections.close_all()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def browser_page(chromium):
    return watched_page(chromium.new_context())


def admin_log_in(page, base_url, username, password):
    """Sign in through the admin's login form, then its second-factor page with the
    code the account's authenticator app would show (one is enrolled for an
    account whose role needs it). Ends on the admin's index."""
    user = get_user_model().objects.get(username=username)
    device = authenticator(user) if second_factor_required(user) else None
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    if device is not None:
        page.wait_for_selector("#second-factor-form")
        page.fill("#id_code", totp_code(device))
        page.click("#second-factor-form input[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")
    return page
