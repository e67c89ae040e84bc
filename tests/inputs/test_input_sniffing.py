"""What an input is: binary JSON Lines and lists fail as one input, JSON Lines records with
invalid UTF-8 are still read, Markdown is recognised on stdin and in files without an extension
(and plain text is not taken for it), and ``-`` is read only once.

Every case runs the real command line (in-process with Typer's runner, or as a process where a
real pipe matters); JSON output is checked against the shipped schema. Fixtures are under
data/: program.jsonl (the first bytes of an ELF program), feed.jsonl.gz, feed_utf16.jsonl,
invalid_utf8.jsonl (a raw 0xff byte inside a string, a record cut short, a line that is no
JSON), markdown_story and heading_story (Markdown without an extension), hashtag_story,
numbered_story and lone_heading_story (plain text that must stay plain).
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from inputs_support import DATA, ROOT, invoke, write_articles

PROGRAM = DATA / "program.jsonl"
GZIPPED = DATA / "feed.jsonl.gz"
UTF16 = DATA / "feed_utf16.jsonl"
INVALID_UTF8 = DATA / "invalid_utf8.jsonl"
MARKDOWN_STORY = DATA / "markdown_story"
HEADING_STORY = DATA / "heading_story"
PLAIN_STORIES = ("hashtag_story", "numbered_story", "lone_heading_story")
# Markup that must never reach the text of a Markdown input.
MARKUP = ("---", "title:", "# ", "**", "](", "```", "\n- ", "`FerryPass`", "example.org")


def _run(*args, **kwargs):
    """Run ``python -m briefing`` as a process (stdin a real pipe); returns CompletedProcess."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        **kwargs,
    )


# --- 1. a binary JSON Lines file is one failed input ------------------------------------------


@pytest.mark.parametrize("feed", [PROGRAM, GZIPPED], ids=["program", "gzip"])
def test_binary_jsonl_fails_once_and_other_inputs_are_briefed(feed, tmp_path, validate_json):
    good = write_articles(tmp_path, 1)[0]
    result = invoke("brief", good, "--jsonl", feed, "-f", "json")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [d["source"] for d in docs] == [str(good), str(feed)]
    assert "summary" in docs[0] and "error" not in docs[0]
    assert docs[1] == {"schema_version": 1, "source": str(feed), "id": None, "error": "binary file, not text"}
    assert result.stderr.splitlines() == [f"briefing: error: {feed}: binary file, not text", "1 briefed, 1 failed"]
    assert "codec" not in result.stderr


def test_gzip_fixture_is_really_gzipped_jsonl():
    """The fixture is a real .jsonl.gz of good records: only its compression makes it fail."""
    lines = gzip.decompress(GZIPPED.read_bytes()).decode("utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["gz-1", "gz-2"]


def test_binary_jsonl_alone_in_text_format():
    result = invoke("brief", "--jsonl", PROGRAM)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f"briefing: error: {PROGRAM}: binary file, not text\n"


def test_binary_jsonl_on_a_real_stdin_pipe():
    """``--jsonl -`` with a program piped in: the first bytes are peeked at, one error."""
    proc = _run("brief", "--jsonl", "-", "-f", "json", input=PROGRAM.read_bytes())
    assert proc.returncode == 1
    assert [json.loads(line) for line in proc.stdout.splitlines()] == [
        {"schema_version": 1, "source": "-", "id": None, "error": "binary file, not text"}
    ]
    assert proc.stderr.decode() == "briefing: error: -: binary file, not text\n"


def test_good_jsonl_on_stdin_is_still_read_after_the_check(validate_json):
    data = gzip.decompress(GZIPPED.read_bytes())
    result = invoke("summarize", "--jsonl", "-", "--id-field", "id", "-f", "json", "-j", "1", input=data)
    assert result.exit_code == 0, result.stderr
    assert [(d["source"], d["id"]) for d in validate_json(result.stdout)] == [("-:1", "gz-1"), ("-:2", "gz-2")]
    proc = _run("summarize", "--jsonl", "-", "--id-field", "id", "-f", "json", "-j", "1", input=data)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(line)["id"] for line in proc.stdout.splitlines()] == ["gz-1", "gz-2"]


def test_utf16_jsonl_fails_once_with_a_clear_reason(validate_json):
    result = invoke("summarize", "--jsonl", UTF16, "-f", "json")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert len(docs) == 1 and docs[0]["source"] == str(UTF16)
    assert docs[0]["error"] == "UTF-16 or UTF-32 text: it must be UTF-8"
    assert "codec" not in result.stderr


def test_binary_list_of_inputs_fails_once(tmp_path):
    listing = tmp_path / "inputs.lst"
    listing.write_bytes(PROGRAM.read_bytes())
    result = invoke("summarize", "--from-list", listing)
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {listing}: cannot read the list: binary file, not text\n"


# --- 2. invalid UTF-8 inside a record -------------------------------------------------------


def test_invalid_utf8_record_is_briefed_with_a_warning_and_its_id(validate_json):
    result = invoke("brief", "--jsonl", INVALID_UTF8, "--id-field", "uid", "-f", "json", "-j", "1")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [(d["source"], d["id"]) for d in docs] == [
        (f"{INVALID_UTF8}:1", "u-1"),
        (f"{INVALID_UTF8}:2", "u-2"),  # not JSON, but its id can still be read
        (f"{INVALID_UTF8}:3", None),  # no id to recover: FILE:LINE only
        (f"{INVALID_UTF8}:4", "u-4"),
    ]
    first = docs[0]
    assert "error" not in first
    assert first["text"].startswith("The mayor of Port Ellen resigned on Monday \N{REPLACEMENT CHARACTER} after")
    assert first["warnings"][0] == "1 invalid UTF-8 byte sequence replaced with U+FFFD"
    assert first["summary"]
    for doc in docs[1:3]:
        assert set(doc) == {"schema_version", "source", "id", "error"}
        assert doc["error"].startswith("not valid JSON (")
    assert "summary" in docs[3] and docs[3]["warnings"] == []
    assert "codec" not in result.stdout + result.stderr
    assert result.stderr.splitlines() == [
        f"briefing: warning: {INVALID_UTF8}:1: 1 invalid UTF-8 byte sequence replaced with U+FFFD",
        f"briefing: error: {INVALID_UTF8}:2: {docs[1]['error']}",
        f"briefing: error: {INVALID_UTF8}:3: {docs[2]['error']}",
        "2 briefed, 2 failed",
    ]


def test_a_bom_before_the_first_record_is_not_an_error(tmp_path, validate_json):
    feed = tmp_path / "bom.jsonl"
    feed.write_bytes(b"\xef\xbb\xbf" + json.dumps({"text": "The bridge reopened on Friday. Traffic returned."}).encode() + b"\n")
    result = invoke("summarize", "--jsonl", feed, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert validate_json(result.stdout)[0]["warnings"] == []


# --- 3. Markdown by content ------------------------------------------------------------------


def _assert_markdown_story(doc):
    assert doc["title"] == "Harbour council approves ferry expansion"
    assert doc["metadata"]["date"] == "2024-03-14"
    assert doc["metadata"]["author"] == "Marta Quinn"
    assert "The harbour council voted on Tuesday to add three ferries to the island route" in doc["text"]
    assert "What changes for passengers" not in doc["text"]  # a section heading: left out
    for markup in MARKUP:
        assert markup not in doc["text"], markup
    for sentence in doc["summary"]:
        assert doc["text"][sentence["start"] : sentence["end"]] == sentence["text"]


def test_markdown_on_stdin_is_read_as_markdown(validate_json):
    result = invoke("brief", "-f", "json", input=MARKDOWN_STORY.read_bytes())
    assert result.exit_code == 0, result.stderr
    (doc,) = validate_json(result.stdout)
    assert doc["source"] == "-"
    _assert_markdown_story(doc)


def test_markdown_piped_into_a_real_process_in_text_format():
    """``cat story | briefing brief``: no front matter, heading or markup in the briefing."""
    proc = _run("brief", "-f", "text", input=MARKDOWN_STORY.read_bytes(), env=None)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "title: Harbour council approves ferry expansion" in out
    assert "date: 2024-03-14" in out
    for markup in ("---", "**", "](", "```", "# "):
        assert markup not in out, markup


def test_markdown_file_without_an_extension(validate_json):
    result = invoke("brief", MARKDOWN_STORY, "-f", "json")
    assert result.exit_code == 0, result.stderr
    _assert_markdown_story(validate_json(result.stdout)[0])


def test_heading_and_markup_without_front_matter(validate_json):
    """A leading blank line, then ``# Title`` and more Markdown (emphasis, a numbered list)."""
    result = invoke("summarize", "-f", "json", input=HEADING_STORY.read_bytes())
    assert result.exit_code == 0, result.stderr
    (doc,) = validate_json(result.stdout)
    assert doc["title"] == "Rail strike ends after twelve days"
    assert "after twelve days, the union said" in doc["text"]
    assert "Trains ran again on all lines by the evening." in doc["text"]
    assert "**" not in doc["text"] and "# " not in doc["text"] and "1. " not in doc["text"]


def test_a_txt_file_with_markdown_stays_plain_text(tmp_path, validate_json):
    """The extension is the user's declaration: ``.txt`` is plain text, whatever it holds."""
    declared = tmp_path / "story.txt"
    declared.write_bytes(MARKDOWN_STORY.read_bytes())
    result = invoke("summarize", declared, "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = validate_json(result.stdout)[0]
    assert doc["text"] == MARKDOWN_STORY.read_text(encoding="utf-8")
    assert doc["metadata"]["author"] is None


@pytest.mark.parametrize("name", PLAIN_STORIES)
def test_plain_text_is_not_taken_for_markdown(name, validate_json):
    """A ``#hashtag`` first line, a first line that starts with a number (even with a list and
    ``**`` further down), and a lone ``# ...`` line without any other Markdown stay plain text:
    the text is the input exactly, on stdin and as a file without an extension."""
    content = (DATA / name).read_text(encoding="utf-8")
    for args, kwargs in (((), {"input": content.encode("utf-8")}), ((DATA / name,), {})):
        result = invoke("brief", *args, "-f", "json", **kwargs)
        assert result.exit_code == 0, result.stderr
        (doc,) = validate_json(result.stdout)
        assert doc["text"] == content
        assert doc["metadata"]["date"] is None and doc["metadata"]["author"] is None


def test_sniffing_rule_cases():
    """The rule itself on small texts, both ways."""
    from briefing.inputs import looks_like_markdown

    markdown = [
        "---\ntitle: A\n---\nBody.",
        "\ufeff\n\n---\nauthor: B\ndate: 2024-01-02\n---\n\nBody.",
        "# Title\n\nSome **bold** text.",
        "# Title\n\nSee [the site](https://example.org).",
        "## Title\n\n```\ncode\n```",
        "# Title\n\n- one\n- two",
        "# Title\n\n1. one",
        "# Title\n\n## Part two",
        "# A __strong__ title\n\nText.",
    ]
    plain = [
        "#breaking Council closes the bridge\n\n- detour via the ring road\n**closed**",
        "#1 single of the year\n\n## Charts",
        "1. Council closes the bridge\n\n# Detours\n\n**closed**",
        "2024 was a record year.\n\n# Figures\n\n- up 5%",
        "# Council minutes\n\nThe council met. #budget 3 * 4 = 12.",
        "#\n\n**x**",
        "---\nThis is a sentence, not a key.\n---\n",
        "---\n---\nBody.",
        "Title\n\n# Heading\n\n**bold**",
    ]
    assert [t for t in markdown if not looks_like_markdown(t)] == []
    assert [t for t in plain if looks_like_markdown(t)] == []


# --- 4. stdin is read once -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [("-", "-"), ("-", "--jsonl", "-"), ("--from-list", "-", "--jsonl", "-")],
    ids=["twice-as-input", "input-and-jsonl", "list-and-jsonl"],
)
def test_stdin_given_twice_is_a_usage_error(args):
    result = invoke("brief", *args, input=b"The mayor resigned on Monday. A vote follows.\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("briefing: error: ")
    assert "- (standard input) given 2 times; it can be read only once" in lines[0]


def test_stdin_given_twice_in_a_real_process():
    proc = _run("brief", "-", "-", input=b"The mayor resigned on Monday. A vote follows.\n")
    assert proc.returncode == 2
    assert proc.stdout == b""
    err = proc.stderr.decode().splitlines()
    assert len(err) == 1 and err[0].startswith("briefing: error: Invalid value for INPUT: - (standard input)")


def test_stdin_once_is_still_fine(validate_json):
    result = invoke("summarize", "-", "-f", "json", input=b"The mayor resigned on Monday. A vote follows.\n")
    assert result.exit_code == 0, result.stderr
    assert validate_json(result.stdout)[0]["source"] == "-"
