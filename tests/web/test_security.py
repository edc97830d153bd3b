"""Security headers on every response, cookie flags, CSRF."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("url", ["/nl/", "/healthz", "/ar/privacy", "/nl/missing", "/"])
def test_every_response_has_the_security_headers(client, url):
    response = client.get(url)
    csp = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in response.headers["Permissions-Policy"]
    for name in ("Content-Security-Policy", "X-Frame-Options", "Cache-Control"):
        assert len(response.headers.getlist(name)) <= 1, name


def test_pages_are_never_cached_but_static_files_keep_their_own_header(client, page):
    landing = client.get("/nl/")
    assert landing.headers.getlist("Cache-Control") == ["no-store"]
    css = page("/nl/").all("link")[0].get("href")
    static = client.get(css)
    assert "no-store" not in static.headers["Cache-Control"]
    assert "max-age=31536000" in static.headers["Cache-Control"]


def test_pages_reference_no_other_host(page):
    landing = page("/nl/")
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for element in landing.all(tag):
            value = element.get(attr) or ""
            assert not value.startswith(("http:", "https:", "//")), value


def session_cookie(app) -> str:
    """Open the first question (its form's CSRF token sets the session cookie); return it."""
    response = app.test_client().get("/nl/check/nationality-group")
    name = app.config["SESSION_COOKIE_NAME"]
    return next(h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "="))


def test_session_cookie_is_httponly_and_samesite_lax(app):
    cookie = session_cookie(app)
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # plain http on a developer machine


def test_session_cookie_is_secure_behind_https(tmp_path, monkeypatch):
    from tests.conftest import make_app

    monkeypatch.setenv("HTTPS", "1")
    cookie = session_cookie(make_app(tmp_path))
    assert "Secure" in cookie
    # Issue 14: behind HTTPS the cookie has the __Host- prefix: Secure, Path=/, no Domain.
    assert cookie.startswith("__Host-wegwijzer=")
    assert "Path=/" in cookie and "Domain" not in cookie


def test_secret_key_is_generated_into_the_instance_folder(tmp_path, monkeypatch):
    from portal import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("PORTAL_INSTANCE_PATH", str(tmp_path))
    first = create_app({"DATABASE": str(tmp_path / "db.sqlite3")})
    second = create_app({"DATABASE": str(tmp_path / "db.sqlite3")})
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"]
    assert len(first.config["SECRET_KEY"]) >= 32
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0
