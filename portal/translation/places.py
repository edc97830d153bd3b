"""Where each Dutch msgid appears: source files, and in words for a reviewer (page, question).

Extracts with Babel as `make translations` does (babel.cfg), but keeps the locations that
messages.pot leaves out. Imports nothing from Flask.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from portal.i18n import TEXT_KEYS
from portal.translation import ROOT

# Source paths (prefixes) and the page a reviewer knows them by. First match wins.
PAGES: tuple[tuple[str, str], ...] = (
    ("portal/rules/", "result page (rules)"),
    ("translations/terms.yaml", "result page: Woorden uit brieven"),
    ("templates/result/routes/", "result page: options"),
    ("templates/result/print.html", "printed result"),
    ("templates/result/", "result page"),
    ("portal/web/result.py", "result page"),
    ("portal/web/wording.py", "result page"),
    ("templates/check/answers.html", "answers page"),
    ("templates/check/saved.html", "saved with a code"),
    ("templates/check/resume.html", "continue with a code"),
    ("portal/web/check.py", "question pages"),
    ("templates/check/", "question pages"),
    ("templates/macros/", "question pages"),
    ("portal/web/forms.py", "question pages: error messages"),
    ("portal/flow/", "question pages: error messages"),
    ("templates/public/index.html", "start page"),
    ("templates/public/privacy.html", "privacy page"),
    ("templates/errors/", "error pages"),
    ("portal/errors.py", "error pages"),
    ("templates/desk/", "desk (staff)"),
    ("portal/web/desk", "desk (staff)"),
    ("templates/base.html", "every page"),
    ("templates/_", "every page"),
)
RULES_PREFIX = "portal/rules/"


@functools.cache
def locations(root: Path = ROOT) -> dict[str, tuple[tuple[str, int], ...]]:
    """Return msgid -> ((path, line), ...) for every message the sources hold."""
    with (root / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    keywords: dict[str, Any] = {**DEFAULT_KEYWORDS, "N_": None, "_l": None}
    found: dict[str, list[tuple[str, int]]] = {}
    for path, line, message, _comments, _context in extract_from_dir(
        str(root), method_map, options_map, keywords=keywords
    ):
        msgid = message if isinstance(message, str) else message[0]
        if msgid:
            found.setdefault(msgid, []).append((path.replace("\\", "/"), line))
    return {msgid: tuple(spots) for msgid, spots in found.items()}


@functools.cache
def questions(root: Path = ROOT) -> dict[str, tuple[str, ...]]:
    """Return msgid -> the URL slugs of the questions that show it (questionnaires/*.yaml)."""
    found: dict[str, list[str]] = {}

    def walk(node: Any, question: str | None) -> None:
        if isinstance(node, dict):
            here = node.get("id") if isinstance(node.get("id"), str) else question
            for key, value in node.items():
                if key in TEXT_KEYS and isinstance(value, str) and here:
                    text = " ".join(value.split())
                    slug = here.replace("_", "-")
                    if slug not in found.setdefault(text, []):
                        found[text].append(slug)
                else:
                    walk(value, here)
        elif isinstance(node, list):
            for item in node:
                walk(item, question)

    for path in sorted((root / "questionnaires").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), None)
    return {text: tuple(slugs) for text, slugs in found.items()}


def page_of(path: str) -> str:
    """Return the page a source file's texts appear on, in words."""
    for prefix, page in PAGES:
        if path.startswith(prefix):
            return page
    return path


def describe(msgid: str, root: Path = ROOT) -> str:
    """Return where a text appears, for a reviewer: "question: age; result page (rules)"."""
    parts = [f"question: {slug}" for slug in questions(root).get(msgid, ())]
    for path, _line in locations(root).get(msgid, ()):
        if path.startswith("questionnaires/") and parts:
            continue
        page = "question pages" if path.startswith("questionnaires/") else page_of(path)
        if page not in parts:
            parts.append(page)
    return "; ".join(parts)


def source_of(msgid: str, root: Path = ROOT) -> str:
    """Return the first source location of a text, "portal/rules/loan.py:76", for developers."""
    spots = locations(root).get(msgid)
    return f"{spots[0][0]}:{spots[0][1]}" if spots else "(not in the sources)"


def is_rules_text(msgid: str, root: Path = ROOT) -> bool:
    """Return True when a text comes from portal/rules/: the outcome's own words."""
    return any(path.startswith(RULES_PREFIX) for path, _ in locations(root).get(msgid, ()))
