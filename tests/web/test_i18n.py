"""Language prefixes, Accept-Language, the switcher, lang and dir."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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


def switcher_links(page: Any) -> dict[str, str]:
    switcher = page.doc.find(".//nav[@class='language-switcher']")
    return {a.get("hreflang"): a.get("href") for a in switcher.iter("a")}


def test_kept_chrome_follows_the_language_and_the_page(client, page):
    # Issue 16: the switcher and the footer are rendered once per language and page address
    # and kept (portal/chrome.py). Each page still links to itself and speaks its language.
    for _round in range(2):
        for lang in ("nl", "en"):
            privacy = page(f"/{lang}/privacy", lang=lang)
            others = [code for code in LANGUAGES if code != lang]
            assert switcher_links(privacy) == {code: f"/{code}/privacy" for code in others}
            footer = privacy.doc.find(".//footer")
            assert privacy.text_of(footer.find(".//a")) == {"nl": "Privacy", "en": "Privacy"}[lang]
            disclaimer = privacy.text_of(footer.find(".//p"))
            assert disclaimer.startswith({"nl": "Deze website", "en": "This website"}[lang])
        first = client.get("/nl/check/").location
        question = page(first, lang="nl")
        slug = first.rsplit("/", 1)[-1]
        assert switcher_links(question)["en"] == f"/en/check/{slug}"


def test_kept_chrome_holds_nothing_of_the_session(app, client):
    # Issue 16: what is kept across requests is the same for everyone: no token, no answer set.
    first = client.get("/nl/check/").location
    client.get(first)
    client.post(first, data={"answer": "other"})
    client.get("/en/privacy")
    kept = app.extensions["rendered_chrome"]
    assert kept
    with client.session_transaction() as session:
        personal = [str(value) for value in session.values()]
    for key, (html, _texts) in kept.items():
        template, lang = key[:2]
        assert template in {"_footer.html", "_language_switcher.html"} and lang in LANGUAGES
        assert "csrf" not in html and not any(value in html for value in personal if value)


# review: the footer was kept per address, and so were the footer and switcher of 404 pages,
# whose address is whatever was typed: made-up slugs filled the kept HTML and its keys.
def test_made_up_addresses_are_not_kept(app, client, page):
    slugs = ["made-up-page", "typed-by-someone", "x" * 60]
    for slug in slugs:
        for lang in ("nl", "en"):
            missing = page(f"/{lang}/check/{slug}", status=404, lang=lang)
            # The switcher still offers this address in the other languages.
            assert switcher_links(missing)["ar"] == f"/ar/check/{slug}"
    page("/en/privacy", lang="en")
    kept = app.extensions["rendered_chrome"]
    footers = [key for key in kept if key[0] == "_footer.html"]
    assert sorted(key[1] for key in footers) == ["en", "nl"]  # one per language, not per page
    for key, (html, _texts) in kept.items():
        assert not any(slug in repr(key) or slug in html for slug in slugs), key
    assert [key for key in kept if key[0] == "_language_switcher.html"] == [
        ("_language_switcher.html", "en", "", "public.privacy", ())
    ]
