"""The version of the rules: the day they were last checked against the law in force.

Bump RULES_VERSION with every change to what the rules conclude; a saved result made with an
older version is recomputed and says so. Imports nothing from Flask.
"""

from __future__ import annotations

from datetime import date

# The day every rule, parameter and public source was last checked against the law in force
# (../shared/notes/law-in-force.md). Sources and parameters carry their own `checked` date.
RULES_CHECKED = date(2026, 12, 1)
# The date of the current rules; an outcome carries it as `rules_version`.
RULES_VERSION = date(2026, 12, 1)
