"""Hostile inputs (issue 7): markup and terminal control sequences inside articles, broken or
foreign encodings, binary files, symbolic link loops, unreadable files and folders, odd paths."""

from __future__ import annotations

import json
import os
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEED
from hardening_support import cli

_SGR = re.compile(r"\x1b\[[0-9;]*m")  # the colour codes Rich itself writes on a terminal
_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")

EVIL = (
    "Evil [bold red]headline[/] \x1b]0;title\x07\n\n"
    "The [link=file:///etc/passwd]mayor[/link] said \x1b]0;pwned\x07 hello to 12 residents.\x1b[2J "
    "Officials \u202egnorw\u202c confirmed the plan on May 20, 2019, in Springfield. "
    "About 40 people \x9b31m watched \x1b[31mred\x1b[0m text and \x1b]8;;http://evil.example\x1b\\a link\x1b]8;;\x1b\\. "
    "\"We agree [b]fully[/b],\" said Mayor Ana Ruiz of Springfield."
)


@pytest.fixture
def evil_file(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(EVIL, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["summarize", "facts", "brief"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "rich"])
def test_markup_and_escape_sequences_are_inert(evil_file, command, fmt):
    env = {"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "120"} if fmt == "rich" else None
    length = ["-n", "5"] if command != "facts" else []
    result = cli(command, evil_file, "-f", fmt, *length, env=env)
    assert result.exit_code == 0, result.stderr
    shown = _SGR.sub("", result.stdout)
    assert not _ACTIVE.search(shown), repr(_ACTIVE.search(shown).group())
    assert "\x1b]8;" not in result.stdout  # [link=...] never becomes a hyperlink
    if command != "facts":
        assert "[link=file:///etc/passwd]" in shown.replace("\\", "")  # printed literally
        assert "␛[2J" in shown.replace("\\", "")  # the sequence is visible, one character for ESC


def test_json_keeps_the_text_exactly(evil_file, validate_json):
    result = cli("brief", evil_file, "-f", "json", "-n", "5")
    (doc,) = validate_json(result.stdout)
    assert doc["text"] == EVIL
    assert "\\u001b]0;pwned\\u0007" in result.stdout  # escaped by the JSON encoder
    for item in doc["summary"]:
        assert doc["text"][item["start"] : item["end"]] == item["text"]
    assert any("\x1b[2J" in s["text"] for s in doc["summary"])


def test_hostile_file_names_are_inert_on_stderr_and_exact_in_json(tmp_path, validate_json):
    bad = tmp_path / "evil\x1b]0;x\x07\u202e.txt"
    bad.write_text("Rain fell on Monday. Roads closed.", encoding="utf-8")
    missing = tmp_path / "gone\x1b[2J.txt"
    result = cli("summarize", bad, missing, "-f", "text", "-j", "1")
    assert result.exit_code == 1
    assert not _ACTIVE.search(result.stdout.replace("\n", "")) and not _ACTIVE.search(result.stderr.replace("\n", ""))
    assert "==> " in result.stdout and result.stderr.count("\n") == 2  # the error, "1 briefed, 1 failed"
    docs = validate_json(cli("summarize", bad, missing, "-f", "json", "-j", "1").stdout)
    assert [d["source"] for d in docs] == [str(bad), str(missing)]


# --- encodings -------------------------------------------------------------------------------

TEXT = "Café owners in Zürich raised prices by 5 percent on Monday. Customers complained loudly."


def _summary_text(result) -> str:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)["text"]


def test_invalid_utf8_is_decoded_with_replacement_and_a_warning(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(TEXT.encode("utf-8").replace(b"5 percent", b"5 \xff\xfe percent"))
    result = cli("summarize", path, "-f", "json")
    text = _summary_text(result)
    assert text == TEXT.replace("5 percent", "5 \ufffd\ufffd percent")
    assert json.loads(result.stdout)["warnings"][0] == "2 invalid UTF-8 byte sequences replaced with U+FFFD"
    assert result.stderr == f"briefing: warning: {path}: 2 invalid UTF-8 byte sequences replaced with U+FFFD\n"


def test_invalid_utf8_with_an_explicit_encoding_is_refused(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_bytes(b"Rain fell \xff on Monday.")
    result = cli("summarize", path, "--encoding", "utf-8")
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {path}: cannot decode as utf-8: byte 10\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(tmp_path, codec):
    path = tmp_path / "wide.txt"
    path.write_bytes(TEXT.encode(codec))
    assert _summary_text(cli("summarize", path, "-f", "json")) == TEXT


def test_latin1_is_detected(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(TEXT.encode("latin-1"))
    result = cli("summarize", path, "-f", "json")
    assert _summary_text(result) == TEXT
    assert json.loads(result.stdout)["warnings"] == []


@pytest.mark.parametrize("data", [b"Rain fell.\x00\x00\x00 Roads closed.", bytes(range(256)) * 4, b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64])
def test_binary_files_are_refused(tmp_path, data):
    path = tmp_path / "blob.txt"
    path.write_bytes(data)
    result = cli("brief", path, "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {path}: binary file, not text\n"


def test_lone_surrogates_from_json_lines_become_replacement_characters(tmp_path, validate_json):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Rain fell \\udcff on Monday. Roads \\ud800 closed."}\n', encoding="utf-8")
    result = cli("summarize", "--jsonl", feed, "-f", "json", "-n", "2")
    assert result.exit_code == 0, result.stderr
    (doc,) = validate_json(result.stdout)
    assert doc["text"] == "Rain fell \ufffd on Monday. Roads \ufffd closed."
    assert doc["warnings"] == ["2 lone surrogates (invalid characters) replaced with U+FFFD"]
    result.stdout.encode("utf-8")


@settings(max_examples=150, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=400), st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_any_bytes_are_decoded_or_refused_clearly(data):
    from briefing.errors import InputError
    from briefing.inputs import Source, load

    try:
        loaded = load(Source("-", "stdin", data=data))
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert loaded.text.strip()
    loaded.text.encode("utf-8")  # no lone surrogate


# --- files and folders ---------------------------------------------------------------------------

GOOD = "Rain fell on Springfield on Monday. Roads were closed for hours."


def test_symlink_loops_in_a_directory_fail_alone(tmp_path, validate_json):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    os.symlink("..", folder / "sub" / "up")  # a folder loop: links to folders are not followed
    result = cli("summarize", folder, "-f", "json", "-j", "1")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [(d["source"], d.get("error")) for d in docs] == [
        (str(folder / "a.txt"), "too many levels of symbolic links (a symbolic link loop)"),
        (str(folder / "b.txt"), "too many levels of symbolic links (a symbolic link loop)"),
        (str(folder / "good.txt"), None),
    ]
    assert result.stderr.endswith("1 briefed, 2 failed\n")


def test_unreadable_file_in_a_directory_fails_alone(tmp_path, monkeypatch, validate_json):
    """Tests run as root, where chmod 000 does not stop reading: the refusal is simulated where
    the file is opened (the real case is below, skipped for root)."""
    import builtins

    from briefing import reader

    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "locked.txt").write_text(GOOD, encoding="utf-8")

    def guarded_open(path, *args, **kwargs):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(reader, "open", guarded_open, raising=False)
    result = cli("summarize", folder, "-f", "json", "-j", "1")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [d.get("error") for d in docs] == [None, "permission denied"]
    assert f"briefing: error: {folder / 'locked.txt'}: permission denied\n" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file_for_real(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)
    try:
        result = cli("summarize", path)
    finally:
        path.chmod(0o600)
    assert result.exit_code == 1 and result.stderr == f"briefing: error: {path}: permission denied\n"


def test_unlistable_folder_is_reported_not_skipped(tmp_path, monkeypatch, validate_json):
    folder = tmp_path / "news"
    (folder / "private").mkdir(parents=True)
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "private" / "b.txt").write_text(GOOD, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path="."):
        if str(path).endswith("private"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("summarize", folder, "-f", "json", "-j", "1")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [(d["source"], d.get("error")) for d in docs] == [
        (str(folder / "a.txt"), None),
        (str(folder / "private"), "cannot list the folder: permission denied"),
    ]


def test_a_file_named_like_an_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-rf").write_text(GOOD, encoding="utf-8")
    result = cli("summarize", "-f", "json", "--", "-rf")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "-rf"
    usage = cli("summarize", "-rf")  # without "--" it is an option, and not one of ours
    assert usage.exit_code == 2
    assert "No such option" in usage.stderr and "Traceback" not in usage.stderr


def test_paths_with_newlines(tmp_path, validate_json):
    path = tmp_path / "two\nlines.txt"
    path.write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "gone\nfile.txt"
    result = cli("summarize", path, missing, str(SEED), "-f", "text", "-j", "1", "-n", "1")
    assert result.exit_code == 1
    assert f"==> {str(path).replace(chr(10), ' ')} <==\n" in result.stdout
    assert result.stderr.splitlines()[0] == f"briefing: error: {str(missing).replace(chr(10), ' ')}: no such file"
    docs = validate_json(cli("summarize", path, missing, "-f", "json", "-j", "1").stdout)
    assert [d["source"] for d in docs] == [str(path), str(missing)]
