"""Article text -> title, paragraphs, sentences and tokens, as character spans.

The source text is never rewritten: every span indexes the text as read. Sentence boundaries come
from NLTK's Punkt algorithm (Kiss & Strunk 2006, `nltk.tokenize.punkt`) run with parameters this
project ships (``briefing/data/abbreviations_en.txt``), never with NLTK's downloadable models;
word tokens from NLTK's improved Treebank tokenizer (`NLTKWordTokenizer.span_tokenize`).

Layout rules applied before Punkt (news copy is rarely clean prose):
- a blank line always ends a sentence and a paragraph;
- a single newline is a line wrap, unless the line before it is short with no final punctuation
  (a headline, byline or dateline) or the next line starts a list item;
- the first line is the title when it reads as a headline, and the same headline repeated on the
  following lines is set aside rather than read as sentences.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from ..document import Article, Metadata, Paragraph, Sentence, Span, Token

# A line that ends like this is a sentence end or continues (comma): not a headline.
_FINAL_PUNCT = ".!?;:,…\"'”’»)]"
_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•‣◦▪–]|\d{1,3}[.)])[ \t]+\S")
_HEADLINE_MAX_CHARS = 160
_HEADLINE_MAX_WORDS = 25
# Lines shorter than this without final punctuation end where they end (byline, dateline).
_SHORT_LINE = 48
# Punkt may split after these even though a number follows ("No. 7", "pp. 12").
_BYLINE = re.compile(r"(?:By|BY|by)\s+(?P<name>[^\W\d_][\w.'’-]*(?:[ \t]+(?:[^\W\d_][\w.'’-]*|and|&|,))*)\Z")
_CONTINUERS = frozenset(
    "a an the and or but of to in on at for from with by as that than its their his her our".split()
)
_NUMBER_ABBREV = re.compile(r"(?:^|[\s(])(?:[Nn]os?|[Pp]p?|[Aa]rt|[Ss]ec|[Ff]igs?|[Vv]ol|[Cc]h|[Ee]st)\.$")


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The shipped abbreviation list: lower-case, without the final period (``u.s``, ``e.g``)."""
    raw = resources.files("briefing").joinpath("data/abbreviations_en.txt").read_text("utf-8")
    return frozenset(
        line.strip() for line in raw.splitlines() if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(abbreviations())
    return PunktSentenceTokenizer(params)


@lru_cache(maxsize=1)
def _word_tokenizer():
    from nltk.tokenize.destructive import NLTKWordTokenizer

    return NLTKWordTokenizer()


_FALLBACK_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Split `text` into word tokens with spans shifted by `offset`.

    Uses NLTK's Treebank-style tokenizer; when it cannot align its tokens to the text (it
    rewrites some quotes), falls back to a regular expression so that spans stay exact.
    """
    try:
        spans = list(_word_tokenizer().span_tokenize(text))
    except (ValueError, LookupError):
        spans = [m.span() for m in _FALLBACK_TOKEN.finditer(text)]
    tokens = []
    for start, end in spans:
        piece = text[start:end]
        if piece and not piece.isspace():
            tokens.append(Token(piece, start + offset, end + offset))
    return tuple(tokens)


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
            key = _norm(text[title.start : title.end])
            rest = [line for block in blocks for line in block][1:]
            consumed = 1
            for s, e in rest:
                if _norm(text[s:e]) != key:
                    break
                set_aside.append(Span(s, e))
                consumed += 1
            skip = {(title.start, title.end)} | {(sp.start, sp.end) for sp in set_aside}
            blocks = [[ln for ln in block if ln not in skip] for block in blocks]
            blocks = [block for block in blocks if block]

    # A byline among the first lines ("By Marta Quinn") is metadata, not a sentence.
    author = None
    for block in blocks[:2]:
        s, e = block[0]
        match = _BYLINE.match(text, s, e)
        if match and len(text[s:e].split()) <= 8 and (len(block) == 1 or _ends_open(text[s:e])):
            author = match.group("name").strip(" ,")
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
    for (ps, pe), (ns, ne) in zip(block, block[1:]):
        prev_line, next_line = text[ps:pe], text[ns:ne]
        hard = bool(_LIST_ITEM.match(next_line)) or (
            _ends_open(prev_line)
            and len(prev_line) <= _SHORT_LINE
            # A sentence goes on when the next line starts in lower case or the line ends on a
            # function word ("... built the dam\nin 2019", "... the\nreport").
            and not next_line[:1].islower()
            and prev_line.rsplit(None, 1)[-1].lower() not in _CONTINUERS
        )
        if hard:
            segments.append((seg_start, seg_end))
            seg_start = ns
        seg_end = ne
    segments.append((seg_start, seg_end))
    return segments


def _sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Punkt sentence spans inside text[start:end], with project fix-ups, as absolute offsets."""
    chunk = text[start:end]
    spans = [(s + start, e + start) for s, e in _punkt().span_tokenize(chunk)]
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and _NUMBER_ABBREV.search(text[merged[-1][0] : merged[-1][1]]) and text[s : s + 1].isdigit():
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    out = []
    for s, e in merged:
        s, e = _strip(text, s, e)
        if s < e:
            out.append((s, e))
    return out
