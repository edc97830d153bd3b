"""Issue 2 in a real browser: landing pages, switcher, axe, 320 px and 200 % zoom."""

from __future__ import annotations

import pytest

from portal.i18n import LANGUAGES
from tests.browser.conftest import axe_violations


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_landing_page_has_no_axe_violations(context, external_requests, lang):
    page = context.new_page()
    response = page.goto(f"/{lang}/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("html").get_attribute("dir") == LANGUAGES[lang].dir
    assert axe_violations(page) == []
    assert external_requests == []


@pytest.mark.parametrize("lang", ["ar", "ti"])
def test_screenshot_of_landing_page(context, output_dir, lang):
    page = context.new_page()
    page.goto(f"/{lang}/")
    path = output_dir / f"landing-{lang}.png"
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000


def test_arabic_layout_mirrors(context):
    page = context.new_page()
    page.set_viewport_size({"width": 1024, "height": 800})
    page.goto("/ar/")
    # In a right-to-left page the site name sits on the right and the switcher on the left.
    name = page.locator(".site-header__name").bounding_box()
    switcher = page.locator(".language-switcher").bounding_box()
    assert name["x"] > switcher["x"]


def test_switching_language_stays_on_the_same_page(context):
    page = context.new_page()
    page.goto("/nl/privacy")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/privacy")
    page.get_by_role("link", name="العربية").click()
    page.wait_for_url("**/ar/privacy")
    assert page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize("path", ["/", "/check/", "/check/resume", "/privacy"])
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_horizontal_scroll_at_320px_and_at_200_percent_zoom(browser, live_server, lang, path):
    # 320 CSS px is the reflow width of WCAG 1.4.10; 640 px at device scale 2 equals 200 % zoom.
    for width, scale in ((320, 1), (640, 2)):
        ctx = browser.new_context(
            base_url=live_server,
            viewport={"width": width, "height": 800},
            device_scale_factor=scale,
        )
        page = ctx.new_page()
        page.goto(f"/{lang}{path}")
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        ctx.close()
        assert overflow <= 0, f"{lang}{path} scrolls sideways at {width}px"


def test_skip_link_moves_focus_to_the_content(context):
    page = context.new_page()
    page.goto("/nl/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


def test_landing_page_works_without_javascript(context_no_js):
    page = context_no_js.new_page()
    page.goto("/nl/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/")
    assert page.locator("h1").count() == 1
