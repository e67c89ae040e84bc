"""HTML pages: recognise them by content, decode them with their declared charset, and extract
the main article text and its metadata (title, author, date, site) through trafilatura.

Reader comments, navigation, footers and tables are left out (trafilatura's main-text
extraction with ``include_comments=False``). Dates come from the page's metadata (``<meta>``
tags, JSON-LD, ``<time>`` elements, the URL) with htmldate's *extensive search* switched off,
so a page whose only date is a "© 2024" footer has no date rather than 2024-01-01.

trafilatura (and lxml) are imported inside :func:`extract`, never at import time.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .errors import InputError

HTML_EXTENSIONS = (".html", ".htm", ".xhtml")
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")

# WHATWG MIME sniffing, "identifying a resource with an unknown MIME type": after leading
# whitespace, one of these tags followed by a space or ">" means HTML.
_SNIFF = re.compile(
    rb"[\t\n\x0c\r ]*<(?:!doctype\s+html|html|head|script|iframe|h1|div|font|table|a|style|title|b|body|br|p|!--"
    rb"|meta|article|main|section|header|nav)[\s>/]",
    re.IGNORECASE,
)
_SNIFF_DOCUMENT = re.compile(
    rb"[\t\n\x0c\r ]*(?:<!--.*?-->[\t\n\x0c\r ]*)*<(?:!doctype\s+html|html|head|body)[\s>/]", re.IGNORECASE | re.DOTALL
)
# A fragment (no <html> or <body>) is wrapped in a document before extraction.
_DOCUMENT_TAG = re.compile(r"<(?:html|body)[\s>/]", re.IGNORECASE)
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
# Labels that browsers treat as windows-1252 (WHATWG Encoding Standard): pages that say
# ISO-8859-1 routinely use the curly quotes and dashes of 0x80-0x9F.
_WINDOWS_1252 = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819", "ibm819"}
_WS = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Page:
    """What :func:`extract` finds in a page: `title` (one line or None), `paragraphs` of the
    main text (without the title), and metadata, each None when the page does not give it.
    `date` is ``YYYY-MM-DD``."""

    title: str | None
    paragraphs: tuple[str, ...]
    date: str | None = None
    author: str | None = None
    site: str | None = None


def looks_like_html(data: bytes, *, strict: bool = False) -> bool:
    """True when `data` starts the way an HTML document does (byte-order mark allowed).

    `strict` accepts only a whole document (``<!DOCTYPE html>``, ``<html>``, ``<head>``,
    ``<body>``), for Markdown, which may begin with an inline ``<div>`` or ``<p>``."""
    head = data[:1024]
    for bom in (codecs.BOM_UTF8,):
        if head.startswith(bom):
            head = head[len(bom) :]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            head = data[:2048].decode("utf-16").encode("utf-8")
        except UnicodeError:
            return False
    return bool((_SNIFF_DOCUMENT if strict else _SNIFF).match(head))


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` tag in the first 4 KiB declares, if Python knows it."""
    match = _META_CHARSET.search(data[:4096])
    name = _known(match.group(1).decode("ascii", "replace")) if match else None
    # A <meta> that could be read as ASCII cannot be UTF-16/32 (WHATWG: treat it as UTF-8).
    return "utf-8" if name and name.startswith(("utf_16", "utf_32", "utf-16", "utf-32")) else name


def _known(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(
    data: bytes, *, encoding: str | None = None, header_charset: str | None = None, notes: list[str] | None = None
) -> str:
    """Decode an HTML page: `encoding` (the user's override) wins; then a byte-order mark, the
    HTTP ``charset``, the ``<meta>`` charset, UTF-8, and finally detection. A declared charset
    that does not decode the bytes is skipped. Raises InputError when nothing works; what
    decoding replaced (invalid bytes) is appended to `notes`."""
    from .reader import decode, replace_surrogates

    if encoding:
        return decode(data, encoding=encoding, notes=notes)
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data, notes=notes)
    for candidate in (_known(header_charset), declared_charset(data)):
        if candidate:
            try:
                return replace_surrogates(data.decode(candidate), notes)
            except UnicodeDecodeError:
                if candidate == "cp1252":
                    return data.decode("latin-1")  # the five bytes cp1252 leaves undefined
                continue
    return decode(data, notes=notes)


def _line(text: str | None) -> str | None:
    text = _WS.sub(" ", text or "").strip()
    return text or None


def _has_prose(paragraphs: list[str]) -> bool:
    """At least one paragraph reads as running text (8+ words and a sentence end): what a page of
    menu items, form labels and links alone never has, which trafilatura's fallback may return."""
    return any(len(p.split()) >= 8 and _SENTENCE_END.search(p) for p in paragraphs)


_MAX_DEPTH = 255  # libxml2's HTML parser gives up past this many nested elements (without XML_PARSE_HUGE)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


def _nesting_depth(html: str) -> int:
    """The deepest nesting of elements in `html`, counted from its tags in one pass (void and
    self-closed elements do not nest); an upper bound is enough, it only explains a failure."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        closing, name, selfclosing = match.groups()
        if closing:
            depth = max(0, depth - 1)
        elif not selfclosing and name.lower() not in _VOID:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > _MAX_DEPTH:
                    return deepest
    return deepest


_ROW = re.compile(r"<tr[\s>/]", re.IGNORECASE)
_MAX_TABLE_ROWS = 200  # a table with more rows is data, never article text


def _without_data_tables(html: str):
    """`html`, or its parsed tree without the tables of more than _MAX_TABLE_ROWS rows when it
    has any. Tables are left out of the text anyway; a huge one costs trafilatura most of its
    time and, when the page has little prose, its fallback extractor would keep the table's
    cells as one giant paragraph. Layout tables (a page laid out in a <table>) are small."""
    if len(_ROW.findall(html, 0, len(html))) <= _MAX_TABLE_ROWS:
        return html
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return html
    for table in reversed(list(tree.iter("table"))):  # inner tables first: a layout table keeps its text
        if table.getparent() is not None and sum(1 for _ in table.iter("tr")) > _MAX_TABLE_ROWS:
            table.drop_tree()
    return tree


def extract(html: str, *, url: str | None = None) -> Page:
    """The main text and metadata of an HTML page.

    Raises InputError("no article text found in the HTML page") when the page has no main text
    (a navigation or login page, an empty document): no paragraph of running text.
    """
    import datetime as dt

    import trafilatura

    today = dt.date.today().isoformat()
    if not _DOCUMENT_TAG.search(html[:65536]):
        html = f"<html><body><article>{html}</article></body></html>"
    page = _without_data_tables(html)
    try:
        doc = trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            date_extraction_params={"extensive_search": False, "original_date": True, "max_date": today},
        )
    except (ValueError, TypeError) as exc:  # lxml on a malformed document
        raise InputError(f"cannot parse the HTML page ({exc})") from None
    body = getattr(doc, "text", None) if doc is not None else None
    title = _line(getattr(doc, "title", None))
    paragraphs = [p for p in (_line(x) for x in (body or "").splitlines()) if p]
    # trafilatura keeps the page's <h1> as the first line of the text; the title is set apart.
    while paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs.pop(0)
    if not _has_prose(paragraphs):
        depth = _nesting_depth(html)
        if depth > _MAX_DEPTH:  # libxml2 stops parsing at 256 levels: say so, not "no article"
            raise InputError(f"the HTML page is nested too deeply to read (over {_MAX_DEPTH} levels of elements)")
        raise InputError("no article text found in the HTML page")
    date = getattr(doc, "date", None)
    if date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        date = None
    site = _line(getattr(doc, "sitename", None)) or _line(getattr(doc, "hostname", None))
    return Page(
        title=title,
        paragraphs=tuple(paragraphs),
        date=date,
        author=_line(getattr(doc, "author", None)),
        site=site,
    )


__all__ = ["HTML_CONTENT_TYPES", "HTML_EXTENSIONS", "Page", "decode_html", "declared_charset", "extract", "looks_like_html"]
