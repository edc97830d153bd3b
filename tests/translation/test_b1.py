"""The Dutch B1 check on every msgid (issue 15, item 5)."""

from __future__ import annotations

import pytest

from portal.translation import b1, checks, terms
from tests.conftest import ROOT

BASE = terms.load()


def rules(msgid: str) -> list[str]:
    return [problem.rule for problem in b1.problems(msgid, BASE)]


def test_every_dutch_text_passes_the_b1_check() -> None:
    # Issue 15: Dutch at B1 for people who often cannot check it in Dutch.
    failures = checks.b1_failures(BASE, checks.load_exceptions(), ROOT)
    assert failures == [], (
        f"{len(failures)} Dutch text(s) break the B1 check. Rewrite the Dutch where the text "
        "lives, then `make translations` and update en, ar and ti; or add an exception with a "
        "reason to translations/exceptions.yaml:\n" + "\n".join(failures)
    )


def test_no_exception_is_stale() -> None:
    # An exception that silences nothing hides the next real problem in that text.
    exceptions = checks.load_exceptions()
    used_b1, used_terms = checks.used_exceptions(BASE, ROOT)
    stale = checks.unused_exceptions(exceptions, used_b1, used_terms)
    assert stale == [], f"remove from translations/exceptions.yaml: {stale}"


def test_a_sentence_of_more_than_twenty_words_is_too_long() -> None:
    twenty = " ".join(["woord"] * 19) + " %(years)s."
    assert rules(twenty) == []
    found = b1.problems(twenty.replace(" %(years)s.", " en %(years)s."), BASE)
    assert [p.rule for p in found] == ["sentence-length"]
    assert "21 words" in found[0].detail
    # Each sentence counts apart.
    assert rules(twenty + " " + twenty) == []


@pytest.mark.parametrize(
    ("msgid", "plain"),
    [
        ("Indien u te laat bent, krijgt u een boete.", "als"),
        ("U dient het formulier op tijd te sturen.", "moeten"),
        ("Stuur de brief middels de post.", "met"),
        ("U krijgt teneinde dit te regelen een brief.", "om ... te"),
        ("Dit gaat conform de wet.", "volgens"),
        ("U kunt het examen redelijkerwijs niet halen.", "echt, toch"),
    ],
)
def test_officialese_is_named_with_the_plain_word(msgid: str, plain: str) -> None:
    found = b1.problems(msgid, BASE)
    assert [p.rule for p in found] == ["officialese"]
    assert plain in found[0].fix


def test_officialese_in_quotes_is_being_explained() -> None:
    assert rules('In uw brief staat "indien". Dat betekent: als.') == []
    # "dient ... in" (indienen) is no "dienen te".
    assert rules("U dient het verzoek in bij uw gemeente.") == []


def test_a_long_word_is_fine_only_as_a_term() -> None:
    assert rules("Tel ook het vrijwilligerswerk.") == ["long-word"]
    assert rules("Haal uw inburgeringsdiploma.") == []
    assert rules("Vraag het aan de Immigratie- en Naturalisatiedienst.") == []
    # Codes in capitals are no words to read.
    assert rules("Uw code is ABCDEFGHJKMNPQRSTU.") == []


def test_an_exception_silences_one_rule_for_one_text() -> None:
    exceptions = checks.parse_exceptions(
        "b1:\n  - msgid: Tel ook het vrijwilligerswerk.\n    rule: long-word\n    reason: test\n"
    )
    assert checks.b1_problems("Tel ook het vrijwilligerswerk.", BASE, exceptions) == []
    assert checks.b1_problems("Indien vrijwilligerswerk.", BASE, exceptions)


def test_a_b1_exception_names_a_known_rule() -> None:
    with pytest.raises(ValueError, match="rule"):
        checks.parse_exceptions("b1:\n  - {msgid: x, rule: too-long, reason: y}\n")


def test_the_failure_message_says_where_the_text_lives() -> None:
    message = checks.describe_b1(
        "Wanneer kreeg u uw verblijfsvergunning?",
        [b1.Problem("officialese", 'officialese "x"', 'write "y" instead')],
        ROOT,
    )
    assert "questionnaires/inburgering.yaml:" in message
    assert 'officialese: officialese "x"; write "y" instead' in message
