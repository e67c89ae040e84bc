"""`briefing evaluate` through Typer's CliRunner, registered as the lead registers it in briefing.cli."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from briefing.cli_evaluate import _NAMES, evaluate_command
from briefing.summarize import SUMMARIZERS

app = typer.Typer(pretty_exceptions_enable=False)
app.command(name="evaluate")(evaluate_command)


@app.callback()
def _main() -> None:
    """Test app: evaluate as a subcommand, as in `briefing`."""


runner = CliRunner()

LEAD = (
    "The city council approved a new budget for schools on Monday night.",
    "Teachers will receive a pay rise of four per cent from September.",
    "The plan also pays for repairs to twelve primary school buildings.",
    "Opposition members said the council had ignored the libraries.",
)
OTHER = (
    "A rare white stork was seen nesting on a church roof in the village.",
    "Bird watchers travelled from across the country to photograph it.",
    "The last recorded nest in the county was more than a century ago.",
)


def _dataset(tmp_path, name="data.jsonl"):
    lines = [
        json.dumps({"title": "Council approves budget", "text": " ".join(LEAD), "reference": "\n".join(LEAD[:3])}),
        json.dumps({"text": " ".join(OTHER), "reference": "\n".join(OTHER[:3])}),
    ]
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def run(*args):
    return runner.invoke(app, ["evaluate", *args], catch_exceptions=False)


def test_names_match_the_summarizers():
    assert _NAMES == SUMMARIZERS


def test_text_table(tmp_path):
    data = _dataset(tmp_path)
    result = run(data, "-s", "lead", "-s", "auto", "--resamples", "50")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "\x1b" not in out
    assert f"{data}: 2 articles, 3 sentences" in out
    header = next(line for line in out.splitlines() if line.startswith("summarizer"))
    assert header.split() == ["summarizer", "ROUGE-1", "ROUGE-2", "ROUGE-L", "ROUGE-Lsum"]
    lead = next(line for line in out.splitlines() if line.startswith("lead"))
    assert lead.split()[1:3] == ["100.00", "[100.00,"]
    assert any(line.startswith("auto") for line in out.splitlines())
    assert result.stderr == ""


def test_json_document(tmp_path):
    data = _dataset(tmp_path)
    result = run(data, "-s", "lead", "-f", "json", "--resamples", "50", "--seed", "3")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert result.stdout.count("\n") == 1
    assert doc["schema_version"] == 1 and doc["command"] == "evaluate"
    assert doc["length"] == {"sentences": 3}
    assert doc["bootstrap"] == {"resamples": 50, "confidence": 0.95, "seed": 3}
    assert doc["metrics"] == ["rouge1", "rouge2", "rougeL", "rougeLsum"]
    (dataset,) = doc["datasets"]
    assert dataset["source"] == data and dataset["articles"] == 2 and dataset["error"] is None
    (lead,) = dataset["results"]
    assert lead["summarizer"] == "lead" and lead["fallbacks"] == 0
    assert set(lead["scores"]) == set(doc["metrics"])
    for metric in doc["metrics"]:
        assert lead["scores"][metric] == {"f": {"mean": 100.0, "low": 100.0, "high": 100.0}}


def test_details_and_reference_length(tmp_path):
    data = _dataset(tmp_path)
    result = run(data, "-s", "lead", "--details", "--reference-length", "-f", "json", "--resamples", "20")
    doc = json.loads(result.stdout)
    assert doc["length"] == {"reference_length": True}
    scores = doc["datasets"][0]["results"][0]["scores"]
    assert set(scores["rouge1"]) == {"f", "p", "r"}
    text = run(data, "-s", "lead", "--details", "-n", "2", "--resamples", "20").stdout
    assert [line.split()[1] for line in text.splitlines() if line.startswith("lead")] == ["F1", "P", "R"]
    assert "2 sentences" in text


def test_all_summarizers_in_order(tmp_path):
    data = _dataset(tmp_path)
    result = run(data, "-s", "all", "-f", "json", "--resamples", "0", "-n", "1")
    assert result.exit_code == 0
    names = [r["summarizer"] for r in json.loads(result.stdout)["datasets"][0]["results"]]
    assert names == list(SUMMARIZERS)


def test_markdown(tmp_path):
    result = run(_dataset(tmp_path), "-s", "lead", "-f", "markdown", "--resamples", "0")
    assert result.exit_code == 0
    assert "| summarizer | ROUGE-1 | ROUGE-2 | ROUGE-L | ROUGE-Lsum |" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ('{"text": "a b c.", "reference": "a b c."}\n{oops\n', "line 2: not valid JSON"),
        ('{"text": "a b c."}\n', "line 1: missing field 'reference'"),
    ],
)
def test_errors_are_one_line_and_exit_1(tmp_path, content, message):
    bad = tmp_path / "bad.jsonl"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    good = _dataset(tmp_path)
    result = run(str(bad), good, "-s", "lead", "--resamples", "0")
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {bad}: {message}" + result.stderr.split(message, 1)[1]
    assert result.stderr.count("\n") == 1
    assert f"{good}: 2 articles" in result.stdout  # the other dataset is still scored
    doc = json.loads(run(str(bad), good, "-s", "lead", "--resamples", "0", "-f", "json").stdout)
    assert doc["datasets"][0]["error"].startswith(message) and doc["datasets"][0]["results"] == []
    assert doc["datasets"][1]["articles"] == 2


@pytest.mark.parametrize(
    "args",
    [
        ["-n", "2", "--reference-length"],
        ["-n", "0"],
        ["-s", "magic"],
        ["--language", "klingon"],
        [],
    ],
)
def test_usage_errors(tmp_path, args):
    data = [_dataset(tmp_path)] if args else []
    result = runner.invoke(app, ["evaluate", *data, *args])
    assert result.exit_code == 2
