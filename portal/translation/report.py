"""The review report per language, and the step `make translations` runs after updating.

Counts reviewed, machine-made and changed texts, with the rules texts (portal/rules/) apart
because they matter most. Imports nothing from Flask.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from portal.translation import ROOT, TRANSLATED, places, review, terms


def counts(lang: str, root: Path = ROOT) -> dict[str, Counter[str]]:
    """Return {"all": statuses, "rules": statuses of the rules texts} for one language."""
    translations = root / "translations"
    strings = review.strings_of(review.read_catalogue(lang, translations))
    statuses = review.statuses(strings, review.load_reviews(lang, translations))
    rules = Counter(s for msgid, s in statuses.items() if places.is_rules_text(msgid, root))
    return {"all": Counter(statuses.values()), "rules": rules}


def report_lines(root: Path = ROOT) -> list[str]:
    """Return the report as a small table, one language (and its rules texts) at a time."""
    header = f"{'':10}{'texts':>7}{'reviewed':>10}{'machine':>9}{'changed since review':>22}"
    lines = ["Review status of the translations (docs/translations.md)", header]
    for lang in TRANSLATED:
        found = counts(lang, root)
        for label, tally in ((lang, found["all"]), ("  rules", found["rules"])):
            lines.append(
                f"{label:10}{sum(tally.values()):>7}{tally[review.REVIEWED]:>10}"
                f"{tally[review.MACHINE]:>9}{tally[review.CHANGED]:>22}"
            )
    return lines


def sync_all(root: Path = ROOT) -> list[str]:
    """Move review records to changed Dutch texts, drop records of texts that are gone.

    Returns one line per record moved or dropped. Every translated language gets a review
    file, even an empty one, so the file is always there to find.
    """
    translations = root / "translations"
    lines = []
    for lang in TRANSLATED:
        reviews = review.load_reviews(lang, translations)
        msgids = review.strings_of(review.read_catalogue(lang, translations))
        result = review.sync(reviews, msgids)
        for old, new in result.moved:
            lines.append(f"{lang}: the Dutch changed since review: {old!r} -> {new!r}")
        for old in result.dropped:
            lines.append(f"{lang}: review dropped, the text is gone: {old!r}")
        if result.moved or result.dropped or not review.review_path(lang, translations).exists():
            review.save_reviews(lang, reviews, translations)
    return lines


def write_glossary(root: Path = ROOT) -> bool:
    """Write docs/glossary.md from the term base; return True when it changed."""
    path = root / "docs" / "glossary.md"
    text = terms.glossary_markdown(
        terms.parse((root / "translations" / "terms.yaml").read_text("utf-8"))
    )
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True
