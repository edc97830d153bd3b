"""Issue 5 in a real browser: axe on the result page, the print layout as PDF (at most 2 A4)."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from portal import store
from portal.config import Config
from tests.browser.conftest import LIVE_SECRET_KEY, axe_violations
from tests.web.test_result import TYPICAL_ANSWERS, complete_answers


def add_answers_cookie(
    context: Any,
    live_server: str,
    tmp_path_factory: Any,
    answers: dict[str, Any] | None = None,
    **session_values: Any,
) -> str:
    """Give the browser a complete answer set with a resume code; return the code.

    Answers and code go into the live server's own database; the session cookie is signed
    with the server's secret, as check.answer would set it. Nothing of the app is replaced.
    The cookie holds no code: the code was made elsewhere (at another computer, say), so this
    browser knows that one exists but not what it is.
    """
    databases = sorted(tmp_path_factory.getbasetemp().glob("instance*/" + Config.DATABASE))
    assert databases, "live server database not found"
    db = store.connect(str(databases[0]))
    set_id = store.new_answer_set(db, "nl", Config.ANSWERS_TTL)
    chosen = complete_answers(answers or TYPICAL_ANSWERS)
    store.save_answers(db, set_id, chosen, "nl", Config.ANSWERS_TTL)
    code = store.create_resume_code(db, set_id, timedelta(days=30), key=LIVE_SECRET_KEY)
    db.conn.close()
    signer = Flask(__name__)
    signer.secret_key = LIVE_SECRET_KEY
    serializer = SecureCookieSessionInterface().get_signing_serializer(signer)
    assert serializer is not None
    cookie = serializer.dumps({"answer_set": set_id, **session_values})
    context.add_cookies([{"name": Config.SESSION_COOKIE_NAME, "value": cookie, "url": live_server}])
    return code


@pytest.fixture
def result_context(context: Any, live_server: str, tmp_path_factory: Any) -> Any:
    """A browser with a complete answer set that was saved with a code."""
    context.resume_code = add_answers_cookie(context, live_server, tmp_path_factory)
    return context


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_result_page_has_no_axe_violations(result_context, external_requests, lang):
    page = result_context.new_page()
    response = page.goto(f"/{lang}/check/result")
    assert response.status == 200
    assert page.locator("h1").count() == 1
    assert page.locator(".js-print").is_visible()  # JavaScript shows the print button
    assert axe_violations(page) == []
    assert external_requests == []


@pytest.mark.parametrize("lang", ["nl", "ar"])
def test_bilingual_print_has_no_axe_violations(result_context, lang):
    page = result_context.new_page()
    assert page.goto(f"/{lang}/check/result/print").status == 200
    assert axe_violations(page) == []


# review finding 13
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_coach_mode_result_has_no_axe_violations(
    context: Any, live_server: str, tmp_path_factory: Any, lang: str
) -> None:
    add_answers_cookie(context, live_server, tmp_path_factory, coach=True)
    page = context.new_page()
    assert page.goto(f"/{lang}/check/result").status == 200
    assert page.locator("h1").count() == 1
    assert page.locator("h2.side-by-side__language").count() == 2
    assert axe_violations(page) == []


def pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


# The print shows everything, with every law article and official page it rests on (issue 11
# item 15): at most three A4 pages. The bilingual print holds everything twice: six pages.
@pytest.mark.parametrize(
    ("lang", "path", "max_pages"),
    [("nl", "", 3), ("en", "", 3), ("ar", "", 3), ("ti", "", 3), ("ar", "/print", 6)],
)
def test_print_layout_fits_two_a4_pages(result_context, output_dir, lang, path, max_pages):
    page = result_context.new_page()
    page.goto(f"/{lang}/check/result{path}")
    page.emulate_media(media="print")
    name = f"result-print-{lang}{path.replace('/', '-')}"
    page.screenshot(path=str(output_dir / f"{name}.png"), full_page=True)
    pdf = page.pdf(format="A4", print_background=False)
    (output_dir / f"{name}.pdf").write_bytes(pdf)
    # A code made in another browser is not shown here; the page says one exists.
    assert result_context.resume_code not in page.content()
    assert page.locator(".result-code").first.is_visible()
    # Paper shows everything (issue 13): what folds away on screen prints open.
    for part in (".outcome__section--help li", ".outcome__section--terms .glossary__entry"):
        assert page.locator(part).first.is_visible(), part
    assert 1 <= pdf_pages(pdf) <= max_pages, f"{name}: {pdf_pages(pdf)} pages"


def horizontal_overflow(page: Any) -> int:
    return int(
        page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    )


@pytest.mark.parametrize("lang", ["nl", "ar", "ti"])
def test_result_reflows_at_320px_without_sideways_scrolling(result_context, lang):
    # WCAG 1.4.10: the longest page, with tables and long Dutch words, at 320 CSS pixels.
    page = result_context.new_page()
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"/{lang}/check/result")
    assert horizontal_overflow(page) <= 0


def test_bilingual_print_columns_do_not_overflow(result_context):
    # The Dutch column of the Arabic print once ran off the page: grid items kept their
    # content width. Each column must fit its own box on paper.
    page = result_context.new_page()
    page.goto("/ar/check/result/print")
    page.emulate_media(media="print")
    outside = page.evaluate(
        """() => {
            const box = document.querySelector('.side-by-side').getBoundingClientRect();
            return [...document.querySelectorAll('.side-by-side__column')]
                .map(c => c.getBoundingClientRect())
                .filter(r => r.left < box.left - 1 || r.right > box.right + 1).length;
        }"""
    )
    sideways = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert page.locator(".side-by-side__column").count() == 2
    assert outside == 0
    assert sideways <= 0
