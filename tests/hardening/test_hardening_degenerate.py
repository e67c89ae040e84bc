"""Degenerate inputs (issue 7), each with its expected result: empty, punctuation or numbers only,
repeated sentences, very long articles and "sentences", huge files, deep and huge HTML.

Large inputs are generated at run time in a temporary folder. The default run checks that each
one ends in bounded time (a small --timeout where the full job takes longer than the test budget);
``-m slow`` runs the full jobs within the documented budget (--timeout default, 60 s).
"""

from __future__ import annotations

import json
import time

import pytest

from briefing.pipeline import BriefOptions, article_from_text, brief
from briefing.summarize import SUMMARIZERS
from hardening_support import cli, one_line_text, sentences_article

MB = 1_000_000


# --- empty, punctuation, numbers ---------------------------------------------------------------


@pytest.mark.parametrize("content", ["", " ", "\n\n\t \r\n", "\u00a0\u2003\u3000\n"])
def test_empty_or_whitespace_only_is_an_empty_article(tmp_path, content):
    path = tmp_path / "blank.txt"
    path.write_text(content, encoding="utf-8")
    result = cli("brief", path, "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {path}: empty article\n"
    assert json.loads(result.stdout)["error"] == "empty article"
    piped = cli("brief", "-f", "json", input=content)
    assert piped.exit_code == 1 and piped.stderr == "briefing: error: -: empty article\n"


@pytest.mark.parametrize("content", ["... !!! ???", "2024. 3.5. 17.", "!!!\n\n???\n\n...", "1 2 3\n\n4. 5. 6."])
@pytest.mark.parametrize("command", ["summarize", "brief"])
def test_punctuation_or_numbers_only_gives_an_empty_summary_and_a_warning(content, command, validate_json):
    result = cli(command, "-f", "json", "-j", "1", input=content)
    assert result.exit_code == 0, result.stderr
    (doc,) = validate_json(result.stdout)
    assert doc["summary"] == []
    assert doc["warnings"], doc
    assert "briefing: warning: -: " in result.stderr


@pytest.mark.parametrize("summarizer", SUMMARIZERS)
def test_ellipsis_and_bare_numbers_are_never_summary_sentences(summarizer):
    text = "... The council met on Monday. 2024. Officials said the plan works. !!! 17. Roads stay closed. ???"
    briefing = brief(article_from_text(text), BriefOptions(summarizer=summarizer, facts=False))
    texts = [s.text for s in briefing.summary]
    assert texts, summarizer
    for s in texts:
        assert s.strip(" .!?") and not s.strip(" .").isdigit(), (summarizer, s)
    for bad in ("...", "2024.", "17.", "!!!", "???"):
        assert bad not in texts


# --- repeated sentences --------------------------------------------------------------------------


@pytest.mark.parametrize("summarizer", SUMMARIZERS)
def test_repeated_sentence_is_summarized_once(summarizer):
    result = cli("summarize", "-s", summarizer, "-n", "3", "-f", "json", input="Rain fell. Rain fell. Rain fell.")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [s["text"] for s in doc["summary"]] == ["Rain fell."]


def test_a_failing_summarizer_falls_back_with_a_warning(monkeypatch):
    """An SVD that does not converge (LSA) or any other failure inside a sumy method: the summary
    falls back to lead and says so; it never becomes an internal error."""
    import numpy

    from briefing import summarize

    def no_convergence(*args, **kwargs):
        raise numpy.linalg.LinAlgError("SVD did not converge")

    monkeypatch.setattr(summarize, "_lsa", no_convergence)
    result = cli("summarize", "-s", "lsa", "-n", "1", "-f", "json", input="Rain fell. Rain fell. Snow came later.")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert [s["text"] for s in doc["summary"]] == ["Rain fell."]
    assert any("lsa" in w and "lead" in w for w in doc["warnings"]), doc["warnings"]


# --- long and huge inputs -----------------------------------------------------------------------


def test_1500_sentence_article_is_summarized(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(sentences_article(1500), encoding="utf-8")
    started = time.monotonic()
    result = cli("summarize", path, "-f", "json", "--no-text")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["summary"]) == 3
    assert time.monotonic() - started < 30


@pytest.mark.slow
def test_1500_sentence_article_is_briefed_within_the_default_time_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text(sentences_article(1500), encoding="utf-8")
    started = time.monotonic()
    result = cli("brief", path, "-f", "json", "--no-text")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["stats"]["sentences"] >= 1400
    assert time.monotonic() - started < 60


def _bounded(result, started: float, timeout: float) -> None:
    """Either the whole briefing, or "timed out after N s" well before anyone waits long."""
    elapsed = time.monotonic() - started
    assert result.exit_code in (0, 1), result.stderr
    if result.exit_code == 1:
        assert result.stderr.endswith(f": timed out after {timeout:g} s\n"), result.stderr
        assert json.loads(result.stdout)["error"] == f"timed out after {timeout:g} s"
    assert elapsed < timeout + 4, elapsed


def test_one_megabyte_sentence_ends_in_bounded_time(tmp_path):
    path = tmp_path / "no-punctuation.txt"
    path.write_text(one_line_text(MB), encoding="utf-8")
    started = time.monotonic()
    _bounded(cli("brief", path, "-f", "json", "--no-text", "--timeout", "1"), started, 1)


@pytest.mark.slow
def test_one_megabyte_sentence_is_briefed(tmp_path):
    path = tmp_path / "no-punctuation.txt"
    text = one_line_text(MB)
    path.write_text(text, encoding="utf-8")
    result = cli("brief", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["text"] == text and len(doc["summary"]) == 1


def test_ten_megabyte_line_is_too_large_by_default(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text(one_line_text(10 * 1024 * 1024), encoding="utf-8")  # 10 MiB > 10 MB
    started = time.monotonic()
    result = cli("brief", path, "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefing: error: {path}: input too large: more than 10000000 bytes (raise the limit with --max-bytes)\n"
    )
    assert json.loads(result.stdout)["error"].startswith("input too large")
    assert time.monotonic() - started < 5


def test_ten_megabyte_line_with_the_limit_raised_ends_in_bounded_time(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text(one_line_text(10 * 1024 * 1024), encoding="utf-8")
    started = time.monotonic()
    _bounded(cli("brief", path, "-f", "json", "--no-text", "--max-bytes", 20 * MB, "--timeout", "1"), started, 1)


def _write_size(path, size: int) -> None:
    """An article of news sentences, repeated to `size` bytes (generated here, never committed)."""
    block = sentences_article(500).encode("utf-8")
    with open(path, "wb") as handle:
        for _ in range(size // len(block)):
            handle.write(block)
        handle.write(block[: size % len(block)])
    assert path.stat().st_size == size


def test_fifty_megabyte_article_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.txt"
    _write_size(path, 50 * MB)
    from briefing import reader

    reads = []
    original = reader.read_limited
    monkeypatch.setattr(reader, "read_limited", lambda stream, limit: reads.append(limit) or original(stream, limit))
    result = cli("brief", path)
    assert result.exit_code == 1
    assert "input too large: more than 10000000 bytes" in result.stderr
    assert reads == []  # the file's size said so: not one byte was read


def test_fifty_megabyte_article_with_the_limit_raised_ends_in_bounded_time(tmp_path):
    path = tmp_path / "huge.txt"
    _write_size(path, 50 * MB)
    started = time.monotonic()
    _bounded(cli("brief", path, "-f", "json", "--no-text", "--max-bytes", 60 * MB, "--timeout", "1"), started, 1)


def test_stdin_and_records_over_the_limit_fail_alone(tmp_path, validate_json):
    big = "Rain fell on the town. " * 100
    result = cli("summarize", "-", "-f", "json", "--max-bytes", "1000", input=big)
    assert result.exit_code == 1
    assert result.stderr.startswith("briefing: error: -: input too large: more than 1000 bytes")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "a", "text": "Rain fell on the town. Roads closed."}) + "\n"
        + json.dumps({"id": "b", "text": big}) + "\n"
        + json.dumps({"id": "c", "text": "Snow came later. Schools shut."}) + "\n",
        encoding="utf-8",
    )
    result = cli("summarize", "--jsonl", feed, "--id-field", "id", "-f", "json", "-j", "1", "--max-bytes", "1000")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [d.get("error", "ok")[:15] for d in docs] == ["ok", "input too large", "ok"]
    assert docs[1]["source"] == f"{feed}:2"


# --- HTML -------------------------------------------------------------------------------------

PARAGRAPH = "<p>The council said on Monday that 12 people were hurt in Springfield after a storm hit the region overnight.</p>"


def test_deeply_nested_html_is_refused_clearly(tmp_path):
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 10_000 + PARAGRAPH + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    started = time.monotonic()
    result = cli("brief", path)
    assert result.exit_code == 1
    assert result.stderr == (
        f"briefing: error: {path}: the HTML page is nested too deeply to read (over 255 levels of elements)\n"
    )
    assert time.monotonic() - started < 10


def test_moderately_nested_html_is_read(tmp_path):
    path = tmp_path / "nested.html"
    path.write_text("<html><body>" + "<div>" * 100 + PARAGRAPH + "</div>" * 100 + "</body></html>", encoding="utf-8")
    result = cli("summarize", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert "Springfield" in json.loads(result.stdout)["summary"][0]["text"]


def _table_page(rows: int) -> str:
    cells = "".join(f"<tr><td>{i}</td><td>row {i}</td></tr>" for i in range(rows))
    return f"<html><body><article>{PARAGRAPH}<table>{cells}</table>{PARAGRAPH.replace('Monday', 'Tuesday')}</article></body></html>"


def test_table_of_200000_rows_is_briefed_without_the_table(tmp_path):
    """8 MB of table rows around two sentences: the data table is dropped before extraction (it
    would cost trafilatura a minute, and its fallback would keep the cells as text)."""
    path = tmp_path / "rows.html"
    path.write_text(_table_page(200_000), encoding="utf-8")
    started = time.monotonic()
    result = cli("brief", path, "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert "row 1999" not in doc["text"] and "Tuesday" in doc["text"] and "Monday" in doc["text"]
    assert time.monotonic() - started < 30


def test_a_layout_table_keeps_its_text_when_a_data_table_inside_it_is_dropped():
    from briefing.html import extract

    paragraphs = "".join(
        f"<p>The council said on day {i} that {i + 3} people were hurt in Springfield after storm number {i} "
        "hit the region and officials closed roads.</p>"
        for i in range(4)
    )
    rows = "".join(f"<tr><td>{i}</td><td>row {i}</td></tr>" for i in range(500))
    page = f"<html><body><table><tr><td>{paragraphs}<table>{rows}</table></td></tr></table></body></html>"
    found = extract(page).paragraphs
    assert len(found) == 4 and not any("row 1" in p for p in found)
