"""Keyphrases: the phrases that say what an article is about, ranked, with every occurrence.

Method (unsupervised, graph-based, one code path for every English input):

1. **Words.** The title (when the article has one), then every body sentence, as the Treebank
   tokens of :mod:`briefing.text.segment`. A token is a *content word* when it starts with a
   letter or digit, contains a letter, has at least two letters or digits, and is not a stop word:
   sumy's list for the language, plus, for English, :data:`NEWS_STOP_WORDS` (reporting verbs,
   frequent irregular verb forms, hedges, weekdays and months, "percent" and "year", honorifics,
   counting and vague nouns such as "people", "thousands", "miles", "way") and lower-case adverbs
   in "-ly". So numbers and phone numbers ("555-0142") are never content words, one letter never
   is ("U.S." is one word, never "U" or "S"), and "COVID-19" and "SARS-CoV-2" stay whole. Words
   are compared by their lower-cased Snowball stem: "coast", "Coast" and "coasts" are one word.
2. **Candidates** (English): noun phrases from the part-of-speech tags of
   :mod:`briefing.text.tagger`, the pattern ``(JJ|VBN|VBG)* (NN|NNS|NNP|NNPS)+`` (adjectives and
   nouns, no determiners) used by PositionRank and TopicRank after Hulth (EMNLP 2003, "Improved
   Automatic Keyword Extraction Given More Linguistic Knowledge"); see :func:`noun_phrase_chunks`
   for its two refinements (numbers with letters as modifiers; a leading participle only after a
   determiner). Runs are cut at non-content words and kept when at most :data:`MAX_WORDS` words
   long. Each sentence is tagged once, or the caller passes the tags (``tags=``). Other languages
   have no tagger: their candidates are :func:`stopword_chunks`, the maximal runs of content
   words between stop words and punctuation (RAKE's rule, Rose et al. 2010), cut where a
   lower-case word is followed by a capitalised one. Any other chunker plugs in through
   :func:`keyphrases_from_chunks`. Candidates are grouped by their stem sequence.
3. **Word scores: PositionRank** (Florescu & Caragea, ACL 2017, "PositionRank: An Unsupervised
   Approach to Keyphrase Extraction from Scholarly Documents"; built on TextRank, Mihalcea & Tarau
   2004, and SingleRank, Wan & Xiao 2008): biased PageRank over an undirected graph of the words
   that occur in candidates, edges weighted by how often two such words occur within
   :data:`WINDOW` tokens of each other, the random jump biased towards words that occur early.
   PositionRank adds 1/p for each occurrence at word position p; here each occurrence in sentence
   k (the title is k = 0, body sentences follow) adds 1/(k + 1), the same harmonic bias at sentence
   granularity, which suits news written as an inverted pyramid (it measured better than word
   positions on DUC-2001 and 500N-KPCrowd). Title words get their jump weight multiplied by
   ``1 + TITLE_BOOST`` (title weighting, Hasan & Ng, ACL 2014, "Automatic Keyphrase Extraction: A
   Survey of the State of the Art"). The damping factor is :data:`DAMPING` = 0.5 rather than
   PageRank's 0.85: with position-biased jumps, a stronger pull towards the lead measured better
   on both news sets (as the lead-sentence baselines of news keyphrase extraction suggest).
4. **Phrase scores.** PositionRank scores a phrase by the sum of its words' scores, which favours
   long phrases; here the sum is divided by ``len ** LENGTH_DAMPING`` (0.9: nearly the mean of
   its words' scores; the length normalisation compared by Boudin 2013, "A Comparison of
   Centrality Measures for Graph-Based Keyphrase Extraction") and multiplied by
   ``1 + ln(frequency)`` (sublinear term frequency, as in TF-IDF weighting and YAKE, Campos et al.
   2020), frequency being the number of times the phrase stands as a candidate on its own. Scores
   are scaled so the best phrase scores 1.0 and rounded to 4 places. (TopicRank-style clustering
   of candidates that share stems, keeping one per cluster, was measured and left out: the
   reference keyphrases of news sets hold both "aliens" and "illegal aliens".)

Output: at most `top_n` :class:`~briefing.document.Keyphrase`, best first, sorted by
``(-score, first offset, text)``; no set or string-hash order is ever used, so scores and order
are the same under any ``PYTHONHASHSEED``. `text` is the most frequent surface form among the
phrase's candidate occurrences (ties: the first), whitespace runs collapsed to one space.
`spans` are every occurrence of the phrase's stem sequence among content words, in article
order, including occurrences inside longer phrases and **in the title** (the title is part of
``article.text``); lines that segmentation set aside (repeated headline, dateline, byline) are
not read. ``article.text[s:e]`` is the occurrence as written: its case may differ from `text`,
and a line break may stand where `text` has a space.
"""

from __future__ import annotations

from collections import Counter

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from ..document import Article, Keyphrase, Token
from ..text.lang import stemmer, stop_words
from ..text.segment import tokenize

__all__ = [
    "NEWS_STOP_WORDS",
    "Chunker",
    "Word",
    "extract_keyphrases",
    "keyphrases_from_chunks",
    "noun_phrase_chunks",
    "stopword_chunks",
    "word_sequences",
]

# Added to sumy's English stop words: words common in news copy that are never (the edge of) a
# keyphrase. Lower-case; "n't" and "'s" are Treebank tokens.
NEWS_STOP_WORDS: frozenset[str] = frozenset(
    """
    said says say told tells tell telling added adding adds asked asks according accordingly
    announced announces reported reports reportedly stated noted explained claimed
    would could should might must may can will shall also however although though
    including included includes include despite among amid amidst whether yet ago
    today yesterday tomorrow tonight recently currently already still even just
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    percent pct year years month months week weeks day days
    discuss discusses set sets held hold holds met meet meets came come went found led won
    ran began begun saw brought bought sold paid fell grew spent built sent kept became
    took gave made make makes making thought knew wrote spoke chose
    mr mrs ms dr sen rep gov lt gen col sgt prof st jr sr
    people thousands hundreds dozens millions miles mph kilometers kilometres lot lots part parts way
    ways thing things number numbers time times
    n't 're 've 'll 'd 'm 's
    """.split()
)
# Lower-case words in "-ly" that are nouns, not adverbs (the others are stop words in English).
_LY_NOUNS = frozenset(
    "family supply assembly rally ally anomaly monopoly belly bully jelly lily folly holly"
    " oligopoly homily butterfly dragonfly firefly gadfly".split()
)

MAX_WORDS = 3  # longest keyphrase, in words
WINDOW = 10  # co-occurrence window, in tokens (PositionRank's best setting on its data)
DAMPING = 0.5  # PageRank damping factor (weight of the walk against the position-biased jump)
TITLE_BOOST = 1.0  # a title word's jump weight is multiplied by 1 + TITLE_BOOST
LENGTH_DAMPING = 0.9  # phrase score = sum of word scores / len ** LENGTH_DAMPING * (1 + ln f)
_ITERATIONS = 100
_TOLERANCE = 1e-10

_ALNUM = re.compile(r"[^\W_]")


@dataclass(frozen=True, slots=True)
class Word:
    """A token as the keyphrase ranker sees it.

    `start`/`end` exclude a sentence-final period the tokenizer left attached ("there."), so
    ``article.text[start:end] == text`` always; `key` is the lower-cased Snowball stem;
    `content` tells whether the word may be part of a keyphrase, `final` whether it may end one.
    """

    text: str
    start: int
    end: int
    key: str
    content: bool
    final: bool


# A chunker takes the word sequences of :func:`word_sequences` (title first, possibly empty, then
# one per body sentence) and yields candidate runs as (sequence index, first word, end word
# exclusive). There is one Word per token, so sequence ``sentence.index + 1`` and a chunk's token
# range in ``sentence.tokens`` (e.g. :class:`briefing.text.chunk.Chunk.tokens`) are a run as they
# are. Runs need not be trimmed: non-content words at their edges are dropped.
Chunker = Callable[[Sequence[Sequence[Word]]], Iterable[tuple[int, int, int]]]


@lru_cache(maxsize=None)
def _stop_set(language: str) -> frozenset[str]:
    base = stop_words(language)
    return base | NEWS_STOP_WORDS if language == "english" else base


def _word(token: Token, language: str) -> Word:
    text, start, end = token.text, token.start, token.end
    # A period glued to a word is sentence punctuation unless the word is an abbreviation with
    # inner periods ("U.S.").
    if len(text) > 1 and text.endswith(".") and "." not in text[:-1]:
        text, end = text[:-1], end - 1
    key, content, final = _classify(text, language)
    return Word(text, start, end, key, content, final)


@lru_cache(maxsize=65536)
def _classify(text: str, language: str) -> tuple[str, bool, bool]:
    """(key, content, final) of a word, as documented on :class:`Word`."""
    lower = text.lower()
    stops = _stop_set(language)
    content = (
        len(_ALNUM.findall(text)) >= 2
        and _ALNUM.match(text) is not None
        and any(ch.isalpha() for ch in text)
        and lower not in stops
        and lower.replace("’", "'") not in stops
    )
    # Verb and adverb heuristics for lower-case English words.
    plain = language == "english" and lower == text
    if content and plain and len(lower) >= 5 and lower.endswith("ly") and lower not in _LY_NOUNS:
        content = False  # an adverb ("quickly", "newly")
    if not content:
        return lower, False, False
    final = not (plain and len(lower) >= 5 and lower.endswith("ed") and not lower.endswith("eed"))
    key = lower.rstrip(".") if "." in lower else stemmer(language)(lower)  # "U.S." = "U.S"
    return key, True, final


def word_sequences(article: Article, language: str = "english") -> tuple[tuple[Word, ...], ...]:
    """The title's words (an empty sequence when there is no title), then each sentence's words."""
    stemmer(language)  # raises UnsupportedLanguage early
    title = article.title
    title_tokens = () if title is None else tokenize(article.text[title.start : title.end], title.start)
    sequences = [tuple(_word(t, language) for t in title_tokens)]
    for sentence in article.sentences:
        sequences.append(tuple(_word(t, language) for t in sentence.tokens))
    return tuple(sequences)


def stopword_chunks(sequences: Sequence[Sequence[Word]]) -> Iterable[tuple[int, int, int]]:
    """Maximal runs of content words, cut at lower-case -> Capitalised inside body sentences,
    and into pieces of at most :data:`MAX_WORDS` words."""
    for s, words in enumerate(sequences):
        n = len(words)
        i = 0
        while i < n:
            if not words[i].content:
                i += 1
                continue
            j = i + 1
            while j < n and words[j].content:
                # The title is headline-cased, so case tells nothing there (sequence 0).
                if s > 0 and words[j].text[:1].isupper() and not words[j - 1].text[:1].isupper():
                    break
                j += 1
            for k in range(i, j, MAX_WORDS):
                yield (s, k, min(k + MAX_WORDS, j))
            i = j


_NOUNS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MODIFIERS = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG"})

# Penn tags of the candidate pattern (JJ|VBN|VBG)* (NN|NNS|NNP|NNPS)+, plus CD for numbers that
# contain letters ("100-meter dash", "single-engine"): their classes, one letter per token.
_CLASS = {"NN": "N", "NNS": "N", "NNP": "N", "NNPS": "N", "JJ": "J", "VBN": "V", "VBG": "V", "CD": "C"}
# Tags after which a participle modifies the noun ("the flooded area") rather than governing it
# as a verb ("counting aliens", "criticized cleanup efforts").
_DETERMINERS = frozenset({"DT", "PDT", "PRP$", "WP$", "POS"})
_NP = re.compile(r"[JVC]*N+")


def noun_phrase_chunks(
    sequences: Sequence[Sequence[Word]], tags: Sequence[Sequence[str]]
) -> Iterable[tuple[int, int, int]]:
    """Noun-phrase candidates: runs matching ``(JJ|VBN|VBG)* (NN|NNS|NNP|NNPS)+`` over each
    sequence's Penn tags (`tags[s]` for ``sequences[s]``), with two refinements.

    A number with letters (CD "100-meter") may modify like an adjective; a leading participle is
    kept only after a determiner or possessive ("the flooded area"), since elsewhere it is nearly
    always a verb taking the noun as object ("counting aliens"). Runs are cut at words that are not
    content words ("last week", "555-0142"), and each piece is trimmed to end on a noun.
    A :data:`Chunker` once `tags` are bound.
    """
    for s, words in enumerate(sequences):
        t = tags[s]
        symbols = "".join(
            "x" if (c := _CLASS.get(tag, "x")) == "C" and not w.content else c for w, tag in zip(words, t)
        )
        for match in _NP.finditer(symbols):
            i, k = match.span()
            if symbols[i] == "V" and not (i > 0 and t[i - 1] in _DETERMINERS):
                while symbols[i] == "V":
                    i += 1
            a = i
            while a < k:
                if not words[a].content:
                    a += 1
                    continue
                b = a
                while b < k and words[b].content:
                    b += 1
                e = b
                while e > a and symbols[e - 1] != "N":
                    e -= 1
                if e > a:
                    yield (s, a, e)
                a = b


def _title_tags(
    words: Sequence[Word], body_words: Sequence[Sequence[Word]], body_tags: Sequence[Sequence[str]]
) -> list[str]:
    """Tags for the title: a headline tagged alone is out of the tagger's domain ("Turkish and
    Russian ..." comes out NNP), so a word form the body also uses takes its most frequent body
    tag (one tag per word form per article, as in "one sense per discourse", Gale et al. 1992)."""
    from ..text.tagger import tag

    own = tag([w.text for w in words])
    forms = {w.text for w in words}
    votes: dict[str, Counter] = {}
    if forms:
        for sentence_words, sentence_tags in zip(body_words, body_tags):
            for w, t in zip(sentence_words, sentence_tags):
                if w.text in forms:
                    votes.setdefault(w.text, Counter())[t] += 1
    return [
        min(votes[w.text].items(), key=lambda kv: (-kv[1], kv[0]))[0] if w.text in votes else t
        for w, t in zip(words, own)
    ]


def _sequence_tags(
    article: Article, sequences: Sequence[Sequence[Word]], tags: Sequence[Sequence[str]] | None
) -> list[Sequence[str]]:
    from ..text.tagger import tag

    if tags is None:
        tags = [tag([t.text for t in sentence.tokens]) for sentence in article.sentences]
    elif len(tags) != len(article.sentences):
        raise ValueError(f"tags for {len(tags)} sentences, the article has {len(article.sentences)}")
    title = _title_tags(sequences[0], sequences[1:], tags) if sequences[0] else []
    out = [title, *tags]
    for words, t in zip(sequences, out):
        if len(words) != len(t):
            raise ValueError(f"{len(t)} tags for {len(words)} tokens")
    return out


def extract_keyphrases(
    article: Article,
    *,
    top_n: int = 10,
    language: str = "english",
    tags: Sequence[Sequence[str]] | None = None,
) -> tuple[Keyphrase, ...]:
    """The article's `top_n` keyphrases, best first (see the module docstring for the method).

    English candidates are noun phrases from the POS tagger; `tags`, when given, are the Penn tags
    of each of ``article.sentences`` (one sequence per sentence, one tag per token, as from
    :func:`briefing.text.tagger.tag_sentence`), so a pipeline that tags once can share them; the
    title, not a sentence, is tagged here. Other languages use :func:`stopword_chunks` (`tags`
    is ignored). Raises :class:`briefing.text.lang.UnsupportedLanguage` for a language without a
    stemmer and ValueError when `tags` do not fit the sentences.
    """
    if top_n <= 0 or not article.text.strip():
        return ()
    if language != "english":
        return keyphrases_from_chunks(article, stopword_chunks, top_n=top_n, language=language)
    sequences = word_sequences(article, language)
    seq_tags = _sequence_tags(article, sequences, tags)
    return _rank(article, sequences, noun_phrase_chunks(sequences, seq_tags), top_n)


def keyphrases_from_chunks(
    article: Article,
    chunker: Chunker,
    *,
    top_n: int = 10,
    language: str = "english",
) -> tuple[Keyphrase, ...]:
    """Rank the candidates `chunker` proposes over :func:`word_sequences` of `article`.

    Runs are trimmed to start on a content word and end on a word that may end a phrase; runs
    left empty, holding a non-content word, or longer than :data:`MAX_WORDS`, are dropped. At most
    `top_n`, best first.
    """
    if top_n <= 0 or not article.text.strip():
        return ()
    sequences = word_sequences(article, language)
    return _rank(article, sequences, chunker(sequences), top_n)


def _rank(
    article: Article,
    sequences: Sequence[Sequence[Word]],
    runs: Iterable[tuple[int, int, int]],
    top_n: int,
) -> tuple[Keyphrase, ...]:
    """Group the candidate runs by stem sequence, score them (module docstring, steps 3-4)."""
    occurrences: dict[tuple[str, ...], list[tuple[int, int, str]]] = {}
    in_graph = [bytearray(len(words)) for words in sequences]
    for s, i, j in runs:
        words = sequences[s]
        while i < j and not words[i].content:
            i += 1
        while j > i and not words[j - 1].final:
            j -= 1
        if i >= j or j - i > MAX_WORDS or any(not w.content for w in words[i:j]):
            continue
        start, end = words[i].start, words[j - 1].end
        surface = " ".join(article.text[start:end].split())
        occurrences.setdefault(tuple(w.key for w in words[i:j]), []).append((start, end, surface))
        for m in range(i, j):
            in_graph[s][m] = 1
    if not occurrences:
        return ()
    word_score = _position_rank(sequences, in_graph)
    raw: list[tuple[float, tuple[str, ...]]] = []
    for key, occ in occurrences.items():
        total = sum(word_score[k] for k in key)
        raw.append((total / len(key) ** LENGTH_DAMPING * (1.0 + math.log(len(occ))), key))
    best = max(score for score, _ in raw) or 1.0
    rows = []
    for score, key in raw:
        occ = occurrences[key]
        counts: dict[str, int] = {}
        for _, _, surface in occ:
            counts[surface] = counts.get(surface, 0) + 1
        text = max(counts, key=counts.__getitem__)  # first-seen order breaks ties
        rows.append((round(score / best, 4), min(o[0] for o in occ), text, key))
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    top = rows[:top_n]
    spans = _all_spans(sequences, [r[3] for r in top])
    return tuple(Keyphrase(text, score, spans[key]) for score, _, text, key in top)


def _position_rank(sequences: Sequence[Sequence[Word]], in_graph: Sequence[bytearray]) -> dict[str, float]:
    """Position-biased PageRank scores of the words flagged in `in_graph` (the words of accepted
    candidates), keyed by stem, summing to 1; co-occurrence windows count every token."""
    index: dict[str, int] = {}
    nodes: list[int] = []
    bias_parts: list[tuple[int, float]] = []
    for k, words in enumerate(sequences):
        weight = 1.0 / (k + 1 if sequences[0] else max(k, 1))
        if k == 0:
            weight *= 1.0 + TITLE_BOOST
        for m, w in enumerate(words):
            if in_graph[k][m]:
                node = index.setdefault(w.key, len(index))
                nodes.append(node)
                bias_parts.append((node, weight))
            else:
                nodes.append(-1)
    n = len(index)
    if n == 0:
        return {}
    bias = np.zeros(n)
    for node, weight in bias_parts:
        bias[node] += weight
    bias /= bias.sum()
    edges: dict[tuple[int, int], float] = {}
    for p, a in enumerate(nodes):
        if a < 0:
            continue
        for b in nodes[p + 1 : p + WINDOW]:
            if b >= 0 and b != a:
                pair = (a, b) if a < b else (b, a)
                edges[pair] = edges.get(pair, 0.0) + 1.0
    if edges:
        pairs = np.array(list(edges), dtype=np.int64)
        weights = np.array(list(edges.values()))
        src = np.concatenate([pairs[:, 0], pairs[:, 1]])
        dst = np.concatenate([pairs[:, 1], pairs[:, 0]])
        w = np.concatenate([weights, weights])
    else:
        src = dst = np.zeros(0, dtype=np.int64)
        w = np.zeros(0)
    out = np.bincount(src, weights=w, minlength=n)
    dangling = out == 0
    share = w / np.where(dangling, 1.0, out)[src]  # transition probability along each edge
    scores = bias.copy()
    for _ in range(_ITERATIONS):
        walked = np.bincount(dst, weights=scores[src] * share, minlength=n)
        new = DAMPING * (walked + scores[dangling].sum() * bias) + (1.0 - DAMPING) * bias
        delta = float(np.abs(new - scores).sum())
        scores = new
        if delta < _TOLERANCE:
            break
    scores /= scores.sum()
    return {key: float(scores[i]) for key, i in index.items()}


def _all_spans(
    sequences: Sequence[Sequence[Word]], keys: list[tuple[str, ...]]
) -> dict[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Every occurrence of each stem sequence among content words, in text order."""
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {key: [] for key in keys}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in keys:
        by_first.setdefault(key[0], []).append(key)
    for words in sequences:
        for i, word in enumerate(words):
            for key in by_first.get(word.key, ()) if word.content else ():
                j = i + len(key)
                if j <= len(words) and all(
                    words[i + m].content and words[i + m].key == key[m] for m in range(len(key))
                ):
                    found[key].append((word.start, words[j - 1].end))
    return {key: tuple(sorted(spans)) for key, spans in found.items()}
