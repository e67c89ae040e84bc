"""`brief(article, options) -> Briefing`: the whole job as a pure function, plus `read_article`.

No printing and no process exit here: the CLI and Python callers share this layer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from .document import Article, Briefing, Metadata, Stats
from .errors import BriefingError
from .reader import read_text
from .summarize import Length
from .text.lang import normalize_language
from .text.segment import segment

FACT_KINDS = ("figures", "dates", "keyphrases", "entities", "quotes")
WORDS_PER_MINUTE = 238
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")


@dataclass(frozen=True, kw_only=True)
class BriefOptions:
    """What to compute. Build once, use for many articles.

    `summary` / `facts` switch the two halves on; `only` limits facts to a subset of
    FACT_KINDS; `keyphrases` is the number of keyphrases (>= 0); `date` is the article's
    date for relative dates (else the article's own metadata date is used).
    Raises ValueError for an unknown summarizer, fact kind or a negative count.
    """

    summary: bool = True
    facts: bool = True
    summarizer: str = "auto"
    length: Length = field(default_factory=Length)
    keyphrases: int = 10
    only: frozenset[str] = frozenset(FACT_KINDS)
    language: str = "english"
    date: dt.date | None = None

    def __post_init__(self) -> None:
        from .summarize import SUMMARIZERS

        if self.summarizer not in SUMMARIZERS:
            raise ValueError(f"unknown summarizer {self.summarizer!r}; choose from {', '.join(SUMMARIZERS)}")
        unknown = set(self.only) - set(FACT_KINDS)
        if unknown:
            raise ValueError(f"unknown fact kind {sorted(unknown)[0]!r}; choose from {', '.join(FACT_KINDS)}")
        if self.keyphrases < 0:
            raise ValueError("--keyphrases must be 0 or more")


def read_article(
    source: str,
    *,
    encoding: str | None = None,
    language: str = "english",
    date: dt.date | None = None,
    stdin: BinaryIO | None = None,
) -> Article:
    """Read, decode and segment one input (a path or ``-``).

    Raises InputError (missing, directory, binary, undecodable, empty) or UnsupportedLanguage.
    """
    language = normalize_language(language)
    text = read_text(source, encoding=encoding, stdin=stdin)
    return article_from_text(text, source=source, language=language, date=date)


def article_from_text(
    text: str, *, source: str = "<text>", language: str = "english", date: dt.date | None = None
) -> Article:
    """Segment already-decoded `text` into an Article with its metadata filled in."""
    article = segment(text, source=source)
    meta = article.metadata
    return replace(
        article,
        metadata=Metadata(
            date=date.isoformat() if date else meta.date,
            author=meta.author,
            site=meta.site,
            language=language,
        ),
    )


def stats(article: Article) -> Stats:
    """Body word count (title excluded), sentence count and reading time in minutes (1 decimal)."""
    words = sum(len(_WORD.findall(s.text)) for s in article.sentences)
    minutes = math.ceil(words / WORDS_PER_MINUTE * 10) / 10 if words else 0.0
    return Stats(words=words, sentences=len(article.sentences), reading_time_minutes=minutes)


def brief(article: Article, options: BriefOptions | None = None) -> Briefing:
    """Summarize `article` and extract its facts as `options` ask; returns a Briefing.

    Pure: no I/O. Facts beyond keyphrases are English-only; for another language they are
    left empty with a warning. Raises BriefingError only for invalid options.
    """
    options = options or BriefOptions()
    language = article.metadata.language or options.language
    warnings: list[str] = []
    parts: dict = {}
    if options.summary:
        from .summarize import summarize

        summary, summary_warnings = summarize(
            article, summarizer=options.summarizer, length=options.length, language=language
        )
        parts["summary"] = summary
        warnings.extend(summary_warnings)
    if options.facts:
        parts.update(_facts(article, options, language, warnings))
    if not article.sentences:
        warnings.append("no sentences found in the article")
    return Briefing(
        article=article,
        stats=stats(article),
        warnings=tuple(dict.fromkeys(warnings)),
        **parts,
    )


def _facts(article: Article, options: BriefOptions, language: str, warnings: list[str]) -> dict:
    only = options.only
    parts: dict = {}
    english = language == "english"
    if not english:
        warnings.append(f"facts are English-only: only keyphrases were extracted for {language}")
    if "keyphrases" in only and options.keyphrases:
        from .facts.keyphrases import extract_keyphrases

        parts["keyphrases"] = extract_keyphrases(article, top_n=options.keyphrases, language=language)
    if not english:
        return parts
    date = options.date
    if date is None and article.metadata.date:
        try:
            date = dt.date.fromisoformat(article.metadata.date[:10])
        except ValueError:
            date = None
    dates = ()
    if "dates" in only or "figures" in only:
        from .facts.dates import extract_dates

        dates = extract_dates(article, reference_date=date)
        if "dates" in only:
            parts["dates"] = dates
    if "figures" in only:
        from .facts.figures import extract_figures

        parts["figures"] = extract_figures(article, dates=dates)
    entities = ()
    if "entities" in only or "quotes" in only:
        from .facts.entities import extract_entities

        entities = extract_entities(article)
        if "entities" in only:
            parts["entities"] = entities
    if "quotes" in only:
        from .facts.quotes import extract_quotes

        parts["quotes"] = extract_quotes(article, entities=entities)
    return parts


__all__ = ["BriefOptions", "BriefingError", "FACT_KINDS", "article_from_text", "brief", "read_article", "stats"]
