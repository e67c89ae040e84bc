"""Extractive summaries: rank an article's sentences and keep the best ones, verbatim.

Every method but ``lead`` and ``auto`` is one of sumy's summarizers (Belica, github.com/miso-belica/sumy),
fed through sumy's tokenizer interface only: the sentences and word tokens are the ones
:func:`briefing.text.segment.segment` found, so sumy never needs NLTK's downloadable data (its default
`Tokenizer` and `PlaintextParser` would load Punkt models, which are not installed). ``auto`` is this
project's own news ranker (:func:`rank_auto`).

What every method shares:

- Candidates are the article's sentences with at least two letters ("..." or "2024." is never chosen),
  and a sentence repeated word for word (whitespace and case aside) is a candidate only the first time.
  The title is not a sentence, so it is never chosen.
- Each method gives a full ranking of the candidates; ties keep article order. The summary is the best
  ranked candidates, given back in article order, each with its score scaled to [0, 1] (the method's own
  rating divided by the best rating, or min-max scaled when ratings can be negative; for KL-Sum and
  SumBasic, which only expose the order they picked sentences in, a rank-based score).
- A length is a number of sentences, a ratio of the article's sentences (ceil(R x n), at least 1), or a
  word budget. For a word budget, words are tokens with a letter or digit, and the summary is built
  greedily by rank: a sentence that would overflow the budget is skipped and the next one tried, so the
  result is the best-ranked sentences that fit and no sentence is ever cut. When not even one sentence
  fits, the summary is empty and a warning says so.
- If a sumy method fails on an article (LSA's SVD on degenerate input, a power iteration that yields NaN,
  a division by zero on an article with no content words) the summary falls back to ``lead`` with a
  warning naming the method: :func:`summarize` never raises because of an article's content.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .document import Article, Sentence, SummarySentence
from .text.lang import normalize_language, stemmer, stop_words

__all__ = ["SUMMARIZERS", "Length", "rank_auto", "summarize"]

SUMMARIZERS: tuple[str, ...] = (
    "auto",
    "lead",
    "lex-rank",
    "lsa",
    "text-rank",
    "luhn",
    "edmundson",
    "kl",
    "sum-basic",
    "reduction",
)

# Methods whose sumy ratings are only the (negated) order of selection.
_RANK_BASED = frozenset({"kl", "sum-basic"})

# Edmundson's cue method: words whose presence makes a sentence less summary-worthy. Edmundson (1969)
# derived his list from a corpus; these are the usual hedges, asides and reader-service phrases of news.
_STIGMA_WORDS = (
    "hardly", "impossible", "perhaps", "belief", "believe", "maybe", "possibly", "apparently",
    "click", "subscribe", "newsletter", "advertisement", "copyright", "follow", "share",
    "photo", "picture", "image", "caption", "video", "reporting", "contributed",
)


# --------------------------------------------------------------------------------------------------
# Length


@dataclass(frozen=True)
class Length:
    """How long a summary is: exactly one of `sentences`, `ratio` or `words` (default 3 sentences).

    `sentences` >= 1; `ratio` in (0, 1], meaning ceil(ratio x the article's sentences), at least 1;
    `words` >= 1, a budget of words (tokens with a letter or digit) never exceeded and never cut into.
    Raises ValueError for anything else.
    """

    sentences: int | None = None
    ratio: float | None = None
    words: int | None = None

    def __post_init__(self) -> None:
        given = [name for name in ("sentences", "ratio", "words") if getattr(self, name) is not None]
        if not given:
            object.__setattr__(self, "sentences", 3)
            given = ["sentences"]
        if len(given) > 1:
            raise ValueError(f"give only one summary length, not {' and '.join(given)}")
        if self.sentences is not None and (not _is_int(self.sentences) or self.sentences < 1):
            raise ValueError(f"sentences must be a whole number >= 1, not {self.sentences!r}")
        if self.words is not None and (not _is_int(self.words) or self.words < 1):
            raise ValueError(f"words must be a whole number >= 1, not {self.words!r}")
        if self.ratio is not None:
            ok = isinstance(self.ratio, (int, float)) and not isinstance(self.ratio, bool)
            if not ok or not (0.0 < self.ratio <= 1.0):  # also rejects NaN
                raise ValueError(f"ratio must be in (0, 1], not {self.ratio!r}")

    def count(self, n_sentences: int) -> int:
        """Number of sentences to keep from an article of `n_sentences` (sentences or ratio only)."""
        if self.sentences is not None:
            return self.sentences
        if self.ratio is not None:
            return max(1, math.ceil(self.ratio * n_sentences - 1e-9))
        raise ValueError("a word budget is not a number of sentences")


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# --------------------------------------------------------------------------------------------------
# Entry point


def summarize(
    article: Article,
    *,
    summarizer: str = "auto",
    length: Length = Length(),  # noqa: B008 (immutable)
    language: str = "english",
) -> tuple[tuple[SummarySentence, ...], tuple[str, ...]]:
    """Summarize `article`: the chosen sentences in article order, and warnings.

    `summarizer` is one of :data:`SUMMARIZERS`; `language` a name from
    :func:`briefing.text.lang.supported_languages`. Raises ValueError for an unknown summarizer and
    UnsupportedLanguage for an unknown language, never because of the article's content.
    """
    if summarizer not in SUMMARIZERS:
        raise ValueError(f"unknown summarizer {summarizer!r}; available: {', '.join(SUMMARIZERS)}")
    if not isinstance(length, Length):
        raise TypeError(f"length must be a Length, not {type(length).__name__}")
    language = normalize_language(language)

    candidates = _candidates(article)
    if not candidates:
        return (), ("no sentence to summarize",)

    notes: list[str] = []
    # KL-Sum is O(n^2) per pick: only rank as many sentences as the summary can hold.
    needed = min(len(candidates), length.words if length.words is not None else length.count(len(article.sentences)))
    ranking = _rank(article, candidates, summarizer, language, notes, needed)
    chosen = _select(ranking, length, len(article.sentences), notes)
    summary = tuple(
        SummarySentence(s.index, s.text, s.start, s.end, score)
        for s, score in sorted(chosen, key=lambda pair: pair[0].index)
    )
    return summary, tuple(notes)


def _candidates(article: Article) -> list[Sentence]:
    seen: set[str] = set()
    out = []
    for sentence in article.sentences:
        if sum(ch.isalpha() for ch in sentence.text) < 2:
            continue
        key = " ".join(sentence.text.split()).casefold()
        if key in seen:
            continue
        seen.add(key)
        out.append(sentence)
    return out


def _word_tokens(sentence: Sentence) -> list[str]:
    """The sentence's words (tokens with a letter or digit), as written."""
    return [t.text for t in sentence.tokens if any(ch.isalnum() for ch in t.text)]


def _word_count(sentence: Sentence) -> int:
    return len(_word_tokens(sentence))


Ranking = list[tuple[Sentence, float]]  # best first, scores in [0, 1]


def _rank(
    article: Article, candidates: list[Sentence], method: str, language: str, notes: list[str], needed: int
) -> Ranking:
    if method == "lead":
        return _rank_lead(candidates)
    if method == "auto":
        try:
            with warnings.catch_warnings(), _numpy_quiet():
                warnings.simplefilter("ignore")
                return rank_auto(article, candidates, language=language)
        except Exception:  # noqa: BLE001 (never raise because of an article)
            notes.append("the auto summarizer could not rank this article's sentences; used lead instead")
            return _rank_lead(candidates)
    try:
        ratings = _sumy_ratings(article, candidates, method, language, needed)
    except Exception:  # noqa: BLE001 (any failure inside sumy/numpy: fall back, never raise)
        ratings = None
    if ratings is None:
        notes.append(f"the {method} summarizer could not rank this article's sentences; used lead instead")
        return _rank_lead(candidates)
    order = sorted(range(len(candidates)), key=lambda i: -ratings[i])  # stable: ties keep article order
    if method in _RANK_BASED:
        n = len(candidates)
        return [(candidates[i], _round(1.0 - rank / n)) for rank, i in enumerate(order)]
    scores = _scale(ratings)
    return [(candidates[i], scores[i]) for i in order]


def _rank_lead(candidates: list[Sentence]) -> Ranking:
    n = len(candidates)
    return [(s, _round(1.0 - i / n)) for i, s in enumerate(candidates)]


def _scale(ratings: Sequence[float]) -> list[float]:
    """Ratings -> [0, 1]: divided by the maximum, or min-max scaled when some are negative."""
    hi, lo = max(ratings), min(ratings)
    if lo >= 0.0:
        return [_round(r / hi) if hi > 0 else 0.0 for r in ratings]
    return [_round((r - lo) / (hi - lo)) for r in ratings]


def _round(x: float) -> float:
    return round(min(1.0, max(0.0, float(x))), 4)


def _select(ranking: Ranking, length: Length, n_sentences: int, notes: list[str]) -> Ranking:
    if length.words is None:
        return ranking[: min(length.count(n_sentences), len(ranking))]
    budget, used, chosen = length.words, 0, []
    for sentence, score in ranking:
        n = _word_count(sentence)
        if used + n <= budget:
            chosen.append((sentence, score))
            used += n
    if not chosen:
        shortest = min(_word_count(s) for s, _ in ranking)
        notes.append(f"no sentence fits in {budget} words (the shortest has {shortest}); the summary is empty")
    return chosen


# --------------------------------------------------------------------------------------------------
# sumy


class _Tokenizer:
    """sumy's tokenizer interface over the article's own sentences and Treebank tokens."""

    def __init__(self, words_by_text: dict[str, tuple[str, ...]], language: str) -> None:
        self._words = words_by_text
        self.language = language

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        words = self._words.get(sentence)
        if words is None:  # not a sentence we built: split it without NLTK data
            from .text.segment import tokenize

            words = tuple(t.text.lower() for t in tokenize(sentence) if any(c.isalnum() for c in t.text))
        return words


_SENTENCE_CLASS = None


def _sentence_class():
    """A sumy Sentence that knows its article index and compares by identity, not by text."""
    global _SENTENCE_CLASS
    if _SENTENCE_CLASS is None:
        from sumy.models.dom import Sentence as SumySentence

        class IndexedSentence(SumySentence):
            __slots__ = ("index",)

            def __init__(self, text, tokenizer, index=-1, is_heading=False):
                super().__init__(text, tokenizer, is_heading)
                self.index = index

            def __eq__(self, other):
                return self is other

            def __ne__(self, other):
                return self is not other

            __hash__ = object.__hash__

        _SENTENCE_CLASS = IndexedSentence
    return _SENTENCE_CLASS


def _document(article: Article, candidates: list[Sentence], *, heading: str | None):
    """sumy ObjectDocumentModel: one Paragraph per article paragraph, `heading` first if given."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph

    from .text.segment import tokenize

    words: dict[str, tuple[str, ...]] = {}
    tokenizer = _Tokenizer(words, "")
    cls = _sentence_class()
    paragraphs: list[list] = []
    last_paragraph = None
    for position, sentence in enumerate(candidates):
        item = cls(sentence.text, tokenizer, position)
        words[item._text] = tuple(w.lower() for w in _word_tokens(sentence))
        if sentence.paragraph != last_paragraph:
            paragraphs.append([])
            last_paragraph = sentence.paragraph
        paragraphs[-1].append(item)
    if heading:
        item = cls(heading, tokenizer, -1, is_heading=True)
        words[item._text] = tuple(t.text.lower() for t in tokenize(heading) if any(c.isalnum() for c in t.text))
        paragraphs[0].insert(0, item)
    return ObjectDocumentModel([Paragraph(p) for p in paragraphs])


def _sumy_ratings(
    article: Article, candidates: list[Sentence], method: str, language: str, needed: int
) -> list[float] | None:
    """sumy's rating of every candidate (by candidate position), or None when it has no usable one.

    KL-Sum rates only its first `needed` picks; the others tie below them (article order).
    """
    from sumy.nlp.stemmers import Stemmer

    stem = Stemmer(language)
    stops = stop_words(language)
    title = article.title_text
    summarizer = _build_sumy(method, stem, stops, needed)
    if method == "edmundson":
        bonus = _content_words(title, language) if title else ()
        if not bonus:  # no title: the lead sentence stands in for it
            bonus = _content_words(candidates[0].text, language)
        if not bonus:
            bonus = tuple(w.lower() for w in _word_tokens(candidates[0]))
        if not bonus:
            return None
        summarizer.bonus_words = bonus
        summarizer.stigma_words = _STIGMA_WORDS
        summarizer.null_words = tuple(stops) or ("the",)
    document = _document(article, candidates, heading=title if method == "edmundson" else None)

    captured: list = []

    def everything(infos):
        captured.extend(infos)
        return infos

    with warnings.catch_warnings(), _numpy_quiet():
        warnings.simplefilter("ignore")
        summarizer(document, everything)
    if len(captured) != len(candidates):
        return None
    ratings = [0.0] * len(candidates)
    for info in captured:
        rating = float(info.rating)
        if not math.isfinite(rating):
            return None
        ratings[info.sentence.index] = rating
    return ratings


class _numpy_quiet:
    """Silence numpy floating-point warnings inside sumy (0/0 in a power iteration, say)."""

    def __enter__(self):
        import numpy

        self._old = numpy.seterr(all="ignore")
        return self

    def __exit__(self, *exc):
        import numpy

        numpy.seterr(**self._old)
        return False


def _build_sumy(method: str, stem: Callable[[str], str], stops: frozenset[str], needed: int):
    if method == "lex-rank":
        from sumy.summarizers.lex_rank import LexRankSummarizer as cls
    elif method == "lsa":
        from sumy.summarizers.lsa import LsaSummarizer as cls
    elif method == "text-rank":
        from sumy.summarizers.text_rank import TextRankSummarizer as cls
    elif method == "luhn":
        from sumy.summarizers.luhn import LuhnSummarizer as cls
    elif method == "edmundson":
        from sumy.summarizers.edmundson import EdmundsonSummarizer as cls
    elif method == "kl":
        cls = _capped_kl(needed)
    elif method == "sum-basic":
        from sumy.summarizers.sum_basic import SumBasicSummarizer as cls
    elif method == "reduction":
        from sumy.summarizers.reduction import ReductionSummarizer as cls
    else:  # pragma: no cover (summarize() validated the name)
        raise ValueError(method)
    summarizer = cls(stem)
    if method != "edmundson":
        summarizer.stop_words = stops
    return summarizer


def _capped_kl(needed: int):
    """sumy's KLSummarizer, stopping its greedy loop after `needed` picks.

    sumy's loop picks every sentence, each pick recomputing KL divergence against the growing summary
    for every remaining sentence: O(n^2) per pick, hours for a 1,500-sentence text. The first picks are
    the same as sumy's (the code below is sumy 0.13's `_compute_ratings` with a stop condition).
    """
    from sumy.summarizers.kl import KLSummarizer

    class CappedKL(KLSummarizer):
        def _compute_ratings(self, sentences):
            word_freq = self.compute_tf(sentences)
            ratings = {s: -float(len(sentences)) for s in sentences}
            summary: list = []
            sentences_list = list(sentences)
            sentences_as_words = [self._get_content_words_in_sentence(s) for s in sentences]
            for picked in range(min(needed, len(sentences_list))):
                summary_words = self._get_all_words_in_doc(summary)
                kls = [self._kl_divergence(self._joint_freq(s, summary_words), word_freq) for s in sentences_as_words]
                best = self._find_index_of_best_sentence(kls)
                best_sentence = sentences_list.pop(best)
                del sentences_as_words[best]
                summary.append(best_sentence)
                ratings[best_sentence] = -float(picked)
            return ratings

    return CappedKL


def _content_words(text: str, language: str) -> tuple[str, ...]:
    """Lower-case words of `text` that are not stop words, in order, without repeats."""
    from .text.segment import tokenize

    stops = stop_words(language)
    out: dict[str, None] = {}
    for token in tokenize(text):
        word = token.text.lower()
        if any(ch.isalnum() for ch in word) and word not in stops and sum(ch.isalpha() for ch in word) >= 2:
            out[word] = None
    return tuple(out)


# --------------------------------------------------------------------------------------------------
# auto


# Weights of the auto ranker (see rank_auto).
# Round numbers, chosen on the dev sets among a handful of settings (benchmarks/summarizers.py).
_AUTO = {
    "position": 1.0,  # weight of the lead prior exp(-i / decay), i = candidate position
    "decay": 3.0,
    "centrality": 1.0,  # weight of directed centrality (PacSum-style)
    "backward": 0.5,  # weight of similarity to earlier sentences relative to later ones
    "title": 0.5,  # weight of the cosine with the title
    "short": 8,  # sentences with fewer words are scaled down by words / short
    "redundancy": 0.5,  # MMR penalty: this times the best cosine with a sentence already picked
}


def rank_auto(
    article: Article, candidates: Sequence[Sentence] | None = None, *, language: str = "english"
) -> Ranking:
    """Rank `candidates` (default: the article's candidate sentences) for a news summary, best first.

    Returns ``(sentence, score)`` pairs; the score is the relevance below scaled to [0, 1], so a
    sentence demoted for redundancy can rank below one with a lower score. Deterministic: ties keep
    article order. Sentences are bags of stemmed non-stop words, weighted tf-idf (log tf, each
    sentence a document) and compared by cosine. The relevance of the sentence at candidate position i:

    - lead prior ``exp(-i / 3)``: news is written in inverted-pyramid style, which is why Lead-3 is so
      strong on news (See et al. 2017; Kedzie et al., EMNLP 2018, "Content Selection in Deep Learning
      Models of Summarization");
    - directed centrality, from PacSum (Zheng & Lapata, ACL 2019, "Sentence Centrality Revisited for
      Unsupervised Summarization"): summed similarity to the sentences after it plus half the summed
      similarity to those before it, so a sentence that later ones elaborate on counts more (LexRank,
      Erkan & Radev 2004, is the undirected version), min-max scaled;
    - similarity to the title, as in Edmundson's (1969) title method;
    - scaled down for sentences under 8 words (captions, datelines, "Read more").

    Redundancy is controlled by maximal marginal relevance (Carbonell & Goldstein, SIGIR 1998): sentences
    are picked greedily by relevance minus 0.5 x their highest cosine with a sentence already picked.

    Measured on the dev data at 3 sentences (R-1/R-2/R-Lsum): BBC 47.9/40.5/47.1 (Lead-3 44.7/36.2/43.7),
    cased CNN/DM 31.4/12.3/28.1 (Lead-3 30.9/12.1/27.6), REALSumm-100 42.3/18.3/38.6 (Lead-3
    41.1/17.5/37.2). Cost: O(n^2) in numpy for n sentences, milliseconds for news-length articles.
    """
    import numpy

    if candidates is None:
        candidates = _candidates(article)
    candidates = list(candidates)
    n = len(candidates)
    if n == 0:
        return []
    p = _AUTO
    stem = stemmer(language)
    stops = stop_words(language)

    def terms(words):
        return [stem(w.lower()) for w in words if w.lower() not in stops and any(c.isalpha() for c in w)]

    bags = [terms(_word_tokens(s)) for s in candidates]
    vocab: dict[str, int] = {}
    for bag in bags:
        for t in bag:
            vocab.setdefault(t, len(vocab))
    tf = numpy.zeros((n, max(1, len(vocab))))
    for i, bag in enumerate(bags):
        for t in bag:
            tf[i, vocab[t]] += 1.0
    df = (tf > 0).sum(axis=0)
    idf = numpy.log((n + 1.0) / (df + 0.5))
    vec = numpy.where(tf > 0, 1.0 + numpy.log(numpy.maximum(tf, 1.0)), 0.0) * idf
    norms = numpy.linalg.norm(vec, axis=1)
    unit = vec / numpy.where(norms > 0, norms, 1.0)[:, None]
    sim = unit @ unit.T
    numpy.fill_diagonal(sim, 0.0)

    upper = numpy.triu(sim, 1).sum(axis=1)  # similarity to later sentences
    lower = numpy.tril(sim, -1).sum(axis=1)  # ... and to earlier ones
    centrality = upper + p["backward"] * lower
    centrality = centrality - centrality.min()
    if centrality.max() > 0:
        centrality = centrality / centrality.max()
    position = numpy.exp(-numpy.arange(n) / p["decay"])
    title_score = numpy.zeros(n)
    title = article.title_text
    if title:
        from .text.segment import tokenize

        tvec = numpy.zeros(tf.shape[1])
        for t in terms(tok.text for tok in tokenize(title)):
            if t in vocab:
                tvec[vocab[t]] = idf[vocab[t]]
        if tvec.any():
            tvec /= numpy.linalg.norm(tvec)
            title_score = unit @ tvec
            if title_score.max() > 0:
                title_score = title_score / title_score.max()
    relevance = p["position"] * position + p["centrality"] * centrality + p["title"] * title_score
    lengths = numpy.array([len(_word_tokens(s)) for s in candidates], dtype=float)
    relevance = relevance * numpy.minimum(1.0, lengths / p["short"])

    # Maximal marginal relevance (Carbonell & Goldstein 1998): greedy, penalising overlap with picks.
    order: list[int] = []
    left = numpy.ones(n, dtype=bool)
    overlap = numpy.zeros(n)
    for _ in range(n):
        gain = numpy.where(left, relevance - p["redundancy"] * overlap, -numpy.inf)
        best = int(numpy.argmax(gain))  # first maximum: ties keep article order
        order.append(best)
        left[best] = False
        overlap = numpy.maximum(overlap, sim[best])
    scores = _scale([float(r) for r in relevance])
    return [(candidates[i], scores[i]) for i in order]
