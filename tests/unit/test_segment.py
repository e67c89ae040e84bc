"""Sentence, paragraph, title and token spans."""

from __future__ import annotations

import pytest

from briefing import segment


def assert_spans(article):
    text = article.text
    for sentence in article.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert text[token.start : token.end] == token.text
            assert sentence.start <= token.start < token.end <= sentence.end
    for p in article.paragraphs:
        assert p.start < p.end
    assert [s.index for s in article.sentences] == list(range(len(article.sentences)))


def covered(article):
    """Every non-space character lies in the title, a sentence or a set-aside span, once."""
    spans = [(s.start, s.end) for s in article.sentences] + [(s.start, s.end) for s in article.set_aside]
    if article.title:
        spans.append((article.title.start, article.title.end))
    spans.sort()
    for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
        assert e1 <= s2, "overlapping spans"
    inside = set()
    for s, e in spans:
        inside.update(range(s, e))
    return all(i in inside for i, ch in enumerate(article.text) if not ch.isspace())


def test_seed_title_once_and_repeats_set_aside(seed_article):
    a = seed_article
    assert a.title_text == "Turkish and Russian defense ministers discuss Idlib"
    assert len(a.set_aside) == 2
    assert all(a.text[s.start : s.end] == a.title_text for s in a.set_aside)
    assert not any("discuss Idlib" in s.text for s in a.sentences)
    assert len(a.sentences) == 14
    assert a.sentences[0].text.startswith("Defense ministers of Turkey and Russia")
    assert a.sentences[-1].text.endswith("pro-democracy protests.")
    assert_spans(a)
    assert covered(a)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Dr. Smith met Gen. Jones in the U.S. on Jan. 5. They talked.", 2),
        ("Shares of Acme Inc. rose 1.5 percent. Analysts were surprised.", 2),
        ("Use a tool, e.g. a wrench, first. Then tighten it.", 2),
        ("Item No. 7 passed. Item No. 8 failed.", 2),
        ("The rate rose to 3.25 percent in 2023. It fell later.", 2),
        ("She said: “We will not stop.” The crowd cheered.", 2),
    ],
)
def test_sentence_boundaries(text, expected):
    a = segment(text, detect_title=False)
    assert len(a.sentences) == expected, [s.text for s in a.sentences]
    assert_spans(a)


def test_blank_line_ends_sentence_and_paragraph():
    a = segment("Headline here\n\nFirst paragraph has no period\n\nSecond paragraph.")
    assert a.title_text == "Headline here"
    assert [s.text for s in a.sentences] == ["First paragraph has no period", "Second paragraph."]
    assert [s.paragraph for s in a.sentences] == [0, 1]


def test_hard_wrapped_text_is_one_sentence_per_sentence():
    flowing = (
        "The committee published its report on the regional water supply on Tuesday morning. "
        "It found that two of the four reservoirs were below half of their capacity after the dry summer."
    )
    import textwrap

    wrapped = "\n".join(textwrap.wrap(flowing, 60))
    a, b = segment(flowing, detect_title=False), segment(wrapped, detect_title=False)
    assert [" ".join(s.text.split()) for s in a.sentences] == [" ".join(s.text.split()) for s in b.sentences]
    assert len(b.sentences) == 2


def test_wire_copy_first_line_is_not_a_title():
    text = (
        "The committee published its report on the regional water\n"
        "supply on Tuesday morning. It found two reservoirs low.\n"
    )
    a = segment(text)
    assert a.title is None
    assert a.sentences[0].text.startswith("The committee published")


def test_short_line_without_punctuation_ends_there_and_list_items_split():
    a = segment("Budget talks\n\nBy Ana Ruiz\nLISBON\nThe plan has three parts:\n- taxes rise\n- spending falls", detect_title=True)
    assert a.metadata.author == "Ana Ruiz"
    texts = [s.text for s in a.sentences]
    assert "LISBON" in texts
    assert "- taxes rise" in texts and "- spending falls" in texts


def test_crlf_and_bom_and_empty():
    a = segment("\ufeffTitle line\r\n\r\nBody sentence one. Body two.\r\n")
    assert a.title_text == "Title line"
    assert [s.text for s in a.sentences] == ["Body sentence one.", "Body two."]
    assert segment("").sentences == ()
    assert segment("   \n\n  ").sentences == ()


def test_tokens_are_treebank_style():
    a = segment("He didn't say “no,” she said.", detect_title=False)
    assert [t.text for t in a.sentences[0].tokens] == ["He", "did", "n't", "say", "“", "no", ",", "”", "she", "said", "."]


@pytest.mark.parametrize(
    "text",
    [
        "At least 40 workers built the dam\nin 2019.",  # short wrapped line, next starts lower case
        "Officials said they would publish the\nReport on Friday.",  # line ends on a function word
    ],
)
def test_short_wrapped_line_continues_the_sentence(text):
    a = segment(text, detect_title=False)
    assert len(a.sentences) == 1
