"""Browser fixtures: real gunicorn on loopback, driven by Playwright with Debian's Chromium."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import servers

ROOT = servers.ROOT
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Flags that keep Chromium off the network: this machine has none, and the portal needs none.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def pytest_collection_modifyitems(items: list[Any]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


LIVE_SECRET_KEY = "browser-test-secret"


@pytest.fixture(scope="session")
def live_instance(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The live server's instance folder (database), for tests that seed data or run the CLI."""
    return tmp_path_factory.mktemp("instance")


@pytest.fixture(scope="session")
def live_env(live_instance: Path) -> dict[str, str]:
    """The environment the live server runs with; the `portal` CLI run with it acts on it too."""
    return servers.server_env(live_instance, LIVE_SECRET_KEY)


@pytest.fixture(scope="session")
def live_server(live_instance: Path) -> Iterator[str]:
    """Start the portal under real gunicorn, as `make run` does, on a free loopback port."""
    with servers.live_server(live_instance, secret_key=LIVE_SECRET_KEY) as server:
        yield server.base


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def context(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh browser profile per test, with JavaScript on."""
    ctx = browser.new_context(base_url=live_server, viewport={"width": 390, "height": 844})
    yield ctx
    ctx.close()


@pytest.fixture
def context_no_js(browser: Any, live_server: str) -> Iterator[Any]:
    """A fresh browser profile per test, with JavaScript off."""
    ctx = browser.new_context(
        base_url=live_server, java_script_enabled=False, viewport={"width": 390, "height": 844}
    )
    yield ctx
    ctx.close()


@pytest.fixture
def external_requests(context: Any, live_server: str) -> list[str]:
    """Record every request the page makes to another host (there must be none)."""
    seen: list[str] = []
    context.on(
        "request",
        lambda request: None if request.url.startswith(live_server) else seen.append(request.url),
    )
    return seen


def axe_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe-core (bundled with axe-playwright-python) on the page; return the violations."""
    import axe_playwright_python

    script = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()
    page.evaluate(script)
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]
