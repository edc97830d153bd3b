"""Language prefixes, Accept-Language, the switcher, lang and dir."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from portal.i18n import LANGUAGES

NATIVE = {"nl": "Nederlands", "en": "English", "ar": "العربية", "ti": "ትግርኛ"}


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_landing_page_renders_in_each_language(page, lang):
    landing = page(f"/{lang}/", lang=lang)
    assert landing.all("a")  # has links
    # Issue 14: "Start" posts, so that it begins a new answer set (a GET stores nothing).
    start = [f for f in landing.all("form") if f.get("action") == f"/{lang}/check/restart"]
    assert start and start[0].get("method") == "post", "no start button"


def test_arabic_is_right_to_left(page):
    landing = page("/ar/", lang="ar")
    assert landing.doc.get("dir") == "rtl"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("en-GB,en;q=0.9", "/en/"),
        ("ar", "/ar/"),
        ("ti-ER", "/ti/"),
        ("fr-FR,de;q=0.5", "/nl/"),
        ("", "/nl/"),
    ],
)
def test_root_redirects_by_accept_language(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header} if header else {})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(expected)


@pytest.mark.parametrize("url", ["/fr/", "/xx/check/", "/nl/does-not-exist", "/EN/"])
def test_unknown_url_is_a_404_page(page, url):
    result = page(url, status=404)
    assert result.all("h1")


def test_404_page_speaks_the_prefix_language(page):
    english = page("/en/nothing-here", status=404, lang="en")
    dutch = page("/nl/nothing-here", status=404, lang="nl")
    assert english.h1 != dutch.h1


def test_switcher_names_each_language_in_its_own_script_and_stays_on_the_page(page):
    privacy = page("/en/privacy", lang="en")
    switcher = privacy.doc.find(".//nav[@class='language-switcher']")
    links = {a.get("hreflang"): a for a in switcher.iter("a")}
    assert set(links) == {"nl", "ar", "ti"}
    for code, link in links.items():
        assert link.get("href") == f"/{code}/privacy"
        assert privacy.text_of(link) == NATIVE[code]
        assert link.get("lang") == code
    current = switcher.find(".//span[@aria-current='true']")
    assert privacy.text_of(current) == "English"


BABEL_FORCE_LOCALE = re.compile(r"flask_babel\.force_locale|from flask_babel import .*force_locale")


def test_only_portal_i18n_switches_language_through_flask_babel():
    # portal.i18n.force_locale also swaps the request's catalogue (i18n.catalogue()); Babel's
    # own force_locale would leave template texts in the outer language.
    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for folder in ("portal", "tests")
        for path in (root / folder).rglob("*.py")
        if path not in (root / "portal" / "i18n.py", Path(__file__).resolve())
        and re.search(
            r"flask_babel\.force_locale|from flask_babel import[^\n]*force_locale", path.read_text()
        )
    ]
    assert offenders == []
