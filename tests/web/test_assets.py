"""Static files: fingerprinted names, gzip, long cache lifetimes; htmx vendored with its licence.

Also the gzip of pages and API answers (portal/compress.py).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path

import pytest

from portal import assets
from tests.conftest import make_app

ROOT = Path(__file__).resolve().parents[2]


def fingerprinted(app, name: str) -> str:
    return "/static/" + assets.manifest(app.config["STATIC_FOLDER"])[name].fingerprinted


def linked_assets(landing) -> list[str]:
    urls = [el.get("href") for el in landing.all("link") if el.get("rel") == "stylesheet"]
    return urls + [el.get("src") for el in landing.all("script")]


def test_static_urls_carry_a_content_hash_and_are_cached_long(client, page):
    urls = linked_assets(page("/nl/"))
    assert len(urls) >= 3
    for url in urls:
        name = url.removeprefix("/static/")
        stem, digest, suffix = name.rsplit(".", 2)
        plain = ROOT / "static" / f"{stem}.{suffix}"
        assert digest == hashlib.sha256(plain.read_bytes()).hexdigest()[:10], url
        response = client.get(url)
        assert response.status_code == 200
        assert response.cache_control.max_age >= 365 * 24 * 3600
        assert response.cache_control.immutable
        assert response.get_data() == plain.read_bytes()
        assert response.mimetype in {"text/css", "text/javascript", "application/javascript"}
        assert response.mimetype_params.get("charset") == "utf-8"


def test_a_static_file_is_gzipped_for_browsers_that_take_it(client):
    css = (ROOT / "static" / "css" / "portal.css").read_bytes()
    url = fingerprinted(client.application, "css/portal.css")
    response = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert response.content_encoding == "gzip"
    assert "Accept-Encoding" in response.vary
    assert gzip.decompress(response.get_data()) == css
    assert len(response.get_data()) < len(css) / 2
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert plain.content_encoding is None
    assert plain.get_data() == css


def test_a_browser_with_the_file_gets_a_304(client):
    url = fingerprinted(client.application, "js/portal.js")
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.get_data() == b""


def test_the_plain_name_works_but_is_cached_briefly(client):
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    assert response.cache_control.max_age <= 3600
    assert not response.cache_control.immutable


@pytest.mark.parametrize(
    "path",
    [
        "/static/css/portal.0000000000.css",  # an old or made-up fingerprint
        "/static/css/nothing.css",
        "/static/../portal/config.py",
        "/static/%2e%2e/portal/config.py",
    ],
)
def test_unknown_static_names_are_404_pages(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert b"def init_app" not in response.get_data()  # not the source of portal/config.py


def test_hidden_files_and_folders_are_never_served(tmp_path):
    folder = tmp_path / "static"
    shutil.copytree(ROOT / "static", folder)  # the 404 page links the real stylesheets
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]")
    (folder / ".env").write_text("SECRET_KEY=x")
    client = make_app(tmp_path, STATIC_FOLDER=str(folder)).test_client()
    assert client.get("/static/css/portal.css").status_code == 200
    for path in ("/static/.git/config", "/static/.env"):
        assert client.get(path).status_code == 404, path


def test_gzip_and_plain_are_different_representations(client):
    url = fingerprinted(client.application, "css/portal.css")
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert zipped.headers["ETag"] != plain.headers["ETag"]
    # A browser revalidating its gzip copy gets a 304, not the plain body under the same tag.
    again = client.get(
        url, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]}
    )
    assert again.status_code == 304
    mixed = client.get(
        url, headers={"Accept-Encoding": "identity", "If-None-Match": zipped.headers["ETag"]}
    )
    assert mixed.status_code == 200
    assert mixed.get_data() == (ROOT / "static" / "css" / "portal.css").read_bytes()


@pytest.mark.parametrize("accept", ["gzip;q=0", "identity", "br;q=1, gzip;q=0"])
def test_a_browser_that_refuses_gzip_gets_none(client, accept):
    url = fingerprinted(client.application, "css/portal.css")
    assert client.get(url, headers={"Accept-Encoding": accept}).content_encoding is None
    assert client.get("/nl/", headers={"Accept-Encoding": accept}).content_encoding is None


def test_pages_and_api_answers_are_gzipped(client):
    page_response = client.get("/nl/", headers={"Accept-Encoding": "gzip"})
    assert page_response.content_encoding == "gzip"
    html = gzip.decompress(page_response.get_data()).decode()
    assert html.startswith("<!doctype html>")
    assert "Accept-Encoding" in page_response.vary
    api = client.get("/api/v1/openapi.json", headers={"Accept-Encoding": "gzip"})
    assert api.content_encoding == "gzip"
    assert json.loads(gzip.decompress(api.get_data()))["openapi"].startswith("3.")


def test_no_gzip_for_browsers_that_do_not_ask_or_for_tiny_answers(client):
    assert client.get("/nl/", headers={"Accept-Encoding": "identity"}).content_encoding is None
    tiny = client.get("/healthz", headers={"Accept-Encoding": "gzip"})
    assert tiny.content_encoding is None
    assert tiny.get_json()["status"] == "ok"


def test_htmx_is_vendored_with_its_version_and_licence():
    vendor = ROOT / "static" / "vendor"
    version = (vendor / "htmx.VERSION").read_text()
    script = next(vendor.glob("htmx-*.min.js"))
    assert script.name.removeprefix("htmx-").removesuffix(".min.js") in version
    assert "licence" in version.lower()
    assert (vendor / "htmx.LICENSE").stat().st_size > 100
