"""The term base: every catalogue text renders its Dutch terms as agreed (issue 15, item 1)."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from portal.translation import TRANSLATED, checks, terms
from tests.conftest import ROOT

BASE = terms.load()

# A small term base for the checker's own tests, so they do not move with translations/.
SMALL = terms.parse(
    """
terms:
  - term: ontheffing
    forms: [ontheffingen]
    explanation: U hoeft niet meer in te burgeren.
    en: exemption
    ar: إعفاء
    ti: ምሕዳግ
    also:
      ar: [إعفائ]
    result: [status:exempted, route:exemption_agi]
  - term: duurzaam verblijf
    explanation: Het recht van EU-burgers om te blijven.
    en: permanent residence
    ar: الإقامة الدائمة
    ti: ነባሪ መንበሪ
  - term: DUO
    name: true
    forms: [Dienst Uitvoering Onderwijs]
    explanation: De dienst die de examens regelt.
    en: the education agency
    ar: وكالة التعليم
    ti: ትካል ትምህርቲ
    result: [always]
names: [Wegwijzer Inburgering]
"""
)


def fixes(msgid: str, translation: str, lang: str = "en") -> list[str]:
    return [fix for _term, fix in checks.term_problems(SMALL, msgid, translation, lang)]


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_translation_uses_the_agreed_renderings(lang: str) -> None:
    # Issue 15: a wrong term in Tigrinya can send someone the wrong way.
    exceptions = checks.load_exceptions()
    failures = checks.term_failures(lang, BASE, exceptions, ROOT)
    assert failures == [], (
        f"{len(failures)} {lang} translation(s) break the term base (translations/terms.yaml). "
        "Use the agreed rendering, with the Dutch term in brackets right after it in a "
        "sentence; or, when the term means something else there, add an exception with a "
        "reason to translations/exceptions.yaml:\n" + "\n".join(failures)
    )


def test_the_term_base_holds_the_terms_of_the_issue() -> None:
    wanted = [
        "inburgeringsplicht",
        "inburgeringstermijn",
        "ontheffing",
        "vrijstelling",
        "verlenging",
        "beschikking",
        "bezwaar",
        "verblijfsvergunning",
        "leerroute",
        "PIP",
        "brede intake",
        "naturalisatietoets",
    ]
    have = {term.term for term in BASE.terms}
    assert [word for word in wanted if word not in have] == []


def test_a_wrong_rendering_is_named_with_the_agreed_one() -> None:
    msgid = "Vraag de ontheffing aan bij DUO."
    found = fixes(msgid, "Apply for the dispensation (ontheffing) at DUO.")
    assert found == ['use the agreed rendering "exemption"']


def test_in_a_sentence_the_dutch_term_stands_beside_its_rendering() -> None:
    msgid = "Vraag de ontheffing aan."
    assert fixes(msgid, "Apply for the exemption (ontheffing).") == []
    assert fixes(msgid, "Apply for the exemption.") == [
        'put the Dutch "(ontheffing)" right after "exemption"'
    ]
    # Floating at the end of the sentence is not beside it (issue 13, item 6).
    assert fixes(msgid, "Apply for the exemption at your municipality very soon (ontheffing).")


def test_a_label_needs_the_rendering_but_no_dutch_in_brackets() -> None:
    assert fixes("Ontheffing om medische redenen", "Exemption for medical reasons") == []
    assert fixes("Ontheffing om medische redenen", "Dispensation for medical reasons")


def test_a_term_on_its_own_is_exactly_the_agreed_rendering() -> None:
    assert fixes("ontheffing", "exemption") == []
    assert fixes("Ontheffing", "Exemption") == []
    assert fixes("ontheffing", "exemption from the duty") == [
        'translate the term on its own as "exemption"'
    ]


def test_inflected_forms_and_arabic_prefixes_count_as_the_rendering() -> None:
    assert fixes("Vraag uw ontheffing aan.", "اطلب إعفاءك (ontheffing).", "ar") == []
    assert fixes("Vraag uw ontheffing aan.", "اطلب إعفائك (ontheffing).", "ar") == []
    # لـ + ال: the alif goes (للإقامة); vowel signs and RTL marks do not matter.
    msgid = "Er zijn andere regels voor duurzaam verblijf."
    assert fixes(msgid, "هناك قواعد أخرى للإقامة الدائمة (duurzaam verblijf).", "ar") == []
    assert fixes(msgid, "\u200fهناك قواعد أخرى لِلإقامةِ الدائمةِ (duurzaam verblijf).", "ar") == []


def test_a_latin_rendering_must_start_a_word() -> None:
    # "fine" inside "define" is no rendering of boete.
    base = terms.parse(
        "terms:\n  - {term: boete, explanation: x, en: fine, ar: غرامة, ti: መቕጻዕቲ}\n"
    )
    assert checks.term_problems(base, "Een boete.", "We define it (boete).", "en")
    assert not checks.term_problems(base, "Twee boetes.", "Two fines (boete).", "en")


def test_names_stay_dutch_in_every_language() -> None:
    assert fixes("Vraag het DUO.", "Ask DUO.") == []
    assert fixes("Vraag het DUO.", "ንDUO ሕተቱ።", "ti") == []
    assert fixes("Vraag het DUO.", "Ask the education agency.") == [
        'keep the name "DUO" in the translation'
    ]
    # A term inside a name does not count: no rendering needed for it.
    base = terms.parse(
        "terms:\n  - {term: inburgering, explanation: x, en: civic integration, ar: a, ti: b}\n"
        "names: [Wegwijzer Inburgering]\n"
    )
    assert base.terms_in("Welkom bij Wegwijzer Inburgering.") == []
    assert [term.term for term in base.terms_in("Uw inburgering.")] == ["inburgering"]


def test_exceptions_silence_one_term_in_one_language() -> None:
    exceptions = checks.parse_exceptions(
        "terms:\n"
        "  - msgid: Vraag de ontheffing aan.\n"
        "    term: ontheffing\n"
        "    lang: [en]\n"
        "    reason: a test\n"
    )
    msgid, wrong = "Vraag de ontheffing aan.", "Apply for the dispensation."
    assert checks.open_term_problems(SMALL, msgid, wrong, "en", exceptions) == []
    assert checks.open_term_problems(SMALL, msgid, wrong, "ti", exceptions)


def test_an_exception_needs_a_reason() -> None:
    with pytest.raises(ValueError, match="reason"):
        checks.parse_exceptions("terms:\n  - {msgid: x, term: ontheffing}\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("terms:\n  - {term: x, en: a, ar: b, ti: c}\n", "explanation"),
        ("terms:\n  - {term: x, explanation: y, en: a, ar: b}\n", "rendering `ti`"),
        ("terms:\n  - {term: x, explanation: y, en: a, ar: b, ti: c, result: [soon]}\n", "soon"),
        (
            "terms:\n  - {term: x, explanation: y, en: a, ar: b, ti: c}\n"
            "  - {term: X, explanation: y, en: a, ar: b, ti: c}\n",
            "two entries",
        ),
    ],
)
def test_a_malformed_term_base_fails_loudly(text: str, message: str) -> None:
    with pytest.raises(terms.TermBaseError, match=message):
        terms.parse(text)


def test_the_glossary_doc_is_generated_from_the_term_base() -> None:
    committed = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    assert committed == terms.glossary_markdown(BASE), "run `make translations`"


def test_the_result_glossary_follows_the_outcome() -> None:
    def outcome(regime: str, status: str, routes: list[str]) -> SimpleNamespace:
        return SimpleNamespace(
            regime=regime,
            status=status,
            routes=[SimpleNamespace(code=code) for code in routes],
            consequences=[],
        )

    assert [t.term for t in terms.glossary_for(SMALL, outcome("wi2013", "obliged", []))] == ["DUO"]
    shown = terms.glossary_for(SMALL, outcome("wi2013", "obliged", ["exemption_agi"]))
    assert [t.term for t in shown] == ["ontheffing", "DUO"]
    shown = terms.glossary_for(SMALL, outcome("wi2013", "exempted", []))
    assert [t.term for t in shown] == ["ontheffing", "DUO"]


def test_the_extractor_gives_label_and_explanation_of_result_terms_only() -> None:
    source = (
        "terms:\n"
        "  - term: PIP\n    label: PIP (plan)\n    explanation: >-\n      Uw plan.\n"
        "      Met de gemeente.\n    en: a\n    ar: b\n    ti: c\n    result: [always]\n"
        "  - term: beroep\n    explanation: Naar de rechter.\n    en: a\n    ar: b\n    ti: c\n"
    )
    found = [
        text for _line, _func, text, _c in terms.extract(io.BytesIO(source.encode()), [], [], {})
    ]
    assert found == ["PIP (plan)", "Uw plan. Met de gemeente."]
