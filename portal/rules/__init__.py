"""Eligibility rules for the civic-integration obligation: Facts in, Outcome out.

Pure Python; imports nothing from Flask, web or store.
"""

from portal.rules.evaluate import evaluate
from portal.rules.facts import Facts, FactsError
from portal.rules.outcome import ROUTE_CODES, Outcome
from portal.rules.schema import facts_json_schema

__all__ = ["ROUTE_CODES", "Facts", "FactsError", "Outcome", "evaluate", "facts_json_schema"]
