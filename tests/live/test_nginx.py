"""The production setup (deploy/): the portal under gunicorn behind Debian's nginx (issue 14).

gunicorn runs as wegwijzer.service runs it (HTTPS=1, TRUSTED_PROXIES=1, loopback only), nginx
with deploy/nginx-wegwijzer.conf (tests/live/nginx.py). A client's own X-Forwarded-For must
change nothing: nginx sets the header to the address it saw.
"""

from __future__ import annotations

import gzip
import http.client
import re
import ssl
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import servers
from tests.live import nginx
from tests.live.conftest import LIVE_SECRET_KEY, assert_log_has_no_traceback

WRONG_CODE = "AAAAA-BBBBB-CCCCC"


class Client:
    """One browser on its own loopback address (127.0.0.x), with its cookies, over HTTPS."""

    def __init__(self, port: int, address: str) -> None:
        self.port = port
        self.address = address
        self.cookies: dict[str, str] = {}
        self.context = ssl.create_default_context()
        self.context.check_hostname = False
        self.context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        body: bytes | None = None,
        https: bool = True,
        port: int | None = None,
    ) -> tuple[int, http.client.HTTPMessage, bytes]:
        kind = http.client.HTTPSConnection if https else http.client.HTTPConnection
        extra: dict[str, Any] = {"context": self.context} if https else {}
        connection = kind(
            "127.0.0.1", port or self.port, timeout=30, source_address=(self.address, 0), **extra
        )
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            data = response.read()
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.headers, data

    def csrf_token(self, path: str) -> str:
        _status, _headers, body = self.request("GET", path)
        match = re.search(rb'name="csrf_token" value="([^"]+)"', body)
        assert match, body[:300]
        return match.group(1).decode()

    def wrong_code(self, forwarded_for: str) -> int:
        token = self.csrf_token("/nl/check/resume")
        status, _headers, _body = self.request(
            "POST",
            "/nl/check/resume",
            form={"csrf_token": token, "code": WRONG_CODE},
            headers={"X-Forwarded-For": forwarded_for, "Referer": "https://127.0.0.1/"},
        )
        return status


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Any]]:
    folder = tmp_path_factory.mktemp("nginx")
    settings = {"HTTPS": "1", "TRUSTED_PROXIES": "1"}  # as deploy/wegwijzer.service
    server = servers.start(folder / "instance", secret_key=LIVE_SECRET_KEY, extra_env=settings)
    port = int(server.base.rsplit(":", 1)[1])
    try:
        proxy = nginx.start(port, folder / "nginx")
        try:
            yield server, proxy
        finally:
            proxy.stop()
    finally:
        server.stop()


@pytest.mark.slow
def test_a_clients_own_x_forwarded_for_changes_nothing(behind_nginx: Any) -> None:
    # Issue 14, finding 8: with TRUSTED_PROXIES=1 a made-up X-Forwarded-For skipped every
    # per-client limit. Behind nginx it is replaced by the address nginx saw.
    server, proxy = behind_nginx
    guesser = Client(proxy.https_port, "127.0.0.3")
    statuses = [guesser.wrong_code(f"198.51.100.{n}") for n in range(7)]
    assert statuses[:5] == [200] * 5, statuses
    assert statuses[5:] == [429, 429], statuses  # the app's slow-down, for 127.0.0.3
    # Someone else (another address) is not slowed down by the guesser, forwarded or not.
    neighbour = Client(proxy.https_port, "127.0.0.4")
    assert neighbour.wrong_code("127.0.0.3") == 200
    assert_log_has_no_traceback(server)


@pytest.mark.slow
def test_the_check_works_over_https_with_a_host_cookie_and_no_server_names(
    behind_nginx: Any,
) -> None:
    # Issue 14, findings 8 and 19: TLS at nginx, a __Host- cookie, no "Server: gunicorn".
    server, proxy = behind_nginx
    browser = Client(proxy.https_port, "127.0.0.5")
    token = browser.csrf_token("/nl/check/nationality-group")
    status, headers, _body = browser.request(
        "POST",
        "/nl/check/nationality-group",
        form={"csrf_token": token, "answer": "other"},
        headers={"Referer": "https://127.0.0.1/nl/check/"},  # $host: no port
    )
    assert status == 303, status
    assert headers["Location"] == "/nl/check/residence-purpose"
    cookie = next(c for c in headers.get_all("Set-Cookie") or [] if c.startswith("__Host-"))
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    assert headers["Strict-Transport-Security"]
    assert headers["Server"] == "nginx"  # server_tokens off: no version
    # gunicorn itself names no server either.
    direct = http.client.HTTPConnection("127.0.0.1", int(server.base.rsplit(":", 1)[1]))
    direct.request("GET", "/healthz")
    answer = direct.getresponse()
    answer.read()
    direct.close()
    assert answer.getheader("Server") is None


@pytest.mark.slow
def test_nginx_redirects_http_compresses_caches_static_files_and_limits_bodies(
    behind_nginx: Any,
) -> None:
    _server, proxy = behind_nginx
    client = Client(proxy.https_port, "127.0.0.6")
    status, headers, _ = client.request("GET", "/nl/", https=False, port=proxy.http_port)
    assert status == 301 and headers["Location"].startswith("https://")
    status, headers, body = client.request("GET", "/nl/", headers={"Accept-Encoding": "gzip"})
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    page = gzip.decompress(body).decode()
    css = re.search(r'href="(/static/css/portal\.[0-9a-f]+\.css)"', page)
    assert css, page[:500]
    caches = [client.request("GET", css.group(1))[1]["X-Cache-Status"] for _ in range(2)]
    assert caches == ["MISS", "HIT"]
    status, _headers, _body = client.request(
        "POST", "/api/v1/check", body=b"{" + b" " * 20_000 + b"}",
        headers={"Content-Type": "application/json"},
    )  # fmt: skip
    assert status == 413
    # /healthz answers the machine itself only (allow 127.0.0.1 in the site).
    assert client.request("GET", "/healthz")[0] == 403
    assert Client(proxy.https_port, "127.0.0.1").request("GET", "/healthz")[0] == 200


def test_the_systemd_unit_runs_gunicorn_as_the_tests_do() -> None:
    # deploy/wegwijzer.service: the settings the live test above runs with.
    unit = (Path(servers.ROOT) / "deploy" / "wegwijzer.service").read_text()
    assert "Environment=TRUSTED_PROXIES=1" in unit and "Environment=HTTPS=1" in unit
    assert " ".join(servers.RUN_OPTIONS) in unit.replace("'", "")
    assert "ExecStartPre=/srv/wegwijzer/.venv/bin/portal init-db" in unit
