"""Where articles come from: paths, directories, ``-`` (stdin), URLs, lists of inputs and JSON Lines.

Two halves, so that the parent process only *lists* inputs and the workers *read* them:

- :func:`iter_sources` turns what the user typed into a lazy stream of :class:`Source` items
  (a directory is walked as the stream is consumed; a JSON Lines file is read line by line).
  It never reads a file's content, except stdin and the lines of ``--jsonl`` and ``--from-list``.
- :func:`load` reads one source (file, URL, stdin bytes or JSON record) and returns a
  :class:`Loaded`: the text, and the title and metadata when the input gives them (HTML,
  Markdown).

Every failure of one input is an :class:`~briefing.errors.InputError`; a source that is known
to be bad while listing (a missing ``--jsonl`` file, a folder that cannot be listed, a JSON Lines
record or stdin over the size limit) is a Source with `error` set, so that it is reported in its
place rather than silently skipped.

Limits: no input is read past ``max_bytes`` (files, stdin, JSON Lines records, URLs): a larger
one is the error "input too large". The time limit per input is enforced by
:mod:`briefing.batch`.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, BinaryIO

from .errors import InputError
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, is_url, url_scheme
from .reader import looks_binary, utf16_without_bom, os_error_message, replace_surrogates, too_large

if TYPE_CHECKING:
    from .html import Page

STDIN = "-"
DEFAULT_GLOBS = ("*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm")
_MARKDOWN_EXTENSIONS = (".md", ".markdown")
_MARKDOWN_CONTENT_TYPES = ("text/markdown", "text/x-markdown")  # RFC 7763, and the older label
# Extensions that declare plain text: such a file is never sniffed for Markdown.
_TEXT_EXTENSIONS = (".txt", ".text")


@dataclass(frozen=True, slots=True)
class Source:
    """One input to brief.

    `name` is what output and errors call it (the INPUT as given; a directory's file as its
    path; a JSON Lines record as ``FILE:LINE``). `kind` is ``path``, ``url``, ``stdin`` or
    ``record``; `data` holds the bytes already read (stdin, or the record's line); `line` is a
    record's line number; `error` is set for an input known to be bad while listing.
    """

    name: str
    kind: str
    data: bytes | None = None
    line: int | None = None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: the user's `encoding`, the time limit per input (`timeout`, seconds:
    fetching, reading and briefing) and the size limit of every input (`max_bytes`), and the JSON
    Lines `text_field` / `id_field`."""

    encoding: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str = "text"
    id_field: str | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    """A read input: `text` is the article body (for HTML and Markdown, the extracted main
    text, paragraphs separated by blank lines), `title` the title known from the input's markup
    (else None, and the title is found in the text), `metadata` date/author/site when the input
    gives them, `id` a JSON Lines record's id, `warnings` what reading changed (invalid bytes
    replaced)."""

    text: str
    title: str | None = None
    metadata: dict[str, str | None] = field(default_factory=dict)
    id: str | None = None
    warnings: tuple[str, ...] = ()


# --- listing -------------------------------------------------------------------------------


def iter_sources(
    inputs: Iterable[str] = (),
    *,
    globs: Iterable[str] | None = None,
    from_list: Iterable[str] = (),
    jsonl: Iterable[str] = (),
    stdin: BinaryIO | None = None,
    read_data: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Source]:
    """The sources named by INPUTs, then by each ``--from-list`` file, then each ``--jsonl``
    file's records, lazily and in order. ``read_data=False`` lists without reading stdin or
    record lines (to count the inputs for a progress bar). Stdin and records are read here, at
    most `max_bytes` each (a larger one is a Source with the error "input too large")."""
    patterns = tuple(globs) if globs else DEFAULT_GLOBS
    for item in inputs:
        yield from _expand(item, patterns, stdin=stdin, read_data=read_data, max_bytes=max_bytes)
    for list_file in from_list:
        try:
            handle = _open_binary(list_file, stdin=stdin)
        except InputError as exc:
            yield Source(list_file, "path", error=f"cannot read the list: {exc}")
            continue
        if handle is None:  # stdin as the list while only counting
            continue
        with handle:
            problem = _not_text(handle)
            if problem:
                yield Source(list_file, "path", error=f"cannot read the list: {problem}")
                continue
            for number, raw in _lines(handle, _MAX_LIST_LINE):
                if raw is None:
                    yield Source(f"{list_file}:{number}", "path", error=f"list line longer than {_MAX_LIST_LINE} bytes")
                    continue
                entry = raw.decode("utf-8", "replace").strip()
                if entry and not entry.startswith("#"):
                    yield from _expand(entry, patterns, stdin=stdin, read_data=read_data, max_bytes=max_bytes)
    for path in jsonl:
        yield from _records(path, stdin=stdin, read_data=read_data, max_bytes=max_bytes)


_MAX_LIST_LINE = 65536  # a path or URL in a --from-list file


def _expand(
    item: str, patterns: tuple[str, ...], *, stdin: BinaryIO | None, read_data: bool, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Source]:
    if item == STDIN:
        data = None
        if read_data:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Source(STDIN, "stdin", error=too_large(max_bytes))
                return
        yield Source(STDIN, "stdin", data=data)
    elif url_scheme(item):
        yield Source(item, "url")
    elif os.path.isdir(item):
        found = False
        for path, error in walk_with_errors(item, patterns):
            found = True
            yield Source(path, "path", error=error)
        if not found:
            yield Source(item, "path", error=f"directory has no files matching {', '.join(patterns)}")
    else:
        yield Source(item, "path")


def walk(directory: str, patterns: Iterable[str] = DEFAULT_GLOBS) -> Iterator[str]:
    """Files under `directory` (recursively, sorted, hidden files and folders skipped, symbolic
    links to folders not followed, so a link loop is never walked) whose name or relative path
    matches one of `patterns`. Folders that cannot be listed are skipped here; see
    :func:`walk_with_errors`."""
    for path, error in walk_with_errors(directory, patterns):
        if error is None:
            yield path


def walk_with_errors(directory: str, patterns: Iterable[str] = DEFAULT_GLOBS) -> Iterator[tuple[str, str | None]]:
    """:func:`walk`, and ``(folder, message)`` in its place for a folder that cannot be listed
    (permission denied): an input the user gave that is reported, never silently dropped.

    The default patterns (``DEFAULT_GLOBS`` itself) match extensions in any case (``story.MD``,
    ``page.HTML``), as reading such a file directly does; other patterns match as written."""
    fold_case = patterns is DEFAULT_GLOBS
    patterns = tuple(patterns)
    failed: list[OSError] = []
    for root, dirs, files in os.walk(directory, onerror=failed.append):
        while failed:
            exc = failed.pop(0)
            yield (exc.filename or root), f"cannot list the folder: {os_error_message(exc)}"
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, directory).replace(os.sep, "/")
            if fold_case:
                matched = any(fnmatch.fnmatchcase(name.lower(), p) for p in patterns)
            else:
                matched = any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns)
            if matched:
                yield path, None
    for exc in failed:
        yield (exc.filename or directory), f"cannot list the folder: {os_error_message(exc)}"


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(number, line)`` for each line of `handle`, numbered from 1; ``line`` is None for a line
    longer than `limit` bytes, which is skipped without ever holding more than `limit` bytes."""
    number = 0
    while True:
        line = handle.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) <= limit or (len(line) == limit + 1 and line.endswith(b"\n")):
            yield number, line
            continue
        while not line.endswith(b"\n"):
            line = handle.readline(1 << 20)
            if not line:
                break
        yield number, None


def _open_binary(path: str, *, stdin: BinaryIO | None) -> BinaryIO | None:
    if path == STDIN:
        return stdin if stdin is not None else sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(os_error_message(exc)) from None


def _head(handle: BinaryIO, size: int = 8192) -> bytes:
    """Up to `size` bytes from the start of `handle`, left unread (a buffered file or pipe is
    peeked at, a seekable stream read and rewound); b"" when neither is possible."""
    peek = getattr(handle, "peek", None)
    if peek is not None:
        return peek(size)[:size]
    if handle.seekable():
        position = handle.tell()
        head = handle.read(size)
        handle.seek(position)
        return head
    return b""


def _not_text(handle: BinaryIO) -> str | None:
    """Why a file read line by line (JSON Lines, a list of inputs) cannot be text, from its
    first bytes, or None: binary data (NUL bytes or many control characters, as
    :func:`briefing.reader.decode` decides for an article: a program, a gzip file) or UTF-16/32
    (whose lines cannot be split on newline bytes). Checked once, so that such a file is one
    failed input rather than an error for each of its "lines"."""
    head = _head(handle)
    if head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) or utf16_without_bom(head[: len(head) & ~1]) is not None:
        return "UTF-16 or UTF-32 text: it must be UTF-8"
    if looks_binary(head):
        return "binary file, not text"
    return None


def _records(path: str, *, stdin: BinaryIO | None, read_data: bool, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Source]:
    if path == STDIN and not read_data:
        return
    try:
        handle = _open_binary(path, stdin=stdin)
    except InputError as exc:
        yield Source(path, "record", error=str(exc))
        return
    assert handle is not None
    with handle:
        problem = _not_text(handle)
        if problem:
            yield Source(path, "record", error=problem)
            return
        for number, raw in _lines(handle, max_bytes):
            if raw is None:
                yield Source(f"{path}:{number}", "record", line=number, error=too_large(max_bytes))
            elif raw.strip():
                yield Source(f"{path}:{number}", "record", data=raw if read_data else None, line=number)


# --- reading -------------------------------------------------------------------------------


def load(source: Source, options: ReadOptions | None = None) -> Loaded:
    """Read one source: bytes from its file, URL, stdin or record; HTML (recognised by
    extension, Content-Type or content) through :mod:`briefing.html`; Markdown (a ``.md`` or
    ``.markdown`` file, a ``text/markdown`` response, or stdin or a file without a ``.txt``,
    ``.text``, HTML or Markdown extension whose text :func:`looks_like_markdown`) decoded, then
    through :mod:`briefing.markdown` (title, paragraphs and front matter, as for a page); other
    text decoded as is. Raises InputError (with a one-line message) for anything that cannot give an
    article."""
    from . import html
    from .reader import decode, read_bytes

    options = options or ReadOptions()
    if source.error:
        raise InputError(source.error)
    if source.kind == "stdin" and source.data is not None and len(source.data) > options.max_bytes:
        raise InputError(too_large(options.max_bytes))  # (records were measured line by line when listed)
    if source.kind == "record":
        return _load_record(source, options)
    url = None
    header_charset = None
    declared_html = False
    markdown = False
    sniff = False  # no declared type (stdin, a file without a text, HTML or Markdown extension)
    if source.kind == "url":
        if not is_url(source.name):
            raise InputError(f"unsupported URL scheme {url_scheme(source.name)!r}: only http and https")
        from .fetch import fetch

        fetched = fetch(source.name, timeout=options.timeout, max_bytes=options.max_bytes)
        data, url, header_charset = fetched.data, fetched.url, fetched.charset
        declared_html = fetched.content_type in html.HTML_CONTENT_TYPES
        markdown = fetched.content_type in _MARKDOWN_CONTENT_TYPES
    elif source.kind == "stdin":
        data = source.data if source.data is not None else read_bytes(STDIN, max_bytes=options.max_bytes)
        sniff = True
    else:
        data = read_bytes(source.name, max_bytes=options.max_bytes)
        name = source.name.lower()
        declared_html = name.endswith(html.HTML_EXTENSIONS)
        markdown = name.endswith(_MARKDOWN_EXTENSIONS)
        sniff = not (declared_html or markdown or name.endswith(_TEXT_EXTENSIONS))
    if not data.strip():
        raise InputError("empty article")
    notes: list[str] = []
    # Markdown is HTML only when it is a whole page (<html>, <body>...): an inline <div> or <p>
    # in Markdown is still Markdown.
    if declared_html or html.looks_like_html(data, strict=markdown):
        markup = html.decode_html(data, encoding=options.encoding, header_charset=header_charset, notes=notes)
        return _from_html(markup, url, notes=notes)
    if header_charset and not options.encoding:
        try:
            text = replace_surrogates(data.decode(header_charset), notes)
        except (LookupError, UnicodeDecodeError):
            text = decode(data, notes=notes)
    else:
        text = decode(data, encoding=options.encoding, notes=notes)
    if not text.strip():
        raise InputError("empty article")
    if markdown or (sniff and looks_like_markdown(text)):
        from . import markdown as md  # here, not at the top: only Markdown inputs load markdown-it

        return _from_page(md.extract(_LEADING_BLANK_LINES.sub("", text.lstrip("\ufeff"))), notes=notes)
    return Loaded(text=text, warnings=tuple(notes))


# --- Markdown sniffing ---------------------------------------------------------------------
# Text with no declared type (stdin, a file without a known extension) is Markdown when it opens
# with front matter, or with an ATX heading ("# Title") and has one more Markdown marker. Plain
# text rarely does either: a "#hashtag" has no space after the "#", a numbered first line is no
# heading, and a lone "# ..." line is not enough on its own.
_SNIFF_LIMIT = 65536  # characters looked at
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\r?\n)+")
_ATX_HEADING = re.compile(r"[ ]{0,3}#{1,6}[ \t]+(?=\S)")
_MARKDOWN_MARKERS = re.compile(
    r"^[ ]{0,3}#{1,6}[ \t]+\S"  # another heading
    r"|(\*\*|__)(?=[^\s*_])[^\n]*?(?<=[^\s*_])\1"  # **strong** or __strong__
    r"|(?<!\\)\[[^\]\n]+\]\([^)\s]+(?:[ \t]+\"[^\"\n]*\")?\)"  # [text](url) or [text](url "title")
    r"|^[ ]{0,3}(?:```|~~~)"  # a code fence
    r"|^[ ]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S",  # a list item
    re.MULTILINE,
)


def looks_like_markdown(text: str) -> bool:
    """True when `text` (decoded, of no declared type) reads as Markdown: after a byte-order
    mark and blank lines it opens with front matter (``---`` then ``key: value`` lines then
    ``---``), or its first line is an ATX heading (1-6 ``#``, a space, text) and the text has
    at least one more Markdown marker: a heading, ``**strong**``/``__strong__``, a
    ``[link](url)``, a code fence or a list item."""
    from .markdown import has_front_matter

    head = _LEADING_BLANK_LINES.sub("", text[:_SNIFF_LIMIT].lstrip("\ufeff"))
    if has_front_matter(head):
        return True
    heading = _ATX_HEADING.match(head)
    # The markers are looked for after the heading's "#"s (its own text may hold **strong**).
    return heading is not None and _MARKDOWN_MARKERS.search(head, heading.end()) is not None


def _from_html(markup: str, url: str | None, *, id: str | None = None, notes: list[str] | None = None) -> Loaded:
    from . import html

    return _from_page(html.extract(markup, url=url), id=id, notes=notes)


def _from_page(page: Page, *, id: str | None = None, notes: list[str] | None = None) -> Loaded:
    """A Loaded from an extracted :class:`~briefing.html.Page` (an HTML page's or a Markdown
    file's): the paragraphs joined by blank lines, the title and metadata set apart."""
    return Loaded(
        text="\n\n".join(page.paragraphs),
        title=page.title,
        metadata={"date": page.date, "author": page.author, "site": page.site},
        id=id,
        warnings=tuple(notes or ()),
    )


def _record_text(data: bytes, notes: list[str] | None = None) -> str:
    """A JSON Lines record's line as text. JSON Lines are UTF-8 (``--encoding`` is for
    articles, not for them); as for an article file, each invalid byte sequence becomes U+FFFD
    and a warning in `notes` says how many, so the record is still read. A byte-order mark
    (before the first record) is dropped."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("utf-8", "replace")
        bad = text.count("\N{REPLACEMENT CHARACTER}") - data.count("\N{REPLACEMENT CHARACTER}".encode("utf-8"))
        if notes is not None and bad > 0:
            notes.append(f"{bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} replaced with U+FFFD")
    return text.removeprefix("\ufeff")


def _load_record(source: Source, options: ReadOptions) -> Loaded:
    from . import html

    notes: list[str] = []
    line = _record_text(source.data or b"", notes)
    try:
        record = json.loads(line)
    except ValueError as exc:
        raise LoadError(f"not valid JSON ({exc})", id=_salvage_id(line, options)) from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    id = _id_of(record, options)
    field_name = options.text_field
    if field_name not in record:
        raise LoadError(f"no {field_name!r} field", id=id)
    text = record[field_name]
    if not isinstance(text, str):
        raise LoadError(f"the {field_name!r} field is not a string", id=id)
    if not text.strip():
        raise LoadError("empty article", id=id)
    text = replace_surrogates(text, notes)  # JSON allows "\udcff": no UTF-8 output could hold it
    if html.looks_like_html(text[:1024].encode("utf-8")):
        try:
            return _from_html(text, None, id=id, notes=notes)
        except InputError as exc:
            raise LoadError(str(exc), id=id) from None
    return Loaded(text=text, id=id, warnings=tuple(notes))


def _id_of(record: dict, options: ReadOptions) -> str | None:
    value = record.get(options.id_field) if options.id_field else None
    return str(value) if isinstance(value, (str, int, float)) and not isinstance(value, bool) else None


_JSON_SCALAR = r'"(?:[^"\\\n]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?'


def _salvage_id(line: str, options: ReadOptions) -> str | None:
    """The `--id-field` value of a record that is not valid JSON (cut short, a stray comma),
    when it can still be read: the first ``"FIELD": "value"`` (or number) after a ``{`` or
    ``,`` in the line. None otherwise."""
    if not options.id_field or not line.lstrip().startswith("{"):
        return None
    key = re.escape(json.dumps(options.id_field))
    match = re.search(rf"[{{,]\s*{key}\s*:\s*({_JSON_SCALAR})", line)
    if not match:
        return None
    try:
        value = json.loads(match.group(1))
    except ValueError:
        return None
    return _id_of({options.id_field: value}, options)


def record_id(source: Source, options: ReadOptions) -> str | None:
    """The `--id-field` value of a JSON Lines record source, or None (for an error line of a
    record that failed after it was read, e.g. one over the time limit)."""
    if source.kind != "record" or not options.id_field or not source.data:
        return None
    line = _record_text(source.data)
    try:
        record = json.loads(line)
    except ValueError:
        return _salvage_id(line, options)
    return _id_of(record, options) if isinstance(record, dict) else None


class LoadError(InputError):
    """An InputError for a JSON Lines record whose id is known (it travels to the error line)."""

    def __init__(self, message: str, *, id: str | None = None) -> None:
        super().__init__(message)
        self.id = id


__all__ = [
    "DEFAULT_GLOBS",
    "LoadError",
    "Loaded",
    "ReadOptions",
    "STDIN",
    "Source",
    "iter_sources",
    "load",
    "looks_like_markdown",
    "walk",
    "walk_with_errors",
]
