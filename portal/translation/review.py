"""Review status per text and language, in translations/<lang>/LC_MESSAGES/review.yaml.

A text is `machine` (no review), `reviewed` (a reviewer, named by role and never by name,
checked this translation on a date) or `changed since review` (the Dutch text or the
translation changed after that review). `make translations` keeps the file in step with the
catalogue (sync). Imports nothing from Flask.
"""

from __future__ import annotations

import difflib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from portal.translation import TRANSLATIONS, catalogue_path

MACHINE = "machine"
REVIEWED = "reviewed"
CHANGED = "changed since review"
# Who reviewed, as a role: the file is public and a reviewer's name is personal data.
ROLES = {
    "translator": "professional translator, native speaker",
    "interpreter": "interpreter, native speaker",
    "municipality": "staff member of a municipality, native speaker",
    "coach": "language coach, native speaker",
}
# A Dutch text that changed keeps its review record when the new text is this similar to the
# old one (difflib ratio; Babel's fuzzy matching uses 0.6 too). Below it, the text is new.
SIMILAR = 0.6
# Translated catalogues are written 100 wide, as `make translations` writes them.
PO_WIDTH = 100
# LibYAML's loader is faster; PyYAML built without LibYAML has no CSafeLoader.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_HEADER = (
    "# Review status of the {lang} translations in messages.po (docs/translations.md).\n"
    "# One entry per reviewed text: the Dutch text, the translation as reviewed, the date and\n"
    "# the reviewer's role. Written by `portal translations import` and `make translations`.\n"
)


@dataclass
class Review:
    """A review of one translation: what was reviewed, when, and by whom (a role)."""

    msgid: str
    translation: str
    date: str
    role: str
    # The Dutch text as it was reviewed, when it has changed since.
    reviewed_msgid: str | None = None

    def to_dict(self) -> dict[str, str]:
        data = {
            "msgid": self.msgid,
            "translation": self.translation,
            "date": self.date,
            "role": self.role,
        }
        if self.reviewed_msgid is not None:
            data["reviewed_msgid"] = self.reviewed_msgid
        return data


def review_path(lang: str, translations: Path = TRANSLATIONS) -> Path:
    """Return the review file beside a language's catalogue."""
    return translations / lang / "LC_MESSAGES" / "review.yaml"


def load_reviews(lang: str, translations: Path = TRANSLATIONS) -> dict[str, Review]:
    """Return msgid -> Review for one language (empty when nothing was reviewed yet)."""
    path = review_path(lang, translations)
    if not path.exists():
        return {}
    entries = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or []
    if not isinstance(entries, list):
        raise ValueError(f"{path}: a list of reviews expected")
    reviews = {}
    for number, entry in enumerate(entries, start=1):
        fields = ("msgid", "translation", "role")
        if (
            not isinstance(entry, dict)
            or not all(isinstance(entry.get(f), str) for f in fields)
            or not isinstance(entry.get("date"), str | date)  # YAML reads 2026-11-25 as a date
        ):
            raise ValueError(f"{path}, entry {number}: needs msgid, translation, date and role")
        review = Review(
            msgid=entry["msgid"],
            translation=entry["translation"],
            date=str(entry["date"]),
            role=entry["role"],
            reviewed_msgid=entry.get("reviewed_msgid"),
        )
        reviews[review.msgid] = review
    return reviews


def save_reviews(lang: str, reviews: dict[str, Review], translations: Path = TRANSLATIONS) -> None:
    """Write a language's review file, sorted by msgid so that changes diff well."""
    entries = [reviews[msgid].to_dict() for msgid in sorted(reviews)]
    body = (
        yaml.safe_dump(entries, allow_unicode=True, sort_keys=False, width=100) if entries else ""
    )
    review_path(lang, translations).write_text(_HEADER.format(lang=lang) + body, encoding="utf-8")


def status_of(review: Review | None, translation: str) -> str:
    """Return the status of a text from its review (or None) and its translation now."""
    if review is None:
        return MACHINE
    if review.reviewed_msgid is not None or review.translation != translation:
        return CHANGED
    return REVIEWED


def statuses(strings: dict[str, str], reviews: dict[str, Review]) -> dict[str, str]:
    """Return msgid -> status for every text of a catalogue (msgid -> translation)."""
    return {msgid: status_of(reviews.get(msgid), text) for msgid, text in strings.items()}


@dataclass
class SyncResult:
    """What `sync` did: records moved to a changed Dutch text, and records of texts now gone."""

    moved: list[tuple[str, str]] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)


def sync(reviews: dict[str, Review], msgids: Iterable[str]) -> SyncResult:
    """Keep review records in step with the catalogue's msgids, in place.

    A record whose Dutch text is gone moves to the most similar new text without a record
    (that text is then `changed since review`); when none is similar enough, it goes.
    """
    current = list(msgids)
    present = set(current)
    result = SyncResult()
    orphans = [msgid for msgid in reviews if msgid not in present]
    candidates = [msgid for msgid in current if msgid not in reviews]
    for old in orphans:
        record = reviews.pop(old)
        match = difflib.get_close_matches(old, candidates, n=1, cutoff=SIMILAR)
        if not match:
            result.dropped.append(old)
            continue
        new = match[0]
        candidates.remove(new)
        record.reviewed_msgid = record.reviewed_msgid or old
        record.msgid = new
        reviews[new] = record
        result.moved.append((old, new))
    return result


def read_catalogue(lang: str, translations: Path = TRANSLATIONS) -> Catalog:
    """Read a language's messages.po."""
    with catalogue_path(lang, translations).open("rb") as handle:
        return read_po(handle, locale=lang)


def write_catalogue(catalogue: Catalog, lang: str, translations: Path = TRANSLATIONS) -> None:
    """Write a language's messages.po (as `make translations` does) and compile its .mo."""
    out = io.BytesIO()
    write_po(out, catalogue, width=PO_WIDTH, ignore_obsolete=True, include_previous=False)
    catalogue_path(lang, translations).write_bytes(out.getvalue())
    with catalogue_path(lang, translations).with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalogue)


def text_of(string: str | tuple[str, ...] | list[str] | None) -> str:
    """Return a translation as one text; plural forms on their own lines: "[0] …\n[1] …"."""
    if string is None:
        return ""
    if isinstance(string, str):
        return string
    return "\n".join(f"[{index}] {form}" for index, form in enumerate(string))


def forms_of(text: str, count: int) -> list[str] | None:
    """Split a text made by text_of() into `count` plural forms; None when it does not fit."""
    lines = text.split("\n")
    forms = []
    for index, line in enumerate(lines):
        prefix = f"[{index}] "
        if not line.startswith(prefix):
            return None
        forms.append(line[len(prefix) :])
    return forms if len(forms) == count else None


def msgid_of(message_id: str | tuple[str, ...] | list[str]) -> str:
    """Return the key of a message: its msgid, or the singular of a plural message."""
    return message_id if isinstance(message_id, str) else message_id[0]


def strings_of(catalogue: Catalog) -> dict[str, str]:
    """Return msgid -> translation (text_of) for every message of a catalogue."""
    return {msgid_of(m.id): text_of(m.string) for m in catalogue if m.id}
