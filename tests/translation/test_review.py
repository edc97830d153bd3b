"""Review status per text and language, and `make translations` keeping it (issue 15, 2 and 4)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from portal.translation import TRANSLATED, report, review
from tests.conftest import ROOT


def test_status_follows_the_review_and_the_translation() -> None:
    record = review.Review("Uw uitkomst", "Your result", "2026-11-25", "translator")
    assert review.status_of(None, "Your result") == review.MACHINE
    assert review.status_of(record, "Your result") == review.REVIEWED
    # Someone changed the translation after the review.
    assert review.status_of(record, "Your outcome") == review.CHANGED
    record.reviewed_msgid = "Uw uitslag"
    assert review.status_of(record, "Your result") == review.CHANGED


def test_sync_moves_a_review_to_the_changed_dutch_text_and_drops_gone_texts() -> None:
    reviews = {
        "Bewaar en ga later verder": review.Review(
            "Bewaar en ga later verder", "Save and continue later", "2026-11-25", "translator"
        ),
        "Een tekst die er niet meer is": review.Review(
            "Een tekst die er niet meer is", "Gone", "2026-11-25", "translator"
        ),
        "Uw uitkomst": review.Review("Uw uitkomst", "Your result", "2026-11-25", "translator"),
    }
    result = review.sync(reviews, ["Uw uitkomst", "Bewaar en ga later weer verder", "Privacy"])
    assert result.moved == [("Bewaar en ga later verder", "Bewaar en ga later weer verder")]
    assert result.dropped == ["Een tekst die er niet meer is"]
    moved = reviews["Bewaar en ga later weer verder"]
    assert moved.reviewed_msgid == "Bewaar en ga later verder"
    assert review.status_of(moved, "Save and continue later") == review.CHANGED
    assert review.status_of(reviews["Uw uitkomst"], "Your result") == review.REVIEWED
    assert set(reviews) == {"Uw uitkomst", "Bewaar en ga later weer verder"}


def test_a_review_file_round_trips_and_names_no_person(tmp_path: Path) -> None:
    (tmp_path / "ar" / "LC_MESSAGES").mkdir(parents=True)
    reviews = {
        "Uw uitkomst": review.Review("Uw uitkomst", "\u200fنتيجتك", "2026-11-25", "interpreter"),
    }
    review.save_reviews("ar", reviews, tmp_path)
    assert review.load_reviews("ar", tmp_path) == reviews
    text = review.review_path("ar", tmp_path).read_text(encoding="utf-8")
    assert "role: interpreter" in text and "\u200f" in text


def test_plural_forms_are_one_text_and_split_back() -> None:
    text = review.text_of(("%(count)s month", "%(count)s months"))
    assert text == "[0] %(count)s month\n[1] %(count)s months"
    assert review.forms_of(text, 2) == ["%(count)s month", "%(count)s months"]
    assert review.forms_of(text, 6) is None
    assert review.forms_of("one line", 2) is None


def test_the_report_counts_rules_texts_apart() -> None:
    lines = report.report_lines(ROOT)
    assert lines[1].split() == ["texts", "reviewed", "machine", "changed", "since", "review"]
    for lang in TRANSLATED:
        found = report.counts(lang, ROOT)
        total = sum(found["all"].values())
        assert 0 < sum(found["rules"].values()) < total
        assert any(line.split()[:2] == [lang, str(total)] for line in lines)


# --- `make translations` keeps the review status (issue 15, item 2) --------------------------


def copy_checkout(target: Path) -> None:
    """Copy what `make translations` reads and writes into `target`."""
    for name in ("Makefile", "babel.cfg", "pyproject.toml"):
        shutil.copy2(ROOT / name, target / name)
    for name in ("portal", "templates", "questionnaires", "translations"):
        shutil.copytree(
            ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo")
        )
    (target / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "glossary.md", target / "docs" / "glossary.md")


def fake_venv(target: Path) -> Path:
    """Return a VENV for make that uses this test run's tools and never reinstalls."""
    venv = target / "venv"
    venv.mkdir()
    (venv / "bin").symlink_to(Path(sys.executable).parent)
    for marker in (".installed-run", ".installed-test"):
        (venv / marker).touch()
    return venv


def test_review_status_survives_make_translations(tmp_path: Path) -> None:
    # Issue 15: the review status must survive extract, update and compile.
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    copy_checkout(checkout)
    translations = checkout / "translations"
    en = review.strings_of(review.read_catalogue("en", translations))
    ar = review.strings_of(review.read_catalogue("ar", translations))
    day, role = "2026-11-25", "translator"
    review.save_reviews(
        "en",
        {
            msgid: review.Review(msgid, en[msgid], day, role)
            for msgid in ("Uw uitkomst", "Bewaar en ga later verder")
        }
        | {
            "Een tekst die er niet meer is": review.Review(
                "Een tekst die er niet meer is", "x", day, role
            )
        },
        translations,
    )
    review.save_reviews(
        "ar",
        {"Uw uitkomst": review.Review("Uw uitkomst", ar["Uw uitkomst"], day, role)},
        translations,
    )
    # A developer changes one Dutch text.
    tools = checkout / "templates" / "check" / "_tools.html"
    tools.write_text(
        tools.read_text(encoding="utf-8").replace(
            "Bewaar en ga later verder", "Bewaar en ga later weer verder"
        ),
        encoding="utf-8",
    )

    venv = fake_venv(tmp_path)
    run = subprocess.run(
        ["make", "--no-print-directory", "translations", f"VENV={venv}"],
        cwd=checkout,
        capture_output=True,
        text=True,
        env={**os.environ, "MAKEFLAGS": ""},
        timeout=300,
    )
    assert run.returncode == 0, run.stderr[-2000:]

    en_after = review.strings_of(review.read_catalogue("en", translations))
    en_reviews = review.load_reviews("en", translations)
    assert (
        review.status_of(en_reviews.get("Uw uitkomst"), en_after["Uw uitkomst"]) == review.REVIEWED
    )
    changed = en_reviews["Bewaar en ga later weer verder"]
    assert changed.reviewed_msgid == "Bewaar en ga later verder"
    assert review.status_of(changed, en_after["Bewaar en ga later weer verder"]) == review.CHANGED
    assert "Een tekst die er niet meer is" not in en_reviews
    ar_after = review.strings_of(review.read_catalogue("ar", translations))
    ar_reviews = review.load_reviews("ar", translations)
    assert review.status_of(ar_reviews["Uw uitkomst"], ar_after["Uw uitkomst"]) == review.REVIEWED
    assert (translations / "ar" / "LC_MESSAGES" / "messages.mo").exists()
    # make translations prints the report.
    rows = {
        line.split()[0]: line.split()[1:]
        for line in run.stdout.splitlines()
        if line[:2] in TRANSLATED
    }
    total = str(len(en_after))
    assert rows["en"] == [total, "1", str(len(en_after) - 2), "1"]
    assert rows["ar"] == [total, "1", str(len(en_after) - 1), "0"]
    assert "the Dutch changed since review" in run.stdout


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_language_has_its_review_file(lang: str) -> None:
    assert review.review_path(lang).exists(), "run `make translations`"
    review.load_reviews(lang)
