"""How the result words an outcome for its reader: dates, numbers and lists per language, how
much time is left, who does a step, and the sources people can open.

Presentation only: it words what the rules decided and decides nothing itself. portal/web/
result.py registers these for the templates; the API uses outcome_data().
"""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from typing import Any

from babel.lists import format_list as babel_format_list
from flask_babel import get_locale, gettext, ngettext

from portal.i18n import force_locale, format_local_date, format_number, translate
from portal.rules import Outcome
from portal.rules.outcome import Source, Term
from portal.rules.text import Text
from portal.rules.version import RULES_CHECKED

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def N_(msgid: str) -> str:
    """Mark a Dutch msgid for extraction; it is translated where it is shown."""
    return msgid


def authority_name(code: str) -> str:
    """Return the name of the authority that decides, in the current language."""
    names = {
        "gemeente": gettext("de gemeente"),
        "duo": gettext("DUO"),
        "ind": gettext("de IND"),
    }
    return names.get(code, gettext("de gemeente, DUO of de IND"))


def render_text(text: Text) -> str:
    """Translate a rules Text in the current locale; its dates, numbers and lists become local.

    ISO dates become dates in the reader's language, whole numbers are formatted by Babel, and a
    list of names (exam parts, as Texts) is translated and joined as the language joins lists.
    """
    return _localized(text).render(translate, format_number)


def outcome_data(outcome: Outcome, lang: str) -> dict[str, Any]:
    """Return the outcome as JSON-able data with its texts in `lang`, as the page words them
    (local dates, numbers and exam-part names): the API's answer and the result's download."""
    with force_locale(lang):
        data: dict[str, Any] = _localized(outcome).to_dict(translate, format_number)
    data["lang"] = lang
    return data


def _localized(value: Any) -> Any:
    """Return a copy of a rules object whose texts carry local parameters (render_text)."""
    if isinstance(value, Text):
        # A parameter named "year" is a calendar year: digits, never "2.029".
        return Text(
            value.msgid,
            {
                key: str(item) if key == "year" and isinstance(item, int) else _local_param(item)
                for key, item in value.params.items()
            },
        )
    if isinstance(value, list):
        return [_localized(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type | Source):
        changes = {f.name: _localized(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def _local_param(value: Any) -> Any:
    if isinstance(value, str) and _ISO_DATE.match(value):
        return format_local_date(date.fromisoformat(value))
    if isinstance(value, Text):
        return _localized(value)
    if isinstance(value, tuple) and value and all(isinstance(item, Text) for item in value):
        return format_list([_localized(item).render(translate, format_number) for item in value])
    return value


def format_list(items: list[str]) -> str:
    """Join words as the reader's language does ("a, b en c"; "a, b, and c")."""
    return str(babel_format_list(items, locale=str(get_locale() or "nl")))


def number_filter(value: int) -> str:
    """Format a whole number for the reader's language (1.250; 1,250)."""
    return format_number(value)


def local_date_filter(value: date, kind: str = "day") -> str:
    """Format a date for the reader's language; in Arabic with the month's number."""
    return format_local_date(value, kind)


def locale_code() -> str:
    """Return the language the template is being rendered in (force_locale aware)."""
    return str(get_locale() or "nl")


def org_name(code: str) -> str:
    """Return an organisation (HELP_CODES) or who does something (WHO_CODES) in the current
    language, as a label at the start of a line: "Uw gemeente:", "IND:" (who does what, help).

    who_name() gives the same names inside a sentence ("Bij: uw gemeente").
    """
    names = {
        "gemeente": gettext("Uw gemeente"),
        "duo": gettext("DUO"),
        "ind": gettext("IND"),
        "argonaut": "Argonaut",
        "school": gettext("Uw taalschool"),
        "you": gettext("U zelf"),
        "juridisch_loket": gettext("Het Juridisch Loket"),
        "vluchtelingenwerk": "VluchtelingenWerk",
        "taalhuis": gettext("Het taalhuis of de bibliotheek"),
    }
    return names.get(code, names["gemeente"])


def who_name(code: str) -> str:
    """Return who does a step (Outcome.steps, WHO_CODES) in the current language, inside a
    sentence; org_name() gives the label form."""
    names = {
        "gemeente": gettext("uw gemeente"),
        "duo": "DUO",
        "ind": gettext("de IND"),
        "argonaut": "Argonaut",
        "school": gettext("uw taalschool"),
    }
    return names.get(code, gettext("uw gemeente"))


def urgency(outcome: Outcome) -> tuple[str, str] | None:
    """Return (level, sentence) saying how much time is left or how long ago it ran out.

    Levels: "late" (the term ended, or most likely did), "soon" (under six months left),
    "running", "unknown" (no end date). Months only under two years, else whole years
    ("more than 9 years ago"); None for people who are not obliged. With only the year of the
    start known (term.year_only) the end is named by its year alone.
    """
    if outcome.status != "obliged":
        return None
    term = outcome.term
    authority = authority_name(outcome.authority)
    if term.end is None:
        return _without_end(term, authority)
    year = str(term.end.year)
    if term.year_only and term.months_left is None and not term.months_overrun:
        # The end lies somewhere in this year, perhaps already behind us.
        return "soon", gettext(
            "Uw tijd om in te burgeren eindigt ergens in %(year)s. Vraag %(authority)s welke "
            "datum voor u geldt.",
            year=year,
            authority=authority,
        )
    if term.end < outcome.reference_date:
        return "late", _ended(
            term, year if term.year_only else format_local_date(term.end, "month")
        )
    months = term.months_left or 0
    day = year if term.year_only else format_local_date(term.end)
    return ("soon" if months < 6 else "running"), _left(months, day)


def _without_end(term: Term, authority: str) -> tuple[str, str]:
    if term.likely_ended:
        return "late", " ".join(
            [
                gettext("Uw tijd om in te burgeren is waarschijnlijk al voorbij."),
                gettext(
                    "Wacht niet op een brief. Vraag %(authority)s nu welke einddatum voor "
                    "u geldt, en of u meer tijd of een ontheffing kunt krijgen.",
                    authority=authority,
                ),
            ]
        )
    return "unknown", gettext(
        "De einddatum staat in de brief over uw inburgeringsplicht. Heeft u die brief "
        "niet? Vraag het %(authority)s.",
        authority=authority,
    )


def _ended(term: Term, month: str) -> str:
    """Say when the term ended and how long ago (`month`: its month, or its year alone)."""
    months = term.months_overrun or 0
    if term.year_only and months < 24:
        # Counted from the last day the end can be: the true time may be a year more.
        return gettext("Uw tijd om in te burgeren eindigde in %(month)s.", month=month)
    if months >= 24:
        years, rest = divmod(months, 12)
        if rest or term.year_only:
            return ngettext(
                "Uw tijd om in te burgeren eindigde in %(month)s, meer dan %(count)s jaar geleden.",
                "Uw tijd om in te burgeren eindigde in %(month)s, meer dan %(count)s jaar geleden.",
                years,
                count=format_number(years),
                month=month,
            )
        return ngettext(
            "Uw tijd om in te burgeren eindigde in %(month)s, %(count)s jaar geleden.",
            "Uw tijd om in te burgeren eindigde in %(month)s, %(count)s jaar geleden.",
            years,
            count=format_number(years),
            month=month,
        )
    if months >= 1:
        return ngettext(
            "Uw tijd om in te burgeren eindigde in %(month)s, %(count)s maand geleden.",
            "Uw tijd om in te burgeren eindigde in %(month)s, %(count)s maanden geleden.",
            months,
            count=format_number(months),
            month=month,
        )
    assert term.end is not None
    return gettext(
        "Uw tijd om in te burgeren eindigde op %(day)s.", day=format_local_date(term.end)
    )


def _left(months: int, day: str) -> str:
    """Say until when there is time and how much is left (`day`: the end, or its year)."""
    if months >= 24:
        years, rest = divmod(months, 12)
        if rest:
            return ngettext(
                "U heeft tijd tot %(day)s: nog meer dan %(count)s jaar.",
                "U heeft tijd tot %(day)s: nog meer dan %(count)s jaar.",
                years,
                count=format_number(years),
                day=day,
            )
        return ngettext(
            "U heeft tijd tot %(day)s: nog %(count)s jaar.",
            "U heeft tijd tot %(day)s: nog %(count)s jaar.",
            years,
            count=format_number(years),
            day=day,
        )
    if months >= 1:
        return ngettext(
            "U heeft tijd tot %(day)s: nog %(count)s maand.",
            "U heeft tijd tot %(day)s: nog %(count)s maanden.",
            months,
            count=format_number(months),
            day=day,
        )
    return gettext("U heeft tijd tot %(day)s: nog minder dan een maand.", day=day)


def _all_sources(outcome: Outcome) -> list[Source]:
    found = [*outcome.regime_sources, *outcome.term.sources]
    routes = [r for r in outcome.routes if r.assessment != "not_applicable"]
    for item in [*routes, *outcome.consequences, *outcome.help, *outcome.roles]:
        found.extend(item.sources)
    return found


def public_sources(outcome: Outcome) -> list[tuple[str, list[Source]]]:
    """Return the sources people can open, each once: (group msgid, sources), laws first.

    Seed files and their lines are background for the docs and the desk reference; they never
    reach the result page, its print or the desk's view of a client (issue 11 item 15).
    """
    laws: list[Source] = []
    pages: list[Source] = []
    seen: set[str] = set()
    for source in _all_sources(outcome):
        if not source.is_public or source.url is None or source.url in seen:
            continue
        seen.add(source.url)
        (laws if source.law else pages).append(source)
    groups = [(N_("Wetten en regels"), laws), (N_("Websites"), pages)]
    return [(label, items) for label, items in groups if items]


def rules_checked() -> date:
    """Return the day the rules were last checked against the law in force."""
    return RULES_CHECKED
