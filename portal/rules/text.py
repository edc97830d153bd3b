"""User-facing text as Dutch msgids with parameters, translated later by the web layer.

Imports nothing from Flask: the rules only mark strings; Babel extracts them with keyword N_.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Translate = Callable[[str], str]
# Formats a whole number for the reader's language (1250 -> "1.250" in Dutch, "1,250" in English).
FormatNumber = Callable[[int], str]


@dataclass(frozen=True)
class Text:
    """A Dutch msgid plus the values for its %(name)s placeholders."""

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)

    def render(self, translate: Translate | None = None, number: FormatNumber | None = None) -> str:
        """Return the translated msgid with its parameters filled in.

        :param translate: a callable msgid -> translated string; None keeps the Dutch msgid.
        :param number: formats whole-number parameters for the reader's language; None leaves
            them as digits.
        """
        template = translate(self.msgid) if translate else self.msgid
        if not self.params:
            return template
        params = {key: _param(value, translate, number) for key, value in self.params.items()}
        return template % params

    def to_dict(
        self, translate: Translate | None = None, number: FormatNumber | None = None
    ) -> dict[str, Any] | str:
        """Return the rendered string when translate is given, else {"msgid", "params"}."""
        if translate is not None:
            return self.render(translate, number)
        return {"msgid": self.msgid, "params": {k: _dump(v) for k, v in self.params.items()}}


def _param(value: Any, translate: Translate | None, number: FormatNumber | None) -> Any:
    """Render one parameter: a Text is translated too, a tuple of Texts becomes a list."""
    if isinstance(value, Text):
        return value.render(translate, number)
    if isinstance(value, tuple) and all(isinstance(item, Text) for item in value):
        return ", ".join(item.render(translate, number) for item in value)
    if number is not None and isinstance(value, int) and not isinstance(value, bool):
        return number(value)
    return value


def _dump(value: Any) -> Any:
    if isinstance(value, Text):
        return value.to_dict()
    if isinstance(value, tuple) and all(isinstance(item, Text) for item in value):
        return [item.to_dict() for item in value]
    return value


def N_(msgid: str, **params: Any) -> Text:
    """Mark a Dutch msgid for extraction and bind its parameters.

    :param msgid: a literal Dutch string at B1 level, with %(name)s placeholders.
    :param params: the values for the placeholders (dates as ISO strings).
    """
    return Text(msgid, dict(params))
