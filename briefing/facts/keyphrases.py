"""Keyphrases: the phrases that say what an article is about, ranked, with every occurrence.

Method (unsupervised, graph-based, no part-of-speech tags yet):

1. **Words.** The title (when the article has one) and then every body sentence, as the Treebank
   tokens of :mod:`briefing.text.segment`. A token is a *content word* when it starts with a letter
   or digit, contains a letter, has at least two letters or digits, and is not a stop word (sumy's
   list for the language plus :data:`NEWS_STOP_WORDS`: reporting verbs, hedges, weekdays and
   months, honorifics). So numbers and phone numbers ("555-0142") are never content words, while
   "COVID-19", "SARS-CoV-2" and "U.S." are one word each. Words are compared by their
   lower-cased Snowball stem, so "coast", "Coast" and "coasts" are the same word.
2. **Candidates.** A pluggable *chunker* proposes token runs; the default,
   :func:`stopword_chunks`, gives the maximal runs of content words between stop words and
   punctuation (the candidate rule of RAKE, Rose et al. 2010), split into phrases of at most
   :data:`MAX_WORDS` words. Any chunker's runs are trimmed to start and end on content words, so a
   noun-phrase chunker (planned, with a POS tagger) can be plugged in through
   :func:`keyphrases_from_chunks` unchanged. Candidates are grouped by their stem sequence.
3. **Word scores: PositionRank** (Florescu & Caragea, ACL 2017, "PositionRank: An Unsupervised
   Approach to Keyphrase Extraction from Scholarly Documents"): PageRank (damping 0.85) over an
   undirected graph of content words, edges weighted by how often two words occur within
   :data:`WINDOW` tokens of each other, with the random jump biased towards words that occur early:
   each occurrence at token position *p* (1-based, over title and body) adds 1/p to its word's
   jump weight. The title is read first, so its words get the strongest position bias, and they
   get an extra jump weight (:data:`TITLE_BOOST`), the title weighting of Florescu & Caragea
   §3 / Hasan & Ng (2014, "Automatic Keyphrase Extraction: A Survey of the State of the Art").
4. **Phrase scores.** PositionRank scores a phrase by the sum of its words' scores, which favours
   long phrases. Here the sum is divided by ``len ** LENGTH_DAMPING`` (a partial length
   normalisation, as in the length-sensitivity study of Boudin 2013, "A Comparison of Centrality
   Measures for Graph-Based Keyphrase Extraction") and multiplied by ``1 + log(frequency)`` (a
   sublinear term frequency, as in TF-IDF and YAKE, Campos et al. 2020), so a phrase written
   several times beats a one-off run that merely contains strong words. Scores are scaled so the
   best phrase scores 1.0 and rounded to 4 places.

Output: at most `top_n` :class:`~briefing.document.Keyphrase`, best first, sorted by
``(-score, first offset, text)`` (deterministic under any ``PYTHONHASHSEED``: no set or hash order
is ever used). `text` is the most frequent surface form of the phrase (ties: the first), with
whitespace runs collapsed to one space; `spans` are every occurrence of the phrase, as the same
stem sequence, in title and body, in article order, including occurrences inside longer phrases.
Title occurrences are included (the title is part of ``article.text``); lines set aside as
repeated headlines, datelines or bylines are not read. For each span ``article.text[s:e]`` is the
occurrence's surface text (case may differ from `text`, and a line break may stand for a space).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

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
    "stopword_chunks",
    "word_sequences",
]

# Words common in news copy that are never (the edge of) a keyphrase, added to sumy's list:
# reporting verbs, modal and auxiliary forms, hedges and vague adverbs, weekdays and months
# (dates are their own fact), honorifics. Lower-case; English only.
NEWS_STOP_WORDS: frozenset[str] = frozenset(
    """
    said says say told tells tell telling added adding adds asked asks according accordingly
    announced announces reported reports reportedly stated states noted explained claimed
    would could should might must may can will shall also however although though
    including included includes include despite among amid amidst whether yet ago
    today yesterday tomorrow tonight recently currently already still even just
    monday tuesday wednesday thursday friday saturday sunday
    january february march april june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    percent pct year years month months week weeks day days
    mr mrs ms dr sen rep gov lt gen col sgt prof st jr sr
    n't 're 've 'll 'd 'm 's
    """.split()
)

MAX_WORDS = 4  # longest keyphrase, in words
WINDOW = 10  # co-occurrence window, in tokens (Florescu & Caragea tried 2-10)
DAMPING = 0.85  # PageRank damping factor
TITLE_BOOST = 2.0  # extra jump weight for a title word, relative to its position weight
LENGTH_DAMPING = 0.5  # phrase score = sum of word scores / len ** LENGTH_DAMPING
_SUBGRAMS = False
_FREQ = 'log'
_ED_FINAL = True
_LY_STOP = True
_LY_NOUNS = frozenset("family supply assembly rally ally anomaly monopoly italy july belly bully jelly lily folly jolly holy holly".split())
_FREQ_ALL = False
NESTED_CONTEXTS = 2
_ITERATIONS = 100
_TOLERANCE = 1e-9

_ALNUM = re.compile(r"[^\W_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Word:
    """A token as the keyphrase ranker sees it.

    `start`/`end` may exclude a sentence-final period the tokenizer left attached; `key` is the
    lower-cased Snowball stem; `content` tells whether the word may be part of a keyphrase.
    """

    text: str
    start: int
    end: int
    key: str
    content: bool
    final: bool = True


# A chunker takes the word sequences (title first, then one per body sentence) and yields
# candidate runs as (sequence index, first word index, end word index exclusive).
Chunker = Callable[[Sequence[Sequence[Word]]], Iterable[tuple[int, int, int]]]


def _stop_set(language: str) -> frozenset[str]:
    base = stop_words(language)
    return base | NEWS_STOP_WORDS if language == "english" else base


def _word(token: Token, stem: Callable[[str], str], stops: frozenset[str]) -> Word:
    text, start, end = token.text, token.start, token.end
    # A period glued to a word ("there.") is sentence punctuation unless the word is an
    # abbreviation with inner periods ("U.S.").
    if len(text) > 1 and text.endswith(".") and "." not in text[:-1]:
        text, end = text[:-1], end - 1
    lower = text.lower()
    alnum = len(_ALNUM.findall(text))
    content = (
        alnum >= 2
        and _ALNUM.match(text) is not None
        and any(ch.isalpha() for ch in text)
        and lower not in stops
        and lower.replace("’", "'") not in stops
    )
    if "." in lower:  # "U.S." and "U.S" are one word
        key = lower.rstrip(".")
    else:
        key = stem(lower) if content else lower
    final = content and not (_ED_FINAL and lower == text and len(lower) >= 5 and lower.endswith("ed") and not lower.endswith("eed"))
    if _LY_STOP and content and lower == text and len(lower) >= 5 and lower.endswith("ly") and lower not in _LY_NOUNS:
        content = final = False
        key = lower
    return Word(text, start, end, key, content, final)


def word_sequences(article: Article, language: str = "english") -> tuple[tuple[Word, ...], ...]:
    """The title's words (an empty sequence when there is no title), then each sentence's words."""
    stem = stemmer(language)
    stops = _stop_set(language)
    sequences: list[tuple[Word, ...]] = []
    title = article.title
    title_tokens = () if title is None else tokenize(article.text[title.start : title.end], title.start)
    sequences.append(tuple(_word(t, stem, stops) for t in title_tokens))
    for sentence in article.sentences:
        sequences.append(tuple(_word(t, stem, stops) for t in sentence.tokens))
    return tuple(sequences)


def stopword_chunks(sequences: Sequence[Sequence[Word]]) -> Iterable[tuple[int, int, int]]:
    """Maximal runs of content words, cut into pieces of at most :data:`MAX_WORDS` words."""
    for s, words in enumerate(sequences):
        i = 0
        n = len(words)
        while i < n:
            if not words[i].content:
                i += 1
                continue
            j = i
            while j < n and words[j].content:
                j += 1
            for k in range(i, j, MAX_WORDS):
                yield (s, k, min(k + MAX_WORDS, j))
            i = j


def extract_keyphrases(
    article: Article, *, top_n: int = 10, language: str = "english"
) -> tuple[Keyphrase, ...]:
    """The article's `top_n` keyphrases, best first (see the module docstring for the method)."""
    return keyphrases_from_chunks(article, stopword_chunks, top_n=top_n, language=language)


def _pagerank(sequences: Sequence[Sequence[Word]], title_len: int) -> dict[str, float]:
    """PositionRank word scores, keyed by stem, summing to 1."""
    index: dict[str, int] = {}
    flat: list[int] = []  # node id per token, -1 for non-content tokens
    for words in sequences:
        for w in words:
            if w.content:
                flat.append(index.setdefault(w.key, len(index)))
            else:
                flat.append(-1)
    n = len(index)
    if n == 0:
        return {}
    adjacency = np.zeros((n, n), dtype=np.float64)
    bias = np.zeros(n, dtype=np.float64)
    for pos, a in enumerate(flat):
        if a < 0:
            continue
        weight = 1.0 / (pos + 1)
        if pos < title_len:
            weight *= 1.0 + TITLE_BOOST
        bias[a] += weight
        for b in flat[pos + 1 : pos + WINDOW]:
            if b >= 0 and b != a:
                adjacency[a, b] += 1.0
                adjacency[b, a] += 1.0
    bias /= bias.sum()
    out = adjacency.sum(axis=1)
    dangling = out == 0
    out[dangling] = 1.0
    transition = adjacency / out[:, None]  # row-stochastic (dangling rows are zero)
    scores = bias.copy()
    for _ in range(_ITERATIONS):
        leaked = scores[dangling].sum()
        new = DAMPING * (scores @ transition + leaked * bias) + (1.0 - DAMPING) * bias
        delta = float(np.abs(new - scores).sum())
        scores = new
        if delta < _TOLERANCE:
            break
    scores /= scores.sum()
    return {key: float(scores[i]) for key, i in index.items()}


def keyphrases_from_chunks(
    article: Article,
    chunker: Chunker,
    *,
    top_n: int = 10,
    language: str = "english",
) -> tuple[Keyphrase, ...]:
    """Rank the candidates `chunker` proposes over :func:`word_sequences` of `article`.

    Runs are trimmed to start and end on content words; runs with no content word, or longer than
    :data:`MAX_WORDS` after trimming, are dropped. Returns at most `top_n` keyphrases, best first.
    """
    if top_n <= 0 or not article.text.strip():
        return ()
    sequences = word_sequences(article, language)
    runs: list[tuple[int, int, int]] = []
    for s, i, j in chunker(sequences):
        words = sequences[s]
        while i < j and not words[i].content:
            i += 1
        while j > i and not words[j - 1].final:
            j -= 1
        if i < j:
            runs.append((s, i, j))
    # Candidate groups, keyed by stem sequence, in order of first occurrence: the runs themselves,
    # and the phrases nested in them that stand in at least NESTED_CONTEXTS different contexts.
    occurrences: dict[tuple[str, ...], list[tuple[int, int, str]]] = {}
    contexts: dict[tuple[str, ...], dict[tuple[str, ...], None]] = {}
    counts_all: dict[tuple[str, ...], int] = {}
    for s, i, j in runs:
        words = sequences[s]
        run_key = tuple(w.key for w in words[i:j])
        for a in range(i, j):
            if not words[a].content:
                continue
            for b in range(a + 1, min(a + MAX_WORDS, j) + 1):
                if not words[b - 1].final:
                    continue
                key = run_key[a - i : b - i]
                counts_all[key] = counts_all.get(key, 0) + 1
                contexts.setdefault(key, {})[run_key] = None
                if (a, b) == (i, j) or (_SUBGRAMS and True):
                    start, end = words[a].start, words[b - 1].end
                    occurrences.setdefault(key, []).append(
                        (start, end, " ".join(article.text[start:end].split()))
                    )
    occurrences = {
        key: occ
        for key, occ in occurrences.items()
        if key in {tuple(w.key for w in sequences[s][i:j]) for s, i, j in runs if j - i <= MAX_WORDS}
        or len(contexts[key]) >= NESTED_CONTEXTS
    }
    if not occurrences:
        return ()
    word_score = _pagerank(sequences, len(sequences[0]))

    ranked = []
    for key, occ in occurrences.items():
        raw = sum(word_score.get(k, 0.0) for k in key) / len(key) ** LENGTH_DAMPING
        f = counts_all[key] if _FREQ_ALL else len(occ)
        raw *= (1.0 + math.log(f)) if _FREQ == 'log' else f ** _FREQ
        ranked.append((raw, key, occ))
    best = max(r[0] for r in ranked) or 1.0
    scored = []
    for raw, key, occ in ranked:
        counts: dict[str, int] = {}
        for _, _, surface in occ:
            counts[surface] = counts.get(surface, 0) + 1
        text = max(counts, key=lambda t: counts[t])  # dict order = first occurrence on ties
        first = min(o[0] for o in occ)
        scored.append((round(raw / best, 4), first, text, key))
    scored.sort(key=lambda r: (-r[0], r[1], r[2]))
    top = scored[:top_n]
    spans_by_key = _all_spans(sequences, [r[3] for r in top])
    return tuple(Keyphrase(text, score, spans_by_key[key]) for score, _, text, key in top)


def _all_spans(
    sequences: Sequence[Sequence[Word]], keys: list[tuple[str, ...]]
) -> dict[tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Every occurrence of each stem sequence among content words, in text order."""
    found: dict[tuple[str, ...], list[tuple[int, int]]] = {key: [] for key in keys}
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in keys:
        by_first.setdefault(key[0], []).append(key)
    for words in sequences:
        for i, w in enumerate(words):
            if not w.content:
                continue
            for key in by_first.get(w.key, ()):
                j = i + len(key)
                if j <= len(words) and all(
                    words[i + m].content and words[i + m].key == key[m] for m in range(len(key))
                ):
                    found[key].append((w.start, words[j - 1].end))
    return {key: tuple(sorted(set(spans))) for key, spans in found.items()}
