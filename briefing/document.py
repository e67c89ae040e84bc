"""The immutable data model: one article text, many views over it as character spans.

Every span (`start`, `end`) is a pair of Python string indices into `Article.text`, with `end`
exclusive, so that ``article.text[span.start:span.end] == span.text`` always holds. This module
imports neither Rich nor Typer: it is the part a Python user builds on.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` into an article's text."""

    start: int
    end: int

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True, slots=True)
class Token:
    """A word or punctuation token (NLTK Treebank-style) with its character span."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the article body.

    `index` counts sentences from 0 in article order (the title is not a sentence);
    `paragraph` is the index of the paragraph that holds it; `tokens` are its word tokens.
    """

    index: int
    text: str
    start: int
    end: int
    paragraph: int
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A block of text between blank lines (its sentences are in `Article.sentences`)."""

    index: int
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about the article besides its text; each field is None when unknown.

    `date` is ISO 8601 (``YYYY-MM-DD``), `language` a sumy/NLTK language name (``english``).
    """

    date: str | None = None
    author: str | None = None
    site: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A decoded article segmented into a title, paragraphs, sentences and tokens.

    `set_aside` holds spans that are neither the title nor a sentence but were recognised and
    deliberately left out (a headline repeated on the next lines, a dateline or byline line);
    together with `title` and `sentences` they cover every non-space character of `text`.
    Build one with :func:`briefing.text.segment.segment` or :func:`briefing.read_article`.
    """

    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[Paragraph, ...]
    title: Span | None = None
    set_aside: tuple[Span, ...] = ()
    source: str = "<text>"
    metadata: Metadata = field(default_factory=Metadata)

    @property
    def title_text(self) -> str | None:
        """The title's text, or None when the article has no recognisable headline."""
        return None if self.title is None else self.text[self.title.start : self.title.end]

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence that contains character `offset`, or None (title, gaps)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            sentence = self.sentences[mid]
            if offset < sentence.start:
                hi = mid
            elif offset >= sentence.end:
                lo = mid + 1
            else:
                return sentence.index
        return None


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """One sentence of an extractive summary: the article sentence, verbatim, and its score.

    `score` is the ranker's score for the sentence, higher = more central (scaled to [0, 1]).
    """

    index: int
    text: str
    start: int
    end: int
    score: float


@dataclass(frozen=True, slots=True)
class Figure:
    """A number written in the article (a "key figure"), parsed.

    `kind` is one of cardinal, ordinal, fraction, percent, money, quantity, range; `value` is the
    number (``1.5 million`` -> 1500000.0, ``half`` -> 0.5; None for a range, which has `low` and
    `high`); `unit` is ``%``, an ISO 4217 code or a physical unit; `counted` is the noun phrase the
    number counts; `qualifier` is a hedge such as ``at least``; `sentence` the sentence index.
    """

    text: str
    kind: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    counted: str | None
    qualifier: str | None
    start: int
    end: int
    sentence: int | None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or time expression, normalised.

    `value` is ISO 8601 (``2019-05-20``, ``2018-05``, ``2011``), partial when the year is unknown
    (``--05-20``), or None when it cannot be resolved. `relative` is True for expressions such as
    ``last week`` whose meaning depends on the article's date; `modifier` is one of early, late,
    mid, since, until, before, after, or None.
    """

    text: str
    value: str | None
    relative: bool
    modifier: str | None
    start: int
    end: int
    sentence: int | None


@dataclass(frozen=True, slots=True)
class Keyphrase:
    """A keyphrase with its score (higher is better) and every occurrence as ``(start, end)``."""

    text: str
    score: float
    spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity grouped by referent.

    `text` is the fullest name; `label` one of PERSON, ORG, GPE, LOC, NORP (OntoNotes);
    `mentions` every occurrence as ``(start, end)``, in article order.
    """

    text: str
    label: str
    mentions: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """Quoted speech: the quoted text's span (inside the quote marks) and its speaker, if named."""

    text: str
    start: int
    end: int
    speaker: str | None
    speaker_span: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class Stats:
    """Size of the article: body words, sentences, and reading time at 238 words a minute."""

    words: int
    sentences: int
    reading_time_minutes: float


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything `briefing` derives from one article. Parts not asked for are empty tuples/None."""

    article: Article
    summary: tuple[SummarySentence, ...] = ()
    figures: tuple[Figure, ...] = ()
    dates: tuple[DateMention, ...] = ()
    keyphrases: tuple[Keyphrase, ...] = ()
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stats: Stats | None = None
    warnings: tuple[str, ...] = ()
