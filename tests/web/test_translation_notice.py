"""The notice on en/ar/ti pages with unchecked translations (issue 15 item 2, issue 13 item 10)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from portal.translation import places, review
from tests.conftest import ROOT, Page, check_page, give_answers, make_app
from tests.web.test_result import TYPICAL_ANSWERS, complete_answers

NOTICE = {
    "en": "Translated with computer help and not yet checked by a native speaker.",
    "ar": "تُرجم هذا النص بمساعدة الحاسوب",
    "ti": "ብሓገዝ ኮምፒተር ዝተተርጎመ እዩ",
}


def notice_of(page: Page) -> Any:
    region = page.doc.find(".//div[@id='translation-notice']")
    assert region is not None, "the notice region is always on the page"
    return region


def shows_notice(page: Page) -> bool:
    return bool(page.text_of(notice_of(page)))


@pytest.fixture
def reviewed_app(tmp_path: Path) -> Callable[..., Flask]:
    """Return a factory: the app on a copy of translations/ where the given texts are reviewed."""

    def build(lang: str, reviewed: Callable[[str], bool], edit: dict[str, str] | None = None):
        translations = tmp_path / "translations"
        if not translations.exists():
            shutil.copytree(ROOT / "translations", translations)
        strings = review.strings_of(review.read_catalogue(lang, translations))
        records = {
            msgid: review.Review(msgid, text, "2026-11-25", "translator")
            for msgid, text in strings.items()
            if reviewed(msgid)
        }
        for msgid, translation in (edit or {}).items():
            records[msgid].translation = translation
        review.save_reviews(lang, records, translations)
        return make_app(tmp_path, BABEL_TRANSLATION_DIRECTORIES=str(translations))

    return build


def everything(msgid: str) -> bool:
    return True


def all_but(excluded: Iterable[str]) -> Callable[[str], bool]:
    left_out = set(excluded)
    return lambda msgid: msgid not in left_out


@pytest.mark.parametrize("lang", ["en", "ar", "ti"])
def test_machine_made_pages_say_so_and_link_to_the_dutch(page: Any, lang: str) -> None:
    # Issue 13 item 10: one line, the Dutch text counts, the Dutch one tap away.
    landing = page(f"/{lang}/privacy", lang=lang)
    notice = notice_of(landing)
    assert NOTICE[lang] in landing.text_of(notice)
    links = [a for a in notice.iter("a") if a.get("hreflang") == "nl"]
    assert [a.get("href") for a in links] == ["/nl/privacy"]
    assert len(notice.findall(".//p")) == 1


def test_dutch_pages_have_no_notice(page: Any) -> None:
    assert not shows_notice(page("/nl/", lang="nl"))


def test_the_notice_goes_when_every_text_on_the_page_is_reviewed(reviewed_app: Any) -> None:
    # Issue 15: the notice shows only while the page holds texts that are not reviewed.
    client = reviewed_app("en", everything).test_client()
    assert not shows_notice(check_page(client.get("/en/"), lang="en"))
    assert not shows_notice(check_page(client.get("/en/privacy"), lang="en"))
    # Only English was reviewed here.
    assert shows_notice(check_page(client.get("/ar/privacy"), lang="ar"))


@pytest.mark.parametrize("how", ["translation", "dutch"])
def test_the_notice_returns_when_a_text_changes_after_its_review(reviewed_app: Any, how: str):
    banner = "Dit is informatie, geen besluit."
    if how == "translation":
        app = reviewed_app("en", everything, edit={banner: "Information, no decision."})
    else:
        app = reviewed_app("en", everything)
        directory = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
        records = review.load_reviews("en", directory)
        records[banner].reviewed_msgid = "Dit is informatie en geen besluit."
        review.save_reviews("en", records, directory)
    landing = check_page(app.test_client().get("/en/"), lang="en")
    assert NOTICE["en"] in landing.text_of(notice_of(landing))


def test_unreviewed_texts_elsewhere_do_not_count(reviewed_app: Any) -> None:
    desk_only = {"Baliemedewerker", "Code opzoeken", "Uitloggen"}
    client = reviewed_app("en", all_but(desk_only)).test_client()
    assert not shows_notice(check_page(client.get("/en/privacy"), lang="en"))


def start_check(client: Any, lang: str) -> str:
    response = client.get(f"/{lang}/check/")
    assert response.status_code == 303
    return str(response.location)


def test_question_pages_offer_the_coach_view_in_one_tap(client: Any) -> None:
    path = start_check(client, "ti")
    question = check_page(client.get(path), lang="ti")
    form = notice_of(question).find(".//form")
    assert form.get("action") == "/ti/check/coach"
    fields = {i.get("name"): i.get("value") for i in form.iter("input")}
    assert fields["next"] == path
    assert NOTICE["ti"] in question.text_of(form)
    # The one tap: the form posts, coach mode is on, the same question comes back.
    response = client.post(form.get("action"), data=fields)
    assert response.location == path
    coached = check_page(client.get(path), lang="ti")
    assert coached.doc.find(".//div[@lang='nl']") is not None
    assert shows_notice(coached) and notice_of(coached).find(".//form") is None


def test_an_htmx_step_brings_the_notice_of_the_next_question(client: Any) -> None:
    path = start_check(client, "en")
    fragment = client.get(path, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert '<div id="translation-notice" class="translation-notice" hx-swap-oob="true">' in fragment
    assert NOTICE["en"] in fragment


def answered_client(app: Flask) -> Any:
    client = app.test_client()
    give_answers(app, client, complete_answers(TYPICAL_ANSWERS), "en")
    return client


def test_the_result_notice_counts_the_texts_of_a_reused_outcome(reviewed_app: Any) -> None:
    # Everything reviewed but the rules texts: only the outcome holds unreviewed texts. The
    # second view reuses the rendered outcome (result.RenderedOutcomes) and must still know.
    app = reviewed_app("en", lambda msgid: not places.is_rules_text(msgid))
    client = answered_client(app)
    assert not shows_notice(check_page(client.get("/en/privacy"), lang="en"))
    for _view in range(2):
        result = check_page(client.get("/en/check/result"), lang="en")
        assert NOTICE["en"] in result.text_of(notice_of(result))
        assert notice_of(result).find(".//form").get("action") == "/en/check/coach"
    assert len(app.extensions["rendered_outcomes"].entries) == 1


def test_the_result_without_unreviewed_texts_has_no_notice(reviewed_app: Any) -> None:
    client = answered_client(reviewed_app("en", everything))
    assert not shows_notice(check_page(client.get("/en/check/result"), lang="en"))


def test_a_broken_review_file_shows_the_notice_not_an_error(reviewed_app: Any) -> None:
    # Bad data never gives a 500: the page says the text is unchecked, the safe side.
    app = reviewed_app("en", everything)
    directory = Path(app.config["BABEL_TRANSLATION_DIRECTORIES"])
    review.review_path("en", directory).write_text("- msgid: [unclosed\n", encoding="utf-8")
    landing = check_page(app.test_client().get("/en/"), lang="en")
    assert NOTICE["en"] in landing.text_of(notice_of(landing))


def test_a_review_file_entry_without_a_role_is_named() -> None:
    with pytest.raises(ValueError, match="entry 1: needs msgid, translation, date and role"):
        review.load_reviews(
            "en", _review_dir_with("- {msgid: a, translation: b, date: 2026-11-25}\n")
        )


def _review_dir_with(text: str) -> Path:
    import tempfile

    directory = Path(tempfile.mkdtemp())
    (directory / "en" / "LC_MESSAGES").mkdir(parents=True)
    review.review_path("en", directory).write_text(text, encoding="utf-8")
    return directory


def test_the_notice_knows_the_texts_of_kept_chrome(reviewed_app: Any) -> None:
    # Issue 16: the footer is rendered once and kept (portal/chrome.py); a page built from the
    # kept footer must still count its texts. Here only a footer text is not reviewed.
    footer_text = (
        "Deze website geeft informatie. Het besluit neemt altijd de gemeente, DUO of de IND."
    )
    client = reviewed_app("en", all_but({footer_text})).test_client()
    for _visit in range(2):
        assert shows_notice(check_page(client.get("/en/privacy"), lang="en"))
    assert not shows_notice(check_page(client.get("/nl/privacy"), lang="nl"))
