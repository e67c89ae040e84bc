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
"$2011" are not dates. Weekday and month names must be capitalised, as in edited news copy.
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
    "sunday": 6,
}
# Modifier words -> the DateMention.modifier value (DateMention's fixed vocabulary).
MODIFIERS: dict[str, str] = {
    "early": "early", "the beginning of": "early", "the start of": "early",
    "late": "late", "the end of": "late",
    "mid": "mid", "mid-": "mid", "the middle of": "mid",
    "since": "since", "until": "until", "till": "until", "before": "before", "after": "after",
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}

# Month names alone are matched capitalised; with a day or a year, in any case ("april 22").
_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)(?![a-z])|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)(?![a-z])\.?)"
)
_MONTH_ANY_CASE = "(?i:" + _MONTH + ")"
_WEEKDAY = r"(?P<weekday>(?i:monday|tuesday|wednesday|thursday|friday|saturday|sunday))(?![a-z])"
_DAY = r"(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|2100)(?![\d])"
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
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_NOT_A_COUNT = r"(?!\s*(?:%|percent|per\s+cent)\b)"

# Patterns start at the date itself (a digit, a month or weekday name, a relative word), which
# keeps scanning fast; the words before it (context, "last", "early") are read by _PREFIX.
_ISO = re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d-])")
_DMY = re.compile(
    r"(?<![\w.,])(?:" + _WEEKDAY + r",?\s+)?(?:the\s+)?" + _DAY
    + r"(?:\s+of)?\s+" + _MONTH_ANY_CASE + r"(?:,?\s+" + _YEAR + r")?"
)
_MDY = re.compile(
    r"(?<![\w])(?:" + _WEEKDAY + r",?\s+)?" + _MONTH_ANY_CASE + r"\s+(?:the\s+)?" + _DAY
    + r"(?!\s*(?:%|percent)|\.\d)(?:,?\s+" + _YEAR + r")?"
)
_MY = re.compile(r"(?<![\w])" + _MONTH_ANY_CASE + r",?\s+(?:of\s+)?" + _YEAR)
_MONTH_CTX = re.compile(r"(?<![\w])" + _MONTH_ANY_CASE + r"(?!\s*\d)")
_YEAR_CTX = re.compile(r"(?<![\w$£€¥.,])" + _YEAR + r"(?![.,]\d|-\d|\w)" + _NOT_A_COUNT)
_DECADE = re.compile(
    r"(?<![\w$'’])(?:(?P<century>1[89]|20)(?P<dec>\d)0|['’](?P<short>\d)0)['’]?s(?!\w)"
)
_REL_UNIT = re.compile(
    r"(?<![\w-])(?P<rel>last|next|this|past|coming|previous)\s+(?P<unit>week(?:end)?|month|year)(?!\w)",
    re.IGNORECASE,
)
# What may stand right before a date: a context word (never in the span), "last"/"next"/"this",
# and a modifier ("early", "mid-", "the end of"). Searched backwards from the date's start.
_PREFIX = re.compile(
    r"(?:(?<![\w-])(?P<ctx>" + _CONTEXT + r"|year|fiscal)\s+)?"
    r"(?:(?<![\w-])(?P<the>the)\s+)?"
    r"(?:(?<![\w-])(?P<rel>last|next|this|coming|past)\s+)?"
    r"(?:(?<![\w-])(?P<mod>early|late|the\s+(?:beginning|start|end|middle)\s+of)\s+"
    r"|(?<![\w-])(?P<midmod>mid)(?:-|\s+))?$",
    re.IGNORECASE,
)
_PREFIX_REACH = 40
# A date right after one of these takes it as its modifier, and the word joins the span.
_MODIFIER_BEFORE = re.compile(r"(?i:\b(since|until|till|before|after)\s+)$")
_WEEKDAY_CTX = re.compile(r"(?<![\w-])" + _WEEKDAY + r"(?!s\b)(?!,?\s+(?:the\s+)?\d)")
_DEICTIC = re.compile(
    r"(?<![\w-])(?P<word>the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday"
    r"|today|tomorrow|tonight)(?!\w)",
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
    mentions: list[DateMention] = []
    last_end = -1
    for start, end, value, relative, modifier in found:
        if start < last_end:
            continue
        last_end = end
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
        for g in ("rel", "mod", "midmod"):
            if g in self.allowed and self.group(g) is not None and g not in self.main.re.groupindex:
                starts.append(self.prefix.start(g))  # type: ignore[union-attr]
        return min(starts)

    def end(self) -> int:
        return self.main.end()


def _scan(text: str, regions: list[tuple[int, int]], ref: _dt.date | None) -> Iterator[_Found]:
    """Candidate dates (overlapping) from every pattern, each inside one region."""
    if not regions:
        return
    starts = [s for s, _ in regions]
    for pattern, handler, allowed in _PATTERNS:
        for main in pattern.finditer(text, regions[0][0], regions[-1][1]):
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
    year = int(match["year"]) if match["year"] else None
    value = _month_day(_month(match), int(match["day"]), year, ref)
    if value is None:
        return None
    return match.start(), value, False, _modifier(match)


def _on_month_year(match: _Match, ref: _dt.date | None):
    return match.start(), f"{int(match['year']):04d}-{_month(match):02d}", False, _modifier(match)


def _on_month_context(match: _Match, ref: _dt.date | None):
    rel = match["rel"]
    mod = _modifier(match)
    month_text = match["month"]
    if not month_text[0].isupper() and (rel is None or month_text.lower().startswith(("may", "mar"))):
        return None
    if rel is None and mod is None and match["ctx"] is None:
        return None  # a bare month name: no preposition or modifier before it
    if month_text == "May" and rel is None and mod is None and (match["ctx"] or "").lower() not in _MAY_CONTEXT:
        return None  # "to May", "and May": the name, not the month
    month = _month(match)
    span_start = match.start("rel") if rel else _first_start(match, "mod", "midmod", "month")
    if rel is None:
        return span_start, _month_nearest(month, ref), False, mod
    rel = rel.lower()
    if ref is None:
        return span_start, f"--{month:02d}", True, mod
    if rel in {"last", "past"}:
        year = ref.year if month < ref.month else ref.year - 1
    elif rel in {"next", "coming"}:
        year = ref.year if month > ref.month else ref.year + 1
    else:
        year = ref.year
    return span_start, f"{year}-{month:02d}", True, mod


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
    span_start = _first_start(match, "mod", "midmod", "year")
    return span_start, match["year"], False, mod


def _on_decade(match: _Match, ref: _dt.date | None):
    if match["short"] is not None:
        digit = match["short"]
        century = "19" if ref is None or int(digit) * 10 > ref.year % 100 else "20"
        value = century + digit
    else:
        value = match["century"] + match["dec"]
    start = match.start("the") if match["the"] else match.start()  # "the 1990s"
    return start, value, False, _modifier(match)


def _on_rel_unit(match: _Match, ref: _dt.date | None):
    rel = match["rel"].lower()
    unit = match["unit"].lower()
    mod = _modifier(match)
    if ref is None:
        return match.start(), None, True, mod
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit.startswith("week"):
        day = ref + _dt.timedelta(weeks=step)
        year, week, _ = day.isocalendar()
        value = f"{year}-W{week:02d}" + ("-WE" if unit == "weekend" else "")
    elif unit == "month":
        months = ref.year * 12 + ref.month - 1 + step
        value = f"{months // 12}-{months % 12 + 1:02d}"
    else:
        value = f"{ref.year + step}"
    return match.start(), value, True, mod


def _on_weekday(match: _Match, ref: _dt.date | None):
    rel = (match["rel"] or "").lower()
    span_start = match.start("rel") if rel else match.start("weekday")
    if ref is None:
        return span_start, None, True, None
    target = WEEKDAYS[match["weekday"].lower()]
    if rel in {"next", "coming"}:
        ahead = (target - ref.weekday()) % 7 or 7
        day = ref + _dt.timedelta(days=ahead)
    elif rel == "this":
        day = ref + _dt.timedelta(days=target - ref.weekday())
    else:  # news reports the past: the latest such day on or before the reference date
        back = (ref.weekday() - target) % 7
        if rel in {"last", "past"} and back == 0:
            back = 7
        day = ref - _dt.timedelta(days=back)
    return span_start, day.isoformat(), True, None


_DEICTIC_DAYS = {"the day before yesterday": -2, "yesterday": -1, "today": 0, "tonight": 0,
                 "tomorrow": 1, "the day after tomorrow": 2}


def _on_deictic(match: _Match, ref: _dt.date | None):
    word = " ".join(match["word"].lower().split())
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


_MODS = frozenset({"mod", "midmod"})
_PATTERNS: tuple[tuple[re.Pattern[str], _Handler, frozenset[str]], ...] = (
    # (pattern, handler, the prefix groups it accepts)
    (_ISO, _on_iso, _MODS),
    (_DMY, _on_day_month, _MODS),
    (_MDY, _on_day_month, _MODS),
    (_MY, _on_month_year, _MODS),
    (_MONTH_CTX, _on_month_context, _MODS | {"ctx", "rel"}),
    (_YEAR_CTX, _on_year, _MODS | {"ctx"}),
    (_DECADE, _on_decade, _MODS | {"the"}),
    (_REL_UNIT, _on_rel_unit, _MODS),
    (_WEEKDAY_CTX, _on_weekday, frozenset({"rel"})),
    (_DEICTIC, _on_deictic, frozenset()),
    (_AGO, _on_ago, frozenset()),
)
