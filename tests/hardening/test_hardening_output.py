"""Where the output goes and how long an input may take (issue 7): a closed pipe, a closed stdout,
a full disk (stdout or --output-dir), the per-input time limit, limits documented in --help,
the same keys and the same bytes whatever happens."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import pytest

from briefing.batch import TimedOut, deadline
from conftest import SEED
from hardening_support import cli, cli_process, one_line_text

HAS_DEV_FULL = os.path.exists("/dev/full")


@pytest.fixture
def news_dir(tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(6):
        shutil.copy(SEED, folder / f"story{i}.txt")
    return folder


# --- pipes, closed and full streams ------------------------------------------------------------


def test_head_closes_the_pipe_quietly(news_dir):
    with subprocess.Popen(
        [sys.executable, "-m", "briefing", "brief", str(news_dir), "-f", "json", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(cli_process.__globals__["ROOT"])},
    ) as proc:
        first = proc.stdout.readline()  # `| head -1`
        proc.stdout.close()
        err = proc.stderr.read()
        proc.wait(timeout=60)
    assert json.loads(first)["source"].endswith("story0.txt")
    assert proc.returncode == 0, err
    assert err == b""


def test_closed_stdout_is_a_quiet_exit():
    def close_stdout():
        os.close(1)

    result = cli_process("brief", SEED, "-f", "json", stdout=None, preexec_fn=close_stdout)
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
def test_full_disk_on_stdout_is_an_error_not_a_crash():
    with open("/dev/full", "w") as full:
        result = cli_process("brief", SEED, "-f", "json", stdout=full)
    assert result.returncode == 1
    assert result.stderr == b"briefing: error: <stdout>: cannot write the output: no space left on device\n"


@pytest.mark.skipif(not HAS_DEV_FULL, reason="needs /dev/full")
def test_full_disk_on_output_dir_fails_the_inputs_and_leaves_no_partial_file(tmp_path, monkeypatch, news_dir):
    """ENOSPC for real: every file opened in the output folder writes to /dev/full."""
    import builtins

    from briefing import output

    out = tmp_path / "out"

    def full_open(path, mode="r", *args, **kwargs):
        if str(path).startswith(str(out)) and "w" in mode:
            return builtins.open("/dev/full", mode, *args, **kwargs)
        return builtins.open(path, mode, *args, **kwargs)

    monkeypatch.setattr(output, "open", full_open, raising=False)
    result = cli("brief", news_dir / "story0.txt", news_dir / "story1.txt", "-o", out, "-f", "json", "-j", "1")
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefing: error: {out / 'story0.json'}: cannot write: no space left on device\n"
        f"briefing: error: {out / 'story1.json'}: cannot write: no space left on device\n"
        "0 briefed, 2 failed\n"
    )
    assert list(out.iterdir()) == []  # neither a half-written file nor a temporary one


def test_output_dir_files_are_whole(tmp_path, news_dir, validate_json):
    out = tmp_path / "out"
    result = cli("summarize", news_dir, "-o", out, "-f", "json", "-j", "1")
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [f"story{i}.json" for i in range(6)]
    for name in names:
        validate_json((out / name).read_text(encoding="utf-8"))


# --- the time limit ------------------------------------------------------------------------------


def test_deadline_interrupts_python_code_and_cannot_be_swallowed():
    started = time.monotonic()
    with pytest.raises(TimedOut):
        with deadline(0.2):
            while True:
                try:
                    time.sleep(0.01)
                except Exception:  # a library's catch-all must not swallow the time limit
                    pass
    assert time.monotonic() - started < 2
    with deadline(None):  # no limit: a no-op
        pass
    with deadline(5):  # the timer is cancelled when the block ends in time
        pass
    time.sleep(0.05)


def test_an_input_over_the_time_limit_fails_alone_with_no_partial_output(tmp_path, monkeypatch, validate_json):
    import briefing.pipeline as pipeline

    real_brief = pipeline.brief

    def slow_on_purpose(article, options=None):
        if "SLOW" in article.text:
            while True:  # a runaway computation, with a catch-all inside, as a library might have
                try:
                    sum(range(10_000))
                except Exception:
                    pass
        return real_brief(article, options)

    monkeypatch.setattr(pipeline, "brief", slow_on_purpose)
    slow = tmp_path / "slow.txt"
    slow.write_text("SLOW news. Rain fell on Monday.", encoding="utf-8")
    started = time.monotonic()
    result = cli("brief", slow, SEED, "-f", "json", "-j", "1", "--timeout", "0.5")
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert docs[0] == {"schema_version": 1, "source": str(slow), "id": None, "error": "timed out after 0.5 s"}
    assert docs[1]["source"] == str(SEED) and docs[1]["summary"]
    assert result.stderr == f"briefing: error: {slow}: timed out after 0.5 s\n1 briefed, 1 failed\n"
    text = cli("brief", slow, "-f", "text", "--timeout", "0.5")
    assert text.exit_code == 1 and text.stdout == ""


def test_time_limit_holds_in_worker_processes(tmp_path, validate_json):
    big = tmp_path / "big.txt"
    big.write_text(one_line_text(2_000_000), encoding="utf-8")
    # 2 s: ample for the seed (about 0.1 s) on a loaded machine, far too little for the big line
    result = cli("brief", big, SEED, "-f", "json", "-j", "2", "--timeout", "2", "--no-text")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [d["source"] for d in docs] == [str(big), str(SEED)]
    assert docs[0]["error"] == "timed out after 2 s" and "summary" in docs[1]


@pytest.mark.parametrize("command", ["summarize", "facts", "brief"])
def test_limits_and_their_defaults_are_in_help(command):
    out = " ".join(cli(command, "--help", env={"COLUMNS": "200"}).stdout.replace("│", " ").split())
    assert "Limits" in out
    assert "--timeout" in out and "Time limit per input, in seconds" in out and "[default: 60.0]" in out
    assert "--max-bytes" in out and "Size limit per input, in bytes" in out and "[default: 10000000]" in out
    assert "input too large" in out and "timed out after N s" in out


# --- the same keys and the same bytes -----------------------------------------------------------

HOSTILE = (
    "Évil [bold]news[/bold] \x1b[2J\n\n"
    "The council met on May 20, 2019, and 12 people spoke 😀 in Zürich. "
    "\u202eMayor\u202c Ana Ruiz said: \"We agree.\" ... 2024. "
    "Officials expect about 1.5 million visitors next year, up 24% from 2018."
)


@pytest.mark.parametrize(
    "options",
    [[], ["-s", "lead"], ["-s", "lsa", "--words", "5"], ["--only", "figures"], ["-k", "0"], ["--ratio", "0.1"], ["-l", "german"]],
)
def test_json_keys_do_not_depend_on_the_options(tmp_path, options, validate_json):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    expected = {"schema_version", "source", "id", "title", "text", "metadata", "warnings",
                "summary", "figures", "dates", "keyphrases", "entities", "quotes", "stats"}
    result = cli("brief", path, "-f", "json", *options)
    assert result.exit_code == 0, result.stderr
    (doc,) = validate_json(result.stdout)
    assert set(doc) == expected
    assert doc["text"] == HOSTILE


def test_same_input_same_bytes_across_processes(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_text(HOSTILE * 3, encoding="utf-8")
    runs = [cli_process("brief", path, "-f", "json", env={"PYTHONHASHSEED": seed}) for seed in ("1", "2")]
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout


def test_a_record_over_the_time_limit_keeps_its_id(tmp_path, monkeypatch, validate_json):
    import briefing.pipeline as pipeline

    def runaway(article, options=None):
        while True:
            pass

    monkeypatch.setattr(pipeline, "brief", runaway)
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"uid": 7, "text": "Rain fell on Monday. Roads closed."}) + "\n", encoding="utf-8")
    result = cli("summarize", "--jsonl", feed, "--id-field", "uid", "-f", "json", "--timeout", "0.3")
    assert result.exit_code == 1
    (doc,) = validate_json(result.stdout)
    assert doc == {"schema_version": 1, "source": f"{feed}:1", "id": "7", "error": "timed out after 0.3 s"}
