"""Issue 13 in a real browser: the result on a 360 x 740 phone, as people see it.

Screenshots go to test-output/ (never committed); read them. The assertions: what to do is on
the first screen, the folded page is at most four screens, deleting asks first, every page of
the check links to "continue with a code", dates and numbers are written per language, focus
after an htmx step, the back arrow in right-to-left pages, and axe finds nothing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.test_check_browser import PATH, answer, fill, start_check
from tests.browser.test_result_browser import add_answers_cookie

PHONE = {"width": 360, "height": 740}
SCREENS = 4


def months_ago(months: int) -> str:
    """Return the month `months` before this one as "YYYY-MM" (answers are month precise)."""
    today = date.today()
    index = today.year * 12 + today.month - 1 - months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


# A refugee whose Wi2013 term ended in September 2017: more than nine years ago in 2026.
OVERDUE_WI2013 = {
    "nationality_group": "other",
    "residence_purpose": "asylum",
    "residence_decision_date": "2014-03",
    "obligation_letter": "yes",
    "obligation_start_date": "2014-09",
    "age": 40,
    "exemption_granted": "none",
    "release_granted": "no",
    "exam_parts_passed": ["reading"],
    "exam_attempts": 2,
    "course_hours": 300,
    "course_hours_registered_by_duo": "yes",
    "literacy_course": "yes",
    "delay_not_own_fault": "no",
    "extension_granted": "no",
    "medical_limitation": "no",
    "dutch_diplomas": [],
    "duo_loan": "yes",
    "fines_received": 1,
    "goals": [],
    "years_residence": 12,
    "years_work": 0,
}
# A refugee who got a permit this year: the Wi2021, the term has just begun.
NEW_WI2021 = {
    "nationality_group": "other",
    "residence_purpose": "asylum",
    "residence_decision_date": months_ago(5),
    "obligation_letter": "yes",
    "obligation_start_date": months_ago(3),
    "age": 30,
    "exemption_granted": "none",
    "release_granted": "no",
    "exam_parts_passed": [],
    "exam_attempts": 0,
    "course_hours": 0,
    "literacy_course": "no",
    "delay_not_own_fault": "no",
    "medical_limitation": "no",
    "dutch_diplomas": [],
    "duo_loan": "no",
    "fines_received": 0,
    "goals": [],
    "years_residence": 0,
    "years_work": 0,
}
# A family migrant of 2015 who does not know about a letter: many options stay possible, the
# longest folded page we know of.
UNSURE_WI2013 = {
    "nationality_group": "other",
    "residence_purpose": "family",
    "residence_decision_date": "2015-04",
    "obligation_letter": "unknown",
    "age": 50,
}
PEOPLE = {
    "overdue-wi2013": OVERDUE_WI2013,
    "new-wi2021": NEW_WI2021,
    "unsure-wi2013": UNSURE_WI2013,
}


@pytest.fixture
def phone(browser: Any, live_server: str) -> Any:
    """A fresh phone-sized browser profile, with JavaScript on."""
    ctx = browser.new_context(base_url=live_server, viewport=PHONE)
    yield ctx
    ctx.close()


@pytest.fixture
def phone_no_js(browser: Any, live_server: str) -> Any:
    """A fresh phone-sized browser profile, with JavaScript off."""
    ctx = browser.new_context(base_url=live_server, viewport=PHONE, java_script_enabled=False)
    yield ctx
    ctx.close()


def bottom(page: Any, selector: str) -> float:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return float(box["y"] + box["height"])


@pytest.mark.parametrize("lang", ["nl", "en", "ar", "ti"])
@pytest.mark.parametrize("person", list(PEOPLE))
def test_what_to_do_is_on_the_first_phone_screen_and_the_page_is_short(
    phone: Any, live_server: str, tmp_path_factory: Any, output_dir: Any, person: str, lang: str
) -> None:
    add_answers_cookie(phone, live_server, tmp_path_factory, PEOPLE[person])
    page = phone.new_page()
    assert page.goto(f"/{lang}/check/result").status == 200
    name = f"result-phone-{person}-{lang}"
    page.screenshot(path=str(output_dir / f"{name}-first-screen.png"))
    page.screenshot(path=str(output_dir / f"{name}.png"), full_page=True)
    # The urgency and every step end above the fold of a 360 x 740 phone.
    steps = page.locator(".steps > li")
    assert 1 <= steps.count() <= 3
    assert bottom(page, ".urgency") <= PHONE["height"]
    assert bottom(page, ".steps") <= PHONE["height"], f"{name}: the steps run below the fold"
    # Nothing to press comes before them: the first button is far below.
    first_button = page.locator("main button, main .button").first.bounding_box()
    assert first_button is not None and first_button["y"] > bottom(page, ".steps")
    # Folded, the whole page fits in four phone screens.
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"{name}: {height} px, {height / PHONE['height']:.1f} screens")
    assert height <= SCREENS * PHONE["height"], f"{name}: {height} px"
    assert axe_violations(page) == []


def test_an_overdue_person_reads_how_long_ago_in_years(
    phone: Any, live_server: str, tmp_path_factory: Any
) -> None:
    add_answers_cookie(phone, live_server, tmp_path_factory, OVERDUE_WI2013)
    page = phone.new_page()
    years = (date.today() - date(2017, 9, 1)).days // 365
    expected = {
        "nl": f"eindigde in september 2017, meer dan {years} jaar geleden",
        "en": f"ended in September 2017, more than {years} years ago",
        # Arabic: the month's number beside its name.
        "ar": "سبتمبر (9) 2017",
    }
    for lang, words in expected.items():
        page.goto(f"/{lang}/check/result")
        assert words in page.locator(".urgency").inner_text()
        assert page.locator(".step__by").first.inner_text()


@pytest.mark.parametrize(("lang", "amount"), [("nl", "1.250 euro"), ("en", "1,250 euro")])
def test_amounts_are_written_as_the_language_writes_them(
    phone: Any, live_server: str, tmp_path_factory: Any, lang: str, amount: str
) -> None:
    add_answers_cookie(phone, live_server, tmp_path_factory, UNSURE_WI2013)  # a family migrant
    page = phone.new_page()
    page.goto(f"/{lang}/check/result")
    money = page.locator(".outcome__section--money")
    money.locator(".fold__summary").click()
    assert amount in money.inner_text()


def test_no_dutch_words_for_exam_parts_in_the_arabic_result(
    phone: Any, live_server: str, tmp_path_factory: Any
) -> None:
    add_answers_cookie(phone, live_server, tmp_path_factory, OVERDUE_WI2013)
    page = phone.new_page()
    page.goto("/ar/check/result")
    text = page.locator("main").text_content() or ""
    for word in ("schrijven", "spreken", "luisteren"):
        assert word not in text


@pytest.mark.parametrize("javascript", [True, False])
def test_deleting_asks_first_with_and_without_javascript(
    browser: Any, live_server: str, tmp_path_factory: Any, javascript: bool
) -> None:
    ctx = browser.new_context(base_url=live_server, viewport=PHONE, java_script_enabled=javascript)
    add_answers_cookie(ctx, live_server, tmp_path_factory, NEW_WI2021)
    page = ctx.new_page()
    page.goto("/ar/check/result")
    page.get_by_role("button", name="احذف إجاباتي").click()
    page.wait_for_url("**/ar/check/delete")
    assert page.locator("h1").inner_text() == "هل تريد حذف إجاباتك؟"
    if javascript:
        assert axe_violations(page) == []
    page.get_by_role("button", name="لا، ارجع").click()
    page.wait_for_url("**/ar/check/result")  # nothing deleted
    page.get_by_role("button", name="احذف إجاباتي").click()
    page.get_by_role("button", name="نعم، احذف إجاباتي").click()
    assert page.locator("h1").inner_text() == "تم حذف إجاباتك"
    assert page.goto("/ar/check/result").url.endswith("/ar/check/nationality-group")
    ctx.close()


def test_every_page_of_the_check_links_to_continue_with_a_code(phone: Any) -> None:
    page = phone.new_page()
    page.goto("/ti/")
    assert page.get_by_role("link", name="ብኮድ ቀጽሉ").count() == 1
    start_check(page, "ti")
    for slug, action in PATH:
        page.wait_for_url(f"**/ti/check/{slug}")
        assert page.get_by_role("link", name="ብኮድ ቀጽሉ").count() == 1, slug
        fill(page, action)
        page.click("form[hx-post] button[type=submit]")
    page.wait_for_url(lambda url: url.endswith(("/check/result", "/check/answers")))
    for path in ("/ti/check/result", "/ti/check/answers", "/ti/check/delete"):
        page.goto(path)
        assert page.get_by_role("link", name="ብኮድ ቀጽሉ").count() == 1, path
    page.get_by_role("link", name="ብኮድ ቀጽሉ").click()
    page.wait_for_url("**/ti/check/resume")
    assert "«መልስታትኩም ተዓቂቡ»" in page.locator("#code-hint").inner_text()


def test_the_code_stays_on_the_result_while_the_browser_is_open(phone: Any) -> None:
    page = phone.new_page()
    start_check(page, "ar")
    answer(page, "ar", PATH)
    page.wait_for_url(lambda url: url.endswith(("/check/result", "/check/answers")))
    page.goto("/ar/check/result")
    page.get_by_role("button", name="احفظ برمز").click()
    page.wait_for_url("**/ar/check/saved")
    code = page.locator(".code-box").inner_text().strip()
    assert len(code) == 17
    page.goto("/ar/check/result")
    assert page.locator(".result-code .code-box").inner_text().strip() == code
    page.get_by_role("link", name="اطبع الرمز").click()  # "Print the code"
    page.wait_for_url("**/ar/check/saved")
    assert page.locator(".code-box").inner_text().strip() == code
    assert axe_violations(page) == []


def test_focus_after_an_htmx_step_starts_at_the_first_option(phone: Any) -> None:
    page = phone.new_page()
    start_check(page, "en")
    # Keyboard only: choose "Another country" (id answer-other) and press Enter.
    page.focus("#answer-other")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/check/residence-purpose")
    page.wait_for_function("() => document.activeElement.tagName === 'H1'")
    # The new question also has an option with the id answer-other; Tab must not jump there.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "answer"


def test_the_back_arrow_points_back_in_right_to_left_pages(phone: Any) -> None:
    page = phone.new_page()
    start_check(page, "ar")
    answer(page, "ar", PATH[:1])
    page.wait_for_url("**/ar/check/residence-purpose")
    arrow = page.evaluate(
        "getComputedStyle(document.querySelector('.back-link'), '::before').content"
    )
    # U+2192 RIGHTWARDS ARROW is not mirrored by the bidi algorithm: it points right, where
    # "back" is in a right-to-left page.
    assert arrow.startswith('"\u2192')
    page.goto("/en/check/residence-purpose")
    arrow = page.evaluate(
        "getComputedStyle(document.querySelector('.back-link'), '::before').content"
    )
    assert arrow.startswith('"\u2190')


def test_print_buttons_are_hidden_without_javascript(
    phone_no_js: Any, live_server: str, tmp_path_factory: Any
) -> None:
    add_answers_cookie(phone_no_js, live_server, tmp_path_factory, NEW_WI2021)
    page = phone_no_js.new_page()
    page.goto("/nl/check/result")
    assert page.locator(".js-print").count() == 1
    assert not page.locator(".js-print").is_visible()
    # The bilingual print is a link, which works without JavaScript.
    assert page.get_by_role("link", name="Printen voor de balie (twee talen)").is_visible()


@pytest.mark.parametrize("lang", ["ar", "ti"])
def test_pictures_show_where_the_answer_is(phone: Any, output_dir: Any, lang: str) -> None:
    page = phone.new_page()
    start_check(page, lang)
    answer(page, lang, PATH[:2])
    page.wait_for_url(f"**/{lang}/check/residence-decision-date")
    picture = page.get_by_role("img")
    assert picture.count() == 1
    assert picture.get_attribute("aria-label")
    # The Dutch words of the drawing stay inside it, also in a right-to-left page.
    outside = page.evaluate(
        """() => {
            const box = document.querySelector('.picture svg').getBoundingClientRect();
            return [...document.querySelectorAll('.picture svg text')]
                .map(t => t.getBoundingClientRect())
                .filter(r => r.left < box.left || r.right > box.right).length;
        }"""
    )
    assert outside == 0
    page.screenshot(path=str(output_dir / f"question-picture-{lang}.png"), full_page=True)
    assert axe_violations(page) == []


def test_coach_view_at_1024_keeps_each_language_in_its_column(
    browser: Any, live_server: str
) -> None:
    ctx = browser.new_context(base_url=live_server, viewport={"width": 1024, "height": 800})
    page = ctx.new_page()
    start_check(page, "ar")
    answer(page, "ar", PATH[:3])
    page.wait_for_url("**/ar/check/obligation-letter")
    page.get_by_role("button", name="مدرّب اللغة: أظهِر الهولندية أيضًا").click()
    page.wait_for_selector("[lang=nl] .legend--page")
    overlap = page.evaluate(
        """() => {
            const [mine, dutch] = document.querySelectorAll('.side-by-side__column');
            const heading = mine.querySelector('h1').getBoundingClientRect();
            const other = dutch.getBoundingClientRect();
            return Math.min(heading.right, other.right) - Math.max(heading.left, other.left);
        }"""
    )
    assert overlap <= 0, "the Arabic heading runs into the Dutch column"
    assert page.locator("[lang=nl] li").all_inner_texts() == ["Ja", "Nee", "Ik weet het niet"]
    # Every coach switch left now offers to hide the Dutch; the translation notice drops its
    # switch in coach mode (portal/translation/notice.py), as the Dutch already shows.
    labels = page.locator("form[action$='/check/coach'] button").all_inner_texts()
    assert "مدرّب اللغة: أخفِ الهولندية" in labels
    assert "مدرّب اللغة: أظهِر الهولندية أيضًا" not in labels
    assert page.locator(".translation-notice form").count() == 0
    assert axe_violations(page) == []
    ctx.close()
