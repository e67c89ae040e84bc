"""Bugs found by the hardening work and by a new user, each kept as a test: quotes took
quadratic time (every quote scanned every entity mention; now a binary search over the sorted
mentions), and a Ctrl-C swallowed inside a finalizer was lost.

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


def test_a_swallowed_ctrl_c_is_delivered_again():
    """Found by a new user: Ctrl-C landing in a finalizer (`__del__`) was swallowed by Python and
    the run went on to its 60 s timeout. The signal now repeats until the run loop catches it."""
    import os
    import signal
    import time

    from briefing.output import Interrupts

    guard = Interrupts()
    with guard:
        try:
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(1)
        except KeyboardInterrupt:
            pass  # swallowed, as the interpreter does inside a finalizer
        with pytest.raises(KeyboardInterrupt):
            for _ in range(100):  # up to 5 s; the repeat comes after 0.25 s
                time.sleep(0.05)
        guard.stop()
