"""The review sheet: a CSV file (UTF-8) a translator corrects without git or .po files.

`portal translations export LANG` writes one row per text; `portal translations import LANG
FILE` applies the corrections, refuses rows that would break a placeholder or a term, and marks
the accepted rows reviewed. Imports nothing from Flask.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from babel.messages.catalog import Catalog, Message

from portal.translation import ROOT, TRANSLATIONS, places, review
from portal.translation.checks import Exceptions, open_term_problems, placeholder_problem
from portal.translation.terms import TermBase

COLUMNS = ("id", "where", "status", "dutch", "english", "translation", "correction", "approved")
# Invisible characters: a correction made only of these is empty.
_INVISIBLE = re.compile("[\\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]")


def row_id(msgid: str) -> str:
    """Return the stable id of a text in the sheet: 10 hex digits of its Dutch text's SHA-1."""
    return hashlib.sha1(msgid.encode("utf-8")).hexdigest()[:10]


def _plural_count(message: Message) -> int:
    """Return how many plural forms a (plural) message has in this language."""
    return len(message.string) if isinstance(message.string, (tuple, list)) else 1


def _dutch(message: Message) -> str:
    if isinstance(message.id, str):
        return message.id
    return "\n".join(message.id)


def export_rows(
    lang: str, translations: Path = TRANSLATIONS, root: Path = ROOT
) -> list[dict[str, str]]:
    """Return the sheet's rows for one language, in catalogue order.

    :param root: the checkout whose sources say where each text appears.
    """
    catalogue = review.read_catalogue(lang, translations)
    english = review.strings_of(review.read_catalogue("en", translations))
    reviews = review.load_reviews(lang, translations)
    rows = []
    for message in catalogue:
        if not message.id:
            continue
        msgid = review.msgid_of(message.id)
        text = review.text_of(message.string)
        rows.append(
            {
                "id": row_id(msgid),
                "where": places.describe(msgid, root),
                "status": review.status_of(reviews.get(msgid), text),
                "dutch": _dutch(message),
                "english": english.get(msgid, ""),
                "translation": text,
                "correction": "",
                "approved": "",
            }
        )
    return rows


def write_sheet(rows: list[dict[str, str]], handle: TextIO) -> None:
    """Write rows as CSV; open `handle` with encoding="utf-8-sig", newline="" (for Excel)."""
    writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)


def read_sheet(handle: TextIO) -> list[dict[str, str]]:
    """Read a sheet back; raise ValueError when the columns are not the sheet's.

    Spreadsheets set to Dutch save CSV with semicolons: take whichever separator gives the
    sheet's columns.
    """
    text = handle.read()
    wanted = {"id", "translation", "correction", "approved"}
    for delimiter in (",", ";", "\t"):
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        if wanted <= set(reader.fieldnames or ()):
            return [{key: value or "" for key, value in row.items() if key} for row in reader]
    raise ValueError(f"not a review sheet: it needs the columns {', '.join(sorted(wanted))}")


@dataclass
class Refusal:
    """A row that was not applied, and why."""

    row: int
    msgid: str
    reasons: list[str]


@dataclass
class ImportReport:
    """What an import did, row by row."""

    lang: str
    corrected: list[str] = field(default_factory=list)
    approved: list[str] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    left_open: int = 0

    def lines(self) -> list[str]:
        """Return the report as lines of text."""
        out = [
            f"{len(self.corrected)} corrected and {len(self.approved)} approved as they were: "
            "now marked reviewed",
            f"{self.left_open} left open (no correction, not approved)",
            f"{len(self.refused)} refused",
        ]
        for refusal in self.refused:
            short = refusal.msgid if len(refusal.msgid) <= 70 else refusal.msgid[:67] + "..."
            out.append(f'  row {refusal.row}: "{short}"')
            out.extend(f"    {reason}" for reason in refusal.reasons)
        return out


def _is_empty(text: str) -> bool:
    return not _INVISIBLE.sub("", text)


def _check(
    message: Message, text: str, lang: str, base: TermBase, exceptions: Exceptions
) -> list[str]:
    """Return why a new translation of `message` cannot go in, or nothing."""
    msgid = review.msgid_of(message.id)
    if isinstance(message.id, str):
        pairs = [(message.id, text)]
    else:
        forms = review.forms_of(text, _plural_count(message))
        if forms is None:
            return [f"needs {_plural_count(message)} plural forms, one a line: [0] ..., [1] ..."]
        pairs = [(message.id[0] if i == 0 else message.id[1], form) for i, form in enumerate(forms)]
    reasons = []
    for dutch, form in pairs:
        if _is_empty(form):
            reasons.append("the correction is empty")
        problem = placeholder_problem(dutch, form)
        if problem:
            reasons.append(f"the correction {problem}; keep %(name)s placeholders exactly")
    reasons += [
        f"the correction breaks {p} (translations/terms.yaml)"
        for p in open_term_problems(base, msgid, text, lang, exceptions)
    ]
    return list(dict.fromkeys(reasons))


def _store(message: Message, text: str) -> None:
    if isinstance(message.id, str):
        message.string = text
    else:
        message.string = tuple(review.forms_of(text, _plural_count(message)) or ())


def import_rows(
    lang: str,
    rows: list[dict[str, str]],
    role: str,
    day: str,
    base: TermBase,
    exceptions: Exceptions,
    translations: Path = TRANSLATIONS,
) -> ImportReport:
    """Apply a sheet's corrections and approvals to one language; write what was accepted.

    :param role: a key of review.ROLES (a role, never a person's name).
    :param day: the review date, YYYY-MM-DD.
    """
    if role not in review.ROLES:
        raise ValueError(f"unknown role {role!r}: use one of {', '.join(review.ROLES)}")
    catalogue: Catalog = review.read_catalogue(lang, translations)
    reviews = review.load_reviews(lang, translations)
    by_id = {row_id(review.msgid_of(m.id)): m for m in catalogue if m.id}
    report = ImportReport(lang)
    seen: set[str] = set()
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        outcome = _apply(row, by_id, seen, lang, base, exceptions)
        if outcome is None:
            report.left_open += 1
            continue
        message, text, kind, reasons = outcome
        msgid = review.msgid_of(message.id) if message is not None else row.get("dutch", "")
        if reasons or message is None:
            report.refused.append(Refusal(number, msgid, reasons))
            continue
        _store(message, text)
        reviews[msgid] = review.Review(msgid, text, day, role)
        (report.corrected if kind == "corrected" else report.approved).append(msgid)
    if report.corrected or report.approved:
        review.write_catalogue(catalogue, lang, translations)
        review.save_reviews(lang, reviews, translations)
    return report


def _apply(
    row: dict[str, str],
    by_id: dict[str, Message],
    seen: set[str],
    lang: str,
    base: TermBase,
    exceptions: Exceptions,
) -> tuple[Any, str, str, list[str]] | None:
    """Return (message, new text, "corrected"/"approved", reasons to refuse), or None if open."""
    # Spreadsheets may save a line break inside a cell as CR LF.
    correction = row.get("correction", "").replace("\r\n", "\n")
    approved = row.get("approved", "").strip()
    if not correction and not approved:
        return None
    message = by_id.get(row.get("id", "").strip())
    if message is None:
        return None, "", "", ["this text is no longer in the portal: export a new sheet"]
    if row["id"].strip() in seen:
        return message, "", "", ["a second row for the same text"]
    seen.add(row["id"].strip())
    current = review.text_of(message.string)
    if correction:
        return message, correction, "corrected", _check(message, correction, lang, base, exceptions)
    if row.get("translation", "").replace("\r\n", "\n") != current:
        return (
            message,
            current,
            "approved",
            ["the translation changed since the export: export again"],
        )
    return message, current, "approved", _check(message, current, lang, base, exceptions)
