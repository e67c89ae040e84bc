"""Quoted speech and its speaker, found by quote marks and speech-verb patterns (English).

`extract_quotes(article, entities=...)` returns :class:`~briefing.document.Quote` items in article
order. `Quote.text`, `start`, `end` cover the text *inside* the quote marks
(``article.text[start:end] == text``).

Quote marks: curly “…”, straight "…" and guillemets «…», paired inside one paragraph; a quote may run
over several sentences, and an opening mark with no closing mark in its paragraph runs to the
paragraph's end (the newswire convention for a quote continued in the next paragraph, which then
opens a new quote). Single quotes are not read as quote marks (they double as apostrophes).
A quote of one to three words ("so-called “safe zone”") is a scare quote, skipped unless a speech
verb sits next to it.

Speaker patterns, tried on the words right after the closing mark, then right before the opening
mark, within the same sentence:
``"…," the Defense Ministry stated`` / ``"…," said X`` / ``X said: "…"`` / ``X told reporters "…"`` /
``according to X``. The speaker phrase is then matched against the article's entities: when an
entity mention lies inside it, `speaker` is that entity's fullest name (`Entity.text`) and
`speaker_span` the mention's span as written ("Akar said" gives speaker "Hulusi Akar" with the span
of "Akar"). A pronoun (he, she) is resolved to the most recent PERSON mentioned before the quote:
`speaker` is that person's name and `speaker_span` the pronoun's own span, so that the span always
points at the words in the text that name the speaker. Otherwise `speaker` is the phrase as written
without a leading "the" ("a spokesman"), or None when no pattern matches.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from ..document import Article, Entity, Quote

__all__ = ["extract_quotes", "SPEECH_VERBS"]

SPEECH_VERBS = (
    "said says say told tells tell stated states added adds warned warns noted notes announced "
    "announces insisted insists asked asks wrote writes explained explains claimed claims argued "
    "argues replied replies responded responds commented comments remarked declared declares "
    "stressed stresses emphasised emphasized urged urges acknowledged admitted confirmed confirms "
    "denied denies recalled recalls continued concluded predicted suggested tweeted posted quipped "
    "cautioned"
).split()
_VERB = r"(?:" + "|".join(sorted(SPEECH_VERBS, key=len, reverse=True)) + r")"
_OPENERS = {"“": "”", "«": "»", '"': '"', "„": "“"}
_PRONOUNS = {"he": "PERSON", "she": "PERSON", "it": "ORG", "they": None}
_SCARE_MAX_WORDS = 3
_SPEAKER_MAX_WORDS = 8

# After the closing mark: ', said the minister' / ', the Defense Ministry stated on ...'.
_AFTER_VERB_FIRST = re.compile(r"^[\s,.;:!?—–-]*" + _VERB + r"\b\s+(?P<spk>[^,.;:!?\"“”«»()]+)", re.I)
_AFTER_SPK_FIRST = re.compile(r"^[\s,.;:!?—–-]*(?P<spk>[^\"“”«»;:!?()]+?)\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?" + _VERB + r"\b", re.I)
# Before the opening mark: 'X said: ' / 'X told reporters, ' / 'X said that '.
_BEFORE = re.compile(
    r"(?P<spk>[^\"“”«»;:!?()]+?)\s+(?:has\s+|had\s+|also\s+|later\s+|then\s+)?" + _VERB
    + r"\b(?P<tail>(?:\s+[\w’'-]+){0,4}?)\s*[,:]?\s*(?:that\s*)?$",
    re.I,
)
_CONJUNCTIONS = frozenset({"and", "but", "or", "then", "and then", "but then"})
_CLAUSE_SEP = re.compile(r",|\b(?:and|but|while|when|as|after|before|because)\b", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<spk>[^,.;:!?\"“”«»()]+)", re.I)


def _pairs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(open mark index, close mark index or `end`) for each quote in text[start:end]."""
    out = []
    i = start
    while i < end:
        ch = text[i]
        if ch in _OPENERS:
            if ch == '"' and i + 1 < end and text[i + 1].isspace() and i > start and not text[i - 1].isspace():
                i += 1  # a stray closing straight quote
                continue
            close = text.find(_OPENERS[ch], i + 1, end)
            if close == -1:
                out.append((i, end))
                break
            out.append((i, close))
            i = close + 1
            continue
        i += 1
    return out


def _strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _words(s: str) -> int:
    return len(re.findall(r"\w+", s))


class _Speakers:
    """Turns a speaker phrase (a span of the text) into (speaker, speaker_span)."""

    def __init__(self, text: str, entities: Sequence[Entity]):
        self.text = text
        self.mentions = sorted(
            ((s, e, ent) for ent in entities for s, e in ent.mentions if ent.label in ("PERSON", "ORG", "GPE", "NORP")),
            key=lambda m: (m[0], m[1]),
        )
        # Mention starts, for binary search: each quote looks only at nearby mentions (linear time).
        self.starts = [m[0] for m in self.mentions]

    def subject(self, s: int, e: int) -> tuple[str | None, tuple[int, int] | None]:
        """The first person (else organisation) mentioned in text[s:e]: the subject of a clause
        whose verb comes after a quote; (None, None) when there is none."""
        first, last = bisect_left(self.starts, s), bisect_left(self.starts, e)
        inside = [m for m in self.mentions[first:last] if m[1] <= e]
        for wanted in ("PERSON", "ORG"):
            for ms, me, ent in inside:
                if ent.label == wanted:
                    return ent.text, (ms, me)
        return None, None

    def resolve(self, s: int, e: int, quote_start: int) -> tuple[str | None, tuple[int, int] | None]:
        s, e = _strip_span(self.text, s, e)
        phrase = self.text[s:e]
        if not phrase or _words(phrase) > _SPEAKER_MAX_WORDS:
            return None, None
        first, last = bisect_left(self.starts, s), bisect_left(self.starts, e)
        inside = [m for m in self.mentions[first:last] if m[1] <= e]
        for wanted in ("PERSON", "ORG", "GPE", "NORP"):
            for ms, me, ent in inside:
                if ent.label == wanted:
                    return ent.text, (ms, me)
        low = phrase.casefold()
        if low in _PRONOUNS:
            label = _PRONOUNS[low]
            if label is None:
                return None, None
            # The most recent mention of that kind ending before the quote.
            for i in range(bisect_left(self.starts, quote_start) - 1, -1, -1):
                ms, me, ent = self.mentions[i]
                if me <= quote_start and ent.label == label:
                    return ent.text, (s, e)
            return None, None
        # An unnamed speaker: the phrase up to its first comma, without a leading "the".
        cut = phrase.split(",")[0].rstrip()
        e = s + len(cut)
        if cut.casefold().startswith("the "):
            s += 4
            cut = cut[4:]
        if not cut or not any(ch.isalpha() for ch in cut) or cut.casefold() in ("i", "we", "you"):
            return (cut or None), ((s, e) if cut else None)
        return cut, (s, e)


def extract_quotes(article: Article, *, entities: Sequence[Entity] = ()) -> tuple[Quote, ...]:
    """Quotes in `article` with their speakers, in article order.

    `entities` are the article's entities (from :func:`briefing.facts.entities.extract_entities`);
    when none are given they are computed here. Returns a tuple of `Quote(text, start, end, speaker,
    speaker_span)`; `speaker`/`speaker_span` are None when no speaker is named. Never raises on any
    article; an article without quote marks gives ``()``. Rules: see the module docstring.
    """
    text = article.text
    if not entities:
        from .entities import extract_entities

        entities = extract_entities(article)
    speakers = _Speakers(text, entities)
    quotes: list[Quote] = []
    for para in article.paragraphs:
        for open_i, close_i in _pairs(text, para.start, para.end):
            s, e = _strip_span(text, open_i + 1, close_i)
            if s >= e:
                continue
            speaker, span, verb_near = _find_speaker(article, speakers, open_i, close_i)
            if _words(text[s:e]) <= _SCARE_MAX_WORDS and not verb_near:
                continue
            quotes.append(Quote(text[s:e], s, e, speaker, span))
    return tuple(quotes)


def _sentence_bounds(article: Article, offset: int) -> tuple[int, int] | None:
    index = article.sentence_at(offset)
    if index is None:
        return None
    sentence = article.sentences[index]
    return sentence.start, sentence.end


def _find_speaker(article: Article, speakers: _Speakers, open_i: int, close_i: int):
    """(speaker, speaker_span, speech verb next to the quote?) for the quote at open_i..close_i."""
    text = article.text
    # After the closing mark, to the end of its sentence (or the next opening mark).
    after = None
    if close_i < len(text):
        bounds = _sentence_bounds(article, close_i)
        a_end = bounds[1] if bounds else len(text)
        nxt = min((p for p in (text.find(o, close_i + 1, a_end) for o in _OPENERS) if p != -1), default=a_end)
        after = (close_i + 1, nxt)
    bounds = _sentence_bounds(article, open_i)
    b_start = bounds[0] if bounds else open_i
    prev_close = max((text.rfind(c, b_start, open_i) for c in set(_OPENERS.values())), default=-1)
    before = (max(b_start, prev_close + 1), open_i)

    if after and after[0] < after[1]:
        chunk = text[after[0] : after[1]]
        m = _AFTER_VERB_FIRST.match(chunk)
        if m:
            spk, span = speakers.resolve(after[0] + m.start("spk"), after[0] + m.end("spk"), open_i)
            return spk, span, True
        m = _AFTER_SPK_FIRST.match(chunk)
        if m and m.group("spk").strip().casefold() in _CONJUNCTIONS:
            # 'X called it "…" and said …': the subject before the quote goes on speaking.
            spk, span = speakers.subject(before[0], before[1])
            return spk, span, True
        if m and _words(m.group("spk")) <= _SPEAKER_MAX_WORDS:
            spk, span = speakers.resolve(after[0] + m.start("spk"), after[0] + m.end("spk"), open_i)
            return spk, span, True
        m = _ACCORDING.search(chunk)
        if m and m.start() < 4:
            spk, span = speakers.resolve(after[0] + m.start("spk"), after[0] + m.end("spk"), open_i)
            return spk, span, True
    if before[0] < before[1]:
        chunk = text[before[0] : before[1]]
        m = _BEFORE.search(chunk)
        if m:
            # Keep only the words nearest the verb: the subject of the speech verb.
            sub_start = before[0] + m.start("spk")
            sub_end = before[0] + m.end("spk")
            clause = text[sub_start:sub_end]
            seps = list(_CLAUSE_SEP.finditer(clause))
            if seps and _words(clause[seps[-1].end() :]) >= 1:
                sub_start += seps[-1].end()
            words = list(re.finditer(r"\S+", text[sub_start:sub_end]))
            if len(words) > _SPEAKER_MAX_WORDS:
                sub_start += words[-_SPEAKER_MAX_WORDS].start()
            spk, span = speakers.resolve(sub_start, sub_end, open_i)
            return spk, span, True
        m = _ACCORDING.search(chunk)
        if m:
            spk, span = speakers.resolve(before[0] + m.start("spk"), before[0] + m.end("spk"), open_i)
            return spk, span, True
    return None, None, False
