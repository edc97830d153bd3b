"""Run every rule case in tests/rules/cases/*.yaml; the parametrize id is the case name.

Besides regime, status, authority, term_end and routes, a case may list:
- `why`: per target, parts of the reasons that must appear. The target `outcome` is the
  reasons for the law and the status (Outcome.why); a route code is that route's why, needs
  and where. This tests the reason, not only the verdict (issue 11 item 17).
- `says` and `never_says`: parts of any rendered Dutch text of the outcome;
- `uncertain`: the codes of the open questions that must appear;
- `consequences` and `no_consequences`: consequence codes that must or must not appear;
- `steps`: the codes of the steps "what to do now", in order;
- `help`: the help codes in order;
- `never_cites`: seed citations "NNN:lines" that no source of the outcome may carry;
- `status_cites`: law articles ("<law> <article>") that the sources of the law and the status
  (Outcome.regime_sources) must name.
`sources` names where the expected values come from: a law-in-force point, an official page
or seed lines; never the code's own output.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.rules import Facts, evaluate
from portal.rules.outcome import Outcome, Source

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
    assert case.get("sources"), "every case names the source its expected values come from"
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
    check_reasons_and_codes(outcome, expect)
    rendered = all_text(outcome)
    for part in expect.get("says", []):
        assert any(part in text for text in rendered), f"no text contains {part!r}"
    for part in expect.get("never_says", []):
        assert not any(part in text for text in rendered), f"a text contains {part!r}"
    cited = all_sources(outcome)
    for where in expect.get("never_cites", []):
        assert where not in cited, f"cites {where}"
    articles = {f"{s.law} {s.article}" for s in outcome.regime_sources if s.law}
    for article in expect.get("status_cites", []):
        assert article in articles, f"{article!r} not in {sorted(articles)}"
    if "help" in expect:
        assert [h.code for h in outcome.help] == expect["help"]


def check_reasons_and_codes(outcome: Outcome, expect: dict[str, Any]) -> None:
    """Assert the reasons (why), uncertain items, consequences and steps a case expects."""
    for target, parts in expect.get("why", {}).items():
        reasons = reasons_of(outcome, target)
        for part in parts:
            assert any(part in text for text in reasons), f"{target}: no reason has {part!r}"
    codes = [u.code for u in outcome.uncertain]
    for code in expect.get("uncertain", []):
        assert code in codes, f"no uncertain item {code!r} in {codes}"
    consequence_codes = [c.code for c in outcome.consequences]
    for code in expect.get("consequences", []):
        assert code in consequence_codes, f"no consequence {code!r} in {consequence_codes}"
    for code in expect.get("no_consequences", []):
        assert code not in consequence_codes, f"consequence {code!r} should not appear"
    if "steps" in expect:
        assert [s.code for s in outcome.steps] == expect["steps"]


def reasons_of(outcome: Outcome, target: str) -> list[str]:
    """Return the rendered reasons for the outcome's law and status, or for one route."""
    if target == "outcome":
        texts = list(outcome.why)
    else:
        route = outcome.route(target)
        assert route is not None, f"no route {target!r}"
        texts = [*route.why, *route.needs, *route.where]
    return [t.render(number=dutch_number) for t in texts]


def all_text(outcome: Outcome) -> list[str]:
    """Return every user text of the outcome, rendered in Dutch with its parameters."""
    texts = [t for r in outcome.routes for t in (*r.why, *r.needs, *r.where)]
    texts += [t for c in outcome.consequences for t in c.text]
    texts += [t for h in outcome.help for t in h.what]
    texts += [t for u in outcome.uncertain for t in (u.text, u.settle_by)]
    texts += [*outcome.why, *(s.text for s in outcome.steps)]
    texts += [t for r in outcome.roles for t in r.what]
    return [t.render(number=dutch_number) for t in texts]


def dutch_number(value: int) -> str:
    """Return a whole number as Dutch writes it: 1250 -> "1.250" (the web layer uses Babel)."""
    return f"{value:,}".replace(",", ".")


def source_items(outcome: Outcome) -> list[Source]:
    """Return every source of the outcome."""
    sources = [*outcome.regime_sources, *outcome.term.sources]
    for item in (*outcome.routes, *outcome.consequences, *outcome.help):
        sources += item.sources
    return sources


def all_sources(outcome: Outcome) -> set[str]:
    """Return every seed citation of the outcome as "NNN:lines"."""
    return {f"{s.seed}:{s.lines}" for s in source_items(outcome) if s.seed}
