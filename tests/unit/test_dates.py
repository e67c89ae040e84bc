"""Dates: a table of short sentences written for these tests, the seed article, the span rule."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.facts.dates import extract_dates
from briefing.text.segment import segment

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_3659efa8dcf43795.txt"
REF = dt.date(2019, 5, 21)  # a Tuesday


def dates(text: str, reference_date: dt.date | None = None):
    article = segment(text, detect_title=False)
    found = extract_dates(article, reference_date=reference_date)
    for d in found:
        assert article.text[d.start : d.end] == d.text
        assert d.sentence == article.sentence_at(d.start)
    return found


# (sentence, text, value without reference, value with REF, relative, modifier)
CASES = [
    ("The vote is on 2019-06-02.", "2019-06-02", "2019-06-02", "2019-06-02", False, None),
    ("It opened on 20 May 2019.", "20 May 2019", "2019-05-20", "2019-05-20", False, None),
    ("It opened on May 20, 2019.", "May 20, 2019", "2019-05-20", "2019-05-20", False, None),
    ("Talks resume on June 3.", "June 3", "--06-03", "2019-06-03", False, None),
    ("Fighting eased on Dec. 30.", "Dec. 30", "--12-30", "2018-12-30", False, None),
    ("Prices fell in March 2017.", "March 2017", "2017-03", "2017-03", False, None),
    ("Shops reopened in early June.", "early June", "--06", "2019-06", False, "early"),
    ("The plant closed in late 2008.", "late 2008", "2008", "2008", False, "late"),
    ("Output should recover by mid-2020.", "mid-2020", "2020", "2020", False, "mid"),
    ("The plan dates from the 1990s.", "the 1990s", "199", "199", False, None),
    ("Sales rose in 2016.", "2016", "2016", "2016", False, None),
    ("Nobody has seen him since 2014.", "since 2014", "2014", "2014", False, "since"),
    ("Troops stay until July 4.", "until July 4", "--07-04", "2019-07-04", False, "until"),
    ("Rain is likely before August.", "before August", "--08", "2019-08", False, "before"),
    ("The mayor resigned last week.", "last week", None, "2019-W20", True, None),
    ("Exports grew last year.", "last year", None, "2018", True, None),
    ("Last November the law passed.", "Last November", "--11", "2018-11", True, None),
    ("Police made arrests on Friday.", "Friday", None, "2019-05-17", True, None),
    ("The minister spoke yesterday.", "yesterday", None, "2019-05-20", True, None),
    ("The dam broke three days ago.", "three days ago", None, "2019-05-18", True, None),
]


@pytest.mark.parametrize("sentence, text, value, resolved, relative, modifier", CASES)
def test_date_table(sentence, text, value, resolved, relative, modifier):
    (d,) = dates(sentence)
    assert (d.text, d.value, d.relative, d.modifier) == (text, value, relative, modifier)
    (r,) = dates(sentence, REF)
    assert (r.text, r.value, r.relative, r.modifier) == (text, resolved, relative, modifier)


@pytest.mark.parametrize(
    "sentence",
    [
        "It may rain tomorrow night in the hills." .replace("tomorrow night ", ""),
        "May I ask a question?",
        "They sent a letter to May and Johnson.",
        "Police counted 2011 people at the rally.",
        "The bill came to $2011.",
        "A total of 1900 ballots were spoiled.",
        "The protest march was peaceful.",
    ],
)
def test_not_dates(sentence):
    assert dates(sentence) == ()


def test_in_may_is_a_date():
    (d,) = dates("The election is in May.")
    assert (d.text, d.value) == ("May", "--05")


def test_since_with_inner_modifier_keeps_the_inner_one():
    (d,) = dates("The war has raged since early 2011.")
    assert (d.text, d.modifier) == ("early 2011", "early")


def test_seed_article():
    article = segment(SEED.read_text(encoding="utf-8"))
    plain = {d.text: d for d in extract_dates(article)}
    assert plain["May 20"].value == "--05-20"
    assert plain["May 13"].value == "--05-13"
    assert (plain["since April 25"].value, plain["since April 25"].modifier) == ("--04-25", "since")
    assert (plain["early May"].value, plain["early May"].modifier) == ("--05", "early")
    assert plain["May 2018"].value == "2018-05"
    assert plain["Last September"].relative and plain["Last September"].value == "--09"
    assert (plain["early 2011"].value, plain["early 2011"].modifier) == ("2011", "early")
    assert plain["last week"].relative and plain["last week"].value is None
    resolved = extract_dates(article, reference_date=REF)
    by_text = {d.text: d.value for d in resolved}
    assert by_text["May 20"] == "2019-05-20"
    assert by_text["last week"] == "2019-W20"
    assert by_text["Last September"] == "2018-09"
    assert [d.start for d in resolved] == sorted(d.start for d in resolved)
    for d in resolved:
        assert article.text[d.start : d.end] == d.text


def test_empty_article():
    assert extract_dates(segment("")) == ()


# --- issue 5: ranges, periods and offsets --------------------------------------------------------

REF2 = dt.date(2016, 11, 7)  # a Monday


@pytest.mark.parametrize(
    "sentence, text, resolved",
    [
        ("Talks ran from May 1 to May 5.", "from May 1 to May 5", "2017-05-01/2017-05-05"),
        ("The summit is on November 19-20.", "November 19-20", "2016-11-19/2016-11-20"),
        ("Prices rose between Jan and Feb.", "between Jan and Feb", "2017-01/2017-02"),
        ("Sales fell in the third quarter of 2016.", "the third quarter of 2016", "2016-Q3"),
        ("Rain is expected this summer.", "this summer", "2016-SU"),
        ("The vote is in 2 weeks.", "in 2 weeks", "2016-11-21"),
        ("He left 2 weeks ago.", "2 weeks ago", "2016-10-24"),
        ("Prices rose earlier this month.", "earlier this month", "2016-11"),
        ("We meet the week of November 14.", "the week of November 14", "2016-W46"),
        ("The law passed on Oct. 2.", "Oct. 2", "2016-10-02"),
        ("Payment is due on the 27th.", "the 27th", "2016-11-27"),
        ("They meet next Tuesday.", "next Tuesday", "2016-11-08"),
    ],
)
def test_periods_and_ranges(sentence, text, resolved):
    (d,) = dates(sentence, REF2)
    assert (d.text, d.value) == (text, resolved)


def test_relative_dates_stay_relative_without_a_reference():
    (d,) = dates("He left 2 weeks ago.")
    assert (d.text, d.value, d.relative) == ("2 weeks ago", None, True)


@pytest.mark.parametrize("sentence", ["Rates went up from 3.1% to 4.5%.", "Only 3/4 of voters came.",
                                      "The score was 4-2.", "Leaves fall in the wind."])
def test_numbers_that_are_not_dates(sentence):
    assert dates(sentence) == ()
