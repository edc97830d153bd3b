"""The check in a real browser: four languages, with and without JavaScript, and axe (issue 4)."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface

from portal.config import Config
from tests.browser.conftest import LIVE_SECRET_KEY, axe_violations

LANGS = ("nl", "en", "ar", "ti")
# A short path through the check: (slug, action), where action fills the form.
PATH: list[tuple[str, Any]] = [
    ("nationality-group", ("radio", "other")),
    ("residence-purpose", ("radio", "asylum")),
    ("residence-decision-date", ("month_year", ("6", "2020"))),
    ("obligation-letter", ("radio", "no")),
    ("age", ("text", "35")),
    ("exemption-granted", ("radio", "medical")),
    ("release-granted", ("radio", "no")),
    ("duo-loan", ("radio", "unknown")),
    ("fines-received", ("unknown", None)),
    ("goals", ("checkbox", "none")),
]


def fill(page: Any, action: tuple[str, Any]) -> None:
    kind, value = action
    if kind in {"radio", "checkbox"}:
        page.check(f"input[name=answer][value={value}]")
    elif kind == "text":
        page.fill("#answer", value)
    elif kind == "unknown":
        page.check("#answer-unknown")
    elif kind == "month_year":
        page.select_option("#answer-month", value[0])
        page.fill("#answer-year", value[1])


def start_check(page: Any, lang: str) -> None:
    """Open the check and wait for its first question."""
    page.goto(f"/{lang}/check/")
    page.wait_for_url(f"**/{lang}/check/nationality-group")


def answer(page: Any, lang: str, path: list[tuple[str, Any]]) -> None:
    """Answer each (slug, action) of `path` in turn, each on its own page."""
    for slug, action in path:
        page.wait_for_url(f"**/{lang}/check/{slug}")
        assert page.locator("h1").count() == 1
        fill(page, action)
        page.click("form[hx-post] button[type=submit]")


def complete_check(page: Any, lang: str) -> None:
    start_check(page, lang)
    answer(page, lang, PATH)
    page.wait_for_url(lambda url: url.endswith(("/check/result", "/check/answers")))
    assert page.evaluate("document.documentElement.lang") == lang


@pytest.mark.parametrize("lang", LANGS)
def test_complete_the_check_with_javascript(context: Any, lang: str) -> None:
    page = context.new_page()
    complete_check(page, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_complete_the_check_without_javascript(context_no_js: Any, lang: str) -> None:
    page = context_no_js.new_page()
    complete_check(page, lang)


def test_htmx_moves_focus_to_the_new_heading_and_updates_the_url(context: Any) -> None:
    page = context.new_page()
    start_check(page, "en")
    page.check("input[name=answer][value=other]")
    page.click("form[hx-post] button[type=submit]")
    page.wait_for_url("**/en/check/residence-purpose")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'H1'")
    assert page.title().startswith(page.locator("h1").inner_text())
    page.go_back()
    page.wait_for_url("**/en/check/nationality-group")
    # No copy in htmx's history cache: the server sends the page with the stored answer.
    page.wait_for_selector("input[name=answer][value=other]:checked", timeout=5000)


def test_question_page_has_no_axe_violations(context: Any) -> None:
    page = context.new_page()
    start_check(page, "ar")
    assert axe_violations(page) == []


def test_error_page_has_no_axe_violations(context: Any) -> None:
    # axe needs JavaScript; with it on, htmx swaps in the error, as a person would see it.
    page = context.new_page()
    start_check(page, "nl")
    page.click("form[hx-post] button[type=submit]")
    page.wait_for_selector(".error-summary")
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    assert axe_violations(page) == []


def test_month_year_error_page_has_no_axe_violations(context: Any) -> None:
    page = context.new_page()
    start_check(page, "en")
    answer(
        page,
        "en",
        [
            ("nationality-group", ("radio", "other")),
            ("residence-purpose", ("radio", "family")),
            ("residence-decision-date", ("month_year", ("2", "20"))),
        ],
    )
    page.wait_for_selector(".error-summary")
    assert axe_violations(page) == []


def test_answers_page_has_no_axe_violations(context: Any) -> None:
    page = context.new_page()
    complete_check(page, "ti")
    page.goto("/ti/check/answers")
    assert page.locator(".summary-list").count() == 1
    assert axe_violations(page) == []


def test_coach_mode_page_has_no_axe_violations(context: Any) -> None:
    page = context.new_page()
    start_check(page, "en")
    page.click("form[action$='/check/coach'] button")
    page.wait_for_selector("[lang=nl] .legend--page")
    assert axe_violations(page) == []


def session_values(context: Any) -> dict[str, Any]:
    """Return what the browser's session cookie holds, read with the live server's secret."""
    signer = Flask(__name__)
    signer.secret_key = LIVE_SECRET_KEY
    serializer = SecureCookieSessionInterface().get_signing_serializer(signer)
    assert serializer is not None
    (cookie,) = [c for c in context.cookies() if c["name"] == Config.SESSION_COOKIE_NAME]
    return dict(serializer.loads(cookie["value"]))


# review finding 3; issue 13: the code is shown while the browser session lasts, with a print
# button, and goes from the cookie when the answers are deleted.
def test_saved_page_shows_the_code_with_a_print_button(context: Any) -> None:
    page = context.new_page()
    complete_check(page, "ar")
    page.goto("/ar/check/result")
    page.click("form[action$='/check/save'] button")
    page.wait_for_url("**/ar/check/saved")
    code = page.locator(".code-box").inner_text().strip()
    assert len(code) == 17
    assert page.locator(".js-print").is_visible()  # JavaScript shows the print button
    assert page.locator("a[href$='/check/delete']").is_visible()
    assert axe_violations(page) == []
    page.reload()
    assert page.locator(".code-box").inner_text().strip() == code
    page.goto("/ar/check/result")
    assert page.locator(".result-code .code-box").inner_text().strip() == code
    assert axe_violations(page) == []
    page.goto("/ar/check/delete")
    with page.expect_navigation():
        page.click("form[action$='/check/delete'] button")
    assert page.locator("h1").inner_text() == "تم حذف إجاباتك"
    # The session is emptied (issue 14): its cookie is gone, or holds no code.
    if any(c["name"] == Config.SESSION_COOKIE_NAME for c in context.cookies()):
        assert code not in str(session_values(context))
