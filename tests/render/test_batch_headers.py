"""Several inputs through the real CLI (``python -m briefing`` as a process, stdout a pipe):
every rich panel names its source and id, text headers show the id, stats are pluralised,
empty sections have no line, and a hostile file name stays inert."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

BRIDGE = (
    "Council backs new bridge plan\n\n"
    "The city council voted on May 20, 2019, to build a new bridge across the river. "
    "The bridge will cost $12 million and carry 4,000 cars a day. "
    '"We agree," said Mayor Ana Ruiz of Springfield.\n'
)
STORM = "Storm closes schools\n\nHeavy rain closed 14 schools in Dover on Monday. Officials said the roads would reopen on Tuesday.\n"
RECORDS = [
    {"uid": "rec-1", "text": "Port strike ends\n\nDock workers at the port of Kiel ended a strike on Friday after 9 days."},
    {"uid": 42, "text": "Rain."},  # no title, one word, one sentence, no date
]
_SGR = re.compile(r"\x1b\[[0-9;]*m")


def briefing(*args, color: bool = False) -> subprocess.CompletedProcess:
    """The CLI as a real process; rich output at a fixed width, without colour unless `color`."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", COLUMNS="100", TERM="xterm-256color")
    env.update({"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1"} if color else {"NO_COLOR": "1"})
    return subprocess.run(
        [sys.executable, "-m", "briefing", *map(str, args)],
        env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        encoding="utf-8", timeout=180,
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """A folder with two titled articles and a JSON Lines file with an id field."""
    base = tmp_path_factory.mktemp("batch")
    folder = base / "dir"
    folder.mkdir()
    (folder / "a.txt").write_text(BRIDGE, encoding="utf-8")
    (folder / "b.txt").write_text(STORM, encoding="utf-8")
    feed = base / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    return folder, feed


@pytest.fixture(scope="module")
def rich_run(inputs):
    folder, feed = inputs
    result = briefing("brief", folder, "--jsonl", feed, "--id-field", "uid", "-f", "rich", "-j", "2")
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def text_run(inputs):
    folder, feed = inputs
    result = briefing("brief", folder, "--jsonl", feed, "--id-field", "uid", "-f", "text", "-j", "1")
    assert result.returncode == 0, result.stderr
    return result.stdout


def panels(out: str) -> list[list[str]]:
    """The lines of each panel (from its ``╭`` line to its ``╰`` line)."""
    found, current = [], None
    for line in out.splitlines():
        if line.startswith("╭"):
            current = [line]
        elif current is not None:
            current.append(line)
            if line.startswith("╰"):
                found.append(current)
                current = None
    return found


def test_every_rich_panel_names_its_source_and_id(inputs, rich_run):
    folder, feed = inputs
    assert "\x1b" not in rich_run  # a pipe without FORCE_COLOR: plain characters
    found = panels(rich_run)
    assert len(found) == 4
    assert all(len(line) == 100 for panel in found for line in panel)  # COLUMNS=100
    (a_top, *_, a_bottom), (b_top, *_, b_bottom), (r1_top, *_, r1_bottom), (r2_top, *_, r2_bottom) = found
    # Titled articles: the title on top, the source (right-aligned) in the bottom border.
    assert a_top.startswith("╭─ Council backs new bridge plan ")
    assert a_bottom.endswith(f" {folder / 'a.txt'} ─╯")
    assert b_top.startswith("╭─ Storm closes schools ")
    assert b_bottom.endswith(f" {folder / 'b.txt'} ─╯")
    # A JSON Lines record: FILE:LINE and its id.
    assert r1_top.startswith("╭─ Port strike ends ")
    assert r1_bottom.endswith(f" {feed}:1 (id: rec-1) ─╯")
    # Without a title the source is the panel's title, and the id (a number, as a string) is below.
    assert r2_top.startswith(f"╭─ {feed}:2 ")
    assert r2_bottom.endswith(" id: 42 ─╯")
    assert f"{feed}:2" not in r2_bottom


def test_rich_source_is_dimmed_and_shown_for_one_input_too(inputs):
    folder, _ = inputs
    result = briefing("summarize", folder / "a.txt", "-f", "rich", color=True)
    assert result.returncode == 0, result.stderr
    bottom = result.stdout.splitlines()[-1]
    assert re.search(r"\x1b\[2m " + re.escape(str(folder / "a.txt")) + r" \x1b\[0m", bottom), repr(bottom)


def test_text_headers_show_the_id_next_to_the_source(inputs, text_run):
    folder, feed = inputs
    headers = [line for line in text_run.splitlines() if line.startswith("==> ")]
    assert headers == [
        f"==> {folder / 'a.txt'} <==",
        f"==> {folder / 'b.txt'} <==",
        f"==> {feed}:1 (id: rec-1) <==",
        f"==> {feed}:2 (id: 42) <==",
    ]


def test_markdown_names_the_source_and_id(inputs):
    _, feed = inputs
    result = briefing("summarize", "--jsonl", feed, "--id-field", "uid", "-f", "markdown", "-j", "1")
    assert result.returncode == 0, result.stderr
    docs = result.stdout.split("\n\n# ")
    assert docs[0].startswith(f"# Port strike ends\n\nSource: {feed}:1 (id: rec-1)\n\n## Summary\n")
    assert docs[1].startswith(f"{feed}:2\n\nid: 42\n\n## Summary\n")


def test_stats_are_pluralised_in_every_human_format(inputs, rich_run, text_run):
    _, feed = inputs
    assert "stats: 1 word, 1 sentence, 0.1 min read\n" in text_run  # "Rain."
    assert "stats: 15 words, 1 sentence, " in text_run
    assert re.search(r"stats: 37 words, 3 sentences, [0-9.]+ min read\n", text_run)
    assert "1 word · 1 sentence · 0.1 min read" in rich_run
    assert "3 sentences · " in rich_run
    markdown = briefing("brief", "--jsonl", feed, "--id-field", "uid", "-f", "markdown", "-j", "1").stdout
    assert "*1 word · 1 sentence · 0.1 min read*" in markdown and "*15 words · 1 sentence · " in markdown
    for out in (text_run, rich_run, markdown):
        assert not re.search(r"\b1 (words|sentences)\b", out)


def test_text_leaves_out_empty_sections(inputs, text_run):
    folder, _ = inputs
    assert not [line for line in text_run.splitlines() if line.endswith(":")]
    assert not [line for line in text_run.splitlines() if re.fullmatch(r"[a-z]+: *", line)]
    rain = text_run.split("(id: 42) <==\n")[1]
    assert rain == "Rain.\nkeyphrases: Rain\nstats: 1 word, 1 sentence, 0.1 min read\n"
    assert "groups:" not in text_run and "organisations: Springfield\n" in text_run
    only = briefing("facts", folder / "b.txt", "--only", "dates", "-f", "text")
    assert only.returncode == 0, only.stderr
    assert only.stdout == "dates: Monday; Tuesday\n"


def test_hostile_file_name_is_inert(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "[bold]x\x1b[31mred.txt"
    try:
        (folder / name).write_text(STORM, encoding="utf-8")
    except OSError:
        pytest.skip("the file system refuses control characters in names")
    (folder / "a.txt").write_text(BRIDGE, encoding="utf-8")
    shown = f"{folder}/[bold]x␛[31mred.txt"  # ESC made visible, markup printed literally
    for fmt, color in (("rich", True), ("rich", False), ("text", False), ("markdown", False)):
        result = briefing("summarize", folder, "-f", fmt, "-j", "1", color=color)
        assert result.returncode == 0, result.stderr
        assert "\x1b[31m" not in result.stdout and "\x1b]" not in result.stdout
        assert not _SGR.sub("", result.stdout).count("\x1b"), repr(result.stdout)
        plain = _SGR.sub("", result.stdout)
        if fmt == "markdown":
            assert "/\\[bold\\]x␛\\[31mred.txt\n" in plain and "\nSource: " in plain  # Markdown-escaped too
        elif fmt == "text":
            assert f"==> {shown} <==\n" in plain
        else:
            bottom = [line for line in plain.splitlines() if line.startswith("╰")][0]
            assert bottom.endswith("/[bold]x␛[31mred.txt ─╯"), bottom  # (a long folder loses its start)
    assert "briefing: error" not in result.stderr
