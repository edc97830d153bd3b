"""The term base (translations/terms.yaml): find Dutch terms in a text, check a translation of it.

Also the glossary on the result page ("Woorden uit brieven") and the Babel extractor for its
labels and explanations. Imports nothing from Flask.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from portal.translation import TRANSLATED, TRANSLATIONS

TERMS_FILE = TRANSLATIONS / "terms.yaml"
# The Dutch term must stand at most this many characters from its rendering ("exemption
# (ontheffing)" has 2; Arabic adjectives follow the noun: "مدة الاندماج الخاصة بك (…)").
MAX_GAP = 15
# Letters that glue to a Latin word; other scripts (Arabic, Ethiopic) may glue a prefix to a
# Dutch name ("ንDUO") and still leave the name whole.
_LATIN = "A-Za-zÀ-ÖØ-öø-ÿ"
_CONDITION = re.compile(r"^(always|obliged|(regime|status|route|consequence):[a-z_0-9]+)$")
# Zero-width marks and Arabic vowel signs: a translator may add or leave them out.
_IGNORABLE = re.compile("[\u200e\u200f\u061c\u2066-\u2069\u064b-\u065f\u0670\u0640]")


class TermBaseError(ValueError):
    """terms.yaml is malformed: the message names the entry and the field."""


@dataclass(frozen=True)
class Term:
    """One Dutch term with its agreed renderings."""

    term: str
    label: str
    forms: tuple[str, ...]
    explanation: str
    rendering: dict[str, str]
    accepted: dict[str, tuple[str, ...]]
    name: bool
    result: tuple[str, ...]


@dataclass(frozen=True)
class Found:
    """Where a term (or a name, with term None) stands in a text."""

    term: Term | None
    start: int
    end: int


def _form_pattern(form: str) -> str:
    # Abbreviations (DUO, PIP, NT2) match only in capitals; words in any case.
    body = re.escape(form).replace(r"\ ", r"\s+")
    if not any(char.islower() for char in form):
        return body
    return f"(?i:{body})"


def _boundary(pattern: str) -> str:
    return f"(?<![{_LATIN}0-9-])(?:{pattern})(?![{_LATIN}0-9-])"


def normalise(text: str) -> str:
    """Return text without zero-width marks and Arabic vowel signs, in NFC."""
    return _IGNORABLE.sub("", unicodedata.normalize("NFC", text))


class TermBase:
    """The terms and names of terms.yaml, with the patterns that find them."""

    def __init__(self, terms: list[Term], names: list[str]) -> None:
        self.terms = terms
        self.names = names
        self._owner: dict[str, Term | None] = {}
        self._forms: list[str] = []
        for term in terms:
            for form in term.forms:
                self._claim(form, term)
        for name in names:
            self._claim(name, None)
        # Longest first, so at one position "Wet inburgering 2007" wins over "inburgering".
        ordered = sorted(self._forms, key=len, reverse=True)
        self._pattern = re.compile(_boundary("|".join(_form_pattern(f) for f in ordered)))
        self._rendering_patterns: dict[tuple[str, str], re.Pattern[str]] = {}

    def _claim(self, form: str, term: Term | None) -> None:
        key = form.lower()
        if key in self._owner:
            raise TermBaseError(f"terms.yaml: the Dutch form {form!r} belongs to two entries")
        self._owner[key] = term
        self._forms.append(form)

    def find(self, dutch: str) -> list[Found]:
        """Return the terms and names in a Dutch text, left to right, longest match first."""
        found = []
        for match in self._pattern.finditer(dutch):
            key = " ".join(match.group(0).split()).lower()
            found.append(Found(self._owner[key], match.start(), match.end()))
        return found

    def terms_in(self, dutch: str) -> list[Term]:
        """Return each term in a Dutch text once, in order of appearance (names left out)."""
        seen: list[Term] = []
        for found in self.find(dutch):
            if found.term is not None and found.term not in seen:
                seen.append(found.term)
        return seen

    def renderings_in(self, term: Term, lang: str, text: str) -> list[tuple[int, int]]:
        """Return the spans of the agreed rendering (or an accepted form) of `term` in `text`."""
        pattern = self._rendering_patterns.get((term.term, lang))
        if pattern is None:
            parts = []
            forms = set(term.accepted[lang])
            # Arabic: after the prefix لـ the article ال loses its alif (للإقامة, للاندماج).
            forms |= {form[1:] for form in forms if form.startswith("ال")}
            for form in sorted(forms, key=len, reverse=True):
                body = re.escape(normalise(form)).replace(r"\ ", r"\s+")
                # A Latin word may take an ending (loan -> loans), not a beginning (fine, define).
                parts.append(f"(?<![{_LATIN}]){body}" if form[:1].isascii() else body)
            pattern = re.compile("|".join(parts), re.IGNORECASE)
            self._rendering_patterns[(term.term, lang)] = pattern
        return [m.span() for m in pattern.finditer(text)]

    def dutch_in(self, term: Term, text: str) -> list[tuple[int, int]]:
        """Return the spans of any Dutch form of `term` in a translated text."""
        pattern = re.compile(_boundary("|".join(_form_pattern(f) for f in term.forms)))
        return [m.span() for m in pattern.finditer(text)]


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if isinstance(value, str) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TermBaseError(f"{where}: `{key}` must be a list of texts")
    return tuple(value)


def _term(entry: Any, index: int) -> Term:
    if not isinstance(entry, dict) or not isinstance(entry.get("term"), str):
        raise TermBaseError(f"terms.yaml entry {index + 1}: needs `term`")
    where = f"terms.yaml, term {entry['term']!r}"
    explanation = entry.get("explanation")
    if not isinstance(explanation, str) or not explanation.strip():
        raise TermBaseError(f"{where}: needs a Dutch `explanation`")
    rendering = {}
    for lang in TRANSLATED:
        if not isinstance(entry.get(lang), str) or not entry[lang].strip():
            raise TermBaseError(f"{where}: needs the agreed rendering `{lang}`")
        rendering[lang] = entry[lang]
    also = entry.get("also") or {}
    if not isinstance(also, dict) or set(also) - set(TRANSLATED):
        raise TermBaseError(f"{where}: `also` maps en, ar or ti to a list of forms")
    accepted = {
        lang: (rendering[lang], *_strings(also, lang, f"{where}, also")) for lang in TRANSLATED
    }
    result = _strings(entry, "result", where)
    for condition in result:
        if not _CONDITION.match(condition):
            raise TermBaseError(f"{where}: unknown result condition {condition!r}")
    unknown = set(entry) - {"term", "label", "forms", "explanation", "also", "result", "name"}
    unknown -= set(TRANSLATED)
    if unknown:
        raise TermBaseError(f"{where}: unknown field(s) {sorted(unknown)}")
    return Term(
        term=entry["term"],
        label=entry.get("label") or entry["term"],
        forms=(entry["term"], *_strings(entry, "forms", where)),
        explanation=" ".join(explanation.split()),
        rendering=rendering,
        accepted=accepted,
        name=bool(entry.get("name")),
        result=result,
    )


def parse(text: str) -> TermBase:
    """Build a TermBase from the text of a terms.yaml file; raise TermBaseError when malformed."""
    data = yaml.safe_load(text) or {}
    entries = data.get("terms")
    if not isinstance(entries, list):
        raise TermBaseError("terms.yaml: needs a `terms` list")
    names = data.get("names") or []
    return TermBase([_term(entry, i) for i, entry in enumerate(entries)], list(names))


@functools.cache
def load(path: Path = TERMS_FILE) -> TermBase:
    """Return the term base in `path` (read once per process)."""
    return parse(path.read_text(encoding="utf-8"))


def is_sentence(dutch: str) -> bool:
    """Return True when a Dutch text is a sentence, not a label: it ends like one."""
    return bool(re.search(r"[.?!][\"”’)]*\s*$", dutch.strip()))


def rendering_problems(
    base: TermBase, msgid: str, msgstr: str, lang: str
) -> list[tuple[Term, str]]:
    """Return (term, what to fix) for each term of `msgid` that `msgstr` renders wrongly.

    A name must stay in the translation. A term needs its agreed rendering (or an accepted
    form), and in a sentence the Dutch term right beside it, so people recognise the word in
    their letters.
    """
    text = normalise(msgstr)
    problems: list[tuple[Term, str]] = []
    for term in base.terms_in(msgid):
        dutch = base.dutch_in(term, text)
        if term.name:
            if not dutch:
                problems.append((term, f'keep the name "{term.term}" in the translation'))
            continue
        renderings = base.renderings_in(term, lang, text)
        agreed = term.rendering[lang]
        if msgid.strip().lower() in (term.term.lower(), term.label.lower()):
            # The term on its own (a glossary label): exactly the agreed rendering.
            if text.strip().lower() != normalise(agreed).lower():
                problems.append((term, f'translate the term on its own as "{agreed}"'))
            continue
        others = [form for form in term.accepted[lang] if form != agreed]
        also = f" (or {', '.join(others)})" if others else ""
        if not renderings:
            problems.append((term, f'use the agreed rendering "{agreed}"{also}'))
        elif is_sentence(msgid) and not _beside(renderings, _widen(dutch, text)):
            problems.append((term, f'put the Dutch "({term.term})" right after "{agreed}"{also}'))
    return problems


def _widen(spans: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Widen each span to the brackets or quotes it stands in: "(verlenging van de termijn)"."""
    groups = [m.span() for m in re.finditer(r"\([^()]*\)|[\"“«„][^\"”»“]*[\"”»“]", text)]
    widened = []
    for start, end in spans:
        around = [(s, e) for s, e in groups if s <= start and end <= e]
        widened.append(min(around, key=lambda g: g[1] - g[0]) if around else (start, end))
    return widened


def _beside(renderings: list[tuple[int, int]], dutch: list[tuple[int, int]]) -> bool:
    return any(
        max(d_start - r_end, r_start - d_end) <= MAX_GAP
        for r_start, r_end in renderings
        for d_start, d_end in dutch
    )


def glossary_for(base: TermBase, outcome: Any) -> list[Term]:
    """Return the terms the result page explains for this outcome, in term-base order."""
    facts = {"always"}
    if outcome.regime in ("wi2007", "wi2013", "wi2021"):
        facts.add("obliged")
    facts.add(f"regime:{outcome.regime}")
    facts.add(f"status:{outcome.status}")
    facts.update(f"route:{route.code}" for route in outcome.routes)
    facts.update(f"consequence:{item.kind}" for item in outcome.consequences)
    return [term for term in base.terms if facts.intersection(term.result)]


def extract(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield Babel messages: label and explanation of each term the result page shows."""
    node = yaml.compose(fileobj.read().decode("utf-8"))
    if node is None:
        return
    for key, value in node.value:
        if key.value != "terms":
            continue
        for entry in value.value:
            fields = {k.value: v for k, v in entry.value}
            if "result" not in fields:
                continue
            label = fields.get("label") or fields["term"]
            yield label.start_mark.line + 1, "", label.value, []
            explanation = fields["explanation"]
            yield explanation.start_mark.line + 1, "", " ".join(explanation.value.split()), []


def glossary_markdown(base: TermBase) -> str:
    """Return docs/glossary.md: every term with its B1 explanation and agreed renderings."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        "# Glossary: Dutch terms from letters",
        "",
        "Generated from `translations/terms.yaml` by `make translations`: edit that file, not",
        "this one. The renderings are the agreed ones; in a sentence the Dutch term follows in",
        "brackets (docs/translations.md). Names and abbreviations (marked *name*) stay Dutch in",
        "every language; their columns say what they mean.",
        "",
        "| Dutch term | Explanation (B1) | English | العربية | ትግርኛ |",
        "|---|---|---|---|---|",
    ]
    for term in base.terms:
        dutch = term.label + (" *(name)*" if term.name else "")
        forms = [f for f in term.forms[1:] if not re.search(rf"\b{re.escape(f)}\b", term.label)]
        if forms:
            dutch += " (also: " + ", ".join(forms) + ")"
        row = [dutch, term.explanation, *(term.rendering[lang] for lang in TRANSLATED)]
        lines.append("| " + " | ".join(cell(value) for value in row) + " |")
    lines += ["", "Names that stay Dutch: " + ", ".join(base.names) + ".", ""]
    return "\n".join(lines)
