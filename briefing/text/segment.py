"""Article text -> title, paragraphs, sentences and tokens, as character spans.

The source text is never rewritten: every span indexes the text as read. Sentence boundaries come
from NLTK's Punkt algorithm (Kiss & Strunk 2006, `nltk.tokenize.punkt`) run with parameters this
project ships, never with NLTK's downloadable models: ``briefing/data/punkt_en.json`` (orthographic
context, sentence starters and initialisms trained on UD English-EWT train by
``scripts/train_punkt.py``) and the reviewed list ``briefing/data/abbreviations_en.txt``. Word
tokens come from NLTK's improved Treebank tokenizer (`NLTKWordTokenizer.span_tokenize`).

Layout rules applied before Punkt (news copy is rarely clean prose):
- a blank line always ends a sentence and a paragraph;
- a single newline is a line wrap, unless the line before it is short with no final punctuation
  (a headline, byline or dateline) and had room for the next word, or the next line starts a list item;
- the first line is the title when it reads as a headline, and the same headline repeated on the
  following lines is set aside rather than read as sentences.

Punctuation rules applied to Punkt's proposals, each a rule of English punctuation that Punkt cannot
learn from unlabelled text (see :func:`_sentence_spans` and the functions it calls): inline lists,
ellipses, full stops glued to the next sentence, abbreviations and initials at a sentence end,
quotations and names ("Yahoo!") followed by a lower-case continuation, and parentheticals.
Every character of a run of text lands in one sentence or in the space between two, so no text is
lost; format characters trimmed off a line are recorded as set aside (`_leftovers`).
"""

from __future__ import annotations

import heapq
import json
import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ..document import Article, Metadata, Paragraph, Sentence, Span, Token

# A line that ends like this is a sentence end or continues (comma): not a headline.
_FINAL_PUNCT = ".!?;:,…\"'”’»)]。！？」』）"
# A line that starts a list item: a typographic bullet, or "-", "*", "1.", "1)", "1.)" before text.
_ITEM_NUMBER = re.compile(r"[ \t]*(\d{1,3})[.)]")
_LIST_ITEM = re.compile(r"[ \t]*(?:[•‣◦▪⁃●■►][ \t]*\S|(?:[-*–]|\d{1,3}(?:\.\)|[.)]))[ \t]+\S)")
_TYPOGRAPHIC_BULLET = re.compile(r"[ \t]*[•‣◦▪⁃●■►]")
_HEADLINE_MAX_CHARS = 160
_HEADLINE_MAX_WORDS = 25
# Lines shorter than this without final punctuation end where they end (byline, dateline).
_SHORT_LINE = 48
_ATX_MARKER = re.compile(r"#{1,6}[ \t]+")
_BY = re.compile(r"(?:By|BY|by)\s+")
_BYLINE_NAME = re.compile(r"[^\W\d_][\w.'’-]*(?:,?[ \t]+(?:[^\W\d_][\w.'’-]*|&))*")
_BYLINE_SEP = re.compile(r"[ \t]*[,|–—-][ \t]*")
_CONTINUERS = frozenset(
    "a an the and or but of to in on at for from with by as that than its their his her our".split()
)


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The shipped abbreviations Punkt reads as such: lower-case, without the final period
    (``u.s``, ``e.g``); "number" entries ("no", "p") only count before a number and are left out."""
    return frozenset(a for a, kind in _abbreviation_kinds().items() if kind != "number")


@lru_cache(maxsize=1)
def _punkt():
    """NLTK's Punkt with the parameters this project ships: the trained Punkt data
    (briefing/data/punkt_en.json, made by scripts/train_punkt.py) plus the reviewed abbreviation list."""
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    data = _punkt_data()
    params = PunktParameters()
    params.abbrev_types = set(_punkt_abbreviations())
    params.collocations = {tuple(pair) for pair in data["collocations"]}
    params.sent_starters = set(data["sent_starters"])
    params.ortho_context.update(data["ortho_context"])
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def _word_tokenizer():
    from nltk.tokenize.destructive import NLTKWordTokenizer

    return NLTKWordTokenizer()


_CURLY_APOSTROPHE = re.compile(r"(?<=\w)’(?=\w)")
_FALLBACK_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split `text` into word tokens with spans shifted by `offset`.

    Uses NLTK's Treebank-style tokenizer; when it cannot align its tokens to the text (it
    rewrites some quotes), falls back to a regular expression so that spans stay exact.
    """
    # The Treebank rules know the straight apostrophe only: read "don’t" and "Syria’s" as
    # "don't" and "Syria's" (same length, so the spans stay exact).
    plain = _CURLY_APOSTROPHE.sub("'", text)
    try:
        spans = list(_word_tokenizer().span_tokenize(plain))
    except (ValueError, LookupError):
        spans = [m.span() for m in _FALLBACK_TOKEN.finditer(text)]
    tokens = []
    cjk = _CJK.search(text) is not None
    for start, end in spans:
        piece = text[start:end]
        if not piece or piece.isspace():
            continue
        if cjk and _CJK.search(piece):
            # Chinese and Japanese write no spaces between words: each ideograph or kana is a
            # token (character unigrams, the usual unit for Chinese retrieval), other runs stay whole.
            for m in _CJK_PIECE.finditer(piece):
                tokens.append(Token(m.group(), start + m.start() + offset, start + m.end() + offset))
            continue
        tokens.append(Token(piece, start + offset, end + offset))
    return tuple(tokens)


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK_PIECE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\s]+")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end before the newline (and before a trailing \\r)."""
    lines = []
    pos = 0
    for match in re.finditer(r"\n", text):
        lines.append((pos, match.start()))
        pos = match.end()
    lines.append((pos, len(text)))
    return [(s, e - 1) if e > s and text[e - 1] == "\r" else (s, e) for s, e in lines]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or _invisible(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or _invisible(text[end - 1])):
        end -= 1
    return start, end


def _invisible(ch: str) -> bool:
    # Format characters (BOM, zero-width space) are layout, not content.
    return unicodedata.category(ch) == "Cf"


def _norm(s: str) -> str:
    return " ".join(s.split()).casefold()


# The words a date after a byline is made of: numbers, months, weekdays, times and zones.
_WHEN_WORD = re.compile(
    r"(?:\d[\d:./-]*(?:st|nd|rd|th|am|pm|a\.m\.|p\.m\.)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?"
    r"|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|published|posted|updated|on|at|[ap]\.?m\.?"
    r"|gmt|utc|bst|cet|cest|[ecmp][sd]?t)[.,:]?",
    re.IGNORECASE,
)


_NAME_PARTICLES = frozenset("and & de da di del della van von der den du la le al el bin ibn".split())
_CALENDAR_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december today tomorrow yesterday".split()
)


def _byline(line: str) -> str | None:
    """The author of a byline line, or None: "By Paul Martin" / "By Paul Martin, Reuters" /
    "By Paul Martin, 2 November 2023" (a date after the last separator is read by the pipeline)
    give "Paul Martin"; "By Friday, 12 people had died." gives None."""
    by = _BY.match(line)
    if by is None or len(line.split()) > 14:
        return None
    rest = line[by.end() :].rstrip()
    name = rest
    for sep in _BYLINE_SEP.finditer(rest):
        tail = rest[sep.end() :]
        if any(ch.isdigit() for ch in tail) and _date_like(tail):
            name = rest[: sep.start()]
            break
    if len(name.split()) > 8 or not _BYLINE_NAME.fullmatch(name) or not _byline_name(name):
        return None
    return name.split(",")[0].strip()


def _byline_name(name: str) -> bool:
    """True when the words after "By" read as a name with an optional affiliation: capitalised
    words (name particles aside), not opening with a day or month ("By Friday, ...")."""
    words = name.replace(",", " ").split()
    if not words or words[0].casefold().rstrip(".") in _CALENDAR_WORDS:
        return False
    return all(w[:1].isupper() or w.casefold() in _NAME_PARTICLES for w in words)


def _date_like(when: str) -> bool:
    """True when `when` reads as a date (and time) only: "2 November 2023", "Nov. 2, 2023 10:30 GMT"."""
    return all(_WHEN_WORD.fullmatch(word) for word in when.replace("|", " ").split())


def _ends_open(line: str) -> bool:
    """True when a line has no final punctuation (a headline, byline or dateline ends so)."""
    return bool(line) and line[-1] not in _FINAL_PUNCT


def _is_headline(text: str, first: tuple[int, int], following: tuple[int, int] | None) -> bool:
    line = text[first[0] : first[1]]
    words = line.split()
    if not words or len(line) > _HEADLINE_MAX_CHARS or len(words) > _HEADLINE_MAX_WORDS:
        return False
    if not _ends_open(line) or not any(ch.isalpha() for ch in line):
        return False
    if following is None:
        return True
    # Same block: a hard-wrapped paragraph runs on into the next line. Only a clearly short line
    # followed by a line that starts like a new sentence is a headline.
    nxt = text[following[0] : following[1]]
    starts_new = nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "\"“‘'(" or _LIST_ITEM.match(nxt)
    return bool(starts_new) and len(line) <= _SHORT_LINE


def segment(
    text: str,
    *,
    source: str = "<text>",
    metadata: Metadata | None = None,
    detect_title: bool = True,
) -> Article:
    """Segment decoded article `text` into an :class:`~briefing.document.Article`.

    `detect_title=False` treats the first line as body text (for inputs whose title is known
    from elsewhere). Never raises on any string; an empty text gives an article with no sentences.
    """
    lines = [_strip(text, s, e) for s, e in _lines(text)]
    # Blocks: runs of non-blank lines, i.e. paragraphs before title handling.
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for s, e in lines:
        if s == e:
            if current:
                blocks.append(current)
                current = []
        else:
            current.append((s, e))
    if current:
        blocks.append(current)

    title: Span | None = None
    set_aside: list[Span] = []
    if detect_title and blocks:
        first_block = blocks[0]
        following = first_block[1] if len(first_block) > 1 else None
        if _is_headline(text, first_block[0], following):
            title = Span(*first_block[0])
            marker = _ATX_MARKER.match(text, title.start, title.end)
            if marker and marker.end() < title.end:  # "# Council approves budget": the # is markup
                title = Span(marker.end(), title.end)
            key = _norm(text[title.start : title.end])
            rest = [line for block in blocks for line in block][1:]
            consumed = 1
            for s, e in rest:
                if _norm(text[s:e]) != key:
                    break
                set_aside.append(Span(s, e))
                consumed += 1
            skip = {first_block[0]} | {(sp.start, sp.end) for sp in set_aside}
            blocks = [[ln for ln in block if ln not in skip] for block in blocks]
            blocks = [block for block in blocks if block]

    # A byline among the first lines ("By Marta Quinn") is metadata, not a sentence.
    author = None
    for block in blocks[:2]:
        s, e = block[0]
        name = _byline(text[s:e])
        if name and (len(block) == 1 or _ends_open(text[s:e])):
            author = name
            set_aside.append(Span(s, e))
            block.pop(0)
            break
    blocks = [block for block in blocks if block]
    set_aside.sort(key=lambda sp: sp.start)
    if metadata is None:
        metadata = Metadata(author=author)
    elif metadata.author is None and author:
        metadata = replace(metadata, author=author)

    sentences: list[Sentence] = []
    paragraphs: list[Paragraph] = []
    for block in blocks:
        p_index = len(paragraphs)
        paragraphs.append(Paragraph(p_index, block[0][0], block[-1][1]))
        for seg_start, seg_end in _wrap_segments(text, block):
            for s, e in _sentence_spans(text, seg_start, seg_end):
                sentences.append(
                    Sentence(len(sentences), text[s:e], s, e, p_index, tokenize(text[s:e], s))
                )
    set_aside.extend(_leftovers(text, title, set_aside, sentences))
    set_aside.sort(key=lambda sp: sp.start)
    return Article(
        text=text,
        sentences=tuple(sentences),
        paragraphs=tuple(paragraphs),
        title=title,
        set_aside=tuple(set_aside),
        source=source,
        metadata=metadata or Metadata(),
    )


def _leftovers(text: str, title: Span | None, set_aside: list[Span], sentences: list[Sentence]) -> list[Span]:
    """Non-space text outside every span (format characters such as a BOM or a bidi mark that
    were trimmed off a line): recorded as set aside, so that no character is lost silently."""
    taken = sorted(
        [(s.start, s.end) for s in sentences]
        + [(sp.start, sp.end) for sp in set_aside]
        + ([(title.start, title.end)] if title else [])
    )
    out = []
    pos = 0
    for start, end in [*taken, (len(text), len(text))]:
        if pos < start:
            for match in re.finditer(r"\S+", text[pos:start]):
                out.append(Span(pos + match.start(), pos + match.end()))
        pos = max(pos, end)
    return out


def _wrap_segments(text: str, block: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join the lines of a block into runs that Punkt reads as flowing text."""
    segments = []
    seg_start, seg_end = block[0]
    width = max(e - s for s, e in block)
    for (ps, pe), (ns, ne) in zip(block, block[1:]):
        prev_line, next_line = text[ps:pe], text[ns:ne]
        hard = _starts_item(prev_line, next_line) or (
            _ends_open(prev_line)
            and len(prev_line) <= _SHORT_LINE
            # A sentence goes on when the next line starts in lower case or the line ends on a
            # function word ("... built the dam\nin 2019", "... the\nreport").
            and not next_line[:1].islower()
            and prev_line.rsplit(None, 1)[-1].lower() not in _CONTINUERS
            # ... or when the line is short only because the next word did not fit on it (hard
            # wrapping at the block's width): a line broken on purpose had room for it.
            and len(prev_line) + 1 + len(next_line.split(None, 1)[0]) <= width
        )
        if hard:
            segments.append((seg_start, seg_end))
            seg_start = ns
        seg_end = ne
    segments.append((seg_start, seg_end))
    return segments


def _starts_item(prev_line: str, next_line: str) -> bool:
    """True when `next_line` starts a list item rather than continuing a wrapped sentence.

    A typographic bullet always starts one. "-", "*" and "12." also occur at the start of a wrapped
    line inside a sentence ("... a decision\n- the first in years -", "... she turned\n30. The"),
    so they start an item only after a line that ended its sentence, introduced a list (":") or
    was itself an item."""
    if _TYPOGRAPHIC_BULLET.match(next_line):
        return True
    if not _LIST_ITEM.match(next_line):
        return False
    if prev_line[-1:] == ":" or _LIST_ITEM.match(prev_line):
        return True
    if prev_line[-1:] not in ".!?;…\"'”’)":
        return False
    # After an ordinary sentence a numbered list starts at 1: "... met U.S.\n5. The" is a wrapped
    # sentence ending in a number, not item 5.
    number = _ITEM_NUMBER.match(next_line)
    return number is None or int(number.group(1)) == 1


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside text[start:end] (one run of flowing text), as absolute offsets.

    Punkt proposes the boundaries on a masked copy of the run (same length, so offsets carry
    over); the punctuation rules below then add and remove boundaries. Each boundary is a "cut":
    the offset where the next sentence starts. The sentences are the text between consecutive cuts,
    stripped, so every character of the run lands in exactly one sentence or in stripped space.
    """
    chunk = text[start:end]
    work = _mask(chunk)
    n = len(chunk)
    spans = list(_punkt().span_tokenize(work))
    cuts = {_next_visible(chunk, s) for s, _ in spans[1:]}

    # Rules that add cuts (or re-decide Punkt's), then rules that only remove them, then list items.
    forced, after_markers = _list_cuts(chunk)
    cuts |= _ellipsis_cuts(chunk) | _glued_cuts(chunk) | _cjk_cuts(chunk)
    cuts = _abbreviation_cuts(chunk, cuts, forced)
    cuts -= after_markers
    pairs = _bracket_pairs(chunk) if "(" in chunk or "[" in chunk else []
    kept = {
        cut
        for cut in cuts
        if 0 < cut < n and not _continues_lower(chunk, cut) and not any(o < cut <= c for o, c in pairs)
    }
    kept |= {cut for cut in forced if 0 < cut < n}

    out = []
    bounds = [0, *sorted(kept), n]
    for s, e in zip(bounds, bounds[1:]):
        s, e = _strip(text, s + start, e + start)
        if s < e:
            out.append((s, e))
    return out


# Chinese and Japanese sentences end with a full-width stop, exclamation or question mark (and
# any closing quotes or brackets after it); Punkt, trained on English, does not know them.
_CJK_END = re.compile(r"[。！？]+[」』）〉》”’\"]*")


def _cjk_cuts(chunk: str) -> set[int]:
    if not any(ch in chunk for ch in "。！？"):
        return set()
    # 「…。」と述べた: a quoted sentence followed by the quotative particle goes on.
    return {
        m.end() for m in _CJK_END.finditer(chunk)
        if m.end() < len(chunk) and not (chunk[m.end() - 1] in "」』" and chunk[m.end()] == "と")
    }


# --- Punkt input -------------------------------------------------------------------------------

# Curly quotes are shown to Punkt as straight ones: Punkt only knows ASCII quotes, both to see a
# period before a closing quote as a candidate boundary and to keep that quote with the sentence
# it closes (“… review.” U.S. prosecutors → the ” stays with the first sentence).
_DOUBLE_QUOTES = re.compile("[“”„‟«»]")
_SINGLE_QUOTES = re.compile("[‘’‚‛]")
_SP = r"(?:[ \t]|\r?\n)?"
# An ellipsis: "…", or three or more periods, unspaced ("...") or spaced (". . ."), with any
# further periods (the fourth dot of ". . . ." is a full stop).
_ELLIPSIS = re.compile(rf"(?:…|\.(?:{_SP}\.){{2,}})(?:{_SP}[.…])*")


def _mask(chunk: str) -> str:
    """The text as Punkt reads it: same length, curly quotes straightened, ellipses hidden.

    Punkt reads the dots of ". . ." as three full stops; ellipses are decided by
    :func:`_ellipsis_cuts` instead, so their dots are replaced by a neutral character here.
    """
    work = _SINGLE_QUOTES.sub("'", _DOUBLE_QUOTES.sub('"', chunk))
    if "." in work or "…" in work:
        work = _ELLIPSIS.sub(lambda m: re.sub(r"[.…]", "_", m.group()), work)
    return work


def _char_before(chunk: str, pos: int) -> str:
    """The last non-space character before `pos`, or "" at the start."""
    pos -= 1
    while pos >= 0 and chunk[pos].isspace():
        pos -= 1
    return chunk[pos] if pos >= 0 else ""


def _word_before(chunk: str, pos: int) -> str:
    """The whitespace-delimited word that ends before `pos` (skipping space), or ""."""
    end = pos
    while end > 0 and chunk[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not chunk[start - 1].isspace():
        start -= 1
    return chunk[start:end]


def _next_visible(chunk: str, pos: int) -> int:
    while pos < len(chunk) and chunk[pos].isspace():
        pos += 1
    return pos


# --- lists ---------------------------------------------------------------------------------------

_BULLETS = "•‣◦▪⁃●■►"
# The punctuation of an inline list marker ("1.", "1)", "1.)", "a.", "b)"), before the item text.
_MARKER_PUNCT = re.compile(r"(\.\)|\.|\))(?=\s+\S)")


def _markers(chunk: str):
    """(start, end, label, style) of every list marker: a number of up to three digits or one
    letter, at a word start (or glued to a bullet), then ".", ")" or ".)". Found from the
    punctuation backwards, which is much faster than trying a pattern at every position."""
    for m in _MARKER_PUNCT.finditer(chunk):
        end = start = m.start()
        while start > 0 and end - start < 3 and chunk[start - 1].isdigit() and chunk[start - 1].isascii():
            start -= 1
        if start == end and start > 0 and chunk[start - 1].isascii() and chunk[start - 1].isalpha():
            start -= 1
        if start == end or start > 0 and not (chunk[start - 1].isspace() or chunk[start - 1] in _BULLETS):
            continue
        yield start, m.end(), chunk[start:end], m.group(1)


_BULLET = re.compile(rf"[{_BULLETS}]")


def _list_cuts(chunk: str) -> tuple[set[int], set[int]]:
    """Inline lists: (cuts that start an item, cut positions right after a marker to drop).

    A typographic bullet (•, ⁃, ▪ …) always starts an item. A number or letter marker starts one
    when it belongs to a run of markers of the same style counting up by one from the start of the
    text or from a colon ("1) … 2) …", "a. … b. … c. …"): one "2." alone is a figure, a sequence
    is a list. The marker's own period or parenthesis never ends a sentence ("1.) The first item").
    """
    forced: set[int] = set()
    after: set[int] = set()
    first = _next_visible(chunk, 0)
    for m in _BULLET.finditer(chunk):
        if m.start() > first:
            forced.add(m.start())
    if not any(ch in chunk for ch in ".)"):
        return forced, after
    markers = []
    for m_start, m_end, label, style in _markers(chunk):
        if label.isdigit():
            kind, value = "digit", int(label)
        else:
            kind, value = ("lower" if label.islower() else "upper"), ord(label.lower()) - ord("a") + 1
        before = _char_before(chunk, m_start)
        opener = before == "" or before == ":" or before in _BULLETS
        markers.append(((m_start, m_end), kind, style, value, opener))
        if before == "" or before in _BULLETS:  # the marker of an item on its own line or after a bullet
            after.add(_next_visible(chunk, m_end))
    used = set()
    for i, (_, kind, style, value, opener) in enumerate(markers):
        if i in used or not opener or (kind != "digit" and value != 1):
            continue
        chain, want = [i], value + 1
        for j in range(i + 1, len(markers)):
            mj = markers[j]
            if mj[1] == kind and mj[2] == style and mj[3] == want:
                chain.append(j)
                want += 1
        if len(chain) < 2:
            continue
        used.update(chain)
        for j in chain:
            mj_start, mj_end = markers[j][0]
            after.add(_next_visible(chunk, mj_end))
            before = _char_before(chunk, mj_start)
            if (j != i or before == ":") and not (before and before in _BULLETS):  # a bullet already starts the item
                forced.add(mj_start)
    return forced, after


# --- ellipses ------------------------------------------------------------------------------------

_CLOSERS = "\"'”’»)]"


def _ellipsis_cuts(chunk: str) -> set[int]:
    """Sentence ends at ellipses (Chicago Manual of Style usage).

    - "[...]" marks an editorial omission inside a quotation: never an end.
    - Four dots ("....", ". . . .") are a full stop plus an ellipsis: the sentence ends there when a
      capitalised word follows. When the first dot is glued to the word ("compounds. . . . The"),
      that dot is the full stop and the spaced three belong to the omission before the next
      sentence, so the cut comes right after the glued dot.
    - Three spaced dots (". . .") are the formal omission mark inside a sentence: never an end
      (a sentence end is written with four: "is . . . I didn't mean it").
    - Three unspaced dots ("...", "…") trail off, and end the sentence when a capitalised word
      follows ("He paused... Then he left"), but not before a lower-case one ("mean... well").
    - An ellipsis that opens a sentence (at the start, or after a sentence end) never ends one.
    """
    cuts: set[int] = set()
    if "." not in chunk and "…" not in chunk:
        return cuts
    for m in _ELLIPSIS.finditer(chunk):
        s, e = m.start(), m.end()
        if s > 0 and chunk[s - 1] == "[":
            continue
        if _opens_sentence(chunk, s):
            continue
        pos = e
        while pos < len(chunk) and chunk[pos] in _CLOSERS:
            pos += 1
        nxt = _next_visible(chunk, pos)
        if nxt == pos or nxt >= len(chunk) or not chunk[nxt].isupper():
            continue
        dots = m.group().count(".") + 3 * m.group().count("…")
        if dots < 4 and not ("…" in m.group() or "..." in m.group()):
            continue
        glued = s > 0 and chunk[s - 1].isalnum() and m.group()[1:2].isspace()
        cuts.add(_next_visible(chunk, s + 1) if glued and dots >= 4 else nxt)
    return cuts


# --- missing space -------------------------------------------------------------------------------

# "closure.The": a full stop glued to the next sentence, a common typo in copied text. Only a
# lower-case word end before the stop and a capitalised word after it: "U.S.Steel" (initials),
# "example.com" (lower case after) and "ASP.NET" (capitals) are not sentence ends.
_GLUED = re.compile(r"[.!?][\"'”’]?(?=[A-Z][a-z])")


def _glued_cuts(chunk: str) -> set[int]:
    """Cuts inside a word at a glued sentence end, except in web addresses, domain names, e-mail
    addresses, paths and after a known abbreviation ("Mrs.Jones")."""
    cuts: set[int] = set()
    for m in _GLUED.finditer(chunk):
        ending = chunk[max(0, m.start() - 2) : m.start()]
        if len(ending) < 2 or not (ending.isalpha() and ending.islower()):
            continue
        left = chunk.rfind(" ", 0, m.start()) + 1
        right = m.end()
        while right < len(chunk) and not chunk[right].isspace():
            right += 1
        token = chunk[left:right]
        if "@" in token or "/" in token or token.lower().startswith("www"):
            continue
        if re.match(r"(?:com|net|org|edu|gov|info|biz)\b", chunk[m.end() : m.end() + 5], re.IGNORECASE):
            continue  # a capitalised domain name: "Newsfeed.Com"
        word = re.search(r"[A-Za-z]+$", chunk[left : m.start()])
        if word and word.group().lower() in abbreviations():
            continue
        cuts.add(m.end())
    return cuts


# --- abbreviations and initials ------------------------------------------------------------------

# Words that start sentences and are capitalised only there: closed-class words (pronouns,
# determiners, conjunctions, question words, prepositions, auxiliaries) and sentence adverbs.
# After an abbreviation that can end a sentence ("U.S.", "Co.", "p.m."), one of these capitalised
# is evidence of a new sentence ("in the U.S. How"); a noun or a name is not ("the U.S. Senate").
# Modal "May"/"Will" are left out: they are also a month and a name.
_STARTERS = frozenset(
    """i you he she it we they me this that these those there here
    the a an some many most all each every no any another both several such one
    and but or so yet nor however meanwhile then still also instead now later earlier thus hence
    therefore moreover furthermore nevertheless indeed yes
    how what when where why who whom whose which whether
    if although though because since while unless after before as once until
    in on at for from with by during under over about among between against despite according
    is are was were do does did can could would should must has have had let""".split()
)
# A sentence does not consist of a short prepositional phrase ("At 5 a.m."): a fronted adverbial
# ends in the middle of its sentence, so its abbreviation does not end one.
_PREPOSITIONS = frozenset(
    "at on in by before after until till since from around about during near for with under over within "
    "through toward towards via".split()
)
_INITIALISM = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_OPENERS = "\"'“‘«(["
_NEXT_WORD = re.compile(r"[\"'“‘«(\[]*([^\W_][\w'’.-]*)")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")


@lru_cache(maxsize=1)
def _abbreviation_kinds() -> dict[str, str]:
    """The shipped abbreviation list with each entry's kind: "", "title" or "number"."""
    raw = resources.files("briefing").joinpath("data/abbreviations_en.txt").read_text("utf-8")
    kinds = {}
    for line in raw.splitlines():
        fields = line.split()
        if fields and not line.startswith("#"):
            kinds[fields[0]] = fields[1] if len(fields) > 1 else ""
    return kinds


@lru_cache(maxsize=1)
def _punkt_data() -> dict:
    raw = resources.files("briefing").joinpath("data/punkt_en.json").read_text("utf-8")
    return json.loads(raw)


@lru_cache(maxsize=1)
def _punkt_abbreviations() -> frozenset[str]:
    """Punkt's abbreviation types: the reviewed list plus the initialisms learned from EWT."""
    return abbreviations() | frozenset(_punkt_data()["abbrev_types"])


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    return _STARTERS | frozenset(_punkt_data()["sent_starters"])


def _abbreviation_cuts(chunk: str, cuts: set[int], forced: set[int]) -> set[int]:
    """Decide the cut after every period-final word that is an abbreviation or an initial.

    - a number abbreviation before a number ("No. 7", "p. 55", "N°. 1026") never ends a sentence;
    - a title ("Mr.", "Dr.", "Mt.") precedes a name, so it never ends one, except after a
      capitalised word, where it is a street ("Main St.", "Mulholland Dr.");
    - the pronoun "I." (after a lower-case word: "you and I.") is a word, not an initial: it ends
      the sentence when a capitalised word follows;
    - a middle initial ("Jonas E. Smith", "Albert I. Jones": after a capitalised word, before one
      that is not a sentence starter) does not end one;
    - any other abbreviation ("U.S.", "Co.", "a.m.") ends the sentence only when the next word is a
      capitalised sentence starter or a title ("co. They", "P.M. Mr. Smith") and the words before
      it can be a sentence, i.e. are not just a short prepositional phrase ("At 5 a.m. Mr. Smith").
    Other words keep Punkt's decision. `forced` cuts (list items) count as sentence starts.
    """
    kinds = _abbreviation_kinds()
    punkt_abbrevs = _punkt_abbreviations()
    out = set(cuts)
    # The start of the sentence before each abbreviation: the last cut at or before it. Cuts only
    # change after the abbreviation being decided, so one pass over the sorted cuts (and a heap of
    # the cuts added on the way) finds it in linear time, even with thousands of "U.S." in a row.
    ordered, k, added, last = sorted(out | forced), 0, [], 0
    # (?<!\S): a match starts where a word starts, so a long run without spaces ("a-a-a-...") is
    # scanned once, not once from each of its characters (the matches are the same).
    for m in re.finditer(r"(?<!\S)\S+\.(?=\s)", chunk):
        token = m.group()
        if token.endswith(".."):
            continue
        core = token.lstrip(_OPENERS)[:-1]
        low = core.lower()
        kind = kinds.get(low)
        single = len(core) == 1 and core.isalpha()
        if kind is None and not single and low not in punkt_abbrevs and not _INITIALISM.fullmatch(core):
            continue
        nxt = _next_visible(chunk, m.end())
        if nxt >= len(chunk):
            continue
        word_m = _NEXT_WORD.match(chunk, nxt)
        word = word_m.group(1) if word_m else ""
        prev_word = _word_before(chunk, m.start())
        if kind == "number" and chunk[nxt].isdigit():
            out.discard(nxt)
        elif kind == "number":
            continue  # an ordinary word here ("He said no."): Punkt decides
        elif kind == "title" and not _after_name(prev_word):
            out.discard(nxt)
        elif single and core == "I" and (prev_word.lstrip(_OPENERS)[:1].islower() or prev_word.endswith(",")):
            if word[:1].isupper():
                out.add(nxt)
                heapq.heappush(added, nxt)
            else:
                out.discard(nxt)
        elif single and core.isupper():
            if _capitalised(prev_word) and word[:1].isupper() and not _starts_sentence(word):
                out.discard(nxt)
        elif single:
            continue
        else:
            pos = m.start()
            while k < len(ordered) and ordered[k] <= pos:
                if ordered[k] in out or ordered[k] in forced:
                    last = max(last, ordered[k])
                k += 1
            while added and added[0] <= pos:
                cut = heapq.heappop(added)
                if cut in out:
                    last = max(last, cut)
            fragment = chunk[last : m.end()]
            if word[:1].isupper() and _starts_sentence(word) and _can_be_sentence(fragment):
                out.add(nxt)
                heapq.heappush(added, nxt)
            else:
                out.discard(nxt)
    return out


def _capitalised(word: str) -> bool:
    word = word.lstrip(_OPENERS)
    return word[:1].isupper()


def _after_name(prev_word: str) -> bool:
    """A title abbreviation after a capitalised word or an ordinal is a street ("Main St.", "5th St.")."""
    prev_word = prev_word.lstrip(_OPENERS)
    if _ORDINAL.fullmatch(prev_word.lower()):
        return True
    return (
        prev_word[:1].isupper()
        and prev_word[-1:].isalpha()
        and prev_word.lower() not in _starters()
        and prev_word.lower() not in _abbreviation_kinds()
    )


def _starts_sentence(word: str) -> bool:
    low = word.lower()
    return low in _starters() or _abbreviation_kinds().get(low.rstrip(".")) == "title" and word.endswith(".")


def _can_be_sentence(fragment: str) -> bool:
    words = fragment.split()
    if len(words) <= 1:
        return False
    return not (len(words) <= 4 and "," not in fragment and words[0].lstrip(_OPENERS).lower() in _PREPOSITIONS)


# --- continuation and brackets -------------------------------------------------------------------


_CLOSED_QUOTE = re.compile(r"[.!?…]+[\"'”’»)\]]+\s*$")
_NAME_BANG = re.compile(r"(?:^|\s)[\"'“‘(]?[A-Z][\w'’&-]*![\"'”’)]*\s*$")


def _continues_lower(chunk: str, cut: int) -> bool:
    """True when the text after a cut starts with a lower-case word that continues the sentence:

    - after a closing quotation mark or bracket: a quoted or bracketed sentence followed by a
      lower-case word is embedded in the sentence around it ("'This is great.' she said",
      "“Why?” she asked", "(… an engineer.) at the local University");
    - after a single "!" that ends a capitalised word: names such as "Yahoo!" or "Jeopardy!" keep
      their exclamation mark mid-sentence ("She works at Yahoo! in the accounting department").
    A bare full stop before a lower-case word keeps Punkt's decision: informal text often starts
    sentences in lower case. Words with an inner capital ("iPhone", "eBay") do not count as lower case.
    """
    pos = cut
    while pos < len(chunk) and chunk[pos] in _OPENERS:
        pos += 1
    if pos >= len(chunk) or not chunk[pos].islower():
        return False
    word = re.match(r"\w+", chunk[pos:])
    if word and any(ch.isupper() for ch in word.group()):
        return False
    before = chunk[max(0, cut - 80) : cut]
    return bool(_CLOSED_QUOTE.search(before) or _NAME_BANG.search(before))


_BRACKET_SPAN = 300
_BRACKET = re.compile(r"[()\[\]]")


def _opens_sentence(chunk: str, pos: int) -> bool:
    """True when nothing or a sentence end (with closing quotes) comes before `pos`."""
    pos -= 1
    while pos >= 0 and chunk[pos].isspace():
        pos -= 1
    while pos >= 0 and chunk[pos] in _CLOSERS:
        pos -= 1
    return pos < 0 or chunk[pos] in ".!?…"


def _bracket_pairs(chunk: str) -> list[tuple[int, int]]:
    """(open, close) offsets of matched round and square brackets at most 300 characters apart.

    A parenthetical inside a sentence is part of it even when it holds a sentence of its own
    ("science (He previously worked … as an engineer.) at the local University"), so no cut falls
    inside one. A bracket that opens a sentence holds whole sentences of its own ("… them. (On what
    evidence? The hijackers …)"), which may be cut, so it is not returned. Unmatched closers
    (list markers "1)", "a)") are ignored."""
    pairs = []
    stack: list[tuple[str, int]] = []
    for bracket in _BRACKET.finditer(chunk):
        i, ch = bracket.start(), bracket.group()
        if ch in "([":
            stack.append((ch, i))
        elif ch in ")]" and stack:
            want = "(" if ch == ")" else "["
            if stack[-1][0] == want:
                _, o = stack.pop()
                if i - o <= _BRACKET_SPAN and not _opens_sentence(chunk, o):
                    pairs.append((o, i))
    return pairs
