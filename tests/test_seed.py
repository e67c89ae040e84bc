"""The seed article end to end: what a reader checks by hand, and a reviewed golden JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import BriefOptions, brief
from briefing.render.json import to_dict

GOLDEN = Path(__file__).resolve().parent / "golden" / "seed_facts.json"


@pytest.fixture(scope="module")
def seed_briefing(seed_article):
    return brief(seed_article, BriefOptions())


def test_title_once_and_never_a_summary_sentence(seed_briefing):
    b = seed_briefing
    assert b.article.title_text == "Turkish and Russian defense ministers discuss Idlib"
    assert all("discuss Idlib" not in s.text for s in b.summary)
    assert len(b.summary) == 3


def test_seed_figures(seed_briefing):
    figures = {(f.value, f.counted, f.qualifier) for f in seed_briefing.figures}
    assert (167, "civilians", "at least") in figures
    assert (415, "civilians", "more than") in figures
    assert (1_500_000, "people", "some") in figures
    assert (12, "observation points", None) in figures
    by_text = {f.text: f for f in seed_briefing.figures}
    assert by_text["Half"].value == 0.5 and by_text["Half"].kind == "fraction"
    assert by_text["ninth"].kind == "ordinal" and by_text["ninth"].value == 9
    soldiers = [f for f in seed_briefing.figures if f.counted and "soldiers" in f.counted]
    assert [f.value for f in soldiers] == [2]
    # Numbers inside dates are dates, not figures.
    assert not {f.value for f in seed_briefing.figures} & {20, 13, 25, 2018, 2011}


def test_seed_dates(seed_briefing):
    texts = [d.text for d in seed_briefing.dates]
    for expected in ("May 20", "May 13", "April 25", "early May", "May 2018", "Last September", "early 2011", "last week"):
        assert any(expected in t for t in texts), expected
    values = {d.text: d for d in seed_briefing.dates}
    assert values["May 20"].value == "--05-20"
    assert values["May 2018"].value == "2018-05"
    assert values["early 2011"].value == "2011" and values["early 2011"].modifier == "early"
    assert values["Last September"].relative


def test_seed_dates_resolve_against_the_article_date(seed_article):
    import datetime as dt

    b = brief(seed_article, BriefOptions(summary=False, date=dt.date(2019, 5, 21), only=frozenset({"dates"})))
    values = {d.text: d.value for d in b.dates}
    assert values["May 20"] == "2019-05-20"
    assert values["Last September"] == "2018-09"


def test_seed_entities(seed_briefing):
    by_label: dict[str, set[str]] = {}
    for e in seed_briefing.entities:
        by_label.setdefault(e.label, set()).add(e.text)
    assert {"Hulusi Akar", "Sergei Shoigu", "Recep Tayyip Erdoğan", "Bashar al-Assad"} <= by_label["PERSON"]
    assert {"Turkey", "Russia", "Idlib", "Syria", "Ankara"} <= by_label["GPE"]
    assert {"Defense Ministry", "Turkish Armed Forces"} <= by_label["ORG"]
    assert {"Turkish", "Russian"} <= by_label["NORP"]
    akar = next(e for e in seed_briefing.entities if e.text == "Hulusi Akar")
    text = seed_briefing.article.text
    assert [text[s:e] for s, e in akar.mentions] == ["Hulusi Akar", "Akar"]


def test_seed_quote_has_its_speaker(seed_briefing):
    (quote,) = seed_briefing.quotes
    assert quote.text.startswith("regional security issues")
    assert quote.speaker == "Defense Ministry"


def test_every_span_indexes_the_text(seed_briefing):
    text = seed_briefing.article.text
    for item in (*seed_briefing.summary, *seed_briefing.figures, *seed_briefing.dates, *seed_briefing.quotes):
        assert text[item.start : item.end] == item.text
    for k in seed_briefing.keyphrases:
        assert all(text[s:e].lower() for s, e in k.spans)
    for e in seed_briefing.entities:
        assert all(text[s:t] for s, t in e.mentions)


def _golden_view(seed_briefing) -> dict:
    d = to_dict(seed_briefing, "facts", include_text=False)
    d["source"] = "seeds/000_3659efa8dcf43795.txt"
    for k in d["keyphrases"]:
        k["score"] = round(k["score"], 4)
    return d


def test_facts_golden_json(seed_briefing, update_golden):
    """`briefing facts --format json` on the seed, reviewed by hand against the article."""
    got = _golden_view(seed_briefing)
    if update_golden or not GOLDEN.exists():
        GOLDEN.write_text(json.dumps(got, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
        if not update_golden:
            pytest.fail("golden file was missing and has been written; review it and rerun")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))
