"""The page-weight budget (issue 7), measured in Chromium as it really downloads.

A first visit to a question page may transfer at most 40 KB (HTML, CSS and JS, compressed, with
headers), each htmx step at most 6 KB, and nothing may come from another host. benchmarks/
pages.py prints the figures behind these limits.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Any

import pytest

from portal.i18n import LANGUAGES
from tests.browser.test_check_browser import PATH, complete_check

FIRST_VISIT_BUDGET = 40 * 1024
HTMX_STEP_BUDGET = 6 * 1024
FINGERPRINTED = re.compile(r"/static/.+\.[0-9a-f]{10}\.(css|js)$")


def transferred(response: Any) -> int:
    """Bytes on the wire for one response: headers plus the body as sent (compressed)."""
    sizes = response.request.sizes()
    return int(sizes["responseHeadersSize"] + sizes["responseBodySize"])


def record_responses(context: Any) -> list[Any]:
    seen: list[Any] = []
    context.on("response", lambda response: seen.append(response))
    return seen


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_first_visit_to_a_question_page_fits_the_budget(context, external_requests, lang):
    responses = record_responses(context)
    page = context.new_page()
    page.goto(f"/{lang}/check/")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/check/nationality-group")
    kinds = {response.request.resource_type for response in responses}
    assert {"document", "stylesheet", "script"} <= kinds
    total = sum(transferred(response) for response in responses)
    print(f"first visit to a question page ({lang}): {total:,} B on the wire")
    assert total <= FIRST_VISIT_BUDGET, [(r.url, transferred(r)) for r in responses]
    assert external_requests == []


def test_pages_and_static_files_come_compressed_and_static_files_are_cached_long(
    context, external_requests
):
    responses = record_responses(context)
    page = context.new_page()
    page.goto("/ar/check/")
    page.wait_for_load_state("networkidle")
    statics = [r for r in responses if "/static/" in r.url]
    assert len(statics) >= 3
    for response in statics:
        headers = response.all_headers()
        assert FINGERPRINTED.search(response.url), response.url
        assert "max-age=31536000" in headers["cache-control"]
        assert "immutable" in headers["cache-control"]
        assert headers.get("content-encoding") == "gzip", response.url
    document = next(r for r in responses if r.request.resource_type == "document" and r.ok)
    assert document.all_headers().get("content-encoding") == "gzip"
    assert external_requests == []


@pytest.mark.parametrize("lang", ["nl", "ti"])
def test_each_htmx_step_fits_the_budget(context, external_requests, lang):
    responses = record_responses(context)
    page = context.new_page()
    complete_check(page, lang)
    under_htmx = [r for r in responses if r.request.header_value("hx-request") == "true"]
    # A step is an answer's POST (a 303) plus the next question's fragment that htmx fetches.
    steps = [
        transferred(post) + transferred(fetch)
        for post, fetch in pairwise(under_htmx)
        if post.request.method == "POST" and fetch.request.method == "GET"
    ]
    assert len(steps) >= len(PATH) - 1
    print(f"htmx steps ({lang}): {len(steps)}, largest {max(steps):,} B on the wire")
    assert max(steps) <= HTMX_STEP_BUDGET
    assert external_requests == []
