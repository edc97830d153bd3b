"""Translation gate: every message exists in all four languages, and the catalogues are current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = ["en", "ar", "ti"]


def read_catalogue(path: Path):  # type: ignore[no-untyped-def]
    with path.open("rb") as handle:
        return read_po(handle)


def extract(tmp_path: Path) -> set[str]:
    """Extract the messages from the sources now, as `make translations` does."""
    out = tmp_path / "fresh.pot"
    pybabel = Path(sys.executable).parent / "pybabel"
    subprocess.run(
        [str(pybabel), "extract", "-F", "babel.cfg", "-k", "N_", "-k", "_l", "-o", str(out), "."],
        cwd=ROOT,
        check=True,
    )
    return {m.id if isinstance(m.id, str) else m.id[0] for m in read_catalogue(out) if m.id}


def test_catalogue_template_is_current(tmp_path):
    committed = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in read_catalogue(ROOT / "translations" / "messages.pot")
        if m.id
    }
    fresh = extract(tmp_path)
    assert fresh - committed == set(), "new messages: run `make translations`"
    assert committed - fresh == set(), "messages no longer used: run `make translations`"


@pytest.mark.parametrize("lang", ["nl", *TRANSLATED])
def test_catalogue_holds_every_message(lang):
    template = {m.id for m in read_catalogue(ROOT / "translations" / "messages.pot") if m.id}
    catalogue = read_catalogue(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    assert {m.id for m in catalogue if m.id} >= template, f"{lang} catalogue is stale"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_is_translated_and_not_fuzzy(lang):
    catalogue = read_catalogue(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    untranslated = [
        m.id
        for m in catalogue
        if m.id and not (m.string if isinstance(m.string, str) else all(m.string))
    ]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert untranslated == [], f"{len(untranslated)} untranslated in {lang}: {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy in {lang}: {fuzzy[:5]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_survive_translation(lang):
    import re

    catalogue = read_catalogue(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    pattern = re.compile(r"%\(\w+\)s")
    for message in catalogue:
        if message.id and isinstance(message.id, str) and isinstance(message.string, str):
            assert sorted(pattern.findall(message.id)) == sorted(pattern.findall(message.string)), (
                message.id
            )
