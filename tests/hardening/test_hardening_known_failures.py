"""Failures found by the hardening work in modules other engineers own (issue 7): each is a test
of the behaviour we want, marked ``xfail(strict=True)`` so that the suite stays green now and
turns red (XPASS) as soon as the owner fixes it, to remove the mark. Minimal inputs inline.

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
@pytest.mark.xfail(
    strict=True,
    reason="quotes.py: _SpeakerResolver.resolve scans every entity mention for every quote "
    "(the list comprehension `inside = [...] for ... in self.mentions`), O(quotes x mentions): "
    "8,000 quotes in 136 KB take ~6 s, 16,000 in 288 KB ~21 s (bisect the sorted mentions)",
)
def test_quotes_take_linear_time():
    from briefing.facts.entities import extract_entities
    from briefing.facts.quotes import extract_quotes

    article = article_from_text(" ".join('"Yes," said Ana.' for _ in range(12_000)))  # 204 KB
    entities = extract_entities(article)
    _within(4, lambda: extract_quotes(article, entities=entities))
