"""Make article text inert for a terminal: control characters become visible, one for one.

Every C0 control except tab and newline, DEL, every C1 control and the bidi embedding,
override and isolate characters is replaced by one visible character (the Unicode "control
picture" for C0, U+FFFD otherwise). The replacement is one character for one, so highlight
offsets computed on the article text stay valid on the rendered text. An ESC therefore shows as
``␛`` and the rest of its sequence (``[2J``) prints as plain characters: nothing reaches the
terminal as a command. Rich markup needs no escaping because renderers build `rich.text.Text`
objects, which never parse markup.
"""

from __future__ import annotations

from functools import lru_cache

_BIDI = [0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}
    table[0x0D] = " "  # CRLF files: the CR is layout, not content
    table[0x7F] = "\u2421"
    table.update({c: "\ufffd" for c in range(0x80, 0xA0)})
    table.update({c: "\ufffd" for c in _BIDI})
    return table


def inert(text: str) -> str:
    """`text` with terminal control characters made visible; same length as `text`."""
    return text.translate(_table())


def one_line(text: str) -> str:
    """`inert(text)` with line breaks and tabs shown as spaces (a sentence on one line)."""
    return inert(text).replace("\n", " ").replace("\t", " ")
