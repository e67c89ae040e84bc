"""Where articles come from: paths, directories, ``-`` (stdin), URLs, lists of inputs and JSON Lines.

Two halves, so that the parent process only *lists* inputs and the workers *read* them:

- :func:`iter_sources` turns what the user typed into a lazy stream of :class:`Source` items
  (a directory is walked as the stream is consumed; a JSON Lines file is read line by line).
  It never reads a file's content, except stdin and the lines of ``--jsonl`` and ``--from-list``.
- :func:`load` reads one source (file, URL, stdin bytes or JSON record) and returns a
  :class:`Loaded`: the text, and the title and metadata when the input gives them (HTML).

Every failure of one input is an :class:`~briefing.errors.InputError`; a source that is known
to be bad while listing (a missing ``--jsonl`` file) is a Source with `error` set.
"""

from __future__ import annotations

import fnmatch
import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from .errors import InputError
from .fetch import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT, is_url, url_scheme

STDIN = "-"
DEFAULT_GLOBS = ("*.txt", "*.text", "*.md", "*.markdown", "*.html", "*.htm")


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
    """How to read inputs: the user's `encoding`, URL `timeout` (seconds) and size limit
    (`max_bytes`), and the JSON Lines `text_field` / `id_field`."""

    encoding: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    text_field: str = "text"
    id_field: str | None = None


@dataclass(frozen=True, slots=True)
class Loaded:
    """A read input: `text` is the article body (for HTML, the extracted main text, paragraphs
    separated by blank lines), `title` the title known from the input's markup (else None, and
    the title is found in the text), `metadata` date/author/site when the input gives them,
    `id` a JSON Lines record's id."""

    text: str
    title: str | None = None
    metadata: dict[str, str | None] = field(default_factory=dict)
    id: str | None = None


# --- listing -------------------------------------------------------------------------------


def iter_sources(
    inputs: Iterable[str] = (),
    *,
    globs: Iterable[str] | None = None,
    from_list: Iterable[str] = (),
    jsonl: Iterable[str] = (),
    stdin: BinaryIO | None = None,
    read_data: bool = True,
) -> Iterator[Source]:
    """The sources named by INPUTs, then by each ``--from-list`` file, then each ``--jsonl``
    file's records, lazily and in order. ``read_data=False`` lists without reading stdin or
    record lines (to count the inputs for a progress bar)."""
    patterns = tuple(globs) if globs else DEFAULT_GLOBS
    for item in inputs:
        yield from _expand(item, patterns, stdin=stdin, read_data=read_data)
    for list_file in from_list:
        try:
            handle = _open_binary(list_file, stdin=stdin)
        except InputError as exc:
            yield Source(list_file, "path", error=f"cannot read the list: {exc}")
            continue
        if handle is None:  # stdin as the list while only counting
            continue
        with handle:
            for raw in handle:
                entry = raw.decode("utf-8", "replace").strip()
                if entry and not entry.startswith("#"):
                    yield from _expand(entry, patterns, stdin=stdin, read_data=read_data)
    for path in jsonl:
        yield from _records(path, stdin=stdin, read_data=read_data)


def _expand(item: str, patterns: tuple[str, ...], *, stdin: BinaryIO | None, read_data: bool) -> Iterator[Source]:
    if item == STDIN:
        data = None
        if read_data:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read()
        yield Source(STDIN, "stdin", data=data)
    elif url_scheme(item):
        yield Source(item, "url")
    elif os.path.isdir(item):
        found = False
        for path in walk(item, patterns):
            found = True
            yield Source(path, "path")
        if not found:
            yield Source(item, "path", error=f"directory has no files matching {', '.join(patterns)}")
    else:
        yield Source(item, "path")


def walk(directory: str, patterns: Iterable[str] = DEFAULT_GLOBS) -> Iterator[str]:
    """Files under `directory` (recursively, sorted, hidden files and folders skipped, symbolic
    links to folders not followed) whose name or relative path matches one of `patterns`."""
    patterns = tuple(patterns)
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = os.path.join(root, name)
            rel = os.path.relpath(path, directory).replace(os.sep, "/")
            if any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(rel, p) for p in patterns):
                yield path


def _open_binary(path: str, *, stdin: BinaryIO | None) -> BinaryIO | None:
    if path == STDIN:
        return stdin if stdin is not None else sys.stdin.buffer
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as exc:
        raise InputError(os.strerror(exc.errno) if exc.errno else str(exc)) from None


def _records(path: str, *, stdin: BinaryIO | None, read_data: bool) -> Iterator[Source]:
    if path == STDIN and not read_data:
        return
    try:
        handle = _open_binary(path, stdin=stdin)
    except InputError as exc:
        yield Source(path, "record", error=str(exc))
        return
    assert handle is not None
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield Source(f"{path}:{number}", "record", data=raw if read_data else None, line=number)


# --- reading -------------------------------------------------------------------------------


def load(source: Source, options: ReadOptions | None = None) -> Loaded:
    """Read one source: bytes from its file, URL, stdin or record; HTML (recognised by
    extension, Content-Type or content) through :mod:`briefing.html`, other text decoded as is.
    Raises InputError (with a one-line message) for anything that cannot give an article."""
    from . import html
    from .reader import decode, read_bytes

    options = options or ReadOptions()
    if source.error:
        raise InputError(source.error)
    if source.kind == "record":
        return _load_record(source, options)
    url = None
    header_charset = None
    declared_html = False
    if source.kind == "url":
        if not is_url(source.name):
            raise InputError(f"unsupported URL scheme {url_scheme(source.name)!r}: only http and https")
        from .fetch import fetch

        fetched = fetch(source.name, timeout=options.timeout, max_bytes=options.max_bytes)
        data, url, header_charset = fetched.data, fetched.url, fetched.charset
        declared_html = fetched.content_type in html.HTML_CONTENT_TYPES
    elif source.kind == "stdin":
        data = source.data if source.data is not None else read_bytes(STDIN)
    else:
        data = read_bytes(source.name)
        declared_html = source.name.lower().endswith(html.HTML_EXTENSIONS)
    if not data.strip():
        raise InputError("empty article")
    markdown = source.kind == "path" and source.name.lower().endswith((".md", ".markdown"))
    if declared_html or html.looks_like_html(data, strict=markdown):
        return _from_html(html.decode_html(data, encoding=options.encoding, header_charset=header_charset), url)
    if header_charset and not options.encoding:
        try:
            text = data.decode(header_charset)
        except (LookupError, UnicodeDecodeError):
            text = decode(data)
    else:
        text = decode(data, encoding=options.encoding)
    if not text.strip():
        raise InputError("empty article")
    return Loaded(text=text)


def _from_html(markup: str, url: str | None, *, id: str | None = None) -> Loaded:
    from . import html

    page = html.extract(markup, url=url)
    return Loaded(
        text="\n\n".join(page.paragraphs),
        title=page.title,
        metadata={"date": page.date, "author": page.author, "site": page.site},
        id=id,
    )


def _load_record(source: Source, options: ReadOptions) -> Loaded:
    from . import html

    try:
        record = json.loads(source.data or b"")
    except ValueError as exc:
        raise InputError(f"not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise InputError("not a JSON object")
    id = None
    if options.id_field:
        value = record.get(options.id_field)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            id = str(value)
    field_name = options.text_field
    if field_name not in record:
        raise LoadError(f"no {field_name!r} field", id=id)
    text = record[field_name]
    if not isinstance(text, str):
        raise LoadError(f"the {field_name!r} field is not a string", id=id)
    if not text.strip():
        raise LoadError("empty article", id=id)
    if html.looks_like_html(text.encode("utf-8")):
        try:
            return _from_html(text, None, id=id)
        except InputError as exc:
            raise LoadError(str(exc), id=id) from None
    return Loaded(text=text, id=id)


class LoadError(InputError):
    """An InputError for a JSON Lines record whose id is known (it travels to the error line)."""

    def __init__(self, message: str, *, id: str | None = None) -> None:
        super().__init__(message)
        self.id = id


__all__ = ["DEFAULT_GLOBS", "LoadError", "Loaded", "ReadOptions", "STDIN", "Source", "iter_sources", "load", "walk"]
