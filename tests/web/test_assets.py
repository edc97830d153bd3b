"""Static files: content-hashed URLs with a long cache lifetime; htmx vendored with its licence."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_static_urls_carry_a_content_hash_and_are_cached_long(client, page):
    landing = page("/nl/")
    urls = [el.get("href") for el in landing.all("link") if el.get("rel") == "stylesheet"]
    urls += [el.get("src") for el in landing.all("script")]
    assert urls
    for url in urls:
        assert re.search(r"\?v=[0-9a-f]{10}$", url), url
        response = client.get(url)
        assert response.status_code == 200
        assert response.cache_control.max_age >= 30 * 24 * 3600
        response.close()


def test_htmx_is_vendored_with_its_version_and_licence():
    vendor = ROOT / "static" / "vendor"
    version = (vendor / "htmx.VERSION").read_text()
    script = next(vendor.glob("htmx-*.min.js"))
    assert script.name.removeprefix("htmx-").removesuffix(".min.js") in version
    assert "licence" in version.lower()
    assert (vendor / "htmx.LICENSE").stat().st_size > 100
