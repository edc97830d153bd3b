"""Simulated users: each answers the whole check with random valid answers, then saves a code.

Used by the load test and the worker-kill test. A user reads every question from the HTML it
is given, as a browser without JavaScript would; it knows nothing of the questionnaire.
"""

from __future__ import annotations

import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from tests.live.client import Browser, ConnectionFailed, Form, Tally, form_to, shown_code
from tests.live.client import summary_rows as read_summary

LANGS = ("nl", "en", "ar", "ti")
MAX_QUESTIONS = 40
T = TypeVar("T")
FIRST_YEAR = 1990  # month-and-year answers fall between this year and last year
LARGEST_NUMBER = 50  # within every number question's range (the page does not say the range)


class Deadline(Exception):
    """Time is up; the check in progress is left unfinished."""


class UnexpectedPage(Exception):
    """A page the journey did not expect (an error page, a refused answer, a missing form)."""


@dataclass
class SavedCheck:
    """A check saved with a code: its answers page (question, answer) in the user's language."""

    code: str
    lang: str
    rows: list[tuple[str, str]]


@dataclass
class UserResult:
    checks: int = 0
    saved: list[SavedCheck] = field(default_factory=list)
    cut_off: int = 0  # checks abandoned because a request got no response at all
    first_check_seconds: float = 0.0  # from the user's start to its first saved code
    unexpected: list[str] = field(default_factory=list)


def choose_answer(form: Form, rng: random.Random) -> tuple[list[tuple[str, str]], str]:
    """Return a random valid answer for the question form, read from its controls.

    Also return the answer as the answers page should show it: the labels of the chosen
    options (joined by commas), the month's name and the year, or the number.
    """
    unknown = form.named("unknown", "checkbox")
    if unknown and rng.random() < 0.1:
        return [("unknown", unknown[0].value)], unknown[0].label
    radios = form.named("answer", "radio")
    if radios:
        radio = rng.choice(radios)
        return [("answer", radio.value)], radio.label
    boxes = form.named("answer", "checkbox")
    if boxes:
        alone = [box for box in boxes if box.exclusive]
        together = [box for box in boxes if not box.exclusive]
        if alone and (not together or rng.random() < 0.2):
            picked = [rng.choice(alone)]
        else:
            picked = rng.sample(together, rng.randint(1, len(together)))
        return [("answer", box.value) for box in picked], ", ".join(box.label for box in picked)
    months = form.named("month", "select")
    if months:
        # "I know only the year" (value "year") is shown as "2014 (only the year)", in words
        # this user cannot know; tests/web/test_check.py covers it. Pick a month.
        choices = [option for option in months[0].options if option[0] and option[0] != "year"]
        value, name = rng.choice(choices)
        year = str(rng.randint(FIRST_YEAR, date.today().year - 1))
        return [("month", value), ("year", year)], f"{name} {year}"
    if form.named("answer", "text"):
        number = str(rng.randint(0, LARGEST_NUMBER))
        return [("answer", number)], number
    raise UnexpectedPage(f"no answer controls in the form to {form.action}")


def _expect(condition: bool, what: str) -> None:
    if not condition:
        raise UnexpectedPage(what)


def _found(thing: T | None, what: str) -> T:
    if thing is None:
        raise UnexpectedPage(what)
    return thing


def run_check(
    browser: Browser, lang: str, rng: random.Random, deadline: float, again: bool = False
) -> SavedCheck:
    """Answer every question, view the result and the answers, save with a code; return it.

    :param again: this browser finished a check before; press "start again" (its answers stay,
        as they have a code) instead of opening the start page.
    """
    prefix = f"/{lang}/check/"
    if again:
        page = browser.get(f"/{lang}/check/answers")
        restart = form_to(page.body, prefix + "restart")
        page = browser.submit(_found(restart, f"no restart form on {page.path}"), [])
    else:
        page = browser.get(prefix)
    given: list[str] = []
    for _ in range(MAX_QUESTIONS):
        if time.monotonic() > deadline:
            raise Deadline
        _expect(page.status == 200, f"{page.status} on {page.path}")
        if page.path == prefix + "result":
            break
        asked = page.path
        question = _found(form_to(page.body, asked), f"no question form on {asked}")
        fields, shown = choose_answer(question, rng)
        given.append(shown)
        page = browser.submit(question, fields)
        _expect(page.statuses[0] == 303, f"answer refused on {asked} ({page.statuses})")
    else:
        raise UnexpectedPage(f"more than {MAX_QUESTIONS} questions")
    save = _found(form_to(page.body, prefix + "save"), "no save form on the result page")
    rows = read_summary(browser.get(prefix + "answers").body)
    # The answers page shows what this user gave, not another user's answers.
    _expect([value for _key, value in rows] == given, f"answers page shows {rows}, not {given}")
    saved = browser.submit(save, [])
    code = _found(shown_code(saved.body), f"no code on {saved.path} ({saved.statuses})")
    return SavedCheck(code, lang, rows)


def simulate_user(base: str, tally: Tally, seconds: float, seed: int) -> UserResult:
    """Run checks one after another for `seconds`; a cut-off check starts afresh.

    No check starts after `seconds`; the one in progress then may take half as long again
    to finish (a user who is halfway does not vanish), after which it is left unfinished.
    """
    rng = random.Random(seed)
    start = time.monotonic()
    deadline = start + seconds
    result = UserResult()
    browser, again = Browser(base, tally), False
    while time.monotonic() < deadline:
        try:
            saved = run_check(browser, rng.choice(LANGS), rng, deadline + seconds / 2, again)
        except Deadline:
            break
        except ConnectionFailed:
            result.cut_off += 1
            browser, again = Browser(base, tally), False
            continue
        except UnexpectedPage as error:
            result.unexpected.append(str(error))
            browser, again = Browser(base, tally), False
            continue
        if not result.checks:
            result.first_check_seconds = time.monotonic() - start
        result.checks += 1
        result.saved.append(saved)
        again = True
    return result


def simulate_users(
    base: str, users: int, seconds: float, tally: Tally, seed: int = 7
) -> list[UserResult]:
    """Run `users` simulated users at once, each in its own thread; return their results."""
    results: list[UserResult] = [UserResult() for _ in range(users)]

    def user(index: int) -> None:
        results[index] = simulate_user(base, tally, seconds, seed * 1000 + index)

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def reopen(base: str, saved: SavedCheck, tally: Tally) -> str | None:
    """Open a saved code in a fresh cookie jar; return what is wrong, or None when all is there."""
    browser = Browser(base, tally)
    form = form_to(browser.get("/nl/check/resume").body, "/nl/check/resume")
    if form is None:
        return f"{saved.code}: no resume form"
    # The redirect is not followed: it goes to the result page, which this check needs not.
    status, _headers, _body = browser.fetch(
        "POST", form.action, [*form.hidden, ("code", saved.code)]
    )
    if status != 303:
        return f"{saved.code}: resume answered {status}"
    rows = read_summary(browser.get(f"/{saved.lang}/check/answers").body)
    if rows != saved.rows:
        return f"{saved.code}: answers differ: saw {saved.rows}, now {rows}"
    return None


def reopen_all(base: str, saved: list[SavedCheck], tally: Tally, threads: int = 8) -> list[str]:
    """Reopen every saved code; return the problems found (an empty list when all open)."""
    with ThreadPoolExecutor(threads) as pool:
        outcomes = pool.map(lambda one: reopen(base, one, tally), saved)
    return [problem for problem in outcomes if problem]
