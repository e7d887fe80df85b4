"""One editor's browser over real HTTP: its own cookies, forms posted as multipart."""

import http.client
import secrets
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from tests.formdata import form_values

TIMEOUT = 30  # seconds, for every request and every wait on the other editor


@dataclass(frozen=True)
class Page:
    status: int
    location: str
    text: str
    headers: dict[str, str] = field(default_factory=dict)


class Browser:
    """Sends what a browser sends: cookies, Origin and Referer, multipart forms.

    Not thread-safe; each thread drives its own browser.
    """

    def __init__(self, base_url: str, *, language: str = "en"):
        parts = urlsplit(base_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.https = parts.scheme == "https"
        self.host = parts.hostname
        self.port = parts.port
        self.language = language
        self.cookies: dict[str, str] = {}

    def login(
        self,
        username: str,
        password: str,
        *,
        second_factor: Callable[[], str] | None = None,
    ) -> None:
        """Log in through the admin's login form, with its CSRF token, then its
        second-factor page with the code ``second_factor`` gives (a phone's)."""
        path = "/admin/login/?next=/admin/"
        fields = form_values(self.get(path).text, "login-form")
        fields.update(username=[username], password=[password])
        answer = self.post(path, fields, referer=path)
        if answer.status != 302 or "sessionid" not in self.cookies:
            raise AssertionError(f"{username} could not log in ({answer.status})")
        step = self.get("/admin/")
        if step.status == 302 and "/second-factor/" in step.location:
            if second_factor is None:
                raise AssertionError(f"{username} needs a second factor")
            path = urlsplit(step.location)
            path = f"{path.path}?{path.query}"
            fields = form_values(self.get(path).text, "second-factor-form")
            fields.update(code=[second_factor()])
            answer = self.post(path, fields, referer=path)
            if answer.status != 302 or self.get("/admin/").status != 200:
                raise AssertionError(f"{username}'s second factor was refused")

    def get(self, path: str) -> Page:
        return self._send("GET", path, None, {})

    def post(
        self,
        path: str,
        fields: dict[str, list[str]],
        *,
        referer: str | None = None,
        barrier: threading.Barrier | None = None,
        files: dict[str, tuple[str, bytes, str]] | None = None,
    ) -> Page:
        """POST ``fields`` as multipart/form-data (the admin form's encoding), with
        ``files`` (name: file name, content, content type) as a browser sends them.

        With ``barrier``, the connection is opened first and the request is sent the
        moment every party has reached the barrier.
        """
        body, content_type = multipart(fields, files)
        headers = {
            "Content-Type": content_type,
            "Origin": self.origin,
            "Referer": self.origin + (referer or path),
        }
        return self._send("POST", path, body, headers, barrier=barrier)

    def _send(self, method, path, body, headers, *, barrier=None) -> Page:
        headers = {
            "Accept": "text/html",
            "Accept-Language": self.language,
            "User-Agent": "ankasam-concurrency-test",
            **headers,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.https:  # a test's own front proxy, with a self-signed certificate
            connection = http.client.HTTPSConnection(
                self.host,
                self.port,
                timeout=TIMEOUT,
                context=ssl._create_unverified_context(),
            )
        else:
            connection = http.client.HTTPConnection(
                self.host, self.port, timeout=TIMEOUT
            )
        try:
            connection.connect()
            if barrier is not None:
                barrier.wait(TIMEOUT)
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            self._keep_cookies(header)
        return Page(
            response.status,
            response.headers.get("Location", ""),
            text,
            dict(response.headers.items()),
        )

    def _keep_cookies(self, header: str) -> None:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel["max-age"] == "0" or "1970" in morsel["expires"]:
                self.cookies.pop(name, None)  # how Django deletes a cookie
            else:
                self.cookies[name] = morsel.value


def _quoted(name: str) -> str:
    return name.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")


def multipart(
    fields: dict[str, list[str]],
    files: dict[str, tuple[str, bytes, str]] | None = None,
) -> tuple[bytes, str]:
    """The body and Content-Type a browser sends for ``fields`` (line breaks as
    CRLF) and ``files``."""
    boundary = f"----ankasam{secrets.token_hex(12)}"
    parts = []
    for name, values in fields.items():
        for value in values:
            text = value.replace("\r\n", "\n").replace("\n", "\r\n")
            parts.append(
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="{_quoted(name)}"\r\n\r\n'
                f"{text}\r\n".encode()
            )
    for name, (filename, content, content_type) in (files or {}).items():
        parts.append(
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{_quoted(name)}"; '
            f'filename="{_quoted(filename)}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
