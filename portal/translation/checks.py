"""The translation checks over whole catalogues, with their exceptions and readable messages.

The term check, the placeholder check and the B1 check, as the tests and `portal translations
import` run them. Texts that break a check on purpose are listed, each with its reason, in
translations/exceptions.yaml. Imports nothing from Flask.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel.messages.pofile import read_po

from portal.translation import TRANSLATED, TRANSLATIONS, b1, places
from portal.translation.review import forms_of, msgid_of, read_catalogue, strings_of
from portal.translation.terms import TermBase, rendering_problems

EXCEPTIONS_FILE = TRANSLATIONS / "exceptions.yaml"
PLACEHOLDER = re.compile(r"%(?:\(\w+\))?[sdif]")
_B1_RULES = ("sentence-length", "officialese", "long-word")


@dataclass
class Exceptions:
    """The texts that may break a check, each with a reason (translations/exceptions.yaml)."""

    b1: dict[tuple[str, str], str] = field(default_factory=dict)
    terms: dict[tuple[str, str, str], str] = field(default_factory=dict)


def parse_exceptions(text: str, source: str = "exceptions.yaml") -> Exceptions:
    """Read the exceptions; raise ValueError naming the entry when one lacks a field."""
    data = yaml.safe_load(text) or {}
    found = Exceptions()
    for index, entry in enumerate(data.get("b1") or []):
        where = f"{source}, b1 entry {index + 1}"
        if not entry.get("reason") or entry.get("rule") not in _B1_RULES or not entry.get("msgid"):
            raise ValueError(f"{where}: needs msgid, rule ({', '.join(_B1_RULES)}) and reason")
        found.b1[(entry["msgid"], entry["rule"])] = entry["reason"]
    for index, entry in enumerate(data.get("terms") or []):
        where = f"{source}, terms entry {index + 1}"
        if not entry.get("reason") or not entry.get("term") or not entry.get("msgid"):
            raise ValueError(f"{where}: needs msgid, term and reason (and lang: [en, ar, ti])")
        for lang in entry.get("lang") or ("en", "ar", "ti"):
            found.terms[(entry["msgid"], entry["term"], lang)] = entry["reason"]
    return found


@functools.cache
def load_exceptions(path: Path = EXCEPTIONS_FILE) -> Exceptions:
    """Return the exceptions in `path` (read once per process)."""
    return parse_exceptions(path.read_text(encoding="utf-8"), path.name)


def placeholder_problem(msgid: str, translation: str) -> str | None:
    """Return what a translation does wrong with the %(name)s placeholders, or None."""
    wanted, got = PLACEHOLDER.findall(msgid), PLACEHOLDER.findall(translation)
    lost = [p for p in dict.fromkeys(wanted) if got.count(p) < wanted.count(p)]
    added = [p for p in dict.fromkeys(got) if got.count(p) > wanted.count(p)]
    parts = []
    if lost:
        parts.append("loses the placeholder " + ", ".join(lost))
    if added:
        parts.append("adds the placeholder " + ", ".join(added))
    return "; ".join(parts) or None


def term_problems(base: TermBase, msgid: str, text: str, lang: str) -> list[tuple[str, str]]:
    """Return (term, what to fix) for a translation (a text_of() text) against the term base.

    Plural forms are checked one by one; exceptions are not applied here.
    """
    forms = [text]
    if text.startswith("[0] "):
        forms = forms_of(text, text.count("\n") + 1) or [text]
    found: list[tuple[str, str]] = []
    for form in forms:
        for term, fix in rendering_problems(base, msgid, form, lang):
            if (term.term, fix) not in found:
                found.append((term.term, fix))
    return found


def open_term_problems(
    base: TermBase, msgid: str, text: str, lang: str, exceptions: Exceptions
) -> list[str]:
    """Return what to fix for the term base, leaving out the terms an exception allows."""
    return [
        f'the term "{term}": {fix}'
        for term, fix in term_problems(base, msgid, text, lang)
        if (msgid, term, lang) not in exceptions.terms
    ]


def b1_problems(msgid: str, base: TermBase, exceptions: Exceptions) -> list[b1.Problem]:
    """Return the B1 problems of a Dutch msgid that no exception covers."""
    return [p for p in b1.problems(msgid, base) if (msgid, p.rule) not in exceptions.b1]


def describe_b1(msgid: str, found: list[b1.Problem], root: Path) -> str:
    """Return a failure message for one msgid: where it is in `root`, what is wrong, the fix."""
    lines = [f'"{msgid}"', f"    in {places.source_of(msgid, root)}"]
    for problem in found:
        lines.append(f"    {problem.rule}: {problem.detail}; {problem.fix}")
    return "\n".join(lines)


def unused_exceptions(
    exceptions: Exceptions, used_b1: set[tuple[str, str]], used_terms: set[tuple[str, str, str]]
) -> list[str]:
    """Return the exceptions that no longer silence anything: remove them from the file."""
    stale = [
        f"b1: {msgid!r} ({rule})" for msgid, rule in exceptions.b1 if (msgid, rule) not in used_b1
    ]
    stale += [
        f"terms: {msgid!r} ({term}, {lang})"
        for msgid, term, lang in exceptions.terms
        if (msgid, term, lang) not in used_terms
    ]
    return stale


def msgids(root: Path) -> list[str]:
    """Return the msgids of messages.pot (the singular of plural messages)."""
    with (root / "translations" / "messages.pot").open("rb") as handle:
        return [msgid_of(m.id) for m in read_po(handle) if m.id]


def b1_failures(base: TermBase, exceptions: Exceptions, root: Path) -> list[str]:
    """Return one message per Dutch msgid that breaks a B1 rule (no exception covers it)."""
    return [
        describe_b1(msgid, found, root)
        for msgid in msgids(root)
        if (found := b1_problems(msgid, base, exceptions))
    ]


def term_failures(lang: str, base: TermBase, exceptions: Exceptions, root: Path) -> list[str]:
    """Return one message per translation that renders a term differently from the term base."""
    failures = []
    for msgid, text in strings_of(read_catalogue(lang, root / "translations")).items():
        found = open_term_problems(base, msgid, text, lang, exceptions)
        if found:
            lines = [f'"{msgid}"', f"    {lang}: {text}", f"    in {places.source_of(msgid, root)}"]
            lines += [f"    {problem}" for problem in found]
            failures.append("\n".join(lines))
    return failures


def used_exceptions(
    base: TermBase, root: Path
) -> tuple[set[tuple[str, str]], set[tuple[str, str, str]]]:
    """Return the (msgid, rule) and (msgid, term, lang) keys that really break a check now."""
    used_b1 = {(msgid, p.rule) for msgid in msgids(root) for p in b1.problems(msgid, base)}
    used_terms = set()
    for lang in TRANSLATED:
        for msgid, text in strings_of(read_catalogue(lang, root / "translations")).items():
            used_terms |= {
                (msgid, term, lang) for term, _ in term_problems(base, msgid, text, lang)
            }
    return used_b1, used_terms
