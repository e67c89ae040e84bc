"""`brief(article, options) -> Briefing`: the whole job as a pure function, plus `read_article`.

No printing and no process exit here: the CLI and Python callers share this layer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import BinaryIO

from .document import Article, Briefing, Metadata, Paragraph, Sentence, Span, Stats, Token
from .errors import BriefingError
from .summarize import Length
from .text.lang import normalize_language
from .text.segment import segment

FACT_KINDS = ("figures", "dates", "keyphrases", "entities", "quotes")
WORDS_PER_MINUTE = 238
# A word: a run of word characters (with inner hyphens, apostrophes, periods); in Chinese and
# Japanese, which write no spaces, each ideograph or kana (as the tokenizer and --words count them).
_CJK_CHARS = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK_CHARS}]|[^\W{_CJK_CHARS}]+(?:[-'’.][^\W{_CJK_CHARS}]+)*")


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
    timeout: float | None = None,
    max_bytes: int | None = None,
) -> Article:
    """Read, decode and segment one input: a path, ``-`` (stdin) or an ``http``/``https`` URL.

    HTML (recognised by extension, Content-Type or content) gives its main text, title and
    metadata (see :mod:`briefing.html`); `max_bytes` limits the size of any input ("input too
    large"), `timeout` (seconds) URL fetches (the command line also limits briefing time with it).
    Raises InputError (missing, directory, binary, undecodable, empty, no article in the page,
    a failed fetch) or UnsupportedLanguage.
    """
    from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, url_scheme
    from .inputs import STDIN, ReadOptions, Source, load

    language = normalize_language(language)
    options = ReadOptions(
        encoding=encoding,
        timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
        max_bytes=DEFAULT_MAX_BYTES if max_bytes is None else max_bytes,
    )
    if source == STDIN:  # one byte past the limit is enough to refuse it
        data = (stdin if stdin is not None else sys.stdin.buffer).read(options.max_bytes + 1)
        item = Source(STDIN, "stdin", data=data)
    else:
        item = Source(source, "url" if url_scheme(source) else "path")
    loaded = load(item, options)
    return article_from_text(
        loaded.text, source=source, language=language, date=date, title=loaded.title, metadata=loaded.metadata
    )


def article_from_text(
    text: str,
    *,
    source: str = "<text>",
    language: str = "english",
    date: dt.date | None = None,
    title: str | None = None,
    metadata: Mapping[str, str | None] | None = None,
) -> Article:
    """Segment already-decoded `text` into an Article with its metadata filled in.

    Without `title`, the title is found in `text` (its first line when it reads as a headline).
    With `title` (known from the input, e.g. an HTML page's), `text` is the body and the
    article's text becomes ``title + "\n\n" + text`` so that the title is a span of it too.
    `metadata` gives ``date`` (YYYY-MM-DD), ``author`` and ``site`` known from the input; `date`
    (the user's ``--date``) wins over both it and a dateline found in the text.
    A lone surrogate in `text` (which no UTF-8 output can hold) becomes U+FFFD, one for one.
    """
    from .reader import replace_surrogates

    given = dict(metadata or {})
    text = replace_surrogates(text)
    title = " ".join(replace_surrogates(title).split()) if title else None
    if title:
        article = _segment_with_title(title, text, source=source)
    else:
        article = segment(text, source=source)
    meta = article.metadata
    dateline = _dateline(article)
    if dateline is not None:
        article = _set_aside_sentence(article, dateline[1])
    found_date = given.get("date") or meta.date or (dateline[0] if dateline else None)
    return replace(
        article,
        metadata=Metadata(
            date=date.isoformat() if date else found_date,
            author=given.get("author") or meta.author,
            site=given.get("site") or meta.site,
            language=language,
        ),
    )


def _segment_with_title(title: str, body: str, *, source: str) -> Article:
    """Segment `body` alone (no headline detection: the title is known) and shift every span
    past ``title + "\n\n"``, so that offsets index the article's full text."""
    offset = len(title) + 2
    part = segment(body, source=source, detect_title=False)
    return Article(
        text=f"{title}\n\n{body}",
        sentences=tuple(
            Sentence(
                s.index,
                s.text,
                s.start + offset,
                s.end + offset,
                s.paragraph,
                tuple(Token(t.text, t.start + offset, t.end + offset) for t in s.tokens),
            )
            for s in part.sentences
        ),
        paragraphs=tuple(Paragraph(p.index, p.start + offset, p.end + offset) for p in part.paragraphs),
        title=Span(0, len(title)),
        set_aside=tuple(Span(sp.start + offset, sp.end + offset) for sp in part.set_aside),
        source=source,
        metadata=part.metadata,
    )


# A dateline on its own line near the top of plain text: "May 20, 2019", "20 May 2019",
# "2019-05-20", optionally after "Published:"/"Updated" and a weekday. Only full dates with a
# year are taken; a wire dateline ("ANKARA, May 20 (Reuters) -") has no year and is left alone.
_MONTHS = {
    m: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
         ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"),
         ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
_DATELINE = re.compile(
    r"^(?:(?:published|posted|updated|date)\s*(?:on)?\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:(?P<iso>(?P<y1>\d{4})-(?P<m1>\d{2})-(?P<d1>\d{2}))"
    rf"|{_MONTH}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})"
    r"|(?P<d3>\d{1,2})\s+(?P<month3>[A-Za-z]{3,9})\.?,?\s+(?P<y3>\d{4}))"
    r"(?:[,\s]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?\s*$",
    re.IGNORECASE,
)


def _byline_date(line: str):
    """The :data:`_DATELINE` match of the date that ends a byline line ("By Jean-Paul Martin,
    2 November 2023"), or None."""
    if line[:3].lower() != "by ":
        return None
    for sep in re.finditer(r"[,|–—-]", line):
        match = _DATELINE.match(line[sep.end() :].strip())
        if match:
            return match
    return None


def _dateline(article: Article) -> tuple[str, tuple[int, int]] | None:
    """(ISO date, (start, end) of its line) of a dateline line among the first three non-blank
    lines, or None."""
    text = article.text
    seen = 0
    pos = 0
    for raw in text[:2000].splitlines(keepends=True):
        line_start, pos = pos, pos + len(raw)
        line = raw.strip()
        if not line:
            continue
        seen += 1
        if seen > 3:
            break
        if len(line) > 96 or (len(line) > 48 and not line[:3].lower() == "by "):
            continue
        match = _DATELINE.match(line)
        if not match:
            # a byline that ends with the date: "By Paul Martin, 2 November 2023"
            match = _byline_date(line)
        if not match:
            continue
        try:
            if match["iso"]:
                day = dt.date(int(match["y1"]), int(match["m1"]), int(match["d1"]))
            elif match["y2"]:
                day = dt.date(int(match["y2"]), _MONTHS[match["month"].lower()], int(match["d2"]))
            else:
                day = dt.date(int(match["y3"]), _MONTHS[match["month3"].lower()], int(match["d3"]))
        except (KeyError, ValueError):
            continue
        start = line_start + raw.index(line)
        return day.isoformat(), (start, start + len(line))
    return None


def _set_aside_sentence(article: Article, span: tuple[int, int]) -> Article:
    """`article` with the sentence that is exactly `span` (a dateline line) moved to `set_aside`:
    it is metadata, not a sentence to summarize. Unchanged when no sentence is exactly `span`."""
    kept = [s for s in article.sentences if (s.start, s.end) != span]
    if len(kept) == len(article.sentences):
        return article
    sentences = tuple(replace(s, index=i) for i, s in enumerate(kept))
    set_aside = tuple(sorted((*article.set_aside, Span(*span)), key=lambda sp: sp.start))
    return replace(article, sentences=sentences, set_aside=set_aside)


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
