"""The Dutch B1 check on every msgid: short sentences, no officialese, long words only as terms.

Imports nothing from Flask. Texts that break a rule on purpose are listed, with the reason, in
translations/exceptions.yaml (portal/translation/checks.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.translation.terms import TermBase

MAX_SENTENCE_WORDS = 20
# Longer words are hard to read at B1, unless people meet them in letters (the term base).
MAX_WORD_LETTERS = 15

# Officialese and the plain word to use instead. Each key is a regular expression matched on
# whole words, case-insensitive. A word in quotes is being explained, and counts as fine.
OFFICIALESE: dict[str, str] = {
    r"indien": "als",
    r"teneinde|ten einde": "om ... te",
    r"middels": "met",
    r"alsmede": "en, ook",
    r"derhalve": "daarom",
    r"(dien|dient|dienen|diende|dienden)(\s+[^\s.,;:?!]+){0,6}?\s+te": "moeten",
    r"conform": "volgens",
    r"inzake": "over",
    r"reeds": "al",
    r"thans": "nu",
    r"ingevolge|krachtens": "volgens",
    r"tevens|eveneens|voorts": "ook",
    r"echter|evenwel|doch": "maar",
    r"zulks": "dat",
    r"hetgeen": "wat",
    r"voornoemde?|bovengenoemde?|onderhavige?": "deze, die",
    r"alvorens": "voordat",
    r"aangaande|omtrent|betreffende|ter zake": "over",
    r"wederom": "weer",
    r"mits": "als",
    r"ingeval|in geval van": "als, bij",
    r"jegens": "tegenover",
    r"aldus": "zo",
    r"ten behoeve van": "voor",
    r"in het kader van": "bij, voor",
    r"met betrekking tot|ten aanzien van": "over",
    r"ten gevolge van|dientengevolge": "door, daardoor",
    r"dan wel": "of",
    r"desgewenst": "als u wilt",
    r"nadien": "daarna",
    r"aangezien": "omdat",
    r"opdat": "zodat",
    r"woonachtig": "wonen",
    r"verstrekken|verstrekt|verstrekte": "geven",
    r"retourneren": "terugsturen",
    r"gelieve": "wilt u",
    r"onverwijld": "meteen",
    r"zonodig|zo nodig": "als het nodig is",
    r"alwaar": "waar",
    r"redelijkerwijs": "echt, toch",
    r"eventueel|eventuele": "misschien, soms",
    r"overschrijding": "te laat zijn",
}
_OFFICIALESE = [
    (re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.IGNORECASE), plain)
    for pattern, plain in OFFICIALESE.items()
]
_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|„[^”“]*[”“]|«[^»]*»|‘[^’]*’")
_SENTENCE_END = re.compile(r"(?<=[.?!])[\"”’)]*\s+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@dataclass(frozen=True)
class Problem:
    """One B1 rule a Dutch text breaks: the rule's name, what is wrong, and how to fix it."""

    rule: str  # "sentence-length", "officialese" or "long-word"
    detail: str
    fix: str


def _mask(text: str, pattern: re.Pattern[str]) -> str:
    """Replace the matches of `pattern` with spaces, keeping every other position."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def sentences(text: str) -> list[str]:
    """Split a text into sentences at . ? ! followed by a space (or the end)."""
    return [part for part in _SENTENCE_END.split(" ".join(text.split())) if part.strip()]


def word_count(sentence: str) -> int:
    """Count the words: runs of text with a letter or digit (a placeholder is one word)."""
    return sum(1 for token in sentence.split() if any(c.isalnum() for c in token))


def problems(msgid: str, base: TermBase) -> list[Problem]:
    """Return the B1 rules a Dutch msgid breaks."""
    found: list[Problem] = []
    for sentence in sentences(msgid):
        count = word_count(sentence)
        if count > MAX_SENTENCE_WORDS:
            found.append(
                Problem(
                    "sentence-length",
                    f'a sentence of {count} words (at most {MAX_SENTENCE_WORDS}): "{sentence}"',
                    "split it into two sentences",
                )
            )
    unquoted = _mask(msgid, _QUOTED)
    for pattern, plain in _OFFICIALESE:
        for match in pattern.finditer(unquoted):
            found.append(
                Problem(
                    "officialese",
                    f'officialese "{" ".join(match.group(0).split())}"',
                    f'write "{plain}" instead, or explain the word in quotes',
                )
            )
    # Terms and names from the term base may be long: people meet them in letters.
    plain_text = unquoted
    for term in base.find(unquoted):
        plain_text = (
            plain_text[: term.start] + " " * (term.end - term.start) + plain_text[term.end :]
        )
    for match in _WORD.finditer(plain_text):
        word = match.group(0)
        longest = max(len(part) for part in re.split(r"['’-]", word))
        if longest > MAX_WORD_LETTERS and not word.isupper():
            found.append(
                Problem(
                    "long-word",
                    f'the long word "{word}" ({longest} letters, at most {MAX_WORD_LETTERS})',
                    "use shorter words, split the compound with a hyphen or add the term to "
                    "translations/terms.yaml when people meet it in letters",
                )
            )
    return found
