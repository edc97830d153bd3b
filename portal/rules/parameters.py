"""Load the dated parameters in parameters/ and answer value_at(name, date) with its Source.

Each YAML file's path is the parameter name (agi/max_attempts.yaml -> "agi/max_attempts").
Pure data access: no rule logic here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from portal.rules.outcome import Source

PARAMETERS_DIR = Path(__file__).parent / "parameters"


class ParameterError(LookupError):
    """A parameter is missing, malformed, or has no value on the asked date."""


@dataclass(frozen=True)
class Period:
    """One value of a parameter, valid from valid_from up to and including valid_to."""

    valid_from: date
    valid_to: date | None
    value: Any
    source: Source

    def covers(self, when: date) -> bool:
        """Return True when this value applies on `when`."""
        return self.valid_from <= when and (self.valid_to is None or when <= self.valid_to)


@dataclass(frozen=True)
class Parameter:
    """A named value that changes over time."""

    name: str
    description: str
    periods: tuple[Period, ...]
    # The day the parameter was last checked against the law in force.
    checked: date | None = None


def _source(raw: Any, where: str, checked: date | None) -> Source:
    if not isinstance(raw, dict) or not raw:
        raise ParameterError(f"{where}: every value needs a source")
    source = Source(
        law=raw.get("law"),
        article=raw.get("article"),
        seed=raw.get("seed"),
        lines=raw.get("lines"),
        title=raw.get("title"),
        url=raw.get("url"),
        checked=checked,
    )
    if not (source.law or source.seed or source.url):
        raise ParameterError(f"{where}: source needs a law, an official page or a seed")
    return source


def _load_file(path: Path) -> Parameter:
    name = path.relative_to(PARAMETERS_DIR).with_suffix("").as_posix()
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    checked = data.get("checked")
    if checked is not None and not isinstance(checked, date):
        raise ParameterError(f"{name}: checked must be a date")
    periods = []
    for index, raw in enumerate(data.get("values", [])):
        where = f"{name}[{index}]"
        if not isinstance(raw.get("valid_from"), date):
            raise ParameterError(f"{where}: valid_from must be a date")
        valid_to = raw.get("valid_to")
        if valid_to is not None and not isinstance(valid_to, date):
            raise ParameterError(f"{where}: valid_to must be a date")
        if "value" not in raw:
            raise ParameterError(f"{where}: missing value")
        periods.append(
            Period(
                raw["valid_from"],
                valid_to,
                raw["value"],
                _source(raw.get("source"), where, checked),
            )
        )
    periods.sort(key=lambda p: p.valid_from)
    return Parameter(name, str(data.get("description", "")), tuple(periods), checked)


@cache
def load_parameters() -> dict[str, Parameter]:
    """Load every parameter file once; return them by name."""
    return {p.name: p for p in map(_load_file, sorted(PARAMETERS_DIR.rglob("*.yaml")))}


def value_at(name: str, when: date) -> tuple[Any, Source]:
    """Return the value of parameter `name` on date `when`, with its Source.

    :param name: the parameter path without .yaml, e.g. "agi/max_attempts".
    :param when: the date the value must apply on.
    :raises ParameterError: when the name is unknown or no value covers the date.
    """
    parameter = load_parameters().get(name)
    if parameter is None:
        raise ParameterError(f"unknown parameter {name!r}")
    for period in parameter.periods:
        if period.covers(when):
            return period.value, period.source
    raise ParameterError(f"{name}: no value on {when.isoformat()}")
