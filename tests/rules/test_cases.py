"""Run every rule case in tests/rules/cases/*.yaml; the parametrize id is the case name.

Besides regime, status, authority, term_end and routes, a case may list `says` and
`never_says` (parts of the rendered Dutch texts), `help` (the help codes in order) and
`never_cites` (seed citations "NNN:lines" that no source of the outcome may carry).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.rules import Facts, evaluate
from portal.rules.outcome import Outcome

CASES_DIR = Path(__file__).parent / "cases"


def load_cases() -> list[dict[str, Any]]:
    """Load all cases from every YAML file, remembering the file each came from."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case["file"] = path.name
            cases.append(case)
    return cases


CASES = load_cases()


def test_there_are_at_least_80_cases() -> None:
    assert len(CASES) >= 80


def test_case_names_are_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    assert case.get("sources"), "every case names the seed lines it rests on"
    today = case["today"]
    today = today if isinstance(today, date) else date.fromisoformat(str(today))
    facts = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in case["facts"].items()}
    outcome = evaluate(Facts.from_dict(facts), today)
    expect = case["expect"]
    assert outcome.regime == expect["regime"]
    assert outcome.status == expect["status"]
    if "authority" in expect:
        assert outcome.authority == expect["authority"]
    if "term_end" in expect:
        end = outcome.term.end.isoformat() if outcome.term.end else None
        assert end == (str(expect["term_end"]) if expect["term_end"] else None)
    got = {r.code: r.assessment for r in outcome.routes}
    for code, assessment in expect.get("routes", {}).items():
        assert got[code] == assessment, f"{code}: {got[code]} != {assessment}"
    rendered = all_text(outcome)
    for part in expect.get("says", []):
        assert any(part in text for text in rendered), f"no text contains {part!r}"
    for part in expect.get("never_says", []):
        assert not any(part in text for text in rendered), f"a text contains {part!r}"
    cited = all_sources(outcome)
    for where in expect.get("never_cites", []):
        assert where not in cited, f"cites {where}"
    if "help" in expect:
        assert [h.code for h in outcome.help] == expect["help"]


def all_text(outcome: Outcome) -> list[str]:
    """Return every user text of the outcome, rendered in Dutch with its parameters."""
    texts = [t for r in outcome.routes for t in (*r.why, *r.needs, *r.where)]
    texts += [t for c in outcome.consequences for t in c.text]
    texts += [t for h in outcome.help for t in h.what]
    texts += [t for u in outcome.uncertain for t in (u.text, u.settle_by)]
    return [t.render(number=dutch_number) for t in texts]


def dutch_number(value: int) -> str:
    """Return a whole number as Dutch writes it: 1250 -> "1.250" (the web layer uses Babel)."""
    return f"{value:,}".replace(",", ".")


def all_sources(outcome: Outcome) -> set[str]:
    """Return every seed citation of the outcome as "NNN:lines"."""
    sources = [*outcome.regime_sources, *outcome.term.sources]
    for item in (*outcome.routes, *outcome.consequences, *outcome.help):
        sources += item.sources
    return {f"{s.seed}:{s.lines}" for s in sources if s.seed}
