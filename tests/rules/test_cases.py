"""Run every rule case in tests/rules/cases/*.yaml; the parametrize id is the case name.

Besides regime, status, authority, term_end and routes, a case may list:
- `why`: per target, parts of the reasons that must appear. The target `outcome` is the
  reasons for the law and the status (Outcome.why); a route code is that route's why, needs
  and where. This tests the reason, not only the verdict (issue 11 item 17).
- `says` and `never_says`: parts of any rendered Dutch text of the outcome;
- `uncertain` and `no_uncertain`: the codes of the open questions that must or must not appear;
- `consequences` and `no_consequences`: consequence codes that must or must not appear;
- `steps`: the codes of the steps "what to do now", in order;
- `help`: the help codes in order;
- `never_cites`: seed citations "NNN:lines" that no source of the outcome may carry;
- `status_cites`: law articles ("<law> <article>") that the sources of the law and the status
  (Outcome.regime_sources) must name.
`sources` names where the expected values come from: a law-in-force point, an official page
or seed lines; never the code's own output.
A key not listed here, or an empty list or mapping under a key that lists what must (not)
appear, fails the case: a misspelled `uncertian:` or an empty `why:` would otherwise test nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from portal.rules import ROUTE_CODES, Facts, evaluate
from portal.rules.outcome import ASSESSMENTS, Outcome, Source

CASES_DIR = Path(__file__).parent / "cases"
CASE_KEYS = {"name", "today", "facts", "expect", "sources", "file"}
# The keys of `expect`. Those in NON_EMPTY list what must (not) appear, so an empty list or
# mapping under them asserts nothing; `steps` and `help` compare whole lists, where [] says "none".
EXPECT_KEYS = {
    "regime",
    "status",
    "authority",
    "term_end",
    "routes",
    "why",
    "says",
    "never_says",
    "uncertain",
    "no_uncertain",
    "consequences",
    "no_consequences",
    "steps",
    "help",
    "never_cites",
    "status_cites",
}
NON_EMPTY = EXPECT_KEYS - {"regime", "status", "authority", "term_end", "steps", "help"}


def load_cases() -> list[dict[str, Any]]:
    """Load all cases from every YAML file, remembering the file each came from."""
    cases = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            case["file"] = path.name
            cases.append(case)
    return cases


CASES = load_cases()


def case_today(case: dict[str, Any]) -> date:
    """Return the reference date of a case (YAML gives a date, or a string for odd values)."""
    today = case["today"]
    return today if isinstance(today, date) else date.fromisoformat(str(today))


def case_facts(case: dict[str, Any]) -> dict[str, Any]:
    """Return the facts of a case as Facts.from_dict takes them: dates as ISO strings."""
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in case["facts"].items()}


def shape_errors(case: dict[str, Any]) -> list[str]:
    """Return what is wrong with the keys of a case: unknown keys, empty expectations."""
    errors = [f"unknown case key {key!r}" for key in sorted(set(case) - CASE_KEYS)]
    sources = case.get("sources")
    if not isinstance(sources, list) or not sources or not all(sources):
        errors.append("`sources` must be a non-empty list naming where the values come from")
    expect = case.get("expect")
    if not isinstance(expect, dict):
        return [*errors, "`expect` must be a mapping"]
    errors += [f"unknown expect key {key!r}" for key in sorted(set(expect) - EXPECT_KEYS)]
    errors += [f"{key!r} is required" for key in ("regime", "status") if key not in expect]
    for key in sorted(NON_EMPTY & set(expect)):
        errors += _value_errors(key, expect[key])
    errors += [
        f"{key!r} must be a list"
        for key in ("steps", "help")
        if key in expect and not isinstance(expect[key], list)
    ]
    return errors


def _value_errors(key: str, value: Any) -> list[str]:
    """Return what is wrong with one expectation that lists what must (not) appear."""
    if key not in ("routes", "why"):
        if isinstance(value, list) and value and all(value):
            return []
        return [f"{key!r} must be a non-empty list without empty items"]
    if not isinstance(value, dict) or not value:
        return [f"{key!r} must be a non-empty mapping"]
    if key == "why":
        return [
            f"why {target!r} must be a non-empty list of text parts"
            for target, parts in value.items()
            if not isinstance(parts, list) or not parts or not all(parts)
        ]
    errors = [f"unknown route {code!r}" for code in value if code not in ROUTE_CODES]
    errors += [
        f"route {code!r}: unknown assessment {assessment!r}"
        for code, assessment in value.items()
        if assessment not in ASSESSMENTS
    ]
    return errors


def test_there_are_at_least_80_cases() -> None:
    assert len(CASES) >= 80


def test_case_names_are_unique() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names))


def test_a_misspelled_or_empty_expectation_fails_the_case() -> None:
    case = {
        "name": "x",
        "today": "2024-01-01",
        "facts": {},
        "sources": ["001:201-227"],
        "expect": {"regime": "unknown", "status": "unknown", "uncertian": ["age"], "why": {}},
    }
    assert shape_errors(case) == [
        "unknown expect key 'uncertian'",
        "'why' must be a non-empty mapping",
    ]
    case["expect"] = {"regime": "unknown", "status": "unknown", "says": [], "why": {"outcome": []}}
    assert shape_errors(case) == [
        "'says' must be a non-empty list without empty items",
        "why 'outcome' must be a non-empty list of text parts",
    ]
    assert shape_errors({**case, "expect": {"regime": "unknown", "status": "unknown"}}) == []


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    errors = shape_errors(case)
    assert not errors, "; ".join(errors)
    outcome = evaluate(Facts.from_dict(case_facts(case)), case_today(case))
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
    for code in expect.get("no_uncertain", []):
        assert code not in codes, f"uncertain item {code!r} should not appear"
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
