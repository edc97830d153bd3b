"""WTForms forms built from a questionnaire question: one field set per question type.

The form turns posted data into a stored answer value (codes, never translated text) or into
error messages in the user's language. HTML lives in templates/macros/fields.html.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectMultipleField, StringField

from portal.flow.engine import MIN_YEAR, is_valid_value, is_year_only
from portal.flow.schema import NONE, UNKNOWN, Question

FIELD_ID = "answer"
# The month "I know only the year" (issue 13): the answer is then the year alone, "YYYY".
ONLY_YEAR_OPTION = "year"


def N_(msgid: str) -> str:
    """Mark a msgid for extraction; it is translated when the error is raised."""
    return msgid


def message(key: str, **params: Any) -> str:
    """Return the translated error message `key` (a variable msgid, so Babel skips the key)."""
    msgid = MESSAGES[key]
    return _(msgid, **params)


MESSAGES = {
    "choice": N_("Kies een van de antwoorden."),
    "not_both": N_("Vul een antwoord in of kies “Ik weet het niet”, niet allebei."),
    "exclusive": N_("Kies “%(label)s” alleen, zonder andere antwoorden."),
    "whole_number": N_("Vul een heel getal in, zonder punt of komma. Bijvoorbeeld: 12."),
    "range": N_("Vul een getal in van %(min)s tot en met %(max)s."),
    "month": N_("Kies een maand."),
    "year": N_("Vul bij jaar 4 cijfers in. Bijvoorbeeld: 2019."),
    "year_range": N_("Vul een jaar in van %(min)s tot en met %(max)s."),
    "future": N_("Deze datum ligt in de toekomst. Vul een datum in die al geweest is."),
}
_DIGITS = re.compile(r"^\d+$")


class AnswerForm(FlaskForm):
    """Base of the question forms: no CSRF field of their own.

    CSRFProtect checks the token of every POST before any view runs (portal/security.py), and
    the templates put the token in every form, so a second check per form only costs time.
    """

    class Meta:
        csrf = False


class QuestionForm(AnswerForm):
    """The fields of one question; only the ones its type needs are used."""

    answer = StringField()
    month = StringField()
    year = StringField()
    unknown = BooleanField()


class ChoiceForm(AnswerForm):
    answer = RadioField(validate_choice=False)


class MultiForm(AnswerForm):
    answer = SelectMultipleField(validate_choice=False)
    unknown = BooleanField()


def build_form(question: Question, value: Any = None, formdata: Any = None) -> FlaskForm:
    """Return a bound form: from posted `formdata`, else prefilled from a stored `value`.

    A stored value that no longer fits the question (say, after a questionnaire change) is
    left out, so it counts as unanswered (docs/adr/001-state-storage.md).
    """
    if value is not None and not is_valid_value(question, value):
        value = None
    form: FlaskForm
    if question.type in {"choice", "yes_no"}:
        form = ChoiceForm(formdata=formdata)
        if formdata is None and value is not None:
            form.answer.data = value
    elif question.type == "multi":
        form = MultiForm(formdata=formdata)
        if formdata is None and value is not None:
            if value == UNKNOWN:
                form.unknown.data = True
            else:
                form.answer.data = list(value) or [NONE]
    else:
        form = QuestionForm(formdata=formdata)
        if formdata is None and value is not None:
            if value == UNKNOWN:
                form.unknown.data = True
            elif question.type == "month_year" and is_year_only(value):
                form.year.data, form.month.data = str(value), ONLY_YEAR_OPTION
            elif question.type == "month_year":
                year, month = str(value).split("-")
                form.year.data, form.month.data = year, str(int(month))
            else:
                form.answer.data = str(value)
    return form


class Invalid(Exception):
    """One error: the message and the id of the input it belongs to."""

    def __init__(self, message: str, field_id: str = FIELD_ID) -> None:
        super().__init__(message)
        self.message = message
        self.field_id = field_id


def _required(question: Question) -> Invalid:
    return Invalid(_(question.error) if question.error else message("choice"))


def _choice_value(question: Question, form: Any) -> Any:
    raw = form.answer.data
    if raw in (None, "", "None"):
        raise _required(question)
    if raw == UNKNOWN and question.unknown:
        return UNKNOWN
    allowed = ["yes", "no"] if question.type == "yes_no" else [o.value for o in question.options]
    if raw not in allowed:
        raise Invalid(message("choice"))
    return raw


def _multi_value(question: Question, form: Any) -> Any:
    chosen = [code for code in (form.answer.data or []) if code]
    if form.unknown.data and question.unknown:
        if chosen:
            raise Invalid(message("not_both"))
        return UNKNOWN
    if not chosen:
        raise _required(question)
    if len(set(chosen)) != len(chosen) or any(question.option(c) is None for c in chosen):
        raise Invalid(message("choice"))
    for code in chosen:
        option = question.option(code)
        if option is not None and option.exclusive and len(chosen) > 1:
            raise Invalid(message("exclusive", label=_(option.label)))
    first = question.option(chosen[0])
    if len(chosen) == 1 and first is not None and first.exclusive:
        return []
    return chosen


def _number_value(question: Question, form: Any) -> Any:
    raw = (form.answer.data or "").strip()
    if form.unknown.data and question.unknown:
        if raw:
            raise Invalid(message("not_both"))
        return UNKNOWN
    if not raw:
        raise _required(question)
    # Bound the length before int(): a very long string of digits makes int() raise.
    if len(raw) > 6 or not _DIGITS.match(raw):
        raise Invalid(message("whole_number"))
    number = int(raw)
    if not question.minimum <= number <= question.maximum:
        raise Invalid(message("range", min=question.minimum, max=question.maximum))
    return number


def _month_year_value(question: Question, form: Any, today: date) -> Any:
    month = (form.month.data or "").strip()
    year = (form.year.data or "").strip()
    if form.unknown.data and question.unknown:
        if month or year:
            raise Invalid(message("not_both"), FIELD_ID + "-month")
        return UNKNOWN
    if not month and not year:
        raise Invalid(_required(question).message, FIELD_ID + "-month")
    only_year = month == ONLY_YEAR_OPTION
    # Bound the lengths before int(): a very long string of digits makes int() raise.
    if not only_year and (len(month) > 2 or not _DIGITS.match(month) or not 1 <= int(month) <= 12):
        raise Invalid(message("month"), FIELD_ID + "-month")
    if len(year) != 4 or not _DIGITS.match(year):
        raise Invalid(message("year"), FIELD_ID + "-year")
    if not MIN_YEAR <= int(year) <= today.year:
        raise Invalid(message("year_range", min=MIN_YEAR, max=today.year), FIELD_ID + "-year")
    if only_year:
        return f"{int(year):04d}"
    if (int(year), int(month)) > (today.year, today.month):
        raise Invalid(message("future"), FIELD_ID + "-month")
    return f"{int(year):04d}-{int(month):02d}"


def _one_value_each(question: Question, form: Any) -> None:
    """Refuse several values for a field that takes one: only a tampered post sends them.

    WTForms would quietly keep the first (issue 7).
    """
    for field in form:
        if field.name == "answer" and question.type == "multi":
            continue
        if len(field.raw_data or []) > 1:
            if question.type != "month_year":
                raise Invalid(_required(question).message)
            year = field.name == "year"
            raise Invalid(_required(question).message, f"{FIELD_ID}-{'year' if year else 'month'}")


def answer_from_form(question: Question, form: Any, today: date | None = None) -> Any:
    """Return the stored value for the posted form, or raise Invalid with a translated message."""
    _one_value_each(question, form)
    if question.type in {"choice", "yes_no"}:
        return _choice_value(question, form)
    if question.type == "multi":
        return _multi_value(question, form)
    if question.type == "number":
        return _number_value(question, form)
    return _month_year_value(question, form, today or date.today())
