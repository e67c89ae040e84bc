"""Fetching ``http``/``https`` URLs with requests: a timeout, a size limit, bounded redirects.

Every failure is an :class:`~briefing.errors.InputError` whose one-line message says what
happened (the CLI prints it after the URL). requests is imported inside :func:`fetch`.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from . import __version__
from .errors import InputError
from .reader import DEFAULT_MAX_BYTES, too_large  # bytes per input, as for files and stdin

DEFAULT_TIMEOUT = 60.0  # seconds per input: connecting, each read, the whole download (and briefing)
MAX_REDIRECTS = 5
USER_AGENT = f"briefing/{__version__} (offline news briefings)"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")
# Content types that can hold an article; anything else (PDF, images, archives) is refused.
_TEXTUAL = re.compile(r"^(text/[\w.+-]+|application/(xhtml\+xml|xml|[\w.+-]+\+xml))$")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded body: the final `url` after redirects, the raw `data`, the media type
    (``text/html``) and the ``charset`` parameter of Content-Type, each None when absent."""

    url: str
    data: bytes
    content_type: str | None
    charset: str | None


def url_scheme(source: str) -> str | None:
    """The lower-cased scheme of `source` when it is written as a URL (``scheme://...``)."""
    match = _SCHEME.match(source)
    return match.group(1).lower() if match else None


def is_url(source: str) -> bool:
    """True for an ``http://`` or ``https://`` URL."""
    return url_scheme(source) in ("http", "https")


def parse_content_type(value: str | None) -> tuple[str | None, str | None]:
    """``"text/html; charset=ISO-8859-1"`` -> ``("text/html", "ISO-8859-1")``."""
    if not value:
        return None, None
    parts = [p.strip() for p in value.split(";")]
    media = parts[0].lower() or None
    charset = None
    for param in parts[1:]:
        key, _, val = param.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media, charset


def fetch(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Fetched:
    """Download `url` (http or https). Raises InputError for a bad scheme, a connection
    failure, a timeout, an HTTP error status, too many redirects, a body over `max_bytes`
    bytes or a content type that cannot hold an article."""
    scheme = url_scheme(url)
    if scheme not in ("http", "https"):
        raise InputError(f"unsupported URL scheme {scheme!r}: only http and https")
    import requests

    deadline = time.monotonic() + timeout
    session = requests.Session()
    session.max_redirects = max_redirects
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1",
    }
    try:
        with session.get(url, headers=headers, timeout=(timeout, timeout), stream=True) as response:
            where = "" if response.url == url else f" (at {response.url})"
            if response.status_code >= 400:
                reason = f" {response.reason}" if response.reason else ""
                raise InputError(f"HTTP {response.status_code}{reason}{where}")
            media, charset = parse_content_type(response.headers.get("Content-Type"))
            if media and not _TEXTUAL.match(media):
                raise InputError(f"unsupported content type {media}{where}: not a text or HTML page")
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise InputError(f"{too_large(max_bytes)}{where}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_content(chunk_size=65536):
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(f"{too_large(max_bytes)}{where}")
                if time.monotonic() > deadline:
                    raise InputError(f"timed out after {timeout:g} s{where}")
                chunks.append(chunk)
            return Fetched(url=response.url, data=b"".join(chunks), content_type=media, charset=charset)
    except requests.exceptions.TooManyRedirects:
        raise InputError(f"too many redirects (more than {max_redirects})") from None
    except requests.exceptions.Timeout:
        raise InputError(f"timed out after {timeout:g} s") from None
    except requests.exceptions.ConnectionError as exc:
        if "timed out" in str(exc).lower():
            raise InputError(f"timed out after {timeout:g} s") from None
        raise InputError(f"cannot connect: {_reason(exc)}") from None
    except requests.exceptions.RequestException as exc:
        raise InputError(f"request failed: {_reason(exc)}") from None
    finally:
        session.close()


def _reason(exc: Exception) -> str:
    """The innermost, most specific reason of a requests exception, on one line."""
    inner = exc
    for _ in range(6):
        nxt = getattr(inner, "reason", None) or (inner.args[0] if inner.args and isinstance(inner.args[0], Exception) else None)
        if not isinstance(nxt, Exception):
            break
        inner = nxt
    text = str(inner)
    # urllib3 prefixes "<urllib3.connection.HTTPConnection object at 0x...>: "
    text = re.sub(r"^<[^>]+>:\s*", "", text)
    return " ".join(text.split()) or type(inner).__name__


__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_TIMEOUT", "Fetched", "fetch", "is_url", "parse_content_type", "url_scheme"]
