"""Markdown articles: the title, the paragraphs of running text and the front matter's metadata,
in the shape :func:`briefing.html.extract` gives for a page (a :class:`~briefing.html.Page`).

The text is parsed with markdown-it-py (CommonMark, plus GFM tables and strikethrough so that
their markup is recognised rather than left in the text), then read block by block:

- the title is the front matter's ``title``, else the first level-1 heading, else the first
  heading when it is the first block with text; other headings are paragraphs of their own;
- paragraphs, list items (one paragraph each, without the bullet or number) and block quotes
  keep their text without inline markup: emphasis markers go, a link keeps its text and loses
  its URL, an image goes (alt text included), inline code keeps its text, line breaks become
  spaces;
- code blocks, HTML blocks and comments, tables and horizontal rules are left out.

YAML (``---``) or TOML (``+++``) front matter at the very top gives ``title``, ``date``,
``author`` and ``site``; it is read by a small ``key: value`` reader (no YAML library) and never
becomes text. markdown-it is imported inside :func:`extract`, never at import time.
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
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})(?:$|[T ]\S)")
# Front matter keys that fill metadata (several spellings used by static site generators).
_KEYS = {"title": "title", "date": "date", "author": "author", "authors": "author", "site": "site"}
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)


def extract(text: str) -> Page:
    """The title, paragraphs and metadata of a Markdown article.

    `text` is decoded Markdown; a leading byte-order mark is ignored. The :class:`Page` has the
    `title` (one line, or None when the document has none: the caller may then find one in the
    paragraphs as for plain text), the `paragraphs` (each one line of plain text, without the
    title) and `date` (``YYYY-MM-DD``), `author` and `site` from the front matter, each None when
    absent. Raises InputError("no article text found in the Markdown file") when nothing but
    markup is left (code, tables, HTML, front matter only).
    """
    meta, body = _split_front_matter(text.lstrip("\ufeff"))
    blocks = _blocks(body)  # (heading level or 0, text), empty blocks left out
    title = meta.get("title")
    if title:
        # The same headline repeated as the first heading is not a paragraph of the text.
        first_h1 = next((i for i, (level, _) in enumerate(blocks) if level == 1), None)
        for i in (first_h1, 0):
            if i is not None and i < len(blocks) and blocks[i][0] and _same(blocks[i][1], title):
                del blocks[i]
                break
    else:
        index = next((i for i, (level, _) in enumerate(blocks) if level == 1), None)
        if index is None and blocks and blocks[0][0]:
            index = 0
        if index is not None:
            title = blocks.pop(index)[1]
    paragraphs = tuple(block for _, block in blocks)
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


def _inline_text(children) -> str:
    """The plain text of an inline token's children: markup tokens (emphasis, links) add nothing,
    text and code add their content, breaks a space; images and struck-out text are dropped."""
    parts: list[str] = []
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
        elif kind in ("text", "text_special", "code_inline"):
            parts.append(child.content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif kind == "html_inline" and _BREAK_TAG.fullmatch(child.content.strip()):
            parts.append(" ")
        # image: an illustration's alt text ("chart", "photo of the mayor") is no part of a
        # sentence; other tags and link/emphasis markers carry no text of their own.
    return "".join(parts)


def _line(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _same(a: str, b: str) -> bool:
    return _line(a).casefold() == _line(b).casefold()


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``(metadata, body)``: the front matter's known keys (see ``_KEYS``) with plain string
    values, and the Markdown after it; ``({}, text)`` when `text` has no front matter."""
    found = _read_front_matter(text)
    if found is None:
        return {}, text
    entries, end = found
    values: dict[str, str] = {}
    for key, parts in entries:
        name = _KEYS.get(key.lower())
        value = ", ".join(v for v in (_scalar(p) for p in parts) if v)
        if name and value and name not in values:
            values[name] = value
    return values, text[end:]


def has_front_matter(text: str) -> bool:
    """True when `text` opens (on its very first line) with a front matter block that holds at
    least one ``key: value`` (YAML, ``---``) or ``key = value`` (TOML, ``+++``) entry and is
    closed: the sign of a Markdown document that content sniffing relies on."""
    found = _read_front_matter(text)
    return bool(found and found[0])


def _read_front_matter(text: str) -> tuple[list[tuple[str, list[str]]], int] | None:
    """``(entries, end)`` for the front matter at the top of `text` (``entries`` the top-level
    ``(key, [inline value, list items...])``, ``end`` the offset just past its closing fence),
    or None when `text` has none.

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
    entries: list[tuple[str, list[str]]] = []  # (key, [inline value, list items...])
    nested = False  # TOML: past a [table] header
    while pos < min(len(text), _FRONT_LIMIT):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        line = text[pos:end].rstrip("\r\n")
        pos = end
        stripped = line.strip()
        if line.rstrip() in closers:
            return entries, pos
        if not stripped or stripped.startswith("#"):
            continue
        match = key_pattern.fullmatch(line)
        if fence == "+++":
            nested = nested or (stripped.startswith("[") and not match)
            if match and not nested:
                entries.append((match.group(1), [match.group(2) or ""]))
        elif match and not line[:1].isspace():
            entries.append((match.group(1), [match.group(2) or ""]))
        elif entries and (line[:1].isspace() or stripped.startswith("- ")):
            if stripped.startswith("- "):
                entries[-1][1].append(stripped[2:])  # a block list item ("authors:\n  - A")
        else:
            return None  # not front matter: prose or Markdown between two rules
    return None


def _scalar(value: str) -> str:
    """A front matter value as plain text: quotes removed, a flow list ``[a, "b"]`` joined with
    commas, a trailing ``# comment`` dropped; nested mappings and block scalars give ""."""
    value = value.strip()
    if value in ("|", ">", "|-", ">-", "{}", "[]", "~", "null") or value.startswith("{"):
        return ""
    if value.startswith("["):  # a flow list; one continued on the next lines is skipped
        if not value.endswith("]"):
            return ""
        return ", ".join(v for v in (_scalar(item) for item in value[1:-1].split(",")) if v)
    if value[:1] in ("'", '"'):  # a quoted string, maybe with a comment after it
        end = value.find(value[0], 1)
        return _line(value[1:end]) if end > 0 else ""
    return _line(re.sub(r"\s+#.*$", "", value))


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
