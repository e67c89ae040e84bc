"""Date expressions in English news text -> :class:`~briefing.document.DateMention`.

What is found (the shapes follow the date grammar of Microsoft Recognizers-Text, English
``DateExtractor``/``DatePeriodExtractor``, cut down to what news copy uses):

=========================  ======================  ==========  ==========
text                       value (no reference)    relative    modifier
=========================  ======================  ==========  ==========
``2019-05-20``             ``2019-05-20``          False       None
``20 May 2019``            ``2019-05-20``          False       None
``May 20, 2019``           ``2019-05-20``          False       None
``May 20``                 ``--05-20``             False       None
``since April 25``         ``--04-25``             False       since
``May 2018``               ``2018-05``             False       None
``early May``              ``--05``                False       early
``early 2011``             ``2011``                False       early
``mid-2020``               ``2020``                False       mid
``the 1990s``              ``199`` (a decade)      False       None
``last September``         ``--09``                True        None
``last week``              None                    True        None
``Tuesday``                None                    True        None
``yesterday``              None                    True        None
``three days ago``         None                    True        None
=========================  ======================  ==========  ==========

With a `reference_date` (the article's date) partial and relative values are resolved: ``May 20``
takes the year that puts it nearest the reference date; ``last week`` becomes an ISO week
(``2019-W20``); ``last September`` the latest September before the reference month; a weekday the
latest such day on or before the reference date.

Span rules: the span covers the date words and its modifier words (``early May``, ``since April
25``, ``last week``), never a bare preposition (``in``, ``on``, ``during``, ``by``). When a date has
two modifiers (``since early 2011``) the inner one is kept (``early 2011``, modifier ``early``).
Month names alone count only after a preposition or modifier (``in May``, ``early May``), so that
the modal verb ("it may rain", "May I") is not a date; a bare four-digit year counts only in
1800-2100 and after such a word ("in 2011", "since 2011", "early 2011"), so "2011 people" and
"$2011" are not dates. A bare month name must be capitalised, as in edited news copy; in lower case
it counts after a context or relative word ("in june", "june next year"), never "may" or "march".

Also found: years in words ("nineteen seventy-eight", "two thousand and eighteen"), year ranges
("2014-2018", "from 2014 till 2018", value ``2014/2018``), sports and fiscal seasons ("2010-11"),
decades ("the 70s", not after "highs"/"temperatures"), half-years ("H1 2019", "the first half of
2019"), parts of the current unit ("later in the year", "the end of the month"), bounded offsets
("more than two weeks ago": modifier ``before``; "within 2 weeks from today": an interval),
lengths from a day ("for 3 days starting Monday"), "between now and ...", and periods that refer
back ("that year", "the same week": value None). A weekday joined to a date ("Friday 5/12",
"friday (jun-15)") names the date's day: with a reference date, a year not written moves to the
one where the weekday fits, and a weekday that fits neither stays a date of its own.
"""

from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator

from ..document import Article, DateMention

__all__ = ["extract_dates"]

MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3,
    "fri": 4, "sat": 5, "sun": 6,
}
_FULL_MONTHS = frozenset(list(MONTHS)[:12])
# Day numbers written in words: ordinals ("twenty-first") and, after a month or "the", cardinals.
_ORDINAL_WORDS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}
_CARDINAL_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30,
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Modifier words -> the DateMention.modifier value (DateMention's fixed vocabulary).
MODIFIERS: dict[str, str] = {
    "early": "early", "the beginning of": "early", "the start of": "early", "earlier": "early",
    "beginning of": "early", "start of": "early",
    "late": "late", "the end of": "late", "end of": "late", "later": "late",
    "mid": "mid", "mid-": "mid", "the middle of": "mid", "middle of": "mid",
    "since": "since", "until": "until", "till": "until", "before": "before", "after": "after",
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Month names alone are matched capitalised; with a day or a year, in any case ("april 22").
_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?![a-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])(?:\.(?=\s*[\d,]))?)"
)
_MONTH_ANY_CASE = "(?i:" + _MONTH + ")"
_WEEKDAY = r"(?P<weekday>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?![a-z])"
# With a date after it ("Wed, 22 Jan"), a weekday may be abbreviated.
_WEEKDAY_ANY = (r"(?P<weekday>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?"
                r"|wed|thu(?:rs?)?|fri|sat|sun))(?![a-z])\.?")
_ORD_WORD = (r"(?:(?:twenty|thirty)[\s-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth"
             r"|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth"
             r"|eighteenth|nineteenth|twentieth|thirtieth")
_CARD_WORD = (r"(?:twenty[\s-]?(?:one|two|three|four|five|six|seven|eight|nine)|thirty[\s-]?one|thirty"
              r"|twenty|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
              r"|one|two|three|four|five|six|seven|eight|nine)")
_DAY = (r"(?:(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
        r"|(?P<dayw>(?i:" + _ORD_WORD + r"))(?![a-z]))")
# After a month name a day may be a compound cardinal in words ("may twenty one").
_DAY_AFTER_MONTH = (r"(?:(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
                    r"|(?P<dayw>(?i:" + _ORD_WORD + r"|(?:twenty|thirty)[\s-]?(?:one|two|three|four|five|six"
                    r"|seven|eight|nine)|thirty[\s-]?one))(?![a-z]))")
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|2100)(?![\d])"
_ANY_YEAR = r"(?P<year>1\d\d\d|2\d\d\d)(?![\d])"
# Words that make a following bare month or year a date; left out of the span.
_CONTEXT = (
    r"(?i:in|on|during|by|of|from|to|through|throughout|between|and|or|around|for|since|until|till"
    r"|before|after)"
)
# "May" is also a name (Theresa May) and a modal verb: only these words make it a date.
_MAY_CONTEXT = frozenset({"in", "during", "since", "until", "till", "before", "after", "through"})
# After these context words a year may be a count ("a total of 2011", "rose to 1900"): the year
# must then be followed by punctuation, the end, or one of _AFTER_YEAR.
_WEAK_YEAR_CONTEXT = frozenset({"of", "to", "and", "or", "for", "around", "from", "on", "by", "between", "through"})
_AFTER_YEAR = frozenset({
    "to", "and", "or", "when", "as", "after", "before", "until", "through", "with", "in", "at",
    "on", "but", "while", "the", "a", "which", "that", "for", "by", "amid", "during", "is", "was",
    "were", "will", "has", "had", "have",
})
_OTHER_END = re.compile(r"\s*(?:to|and|-|–)\s*\d[\d,.]*\s+([A-Za-z]+)", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_NOT_A_COUNT = r"(?!\s*(?:%|percent|per\s+cent)\b)"

# Patterns start at the date itself (a digit, a month or weekday name, a relative word), which
# keeps scanning fast; the words before it (context, "last", "early") are read by _PREFIX.
_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")
_DMY = re.compile(
    r"(?<![\w.,])(?:" + _WEEKDAY_ANY + r",?\s+)?(?:the\s+)?" + _DAY
    + r"(?:\.?\s+of\s+|\.?\s+|-|(?<=\d)(?=[A-Za-z]))" + _MONTH_ANY_CASE + r"(?:(?:\s*,\s*|\s+|-)(?:of\s+)?" + _ANY_YEAR
    + r")?"
)
_MDY = re.compile(
    r"(?<![\w])(?:" + _WEEKDAY_ANY + r",?\s+)?" + _MONTH_ANY_CASE + r"(?:[.,]?\s+(?:the\s+)?|[-/.]|(?=\d))"
    + _DAY_AFTER_MONTH
    + r"(?!\s*(?:%|percent)|\.\d)(?:(?:\s*,\s*|\s+)(?:of\s+)?" + _ANY_YEAR + r")?"
)
_MY = re.compile(r"(?<![\w])" + _MONTH_ANY_CASE + r"(?:(?:\s*,)?\s+(?:of\s+)?|[-/])" + _YEAR)
_MONTH_CTX = re.compile(r"(?<![\w])" + _MONTH_ANY_CASE + r"(?!\s*\d|[./-]\d)")
_YEAR_CTX = re.compile(r"(?<![\w$£€¥.,])" + _YEAR + r"(?![.,]\d|-\d|\w)" + _NOT_A_COUNT)
_YEAR_RANGE = re.compile(
    r"(?<![\w$£€¥.,-])(?:(?P<kw>from|between)\s+)?(?P<y1>1[89]\d\d|20\d\d)\s*(?P<sep>-|–|~|to|till|until|through|and)\s*"
    r"(?P<y2>1[89]\d\d|20\d\d)(?![.,]\d|-\d|\w)" + _NOT_A_COUNT,
    re.IGNORECASE,
)
_DECADE = re.compile(
    r"(?<![\w$'’])(?:(?P<century>1[89]|20)(?P<dec>\d)0|['’](?P<short>\d)0|(?P<bare>[2-9])0)['’]?s(?!\w)"
)
# "highs in the 70s", "temperatures in the mid-80s": degrees, not a decade
_DEGREES_BEFORE = re.compile(r"(?i)\b(?:highs?|lows?|temperatures?|degrees?|fahrenheit|celsius|readings?)\b")
_AFTER_NEXT = re.compile(
    r"(?<![\w-])(?P<the>the\s+)?(?P<unit>week|month|year)\s+after\s+next(?![\w-])", re.IGNORECASE
)
_REL_UNIT = re.compile(
    r"(?<![\w-])(?P<rel>last|next|this|past|coming|previous|upcoming|current|following)\s+"
    r"(?P<kind>(?:fiscal|financial|calendar|school|academic)\s+)?(?P<unit>week(?:end)?|month|year|decade)(?![\w'’])",
    re.IGNORECASE,
)
# What may stand right before a date: a context word (never in the span), "last"/"next"/"this",
# and a modifier ("early", "mid-", "the end of"). Searched backwards from the date's start.
_PREFIX = re.compile(
    r"(?:(?<![\w-])(?P<ctx>" + _CONTEXT + r"|year|fiscal)\s+)?"
    r"(?:(?<![\w-])(?P<the>the)\s+)?"
    r"(?:(?<![\w-])(?P<rel>last|next|this(?:\s+(?:past|coming|upcoming))?|coming|past|upcoming|previous|following)\s+)?"
    r"(?:(?<![\w-])(?P<monthof>month\s+of)\s+)?"
    r"(?:(?<![\w-])(?P<mod>early|late|later|earlier|(?:the\s+)?(?:beginning|start|end|middle)\s+of)\s+"
    r"|(?<![\w-])(?P<midmod>mid)(?:-|\s+))?$",
    re.IGNORECASE,
)
_PREFIX_REACH = 40
# A date right after one of these takes it as its modifier, and the word joins the span.
_MODIFIER_BEFORE = re.compile(r"(?i:\b(since|until|till|before|after)\s+)$")
# Abbreviated weekdays stand alone only after "on" ("on tues.", "on Wed").
_WEEKDAY_ABBR = re.compile(r"(?<=\bon )(?P<weekday>(?i:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun))(?=\.|\b)(?![\w'’-])")
_WEEKDAY_CTX = re.compile(r"(?<![\w-])" + _WEEKDAY + r"(?!s\b)")
_DEICTIC = re.compile(
    r"(?<![\w-])(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+(?:tomorrow|tmrw)|yesterday"
    r"|today|tomorrow|tmrw|tonight)(?!\w)",
    re.IGNORECASE,
)
_AGO = re.compile(
    r"(?<![\w-])(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|a\s+few|several)\s+(?P<unit>day|week|month|year)s?\s+ago(?!\w)",
    re.IGNORECASE,
)


def extract_dates(
    article: Article, *, reference_date: _dt.date | None = None
) -> tuple[DateMention, ...]:
    """Every date expression in the title and sentences of `article`, in article order.

    `reference_date` (the article's date) resolves partial and relative dates; without it they
    keep a partial value (``--05-20``, ``--09``) or None. Never raises on any article.
    """
    found = list(_scan(article.text, list(_regions(article)), reference_date))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    kept: list[list] = []
    last_end = -1
    for start, end, value, relative, modifier in found:
        if start < last_end:
            prev = kept[-1]
            weekday = _WEEKDAY_NAMES.match(article.text, start)
            if end > last_end and _DAY_VALUE.fullmatch(value or "") and _WEEKDAY_TEXT.search(
                    article.text[prev[0]: prev[1]]) and weekday is not None:
                value = _weekday_year(article.text[prev[0]: prev[1]], value, article.text[start:end], reference_date)
                if _weekday_agrees(article.text[prev[0]: prev[1]], value):
                    # "this Friday June 22": the weekday begins a longer date, which keeps "this"
                    kept[-1] = [prev[0], end, value, relative, modifier]
                else:  # "this Friday June 23" in a year when June 23 is a Saturday: two dates
                    after = re.compile(r"[,.]?\s*").match(article.text, weekday.end()).end()
                    kept.append([after, end, value, relative, modifier])
                last_end = end
            continue
        last_end = end
        kept.append([start, end, value, relative, modifier])
    regions = list(_regions(article))
    mentions: list[DateMention] = []
    for start, end, value, relative, modifier in _join(article.text, kept, regions, reference_date) if regions else ():
        if end - start == 3 and article.text[start:end].lower() == "now":
            continue  # "now" only as the end of a range
        mentions.append(
            DateMention(article.text[start:end], value, relative, modifier, start, end,
                        article.sentence_at(start))
        )
    return tuple(mentions)


def _regions(article: Article) -> Iterator[tuple[int, int]]:
    """The title then each sentence, as (start, end): set-aside text (repeated headline) is skipped."""
    if article.title is not None:
        yield article.title.start, article.title.end
    for sentence in article.sentences:
        yield sentence.start, sentence.end


_Found = tuple[int, int, "str | None", bool, "str | None"]
_Handler = Callable[["_Match", "_dt.date | None"], "tuple[int, str | None, bool, str | None] | None"]


class _Match:
    """A pattern's match seen together with the words before it that the pattern accepts.

    Groups come from the match, else from the prefix (only those named in `allowed`); `start()`
    is where the span starts: the earliest accepted prefix word other than a context word.
    """

    __slots__ = ("main", "prefix", "allowed", "string")

    def __init__(self, main: re.Match[str], prefix: re.Match[str] | None, allowed: frozenset[str]):
        self.main, self.prefix, self.allowed, self.string = main, prefix, allowed, main.string

    def group(self, name: str) -> str | None:
        if name in self.main.re.groupindex and self.main.group(name) is not None:
            return self.main.group(name)
        if self.prefix is not None and name in self.allowed:
            return self.prefix.group(name)
        return None

    __getitem__ = group

    def start(self, name: str | None = None) -> int:
        if name is not None:
            if name in self.main.re.groupindex and self.main.group(name) is not None:
                return self.main.start(name)
            assert self.prefix is not None
            return self.prefix.start(name)
        starts = [self.main.start()]
        for g in ("rel", "mod", "midmod", "monthof"):
            if g in self.allowed and self.group(g) is not None and g not in self.main.re.groupindex:
                if g == "monthof" and self.prefix.group("the") is not None:  # type: ignore[union-attr]
                    g = "the"  # "the month of May"
                starts.append(self.prefix.start(g))  # type: ignore[union-attr]
        return min(starts)

    def end(self) -> int:
        return self.main.end()


def _scan(text: str, regions: list[tuple[int, int]], ref: _dt.date | None) -> Iterator[_Found]:
    """Candidate dates (overlapping) from every pattern, each inside one region."""
    if not regions:
        return
    starts = [s for s, _ in regions]
    lower = text[regions[0][0]: regions[-1][1]].lower()
    windows: dict[re.Pattern[str], list[tuple[int, int]]] = {}
    for pattern, handler, allowed in _PATTERNS:
        needles = _NEEDLES.get(pattern)
        if needles is not None and not any(n in lower for n in needles):
            continue  # a word the pattern cannot match without is absent: skip the scan
        anchor = _ANCHORS.get(pattern)
        if anchor is None:
            spans = [(regions[0][0], regions[-1][1])]
        else:
            if anchor not in windows:
                windows[anchor] = _windows(text, regions, starts, anchor)
            spans = windows[anchor]
        for main in (m for ws, we in spans for m in pattern.finditer(text, ws, we)):
            region = bisect_right(starts, main.start()) - 1
            start, end = regions[region]
            if main.end() > end:
                continue  # runs across a sentence boundary or into set-aside text
            prefix = None
            if allowed:
                prefix = _PREFIX.search(text, max(start, main.start() - _PREFIX_REACH), main.start())
                if prefix is not None and prefix.start() == prefix.end():
                    prefix = None
            match = _Match(main, prefix, allowed)
            result = handler(match, ref)
            if result is not None:
                span_start, value, relative, modifier = result
                if modifier is None:  # "since April 25", "until next week"
                    before = _MODIFIER_BEFORE.search(text, max(start, span_start - 8), span_start)
                    if before is not None:
                        span_start, modifier = before.start(), MODIFIERS[before.group(1).lower()]
                yield span_start, match.end(), value, relative, modifier


def _windows(text: str, regions: list[tuple[int, int]], starts: list[int],
             anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """The stretches of text a pattern is scanned in: from _ANCHOR_REACH characters before each
    word the pattern cannot match without (a month name, a digit) to the end of its sentence,
    merged. A scan of a few windows costs far less than one of the whole article."""
    out: list[list[int]] = []
    for a in anchor.finditer(text, regions[0][0], regions[-1][1]):
        region = bisect_right(starts, a.start()) - 1
        r_start, r_end = regions[region]
        ws, we = max(r_start, a.start() - _ANCHOR_REACH), r_end
        if out and ws <= out[-1][1]:
            out[-1][1] = max(out[-1][1], we)
        else:
            out.append([ws, we])
    return [(a, b) for a, b in out]


# --- handlers: (match, reference date) -> (span start, value, relative, modifier) or None -------


def _modifier(match: _Match) -> str | None:
    if match.group("midmod"):
        return "mid"
    mod = match.group("mod")
    return MODIFIERS[" ".join(mod.lower().split())] if mod else None


def _month(match: _Match) -> int:
    return MONTHS[match.group("month").rstrip(".").lower()]


def _full(year: int, month: int, day: int) -> str | None:
    try:
        return _dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_day(month: int, day: int, year: int | None, ref: _dt.date | None) -> str | None:
    """ISO value for a day of a month; the year is stated, taken nearest `ref`, or left out."""
    if year is not None:
        return _full(year, month, day)
    if ref is None:
        return f"--{month:02d}-{day:02d}" if _full(2000, month, day) else None
    candidates = [_full(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1)]
    dates = [_dt.date.fromisoformat(c) for c in candidates if c]
    return min(dates, key=lambda d: abs((d - ref).days)).isoformat() if dates else None


def _month_nearest(month: int, ref: _dt.date | None) -> str:
    """``--MM`` without a reference; with one, the month nearest the reference month."""
    if ref is None:
        return f"--{month:02d}"
    diff = month - ref.month
    year = ref.year - 1 if diff > 6 else ref.year + 1 if diff < -6 else ref.year
    return f"{year}-{month:02d}"


def _on_iso(match: _Match, ref: _dt.date | None):
    value = _full(int(match["y"]), int(match["m"]), int(match["d"]))
    return None if value is None else (match.start(), value, False, _modifier(match))


def _on_day_month(match: _Match, ref: _dt.date | None):
    text, m_start, m_end = match.string, match.main.start("month"), match.main.end("month")
    if (m_start and text[m_start - 1].isdigit() or text[m_end: m_end + 1].isdigit()) and (
            match["month"].lower() not in _FULL_MONTHS):
        return None  # "april22", "22april" are dates, "Mar3" is not
    year = int(match["year"]) if match["year"] else None
    value = _month_day(_month(match), _day(match), year, ref)
    if value is None:
        return None
    return match.start(), value, False, _modifier(match)


def _weekday_year(wd_text: str, value: str, date_text: str, ref: _dt.date | None) -> str:
    """A day whose year was taken nearest the reference date moves to the year before or after
    when that puts it on the weekday named and about as near ("Friday 5/12" in November 2016:
    2017-05-12, not 2016-05-12)."""
    if ref is None or _weekday_agrees(wd_text, value) or re.search(r"\d{4}|thousand|hundred", date_text, re.IGNORECASE) or (
            not _FULL_DAY.fullmatch(value)):
        return value
    distance = abs((_dt.date.fromisoformat(value) - ref).days)
    for shift in (1, -1):
        moved = _full(int(value[:4]) + shift, int(value[5:7]), int(value[8:10]))
        if moved and _weekday_agrees(wd_text, moved) and abs((_dt.date.fromisoformat(moved) - ref).days) <= distance + 60:
            return moved
    return value


def _weekday_agrees(text: str, value: str | None) -> bool:
    """False when `value` is a full date that does not fall on the weekday last named in `text`."""
    names = _WEEKDAY_ANY_NAME.findall(text)
    if not names or not value or not re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return True
    return _dt.date.fromisoformat(value).weekday() == WEEKDAYS[names[-1].lower().rstrip(".")]


def _day(match: _Match) -> int:
    """The day of the month, written in digits or words ("21st", "twenty-first", "twenty one")."""
    if match["day"]:
        return int(match["day"])
    return _day_word(match["dayw"])


def _day_word(text: str) -> int:
    words = text.lower().replace("-", " ").split()
    total = 0
    for w in words:
        total += _ORDINAL_WORDS.get(w, _CARDINAL_WORDS.get(w, 0))
    return total


def _on_month_year(match: _Match, ref: _dt.date | None):
    return match.start(), f"{int(match['year']):04d}-{_month(match):02d}", False, _modifier(match)


def _on_month_context(match: _Match, ref: _dt.date | None):
    rel = match["rel"]
    mod = _modifier(match)
    month_text = match["month"]
    # "June next year": a relative year after the month is context enough
    year_after = _REL_YEAR_AFTER.match(match.string, match.end()) is not None
    lower_ok = (rel or mod or match["ctx"] or match["monthof"] or year_after) and not month_text.lower().startswith(
        ("may", "mar"))  # "in june", "of july"; never "may", "march" in lower case
    if not month_text[0].isupper() and not lower_ok:
        return None
    if rel is None and mod is None and match["ctx"] is None and match["monthof"] is None and not year_after and (
        month_text in {"May", "March"} or len(month_text.rstrip(".")) < 5 or match.main.start() == 0
        or not month_text[0].isupper()
    ):
        return None  # a bare month name: "May" and "March" are also a name and a verb
    if month_text == "May" and rel is None and mod is None and match["monthof"] is None and (
            match["ctx"] or "").lower() not in _MAY_CONTEXT and not _MONTH_RANGE_BEFORE.search(
            match.string, max(0, match.main.start() - 24), match.main.start()):
        return None  # "to May", "and May": the name, not the month
    month = _month(match)
    span_start = match.start("rel") if rel else match.start()
    if rel is None:
        return span_start, _month_nearest(month, ref), False, mod
    rel = _rel_word(rel)
    if ref is None:
        return span_start, f"--{month:02d}", True, mod
    if rel == "last":
        year = ref.year if month < ref.month else ref.year - 1
    elif rel == "next":
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return span_start, f"{year}-{month:02d}", True, mod


# "from March to May", "April and May": a month before makes "May" the month
_MONTH_RANGE_BEFORE = re.compile(
    r"(?<![\w-])(?:January|February|March|April|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)\s*(?:-|–|to|and|through|until|till|or)\s+$"
)
_REL_YEAR_AFTER = re.compile(r"(?i:,?\s+(?:of\s+)?(?:next|last|this|the\s+following|the\s+previous)\s+year)\b")


def _first_start(match: _Match, *groups: str) -> int:
    return min(match.start(g) for g in groups if match.group(g) is not None)


def _on_year(match: _Match, ref: _dt.date | None):
    mod = _modifier(match)
    ctx = match["ctx"]
    if ctx is None and mod is None:
        return None
    if ctx and mod is None and ctx.lower() in _WEAK_YEAR_CONTEXT:
        after = match.string[match.end():]
        word = _NEXT_WORD.match(after)
        if word and word.group(1).lower() not in _AFTER_YEAR:
            return None  # "a total of 2011 people"
        other = _OTHER_END.match(match.string, match.end())
        if other and other.group(1).lower() not in _AFTER_YEAR:
            return None  # "from 2014 to 2018 points"
    span_start = _first_start(match, "mod", "midmod", "year")
    return span_start, match["year"], False, mod


def _on_year_range(match: _Match, ref: _dt.date | None):
    y1, y2, sep = int(match["y1"]), int(match["y2"]), match["sep"].lower()
    between = (match["kw"] or "").lower() == "between"
    if not y1 < y2 or (sep == "and" and not between) or (between and sep not in {"and", "-", "–", "~"}):
        return None
    if match["kw"] is None and sep not in {"-", "–", "~"} and match["ctx"] is None:
        return None  # "2014 to 2018" alone may be counts; "in 2014 to 2018", "2014-2018" are years
    word = _NEXT_WORD.match(match.string, match.end())
    if word and word.group(1).lower() not in _AFTER_YEAR:
        return None  # "from 1900 to 2000 points"
    return match.start(), f"{y1}/{y2}", False, None


def _on_decade(match: _Match, ref: _dt.date | None):
    if match["bare"] is not None:  # "the 70s": only with "the", and not of temperatures
        if not match["the"] or _DEGREES_BEFORE.search(match.string, max(0, match.main.start() - 40), match.main.start()):
            return None
    if match["short"] is not None or match["bare"] is not None:
        digit = match["short"] or match["bare"]
        century = "19" if ref is None or int(digit) * 10 > ref.year % 100 else "20"
        value = century + digit
    else:
        value = match["century"] + match["dec"]
    start = match.start("the") if match["the"] else match.start()  # "the 1990s"
    return start, value, False, _modifier(match)


def _on_after_next(match: _Match, ref: _dt.date | None):
    start = match.start("the") if match["the"] else match.start()
    value = None
    if ref is not None:
        unit = match["unit"].lower()
        if unit == "week":
            year, week, _ = (ref + _dt.timedelta(weeks=2)).isocalendar()
            value = f"{year}-W{week:02d}"
        elif unit == "month":
            value = _add_months(ref, 2).isoformat()[:7]
        else:
            value = str(ref.year + 2)
    return start, value, True, None


def _on_rel_unit(match: _Match, ref: _dt.date | None):
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    mod = _modifier(match)
    if match["kind"] and unit != "year":
        return None
    if rel == "following":  # "the following week": after an event the sentence names, not the article's date
        if not match["the"]:
            return None
        return match.start("the"), None, True, mod
    start = match.main.start()
    if unit == "decade" and match["the"] and mod is None and re.fullmatch(r"\s+", match.string[
            match.prefix.end("the"): start]):  # type: ignore[union-attr]
        start = match.start("the")  # "the next decade" (but "the coming week")
    if ref is None:
        return start, None, True, mod
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "upcoming": 1}.get(rel, 0)
    if unit.startswith("week"):
        day = ref + _dt.timedelta(weeks=step)
        year, week, _ = day.isocalendar()
        value = f"{year}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        months = ref.year * 12 + ref.month - 1 + step
        value = f"{months // 12}-{months % 12 + 1:02d}"
    elif unit == "decade":
        value = f"{ref.year // 10 + step}"
    else:
        value = f"{ref.year + step}"
    return start if mod is None else min(start, match.start()), value, True, mod


_REL_WORDS = {"past": "last", "previous": "last", "this past": "last", "coming": "next", "upcoming": "next",
              "following": "next", "this coming": "next", "this upcoming": "next"}


def _rel_word(text: str | None) -> str:
    """ "last", "next", "this" or "" for a relative word ("this past" -> "last")."""
    words = " ".join((text or "").lower().split())
    return _REL_WORDS.get(words, words)


def _on_weekday(match: _Match, ref: _dt.date | None):
    rel = _rel_word(match["rel"])
    span_start = match.start("rel") if rel else match.start("weekday")
    if ref is None:
        return span_start, None, True, None
    target = WEEKDAYS[match["weekday"].lower()]
    if rel == "next":
        ahead = (target - ref.weekday()) % 7 or 7
        day = ref + _dt.timedelta(days=ahead)
    elif rel == "this":
        day = ref + _dt.timedelta(days=target - ref.weekday())
    else:  # news reports the past: the latest such day on or before the reference date
        back = (ref.weekday() - target) % 7
        if rel == "last" and back == 0:
            back = 7
        day = ref - _dt.timedelta(days=back)
    return span_start, day.isoformat(), True, None


_DEICTIC_DAYS = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
                 "tomorrow": 1, "the day after tomorrow": 2}


def _on_deictic(match: _Match, ref: _dt.date | None):
    word = " ".join(match["word"].lower().split()).replace("tmrw", "tomorrow")
    value = None if ref is None else (ref + _dt.timedelta(days=_DEICTIC_DAYS[word])).isoformat()
    return match.start(), value, True, None


def _on_ago(match: _Match, ref: _dt.date | None):
    n_text = " ".join(match["n"].lower().split())
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text)
    unit = match["unit"].lower()
    if ref is None or n is None:
        return match.start(), None, True, None
    if unit == "day":
        value = (ref - _dt.timedelta(days=n)).isoformat()
    elif unit == "week":
        year, week, _ = (ref - _dt.timedelta(weeks=n)).isocalendar()
        value = f"{year}-W{week:02d}"
    elif unit == "month":
        months = ref.year * 12 + ref.month - 1 - n
        value = f"{months // 12}-{months % 12 + 1:02d}"
    else:
        value = f"{ref.year - n}"
    return match.start(), value, True, None


# --- more shapes: numeric dates, lone days, ordinal weekdays, offsets, quarters, seasons, weeks --

_NUM_YMD = re.compile(
    r"(?<![\w./,-])(?P<y>1[89]\d\d|20\d\d)(?P<sep>[-/.])(?P<m>\d{1,2}|(?i:jan|feb|mar|apr|may|jun|jul|aug"
    r"|sep|sept|oct|nov|dec))(?P=sep)(?P<d>\d{1,2})(?![\w/-]|[.,]\d)"
)
_NUM_MDY = re.compile(
    r"(?<![\w./,-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?:(?P=sep)|,)(?P<y>\d{4}|\d{2})(?![\w/-]|[.,]\d)"
)
_NUM_MD = re.compile(r"(?<![\w./,:-])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?![\w/-]|[.,:]\d)")
_NUM_YM = re.compile(
    r"(?<![\w./,-])(?:(?P<y>1[89]\d\d|20\d\d)(?:[-/.]|\s*[-/]\s*)(?P<m>\d{1,2})"
    r"|(?P<m2>\d{1,2})\s*[-/]\s*(?P<y2>1[89]\d\d|20\d\d))"
    r"(?![\w/-]|[.,]\d)"
)
_YEAR_MONTH = re.compile(r"(?<![\w.,-])(?P<year>1[89]\d\d|20\d\d)(?:\s*,)?\s+" + _MONTH_ANY_CASE)
_MONTH_SHORT_YEAR = re.compile(r"(?<![\w])" + _MONTH_ANY_CASE + r"\s+(?P<yy>[4-9]\d)(?![\w.,%]|\.\d)")
_LONE_DAY = re.compile(
    r"(?<![\w-])(?:(?P<wd>" + _WEEKDAY_ANY + r"),?\s+(?P<the>the\s+)?|(?P<the2>the\s+)|(?<=\bon )"
    r"|(?=\d{1,2}(?:st|nd|rd|th)\s+of\s+(?:this|next|last)\s+month))"
    r"(?P<dd>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    r"|(?i:" + _ORD_WORD + r"))(?![\w-])"
    r"(?:\s+(?:of\s+)?(?P<rel>this|next|last|the\s+next|the\s+coming)\s+month\b|(?P<end>(?=\s*(?:[.!?,;)]|$))))?",
    re.IGNORECASE,
)
_WEEKDAY_THE_DAY = re.compile(
    r"(?<![\w-])" + _WEEKDAY + r",?\s+the\s+(?P<dd>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|" + _ORD_WORD
    + r"|" + _CARD_WORD + r")(?![\w-])",
    re.IGNORECASE,
)
_NTH_WEEKDAY = re.compile(
    r"(?<![\w-])(?:the\s+)?(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+" + _WEEKDAY
    + r"(?:\s+(?:of|in)\s+(?:(?P<rel>this|next|last)\s+month|" + _MONTH_ANY_CASE + r"))?(?!\w)",
    re.IGNORECASE,
)
_NUMBER = (r"\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a\s+few|several"
           r"|a\s+couple\s+of")
_UNIT = r"(?:business\s+)?days?|weeks?|months?|years?"
_OFFSET = re.compile(
    r"(?<![\w-])(?:(?P<bound>more\s+than|less\s+than|within)\s+)?(?P<in>in\s+)?(?P<n>" + _NUMBER + r")\s+(?P<unit>" + _UNIT + r"|" + r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?"
    + r")(?:\s+(?P<n2>\d{1,3}|one|two|three)\s+(?P<unit2>" + _UNIT + r"))*"
    r"(?:\s+(?P<dir>ago|later|hence|from\s+now|from\s+today|from\s+tomorrow|after\s+today|after\s+tomorrow"
    r"|before\s+yesterday|before\s+today|in\s+the\s+future|earlier|before|after|from))?(?![\w-])",
    re.IGNORECASE,
)
_NEXT_N = re.compile(
    r"(?<![\w-])(?P<the>the\s+)?(?P<rel>next|last|past|previous|coming|following)\s+(?P<n>\d{1,3}|two|three|four|five|six"
    r"|seven|eight|nine|ten|twelve|few|several|couple\s+of)\s*(?P<unit>days|weeks|months|years?|decades)(?![\w-])",
    re.IGNORECASE,
)
_NEXT_DAY = re.compile(
    r"(?<![\w-])(?P<the>the\s+)?(?P<rel>next|following|previous)\s+day(?![\w-])", re.IGNORECASE
)
_QUARTER = re.compile(
    r"(?<![\w-])(?:(?P<pre>(?:(?P<prel>next|last|this)\s+year['’]s|(?P<py>1[89]\d\d|20\d\d)(?:,?\s+the)?)(?:\s+|(?<=\d)-(?=[Qq]\d)))|(?P<the>the\s+))?"
    r"(?:(?P<nth>first|second|third|fourth|last|1st|2nd|3rd|4th)-?\s*(?:quarter|qtr)"
    r"|(?P<q>[Qq][1-4]))"
    r"(?:,?\s+(?:of\s+)?(?P<year>1[89]\d\d|20\d\d)(?![\d])|\s+(?:of\s+)?(?P<rel>this|next|last)\s+year)?(?![\w-])",
    re.IGNORECASE,
)
_SEASON = re.compile(
    r"(?<![\w-])(?:(?P<rel>this|next|last|coming|past)\s+|(?P<the>the\s+)|(?P<mid>mid-?\s*))?"
    r"(?P<season>spring|summer|fall|autumn|winter)(?![\w-])"
    r"(?:\s+(?:of\s+)?(?P<year>1[89]\d\d|20\d\d)(?!\d))?",
    re.IGNORECASE,
)
_WEEK_OF = re.compile(
    r"(?<![\w-])(?P<the>the\s+)?(?:(?P<nth>first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th)\s+)?"
    r"(?P<unit>week|month)(?:\s+(?P<how>of|commencing|starting(?:\s+on)?|beginning(?:\s+on)?))?$",
    re.IGNORECASE,
)
_LASTING = re.compile(
    r"(?<![\w-])for\s+(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|a\s+couple\s+of|a\s+few)\s+"
    r"(?P<unit>days?|weeks?|months?|years?),?\s+(?P<how>starting(?:\s+(?:from|on))?|beginning(?:\s+on)?|from)\s+$",
    re.IGNORECASE,
)
_FOR_BEFORE = re.compile(r"(?<![\w-])(?i:for)\s+$")
_FOR_SPAN = re.compile(r"(?P<n>\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?P<unit>days?|weeks?|months?)"
                       r"\s+from\s+(?:today|now)", re.IGNORECASE)
_WC = re.compile(r"(?<![\w-])(?i:w/c)\s+$")
_REST_OF = re.compile(
    r"(?<![\w-])(?i:rest\s+(?:of\s+)?(?:the\s+|my\s+|this\s+|current\s+)?(?P<unit>week|month|year))(?![\w-])"
)
_WEEK_N = re.compile(r"(?<![\w-])(?i:week)\s+(?P<n>[1-9]|[1-4]\d|5[0-3])(?![\w.,]|\.\d)")
_YEAR_TO_DATE = re.compile(r"(?<![\w-])(?i:year[\s-]to[\s-]date)(?![\w-])")
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}
_DECADE_WORD = re.compile(
    r"(?<![\w-])(?P<the>the\s+)(?:(?P<cent>nineteen|twenty|two\s+thousand\s+and)[\s-]?)?(?P<dec>twenties|thirties|forties|fifties"
    r"|sixties|seventies|eighties|nineties|tens|noughties|two\s+thousands)(?![\w-])",
    re.IGNORECASE,
)
# Years written in words: "nineteen seventy-eight", "nineteen oh one", "two thousand and eighteen",
# "twenty twenty" (Recognizers-Text's written-year grammar, English).
_W_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_W_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
            "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19}
_W_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
           "ninety": 90}
_W_U = "(?:" + "|".join(_W_UNITS) + ")"
_W_TWO = ("(?:(?:" + "|".join(_W_TENS) + r")(?:[\s-]+" + _W_U + ")?|" + "|".join(_W_TEENS)
          + r"|(?:zero|oh|o)[\s-]+" + _W_U + ")")
_WORD_YEAR = re.compile(
    r"(?<![\w-])(?P<wy>(?:eighteen|nineteen|twenty)(?:[\s-]+hundred(?:(?:\s+and)?\s+" + _W_TWO + r")?|[\s-]+"
    + _W_TWO + r")|two\s+thousand(?:(?:\s+and)?\s+(?:" + _W_TWO + "|" + _W_U + r"))?)(?![\w-])",
    re.IGNORECASE,
)
# A word that ends a date just before a written year ("Feb, two thousand", "the 21st nineteen ninety").
_DATE_WORD_BEFORE = re.compile(r"(?:(?<![A-Za-z])([A-Za-z]+)|\d{1,2}(?:st|nd|rd|th)?)\.?,?\s+$")


def _word_year_value(text: str) -> tuple[int, bool] | None:
    """The year a written year names, and whether it is only "two thousand"/"nineteen hundred"."""
    words = re.split(r"[\s-]+", text.lower())
    words = [w for w in words if w != "and"]
    if words[:2] == ["two", "thousand"]:
        century, rest = 2000, words[2:]
    elif len(words) > 1 and words[1] == "hundred":
        century, rest = {"eighteen": 18, "nineteen": 19, "twenty": 20}[words[0]] * 100, words[2:]
    else:
        century, rest = {"eighteen": 18, "nineteen": 19, "twenty": 20}[words[0]] * 100, words[1:]
        if not rest:
            return None
    n = 0
    for w in rest:
        n += _W_UNITS.get(w, _W_TEENS.get(w, _W_TENS.get(w, 0)))
    return century + n, not rest


def _on_word_year(match: _Match, ref: _dt.date | None):
    read = _word_year_value(match["wy"])
    if read is None:
        return None
    year, bare = read
    text, s = match.string, match.main.start()
    word = _NEXT_WORD.match(text, match.end())
    if word and word.group(1).lower() not in _AFTER_YEAR:
        return None  # "in two thousand homes"
    before = _DATE_WORD_BEFORE.search(text, max(0, s - 24), s)
    after_date = before is not None and (before.group(1) is None or before.group(1).lower() in MONTHS
                                          or before.group(1).lower() in _ORDINAL_WORDS
                                          or before.group(1).lower() in _W_UNITS)
    mod = _modifier(match)
    if not after_date and (bare or (match["ctx"] is None and mod is None)):
        return None  # "a crowd of two thousand"
    span_start = _first_start(match, "mod", "midmod", "wy")
    return span_start, str(year), False, mod


# "now" as one end of a range: "between now and November 15th", "between Jan 22 and now"
_NOW = re.compile(r"(?<![\w-])(?:(?<=between )now(?=\s+and\b)|(?<=and )now(?![\w-]))", re.IGNORECASE)
# A period named by an earlier one: "that year", "the same week" (no value: it refers back)
_ANAPHORIC = re.compile(r"(?<![\w-])(?:(?<=the )same|that)\s+(?:week|month|year)(?![\w'’-])", re.IGNORECASE)


def _on_now(match: _Match, ref: _dt.date | None):
    text, s = match.string, match.main.start()
    if text[s - 4: s].lower() == "and " and not re.search(r"(?i)\bbetween\s", text[max(0, s - 60): s]):
        return None  # "and now": only the end of "between ... and now"
    return s, None if ref is None else ref.isoformat(), True, None


def _on_anaphoric(match: _Match, ref: _dt.date | None):
    return match.start(), None, True, None


# "later in the year", "earlier in the week", "the end of the year", "end of month": a part of the
# reference date's week, month or year
_PART_OF_UNIT = re.compile(
    r"(?<![\w-])(?:(?P<adv>earlier|later)\s+in|(?P<the>the\s+)?(?P<part>beginning|start|end|middle)\s+of)"
    r"\s+(?:the\s+)?(?P<unit>week|month|year)(?![\w'’-])",
    re.IGNORECASE,
)
_PARTS = {"earlier": "early", "later": "late", "beginning": "early", "start": "early", "end": "late", "middle": "mid"}


def _on_part_of_unit(match: _Match, ref: _dt.date | None):
    mod = _PARTS[(match["adv"] or match["part"]).lower()]
    value = None
    if ref is not None:
        unit = match["unit"].lower()
        year, week, _ = ref.isocalendar()
        value = f"{year}-W{week:02d}" if unit == "week" else ref.isoformat()[:7] if unit == "month" else str(ref.year)
    return match.start(), value, True, mod


# Half-years: "H1 2019", "2019-H2", "the first half of 2019", "the second half of the year"
_HALF = re.compile(
    r"(?<![\w-])(?:(?P<py>1[89]\d\d|20\d\d)[\s-]?(?P<h1>[Hh][12])|(?P<h2>[Hh][12])[\s-]?(?P<y>1[89]\d\d|20\d\d)"
    r"|(?P<the>the\s+)?(?P<nth>first|second)\s+half\s+of\s+(?:(?P<y2>1[89]\d\d|20\d\d)|(?P<rel>this|next|last)\s+year"
    r"|the\s+year))(?![\w-])",
    re.IGNORECASE,
)


def _on_half(match: _Match, ref: _dt.date | None):
    half = (match["h1"] or match["h2"] or "")[-1:] or ("1" if match["nth"].lower() == "first" else "2")
    year_text = match["py"] or match["y"] or match["y2"]
    if year_text:
        year, relative = int(year_text), False
    elif ref is None:
        return match.start(), None, True, None
    else:
        year, relative = ref.year + {"next": 1, "last": -1}.get((match["rel"] or "").lower(), 0), True
    months = ("01", "06") if half == "1" else ("07", "12")
    return match.start(), f"{year}-{months[0]}/{year}-{months[1]}", relative, None


_THE_WEEKEND = re.compile(r"(?<![\w-])(?i:over|during|at|on)\s+(?P<w>the\s+weekend)(?![\w-])")


def _add_months(day: _dt.date, months: int) -> _dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    for d in (day.day, 30, 29, 28):
        try:
            return _dt.date(year, month + 1, d)
        except ValueError:
            continue
    return day


def _on_num_ymd(match: _Match, ref: _dt.date | None):
    m = match["m"]
    month = int(m) if m.isdigit() else MONTHS[m.lower()]
    value = _full(int(match["y"]), month, int(match["d"]))
    return None if value is None else (match.start(), value, False, None)


def _two_digit_year(text: str) -> int:
    y = int(text)
    return y if len(text) == 4 else (2000 + y if y < 50 else 1900 + y)


def _on_num_mdy(match: _Match, ref: _dt.date | None):
    a, b, year = int(match["a"]), int(match["b"]), _two_digit_year(match["y"])
    if match["sep"] == "." and len(match["y"]) != 4:
        return None  # "1.2.3": a version or a list
    value = _full(year, a, b) if a <= 12 and match["sep"] != "." else None
    value = value or _full(year, b, a)  # day first ("21/04/2016", "13.5.2015")
    return None if value is None else (match.start(), value, False, None)


_DAY_CONTEXT = re.compile(r"(?i:\b(?:on|in|for|by|from|until|till|since|to|through|and)\s+|(?:day|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+)$")


def _on_num_md(match: _Match, ref: _dt.date | None):
    a, b, sep = int(match["a"]), int(match["b"]), match["sep"]
    before = match.string[max(0, match.main.start() - 12): match.main.start()]
    context = _DAY_CONTEXT.search(before) is not None
    if sep != "/" and not context:
        return None  # "4-22", "4.22": a score, a range or a decimal unless "on 4-22"
    if sep == "." and not re.search(r"(?i)(?:\bon|day)\s+$", before):
        return None  # "3.1": a decimal unless "on 4.22", "Friday 7.6"
    if re.match(r"\s*(?:%|percent|per\s+cent)", match.string[match.main.end():]):
        return None
    if sep == "/" and not context and a < b <= 16:
        return None  # "3/4": a fraction
    if a <= 12 and _full(2000, a, b):
        month, day = a, b
    elif b <= 12 and _full(2000, b, a):
        month, day = b, a
    else:
        return None
    return match.start(), _month_day(month, day, None, ref), False, None


def _on_num_ym(match: _Match, ref: _dt.date | None):
    year = int(match["y"] or match["y2"])
    month = int(match["m"] or match["m2"])
    if not 1 <= month <= 12:
        return None
    if match["y"] and len(match["m"]) == 2 and month == (year + 1) % 100:
        return match.start(), f"{year}/{year + 1}", False, None  # "the 2010-11 season", "fiscal 2011/12"
    return match.start(), f"{year:04d}-{month:02d}", False, None


def _on_year_month(match: _Match, ref: _dt.date | None):
    return match.start(), f"{int(match['year']):04d}-{_month(match):02d}", False, None


def _on_month_short_year(match: _Match, ref: _dt.date | None):
    if not match["month"][0].isupper():
        return None
    return match.start(), f"19{match['yy']}-{_month(match):02d}", False, None


def _lone_day_number(text: str) -> int | None:
    text = text.lower()
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else _day_word(text)


def _on_lone_day(match: _Match, ref: _dt.date | None):
    dd = match["dd"]
    has_suffix = not dd[-1].isdigit()
    before = match.string[max(0, match.main.start() - 8): match.main.start()].lower()
    rel = match["rel"]
    the = match["the"] or match["the2"]
    if match["wd"] is None and rel is None:
        if match["end"] is None:
            return None  # "the 27th floor", "the first prize"
        if the is None and not (before.endswith("on ") and (has_suffix or dd.isdigit())):
            return None  # a bare number: only "on 15", "on 22nd", "on twenty second"
        if the is not None and dd.isdigit() and not re.search(r"\b(?:on|for|by|until|since)\s+$", before):
            return None  # "the 27": only "on/for the 27"
        if the is not None and not has_suffix and not dd.isdigit() and not re.search(
                r"\b(?:on|for|by|until|since|from)\s+$", before):
            return None  # "the second", "the first": ordinals unless "on the second"
    elif match["wd"] is not None and the is None:
        return None
    day = _lone_day_number(dd)
    if not 1 <= day <= 31:
        return None
    if ref is None:
        return match.start(), None, True, None
    base = ref
    if rel:
        base = _add_months(ref.replace(day=1), {"this": 0, "last": -1}.get(rel.lower().split()[-1], 1))
    return match.start(), (base.replace(day=1) + _dt.timedelta(days=day - 1)).isoformat(), True, None


def _on_weekday_the_day(match: _Match, ref: _dt.date | None):
    day = _lone_day_number(match["dd"])
    if not 1 <= day <= 31:
        return None
    if ref is None:
        return match.start(), None, True, None
    try:
        return match.start(), ref.replace(day=day).isoformat(), True, None
    except ValueError:
        return None


_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "1st": 1, "2nd": 2,
        "3rd": 3, "4th": 4, "5th": 5}


def _on_nth_weekday(match: _Match, ref: _dt.date | None):
    n = _NTH[match["nth"].lower()]
    weekday = WEEKDAYS[match["weekday"].lower()]
    if ref is None:
        return match.start(), None, True, None
    if match["month"]:
        month = _month(match)
        year = int(_month_nearest(month, ref)[:4])
    else:
        shifted = _add_months(ref.replace(day=1), {"last": -1, "next": 1}.get((match["rel"] or "").lower(), 0))
        year, month = shifted.year, shifted.month
    first = _dt.date(year, month, 1)
    if n > 0:
        day = first + _dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    else:
        last = _add_months(first, 1) - _dt.timedelta(days=1)
        day = last - _dt.timedelta(days=(last.weekday() - weekday) % 7)
    return match.start(), day.isoformat(), True, None


def _count(text: str) -> int | None:
    text = " ".join(text.lower().split())
    if text.isdigit():
        return int(text)
    return {"a": 1, "an": 1, "a few": 3, "few": 3, "several": 3, "a couple of": 2, "couple of": 2}.get(
        text, _NUMBER_WORDS.get(text))


def _shift(ref: _dt.date, n: int, unit: str) -> _dt.date:
    unit = unit.lower().rstrip("s")
    if unit.endswith("day") and unit not in {"day", "business day"}:
        return ref + _dt.timedelta(days=7 * n)  # "two sundays from now"
    if unit == "business day":
        day, left = ref, abs(n)
        while left:
            day += _dt.timedelta(days=1 if n > 0 else -1)
            left -= day.weekday() < 5
        return day
    if unit == "day":
        return ref + _dt.timedelta(days=n)
    if unit == "week":
        return ref + _dt.timedelta(weeks=n)
    if unit == "month":
        return _add_months(ref, n)
    return _add_months(ref, 12 * n)


def _on_offset(match: _Match, ref: _dt.date | None):
    direction = " ".join((match["dir"] or "").lower().split())
    if match["in"]:
        if direction:
            return None
        sign = 1  # "in 3 weeks", "in two business days"
    elif direction in {"ago", "before yesterday", "before today", "earlier"}:
        sign = -1
    elif direction in {"later", "hence", "from now", "from today", "from tomorrow", "after today",
                       "after tomorrow", "in the future"}:
        sign = 1
    else:
        return None  # "three days" alone is a duration; "two days before the vote" is relative to an event
    n = _count(match["n"])
    if n is None:
        return None
    if match["in"] and match["unit"].lower().rstrip("s") in {"year", "month"}:
        return None  # "in 3 years": a duration
    bound = " ".join((match["bound"] or "").lower().split())
    if bound and (match["in"] or direction in {"before", "after", "from", "later", "earlier"}):
        return None
    # "more than 2 weeks ago": before that day; "within 2 weeks from today": the days up to it
    mod = ("before" if sign < 0 else "after") if bound == "more than" else None
    unit = match["unit"]
    if ref is None:
        return match.start(), None, True, mod
    base = ref
    if direction.endswith("tomorrow"):
        base = ref + _dt.timedelta(days=1)
    elif direction.endswith("yesterday"):
        base = ref - _dt.timedelta(days=1)
    day = _shift(base, sign * n, unit)
    # further units: "1 month 21 days ago"
    rest = match.main.group()
    for extra_n, extra_unit in re.findall(r"\s(\d{1,3}|one|two|three)\s+(" + _UNIT + r")", rest[match.main.end("unit") - match.main.start():]):
        day = _shift(day, sign * (_count(extra_n) or 0), extra_unit)
    if bound in {"less than", "within"}:
        ends = sorted((base, day))
        return match.start(), f"{ends[0].isoformat()}/{ends[1].isoformat()}", True, None
    return match.start(), day.isoformat(), True, mod


def _on_next_n(match: _Match, ref: _dt.date | None):
    start = match.start("the") if match["the"] else match.start("rel")
    if ref is None:
        return start, None, True, None
    n = _count(match["n"]) or 1
    unit = match["unit"].lower().rstrip("s")
    if unit == "decade":
        unit, n = "year", n * 10
    forward = match["rel"].lower() in {"next", "coming", "following"}
    if forward:
        a, b = ref + _dt.timedelta(days=1), _shift(ref, n, unit)
    else:
        a, b = _shift(ref, -n, unit), ref - _dt.timedelta(days=1)
    return start, f"{a.isoformat()}/{b.isoformat()}", True, None


def _on_next_day(match: _Match, ref: _dt.date | None):
    start = match.start("the") if match["the"] else match.start("rel")
    step = -1 if match["rel"].lower() == "previous" else 1
    value = None if ref is None else (ref + _dt.timedelta(days=step)).isoformat()
    return start, value, True, None


def _on_quarter(match: _Match, ref: _dt.date | None):
    if (match["nth"] or "").lower() == "last" and not (match["the"] or match["pre"] or match["year"] or match["rel"]):
        if ref is None:  # "last quarter": the one before the reference date's
            return match.start(), None, True, None
        q0 = (ref.year * 4 + (ref.month - 1) // 3) - 1
        return match.start(), f"{q0 // 4}-Q{q0 % 4 + 1}", True, None
    if match["q"]:
        q = int(match["q"][1])
    else:
        q = _NTH[match["nth"].lower()]
        q = 4 if q == -1 else q
    start = match.start("pre") if match["pre"] else match.start("the") if match["the"] else match.start()
    year = match["year"] or match["py"]
    rel = (match["rel"] or match["prel"] or "").lower()
    if year:
        return start, f"{year}-Q{q}", False, None
    if ref is None:
        return start, None, True, None
    y = ref.year + {"next": 1, "last": -1}.get(rel, 0)
    return start, f"{y}-Q{q}", True, None


def _on_season(match: _Match, ref: _dt.date | None):
    season = match["season"].lower()
    rel = (match["rel"] or "").lower()
    if season == "fall" and not (rel or match["the"] or match["year"]):
        return None  # the verb
    if season == "spring" and not (rel or match["year"] or match["mid"]) and not re.search(
            r"(?i)\b(?:in|during|this|by|until|since|of)\s+(?:the\s+)?$", match.string[max(0, match.main.start() - 12): match.main.start()]):
        return None  # "a spring", "spring water"
    nxt = re.match(r"\s+(\w+)", match.string[match.end():])
    if nxt and not match["year"] and nxt.group(1).lower() in {"break", "term", "session", "collection", "water",
                                                               "olympics", "games", "offensive", "meeting", "school", "camp"}:
        return None
    code = SEASONS[season]
    mod = "mid" if match["mid"] else None
    start = match.start("the") if match["the"] else match.start()
    if match["year"]:
        return start, f"{match['year']}-{code}", False, mod
    if ref is None:
        return start, None, True, mod
    year = ref.year + {"next": 1, "coming": 1, "last": -1, "past": -1}.get(rel, 0)
    return start, f"{year}-{code}", True, mod


def _on_rest_of(match: _Match, ref: _dt.date | None):
    if ref is None:
        return match.start(), None, True, "late"
    unit = match["unit"].lower()
    value = (f"{ref.isocalendar()[0]}-W{ref.isocalendar()[1]:02d}" if unit == "week"
             else f"{ref.year}-{ref.month:02d}" if unit == "month" else str(ref.year))
    return match.start(), value, True, "late"


def _on_week_n(match: _Match, ref: _dt.date | None):
    if match.main.group()[0] == "W" or re.search(r"(?i)\b(?:in|during|from|to|and|of|by)\s+$", match.string[max(0, match.main.start() - 8): match.main.start()]) or match.main.start() == 0:
        year = ref.year if ref else None
        n = int(match["n"])
        return match.start(), (f"{year}-W{n:02d}" if year else f"W{n:02d}"), ref is None, None
    return None


def _on_year_to_date(match: _Match, ref: _dt.date | None):
    value = None if ref is None else f"{ref.year}-01-01/{ref.isoformat()}"
    return match.start(), value, True, None


def _on_decade_word(match: _Match, ref: _dt.date | None):
    dec = " ".join(match["dec"].lower().split())
    cent = (match["cent"] or "").lower()
    if dec in {"noughties", "two thousands"}:
        return match.start(), "200", False, None
    if dec == "tens":
        if cent != "twenty" and "thousand" not in cent and "thousand" not in match.string[
                max(0, match.main.start() - 20): match.main.start()]:
            return None
        return match.start(), "201", False, None
    century = "20" if cent == "twenty" or "thousand" in cent else "19"
    return match.start(), century + str(_DECADE_WORDS[dec]), False, None


def _on_the_weekend(match: _Match, ref: _dt.date | None):
    value = None
    if ref is not None:
        year, week, _ = ref.isocalendar()
        value = f"{year}-W{week:02d}-WE"
    return match.start("w"), value, True, None


# --- joining mentions: ranges ("from May 1 to May 5", "November 19-20") and compounds -----------

_RANGE_GAP = re.compile(r"\s*(?:-|–|—|to|till|until|thru|through)\s*$", re.IGNORECASE)
_RANGE_GAP_BETWEEN = re.compile(r"\s*(?:and|-|–|through|to)\s*$", re.IGNORECASE)
_RANGE_OPEN = re.compile(r"(?<![\w-])(?P<kw>from|between)\s+$", re.IGNORECASE)
_COMPOUND_GAP = re.compile(r"\s*(?:,\s*)?(?:(?:of|on|in)\s+)?$", re.IGNORECASE)
_DAYS_BEFORE_MONTH = re.compile(
    r"(?<![\w-])(?:(?P<kw>from|between)\s+)?(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*"
    r"(?:-|–|to|till|until|through|and)\s*(?:the\s+)?(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:(?:of|in)\s+)?$",
    re.IGNORECASE,
)
_LEADING_UNTIL = re.compile(r"(?i:until|till)\s+")
# the first day of a range written before a day-month ("until" may be the day-month's modifier)
_DAYS_BEFORE_DAY = re.compile(
    r"(?<![\w.,/-])(?:(?P<kw>from|between)\s+)?(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
    r"\s*(?P<sep>-|–|to|till|until|through|and)\s*(?:the\s+)?$",
    re.IGNORECASE,
)
_DAY_AFTER_DAY = re.compile(
    r"\s*(?:-|–|to|till|until|through|and)\s*(?:the\s+)?(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%.,]\d|[\w%/-])"
    r"(?!\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
    re.IGNORECASE,
)
_DAYS_AFTER_MONTH = re.compile(
    r"\s+(?:between\s+)?(?P<d1>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–|to|and|through)\s*"
    r"(?P<d2>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%-])",
    re.IGNORECASE,
)
_WEEKDAY_TEXT = re.compile(r"(?i)(?:^|\s)(?:this\s+|next\s+|last\s+|on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day$")
_WEEKDAY_ANY_NAME = re.compile(r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed"
                               r"|thu(?:rs?)?|fri|sat|sun)\b")
_YEAR_MONTH_VALUE = re.compile(r"\d{4}-\d\d")
_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_DAY_VALUE = re.compile(r"(?:\d{4}|-)-\d\d-\d\d")
_WEEKDAY_GAP = re.compile(r"\s*(?:,|\(|-|–)?\s*")
_YEARLESS = re.compile(r"(?:(?:\d{4}|-)-(?:\d\d(?:-\d\d)?|Q[1-4]|SP|SU|FA|WI))(?:/(?:\d{4}|-)-(?:\d\d(?:-\d\d)?|Q[1-4]|SP|SU|FA|WI))?")
_YEAR_ONLY = re.compile(r"\d{4}")
_YEAR_PART = re.compile(r"^(?:\d{4}|-)-")
_WEEKDAY_NAMES = re.compile(r"(?i)\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b")
_WEEK_VALUE = re.compile(r"(\d{4})-W(\d\d)$")
_MONTH_VALUE = re.compile(r"(?:(\d{4})|-)-(\d\d)$")


def _days_in(month_value: str | None, d1: int, d2: int) -> str | None:
    m = _MONTH_VALUE.match(month_value or "")
    if not m or not d1 < d2:
        return None
    prefix = (m.group(1) or "-") + "-" + m.group(2)
    return f"{prefix}-{d1:02d}/{prefix}-{d2:02d}"


_LOOKBACK = 256  # characters: far more than any pattern read back from a mention


def _join(text: str, found: list[list], regions: list[tuple[int, int]], ref: _dt.date | None = None) -> list[list]:
    """Joins neighbouring mentions (sorted, not overlapping) into ranges and compounds.

    Items are [start, end, value, relative, modifier, kind]; kind "month" for a month value, "day"
    for one day, "week" for a week, else None.
    """
    starts = [s for s, _ in regions]

    def region_of(pos: int) -> tuple[int, int]:
        return regions[max(0, bisect_right(starts, pos) - 1)]

    out: list[list] = []
    for item in found:
        r_start, r_end = region_of(item[0])
        # Patterns read back from a mention only look _LOOKBACK characters back, so that a huge
        # region with many mentions (a megabyte "sentence") is not scanned once per mention.
        w_start = max(r_start, item[0] - _LOOKBACK)
        # "the week of May 4", "w/c Feb 4", "the third week of July"
        before = text[w_start: item[0]]
        wk = _WEEK_OF.search(before.rstrip()) if before.endswith((" ", "\t")) else None
        lasting = _LASTING.search(text, w_start, item[0]) if (
            _FULL_DAY.fullmatch(item[2] or "") or item[2] is None and item[3]) else None
        if lasting is not None:
            # "for 3 days starting from next Monday", "for 1 week, from 20th dec": from that day on
            value = None
            n = _count(lasting["n"])
            if n and item[2] and re.fullmatch(r"\d{4}-\d\d-\d\d", item[2]):
                first = _dt.date.fromisoformat(item[2])
                value = f"{first.isoformat()}/{(_shift(first, n, lasting['unit']) - _dt.timedelta(days=1)).isoformat()}"
            start = lasting.start("n") if lasting["how"].lower().startswith(("starting", "beginning")) else lasting.start()
            while out and out[-1][1] > start:
                out.pop()
            out.append([start, item[1], value, item[3], None])
            continue
        span = _FOR_SPAN.fullmatch(text, item[0], item[1])
        if span is not None and _FOR_BEFORE.search(text, w_start, item[0]):
            # "for 3 days from today": the 3 days that start today, not the day 3 days on
            n, value = _count(span["n"]), None
            if n and _FULL_DAY.fullmatch(item[2] or ""):
                last = _dt.date.fromisoformat(item[2])
                value = f"{_shift(last, -n, span['unit']).isoformat()}/{(last - _dt.timedelta(days=1)).isoformat()}"
            item = [_FOR_BEFORE.search(text, w_start, item[0]).start(), item[1], value, True, None]
        elif wk is not None and (wk["how"] or wk["nth"] and wk["the"]):
            value = item[2]
            if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                day = _dt.date.fromisoformat(value)
                if wk["unit"].lower() == "week":
                    y, w, _ = day.isocalendar()
                    value = f"{y}-W{w:02d}"
                else:
                    value = value[:7]
            elif value and wk["nth"] and re.fullmatch(r"\d{4}(-\d\d)?", value) and wk["unit"].lower() == "week":
                first = _dt.date(int(value[:4]), int(value[5:7] or 1) if len(value) > 4 else 1, 1)
                n = _NTH[wk["nth"].lower()]
                if n < 0:  # "the last week of July": the week of its last day
                    first = (_add_months(first, 1) if len(value) > 4 else first.replace(year=first.year + 1)) \
                        - _dt.timedelta(days=1)
                y, w, _ = (first + _dt.timedelta(weeks=max(n, 1) - 1)).isocalendar()
                value = f"{y}-W{w:02d}"
            elif value and re.fullmatch(r"\d{4}-W\d\d", value or ""):
                pass
            else:
                value = None if not value else value
            item = [w_start + wk.start(), item[1], value, item[3], item[4]]
            while out and out[-1][0] >= item[0]:
                out.pop()  # "the last week of July": "last week" is inside
        else:
            wc = _WC.search(before)
            if wc is not None and item[2] and re.fullmatch(r"\d{4}-\d\d-\d\d", item[2]):
                y, w, _ = _dt.date.fromisoformat(item[2]).isocalendar()
                item = [w_start + wc.start(), item[1], f"{y}-W{w:02d}", item[3], item[4]]
        # "4 to 22 this month", "between 3 and 12 of Sept"
        if item[2] is None or _MONTH_VALUE.match(item[2]):
            dm = _DAYS_BEFORE_MONTH.search(text, w_start, item[0])
            if dm is not None and (not out or out[-1][1] <= r_start + 0 or out[-1][1] <= dm.start()
                                   or out[-1][0] >= dm.start()):
                while out and out[-1][0] >= dm.start():
                    out.pop()  # "from 4-23 in next month": "4-23" is not a date of its own
                value = _days_in(item[2], int(dm["d1"]), int(dm["d2"]))
                item = [dm.start(), item[1], value, item[3], None]
            else:
                da = _DAYS_AFTER_MONTH.match(text, item[1], r_end)
                if da is not None and item[2] is not None:  # "November between 19 and 20"
                    value = _days_in(item[2], int(da["d1"]), int(da["d2"]))
                    item = [item[0], da.end(), value, item[3], None]
        elif re.fullmatch(r"(\d{4}|-)-\d\d-\d\d", item[2]):
            # "from 4 to 22 January, 2017", "between 3 and 12 of Sept", "2-7 Feb": days before a day-month
            lead = _LEADING_UNTIL.match(text, item[0])
            day_start = lead.end() if lead is not None and item[4] == "until" else item[0]
            db = _DAYS_BEFORE_DAY.search(text, max(r_start, day_start - _LOOKBACK), day_start) if text[day_start: day_start + 1].isdigit() else None
            if db is not None and int(db["d1"]) < int(item[2][-2:]) and (db["sep"].lower() != "and" or db["kw"]):
                while out and out[-1][0] >= db.start():
                    out.pop()
                item = [db.start(), item[1], f"{item[2][:-2]}{int(db['d1']):02d}/{item[2]}", item[3], None]
                out.append(item)
                continue
            dd = _DAY_AFTER_DAY.match(text, item[1], r_end)  # "November 19-20", "November 15th through the 19th"
            if dd is not None and int(dd["d2"]) > int(item[2][-2:]):
                value = f"{item[2]}/{item[2][:-2]}{int(dd['d2']):02d}"
                opener = _RANGE_OPEN.search(text, w_start, item[0])  # "between November 15th through 19th"
                item = [opener.start() if opener else item[0], dd.end(), value, item[3], None]
        if out and region_of(out[-1][0]) == (r_start, r_end):
            prev = out[-1]
            gap = text[prev[1]: item[0]]
            wd_gap = _WEEKDAY_GAP.fullmatch(gap)
            offset = _OFFSET.match(text, item[0]) is not None and gap.strip() == ""
            if wd_gap and not offset and _FULL_DAY.fullmatch(item[2] or ""):
                item = [item[0], item[1], _weekday_year(text[prev[0]: prev[1]], item[2], text[item[0]: item[1]], ref),
                        *item[3:]]
            if wd_gap and _DAY_VALUE.fullmatch(item[2] or "") and _WEEKDAY_TEXT.search(text[prev[0]: prev[1]]) and (
                    text[item[0]].isdigit() or _MONTH_ANCHOR.match(text, item[0]) or offset) and (
                    offset or _weekday_agrees(text[prev[0]: prev[1]], item[2])):
                # "Friday 7/6", "friday(jun-15)", "Friday - June 15": the weekday names the date's day;
                # "Monday two weeks from now": that weekday in the week of the offset
                end = item[1]
                if offset and _FULL_DAY.fullmatch(item[2]):
                    day = _dt.date.fromisoformat(item[2])
                    wd = WEEKDAYS[_WEEKDAY_NAMES.findall(text[prev[0]: prev[1]])[-1].lower()]
                    item = [item[0], item[1], (day + _dt.timedelta(days=wd - day.weekday())).isoformat(), True, item[4]]
                if "(" in gap:
                    close = re.match(r"\s*\)", text[end: r_end])
                    if close is None:
                        out.append(item)
                        continue
                    end += close.end()
                out[-1] = [prev[0], end, item[2], item[3], item[4] or prev[4]]
                continue
            opener = _RANGE_OPEN.search(text, max(r_start, prev[0] - _LOOKBACK), prev[0])
            is_between = opener is not None and opener["kw"].lower() == "between"
            if item[4] == "until" and not gap.strip() and prev[4] is None:
                gap = text[prev[1]: item[0] + 5]  # "today until tomorrow": "until" was taken as a modifier
                gap = gap if _RANGE_GAP.fullmatch(gap.rstrip() + " ") else "-"
                gap = gap if gap != "-" else "x"
            if (_RANGE_GAP_BETWEEN if is_between else _RANGE_GAP).fullmatch(gap) or (
                    is_between and re.fullmatch(r"\s*and\s*", gap, re.IGNORECASE)):
                if opener is None and gap.strip() in {"-", "–", "—"} and not gap.startswith(" ") and (
                        prev[2] is None or item[2] is None):
                    pass
                elif opener is not None or gap.strip().lower() != "and":
                    start = opener.start() if opener is not None else prev[0]
                    value = _interval(text[prev[0]: prev[1]], prev[2], text[item[0]: item[1]], item[2])
                    out[-1] = [start, item[1], value, prev[3] or item[3], None]
                    if len(out) > 1 and _COMPOUND_GAP.fullmatch(text[out[-2][1]: out[-1][0]]) and not text[
                            out[-2][1]: out[-1][0]].strip():
                        joined = _compound(text, out[-2], out[-1])
                        if joined is not None:  # "next week from Wednesday to Friday"
                            out[-2:] = [joined]
                    continue
            if _COMPOUND_GAP.fullmatch(gap) and (gap.strip(" ,").lower() not in {"in"} | (
                    {""} if gap.strip() == "," else set()) or gap.strip() == "," and _YEAR_ONLY.fullmatch(item[2] or "")):
                joined = _compound(text, prev, item)
                if joined is not None:
                    out[-1] = joined
                    continue
        out.append(item)
    return out


def _interval(text_a: str, a: str | None, text_b: str, b: str | None) -> str | None:
    """ "a/b"; when a day taken nearest the reference date falls after the other end, the year
    not written moves ("between Jan 22 and now": the past January)."""
    if not a or not b:
        return None
    same_kind = (_FULL_DAY.fullmatch(a) and _FULL_DAY.fullmatch(b)) or (
        _YEAR_MONTH_VALUE.fullmatch(a) and _YEAR_MONTH_VALUE.fullmatch(b))
    if same_kind and a > b:
        if not re.search(r"\d{4}", text_a) and _full(int(a[:4]) - 1, int(a[5:7]), int(a[8:] or 1)):
            a = f"{int(a[:4]) - 1}{a[4:]}"
        elif not re.search(r"\d{4}", text_b) and _full(int(b[:4]) + 1, int(b[5:7]), int(b[8:] or 1)):
            b = f"{int(b[:4]) + 1}{b[4:]}"
    return f"{a}/{b}"


def _compound(text: str, a: list, b: list) -> list | None:
    """One mention from two adjacent ones: "next week on Friday", "Friday of next week",
    "June next year"; None when they do not make one date."""
    va, vb = a[2], b[2]
    ta, tb = text[a[0]: a[1]], text[b[0]: b[1]]
    week_a, week_b = _WEEK_VALUE.match(va or ""), _WEEK_VALUE.match(vb or "")
    wd_a, wd_b = _WEEKDAY_TEXT.search(ta), _WEEKDAY_TEXT.search(tb)
    if (week_a and wd_b) or (week_b and wd_a) or (wd_a and tb.lower().endswith("week")) or (
            wd_b and ta.lower().endswith("week")):
        week = week_a or week_b
        # one weekday, or two ("next week from Wednesday to Friday"): days of that week
        names = _WEEKDAY_NAMES.findall(ta if wd_a else tb)
        value = None
        if week:
            value = "/".join(_dt.date.fromisocalendar(int(week.group(1)), int(week.group(2)),
                                                      WEEKDAYS[n.lower()] + 1).isoformat() for n in names[-2:])
        return [a[0], b[1], value, True, None]
    month_a = re.fullmatch(r"(?:\d{4}|-)-(\d\d)", va or "")
    year_b = re.fullmatch(r"\d{4}", vb or "")
    if month_a and year_b and b[3]:  # "June next year"
        return [a[0], b[1], f"{vb}-{month_a.group(1)}", True, a[4]]
    if year_b and not b[3] and b[4] is None and va and _YEARLESS.fullmatch(va) and not re.search(r"\d{4}", ta) \
            and not _WORD_YEAR.search(ta):
        # "June of nineteen ninety-nine", "the spring of 1978", "2-7 Feb, two thousand and eighteen"
        parts = [_YEAR_PART.sub(vb + "-", part, count=1) for part in va.split("/")]
        if all(_full(int(p[:4]), int(p[5:7]), int(p[8:10])) for p in parts if len(p) == 10 and p[7] == "-"):
            return [a[0], b[1], "/".join(parts), False, a[4]]
    return None


_MONTH_NEEDLES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WEEKDAY_NEEDLES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Patterns are scanned only when the text holds one of these (lower-case) strings: a scan costs
# far more than a substring test, and most of these shapes are rare in a given article.
_NEEDLES: dict[re.Pattern[str], tuple[str, ...]] = {
    _DMY: _MONTH_NEEDLES, _MDY: _MONTH_NEEDLES, _MY: _MONTH_NEEDLES, _MONTH_CTX: _MONTH_NEEDLES,
    _YEAR_MONTH: _MONTH_NEEDLES, _MONTH_SHORT_YEAR: _MONTH_NEEDLES,
    _DECADE: ("0s", "0's", "0’s"), _REL_UNIT: ("week", "month", "year", "decade"),
    _AFTER_NEXT: ("after next",),
    _WEEKDAY_CTX: _WEEKDAY_NEEDLES, _WEEKDAY_THE_DAY: _WEEKDAY_NEEDLES, _NTH_WEEKDAY: _WEEKDAY_NEEDLES,
    _WEEKDAY_ABBR: ("on mon", "on tue", "on wed", "on thu", "on fri", "on sat", "on sun"),
    _DEICTIC: ("yesterday", "today", "tomorrow", "tonight", "tmrw"),
    _OFFSET: ("ago", "later", "hence", "from now", "from today", "from tomorrow", "after to", "before yesterday",
              "before today", "future", "earlier", " days", " weeks", " day", " week", "months", "years"),
    _NUM_YMD: ("/", "-", "."), _NUM_YM: ("/", "-", "."),
    _NEXT_N: ("next", "last", "past", "previous", "coming", "following"),
    _NEXT_DAY: ("next day", "following day", "previous day"),
    _QUARTER: ("quarter", "qtr", "q1", "q2", "q3", "q4"),
    _SEASON: ("spring", "summer", "fall", "autumn", "winter"), _REST_OF: ("rest",),
    _WEEK_N: ("week ",), _YEAR_TO_DATE: ("to date", "to-date"),
    _DECADE_WORD: ("ties", "tens", "thousands"),
    _WORD_YEAR: ("eighteen", "nineteen", "twenty", "thousand"),
    _NOW: ("between now", "and now"), _PART_OF_UNIT: ("end of", "start of", "beginning of", "middle of", "earlier in", "later in"), _HALF: ("h1", "h2", "half"), _ANAPHORIC: ("same week", "same month", "same year", "that week",
                                                    "that month", "that year"), _THE_WEEKEND: ("the weekend",),
}

# What each pattern's every match contains (its anchor), so that it is scanned only near one.
_ANCHOR_REACH = 60
_DIGIT_ANCHOR = re.compile(r"\d+")
_MONTH_ANCHOR = re.compile(r"(?<![^\W\d_])(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
# (An anchor starts with a character class and checks the rest behind it: Python's re then skips
# most positions at once, several times faster than a case-insensitive alternation of words.)
_WEEKDAY_ANCHOR = re.compile(
    r"(?<![^\W\d_])[mMtTwWfFsS](?i:(?<=[mM])on|(?<=[tT])(?:ue|hu)|(?<=[wW])ed|(?<=[fF])ri|(?<=[sS])(?:at|un))"
)
# a day number in digits or an ordinal word, or part of one ("ourt" of "fourth", "fourteenth")
_DAY_ANCHOR = re.compile(
    r"\d+|[fFsStTeEnN](?i:(?<=[fF])(?:irst|ifth|ourt)|(?<=[sS])(?:econd|ixt|event)"
    r"|(?<=[tT])(?:hird|enth|welfth|eenth|ieth|hirt|went)|(?<=[eE])(?:ight|leventh|enth)|(?<=[nN])(?:inth|int|eenth))"
)
_UNIT_ANCHOR = re.compile(r"[dDwWmMyY](?i:(?<=[dD])(?:ay|ecade)|(?<=[wW])eek|(?<=[mM])onth|(?<=[yY])ear)")
_HALF_ANCHOR = re.compile(r"(?i:half)|(?<![^\W\d_])[hH][12]")
_WORD_YEAR_ANCHOR = re.compile(r"(?i:eighteen|nineteen|twenty|thousand)")
_DECADE_WORD_ANCHOR = re.compile(r"[tT](?i:(?<=[tT])(?:ies|ens|housands))")
_ANCHORS: dict[re.Pattern[str], re.Pattern[str]] = {
    _ISO: _DIGIT_ANCHOR, _YEAR_CTX: _DIGIT_ANCHOR, _YEAR_RANGE: _DIGIT_ANCHOR, _DECADE: _DIGIT_ANCHOR, _NUM_YMD: _DIGIT_ANCHOR,
    _NUM_MDY: _DIGIT_ANCHOR, _NUM_MD: _DIGIT_ANCHOR, _NUM_YM: _DIGIT_ANCHOR, _WEEK_N: _DIGIT_ANCHOR,
    _DMY: _MONTH_ANCHOR, _MDY: _MONTH_ANCHOR, _MY: _MONTH_ANCHOR, _MONTH_CTX: _MONTH_ANCHOR,
    _YEAR_MONTH: _MONTH_ANCHOR, _MONTH_SHORT_YEAR: _MONTH_ANCHOR,
    _WEEKDAY_CTX: _WEEKDAY_ANCHOR, _WEEKDAY_ABBR: _WEEKDAY_ANCHOR, _WEEKDAY_THE_DAY: _WEEKDAY_ANCHOR,
    _NTH_WEEKDAY: _WEEKDAY_ANCHOR, _LONE_DAY: _DAY_ANCHOR,
    _OFFSET: _UNIT_ANCHOR, _REL_UNIT: _UNIT_ANCHOR, _PART_OF_UNIT: _UNIT_ANCHOR, _ANAPHORIC: _UNIT_ANCHOR,
    _AFTER_NEXT: _UNIT_ANCHOR, _HALF: _HALF_ANCHOR, _WORD_YEAR: _WORD_YEAR_ANCHOR, _DECADE_WORD: _DECADE_WORD_ANCHOR, _NEXT_N: _UNIT_ANCHOR, _NEXT_DAY: _UNIT_ANCHOR,
}

_MODS = frozenset({"mod", "midmod"})
_PATTERNS: tuple[tuple[re.Pattern[str], _Handler, frozenset[str]], ...] = (
    # (pattern, handler, the prefix groups it accepts)
    (_ISO, _on_iso, _MODS),
    (_DMY, _on_day_month, _MODS),
    (_MDY, _on_day_month, _MODS),
    (_MY, _on_month_year, _MODS),
    (_MONTH_CTX, _on_month_context, _MODS | {"ctx", "rel", "monthof"}),
    (_YEAR_CTX, _on_year, _MODS | {"ctx"}),
    (_DECADE, _on_decade, _MODS | {"the"}),
    (_YEAR_RANGE, _on_year_range, frozenset({"ctx"})),
    (_REL_UNIT, _on_rel_unit, _MODS | {"the"}),
    (_AFTER_NEXT, _on_after_next, frozenset()),
    (_WEEKDAY_CTX, _on_weekday, frozenset({"rel"})),
    (_WEEKDAY_ABBR, _on_weekday, frozenset()),
    (_DEICTIC, _on_deictic, frozenset()),
    (_OFFSET, _on_offset, frozenset()),
    (_NUM_YMD, _on_num_ymd, frozenset()),
    (_NUM_MDY, _on_num_mdy, frozenset()),
    (_NUM_MD, _on_num_md, frozenset()),
    (_NUM_YM, _on_num_ym, frozenset()),
    (_YEAR_MONTH, _on_year_month, frozenset()),
    (_MONTH_SHORT_YEAR, _on_month_short_year, frozenset()),
    (_LONE_DAY, _on_lone_day, frozenset()),
    (_WEEKDAY_THE_DAY, _on_weekday_the_day, frozenset()),
    (_NTH_WEEKDAY, _on_nth_weekday, frozenset()),
    (_NEXT_N, _on_next_n, frozenset()),
    (_NEXT_DAY, _on_next_day, frozenset()),
    (_QUARTER, _on_quarter, frozenset()),
    (_SEASON, _on_season, frozenset()),
    (_REST_OF, _on_rest_of, frozenset()),
    (_WEEK_N, _on_week_n, frozenset()),
    (_YEAR_TO_DATE, _on_year_to_date, frozenset()),
    (_DECADE_WORD, _on_decade_word, frozenset()),
    (_WORD_YEAR, _on_word_year, _MODS | {"ctx"}),
    (_NOW, _on_now, frozenset()),
    (_PART_OF_UNIT, _on_part_of_unit, frozenset()),
    (_HALF, _on_half, frozenset()),
    (_ANAPHORIC, _on_anaphoric, frozenset()),
    (_THE_WEEKEND, _on_the_weekend, frozenset()),
)
