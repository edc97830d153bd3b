"""`portal translations report|check|sync` on the real checkout (issue 15, items 4 and 5)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from portal import cli
from tests.conftest import ROOT


def test_report_prints_each_language_with_its_rules_texts(capsys: pytest.CaptureFixture[str]):
    assert cli.main(["translations", "report"]) == 0
    lines = capsys.readouterr().out.splitlines()
    labels = [line.split()[0] for line in lines[2:]]
    assert labels == ["en", "rules", "ar", "rules", "ti", "rules"]


def test_check_passes_on_the_checkout(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["translations", "check"]) == 0
    assert "all texts pass" in capsys.readouterr().out


def test_check_names_a_broken_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "translations", root / "translations")
    shutil.copy2(ROOT / "babel.cfg", root / "babel.cfg")
    for name in ("portal", "templates", "questionnaires"):
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("__pycache__"))
    pot = root / "translations" / "messages.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8") + '\nmsgid "Indien u dit leest, dient u te bellen."\n'
        'msgstr ""\n',
        encoding="utf-8",
    )
    # The text lives only in this checkout, so its place must be found under --root.
    (root / "templates" / "extra.html").write_text(
        '<p>\n{{ _("Indien u dit leest, dient u te bellen.") }}</p>\n', encoding="utf-8"
    )
    assert cli.main(["translations", "check", "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert '"Indien u dit leest, dient u te bellen."\n    in templates/extra.html:2\n' in out
    assert 'officialese "Indien"; write "als" instead' in out
    assert 'write "moeten" instead' in out


def test_sync_writes_the_glossary_when_the_term_base_changes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "translations", root / "translations")
    (root / "docs").mkdir()
    shutil.copy2(ROOT / "docs" / "glossary.md", root / "docs" / "glossary.md")
    assert cli.main(["translations", "sync", "--root", str(root)]) == 0
    assert capsys.readouterr().out == ""  # nothing to do
    terms = root / "translations" / "terms.yaml"
    terms.write_text(
        terms.read_text(encoding="utf-8").replace("en: quality mark", "en: quality label"),
        encoding="utf-8",
    )
    assert cli.main(["translations", "sync", "--root", str(root)]) == 0
    assert "docs/glossary.md written" in capsys.readouterr().out
    assert "| quality label |" in (root / "docs" / "glossary.md").read_text(encoding="utf-8")
