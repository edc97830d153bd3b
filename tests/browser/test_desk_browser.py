"""Issue 6 in a real browser: an admin made with the CLI logs in and looks up a client's code."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pyotp
import pytest

from portal import store
from portal.config import Config
from tests.browser.conftest import LIVE_SECRET_KEY, ROOT, axe_violations
from tests.web.test_desk import complete_answers

PASSWORD = "browser desk password"


@pytest.fixture(scope="module")
def desk_admin(live_server: str, live_env: dict[str, str]) -> str:
    """Create an admin with the real `portal create-admin` command on the live instance."""
    portal = Path(sys.executable).parent / "portal"
    env = {**live_env, "PORTAL_ADMIN_PASSWORD": PASSWORD}
    done = subprocess.run(
        [str(portal), "create-admin", "loket"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return "loket"


@pytest.fixture
def resume_code(live_instance: Path) -> str:
    """Store a finished check in Tigrinya with a resume code, as the client would have it."""
    db = store.connect(str(live_instance / Config.DATABASE))
    set_id = store.new_answer_set(db, "ti", timedelta(hours=1))
    store.save_answers(db, set_id, complete_answers(), "ti", timedelta(hours=1))
    code = store.create_resume_code(db, set_id, timedelta(days=30), key=LIVE_SECRET_KEY)
    db.conn.close()
    return code


def log_in(page: Any, username: str) -> None:
    page.goto("/desk/lookup")
    assert page.locator("h1").inner_text() == "Inloggen bij de balie"
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def set_up_two_step_login(page: Any) -> None:
    """Follow docs/desk.md as a new admin: the app gets the key, the page gets its code."""
    assert page.locator("h1").inner_text() == "Mijn account"
    assert axe_violations(page) == []
    page.get_by_role("button", name="Zet inloggen in twee stappen aan").click()
    key = "".join(page.locator(".code-box").inner_text().split())
    assert (
        page.get_by_role("link", name="open in de app")
        .get_attribute("href")
        .startswith("otpauth://totp/")
    )
    assert axe_violations(page) == []
    page.get_by_label("Code van 6 cijfers").fill(pyotp.TOTP(key).now())
    page.get_by_role("button", name="Zet aan").click()


def test_desk_lookup_shows_the_dutch_result(context, desk_admin, resume_code, external_requests):
    page = context.new_page()
    log_in(page, desk_admin)
    # Issue 14: an admin made with the CLI sets up two-step login before anything else.
    set_up_two_step_login(page)
    assert page.locator("h1").inner_text() == "Antwoorden opzoeken"
    assert axe_violations(page) == []
    # review finding 11: a wrong code focuses the summary, which links to the invalid field
    page.get_by_label("Code van de klant").fill("123456782")
    page.get_by_role("button", name="Opzoeken").click()
    # Wait for the new page: reading the focus right after the click raced the navigation.
    page.wait_for_function("document.activeElement.classList.contains('error-summary')")
    field = page.get_by_label("Code van de klant")
    assert field.get_attribute("aria-invalid") == "true"
    assert "Een code heeft 15 letters" in page.locator("#code-error").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Een code heeft 15 letters").click()
    page.wait_for_function("document.activeElement.id === 'code'")
    field.fill(resume_code.lower())
    page.get_by_role("button", name="Opzoeken").click()
    assert page.locator("h1").inner_text() == "Antwoorden en uitkomst"
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "Tigrinya" in page.locator(".desk-client-language").inner_text()
    assert page.get_by_role("heading", name="Welke wet geldt voor u").count() == 1
    assert axe_violations(page) == []
    page.get_by_role("link", name="Tweetalig afdrukken").click()
    assert page.get_by_role("heading", level=2).all_inner_texts() == ["ትግርኛ", "Nederlands"]
    assert page.locator("section[lang=ti]").count() == 1
    assert page.locator("section[lang=nl]").count() == 1
    assert page.locator(".js-print").is_visible()
    assert axe_violations(page) == []
    assert external_requests == []
