"""Shared fixtures: the real app on a tmp instance folder, its client, and the page checker."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html5lib
import pytest
from flask import Flask
from flask.testing import FlaskClient

from portal import create_app, store

ROOT = Path(__file__).resolve().parent.parent


def make_app(tmp_path: Path, **overrides: Any) -> Flask:
    """Create the real app with its database in a tmp folder, migrated."""
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "DATABASE": str(tmp_path / "test.sqlite3"),
        **overrides,
    }
    app = create_app(config)
    app.instance_path = str(tmp_path)
    with app.app_context():
        store.init_db(store.get_db())
    # As `portal init-db` before a real start: requests then open their own connection.
    store.close_thread_connection(app)
    return app


def give_answers(
    app: Flask,
    client: FlaskClient,
    answers: dict[str, Any],
    lang: str = "nl",
    **session_values: Any,
) -> str:
    """Store `answers` as a new answer set, put it in `client`'s session and return its id.

    `session_values` go into the session too (coach=True, resume_code=...).
    """
    from portal.web.check import SET_KEY

    with app.app_context():
        db = store.get_db()
        set_id = store.new_answer_set(db, lang, app.config["ANSWERS_TTL"])
        store.save_answers(db, set_id, answers, lang, app.config["ANSWERS_TTL"])
    with client.session_transaction() as session:
        session[SET_KEY] = set_id
        session.update(session_values)
    return set_id


@pytest.fixture
def app(tmp_path: Path) -> Flask:
    return make_app(tmp_path)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def csrf_app(tmp_path: Path) -> Flask:
    """The app with CSRF protection on, as in production."""
    return make_app(tmp_path, WTF_CSRF_ENABLED=True)


class Page:
    """A parsed HTML response; `page.text` is its visible text."""

    def __init__(self, response: Any) -> None:
        self.response = response
        self.html = response.get_data(as_text=True)
        self.doc = html5lib.parse(self.html, namespaceHTMLElements=False)

    def all(self, tag: str) -> list[Any]:
        return list(self.doc.iter(tag))

    def text_of(self, element: Any) -> str:
        return " ".join("".join(element.itertext()).split())

    @property
    def h1(self) -> str:
        return self.text_of(self.all("h1")[0])

    @property
    def text(self) -> str:
        return self.text_of(self.doc.find("body"))


def check_page(response: Any, status: int = 200, lang: str | None = None) -> Page:
    """Assert what every HTML page must get right, and return it parsed (house style habit 4)."""
    assert response.status_code == status, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    parser.parse(html)  # raises on invalid HTML
    page = Page(response)
    root = page.doc
    if lang:
        assert root.get("lang") == lang
    assert root.get("dir") == ("rtl" if root.get("lang") == "ar" else "ltr")
    h1s = page.all("h1")
    assert len(h1s) == 1, f"expected one h1, got {len(h1s)}"
    title = page.text_of(page.all("title")[0])
    assert title.startswith(page.h1), (title, page.h1)
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for form in page.all("form"):
        if (form.get("method") or "get").lower() == "post":
            names = {i.get("name") for i in form.iter("input")}
            assert "csrf_token" in names, "POST form without CSRF token"
    if lang and lang != "nl":
        leftover = untranslated_on_page(page, lang)
        assert not leftover, f"Dutch source text on a {lang} page: {leftover[:3]}"
    return page


@functools.cache
def _catalogue(lang: str) -> dict[str, str]:
    """Return msgid -> msgstr for one language, read from its .po file."""
    from babel.messages.pofile import read_po

    path = ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    return {m.id: m.string for m in catalogue if m.id and isinstance(m.id, str)}


def untranslated_on_page(page: Page, lang: str) -> list[str]:
    """Return Dutch msgids shown as whole text nodes outside any lang="nl" part of the page."""
    catalogue = _catalogue(lang)
    found: list[str] = []

    def visit(element: Any) -> None:
        if element.get("lang") == "nl" or element.tag in {"bdi", "script", "style"}:
            return
        text = " ".join((element.text or "").split())
        if text and catalogue.get(text) and catalogue[text] != text:
            found.append(text)
        for child in element:
            visit(child)

    visit(page.doc.find("body"))
    return found


@pytest.fixture
def page(client: FlaskClient) -> Any:
    """Fetch a URL and run the page checks: `page("/nl/")`."""

    def fetch(url: str, status: int = 200, lang: str | None = None, **kwargs: Any) -> Page:
        return check_page(client.get(url, **kwargs), status=status, lang=lang)

    return fetch


@pytest.fixture(scope="session")
def output_dir() -> Iterator[Path]:
    """Where screenshots go (test output, never committed)."""
    path = ROOT / "test-output"
    path.mkdir(exist_ok=True)
    yield path
