"""Property tests: for any text, spans index the text exactly and no character is lost."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import segment

from test_segment import assert_spans, covered

news_alphabet = st.sampled_from(list("abcXYZ .,!?\n\n\t\"“”'’()-0123456789☝😀\u0000\u001b\u202eשל"))
texts = st.one_of(st.text(max_size=300), st.text(alphabet=news_alphabet, max_size=300))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_exact_and_every_character_covered(text):
    article = segment(text)
    assert_spans(article)
    assert covered(article)
