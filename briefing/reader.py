"""Reading inputs: bytes from a path or stdin, decoded to text, checked for being an article.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then strict UTF-8; then the
legacy encoding that `charset_normalizer` detects. ``encoding=`` overrides all of it. Every
failure is an :class:`~briefing.errors.InputError` with a one-line message, never a
UnicodeDecodeError.
"""

from __future__ import annotations

import codecs
import os
import sys
from typing import BinaryIO

from .errors import InputError

STDIN = "-"
# Bytes that never occur in text: a NUL (outside UTF-16/32) or many C0 controls mean binary.
_BINARY_CONTROLS = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(source: str, *, stdin: BinaryIO | None = None) -> bytes:
    """Read all bytes of `source` (a path, or ``-`` for stdin).

    Raises InputError for a missing path, a directory, a permission problem or any OS error.
    """
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return stream.read()
    if source.startswith(("http://", "https://")):
        raise InputError("a URL: read it with briefing.read_article or the command line")
    try:
        with open(source, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError("no such file") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except OSError as exc:
        raise InputError(os.strerror(exc.errno) if exc.errno else str(exc)) from None


def decode(data: bytes, *, encoding: str | None = None) -> str:
    """Decode article bytes to text.

    Raises InputError for an unknown `encoding`, bytes that do not decode with it, binary data,
    or bytes whose encoding cannot be detected.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        try:
            return data.decode(encoding)
        except UnicodeError as exc:
            raise InputError(f"cannot decode as {encoding}: byte {exc.start}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name)
            except UnicodeError:
                raise InputError(f"invalid {name.removesuffix('-sig')} text after its byte-order mark") from None
    if _looks_binary(data):
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot detect the text encoding; give one with --encoding")
    return str(best)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _BINARY_CONTROLS)
    return bool(sample) and controls / len(sample) > 0.05


def read_text(source: str, *, encoding: str | None = None, stdin: BinaryIO | None = None) -> str:
    """Read and decode `source`; raises InputError, including "empty article" for blank text."""
    text = decode(read_bytes(source, stdin=stdin), encoding=encoding)
    if not text.strip():
        raise InputError("empty article")
    return text
