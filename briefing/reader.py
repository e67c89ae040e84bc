"""Reading inputs: bytes from a path or stdin, decoded to text, checked for being an article.

Decoding order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; then UTF-16 without a BOM
(recognised by its zero bytes at every other position); then strict UTF-8; then UTF-8 with
replacement when the bytes are UTF-8 but for a few invalid sequences (each becomes U+FFFD and a
warning says how many); then the legacy encoding that `charset_normalizer` detects (windows-1252
when it reads as cleanly: see :func:`_western`).
``encoding=`` overrides all of it (strictly). Bytes with NULs or many other C0 controls are
refused as binary. Every failure is an :class:`~briefing.errors.InputError` with a one-line
message, never a UnicodeDecodeError; decoded text never holds a lone surrogate.

Reading is bounded: no more than ``max_bytes`` bytes are ever read from one input (a larger
input is refused with "input too large" before its content is read, when its size is known).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import sys
from typing import BinaryIO

from .errors import InputError

STDIN = "-"
# Bytes that never occur in text: a NUL (outside UTF-16/32) or many C0 controls mean binary.
_BINARY_CONTROLS = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31}
_SURROGATE = re.compile("[\ud800-\udfff]")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


DEFAULT_MAX_BYTES = 10_000_000  # the largest input, in bytes (--max-bytes)


def too_large(max_bytes: int) -> str:
    """The message for an input over the size limit."""
    return f"input too large: more than {max_bytes} bytes (raise the limit with --max-bytes)"


def read_limited(stream: BinaryIO, max_bytes: int | None) -> bytes:
    """All of `stream`, or InputError("input too large") after reading ``max_bytes + 1`` bytes."""
    if max_bytes is None:
        return stream.read()
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(too_large(max_bytes))
    return data


def os_error_message(exc: OSError) -> str:
    """A one-line, lower-case reason for an OS error (``too many levels of symbolic links``)."""
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symbolic link loop)"
    reason = os.strerror(exc.errno) if exc.errno else str(exc)
    return reason[:1].lower() + reason[1:]


def read_bytes(source: str, *, stdin: BinaryIO | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """Read all bytes of `source` (a path, or ``-`` for stdin), at most `max_bytes` of them
    (None: no limit).

    Raises InputError for a missing path, a directory, a permission problem, any OS error, or
    an input larger than `max_bytes` ("input too large", without reading a regular file whose
    size already says so).
    """
    if source == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        return read_limited(stream, max_bytes)
    if source.startswith(("http://", "https://")):
        raise InputError("a URL: read it with briefing.read_article or the command line")
    try:
        with open(source, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if max_bytes is not None and size > max_bytes:
                raise InputError(too_large(max_bytes))
            return read_limited(handle, max_bytes)  # a FIFO or /dev/zero has no size: bounded too
    except OSError as exc:
        raise InputError(os_error_message(exc)) from None


def decode(data: bytes, *, encoding: str | None = None, notes: list[str] | None = None) -> str:
    """Decode article bytes to text; a warning about replaced bytes is appended to `notes`.

    Raises InputError for an unknown `encoding`, bytes that do not decode with it, binary data,
    or bytes whose encoding cannot be detected.
    """
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        try:
            return replace_surrogates(data.decode(encoding), notes)
        except UnicodeError as exc:
            where = f": byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else ""
            raise InputError(f"cannot decode as {encoding}{where}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return replace_surrogates(data.decode(name), notes)
            except UnicodeError:
                raise InputError(f"invalid {name.removesuffix('-sig')} text after its byte-order mark") from None
    utf16 = utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if looks_binary(data):
        raise InputError("binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        text, bad = mostly
        if notes is not None:
            notes.append(f"{bad} invalid UTF-8 byte sequence{'s' if bad > 1 else ''} replaced with U+FFFD")
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("cannot detect the text encoding; give one with --encoding")
    western = _western(data, best.chaos) if best.encoding not in ("cp1252", "latin_1") else None
    return replace_surrogates(western if western is not None else str(best), notes)


def _western(data: bytes, chaos: float) -> str | None:
    """`data` as windows-1252 when that reads at least as cleanly as the detected encoding.

    On a short text, detection ties between single-byte code pages and may pick a Baltic or
    Central European one ("Cafķ", "Z³rich"); windows-1252 (which browsers use for Latin-1) is
    the legacy encoding of most Western news, so it wins a tie. A Cyrillic, Greek or Czech text
    read as windows-1252 is a mess of accented capitals and symbols, and loses."""
    try:
        text = data.decode("cp1252")
        from charset_normalizer.md import mess_ratio
    except (UnicodeDecodeError, ImportError):
        return None
    return text if mess_ratio(text[:65536], 1.0) <= chaos else None


def replace_surrogates(text: str, notes: list[str] | None = None) -> str:
    """`text` with each lone surrogate (which no UTF-8 output can hold: a JSON ``"\\udcff"``
    escape, a ``surrogateescape`` decoder) replaced by U+FFFD, one for one, so offsets hold."""
    if not _SURROGATE.search(text):
        return text
    count = len(_SURROGATE.findall(text))
    if notes is not None:
        notes.append(f"{count} lone surrogate{'s' if count > 1 else ''} (invalid characters) replaced with U+FFFD")
    return _SURROGATE.sub("\N{REPLACEMENT CHARACTER}", text)


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: mostly Latin script, so one byte of nearly every
    pair is zero, always on the same side. None when the bytes do not read that way."""
    sample = data[: 8192 & ~1]
    half = len(sample) // 2
    if half < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        name = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.02 * half:
        name = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    head = text[:4096]
    if _SURROGATE.search(text) or sum(ch.isprintable() or ch in "\n\r\t" for ch in head) < 0.95 * len(head):
        return None
    return text


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """(text, number of invalid sequences) when `data` is UTF-8 with a few invalid byte
    sequences (a truncated or concatenated file): its valid multi-byte characters outnumber the
    invalid sequences at least four to one. None for a legacy encoding (Latin-1 letters are
    invalid UTF-8, nearly never valid multi-byte sequences)."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\N{REPLACEMENT CHARACTER}") - data.count("\N{REPLACEMENT CHARACTER}".encode("utf-8"))
    if bad <= 0:
        return None
    multibyte = sum(1 for ch in text if ch > "\x7f") - text.count("\N{REPLACEMENT CHARACTER}")
    return (text, bad) if multibyte >= bad else None


def looks_binary(data: bytes) -> bool:
    """True when the first 8 KiB of `data` hold a NUL byte or more than 5% control characters
    (a program, an image, a compressed file): not text in any encoding this tool reads."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _BINARY_CONTROLS)
    return bool(sample) and controls / len(sample) > 0.05


def read_text(
    source: str, *, encoding: str | None = None, stdin: BinaryIO | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES
) -> str:
    """Read and decode `source`; raises InputError, including "empty article" for blank text."""
    text = decode(read_bytes(source, stdin=stdin, max_bytes=max_bytes), encoding=encoding)
    if not text.strip():
        raise InputError("empty article")
    return text
