"""Noun-phrase chunks from Penn Treebank tags, as character spans into the article text.

A small regular grammar over tag classes (pure code, no data):

    NP -> (possessor | DT{1,2} | PRP$)? modifier* noun
    possessor -> DT? (JJ | CD)* noun+ POS          ("Turkey 's", "the company 's")
    modifier  -> JJ* | CD | $ | noun | VBG/VBN after a determiner, adjective or possessor
    noun      -> NN | NNS | NNP | NNPS

Hyphenated compounds count as one word whether the tokenizer kept them whole
("Turkish-Russian") or split them ("Turkish - Russian" with no spaces); such a compound is a
noun when either side is. Examples: "the Turkish-Russian joint working group", "observation
points", "Defense Minister Hulusi Akar", "a possible refugee influx", "two Turkish soldiers".

"at least" / "at most" stay outside a chunk, and "last" / "next" start a new one ("Ankara | last
week"). Each chunk is a :class:`Chunk`: ``article.text[chunk.start:chunk.end] == chunk.text`` (the same
invariant as every span of :mod:`briefing.document`); `head` is the text of the last noun and
`tokens` the half-open range of token indices in the sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..document import Sentence, Token

_SYMBOL = {
    "DT": "D",
    "PDT": "D",
    "PRP$": "S",
    "WP$": "S",
    "POS": "P",
    "JJ": "J",
    "JJR": "J",
    "JJS": "J",
    "CD": "C",
    "$": "M",
    "VBG": "V",
    "VBN": "V",
    "NN": "N",
    "NNS": "N",
    "NNP": "N",
    "NNPS": "N",
}
_NP = re.compile(r"(?:D?[JCM]*N+P|D{1,2}|S)?(?:[JCMN]|(?<=[DSJP])V|(?<=JN)V)*N")
_DETERMINERS = frozenset("DS")
_HYPHENS = frozenset({"-", "–", "‐"})
# Adjectives that start a time phrase ("Ankara last week"): treated like determiners, so they
# begin a new chunk rather than extending the noun before them.
_TIME_DETERMINERS = frozenset({"last", "next"})


def _symbol(tokens: Sequence[Token], tags: Sequence[str], i: int) -> str:
    symbol = _SYMBOL.get(tags[i], "x")
    if symbol == "J":
        word = tokens[i].text.lower()
        if word in ("least", "most") and i and tokens[i - 1].text.lower() == "at":
            return "x"  # "at least 167 civilians": the hedge is not part of the phrase
        if word in _TIME_DETERMINERS:
            return "D"
    return symbol


@dataclass(frozen=True, slots=True)
class Chunk:
    """A noun phrase: character span ``[start, end)`` into the article text, its text, the text
    of its head (last) noun, and ``tokens``, the half-open range of its token indices."""

    start: int
    end: int
    text: str
    head: str
    tokens: tuple[int, int]


def _units(tokens: Sequence[Token], tags: Sequence[str]) -> list[tuple[str, int, int]]:
    """(symbol, first token, last token + 1), with no-space hyphen compounds merged into one."""
    units: list[tuple[str, int, int]] = []
    i, n = 0, len(tokens)
    while i < n:
        symbol = _symbol(tokens, tags, i)
        j = i + 1
        # word - word with no spaces: one compound word
        while (
            j + 1 < n
            and tokens[j].text in _HYPHENS
            and tokens[j].start == tokens[j - 1].end
            and tokens[j + 1].start == tokens[j].end
            and symbol in "JCNV"
            and _SYMBOL.get(tags[j + 1], "x") in "JCNV"
        ):
            right = _SYMBOL[tags[j + 1]]
            symbol = "N" if "N" in (symbol, right) else right
            j += 2
        units.append((symbol, i, j))
        i = j
    return units


def chunk_tokens(
    tokens: Sequence[Token], tags: Sequence[str], text: str, offset: int = 0, *, determiners: bool = True
) -> tuple[Chunk, ...]:
    """Noun phrases over `tokens` (absolute offsets) whose source text is `text` starting at
    absolute offset `offset` (for a sentence: ``sentence.text`` and ``sentence.start``)."""
    if len(tags) != len(tokens):
        raise ValueError(f"{len(tags)} tags for {len(tokens)} tokens")
    units = _units(tokens, tags)
    symbols = "".join(u[0] for u in units)
    chunks = []
    for match in _NP.finditer(symbols):
        a, b = match.span()
        if not determiners:
            while a < b and symbols[a] in _DETERMINERS:
                a += 1
        first, last = units[a][1], units[b - 1][2]
        start, end = tokens[first].start, tokens[last - 1].end
        head = units[b - 1]
        chunks.append(
            Chunk(
                start=start,
                end=end,
                text=text[start - offset : end - offset],
                head=text[tokens[head[1]].start - offset : tokens[head[2] - 1].end - offset],
                tokens=(first, last),
            )
        )
    return tuple(chunks)


def noun_phrases(sentence: Sentence, tags: Sequence[str] | None = None, *, determiners: bool = True) -> tuple[Chunk, ...]:
    """Noun-phrase chunks of `sentence` in order (tags from :func:`briefing.text.tagger.tag_sentence`
    when not given). `determiners=False` drops leading determiners and possessive pronouns
    ("the", "all the", "their"): the form used for keyphrase candidates."""
    if tags is None:
        from .tagger import tag_sentence

        tags = tag_sentence(sentence)
    return chunk_tokens(sentence.tokens, tags, sentence.text, sentence.start, determiners=determiners)


def bare_noun_phrases(sentence: Sentence, tags: Sequence[str] | None = None) -> tuple[Chunk, ...]:
    """:func:`noun_phrases` without leading determiners (keyphrase candidates)."""
    return noun_phrases(sentence, tags, determiners=False)
