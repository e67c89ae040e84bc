"""Bugs the hardening work found, each kept as a test: quotes took quadratic time (every quote
scanned every entity mention; fixed with a binary search over the sorted mentions).

Each runs under a time limit (:class:`briefing.batch.deadline`), so a regression costs seconds,
not minutes; the quadratic cases only show at a few hundred kilobytes, hence ``slow``.
"""

from __future__ import annotations

import pytest

from briefing.batch import TimedOut, deadline
from briefing.pipeline import article_from_text


def _within(seconds: float, fn) -> None:
    try:
        with deadline(seconds):
            fn()
    except TimedOut:
        pytest.fail(f"did not finish within {seconds} s")


@pytest.mark.slow
def test_quotes_take_linear_time():
    from briefing.facts.entities import extract_entities
    from briefing.facts.quotes import extract_quotes

    article = article_from_text(" ".join('"Yes," said Ana.' for _ in range(12_000)))  # 204 KB
    entities = extract_entities(article)
    _within(4, lambda: extract_quotes(article, entities=entities))
