"""Error pages reach the person with JavaScript on (htmx swaps them in, not drops them)."""

from __future__ import annotations


def test_a_rejected_form_shows_the_error_page_with_javascript_on(context):
    page = context.new_page()
    page.goto("/nl/check/")
    heading = page.locator("h1").inner_text()
    # A stale or tampered CSRF token, as after a very long pause.
    page.evaluate("document.querySelector('input[name=csrf_token]').value = 'stale'")
    page.locator("input[name=answer]").first.check()
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_function("(old) => document.querySelector('h1').innerText !== old", arg=heading)
    assert page.locator("h1").count() == 1
    assert "sessie" in page.locator("h1").inner_text().lower()
