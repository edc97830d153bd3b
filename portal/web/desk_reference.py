"""What the desk reference page shows: per law its key rules and dated parameters, with sources.

Data only: values and sources come from portal/rules (parameters/ and sources.py), never restated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import format_date, gettext
from flask_babel import lazy_gettext as _l

from portal.i18n import format_number
from portal.rules import sources as src
from portal.rules.outcome import ROUTE_CODES, Source
from portal.rules.parameters import load_parameters
from portal.web.result import EXAM_PART_NAMES

# The same Dutch names the result page uses (templates/result/routes/<code>.html).
ROUTE_NAMES = {
    "pass_exam": _l("Het inburgeringsexamen halen"),
    "extension_literacy": _l("Meer tijd omdat u leert lezen en schrijven"),
    "extension_no_fault": _l("Meer tijd omdat het niet uw schuld is"),
    "exemption_medical": _l("Ontheffing om medische redenen"),
    "exemption_agi": _l("Ontheffing omdat u genoeg hebt gedaan"),
    "exemption_avi": _l("Ontheffing omdat u al goed meedoet"),
    "release_diploma": _l("Vrijstelling met een diploma"),
    "loan_forgiveness": _l("De lening niet terugbetalen"),
    "permanent_residence": _l("Verblijfsvergunning voor onbepaalde tijd"),
    "naturalisation": _l("Nederlander worden"),
}
REGIME_NAMES = {
    "wi2007": _l("Wet inburgering 2007"),
    "wi2013": _l("Wet inburgering 2013"),
    "wi2021": _l("Wet inburgering 2021"),
    "not_obliged": _l("Niet inburgeringsplichtig"),
    "unknown": _l("Onbekend"),
}

# Parameter name -> (law section, Dutch label, unit). Parameters not listed still show, by name.
PARAMETERS: dict[str, tuple[str, Any, Any]] = {
    "regime/wi2013_start": ("wi2013", _l("Eerste datum verblijfsvergunning onder deze wet"), ""),
    "regime/wi2021_start": ("wi2021", _l("Eerste datum verblijfsvergunning onder deze wet"), ""),
    "regime/turkish_obliged_before_wi2021": ("all", _l("Turkse burgers inburgeringsplichtig"), ""),
    "term/wi2007_months": ("wi2007", _l("Inburgeringstermijn"), _l("maanden")),
    "term/wi2007_literacy_extension_months": (
        "wi2007",
        _l("Verlenging na alfabetisering (één keer)"),
        _l("maanden"),
    ),
    "term/wi2013_months": ("wi2013", _l("Inburgeringstermijn"), _l("maanden")),
    "term/wi2013_literacy_extension_months": (
        "wi2013",
        _l("Verlenging voor analfabeten, hoogstens"),
        _l("maanden"),
    ),
    "term/wi2021_months": ("wi2021", _l("Inburgeringstermijn"), _l("maanden")),
    "exam/wi2007_parts": ("wi2007", _l("Examenonderdelen"), ""),
    "exam/wi2013_parts": ("wi2013", _l("Examenonderdelen"), ""),
    "exam/wi2021_parts": ("wi2021", _l("Examenonderdelen"), ""),
    "fines/wi2007_max": ("wi2007", _l("Boete, hoogstens per keer"), _l("euro")),
    "fines/wi2013_max": ("wi2013", _l("Boete, hoogstens per keer"), _l("euro")),
    "fines/wi2013_new_term_months": ("wi2013", _l("Nieuwe termijn na een boete"), _l("maanden")),
    "fines/wi2021_max": ("wi2021", _l("Boete, hoogstens"), _l("euro")),
    "fines/wi2021_min": ("wi2021", _l("Boete, minstens"), _l("euro")),
    "agi/wi2007_apply_months_before_end": (
        "wi2007",
        _l("Ontheffing AGI aanvragen: vroegst voor het einde van de termijn"),
        _l("maanden"),
    ),
    "agi/max_attempts": ("wi2013", _l("Ontheffing AGI: examenpogingen nodig"), ""),
    "agi/min_course_hours": ("wi2013", _l("Ontheffing AGI: lesuren nodig"), _l("uur")),
    "agi/min_months_since_start": (
        "wi2013",
        _l("Ontheffing AGI: vroegst na start termijn"),
        _l("maanden"),
    ),
    "avi/screening_years_residence": (
        "wi2013",
        _l("Ontheffing AVI: richtlijn jaren in Nederland"),
        _l("jaar"),
    ),
    "avi/screening_years_work": ("wi2013", _l("Ontheffing AVI: richtlijn jaren werk"), _l("jaar")),
    "loan/max_amount": ("wi2013", _l("Lening DUO, hoogstens"), _l("euro")),
    "loan/collection_paused": (
        "wi2013",
        _l("Innen lening en boete gepauzeerd (asiel, besluit vanaf 15 maart 2023)"),
        "",
    ),
    "loan/request_needed_for_minor_overrun": (
        "wi2013",
        _l("Zelf kwijtschelding vragen na kleine overschrijding"),
        "",
    ),
    "medical/horizon_years": (
        "all",
        _l("Medische ontheffing: examen niet haalbaar binnen"),
        _l("jaar"),
    ),
    "naturalisation/min_years_residence": ("all", _l("Naturalisatie: jaren verblijf"), _l("jaar")),
    "naturalisation/medical_exemption_max_age_years": (
        "all",
        _l("Naturalisatie: medische ontheffing hoogstens zo oud"),
        _l("jaar"),
    ),
    "naturalisation/wi2007_agi_counts": (
        "wi2007",
        _l("Ontheffing AGI van de gemeente telt voor naturalisatie"),
        "",
    ),
    "permanent_residence/min_years_residence": (
        "all",
        _l("Vergunning onbepaalde tijd: jaren verblijf"),
        _l("jaar"),
    ),
}

# The main points per law, each with the Source it rests on.
POINTS: dict[str, list[tuple[Any, Source]]] = {
    "wi2007": [
        (_l("Voor wie tussen 2007 en 2012 een verblijfsvergunning kreeg."), src.WI2007_PERIOD),
        (
            _l("De gemeente voert deze wet uit en beslist over ontheffing."),
            src.WI2007_GEMEENTE_DECIDES,
        ),
        (_l("Er is geen lening van DUO."), src.NO_LOAN_WI2007),
        (_l("Ontheffing om medische redenen: de gemeente beslist."), src.WI2007_MEDICAL),
        (_l("Ontheffing omdat iemand genoeg heeft gedaan (AGI)."), src.WI2007_AGI),
        (_l("Verlenging en boete."), src.WI2007_ART31),
    ],
    "wi2013": [
        (_l("Voor wie vanaf 1 januari 2013 een verblijfsvergunning kreeg."), src.WI2013_TRIGGER),
        (_l("DUO voert deze wet uit."), src.DUO_ROLE_WI2013),
        (_l("Lening van DUO; asielmigranten kunnen kwijtschelding krijgen."), src.WI2013_LOAN),
        (_l("Termijn van 3 jaar; verlenging is mogelijk."), src.WI2013_TERM),
        (_l("Boete en daarna een nieuwe termijn."), src.WI2013_FINE),
    ],
    "wi2021": [
        (_l("Voor wie vanaf 1 januari 2022 een verblijfsvergunning kreeg."), src.WI2021_START),
        (_l("Wie onder een oudere wet valt, blijft daaronder."), src.NO_SWITCH_TO_WI2021),
        (_l("De gemeente doet de brede intake en maakt het plan (PIP)."), src.GEMEENTE_WI2021),
        (_l("Gezinsmigranten betalen zelf."), src.WI2021_FAMILY_PAY),
    ],
    "all": [
        (
            _l("Turkse burgers zijn sinds 2011 niet plichtig onder de oude wetten."),
            src.TURKISH_CRVB,
        ),
        (_l("Burgers van de EU zijn niet inburgeringsplichtig."), src.EU_NOT_OBLIGED),
        (_l("Vrijstelling geldt ook voor naturalisatie."), src.RELEASE_CARRIES),
    ],
}

SECTIONS = (
    ("wi2007", _l("Wet inburgering 2007")),
    ("wi2013", _l("Wet inburgering 2013")),
    ("wi2021", _l("Wet inburgering 2021")),
    ("all", _l("Voor alle wetten")),
)
_ALWAYS = date(1900, 1, 1)


@dataclass
class Row:
    """One value of a parameter on the reference page."""

    label: Any
    value: str
    period: str
    source: Source


@dataclass
class Law:
    """One section of the reference page."""

    code: str
    title: Any
    points: list[tuple[Any, Source]]
    rows: list[Row] = field(default_factory=list)


def _value(value: Any, unit: Any) -> str:
    """Return a parameter's value in words: names, not codes; numbers as the language writes
    them (issue 13: 10.000 euro, not 10000; lezen, not reading)."""
    if isinstance(value, bool):
        return str(_l("ja") if value else _l("nee"))
    if isinstance(value, date):
        return format_date(value, "d-M-yyyy")
    if isinstance(value, list):
        return ", ".join(gettext(EXAM_PART_NAMES.get(str(item), str(item))) for item in value)
    if isinstance(value, int):
        return f"{format_number(value)} {unit}".strip()
    return f"{value} {unit}".strip()


def _period(valid_from: date, valid_to: date | None) -> str:
    if valid_from == _ALWAYS and valid_to is None:
        return ""
    if valid_from == _ALWAYS and valid_to is not None:
        return str(_l("tot en met %(day)s", day=format_date(valid_to, "d-M-yyyy")))
    start = format_date(valid_from, "d-M-yyyy")
    if valid_to is None:
        return str(_l("vanaf %(day)s", day=start))
    end = format_date(valid_to, "d-M-yyyy")
    return str(_l("van %(start)s tot en met %(end)s", start=start, end=end))


def laws() -> list[Law]:
    """Return the reference sections, each with its points and its dated parameters."""
    sections = {code: Law(code, title, POINTS.get(code, [])) for code, title in SECTIONS}
    for name, parameter in sorted(load_parameters().items()):
        section, label, unit = PARAMETERS.get(name, ("all", name, ""))
        for period in parameter.periods:
            sections[section].rows.append(
                Row(
                    label,
                    _value(period.value, unit),
                    _period(period.valid_from, period.valid_to),
                    period.source,
                )
            )
    return list(sections.values())


def routes() -> list[tuple[str, Any]]:
    """Return every route code the rules can give, with its Dutch name."""
    return [(code, ROUTE_NAMES.get(code, code)) for code in ROUTE_CODES]
