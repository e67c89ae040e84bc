"""Property tests: for any text, spans index the text exactly and no character is lost.

Every non-space character of the input lies in exactly one of the title, a sentence or a set-aside
span, in order. Inputs: arbitrary Unicode; a news-like alphabet with emoji, ☝, C0 controls and
right-to-left text and marks; and token soups built from the constructs the segmentation rules
handle (abbreviations, initials, ellipses, list markers, quotes, brackets, glued full stops).
The `slow` variant runs many more examples (deselect with -m 'not slow').
"""

from __future__ import annotations

import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import segment

from test_segment import assert_spans, covered

news_alphabet = st.sampled_from(
    list("abcXYZ .,!?;:\n\n\t\"“”'’‘()[]-–—0123456789☝😀👍🏽…•⁃°")
    + ["\u0000", "\u0007", "\u001b", "\u001f", "\r", "\x0b", "\x0c", "\u0085", "\u2028"]  # C0 controls, odd breaks
    + ["\u202e", "\u200f", "\u200e", "\u200b", "\ufeff"]  # RTL override, RLM, LRM, ZWSP, BOM
    + list("שלום עולם") + list("مرحبا")  # Hebrew, Arabic
)
PIECES = [
    "U.S.", "U.S.A.", "E.U.", "Mr.", "Dr.", "Mt.", "St.", "co.", "Co.", "Inc.", "a.m.", "P.M.", "e.g.", "Ph.D.",
    "No.", "no.", "N°.", "p.", "I.", "E.", "you and I.", "Yahoo!", "...", ". . .", ". . . .", "....", "…", "[...]",
    "1.)", "2.)", "1)", "2)", "1.", "2.", "a.", "b.", "•", "⁃9.", "(", ")", "“", "”", '"', "'", "‘", "’",
    "closure.The", "example.com", "U.S.Steel", "Jane.Doe@example.com.", "https://x.example/a.html.",
    "The", "It", "How", "She", "they", "said", "went", "the", "bank", "Smith", "Jones", "at", "in",
    "5", "1026.253.553.", "$100.00.", ".", "!", "?", "!!", "?!", ",", ":", "☝", "😀", "שלום", "\u202e", "\u0000",
]
separators = st.sampled_from([" ", " ", " ", "", "\n", "\n\n", "  ", "\t"])
soups = st.lists(st.tuples(st.sampled_from(PIECES), separators), max_size=60).map(
    lambda parts: "".join(p + s for p, s in parts)
)
texts = st.one_of(st.text(max_size=300), st.text(alphabet=news_alphabet, max_size=300), soups)


def check(text: str) -> None:
    for detect_title in (True, False):
        article = segment(text, detect_title=detect_title)
        assert_spans(article)
        assert covered(article), "a non-space character is in no span"
        spans = [(s.start, s.end) for s in article.sentences]
        assert spans == sorted(spans)
        for s in article.sentences:
            assert s.text.strip() and not s.text[0].isspace() and not s.text[-1].isspace()
        for sp in article.set_aside:
            assert text[sp.start : sp.end].strip()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_exact_and_every_character_covered(text):
    check(text)


@pytest.mark.slow
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_exact_and_every_character_covered_many(text):
    check(text)


# Prose built from sentences (no list markers, which a wrap may legitimately put at a line start).
words = st.sampled_from(
    "the board said it would review U.S. plans at 5 p.m. on Friday with Mr. Smith of Acme Co. and "
    "officials in the E.U. who rose fell agreed e.g. a wrench (see above) “quoted” 'this' 1.5 percent".split()
)
sentence = st.tuples(
    st.sampled_from(["The", "It", "Officials", "Mr. Ortiz", "Prices", "How", "She"]),
    st.lists(words, min_size=1, max_size=14),
    st.sampled_from([".", "?", "!", "...", ". . . .", ".”"]),
).map(lambda t: " ".join([t[0], *t[1]]) + t[2])
prose = st.lists(sentence, min_size=1, max_size=8).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prose, st.sampled_from([60, 45, 72]))
def test_hard_wrapping_does_not_change_sentences(text, width):
    wrapped = "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))

    def norm(t):
        return [" ".join(s.text.split()) for s in segment(t, detect_title=False).sentences]

    assert norm(wrapped) == norm(text)
