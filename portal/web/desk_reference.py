"""What the desk reference page shows: per law its key rules and dated parameters, with sources.

Data only: values and sources come from portal/rules (parameters/ and sources.py), never restated.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import format_date, gettext, ngettext
from flask_babel import lazy_gettext as _l

from portal.i18n import format_number
from portal.rules import sources as src
from portal.rules.outcome import ROUTE_CODES, Source
from portal.rules.parameters import load_parameters
from portal.rules.parts import PART_NAMES

# The same Dutch names the result page uses (templates/result/routes/<code>.html).
ROUTE_NAMES = {
    "pass_exam": _l("Het inburgeringsexamen halen"),
    "extension_literacy": _l("Meer tijd omdat u leert lezen en schrijven"),
    "extension_no_fault": _l("Meer tijd omdat het niet uw schuld is"),
    "exemption_medical": _l("Ontheffing om medische redenen"),
    "exemption_agi": _l("Ontheffing omdat u genoeg hebt gedaan"),
    "exemption_avi": _l("Ontheffing omdat u al goed meedoet"),
    "exemption_bio": _l("Ontheffing om uw bijzondere situatie"),
    "route_lower_a2": _l("Nederlands op niveau A2 in plaats van B1"),
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
    "regime/turkish_asylum_obliged": (
        "wi2013",
        _l("Turkse asielstatushouders plichtig (datum verblijfsvergunning)"),
        "",
    ),
    "regime/objection_weeks": ("all", _l("Bezwaar maken binnen"), _l("weken")),
    "age/minimum": ("all", _l("Inburgeringsplichtig vanaf de leeftijd van"), _l("jaar")),
    "age/wi2007_maximum": ("wi2007", _l("Niet meer plichtig vanaf de leeftijd van"), _l("jaar")),
    "age/pension_age_months": ("all", _l("AOW-leeftijd (laagste en hoogste)"), _l("maanden")),
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
    "term/wi2013_no_fault_extension_months": (
        "wi2013",
        _l("Verlenging zonder verwijt, hoogstens"),
        _l("maanden"),
    ),
    "term/wi2013_corona": ("wi2013", _l("Verlengingen door corona"), ""),
    "term/wi2021_months": (
        "wi2021",
        _l("Inburgeringstermijn, vanaf de dag na het PIP"),
        _l("maanden"),
    ),
    "term/wi2013_illness_extension_after_months": (
        "wi2013",
        _l("Verlenging meestal pas na start termijn"),
        _l("maanden"),
    ),
    "term/wi2021_extension_after_months": (
        "wi2021",
        _l("Verlenging meestal pas na start termijn"),
        _l("maanden"),
    ),
    "term/wi2021_late_lesson_months": (
        "wi2021",
        _l("Verlenging als de eerste les later begint dan"),
        _l("maanden na het PIP"),
    ),
    "exam/wi2007_parts": ("wi2007", _l("Onderdelen van het examen"), ""),
    "exam/wi2013_parts": (
        "wi2013",
        _l("Onderdelen van het examen (naar start inburgeringsplicht)"),
        "",
    ),
    "exam/wi2013_nt2_fulfils": (
        "wi2013",
        _l("Staatsexamen NT2 alleen is genoeg (naar start inburgeringsplicht)"),
        "",
    ),
    "exam/wi2021_parts": ("wi2021", _l("Onderdelen B1-route"), ""),
    "exam/wi2021_education_parts": ("wi2021", _l("Onderdelen onderwijsroute"), ""),
    "z_route/min_course_hours": ("wi2021", _l("Z-route: uren les"), _l("uur")),
    "z_route/participation_hours": (
        "wi2021",
        _l("Z-route: uren meedoen (alleen asielstatushouders)"),
        _l("uur"),
    ),
    "fines/wi2007_first_max": ("wi2007", _l("Eerste boete, hoogstens"), _l("euro")),
    "fines/wi2007_repeat_max": ("wi2007", _l("Boete na nieuwe termijn, hoogstens"), _l("euro")),
    "fines/wi2013_max": ("wi2013", _l("Boete, hoogstens per keer"), _l("euro")),
    "fines/wi2013_new_term_months": ("wi2013", _l("Nieuwe termijn na een boete"), _l("maanden")),
    "fines/wi2021_max": ("wi2021", _l("Boete DUO voor de termijn, hoogstens"), _l("euro")),
    "fines/wi2021_college_max": (
        "wi2021",
        _l("Boete gemeente voor de afspraken in het PIP, hoogstens"),
        _l("euro"),
    ),
    "money/wi2013_asylum": ("wi2013", _l("Boetes en lening van asielstatushouders"), ""),
    "agi/wi2007_apply_months_before_end": (
        "wi2007",
        _l("Ontheffing AGI aanvragen: vroegst voor het einde van de termijn"),
        _l("maanden"),
    ),
    "agi/max_attempts": ("wi2013", _l("Ontheffing AGI: pogingen per open onderdeel"), ""),
    "agi/min_course_hours": ("wi2013", _l("Ontheffing AGI: lesuren nodig"), _l("uur")),
    "agi/literacy_min_hours": (
        "wi2013",
        _l("Ontheffing AGI met alfabetisering: uren alfabetisering"),
        _l("uur"),
    ),
    "agi/min_months_since_start": (
        "wi2013",
        _l("Ontheffing AGI: vroegst na start termijn"),
        _l("maanden"),
    ),
    "avi/wi2013_min_years_residence": (
        "wi2013",
        _l("Ontheffing AVI: jaren ingeschreven in Nederland"),
        _l("jaar"),
    ),
    "avi/wi2013_min_years_work": ("wi2013", _l("Ontheffing AVI: jaren werk"), _l("jaar")),
    "loan/max_amount": ("wi2013", _l("Lening DUO, hoogstens"), _l("euro")),
    "loan/partial_forgiveness": ("wi2013", _l("Gedeeltelijke kwijtschelding"), ""),
    "loan/request_needed_for_minor_overrun": (
        "wi2013",
        _l("Zelf kwijtschelding vragen als u maar kort te laat bent"),
        "",
    ),
    "medical/horizon_years": (
        "all",
        _l("Medische ontheffing: examen niet haalbaar binnen"),
        _l("jaar"),
    ),
    "medical/decision_max_age_years": (
        "all",
        _l("Medische ontheffing telt voor verblijf en naturalisatie tot"),
        _l("jaar oud"),
    ),
    "medical/advice_max_age_months": (
        "all",
        _l("Advies Argonaut voor naturalisatie hoogstens"),
        _l("maanden oud"),
    ),
    "medical/refund": ("all", _l("DUO betaalt terug na een medische ontheffing"), _l("euro")),
    "naturalisation/min_years_residence": ("all", _l("Naturalisatie: jaren verblijf"), _l("jaar")),
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
        (_l("Niet plichtig onder de 16 en vanaf 65 jaar."), src.WI2007_AGE),
        (_l("Er is geen lening van DUO."), src.NO_LOAN_WI2007),
        (_l("Ontheffing om medische redenen: de gemeente beslist."), src.WI2007_MEDICAL),
        (_l("Ontheffing omdat iemand genoeg heeft gedaan (AGI)."), src.WI2007_AGI),
        (
            _l("AGI en AVI van de gemeente tellen voor een vergunning voor onbepaalde tijd."),
            src.WI2007_EFFECTS,
        ),
        (_l("Verlenging en boete."), src.WI2007_ART31),
    ],
    "wi2013": [
        (_l("Voor wie vanaf 1 januari 2013 een verblijfsvergunning kreeg."), src.WI2013_TRIGGER),
        (_l("DUO voert deze wet uit."), src.DUO_ROLE_WI2013),
        (_l("Niet plichtig onder de 16 en vanaf de AOW-leeftijd."), src.WI2013_AGE),
        (_l("Lening van DUO; asielmigranten kunnen kwijtschelding krijgen."), src.WI2013_LOAN),
        (_l("Termijn van 3 jaar; verlenging is mogelijk."), src.WI2013_TERM),
        (_l("Boete en daarna een nieuwe termijn."), src.WI2013_FINE),
        (
            _l("Ontheffing AGI telt voor naturalisatie en verblijf; AVI telt voor geen van beide."),
            src.RNT_AGI,
        ),
    ],
    "wi2021": [
        (_l("Voor wie vanaf 1 januari 2022 een verblijfsvergunning kreeg."), src.WI2021_START),
        (_l("Wie onder een oudere wet valt, blijft daaronder."), src.NO_SWITCH_TO_WI2021),
        (_l("De gemeente doet de brede intake en maakt het plan (PIP)."), src.WI2021_PIP_ARTICLE),
        (_l("Geen ontheffing AGI of AVI; wel medisch en BIO."), src.WI2021_ART5),
        (_l("Asielmigranten: de gemeente betaalt. Anderen lenen bij DUO."), src.WI2021_LOAN),
    ],
    "all": [
        (
            _l("Turkse burgers zijn sinds 2011 niet plichtig onder de oude wetten."),
            src.TURKISH_CRVB,
        ),
        (
            _l("Turkse asielstatushouders zijn plichtig onder de Wi2013 vanaf 1 mei 2020."),
            src.RO_TURKISH_ASYLUM,
        ),
        (_l("Burgers van de EU zijn niet inburgeringsplichtig."), src.EU_NOT_OBLIGED),
        (_l("Vrijstelling geldt ook voor naturalisatie."), src.RELEASE_CARRIES),
    ],
}

# Who does what under the Wet inburgering 2021 (issue 12; law-in-force point E2).
WI2021_ROLES: list[tuple[Any, Any, Source]] = [
    (_l("Brief over de inburgeringsplicht"), _l("DUO"), src.INBURGEREN_START),
    (_l("Brede intake"), _l("Gemeente"), src.WI2021_INTAKE),
    (_l("PIP met de leerroute"), _l("Gemeente"), src.WI2021_PIP_ARTICLE),
    (_l("Afschalen van B1 naar A2"), _l("Gemeente"), src.WI2021_ART7),
    (_l("MAP, PVT en eindgesprek van de Z-route"), _l("Gemeente"), src.WI2021_PIP_ARTICLE),
    (_l("Boete voor de afspraken in het PIP"), _l("Gemeente"), src.WI2021_FINES_COLLEGE),
    (_l("Examens"), _l("DUO"), src.INBURGEREN_KNOWLEDGE),
    (_l("Vrijstelling"), _l("DUO"), src.WI2021_ART4),
    (_l("Ontheffing: medisch of bijzondere situatie"), _l("DUO"), src.WI2021_ART5),
    (_l("Meer tijd"), _l("DUO"), src.WI2021_ART12),
    (_l("Boete als de termijn voorbij is"), _l("DUO"), src.WI2021_FINES_DUO),
    (_l("Lening voor gezinsmigranten en andere migranten"), _l("DUO"), src.WI2021_LOAN),
    (_l("Lessen en examens van asielmigranten betalen"), _l("Gemeente"), src.RO_LOAN),
]

# What changed in the rules of 1 December 2026 (issue 11 and 12), and why: the law in force,
# not the older seed documents, is the standard.
CHANGES: list[tuple[Any, Source]] = [
    (
        _l("Leeftijd: plichtig van 16 tot 65 (Wi2007) of tot de AOW-leeftijd (Wi2013, Wi2021)."),
        src.WI2013_AGE,
    ),
    (
        _l("Turkse asielstatushouders en hun gezin zijn plichtig vanaf 1 mei 2020."),
        src.RO_TURKISH_ASYLUM,
    ),
    (
        _l("Staatsexamen NT2 onder de Wi2013 is alleen genoeg voor wie voor 2015 plichtig werd."),
        src.NT2_KNM_ONA,
    ),
    (
        _l("Ontheffing AVI onder de Wi2013 telt niet voor verblijf of naturalisatie."),
        src.RI2013_AVI,
    ),
    (_l("Medische ontheffing telt als het besluit hoogstens 3 jaar oud is."), src.MEDICAL_3_YEARS),
    (_l("Eerste boete Wi2007 hoogstens 500 euro, daarna 1.000 euro."), src.WI2007_FINE_AMOUNTS),
    (
        _l("Asielstatushouders onder de Wi2013: geen boete en geen terugbetaling zonder uitleg."),
        src.RO_RVS_FEB_2026,
    ),
    (_l("Verlengingen door corona tellen mee in het einde van de termijn."), src.DUO_CORONA),
    (_l("Wi2021: de gemeente leidt; leerroutes, afschalen en BIO."), src.WI2021_ART5),
]

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


def _partial_forgiveness(value: dict[str, Any]) -> str:
    """Word loan/partial_forgiveness for staff (issue 13: words, not codes)."""
    parts = [
        gettext(
            "Klaar binnen %(months)s maanden na de termijn, met hoogstens %(parts)s onderdelen "
            "open.",
            months=format_number(value["max_months"]),
            parts=format_number(value["max_open_parts"]),
        )
    ]
    for count, (first, later) in sorted(value["percent"].items()):
        parts.append(
            ngettext(
                "%(count)s onderdeel te laat: %(first)s procent kwijtgescholden (tot "
                "%(step)s maanden te laat), daarna %(later)s procent.",
                "%(count)s onderdelen te laat: %(first)s procent kwijtgescholden (tot "
                "%(step)s maanden te laat), daarna %(later)s procent.",
                int(count),
                count=format_number(int(count)),
                first=format_number(first),
                step=format_number(value["step_months"]),
                later=format_number(later),
            )
        )
    return " ".join(parts)


def _corona(value: dict[str, Any]) -> str:
    """Word term/wi2013_corona for staff (issue 13: words, not codes)."""
    general = ", ".join(
        gettext(
            "%(months)s maanden in %(month)s",
            months=format_number(extra),
            month=format_date(date.fromisoformat(month + "-01"), "MMMM yyyy"),
        )
        for month, extra in value["general"]
    )
    return " ".join(
        [
            gettext("Voor iedereen met een lopende termijn: %(general)s.", general=general),
            gettext(
                "Wie op %(day)s nog %(left)s maanden of minder had: %(months)s maanden extra, "
                "en soms tot %(more)s maanden meer.",
                day=format_date(date.fromisoformat(value["specific_if_left_on"]), "d-M-yyyy"),
                left=format_number(value["specific_left_months"]),
                months=format_number(value["specific_months"]),
                more=format_number(value["specific_more_up_to"]),
            ),
        ]
    )


def _pension_age(value: dict[str, Any]) -> str:
    """Word age/pension_age_months for staff: the lowest and highest AOW age, in months."""
    if value["lowest"] == value["highest"]:
        return _value(value["lowest"], _l("maanden"))
    return gettext(
        "Laagste %(lowest)s maanden, hoogste %(highest)s maanden.",
        lowest=format_number(value["lowest"]),
        highest=format_number(value["highest"]),
    )


# Parameters whose value is a structure: each gets its own sentence, not its field names.
DESCRIBED = {
    "loan/partial_forgiveness": _partial_forgiveness,
    "term/wi2013_corona": _corona,
    "age/pension_age_months": _pension_age,
}


def _value(value: Any, unit: Any) -> str:
    """Return a parameter's value in words: names, not codes; numbers as the language writes
    them (issue 13: 10.000 euro, not 10000; lezen, not reading)."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return str(_l("ja") if value else _l("nee"))
    if isinstance(value, date):
        return format_date(value, "d-M-yyyy")
    if isinstance(value, list):
        names = [
            PART_NAMES[item].msgid if isinstance(item, str) and item in PART_NAMES else str(item)
            for item in value
        ]
        return ", ".join(gettext(name) for name in names)
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
                    DESCRIBED[name](period.value)
                    if name in DESCRIBED and isinstance(period.value, dict)
                    else _value(period.value, unit),
                    _period(period.valid_from, period.valid_to),
                    period.source,
                )
            )
    return list(sections.values())


def routes() -> list[tuple[str, Any]]:
    """Return every route code the rules can give, with its Dutch name."""
    return [(code, ROUTE_NAMES.get(code, code)) for code in ROUTE_CODES]
