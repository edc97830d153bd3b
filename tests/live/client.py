"""A small no-JavaScript browser for live tests: its own cookie jar, forms read from the HTML.

Standard library only (urllib, http.cookiejar). It follows redirects itself, so every response
(each 303 too) is timed and counted in a Tally shared by all simulated users.
"""

from __future__ import annotations

import html
import http.client
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from http.cookiejar import Cookie, CookieJar

# Failures below HTTP: the server (or a killed worker) closed or refused the connection.
CONNECTION_ERRORS = (OSError, http.client.HTTPException)
MAX_REDIRECTS = 10


class ConnectionFailed(Exception):
    """A request got no HTTP response at all (connection refused, reset or cut off)."""


class Tally:
    """Counts shared by every simulated user: statuses, latencies, connection failures."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.statuses: Counter[int] = Counter()
        self.failures: Counter[str] = Counter()
        self.latencies: list[float] = []
        self.server_errors: list[str] = []  # "500 POST /nl/check/age" for each 5xx

    def record(self, method: str, path: str, status: int, seconds: float) -> None:
        with self._lock:
            self.statuses[status] += 1
            self.latencies.append(seconds)
            if status >= 500:
                self.server_errors.append(f"{status} {method} {path}")

    def fail(self, kind: str) -> None:
        with self._lock:
            self.failures[kind] += 1

    @property
    def requests(self) -> int:
        return sum(self.statuses.values())

    def percentile_ms(self, percent: int) -> float:
        """Return the latency below which `percent` % of the answered requests fell, in ms."""
        if len(self.latencies) < 2:
            return 1000 * (self.latencies[0] if self.latencies else 0.0)
        return 1000 * statistics.quantiles(self.latencies, n=100)[percent - 1]


@dataclass
class Response:
    """A page after its redirects: final status, path and body, and each status on the way."""

    status: int
    path: str
    body: str
    statuses: list[int] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


class _KeepEveryResponse(urllib.request.HTTPErrorProcessor):
    # Hand back 3xx, 4xx and 5xx as they are: no exceptions, no redirects followed by urllib.
    def http_response(self, request, response):  # type: ignore[no-untyped-def]
        return response


class Browser:
    """One user's browser: a cookie jar, and GET/POST that follow 303s like a browser does."""

    def __init__(self, base: str, tally: Tally | None = None, timeout: float = 60) -> None:
        self.base = base
        self.tally = tally or Tally()
        self.timeout = timeout
        self.jar = CookieJar()
        self._opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # loopback only, whatever http_proxy says
            urllib.request.HTTPCookieProcessor(self.jar),
            _KeepEveryResponse(),
        )

    def fetch(self, method: str, path: str, data: list[tuple[str, str]] | None = None):  # type: ignore[no-untyped-def]
        """Send one request, follow no redirect; return (status, headers, body)."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method)
        start = time.perf_counter()
        try:
            with self._opener.open(request, timeout=self.timeout) as answer:
                content = answer.read()
                status, headers = answer.status, dict(answer.headers.items())
        except CONNECTION_ERRORS as error:
            kind = type(error.reason if isinstance(error, urllib.error.URLError) else error)
            self.tally.fail(kind.__name__)
            raise ConnectionFailed(f"{method} {path}: {error!r}") from error
        self.tally.record(method, path, status, time.perf_counter() - start)
        return status, headers, content.decode("utf-8", errors="replace")

    def open(self, method: str, path: str, data: list[tuple[str, str]] | None = None) -> Response:
        """Send a request and follow its redirects (a 303 after a POST becomes a GET)."""
        statuses: list[int] = []
        for _ in range(MAX_REDIRECTS):
            status, headers, body = self.fetch(method, path, data)
            statuses.append(status)
            location = headers.get("Location")
            if status not in (301, 302, 303, 307, 308) or not location:
                return Response(status, path, body, statuses, headers)
            target = urllib.parse.urljoin(self.base + path, location)
            path = target.removeprefix(self.base)
            if status in (301, 302, 303):
                method, data = "GET", None
        raise AssertionError(f"more than {MAX_REDIRECTS} redirects, ending at {path}")

    def get(self, path: str) -> Response:
        return self.open("GET", path)

    def submit(self, form: Form, fields: list[tuple[str, str]]) -> Response:
        """Post a form with its hidden fields (csrf_token) plus `fields`."""
        return self.open(form.method, form.action, form.hidden + fields)

    def session_cookie(self, name: str = "wegwijzer") -> str | None:
        return next((c.value for c in self.jar if c.name == name), None)

    def set_cookie(self, name: str, value: str) -> None:
        """Put a cookie in the jar as if the server had set it (host-only, path /)."""
        host = urllib.parse.urlsplit(self.base).hostname or ""
        self.jar.set_cookie(
            Cookie(
                0, name, value, None, False, host, False, False, "/", True, False,
                None, False, None, None, {},
            )
        )  # fmt: skip


# Reading pages. The portal's markup is ours and regular, so a few regular expressions do; they
# cost far less than an HTML parser, which matters with 200 users on two cores.
_TAG = re.compile(r"<(/?)(form|input|select|option|div)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r'([\w:-]+)(?:\s*=\s*"([^"]*)")?')
_LABEL = re.compile(r'<label\b[^>]*\bfor="([^"]+)"[^>]*>(.*?)</label>', re.DOTALL)


def _attrs(text: str) -> dict[str, str]:
    return {name.lower(): html.unescape(value or "") for name, value in _ATTR.findall(text)}


@dataclass
class Control:
    """One input or select of a form, with the text a person sees for it.

    `label` is the text of its <label>; `options` holds (value, text) of a select;
    `exclusive` marks a checkbox shown after the "or" divider (it must be chosen alone).
    """

    tag: str
    kind: str
    name: str
    value: str
    label: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)
    exclusive: bool = False


@dataclass
class Form:
    """A form as a browser sees it: where it goes, its hidden fields and its controls."""

    action: str
    method: str
    hidden: list[tuple[str, str]] = field(default_factory=list)
    controls: list[Control] = field(default_factory=list)

    def named(self, name: str, kind: str | None = None) -> list[Control]:
        return [c for c in self.controls if c.name == name and (kind is None or c.kind == kind)]


def forms(page: str) -> list[Form]:
    """Return the forms of a page with their controls, in document order."""
    labels = {key: _text(text) for key, text in _LABEL.findall(page)}
    found: list[Form] = []
    current: Form | None = None
    after_divider = False
    for match in _TAG.finditer(page):
        closing, tag, rest = match.groups()
        tag = tag.lower()
        attrs = _attrs(rest)
        if tag == "form":
            if closing:
                current = None
                continue
            current = Form(attrs.get("action", ""), attrs.get("method", "get").upper())
            found.append(current)
            after_divider = False
        elif closing or current is None:
            continue
        elif tag == "div" and "choice--divider" in attrs.get("class", ""):
            after_divider = True
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind == "hidden":
                current.hidden.append((attrs.get("name", ""), attrs.get("value", "")))
            elif attrs.get("name"):
                label = labels.get(attrs.get("id", ""), "")
                control = Control("input", kind, attrs["name"], attrs.get("value", ""), label)
                control.exclusive = after_divider
                current.controls.append(control)
        elif tag == "select":
            current.controls.append(Control("select", "select", attrs.get("name", ""), ""))
        elif tag == "option" and current.controls and current.controls[-1].tag == "select":
            text = page[match.end() : page.find("<", match.end())]
            current.controls[-1].options.append((attrs.get("value", ""), _text(text)))
    return found


def form_to(page: str, action_prefix: str) -> Form | None:
    """Return the first POST form whose action starts with `action_prefix`."""
    for form in forms(page):
        if form.method == "POST" and form.action.startswith(action_prefix):
            return form
    return None


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def heading(page: str) -> str:
    """Return the text of the page's h1."""
    match = re.search(r"<h1\b[^>]*>(.*?)</h1>", page, re.DOTALL)
    return _text(match.group(1)) if match else ""


def page_lang(page: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', page)
    return match.group(1) if match else ""


def shown_code(page: str) -> str | None:
    """Return the resume code the saved page shows (templates/check/saved.html), if any."""
    match = re.search(r'class="code-box"[^>]*>\s*<bdi>([^<]+)</bdi>', page)
    return match.group(1).strip() if match else None


def summary_rows(page: str) -> list[tuple[str, str]]:
    """Return (question, answer) for each row of the answers page (templates/check/answers.html)."""
    rows = re.findall(
        r'<dt class="summary-list__key">(.*?)</dt>\s*<dd class="summary-list__value">(.*?)</dd>',
        page,
        re.DOTALL,
    )
    return [(_text(key), _text(value)) for key, value in rows]
