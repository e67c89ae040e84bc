"""Noun-phrase chunks: spans into the article text, grammar on given tags, tagged end to end."""

from __future__ import annotations

import pytest

from briefing import segment
from briefing.document import Token
from briefing.text.chunk import Chunk, bare_noun_phrases, chunk_tokens, noun_phrases


def tokens_of(words: list[str]) -> tuple[str, tuple[Token, ...]]:
    """Tokens joined by single spaces, with their spans."""
    text, tokens = "", []
    for word in words:
        if text:
            text += " "
        tokens.append(Token(word, len(text), len(text) + len(word)))
        text += word
    return text, tuple(tokens)


def phrases(words, tags, **kw):
    text, tokens = tokens_of(words)
    return [c.text for c in chunk_tokens(tokens, tags, text, 0, **kw)]


def test_grammar_on_given_tags():
    words = "the Turkish-Russian joint working group visited observation points".split()
    tags = ["DT", "JJ", "JJ", "VBG", "NN", "VBD", "NN", "NNS"]
    assert phrases(words, tags) == ["the Turkish-Russian joint working group", "observation points"]
    assert phrases(words, tags, determiners=False) == ["Turkish-Russian joint working group", "observation points"]


def test_titles_names_numbers_possessives():
    words = "Defense Minister Hulusi Akar said two Turkish soldiers and 167 civilians died".split()
    tags = ["NNP", "NNP", "NNP", "NNP", "VBD", "CD", "JJ", "NNS", "CC", "CD", "NNS", "VBD"]
    assert phrases(words, tags) == ["Defense Minister Hulusi Akar", "two Turkish soldiers", "167 civilians"]
    words = ["Turkey", "'s", "defense", "minister", "feared", "a", "possible", "refugee", "influx"]
    tags = ["NNP", "POS", "NN", "NN", "VBD", "DT", "JJ", "NN", "NN"]
    assert phrases(words, tags) == ["Turkey 's defense minister", "a possible refugee influx"]
    assert phrases(words, tags, determiners=False)[1] == "possible refugee influx"


def test_hedges_and_time_phrases():
    words = "at least 167 civilians fled Idlib last week".split()
    tags = ["IN", "JJS", "CD", "NNS", "VBD", "NNP", "JJ", "NN"]
    assert phrases(words, tags) == ["167 civilians", "Idlib", "last week"]


def test_participle_needs_a_determiner_or_adjective():
    words = "He was seen leaving Ankara with the armed guards".split()
    tags = ["PRP", "VBD", "VBN", "VBG", "NNP", "IN", "DT", "VBN", "NNS"]
    assert phrases(words, tags) == ["Ankara", "the armed guards"]


def test_split_hyphen_compound_is_one_word():
    text = "the Turkish-Russian group"
    tokens = (Token("the", 0, 3), Token("Turkish", 4, 11), Token("-", 11, 12), Token("Russian", 12, 19), Token("group", 20, 25))
    chunks = chunk_tokens(tokens, ["DT", "JJ", "HYPH", "JJ", "NN"], text)
    assert [c.text for c in chunks] == ["the Turkish-Russian group"]
    assert chunks[0].head == "group" and chunks[0].tokens == (0, 5)


def test_tag_count_must_match():
    with pytest.raises(ValueError):
        chunk_tokens((Token("a", 0, 1),), [], "a")


ARTICLE = (
    "Officials meet again\n\n"
    "Defense Minister Hulusi Akar met his Russian counterpart in Ankara on Friday. "
    "The Turkish-Russian joint working group will inspect the observation points near the border.\n\n"
    "Aid groups warned of a possible refugee influx, and 167 civilians have fled the fighting."
)


def test_tagged_end_to_end_and_span_invariant():
    article = segment(ARTICLE)
    found = []
    for sentence in article.sentences:
        for chunk in noun_phrases(sentence):
            assert isinstance(chunk, Chunk)
            assert article.text[chunk.start : chunk.end] == chunk.text
            assert sentence.start <= chunk.start < chunk.end <= sentence.end
            assert chunk.text.endswith(chunk.head)
            first, last = chunk.tokens
            assert sentence.tokens[first].start == chunk.start and sentence.tokens[last - 1].end == chunk.end
            found.append(chunk.text)
    for expected in [
        "Defense Minister Hulusi Akar",
        "his Russian counterpart",
        "The Turkish-Russian joint working group",
        "the observation points",
        "a possible refugee influx",
        "167 civilians",
    ]:
        assert expected in found
    bare = [c.text for s in article.sentences for c in bare_noun_phrases(s)]
    assert "Turkish-Russian joint working group" in bare
    assert "Russian counterpart" in bare
    assert not any(p.split()[0].lower() in {"the", "a", "his"} for p in bare)


def test_chunks_are_ordered_and_disjoint():
    article = segment(ARTICLE)
    for sentence in article.sentences:
        chunks = noun_phrases(sentence)
        for a, b in zip(chunks, chunks[1:]):
            assert a.end <= b.start
