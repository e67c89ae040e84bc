"""Usage errors are ONE line on stderr and exit 2 (OUTPUT.md, "Exit codes"), from the real CLI.

Each case runs ``python -m briefing`` (and some the ``briefing`` console script) in a subprocess, with
stdin not a terminal, a narrow terminal width and colours forced, which would make Typer's Rich error box
wrap over several lines: the error must still be exactly one line, ``briefing: error: MESSAGE; see
'briefing COMMAND --help'``, with nothing on stdout and no traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED

SEEDS = str(SEED)
SCRIPT = Path(sys.executable).with_name("briefing")  # the console script of the venv running the tests

# What must never reach a terminal from an echoed argument: C0 controls (the final newline aside), DEL,
# C1 controls, bidi embeddings/overrides/isolates.
_ACTIVE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _env(**extra: str | None) -> dict[str, str]:
    """The environment of a run; a value None removes the variable."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env.update(PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8", FORCE_COLOR="1", COLUMNS="40", TERM="xterm-256color")
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def briefing(*args: str, script: bool = False, stdin=subprocess.DEVNULL, env=None) -> subprocess.CompletedProcess:
    command = [str(SCRIPT)] if script else [sys.executable, "-m", "briefing"]
    return subprocess.run(
        [*command, *args],
        stdin=stdin,
        capture_output=True,
        encoding="utf-8",
        errors="replace",
        env=_env(**(env or {})),
        cwd=ROOT,
        timeout=120,
    )


def assert_usage_error(result: subprocess.CompletedProcess, command: str) -> str:
    """Exit 2, nothing on stdout, exactly one plain line on stderr naming the command's help."""
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert result.stdout == ""
    assert result.stderr.endswith("\n") and result.stderr.count("\n") == 1, result.stderr
    line = result.stderr[:-1]
    assert len(line.splitlines()) == 1, repr(line)  # no U+2028 or other line separator either
    assert line.startswith("briefing: error: "), line
    assert "Traceback" not in line
    assert not any(c in line for c in "╭╮╰╯│─"), line
    assert not _ACTIVE.search(line), repr(line)
    assert line.endswith(f"; see '{command} --help'"), line
    return line


CASES = [
    # (arguments, the command whose help is named, a part of the message)
    (["brief", "--bogus", "x"], "briefing brief", "No such option: --bogus"),
    (["summarize", "-rf"], "briefing summarize", "No such option: -r"),
    (["summarize", SEEDS, "--format"], "briefing summarize", "'--format' requires an argument"),
    (["summarize", SEEDS, "--format", "yaml"], "briefing summarize", "'yaml'"),
    (["summarize", SEEDS, "--sentences", "2", "--ratio", "0.5"], "briefing summarize", "give only one of --sentences, --ratio, --words"),
    (["brief", SEEDS, "--words", "20", "--sentences", "2"], "briefing brief", "give only one of --sentences, --ratio, --words"),
    (["summarize", SEEDS, "--ratio", "1.5"], "briefing summarize", "--ratio"),
    (["summarize", SEEDS, "--sentences", "abc"], "briefing summarize", "--sentences"),
    (["summarize", SEEDS, "--summarizer", "bogus"], "briefing summarize", "'bogus'"),
    (["facts", SEEDS, "--only", "figures,colours"], "briefing facts", "unknown fact kind 'colours'"),
    (["facts", SEEDS, "--only", ""], "briefing facts", "--only"),
    (["facts", SEEDS, "--date", "2020-13-01"], "briefing facts", "'2020-13-01'"),
    (["facts", SEEDS, "--keyphrases", "-1"], "briefing facts", "--keyphrases"),
    (["brief", SEEDS, "--jobs", "0"], "briefing brief", "--jobs"),
    (["brief", SEEDS, "--timeout", "inf"], "briefing brief", "--timeout"),
    (["brief", SEEDS, "--language", "klingon"], "briefing brief", "klingon"),
    (["brief", SEEDS, "--encoding", "klingon"], "briefing brief", "unknown encoding 'klingon'"),
    (["evaluate"], "briefing evaluate", "Missing argument 'DATASET...'"),
    (["evaluate", "data.jsonl", "-n", "2", "--reference-length"], "briefing evaluate", "give either --sentences or --reference-length"),
    (["evaluate", "data.jsonl", "-s", "magic"], "briefing evaluate", "'magic'"),
    (["evaluate", "data.jsonl", "-n", "0"], "briefing evaluate", "--sentences"),
    (["evaluate", "data.jsonl", "--language", "klingon"], "briefing evaluate", "klingon"),
    (["schema", "extra"], "briefing schema", "unexpected extra argument"),
    (["schema", "--bogus"], "briefing schema", "No such option: --bogus"),
    (["bogus"], "briefing", "No such command 'bogus'"),
    (["summ", SEEDS], "briefing", "No such command 'summ'"),
    (["--bogus"], "briefing", "No such option: --bogus"),
]


@pytest.mark.parametrize(("args", "command", "message"), CASES, ids=[" ".join(c[0]).replace(SEEDS, "SEED") for c in CASES])
def test_usage_error_is_one_line(args, command, message):
    line = assert_usage_error(briefing(*args), command)
    assert message in line


@pytest.mark.parametrize("script", [False, True], ids=["python -m briefing", "console script"])
def test_both_entry_points_print_the_same_line(script):
    if script and not SCRIPT.exists():
        pytest.skip("the briefing console script is not installed next to this Python")
    line = assert_usage_error(briefing("brief", "--bogus", "x", script=script), "briefing brief")
    assert line == "briefing: error: No such option: --bogus (Possible options: --jobs); see 'briefing brief --help'"


def test_output_dir_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x", encoding="utf-8")
    line = assert_usage_error(briefing("summarize", SEEDS, "-o", str(blocker)), "briefing summarize")
    assert "--output-dir" in line


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_no_input_on_a_terminal():
    primary, secondary = os.openpty()
    try:
        result = briefing("brief", stdin=secondary)
    finally:
        os.close(secondary)
        os.close(primary)
    assert "no INPUT given and stdin is a terminal" in assert_usage_error(result, "briefing brief")


@pytest.mark.parametrize(
    ("args", "command"),
    [
        (["brief", SEEDS, "--format", "[red]x[/red]"], "briefing brief"),
        (["brief", SEEDS, "--format", "\x1b[31mred\nline\x07"], "briefing brief"),
        (["brief", SEEDS, "--language", "kl\x1b]0;title\x07\ningon\u202e"], "briefing brief"),
        (["facts", SEEDS, "--only", "figures,\x1b[2J\r\x9bx"], "briefing facts"),
        (["summarize", SEEDS, "--bo\x1b[2Jg\u2028us"], "briefing summarize"),
        (["\x1b[31mbogus\u202e"], "briefing"),
    ],
    ids=["rich markup", "ANSI and newline", "OSC and bidi", "C1 and CR", "option name", "command name"],
)
def test_echoed_values_are_inert(args, command):
    line = assert_usage_error(briefing(*args), command)
    if "[red]x[/red]" in args:
        assert "[red]x[/red]" in line  # printed literally, not interpreted as Rich markup


def test_in_process_runner_prints_the_same_line():
    from typer.testing import CliRunner

    from briefing.cli import app

    result = CliRunner().invoke(app, ["facts", SEEDS, "--only", "figures,colours"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "briefing: error: Invalid value for --only: unknown fact kind 'colours'; "
        "choose from figures,dates,keyphrases,entities,quotes; see 'briefing facts --help'\n"
    )


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["brief", "--help"], ["--sentences", "--ratio", "--words", "--only", "--format", "--jobs"]),
        (["summarize", "-h"], ["--sentences", "--summarizer", "--format"]),
        (["facts", "--help"], ["--only", "--keyphrases", "--date"]),
        (["evaluate", "--help"], ["--summarizer", "--reference-length", "--resamples"]),
        (["schema", "--help"], ["Usage"]),
        (["--help"], ["summarize", "facts", "brief", "evaluate", "schema", "--version"]),
    ],
)
def test_help_is_still_typers_rich_help(args, expected):
    result = briefing(*args, env={"NO_COLOR": "1", "FORCE_COLOR": None, "COLUMNS": "200"})
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "Usage" in result.stdout and "╭─ Options" in result.stdout  # the Rich panels
    for text in expected:
        assert text in result.stdout


def test_no_arguments_still_shows_the_help():
    result = briefing(env={"NO_COLOR": "1", "FORCE_COLOR": None, "COLUMNS": "200"})
    assert result.returncode == 2  # Click's no_args_is_help: the help, as a usage error
    assert result.stderr == ""
    assert "Usage" in result.stdout and "brief" in result.stdout
