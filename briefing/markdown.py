"""Markdown articles: the title, the paragraphs of running text and the front matter's metadata,
in the shape :func:`briefing.html.extract` gives for a page (a :class:`~briefing.html.Page`).

The text is parsed with markdown-it-py (CommonMark, plus GFM tables and strikethrough so that
their markup is recognised rather than left in the text), then read block by block:

- the title is the front matter's ``title``, else the first level-1 heading, else the first
  heading when it is the first block with text; headings other than the title are left out
  (section headings are page furniture, as trafilatura treats them for HTML pages: "Reaction"
  is no sentence of the article, and a second headline must not become summary sentence 0);
- paragraphs, list items (one paragraph each, without the bullet or number) and block quotes
  keep their text without inline markup: emphasis markers go, a link keeps its text and loses
  its URL, an image goes (alt text included), inline code keeps its text, line breaks become
  spaces, footnote references (``[^1]``) go;
- code blocks, HTML blocks and comments, tables, horizontal rules and footnote definitions
  (``[^1]: ...`` and their continuation lines) are left out.

YAML (``---``) or TOML (``+++``) front matter at the very top gives ``title``, ``date``,
``author`` and ``site``; it never becomes text. It is read by a small ``key: value`` reader (no
YAML library, no code execution, linear in the first 64 KiB at most) that knows plain values,
single-quoted (``'It''s here'``) and double-quoted values with backslash escapes
(``"Say \\"hi\\""``, ``\\n``, ``\\uXXXX``), quoted and plain values continued on indented
lines, folded (``>``) and literal (``|``) block scalars, and lists (``[a, "b"]`` or ``- a`` lines,
joined with commas); every value becomes one line. The title's inline Markdown
(``**new**``, links) is removed as in paragraphs. markdown-it is imported inside :func:`extract`,
never at import time.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from .errors import InputError
from .html import Page

_WS = re.compile(r"\s+")
# Front matter: a fence line (``---`` YAML, ``+++`` TOML) as the very first line, the same fence
# (or YAML's ``...``) closing it. Only the first 64 KiB are searched for the closing fence.
_FRONT_OPEN = re.compile(r"(---|\+\+\+)[ \t]*\r?\n")
_FRONT_LIMIT = 65536
# A top-level entry: ``key: value`` (YAML) or ``key = value`` (TOML).
_YAML_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*")
_TOML_KEY = re.compile(r"([A-Za-z_][\w.-]*)[ \t]*=[ \t]*(.*?)[ \t]*")
# A YAML block scalar's header: ``|`` (literal) or ``>`` (folded), with optional chomping and
# indentation indicators, maybe a comment.
_BLOCK_HEADER = re.compile(r"([|>])(?:[+-]?[1-9]?|[1-9][+-])(?:[ \t]+#.*)?")
# Quoted scalars, from the opening quote to the closing one (written so that they never
# backtrack): '' is a quote inside single quotes, a backslash escapes anything inside double ones.
_SINGLE_QUOTED = re.compile(r"'([^']*(?:''[^']*)*)'")
_DOUBLE_QUOTED = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"', re.DOTALL)
_ESCAPE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)", re.DOTALL)
# YAML's (and TOML's) one-character escapes; an escaped line break joins the lines.
_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f",
    "r": "\r", "e": "\x1b", " ": " ", '"': '"', "'": "'", "/": "/", "\\": "\\", "N": "\x85",
    "_": "\xa0", "L": "\u2028", "P": "\u2029", "\n": "",
}
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# One item of a flow list ``[a, "b, c", 'd']``: a quoted string or anything up to a comma.
_FLOW_ITEM = re.compile(r"""[ \t]*("[^"\\]*(?:\\.[^"\\]*)*"|'[^']*(?:''[^']*)*'|[^,]*)[ \t]*(?:,|$)""", re.DOTALL)
_NULLS = ("{}", "[]", "~", "null", "Null", "NULL")
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ]\S)")
# Front matter keys that fill metadata (several spellings used by static site generators).
_KEYS = {"title": "title", "date": "date", "author": "author", "authors": "author", "site": "site"}
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
# Footnotes (the syntax of markdown-it's footnote plugin, which is not used): a reference
# ``[^label]`` in running text (with the spaces before it), and a definition ``[^label]: text``
# starting a line. A label has no spaces or brackets; the lookbehind starts a match only at the
# first of a run of spaces, so that neither a long run of spaces nor of "[^" costs quadratic time.
_FOOTNOTE_REF = re.compile(r"(?<![ \t])[ \t]*\[\^[^\[\]\s]+\]")
_FOOTNOTE_DEF = re.compile(r" {0,3}\[\^[^\[\]\s]+\]:")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# A line that starts a block of its own, so it is no lazy continuation of a footnote definition.
_NEW_BLOCK = re.compile(r" {0,3}(?:#{1,6}(?:\s|$)|```|~~~|>|[-*+](?:\s|$)|\d{1,9}[.)](?:\s|$)|<|\[\^[^\[\]\s]+\]:)")


def extract(text: str) -> Page:
    """The title, paragraphs and metadata of a Markdown article.

    `text` is decoded Markdown; a leading byte-order mark is ignored. The :class:`Page` has the
    `title` (one line, or None when the document has none: the caller may then find one in the
    paragraphs as for plain text), the `paragraphs` (each one line of plain text, without the
    title or any other heading) and `date` (``YYYY-MM-DD``), `author` and `site` from the front
    matter, each None when absent. Raises InputError("no article text found in the Markdown
    file") when nothing but markup is left (code, tables, HTML, front matter only).
    """
    meta, body = _split_front_matter(text.lstrip("\ufeff"))
    blocks = _blocks(_drop_footnote_definitions(body))  # (heading level or 0, text), empty blocks left out
    title = meta.get("title")
    if title:
        # The front matter's title may hold inline Markdown ("Council approves **new** budget").
        title = _line(_inline_text(_parser().parseInline(title)[0].children or ()))
    if not title:
        index = next((i for i, (level, _) in enumerate(blocks) if level == 1), None)
        if index is None and blocks and blocks[0][0]:
            index = 0
        if index is not None:
            title = blocks.pop(index)[1]
    # Every other heading is left out: section headings ("Reaction") are no sentences of the
    # article, and a headline repeated (or a second one) below the title must not become one.
    paragraphs = tuple(block for level, block in blocks if not level)
    if not paragraphs and not title:
        raise InputError("no article text found in the Markdown file")
    return Page(
        title=title or None,
        paragraphs=paragraphs,
        date=_date(meta.get("date")),
        author=meta.get("author"),
        site=meta.get("site"),
    )


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt

    # "commonmark" has raw HTML on (so that HTML is recognised as markup and dropped, not read as
    # text) and no linkify (which would need linkify-it-py). Tables and ~~strikethrough~~ are GFM
    # syntax that Markdown articles use; without these rules their pipes and tildes stay in the text.
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def _blocks(body: str) -> list[tuple[int, str]]:
    """``(level, text)`` for each heading (level 1-6) and paragraph (level 0) with text, in order.

    Only the inline content of headings and paragraphs is read (a list item's or block quote's
    paragraphs are paragraphs too), so everything else is left out by construction: code blocks
    and horizontal rules have none, HTML blocks are raw, and table cells' inline content follows
    ``th_open``/``td_open``. Tables are left out on purpose, as for HTML pages: their rows are
    not sentences, so the summarizers would pick "Region 2023 2024 North 12 15" as one, and
    their numbers would be figures without the words that say what they count.
    """
    tokens = _parser().parse(body)
    blocks: list[tuple[int, str]] = []
    for previous, token in zip(tokens, tokens[1:]):
        if token.type != "inline":
            continue
        if previous.type == "heading_open":
            level = int(previous.tag[1:])
        elif previous.type == "paragraph_open":
            level = 0
        else:
            continue
        text = _line(_inline_text(token.children or ()))
        if text:
            blocks.append((level, text))
    return blocks


def _drop_footnote_definitions(body: str) -> str:
    """`body` without footnote definitions: a line ``[^label]: text`` (outside fenced code)
    becomes a blank line, and the lines that continue it (lazy continuation lines up to a blank
    line or a new block, then lines indented by four spaces) go with it."""
    if "[^" not in body:
        return body
    out: list[str] = []
    fence = ""  # the opening fence of the code block we are in
    in_definition = after_blank = False
    pieces = body.split("\n")  # (not splitlines(): Markdown lines end at \n only, never at \f or \x1c)
    for number, content in enumerate(pieces):
        line = content + "\n" if number < len(pieces) - 1 else content
        content = content.rstrip("\r")
        if fence:
            out.append(line)
            closing = _FENCE.match(content)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence) and not content[closing.end() :].strip():
                fence = ""
            continue
        if in_definition:
            expanded = content.expandtabs(4)
            indent = len(expanded) - len(expanded.lstrip(" "))
            if not content.strip():
                after_blank = True
                out.append(line)
                continue
            if indent >= 4 or not (after_blank or _NEW_BLOCK.match(content)):
                continue  # part of the definition
            in_definition = False
        if _FOOTNOTE_DEF.match(content):
            in_definition, after_blank = True, False
            out.append("\n")
            continue
        opening = _FENCE.match(content)
        if opening and not (opening.group(1)[0] == "`" and "`" in content[opening.end() :]):
            fence = opening.group(1)
        out.append(line)
    return "".join(out)


def _inline_text(children) -> str:
    """The plain text of an inline token's children: markup tokens (emphasis, links) add nothing,
    text and code add their content, breaks a space; images, struck-out text and footnote
    references (``[^1]``, outside code) are dropped."""
    parts: list[str] = []
    text: list[str] = []  # text since the last code span, where footnote references are removed

    def flush() -> None:
        if text:
            parts.append(_FOOTNOTE_REF.sub("", "".join(text)))
            text.clear()

    struck = 0
    for child in children:
        kind = child.type
        if kind == "s_open":
            struck += 1
        elif kind == "s_close":
            struck = max(0, struck - 1)
        elif struck:
            # ~~text~~ is what the author crossed out (a correction, a joke): the sentence
            # reads as meant without it, and its numbers are not the article's figures.
            continue
        elif kind in ("text", "text_special"):
            text.append(child.content)
        elif kind == "code_inline":
            flush()
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            text.append(" ")
        elif kind == "html_inline" and _BREAK_TAG.fullmatch(child.content.strip()):
            text.append(" ")
        # image: an illustration's alt text ("chart", "photo of the mayor") is no part of a
        # sentence; other tags and link/emphasis markers carry no text of their own.
    flush()
    return "".join(parts)


def _line(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(metadata, body)``: the front matter's known keys (see ``_KEYS``) with plain string
    values (one line each), and the Markdown after it; ``({}, text)`` when `text` has no front
    matter."""
    found = _read_front_matter(text)
    if found is None:
        return {}, text
    entries, end = found
    values: dict[str, str] = {}
    for key, inline, lines in entries:
        name = _KEYS.get(key.lower())
        if name and name not in values:
            value = _value(inline, lines)
            if value:
                values[name] = value
    return values, text[end:]


def has_front_matter(text: str) -> bool:
    """True when `text` opens (on its very first line) with a front matter block that holds at
    least one ``key: value`` (YAML, ``---``) or ``key = value`` (TOML, ``+++``) entry and is
    closed: the sign of a Markdown document that content sniffing relies on."""
    found = _read_front_matter(text)
    return bool(found and found[0])


def _read_front_matter(text: str) -> tuple[list[tuple[str, str, list[str]]], int] | None:
    """``(entries, end)`` for the front matter at the top of `text` (``entries`` the top-level
    ``(key, inline value, [lines after it])``, ``end`` the offset just past its closing fence),
    or None when `text` has none. The lines after an entry are the indented, blank and ``- item``
    lines up to the next entry (YAML only): a block scalar's text, a list, a continued value or a
    nested mapping, told apart by :func:`_value`.

    A ``---`` block counts as front matter only when every line in it reads as YAML (entries,
    indented or list continuation lines, comments), so that a document starting with a
    horizontal rule and a setext heading is not mistaken for one. A ``+++`` block means nothing
    else in Markdown: all of it is front matter, and its keys are read up to the first
    ``[table]`` (later keys belong to that table)."""
    opening = _FRONT_OPEN.match(text)
    if not opening:
        return None
    fence = opening.group(1)
    closers = ("---", "...") if fence == "---" else ("+++",)
    key_pattern = _YAML_KEY if fence == "---" else _TOML_KEY
    pos = opening.end()
    entries: list[tuple[str, str, list[str]]] = []
    nested = False  # TOML: past a [table] header
    while pos < min(len(text), _FRONT_LIMIT):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        line = text[pos:end].rstrip("\r\n")
        pos = end
        stripped = line.strip()
        if line.rstrip() in closers:
            return entries, pos
        if fence == "+++":
            if stripped and not stripped.startswith("#"):
                match = key_pattern.fullmatch(line)
                nested = nested or (stripped.startswith("[") and not match)
                if match and not nested:
                    entries.append((match.group(1), match.group(2) or "", []))
            continue
        if not stripped:
            if entries:
                entries[-1][2].append("")  # a blank line inside a block scalar counts
            continue
        indented = line[:1].isspace()
        if stripped.startswith("#") and not (indented and entries):
            continue  # a comment (an indented one may be a block scalar's text: kept for _value)
        match = key_pattern.fullmatch(line)
        if match and not indented:
            entries.append((match.group(1), match.group(2) or "", []))
        elif entries and (indented or stripped == "-" or stripped.startswith("- ")):
            entries[-1][2].append(line)
        else:
            return None  # not front matter: prose or Markdown between two rules
    return None


def _value(inline: str, lines: list[str]) -> str:
    """An entry's value as one line of plain text (see :func:`_read_front_matter`): a block
    scalar's lines joined (with spaces for ``>``, line breaks for ``|``), a block list's items
    joined with commas, a plain or quoted value continued on indented lines joined with it;
    "" for a nested mapping or nothing."""
    inline = inline.strip()
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    header = _BLOCK_HEADER.fullmatch(inline)
    if header:
        content = [line.strip() for line in lines]
        return _line((" " if header.group(1) == ">" else "\n").join(content))
    if not inline:
        items = [line.strip()[1:] for line in lines if line.strip() == "-" or line.strip().startswith("- ")]
        if items:  # a block list: "authors:\n  - A\n  - B"
            return ", ".join(v for v in (_scalar(item) for item in items) if v)
        content = [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]
        if not content or content[0][:1] not in "'\"" and re.search(r":(?:\s|$)", content[0]):
            return ""  # nothing, or a nested mapping
        inline, lines = content[0], content[1:]
    if inline[:1] in "'\"":  # a quoted value, maybe continued on the next lines
        closed = (_SINGLE_QUOTED if inline[0] == "'" else _DOUBLE_QUOTED).match(inline)
        if not closed and lines:
            inline = "\n".join([inline] + [line.strip() for line in lines])
        return _scalar(inline)
    continued = []
    for line in lines:  # a plain value continued on indented lines, up to a comment or an item
        line = line.strip()
        if line.startswith("#") or line == "-" or line.startswith("- "):
            break
        continued.append(line)
    return _scalar(" ".join([inline] + continued))


def _scalar(value: str) -> str:
    """A front matter value as one line of plain text: quotes removed (``''`` in single quotes
    is a quote; backslash escapes in double quotes are decoded), a flow list ``[a, "b"]`` joined
    with commas, a trailing ``# comment`` dropped; nested mappings and nulls give ""."""
    value = value.strip()
    if value in _NULLS or value.startswith("{") or _BLOCK_HEADER.fullmatch(value):
        return ""
    if value.startswith("["):  # a flow list
        if not value.endswith("]"):
            return ""
        items, pos, inner = [], 0, value[1:-1]
        while pos < len(inner):
            item = _FLOW_ITEM.match(inner, pos)
            if item is None or item.end() == pos:
                break
            items.append(item.group(1))
            pos = item.end()
        return ", ".join(v for v in (_scalar(item) for item in items) if v)
    if value[:1] == "'":  # a single-quoted string, maybe with a comment after it
        quoted = _SINGLE_QUOTED.match(value)
        return _line(quoted.group(1).replace("''", "'")) if quoted else ""
    if value[:1] == '"':  # a double-quoted string with backslash escapes
        quoted = _DOUBLE_QUOTED.match(value)
        return _line(_unescape(quoted.group(1))) if quoted else ""
    return _line(re.sub(r"\s+#.*$", "", value))


def _unescape(text: str) -> str:
    """The backslash escapes of a YAML (or TOML) double-quoted string decoded: ``\\"``,
    ``\\\\``, ``\\n``, ``\\t``, ``\\xXX``, ``\\uXXXX`` (surrogate pairs joined), ``\\UXXXXXXXX``
    and the rest of YAML's; an unknown escape stays as written. Control characters other than
    whitespace are dropped, an unpaired surrogate becomes U+FFFD."""

    def decode(match: re.Match) -> str:
        escape = match.group(1)
        if len(escape) > 1:
            code = int(escape[1:], 16)
            return chr(code) if code <= 0x10FFFF else match.group(0)
        return _ESCAPES.get(escape, match.group(0))

    text = _ESCAPE.sub(decode, text)
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROL.sub("", text)


def _date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from a front matter date (``2024-03-14``, ``2024-03-14T09:30:00Z``,
    ``2024-03-14 09:30``), or None for anything else."""
    match = _ISO_DATE.match(value or "")
    if not match:
        return None
    try:
        return dt.date.fromisoformat(match.group(1)).isoformat()
    except ValueError:
        return None


__all__ = ["extract", "has_front_matter"]
