"""The questionnaire engine: questionnaires/*.yaml in, the next question and Facts out.

Imports portal.rules for Facts only, and nothing from Flask, web or store.
"""
