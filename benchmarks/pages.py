"""What the portal sends over the wire: first visit, each htmx step, the whole check without JS.

Starts the portal as `make run` does and prints bytes, compressed (as sent to a browser that
accepts gzip) and uncompressed. tests/browser/test_weight_browser.py holds the budget; this
prints the figures behind it. Figures only, no thresholds.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from client import ROOT, Browser, free_port, wait_until_up

BIN = Path(sys.executable).parent


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, int]:
    """Return (bytes on the wire with gzip, bytes uncompressed) of one GET."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **(headers or {})})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        encoded = response.headers.get("Content-Encoding") == "gzip"
    return len(body), len(gzip.decompress(body) if encoded else body)


def first_visit(base: str, lang: str) -> None:
    """A first visit to a question page: HTML plus every stylesheet and script it links."""
    browser = Browser(base)
    browser.get(f"/{lang}/check/")
    page = browser.path
    wire, plain = fetch(base + page, {"Cookie": browser.cookie_header()})
    print(f"\nfirst visit to a question page ({lang}): {page}")
    print(f"  {'file':48} {'gzip':>7} {'plain':>7}")
    print(f"  {'HTML':48} {wire:7,} {plain:7,}")
    total_wire, total_plain = wire, plain
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', browser.html):
        wire, plain = fetch(base + asset)
        total_wire, total_plain = total_wire + wire, total_plain + plain
        print(f"  {asset:48} {wire:7,} {plain:7,}")
    print(f"  {'total':48} {total_wire:7,} {total_plain:7,}")


def htmx_steps(base: str, lang: str) -> None:
    """Each answer under htmx: the POST's redirect is followed with HX-Request, as htmx does."""
    browser = Browser(base)
    browser.get(f"/{lang}/check/")
    browser.opener.addheaders = [("HX-Request", "true"), ("Accept-Encoding", "gzip")]
    wire, plain = [], []
    while "/check/answers" not in browser.path and "/check/result" not in browser.path:
        browser.post(browser.path, browser.answer_fields())
        if browser.headers.get("HX-Redirect"):
            break  # the last answer: htmx loads the result as a whole page
        wire.append(browser.wire_bytes)
        plain.append(len(browser.html.encode()))
    print(
        f"\nhtmx steps ({lang}): {len(wire)} answers; fragment on the wire "
        f"max {max(wire):,} B, median {sorted(wire)[len(wire) // 2]:,} B; "
        f"uncompressed max {max(plain):,} B"
    )


def whole_check(base: str, lang: str) -> None:
    """Answer the whole check without JavaScript, as an old phone would."""
    browser = Browser(base)
    browser.opener.addheaders = [("Accept-Encoding", "identity")]
    start = time.perf_counter()
    browser.get(f"/{lang}/check/")
    pages, total = 1, len(browser.html.encode())
    while "/check/result" not in browser.path and pages < 60:
        if "/check/answers" in browser.path:
            browser.get(browser.path.replace("/answers", "/result"))
        else:
            browser.post(browser.path, browser.answer_fields())
        pages += 1
        total += len(browser.html.encode())
    elapsed = (time.perf_counter() - start) * 1000
    print(
        f"\nwhole check without JavaScript ({lang}): {pages} pages, {total:,} B of HTML "
        f"uncompressed, {elapsed:.0f} ms in all"
    )


def main() -> None:
    instance = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = {**os.environ, "SECRET_KEY": "bench", "PORTAL_INSTANCE_PATH": str(instance)}
    subprocess.run([str(BIN / "portal"), "init-db"], env=env, check=True, capture_output=True)
    port = free_port()
    command = [str(BIN / "gunicorn"), "-c", "python:portal.gunicorn_config"]
    server = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "portal:create_app()"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/healthz", server)
        for lang in ("nl", "ar"):
            first_visit(base, lang)
        for lang in ("nl", "ti"):
            htmx_steps(base, lang)
        whole_check(base, "ar")
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
