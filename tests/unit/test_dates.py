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


# --- issue 5, second pass: grammar added from the Recognizers-Text English date grammar ----------
# (sentences written for these tests; REF2 = Monday 2016-11-07)


@pytest.mark.parametrize(
    "sentence, text, resolved",
    [
        # years written in words, alone after a context word or completing a date
        ("The dam was built in nineteen seventy-eight.", "nineteen seventy-eight", "1978"),
        ("It opened on September 10, nineteen oh one.", "September 10, nineteen oh one", "1901-09-10"),
        ("The law passed in June of nineteen ninety nine.", "June of nineteen ninety nine", "1999-06"),
        ("Talks ran from 2 to 7 Feb, two thousand and eighteen.", "from 2 to 7 Feb, two thousand and eighteen",
         "2018-02-02/2018-02-07"),
        ("Sales fell in the first quarter of two thousand and twenty.", "the first quarter of two thousand and twenty",
         "2020-Q1"),
        # a weekday joined to a date in digits or with brackets; the weekday can settle the year
        ("The vote is on Friday 5/12.", "Friday 5/12", "2017-05-12"),  # not 2016-05-12, a Thursday
        ("The vote is this friday (nov-11).", "this friday (nov-11)", "2016-11-11"),
        ("The vote is friday 2018-7-6.", "friday 2018-7-6", "2018-07-06"),
        # month and day written together; "tmrw"; lower-case months after a context word
        ("We go back april22.", "april22", "2017-04-22"),
        ("We go back 22april.", "22april", "2017-04-22"),
        ("We go back tmrw.", "tmrw", "2016-11-08"),
        ("He left in june.", "june", "2016-06"),
        ("They return june next year.", "june next year", "2017-06"),
        ("It was the last week of july.", "the last week of july", "2016-W30"),
        ("It was last week sunday.", "last week sunday", "2016-11-06"),
        # decades, "the week after next", "the next decade"
        ("Disco ruled in the 70s.", "the 70s", "197"),
        ("It peaked in the two thousand and tens.", "the two thousand and tens", "201"),
        ("We meet the week after next.", "the week after next", "2016-W47"),
        ("Prices will rise in the next decade.", "the next decade", "202"),
        # day ranges before a day-month, "between ... and now", a length from a day
        ("They are away from 4 to 22 January, 2017.", "from 4 to 22 January, 2017", "2017-01-04/2017-01-22"),
        ("They are away from 3 until 12 of Sept.", "from 3 until 12 of Sept", "2016-09-03/2016-09-12"),
        ("They are away between November 15th through 19th.", "between November 15th through 19th",
         "2016-11-15/2016-11-19"),
        ("Work goes on between now and November 15th.", "between now and November 15th", "2016-11-07/2016-11-15"),
        ("Prices rose between Jan 22 and now.", "between Jan 22 and now", "2016-01-22/2016-11-07"),
        ("Offices close for 3 days starting next Monday.", "3 days starting next Monday", "2016-11-14/2016-11-16"),
        ("Offices close for 1 week, from 20th dec.", "for 1 week, from 20th dec", "2016-12-20/2016-12-26"),
        ("Offices close for 3 days from today.", "for 3 days from today", "2016-11-07/2016-11-09"),
        # bounded offsets
        ("He will be back within 2 weeks from today.", "within 2 weeks from today", "2016-11-07/2016-11-21"),
        # month and year written with digits and spaces; year ranges; seasons of sport
        ("They are away 11 - 2016.", "11 - 2016", "2016-11"),
        ("They are away 2016 / 11.", "2016 / 11", "2016-11"),
        ("They are away November , 2016.", "November , 2016", "2016-11"),
        ("Output rose 2014-2018.", "2014-2018", "2014/2018"),
        ("Output rose from 2014 till 2018.", "from 2014 till 2018", "2014/2018"),
        ("He starred in the 2010-11 season.", "2010-11", "2010/2011"),
        ("Output rose from March to May.", "from March to May", "2016-03/2016-05"),
        # parts of the current unit, half-years, relative words
        ("Prices will fall later in the year.", "later in the year", "2016"),
        ("Profits rose in the first half of 2019.", "the first half of 2019", "2019-01/2019-06"),
        ("Profits rose in 2019 H2.", "2019 H2", "2019-07/2019-12"),
        ("Sales rose during 2017-q1.", "2017-q1", "2017-Q1"),
        ("He spoke this past Wednesday.", "this past Wednesday", "2016-11-02"),
        ("Profits rose in the last fiscal year.", "last fiscal year", "2015"),
        ("It was a cold spell on Dec. 31 , 1994.", "Dec. 31 , 1994", "1994-12-31"),
    ],
)
def test_grammar_second_pass(sentence, text, resolved):
    (d,) = dates(sentence, REF2)
    assert (d.text, d.value) == (text, resolved)


def test_more_than_an_offset_is_open_ended():
    (d,) = dates("He left more than two weeks ago.", REF2)
    assert (d.text, d.value, d.modifier) == ("more than two weeks ago", "2016-10-24", "before")


def test_a_weekday_that_disagrees_with_the_date_stays_apart():
    # June 23, 2018 is a Saturday: "this friday" and "june twenty three" are two dates
    found = dates("Call me this friday june twenty three.", dt.date(2018, 6, 20))
    assert [(d.text, d.value) for d in found] == [("this friday", "2018-06-22"), ("june twenty three", "2018-06-23")]


def test_anaphoric_periods_have_no_value():
    (d,) = dates("Exports fell that year.", REF2)
    assert (d.text, d.value, d.relative) == ("that year", None, True)


@pytest.mark.parametrize(
    "sentence",
    [
        "Highs were in the 70s all week.".replace(" all week", ""),
        "He is in his 70s.",
        "A crowd of two thousand gathered.",
        "They sold two thousand homes in nineteen ninety nine cities.".replace(" in nineteen ninety nine cities", ""),
        "Officials counted 2014 to 2018 ballots.",
        "The index rose from 2014 to 2018 points.",
        "They sent a letter to Johnson and May.",
        "The model Mar3 chip is new.",
        "He came home and now he rests.",
    ],
)
def test_second_pass_not_dates(sentence):
    assert dates(sentence, REF2) == ()
