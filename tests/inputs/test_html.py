"""HTML pages: main text without navigation, comments and footers; metadata; charsets; no article."""

from __future__ import annotations

import pytest

from briefing.errors import InputError
from briefing.html import declared_charset, decode_html, extract, looks_like_html
from briefing.pipeline import article_from_text, brief, read_article
from inputs_support import DATA, invoke, spans_hold


def test_article_main_text_leaves_out_nav_comments_and_footer():
    article = read_article(str(DATA / "article.html"))
    assert article.title_text == "Harbour council approves ferry expansion"
    assert article.text.startswith("Harbour council approves ferry expansion\n\nThe harbour council voted")
    for boilerplate in ("Subscribe", "Home", "Commenter", "Reader comments", "About time", "Privacy", "Follow us"):
        assert boilerplate not in article.text, boilerplate
    assert len(article.sentences) == 5
    assert len(article.paragraphs) == 5
    # The title is set apart, never a sentence.
    assert all("approves ferry" not in s.text for s in article.sentences)
    spans_hold(article)


def test_article_metadata_from_the_page():
    meta = read_article(str(DATA / "article.html")).metadata
    assert (meta.date, meta.author, meta.site, meta.language) == ("2024-03-14", "Marta Quinn", "The Coastal Courier", "english")


def test_page_date_resolves_relative_dates():
    result = brief(read_article(str(DATA / "article.html")))
    values = {d.text: d.value for d in result.dates}
    assert values["Tuesday"] == "2024-03-12"  # the Tuesday before Thursday 14 March 2024


def test_user_date_wins_over_the_page_date():
    import datetime as dt

    article = read_article(str(DATA / "article.html"), date=dt.date(2020, 1, 1))
    assert article.metadata.date == "2020-01-01"


def test_copyright_footer_is_not_a_date():
    article = read_article(str(DATA / "copyright_only.html"))
    assert article.title_text == "Library reopens after flood repairs"
    assert article.metadata.date is None
    assert "2024" not in article.text


def test_iso_8859_1_page_declared_by_meta_charset():
    data = (DATA / "latin1.html").read_bytes()
    assert declared_charset(data) == "cp1252"  # browsers read ISO-8859-1 as windows-1252
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    article = read_article(str(DATA / "latin1.html"))
    assert article.title_text == "Café owners in Zürich raise prices"
    assert "Niederörfli" in article.text
    assert article.metadata.author == "Jürgen Müller"
    assert article.metadata.site == "Zürcher Abendblatt"
    assert article.metadata.date == "2023-11-02"
    spans_hold(article)


def test_charset_precedence():
    latin = "<html><head><meta charset='iso-8859-1'></head><body><p>Zürich</p></body></html>".encode("iso-8859-1")
    assert "Zürich" in decode_html(latin)
    # The user's --encoding wins; a wrong one fails with a message, not a traceback.
    with pytest.raises(InputError, match="cannot decode as utf-8"):
        decode_html(latin, encoding="utf-8")
    # The HTTP header's charset wins over <meta>.
    utf8 = "<html><head><meta charset='iso-8859-1'></head><body><p>Zürich</p></body></html>".encode("utf-8")
    assert "Zürich" in decode_html(utf8, header_charset="utf-8")
    # <meta> cannot declare UTF-16 (it was read as ASCII): UTF-8 is meant.
    assert "Zürich" in decode_html(utf8.replace(b"iso-8859-1", b"utf-16"))
    # A declared charset that does not fit the bytes is skipped (detection takes over).
    wrong = "<html><head><meta charset='utf-8'></head><body><p>Café owners in Zürich raised prices.</p></body></html>"
    assert "Zürich" in decode_html(wrong.encode("iso-8859-1"))


def test_page_with_no_article_is_a_clear_error():
    with pytest.raises(InputError, match="no article text found in the HTML page"):
        read_article(str(DATA / "no_article.html"))
    result = invoke("brief", DATA / "no_article.html")
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {DATA / 'no_article.html'}: no article text found in the HTML page\n"


@pytest.mark.parametrize(
    "head, html",
    [
        (b"<!DOCTYPE html><html>", True),
        (b"\n\n  <html lang='en'>", True),
        (b"\xef\xbb\xbf<!doctype html>", True),
        (b"<p>Hello</p>", True),
        (b"<!-- saved page --><html>", True),
        (b"Turkish and Russian ministers <b>met</b>", False),
        (b"# Markdown heading\n\n<div>inline</div>", False),
        (b"", False),
    ],
)
def test_html_is_recognised_by_content(head, html):
    assert looks_like_html(head) is html


def test_html_in_a_txt_file_is_extracted(tmp_path, validate_json):
    saved = tmp_path / "saved-page.txt"
    saved.write_bytes((DATA / "article.html").read_bytes())
    doc = validate_json(invoke("brief", saved, "-f", "json").stdout)[0]
    assert doc["title"] == "Harbour council approves ferry expansion"
    assert "<p>" not in doc["text"] and "Commenter" not in doc["text"]
    assert doc["metadata"]["author"] == "Marta Quinn"


def test_brief_shows_the_page_metadata(validate_json):
    result = invoke("brief", DATA / "article.html")
    assert result.exit_code == 0
    assert "title: Harbour council approves ferry expansion" in result.stdout
    assert "date: 2024-03-14" in result.stdout and "author: Marta Quinn" in result.stdout
    rich = invoke("brief", DATA / "article.html", "-f", "rich", env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"})
    assert "2024-03-14 · Marta Quinn · The Coastal Courier" in rich.stdout
    doc = validate_json(invoke("brief", DATA / "article.html", "-f", "json").stdout)[0]
    assert doc["metadata"] == {"date": "2024-03-14", "author": "Marta Quinn", "site": "The Coastal Courier", "language": "english"}
    assert doc["text"][: len(doc["title"])] == doc["title"]
    for item in doc["summary"]:
        assert doc["text"][item["start"] : item["end"]] == item["text"]


def test_known_title_shifts_every_span():
    article = article_from_text("First sentence here. Second one.\n\nBy Ann Lee\n\nA new paragraph.", title="A title")
    assert article.text.startswith("A title\n\n")
    assert article.title_text == "A title"
    assert [s.text for s in article.sentences] == ["First sentence here.", "Second one.", "A new paragraph."]
    assert article.metadata.author == "Ann Lee"
    spans_hold(article)


@pytest.mark.parametrize(
    "text, date",
    [
        ("Mayor quits\n\nMay 20, 2019\n\nThe mayor quit on Monday.", "2019-05-20"),
        ("Mayor quits\n\nPublished: Tuesday, 21 May 2019 10:30 BST\n\nThe mayor quit.", "2019-05-21"),
        ("Mayor quits\n2019-05-22\n\nThe mayor quit.", "2019-05-22"),
        ("ANKARA, May 20 (Reuters) - The mayor quit.", None),  # no year: not a full date
        ("Mayor quits\n\nThe mayor quit on May 20, 2019, after a vote.", None),  # a date in a sentence
        ("Mayor quits\n\nFebruary 30, 2019\n\nThe mayor quit.", None),  # not a real day
    ],
)
def test_plain_text_dateline(text, date):
    assert article_from_text(text).metadata.date == date


def test_html_fragment_is_extracted():
    page = extract("<p>The port added two cranes on Friday, officials said, and will hire 40 workers.</p><p>More to come.</p>")
    assert page.paragraphs[0].startswith("The port added two cranes")
    assert page.title is None


def test_markdown_with_inline_html_stays_text(tmp_path, validate_json):
    notes = tmp_path / "notes.md"
    notes.write_text('<div align="center">Weekly notes</div>\n\nThe board met on Monday and approved the plan. Work starts soon.\n', encoding="utf-8")
    doc = validate_json(invoke("summarize", notes, "-f", "json").stdout)[0]
    assert doc["text"] == "The board met on Monday and approved the plan. Work starts soon."  # Markdown: the HTML block is left out
    assert looks_like_html(b'<div align="center">x</div>') and not looks_like_html(b'<div align="center">x</div>', strict=True)
