"""Translations people can trust: the term base, the B1 check, review status and the review sheet.

Reads translations/ (catalogues, terms.yaml, exceptions.yaml, review files); imports nothing
from Flask except in notice.py, which the web layer uses.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
TRANSLATIONS = ROOT / "translations"
# The languages translated from Dutch; nl is the source and needs no review.
TRANSLATED = ("en", "ar", "ti")


def catalogue_path(lang: str, translations: Path = TRANSLATIONS) -> Path:
    """Return the .po file of one language."""
    return translations / lang / "LC_MESSAGES" / "messages.po"
