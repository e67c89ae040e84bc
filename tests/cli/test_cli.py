"""The command line through Typer's CliRunner (stdout is a pipe here, as in scripts)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from briefing import __version__
from briefing.cli import app
from conftest import SEED, article_path

runner = CliRunner()
SEEDS = str(SEED)


def _schema_validator():
    import jsonschema

    from briefing.schema import load_schema

    return jsonschema.Draft202012Validator(load_schema())


VALIDATOR = _schema_validator()


def validate(stdout: str) -> None:
    """Every JSON line the CLI writes conforms to the shipped JSON Schema (issue 6)."""
    for line in stdout.splitlines():
        VALIDATOR.validate(json.loads(line))


def run(*args, input=None, env=None):
    result = runner.invoke(app, list(args), input=input, env=env, catch_exceptions=False)
    if any(a in ("json",) for a in args) and result.stdout:
        validate(result.stdout)
    return result


@pytest.mark.parametrize("command", ["summarize", "facts", "brief"])
def test_help_for_every_command(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "--format" in result.stdout
    assert "--language" in result.stdout


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"briefing {__version__}"


def test_summarize_text_is_one_sentence_a_line():
    result = run("summarize", SEEDS)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    text = SEED.read_text(encoding="utf-8")
    assert all(line in text for line in lines)
    assert "\x1b" not in result.stdout


def test_summarize_json_is_one_line_with_offsets():
    result = run("summarize", SEEDS, "--format", "json", "--sentences", "2")
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["source"] == SEEDS
    assert doc["id"] is None
    assert set(doc["metadata"]) == {"date", "author", "site", "language"}
    assert len(doc["summary"]) == 2
    for item in doc["summary"]:
        assert doc["text"][item["start"] : item["end"]] == item["text"]
    assert [s["index"] for s in doc["summary"]] == sorted(s["index"] for s in doc["summary"])


def test_no_text_leaves_text_out():
    doc = json.loads(run("summarize", SEEDS, "-f", "json", "--no-text").stdout)
    assert "text" not in doc
    assert doc["summary"]


@pytest.mark.parametrize(
    "option, value, count",
    [("--sentences", "1", 1), ("--sentences", "5", 5), ("--ratio", "0.2", 3), ("--ratio", "1", 14)],
)
def test_length_options(option, value, count):
    doc = json.loads(run("summarize", SEEDS, "-f", "json", option, value).stdout)
    assert len(doc["summary"]) == count


def test_words_budget_never_cuts_a_sentence():
    doc = json.loads(run("summarize", SEEDS, "-f", "json", "--words", "60").stdout)
    words = sum(len(s["text"].split()) for s in doc["summary"])
    assert 0 < words <= 60


def test_ratio_on_four_sentences_gives_one():
    doc = json.loads(run("summarize", str(article_path("four_sentences.txt")), "-f", "json", "--ratio", "0.2").stdout)
    assert len(doc["summary"]) == 1


@pytest.mark.parametrize(
    "args",
    [
        ["--sentences", "2", "--ratio", "0.5"],
        ["--ratio", "0"],
        ["--ratio", "1.5"],
        ["--sentences", "0"],
        ["--summarizer", "bogus"],
        ["--language", "klingon"],
        ["--format", "yaml"],
        # Found by a new user: these crashed (exit 70) or failed each input (exit 1).
        ["--timeout", "inf"],
        ["--max-bytes", "9223372036854775807"],
        ["--encoding", "klingon"],
    ],
)
def test_usage_errors_exit_2(args):
    result = runner.invoke(app, ["summarize", SEEDS, *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_only_rejects_unknown_kind():
    result = runner.invoke(app, ["facts", SEEDS, "--only", "figures,colours"])
    assert result.exit_code == 2
    assert "colours" in result.stderr
    # An empty --only is a usage error, not "all facts".
    assert runner.invoke(app, ["facts", SEEDS, "--only", ""]).exit_code == 2


@pytest.mark.parametrize("summarizer", ["auto", "lead", "lex-rank", "lsa", "text-rank", "luhn", "edmundson", "kl", "sum-basic", "reduction"])
def test_every_summarizer_from_the_cli(summarizer):
    doc = json.loads(run("summarize", SEEDS, "-f", "json", "-s", summarizer).stdout)
    assert len(doc["summary"]) == 3
    assert doc["title"] not in [s["text"] for s in doc["summary"]]


def test_lead_is_the_first_sentences():
    doc = json.loads(run("summarize", SEEDS, "-f", "json", "-s", "lead").stdout)
    assert [s["index"] for s in doc["summary"]] == [0, 1, 2]


def test_missing_file_and_good_file_together():
    result = runner.invoke(app, ["summarize", "no/such/file.txt", str(article_path("one_sentence.txt")), "-f", "json"])
    assert result.exit_code == 1
    validate(result.stdout)
    # Several inputs with a failure: the one-line summary closes stderr (OUTPUT.md, issue 6).
    assert result.stderr == "briefing: error: no/such/file.txt: no such file\n1 briefed, 1 failed\n"
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines[0] == {"schema_version": 1, "source": "no/such/file.txt", "id": None, "error": "no such file"}
    assert lines[1]["summary"][0]["text"].startswith("Voters in the northern district")


def test_directory_binary_and_empty_inputs(tmp_path):
    binary = tmp_path / "image.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\t\n", encoding="utf-8")
    # A directory is an input now (issue 6): its matching files are briefed, so the only text
    # file in it, empty.txt, fails as "empty article"; image.bin does not match the default globs.
    result = runner.invoke(app, ["brief", str(tmp_path), str(binary), str(empty)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"briefing: error: {empty}: empty article",
        f"briefing: error: {binary}: binary file, not text",
        f"briefing: error: {empty}: empty article",
        "0 briefed, 3 failed",
    ]
    assert result.stdout == ""


def test_stdin_dash_and_implicit():
    text = article_path("four_sentences.txt").read_text(encoding="utf-8")
    for args in (["summarize", "-", "-n", "1"], ["summarize", "-n", "1"]):
        result = run(*args, input=text)
        assert result.exit_code == 0
        assert result.stdout.strip() in text


def test_empty_stdin_is_an_input_error():
    result = runner.invoke(app, ["summarize"], input="")
    assert result.exit_code == 1
    assert result.stderr == "briefing: error: -: empty article\n"


def test_markup_and_control_sequences_are_inert(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text(
        "Evil [bold red]headline[/]\n\nThe [link=file:///etc/passwd]mayor[/link] said \x1b]0;pwned\x07 hello.\x1b[2J "
        "Officials \u202egnorw\u202c confirmed the plan.",
        encoding="utf-8",
    )
    for fmt in ("text", "markdown", "rich"):
        result = run("brief", str(path), "-f", fmt)
        assert result.exit_code == 0, result.stderr
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout and "\u202e" not in result.stdout
        assert "[link=file:///etc/passwd]" in result.stdout.replace("\\", "")
    doc = json.loads(run("brief", str(path), "-f", "json").stdout)
    assert "\x1b]0;pwned\x07" in doc["text"]


def test_rich_format_on_a_terminal_has_colour_and_highlights():
    result = run("brief", SEEDS, "-f", "rich", env={"FORCE_COLOR": "1", "TTY_COMPATIBLE": "1", "COLUMNS": "100"})
    assert result.exit_code == 0
    assert "\x1b[" in result.stdout
    assert "Turkish and Russian defense ministers discuss Idlib" in result.stdout


def test_auto_format_on_a_pipe_is_plain_text():
    result = run("brief", SEEDS)
    assert "\x1b" not in result.stdout
    assert "figures:" in result.stdout and "people:" in result.stdout


def test_byte_identical_runs():
    a = run("brief", SEEDS, "-f", "json").stdout
    b = run("brief", SEEDS, "-f", "json").stdout
    assert a == b


def test_all_caps_article_gets_a_summary():
    doc = json.loads(run("summarize", str(article_path("wire_alert.txt")), "-f", "json", "-n", "2").stdout)
    assert doc["title"] == "URGENT: CENTRAL BANK RAISES RATES"
    assert len(doc["summary"]) == 2


def test_duplicate_sentences_appear_once():
    for name in ("auto", "lex-rank", "lsa", "luhn", "lead"):
        doc = json.loads(run("summarize", str(article_path("duplicates.txt")), "-f", "json", "-n", "5", "-s", name).stdout)
        texts = [s["text"] for s in doc["summary"]]
        assert len(texts) == len(set(texts)) == 3, name


def test_encoding_override_and_latin1_detection(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café owners in Zürich raised prices by 5 percent. Customers complained.".encode("latin-1"))
    doc = json.loads(run("summarize", str(path), "-f", "json").stdout)
    assert "Café" in doc["text"] and "Zürich" in doc["text"]
    doc = json.loads(run("summarize", str(path), "-f", "json", "--encoding", "latin-1").stdout)
    assert "Zürich" in doc["text"]
    result = runner.invoke(app, ["summarize", str(path), "--encoding", "utf-8"])
    assert result.exit_code == 1
    assert "cannot decode as utf-8" in result.stderr


def test_markdown_format():
    result = run("brief", SEEDS, "-f", "markdown")
    assert result.stdout.startswith("# Turkish and Russian defense ministers discuss Idlib\n")
    assert "## Summary" in result.stdout and "| figure | counts | qualifier | unit |" in result.stdout


@pytest.mark.parametrize("command", ["summarize", "facts", "brief"])
def test_help_lists_the_input_and_volume_options(command):
    out = run(command, "--help").stdout
    for option in ("--glob", "--from-list", "--jsonl", "--text-field", "--id-field", "--timeout", "--max-bytes", "--jobs", "--output-dir"):
        assert option in out, option
    assert "[default: 3]" in run("summarize", "--help").stdout  # Rich markup does not eat it


def test_schema_is_a_command():
    assert "schema" in run("--help").stdout
    assert json.loads(run("schema").stdout)["$schema"].endswith("/2020-12/schema")


def test_shell_completion_script():
    result = run("--show-completion", env={"SHELL": "/bin/bash"})
    assert result.exit_code == 0
    assert "_BRIEFING_COMPLETE=complete_" in result.stdout


@pytest.mark.parametrize("args", [["--jobs", "0"], ["--timeout", "0"], ["--max-bytes", "0"]])
def test_volume_usage_errors(args):
    result = runner.invoke(app, ["summarize", SEEDS, *args])
    assert result.exit_code == 2


def test_output_dir_that_is_a_file(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["summarize", SEEDS, "-o", str(blocker)])
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_from_list_on_stdin():
    listing = f"{SEEDS}\n{article_path('one_sentence.txt')}\n"
    result = run("summarize", "--from-list", "-", "-f", "json", "-n", "1", "-j", "1", input=listing)
    assert result.exit_code == 0
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [SEEDS, str(article_path("one_sentence.txt"))]
