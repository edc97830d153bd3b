"""The unchecked-translation notice in a real browser (issue 13 item 10, issue 15 item 2)."""

from __future__ import annotations

from typing import Any

from tests.browser.conftest import axe_violations
from tests.browser.test_check_browser import fill, start_check


def test_one_tap_on_the_notice_shows_the_dutch_and_htmx_steps_keep_it(context: Any) -> None:
    page = context.new_page()
    start_check(page, "ti")
    notice = page.locator("#translation-notice")
    assert "ብሓገዝ ኮምፒተር" in notice.inner_text()
    notice.locator("button").click()
    page.wait_for_selector("[lang=nl] .legend--page")
    assert notice.locator("button").count() == 0  # the Dutch is already beside it
    # An htmx step swaps the question and, out of band, the notice of the new page.
    fill(page, ("radio", "other"))
    page.click("form[hx-post] button[type=submit]")
    page.wait_for_url("**/ti/check/residence-purpose")
    page.wait_for_selector("[lang=nl] .legend--page")
    assert page.locator("#translation-notice").count() == 1
    assert "ብሓገዝ ኮምፒተር" in page.locator("#translation-notice").inner_text()
    assert axe_violations(page) == []


def test_the_notice_link_opens_the_same_page_in_dutch(context_no_js: Any) -> None:
    page = context_no_js.new_page()
    page.goto("/ar/privacy")
    page.click("#translation-notice a[hreflang=nl]")
    page.wait_for_url("**/nl/privacy")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert page.locator("#translation-notice").inner_text().strip() == ""
