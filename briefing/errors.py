"""User-facing errors and exit codes.

Library code raises :class:`BriefingError` subclasses whose message is meant for users; only the
CLI turns them into ``briefing: error: SOURCE: MESSAGE`` lines and exit codes.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes (see OUTPUT.md)."""

    OK = 0
    ERROR = 1  # at least one input failed; the others were still output
    USAGE = 2
    INTERNAL = 70  # a bug: rerun with --debug for the traceback
    INTERRUPTED = 130


class BriefingError(Exception):
    """An error with a message meant for the user (no traceback is shown)."""


class InputError(BriefingError):
    """An input cannot be read, decoded or briefed (missing, directory, binary, empty)."""


class UnsupportedLanguage(BriefingError):
    """A language with no stemmer or stop-word list; the message lists the available names."""
