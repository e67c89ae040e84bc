"""Markdown inputs: title, text without markup, front matter metadata, offsets, routing."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading

import pytest

from briefing.errors import InputError
from briefing.markdown import extract
from briefing.pipeline import read_article
from inputs_support import DATA, ROOT, invoke, spans_hold

STORY = DATA / "story.md"
TITLE = "Harbour council approves ferry expansion"
# What the Markdown of data/story.md holds besides the article's text: none of it may reach `text`.
MARKUP = ("#", "**", "__", "*", "_", "`", "](", "![", "[", "]", "<", ">", "|", "~~", "---", "```")
LEFT_OUT = (
    "https://example.org",  # link and image URLs, the reference definition
    "Island route",  # a link title
    "The island ferry at the quay",  # an image's alt text
    "editor: check",  # an HTML comment
    "Advertisement",  # an HTML block
    "Crossings",  # a table
    "crossings = 24",  # a fenced code block
    "indented_code_block",  # an indented code block
    "state",  # struck-out text
    "tags",  # front matter
    "2024-03-14T09:30:00Z",
)


def offsets_hold(doc):
    """Every offset of a JSON result indexes its `text`."""
    text = doc["text"]
    for item in doc.get("summary", []) + doc.get("figures", []) + doc.get("dates", []) + doc.get("quotes", []):
        assert text[item["start"] : item["end"]] == item["text"]
    for quote in doc.get("quotes", []):
        if quote["speaker_span"]:
            start, end = quote["speaker_span"]
            assert text[start:end] == quote["speaker"]
    spans = [span for phrase in doc.get("keyphrases", []) for span in phrase["spans"]]
    spans += [span for entity in doc.get("entities", []) for span in entity["mentions"]]
    for start, end in spans:  # (a keyphrase's span may be another form of it: "ferry", "ferries")
        assert 0 <= start < end <= len(text) and text[start:end].strip() == text[start:end]


# --- the article of a Markdown file -----------------------------------------------------------


def test_title_is_the_heading_without_its_marks():
    article = read_article(str(STORY))
    assert article.title_text == TITLE
    assert article.text.startswith(TITLE + "\n\nThe harbour council voted on Tuesday")
    assert all("approves ferry" not in s.text for s in article.sentences)  # the title is no sentence


def test_sentences_have_no_markup():
    article = read_article(str(STORY))
    assert article.sentences
    for sentence in article.sentences:
        for mark in MARKUP:
            assert mark not in sentence.text, (mark, sentence.text)
    for gone in LEFT_OUT:
        assert gone not in article.text, gone


def test_link_text_is_kept_and_its_url_dropped():
    text = read_article(str(STORY)).text
    assert "add three ferries to the island route, doubling" in text
    assert "the paper season ticket." in text  # a reference link
    assert "example.org" not in text


def test_inline_text_emphasis_code_breaks_and_lists():
    paragraphs = [p for p in read_article(str(STORY)).text.split("\n\n")]
    assert "Boats will leave every 30 minutes at peak times." in paragraphs  # a list item, no bullet
    assert "Tickets can be bought with the FerryPass app." in paragraphs  # inline code keeps its text
    assert "The app replaces the paper season ticket." in paragraphs  # a nested, numbered item
    assert "What changes for passengers" not in read_article(str(STORY)).text  # a subheading is left out
    # A hard line break (backslash) and a soft one join with a space.
    assert "The expansion will cost about $4.2 million, which the council said would be covered by a regional transport grant." in paragraphs
    assert any(p.startswith('"Islanders have waited') and p.endswith("seven to two.") for p in paragraphs)  # a block quote


def test_front_matter_gives_metadata_and_is_not_text():
    article = read_article(str(STORY))
    meta = article.metadata
    assert (meta.date, meta.author, meta.site, meta.language) == ("2024-03-14", "Marta Quinn", "The Coastal Courier", "english")
    assert "title:" not in article.text and "author:" not in article.text and "---" not in article.text


def test_front_matter_date_resolves_relative_dates():
    from briefing.pipeline import brief

    values = {d.text: d.value for d in brief(read_article(str(STORY))).dates}
    assert values["Tuesday"] == "2024-03-12"  # the Tuesday before Thursday 14 March 2024


def test_spans_index_the_article_text():
    spans_hold(read_article(str(STORY)))


def test_json_offsets_index_the_text(validate_json):
    result = invoke("brief", STORY, "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = validate_json(result.stdout)[0]
    assert doc["title"] == TITLE
    assert doc["metadata"] == {"date": "2024-03-14", "author": "Marta Quinn", "site": "The Coastal Courier", "language": "english"}
    assert doc["summary"] and doc["figures"] and doc["quotes"]
    assert doc["quotes"][0]["speaker"] == "Dana Whitfield"
    offsets_hold(doc)


# --- files, folders and URLs -------------------------------------------------------------------


def test_directory_run_picks_up_markdown(tmp_path, validate_json):
    (tmp_path / "a.txt").write_text("Rail strike ends\n\nThe rail strike ended on Monday after 12 days. Trains ran again.\n", encoding="utf-8")
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "story.md").write_bytes(STORY.read_bytes())
    (tmp_path / "news" / "notes.markdown").write_text(
        "## Library reopens\n\nThe **library** reopened on [Friday](https://example.org) after flood repairs.\n", encoding="utf-8"
    )
    result = invoke("brief", tmp_path, "--format", "json")
    assert result.exit_code == 0, result.stderr
    docs = validate_json(result.stdout)
    names = [os.path.relpath(d["source"], tmp_path) for d in docs]
    assert names == ["a.txt", os.path.join("news", "notes.markdown"), os.path.join("news", "story.md")]
    by_name = dict(zip(names, docs))
    story = by_name[os.path.join("news", "story.md")]
    assert story["title"] == TITLE and story["metadata"]["author"] == "Marta Quinn"
    notes = by_name[os.path.join("news", "notes.markdown")]
    assert notes["title"] == "Library reopens"  # a level-2 heading as the first block
    assert notes["text"] == "Library reopens\n\nThe library reopened on Friday after flood repairs."
    for doc in docs:
        offsets_hold(doc)


PROSE = (
    "Council approves budget\n\n"
    "The council of the district approved a budget of 4 million dollars on Monday. The vote was 7 to 2, officials said.\n\n"
    "Residents will see three new parks by the summer. Work starts in May.\n"
)


def test_plain_prose_markdown_reads_like_plain_text(tmp_path):
    (tmp_path / "story.txt").write_text(PROSE, encoding="utf-8")
    (tmp_path / "story.md").write_text(PROSE, encoding="utf-8")
    txt = read_article(str(tmp_path / "story.txt"))
    md = read_article(str(tmp_path / "story.md"))
    assert md.title_text == txt.title_text == "Council approves budget"
    assert [(s.text, s.start, s.end, s.paragraph) for s in md.sentences] == [(s.text, s.start, s.end, s.paragraph) for s in txt.sentences]
    assert md.text == txt.text.rstrip("\n")
    spans_hold(md)


def test_hard_wrapped_prose_gives_the_same_sentences(tmp_path):
    wrapped = PROSE.replace("budget of 4", "budget of\n4").replace("by the summer.", "by the\nsummer.")
    (tmp_path / "story.txt").write_text(wrapped, encoding="utf-8")
    (tmp_path / "story.md").write_text(wrapped, encoding="utf-8")
    txt = read_article(str(tmp_path / "story.txt"))
    md = read_article(str(tmp_path / "story.md"))
    # Markdown joins a paragraph's lines with a space; plain text keeps its line breaks.
    assert [" ".join(s.text.split()) for s in md.sentences] == [" ".join(s.text.split()) for s in txt.sentences]
    assert len(md.sentences) == 4
    spans_hold(md)


def test_markdown_that_is_an_html_page_goes_the_html_way(tmp_path, validate_json):
    page = tmp_path / "page.md"
    page.write_bytes((DATA / "article.html").read_bytes())
    doc = validate_json(invoke("brief", page, "-f", "json").stdout)[0]
    assert doc["title"] == TITLE
    assert doc["metadata"]["site"] == "The Coastal Courier"
    assert "Commenter" not in doc["text"] and "<" not in doc["text"]


def test_markdown_with_an_html_block_stays_markdown(tmp_path, validate_json):
    notes = tmp_path / "notes.md"
    notes.write_text('<div align="center">Weekly notes</div>\n\nThe board met on Monday and approved the plan. Work starts soon.\n', encoding="utf-8")
    doc = validate_json(invoke("summarize", notes, "-f", "json").stdout)[0]
    assert doc["text"] == "The board met on Monday and approved the plan. Work starts soon."
    assert doc["title"] is None


def test_markdown_with_no_text_fails(tmp_path, validate_json):
    code = tmp_path / "code.md"
    code.write_text("```sh\nmake install\n```\n\n<!-- nothing else -->\n", encoding="utf-8")
    result = invoke("brief", code, "-f", "json")
    assert result.exit_code == 1
    assert validate_json(result.stdout)[0]["error"] == "no article text found in the Markdown file"
    assert result.stderr == f"briefing: error: {code}: no article text found in the Markdown file\n"


def test_markdown_is_decoded_first(tmp_path):
    story = tmp_path / "cafe.md"
    story.write_bytes("# Café owners raise prices\n\nZürich café owners raised prices by *5 percent* on Monday.\n".encode("utf-16"))
    article = read_article(str(story))
    assert article.title_text == "Café owners raise prices"
    assert article.sentences[0].text == "Zürich café owners raised prices by 5 percent on Monday."
    latin1 = tmp_path / "latin1.md"
    latin1.write_bytes("# Café\n\nZürich café owners **raised** prices on Monday.\n".encode("iso-8859-1"))
    assert read_article(str(latin1), encoding="iso-8859-1").sentences[0].text == "Zürich café owners raised prices on Monday."


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes = {
        "/story": (STORY.read_bytes(), "text/markdown; charset=utf-8"),
        "/x-markdown": ("# Café reopens\n\nThe *café* in Zürich reopened on Friday.\n".encode("iso-8859-1"), "text/x-markdown; charset=ISO-8859-1"),
        "/page": ((DATA / "article.html").read_bytes(), "text/markdown"),
    }

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        body, content_type = self.routes.get(self.path, (b"not found", "text/plain"))
        self.send_response(200 if self.path in self.routes else 404)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def markdown_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_url_served_as_markdown(markdown_server, validate_json, monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # straight to 127.0.0.1, whatever proxy the machine sets
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    result = invoke("brief", f"{markdown_server}/story", f"{markdown_server}/x-markdown", f"{markdown_server}/page", "-f", "json", "-j", "1")
    assert result.exit_code == 0, result.stderr
    story, cafe, page = validate_json(result.stdout)
    assert story["title"] == TITLE and story["metadata"]["date"] == "2024-03-14"
    assert "example.org" not in story["text"] and "**" not in story["text"]
    offsets_hold(story)
    assert cafe["title"] == "Café reopens"  # decoded with the header's charset, then read as Markdown
    assert cafe["text"] == "Café reopens\n\nThe café in Zürich reopened on Friday."
    assert page["title"] == TITLE and "Commenter" not in page["text"]  # a whole HTML page is HTML


def test_markdown_it_is_imported_only_for_markdown(tmp_path):
    plain = tmp_path / "story.txt"
    plain.write_text(PROSE, encoding="utf-8")
    code = (
        "import sys\n"
        "import briefing.cli, briefing.inputs\n"
        "from briefing.pipeline import read_article\n"
        f"read_article({str(plain)!r})\n"
        "print('markdown_it' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "False"


# --- the Markdown reader itself ----------------------------------------------------------------


def test_title_rules():
    assert extract("Intro line.\n\n# The title\n\nBody.\n").title == "The title"  # the first level-1 heading
    assert extract("The title\n=========\n\nBody.\n").title == "The title"  # a setext heading
    assert extract("<!-- x -->\n\n## Second level\n\nBody.\n").title == "Second level"  # first block with text
    page = extract("Body first.\n\n## A section\n\nMore.\n")
    assert page.title is None and page.paragraphs == ("Body first.", "More.")  # headings are left out
    page = extract("---\ntitle: Front matter title\n---\n\n# Another heading\n\nBody.\n")
    assert page.title == "Front matter title" and page.paragraphs == ("Body.",)


def test_inline_markup_is_removed():
    page = extract("A *b* __c__ `d` [e](http://f) ![g](h.png) <span>i</span> ~~j~~ k&amp;l \\*m\\* <https://n.org>\n")
    assert page.paragraphs == ("A b c d e i k&l *m* https://n.org",)


def test_blocks_left_out():
    page = extract("Text one.\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\n<!-- c -->\n\n<p>html</p>\n\nText two.\n")
    assert page.paragraphs == ("Text one.", "Text two.")


def test_front_matter_forms():
    page = extract('---\ntitle: "T: a story" # a comment\ndate: 2024-02-29\nauthors:\n  - A. Writer\n  - B. Writer\nsite: \'Site\'\n...\nBody.\n')
    assert (page.title, page.date, page.author, page.site, page.paragraphs) == ("T: a story", "2024-02-29", "A. Writer, B. Writer", "Site", ("Body.",))
    page = extract('+++\ntitle = "T"\ndate = 2024-03-01T10:00:00Z\nauthors = ["A", "B"]\n[params]\nsite = "nested"\n+++\nBody.\n')
    assert (page.title, page.date, page.author, page.site, page.paragraphs) == ("T", "2024-03-01", "A, B", None, ("Body.",))
    assert extract("---\ndate: 14 March 2024\n---\nBody.\n").date is None  # only ISO dates are read
    assert extract("---\ndate: 2024-02-30\n---\nBody.\n").date is None


def test_a_rule_and_a_setext_heading_are_not_front_matter():
    page = extract("---\nThe board met on Monday.\n---\n\nMore.\n")
    assert page.title == "The board met on Monday." and page.paragraphs == ("More.",)


def test_nothing_but_markup_is_an_error():
    for text in ("```\ncode\n```\n", "---\ntitle: \n---\n", "<div>x</div>\n", "![img](x.png)\n"):
        with pytest.raises(InputError, match="no article text found in the Markdown file"):
            extract(text)


# --- headings, front matter values, footnotes, upper-case extensions ---------------------------

SECTIONED = """---
title: "Council approves **new** budget"
date: 2024-05-02
author: 'Ana O''Neill'
---

# City passes spending plan for parks

The city council approved a budget of 4 million dollars on Monday after a long debate.
The vote was seven to two, officials said.

## Reaction

Residents welcomed the plan at a meeting on Tuesday. Several asked when work would start.

### What comes next

Work on the first park starts in May. The second park follows in the autumn.
"""
HEADINGS = ("City passes spending plan for parks", "Reaction", "What comes next")


def _brief_json(path, validate_json, *args):
    result = invoke("brief", path, "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    (doc,) = validate_json(result.stdout)
    offsets_hold(doc)
    return doc


def test_headings_other_than_the_title_are_not_text_nor_summary(tmp_path, validate_json):
    story = tmp_path / "budget.md"
    story.write_text(SECTIONED, encoding="utf-8")
    doc = _brief_json(story, validate_json, "-n", "20")
    assert doc["title"] == "Council approves new budget"
    assert doc["text"].startswith("Council approves new budget\n\nThe city council approved a budget")
    for heading in HEADINGS:  # a second headline and section headings are page furniture
        assert heading not in doc["text"], heading
    sentences = [s["text"] for s in doc["summary"]]
    assert len(sentences) == 6  # every sentence of the article, and nothing else
    assert sentences[0].startswith("The city council approved")
    assert all(s not in HEADINGS and "Council approves" not in s for s in sentences)  # the title is never one
    article = read_article(str(story))
    assert article.title_text == "Council approves new budget"
    assert [s.text for s in article.sentences] == sentences
    spans_hold(article)


def test_a_heading_only_markdown_file_keeps_its_title(tmp_path, validate_json):
    story = tmp_path / "notes.md"
    story.write_text("# Weekly notes\n\n## Reaction\n\nThe board met on Monday and approved the plan.\n", encoding="utf-8")
    doc = _brief_json(story, validate_json)
    assert doc["title"] == "Weekly notes"
    assert doc["text"] == "Weekly notes\n\nThe board met on Monday and approved the plan."


def test_front_matter_quoting():
    def title(value):
        return extract(f"---\ntitle: {value}\n---\nBody.\n").title

    assert title("'It''s here'") == "It's here"
    assert title("''''") == "'"
    assert title("'C:\\path\\n' # a comment") == "C:\\path\\n"  # no escapes in single quotes
    assert title('"Say \\"hi\\" now"') == 'Say "hi" now'
    assert title('"Back\\\\slash"') == "Back\\slash"
    assert title('"Line\\nbreak\\tand tab"') == "Line break and tab"  # every value is one line
    assert title('"Caf\\u00e9 \\x41 \\U0001F600 \\uD83D\\uDE00"') == "Café A \U0001F600 \U0001F600"
    assert title('"Odd \\q escape"') == "Odd \\q escape"  # an unknown escape stays as written
    assert title('"Lone \\uD800 surrogate \\u0000"') == "Lone \ufffd surrogate"
    assert title('"T: a story" # a comment') == "T: a story"
    assert title('"Unclosed') is None
    assert extract('+++\ntitle = "Say \\"hi\\""\nauthor = \'A\'\n+++\nBody.\n').title == 'Say "hi"'  # TOML
    page = extract("---\ntitle: \"A long\n  quoted title \\\n  continued\"\nauthors: [\"Quinn, M.\", 'O''Neill']\n---\nBody.\n")
    assert (page.title, page.author) == ("A long quoted title continued", "Quinn, M., O'Neill")
    page = extract("---\ntitle: A plain title\n  on two lines\nsite:\n  The Courier\n---\nBody.\n")
    assert (page.title, page.site) == ("A plain title on two lines", "The Courier")
    assert extract("---\nauthor:\n  name: X\n  email: x@example.org\n---\nBody.\n").author is None  # a mapping


def test_front_matter_block_scalars(tmp_path, validate_json):
    folded = "---\ntitle: >\n  Harbour council\n  approves ferry\n\n  expansion\ndate: 2024-03-14\n---\nBody.\n"
    page = extract(folded)
    assert (page.title, page.date) == ("Harbour council approves ferry expansion", "2024-03-14")
    literal = "---\ntitle: |-\n    Harbour council\n    # approves ferry expansion\nauthor: |\n  Marta\n  Quinn\n---\nBody.\n"
    page = extract(literal)
    assert (page.title, page.author) == ("Harbour council # approves ferry expansion", "Marta Quinn")
    assert extract("---\ntitle: >2 # folded\n   Indented\n   title\n---\nBody.\n").title == "Indented title"
    assert extract("---\ntitle: >\nauthor: A\n---\nBody.\n").title is None  # an empty block scalar: no title
    story = tmp_path / "story.md"
    story.write_text(folded.replace("Body.", "The council voted on Tuesday. The ferries start in June."), encoding="utf-8")
    doc = _brief_json(story, validate_json)
    assert doc["title"] == "Harbour council approves ferry expansion"
    assert doc["metadata"]["date"] == "2024-03-14"


def test_front_matter_title_markup_is_removed(tmp_path, validate_json):
    story = tmp_path / "story.md"
    story.write_text(
        '---\ntitle: "Council approves **new** budget for [parks](https://example.org) `now`"\n---\n\n'
        "The council approved a budget of 4 million dollars on Monday. Work starts in May.\n",
        encoding="utf-8",
    )
    doc = _brief_json(story, validate_json)
    assert doc["title"] == "Council approves new budget for parks now"
    assert doc["text"].startswith("Council approves new budget for parks now\n\nThe council approved")
    assert "**" not in doc["text"] and "example.org" not in doc["text"] and "`" not in doc["text"]
    spans_hold(read_article(str(story)))


FOOTNOTED = """# Ferry fares rise

Fares on the island ferry rise by 5 percent[^1] from June, the operator said[^fares]. Season
tickets keep their price [^2].

[^1]: The operator's own figure, before tax.
    A second paragraph of the note, indented.
lazily continued note line

[^fares]: Statement of 2 May.

Passengers can still buy the paper ticket `[^1]` in the harbour office.

```
[^3]: inside a code block
```

The new timetable starts on 1 June.
"""


def test_footnotes_are_left_out(tmp_path, validate_json):
    story = tmp_path / "fares.md"
    story.write_text(FOOTNOTED, encoding="utf-8")
    doc = _brief_json(story, validate_json, "-n", "20")
    text = doc["text"]
    assert text.count("[^") == 1  # only the one in inline code
    for gone in ("operator's own figure", "second paragraph of the note", "lazily continued", "Statement of 2 May", "inside a code block"):
        assert gone not in text, gone
    assert "Fares on the island ferry rise by 5 percent from June, the operator said." in text
    assert "Season tickets keep their price." in text
    assert "paper ticket [^1] in the harbour office" in text  # inline code keeps its text
    assert "The new timetable starts on 1 June." in text
    spans_hold(read_article(str(story)))
    assert extract("Text[^a].\n\n[^a]: Note.\n").paragraphs == ("Text.",)


def test_directory_run_matches_default_extensions_in_any_case(tmp_path, validate_json):
    (tmp_path / "story.MD").write_text(SECTIONED, encoding="utf-8")
    (tmp_path / "brief.Txt").write_text("Rail strike ends\n\nThe rail strike ended on Monday after 12 days. Trains ran again.\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# Library reopens\n\nThe library reopened on Friday after flood repairs.\n", encoding="utf-8")
    (tmp_path / "image.PNG").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = invoke("brief", tmp_path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    docs = validate_json(result.stdout)
    assert [os.path.basename(d["source"]) for d in docs] == ["brief.Txt", "notes.md", "story.MD"]
    story = docs[2]
    assert story["title"] == "Council approves new budget" and "Reaction" not in story["text"]  # read as Markdown
    for doc in docs:
        offsets_hold(doc)
    # A --glob pattern matches as the user wrote it.
    result = invoke("brief", tmp_path, "--glob", "*.md", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert [os.path.basename(d["source"]) for d in validate_json(result.stdout)] == ["notes.md"]
