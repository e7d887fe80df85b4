"""Screenshots of the demo for the README: the front page and an article, on a
desktop and a phone, in Turkish and English (``make screenshots``).

Loads the demo into a scratch SQLite database with its own media folder (jobs run at
once, so the images have their renditions), serves it with ``runserver`` on a free
loopback port, and photographs the pages with Debian's Chromium through Playwright.
The JPEG files go to ``docs/screenshots/``.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
VIEWPORTS = {
    "desktop": {"width": 1280, "height": 900},
    "mobile": {"width": 390, "height": 844},
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def main() -> None:
    scratch = Path(tempfile.mkdtemp(prefix="ankasam-shots-"))
    env = {
        **os.environ,
        "DJANGO_DEBUG": "1",
        "DATABASE_URL": f"sqlite:///{scratch / 'demo.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(scratch / "media"),
        "DJANGO_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "REDIS_URL": "",
    }
    python = sys.executable

    def manage(*args):
        subprocess.run([python, "manage.py", *args], cwd=ROOT, env=env, check=True)

    manage("migrate", "--no-input", "-v0")
    manage("load_demo")
    port = free_port()
    server = subprocess.Popen(
        [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/healthz")
        OUT.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            for code in ("tr", "en"):
                for name, viewport in VIEWPORTS.items():
                    page = browser.new_page(viewport=viewport)
                    page.goto(f"{base}/{code}/", wait_until="networkidle")
                    shoot(page, OUT / f"front-{code}-{name}.jpg")
                    lead = page.locator(".lead a[href]").first.get_attribute("href")
                    page.goto(f"{base}{lead}", wait_until="networkidle")
                    shoot(page, OUT / f"article-{code}-{name}.jpg")
                    page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    for path in sorted(OUT.glob("*.jpg")):
        print(f"{path.relative_to(ROOT)}")  # noqa: T201


def shoot(page, path: Path) -> None:
    """The top of the page as a reader first sees it, and a little more."""
    height = page.viewport_size["height"]
    page.screenshot(
        path=path,
        type="jpeg",
        quality=85,
        clip={"x": 0, "y": 0, "width": page.viewport_size["width"], "height": height},
    )


if __name__ == "__main__":
    main()
