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
    from portal.translation.checks import placeholder_problem

    catalogue = read_catalogue(ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po")
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        if isinstance(message.id, str):
            pairs = [(message.id, message.string)]
        else:
            # Plural forms: the first goes with the singular msgid, the others with the plural,
            # as the review sheet pairs them (portal/translation/sheet.py).
            singular, plural = message.id[0], message.id[1]
            pairs = [(singular if i == 0 else plural, f) for i, f in enumerate(message.string)]
        for dutch, form in pairs:
            if form and (problem := placeholder_problem(dutch, form)):
                problems.append(f"{dutch!r}: {problem}")
    assert problems == [], f"{len(problems)} in {lang}:\n" + "\n".join(problems)


def parameter_names() -> list[str]:
    base = ROOT / "portal" / "rules" / "parameters"
    return sorted(str(p.relative_to(base).with_suffix("")) for p in base.rglob("*.yaml"))


def test_every_route_code_has_a_result_partial_and_a_rules_doc_entry():
    from portal.rules import ROUTE_CODES

    rules_doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for code in ROUTE_CODES:
        assert (ROOT / "templates" / "result" / "routes" / f"{code}.html").exists(), code
        assert f"`{code}`" in rules_doc, f"docs/rules.md does not describe {code}"


def test_every_parameter_is_described_in_the_rules_doc():
    rules_doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    names = parameter_names()
    assert names
    missing = [name for name in names if name not in rules_doc]
    assert missing == [], f"parameters without an entry in docs/rules.md: {missing}"


def test_glossary_lists_each_term_with_its_dutch_original():
    glossary = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for term in (
        "inburgeringsplicht",
        "ontheffing",
        "vrijstelling",
        "boete",
        "inburgeringstermijn",
    ):
        assert term in glossary.lower(), term


def test_every_questionnaire_text_reaches_the_catalogue():
    # Regression: a wrong babel.cfg once extracted nothing from the YAML, silently.
    import yaml

    from portal.i18n import TEXT_KEYS

    template = {m.id for m in read_catalogue(ROOT / "translations" / "messages.pot") if m.id}
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key in TEXT_KEYS and isinstance(value, str):
                    texts.append(" ".join(value.split()) if "\n" in value else value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in (ROOT / "questionnaires").glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert texts
    missing = [text for text in texts if text not in template]
    assert missing == [], f"{len(missing)} questionnaire texts not in messages.pot: {missing[:3]}"
