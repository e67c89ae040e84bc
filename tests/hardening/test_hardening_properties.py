"""Properties on any Unicode text (issue 7): no crash, exact spans, a summary of the article's own
sentences, JSON that parses with the same keys whatever the options, the same bytes every run.

The default run tries a few hundred texts (derandomized, so it is reproducible); ``-m slow`` tries
thousands with fresh randomness.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from briefing.pipeline import BriefOptions, article_from_text, brief
from briefing.render.json import dumps, to_dict
from hardening_support import brief_and_check, hostile_text, options

FAST = settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
SLOW = settings(FAST, max_examples=4000, derandomize=False)


@FAST
@given(text=hostile_text, opts=options)
def test_any_text_briefs_with_exact_spans(text, opts):
    brief_and_check(text, opts)


@pytest.mark.slow
@SLOW
@given(text=hostile_text, opts=options)
def test_any_text_briefs_with_exact_spans_thousands(text, opts):
    brief_and_check(text, opts)


def _json_bytes(text: str, opts: BriefOptions) -> bytes:
    briefing = brief(article_from_text(text), opts)
    return dumps(to_dict(briefing, "brief")).encode("utf-8")


@settings(FAST, max_examples=60)
@given(text=hostile_text, opts=options)
def test_same_input_same_bytes(text, opts):
    assert _json_bytes(text, opts) == _json_bytes(text, opts)


@pytest.mark.slow
@settings(SLOW, max_examples=1000)
@given(text=hostile_text, opts=options)
def test_same_input_same_bytes_thousands(text, opts):
    assert _json_bytes(text, opts) == _json_bytes(text, opts)
