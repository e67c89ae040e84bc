"""Unit tests for briefing.evaluate: known ROUGE on tiny datasets, bootstrap intervals, dataset errors."""

from __future__ import annotations

import json

import pytest

from briefing.evaluate import (
    METRICS,
    DatasetError,
    Interval,
    Record,
    article_from_record,
    bootstrap_ci,
    evaluate,
    load_dataset,
    reference_sentences,
    report_dict,
)

FLOOD = (
    "River levels rose sharply across the valley on Sunday after three days of heavy rain.",
    "Emergency crews evacuated two hundred homes near the old bridge.",
    "The mayor said shelters would stay open until the water receded.",
    "Farmers reported that several fields were completely under water.",
    "Forecasters expect drier weather to arrive by Thursday afternoon.",
)
MARKET = (
    "Shares in the carmaker fell by a fifth after it cut its profit forecast.",
    "The company blamed weak demand in Europe and higher costs for batteries.",
    "Analysts said the warning had been expected for several weeks.",
    "Its chief executive promised a new range of cheaper models next year.",
)


def _records() -> list[Record]:
    return [
        Record(text=" ".join(FLOOD), reference="\n".join(FLOOD[:3]), title="Floods hit the valley"),
        Record(text=" ".join(MARKET), reference="\n".join(MARKET[:3]), title=""),
    ]


def test_lead_matches_a_lead_reference_exactly():
    result = evaluate(_records(), ["lead"], sentences=3)
    (lead,) = result.results
    assert result.articles == 2 and lead.articles == 2 and lead.fallbacks == 0
    for metric in METRICS:
        for part in ("f", "p", "r"):
            assert lead.scores[metric][part] == Interval(100.0, 100.0, 100.0)
        assert lead.per_article[metric] == (100.0, 100.0)


def test_reference_length_and_partial_overlap():
    records = [Record(text=" ".join(FLOOD), reference="\n".join(FLOOD[:2]))]
    same = evaluate(records, ["lead"], reference_length=True, resamples=0).results[0]
    assert same.scores["rouge1"]["f"].mean == 100.0
    longer = evaluate(records, ["lead"], sentences=4, resamples=0).results[0]
    assert longer.scores["rouge1"]["r"].mean == 100.0  # the reference is inside the summary
    assert longer.scores["rouge1"]["p"].mean < 100.0
    assert longer.scores["rouge1"]["f"].mean < 100.0


def test_intervals_hold_the_mean_and_are_deterministic():
    records = _records() + [Record(text=" ".join(FLOOD), reference=MARKET[0] + "\n" + FLOOD[3])]
    first = evaluate(records, ["lead", "auto"], sentences=2, resamples=300, seed=7)
    again = evaluate(records, ["lead", "auto"], sentences=2, resamples=300, seed=7)
    assert first == again
    for result in first.results:
        for metric in METRICS:
            for part in ("f", "p", "r"):
                iv = result.scores[metric][part]
                assert iv.low <= iv.mean <= iv.high
                assert 0.0 <= iv.low and iv.high <= 100.0
    lead = first.results[0].scores["rouge1"]["f"]
    assert lead.low < lead.high  # the scores differ between articles


def test_bootstrap_ci():
    assert bootstrap_ci([3.0, 3.0, 3.0]) == Interval(3.0, 3.0, 3.0)
    assert bootstrap_ci([5.0]) == Interval(5.0, 5.0, 5.0)
    assert bootstrap_ci([1.0, 2.0], resamples=0) == Interval(1.5, 1.5, 1.5)
    values = [float(i % 10) for i in range(200)]
    iv = bootstrap_ci(values, resamples=500, seed=1)
    assert iv.mean == pytest.approx(4.5)
    assert 4.0 < iv.low < 4.5 < iv.high < 5.0
    assert bootstrap_ci(values, resamples=500, seed=1) == iv
    with pytest.raises(ValueError):
        bootstrap_ci([])
    with pytest.raises(ValueError):
        bootstrap_ci([1.0, 2.0], confidence=1.5)


def test_article_from_record_keeps_the_title_out_of_the_sentences():
    article = article_from_record("Floods hit the valley", " ".join(FLOOD))
    assert article.title_text == "Floods hit the valley"
    assert article.text.startswith("Floods hit the valley\n\n")
    assert [s.text for s in article.sentences] == list(FLOOD)
    assert all(article.text[s.start : s.end] == s.text for s in article.sentences)
    no_title = article_from_record("", "Short headline-like line\n\n" + FLOOD[0])
    assert no_title.title is None
    assert no_title.sentences[0].text == "Short headline-like line"


def test_reference_sentences():
    assert reference_sentences("One.\n\n  Two  words.\n") == ["One.", "Two words."]


def test_evaluate_rejects_bad_arguments():
    with pytest.raises(ValueError):
        evaluate(_records(), ["magic"])
    with pytest.raises(ValueError):
        evaluate([], ["lead"])
    with pytest.raises(ValueError):
        evaluate(_records(), ["lead"], sentences=0)


def _write(tmp_path, lines, name="data.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_load_dataset(tmp_path):
    good = json.dumps({"id": 7, "title": "T", "text": "Body text here.", "reference": "Body text here.", "x": 1})
    path = _write(tmp_path, ["", good, "   ", json.dumps({"text": "A b.", "reference": "A b.", "title": None})])
    records = load_dataset(path)
    assert [(r.id, r.title, r.line) for r in records] == [("7", "T", 2), (None, "", 4)]


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (['{"text": "a", "reference": "b"}', "{not json"], "line 2: not valid JSON"),
        (['{"text": "a"}'], "line 1: missing field 'reference'"),
        (['{"reference": "a"}'], "line 1: missing field 'text'"),
        (['{"text": 3, "reference": "a"}'], "line 1: field 'text' must be a string"),
        (['["text", "reference"]'], "line 1: a record must be a JSON object"),
        (['{"text": "a", "reference": "b", "title": 5}'], "line 1: field 'title' must be a string"),
        (["", "  "], "no records"),
    ],
)
def test_load_dataset_errors(tmp_path, lines, message):
    with pytest.raises(DatasetError, match="^" + message):
        load_dataset(_write(tmp_path, lines))


def test_load_dataset_missing_and_directory(tmp_path):
    with pytest.raises(DatasetError, match="no such file"):
        load_dataset(tmp_path / "absent.jsonl")
    with pytest.raises(DatasetError, match="directory"):
        load_dataset(tmp_path)
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"text": "\xa3", "reference": "x"}\n')
    with pytest.raises(DatasetError, match="UTF-8"):
        load_dataset(bad)


def test_report_dict_keys():
    doc = report_dict([], length={"sentences": 3}, language="english", resamples=10, confidence=0.95, seed=0)
    assert set(doc) == {
        "schema_version", "command", "length", "language", "metrics", "scale", "stemmer", "bootstrap", "datasets",
    }
    assert doc["metrics"] == list(METRICS)
