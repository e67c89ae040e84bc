"""Figures: a table of short sentences written for these tests, the seed article, the span rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.facts.dates import extract_dates
from briefing.facts.figures import extract_figures
from briefing.text.segment import segment

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_3659efa8dcf43795.txt"


def figures(text: str):
    article = segment(text, detect_title=False)
    found = extract_figures(article, dates=extract_dates(article))
    for f in found:
        assert article.text[f.start : f.end] == f.text
    return found


def one(text: str):
    found = figures(text)
    assert len(found) == 1, found
    return found[0]


# (sentence, text, kind, value, unit, counted, qualifier)
CASES = [
    ("Rescuers found 167 survivors.", "167", "cardinal", 167, None, "survivors", None),
    ("At least 12 houses burned.", "12", "cardinal", 12, None, "houses", "at least"),
    ("The city has 1,200 nurses.", "1,200", "cardinal", 1200, None, "nurses", None),
    ("Some 2.5 million voters stayed home.", "2.5 million", "cardinal", 2500000, None, "voters", "some"),
    ("Three rebel commanders surrendered.", "Three", "cardinal", 3, None, "rebel commanders", None),
    ("They hired twenty-five engineers.", "twenty-five", "cardinal", 25, None, "engineers", None),
    ("Nearly four hundred and twenty people voted.", "four hundred and twenty", "cardinal", 420, None, "people", "nearly"),
    ("The fund lost $4.2bn last quarter.", "$4.2bn", "money", 4200000000, "USD", None, None),
    ("Brussels pledged €3 million in aid.", "€3 million", "money", 3000000, "EUR", None, None),
    ("The club paid £45m for him.", "£45m", "money", 45000000, "GBP", None, None),
    ("Turnout rose to 64% among students.", "64%", "percent", 64, "%", None, None),
    ("Inflation hit 7.5 percent.", "7.5 percent", "percent", 7.5, "%", None, None),
    ("Roughly 30 per cent of the forest is gone.", "30 per cent", "percent", 30, "%", "forest", "roughly"),
    ("The convoy drove 40 km north.", "40 km", "quantity", 40, "km", None, None),
    ("Winds reached 90 mph overnight.", "90 mph", "quantity", 90, "mph", None, None),
    ("The lake froze at -3°C.", "-3°C", "quantity", -3, "°C", None, None),
    ("The ship carried 300 tonnes of grain.", "300 tonnes", "quantity", 300, "t", None, None),
    ("She finished ninth in the race.", "ninth", "ordinal", 9, None, None, None),
    ("It was the 3rd attempt.", "3rd", "ordinal", 3, None, "attempt", None),
    ("Half of them fled.", "Half", "fraction", 0.5, None, None, None),
    ("A third of the budget went on wages.", "A third", "fraction", 1 / 3, None, "budget", None),
    ("Two-thirds of members agreed.", "Two-thirds", "fraction", 2 / 3, None, "members", None),
    ("Half a million tourists came.", "Half a million", "cardinal", 500000, None, "tourists", None),
    ("More than 415 patients were treated.", "415", "cardinal", 415, None, "patients", "more than"),
    ("Up to 70 flights were cancelled.", "70", "cardinal", 70, None, "flights", "up to"),
    ("An estimated 9,000 homes lost power.", "9,000", "cardinal", 9000, None, "homes", "an estimated"),
]


@pytest.mark.parametrize("sentence, text, kind, value, unit, counted, qualifier", CASES)
def test_figure_table(sentence, text, kind, value, unit, counted, qualifier):
    f = one(sentence)
    assert (f.text, f.kind, f.unit, f.counted, f.qualifier) == (text, kind, unit, counted, qualifier)
    assert f.value == pytest.approx(value)
    assert f.sentence == 0


@pytest.mark.parametrize(
    "sentence, text, low, high, unit, counted",
    [
        ("Police said 10-15 people were held.", "10-15", 10, 15, None, "people"),
        ("It will cost between 20 and 30 dollars.", "between 20 and 30 dollars", 20, 30, "USD", None),
        ("Each bid was $5-6 million.", "$5-6 million", 5000000, 6000000, "USD", None),
        ("Growth of 2-3% is expected.", "2-3%", 2, 3, "%", None),
        ("About 200 to 300 migrants landed.", "200 to 300", 200, 300, None, "migrants"),
    ],
)
def test_ranges(sentence, text, low, high, unit, counted):
    f = one(sentence)
    assert (f.text, f.kind, f.value, f.unit, f.counted) == (text, "range", None, unit, counted)
    assert (f.low, f.high) == (low, high)


@pytest.mark.parametrize(
    "sentence, texts",
    [
        ("Points named nine and ten are at risk.", ["nine", "ten"]),
        ("Prices went from 5% to 8%.", ["5%", "8%"]),
        ("The score ended 3-1.", ["3", "1"]),
        ("One soldier was hurt.", ["One"]),
        ("Of 2011 applicants, 40 passed.", ["2011", "40"]),
    ],
)
def test_several_figures(sentence, texts):
    assert [f.text for f in figures(sentence)] == texts


@pytest.mark.parametrize(
    "sentence",
    [
        "Call 555-0142 for details.",
        "Call +1 202 555 0142 today.",
        "The meeting starts at 10:30 sharp.",
        "The talks end at 5pm.",
        "A Boeing 737 landed safely.",
        "The F-16 and the G7 summit.",
        "COVID-19 spread fast.",
        "No one was hurt.",
        "One of the guards escaped.",
        "They helped one another.",
        "He was the one who left.",
        "Hundreds of people marched.",
        "It may rain later.",
        "See https://example.org/page/42 for more.",
    ],
)
def test_not_figures(sentence):
    assert figures(sentence) == ()


def test_numbers_inside_dates_are_not_figures():
    text = "Since April 25, 2019 and in early 2011, 30 people died on May 20."
    assert [f.text for f in figures(text)] == ["30"]


def test_without_dates_the_day_number_is_a_figure():
    article = segment("They met on May 20.", detect_title=False)
    assert [f.value for f in extract_figures(article)] == [20]


def test_values_are_ints_when_whole():
    f = one("Some 1.5 million people live there.")
    assert f.value == 1500000 and isinstance(f.value, int)


def test_seed_article():
    article = segment(SEED.read_text(encoding="utf-8"))
    found = extract_figures(article, dates=extract_dates(article))
    for f in found:
        assert article.text[f.start : f.end] == f.text
        assert f.sentence == article.sentence_at(f.start)
    by_value = {}
    for f in found:
        by_value.setdefault(f.value, []).append(f)
    (f167,) = by_value[167]
    assert (f167.counted, f167.qualifier, f167.kind) == ("civilians", "at least", "cardinal")
    (f415,) = by_value[415]
    assert (f415.counted, f415.qualifier) == ("civilians", "more than")
    (million,) = by_value[1500000]
    assert (million.text, million.counted, million.qualifier) == ("1.5 million", "people", "some")
    (f12,) = by_value[12]
    assert f12.counted == "observation points"
    twos = {f.counted for f in by_value[2]}
    assert twos == {"countries", "observation points", "Turkish soldiers"}
    (half,) = by_value[0.5]
    assert (half.text, half.kind, half.counted) == ("Half", "fraction", None)
    assert {f.text for f in by_value[9]} == {"nine", "ninth"}
    assert [f.kind for f in by_value[9] if f.text == "ninth"] == ["ordinal"]
    assert [f.text for f in by_value[10]] == ["ten"]
    values = {f.value for f in found}
    assert not values & {20, 13, 25, 2018, 2011}




def test_empty_article():
    assert extract_figures(segment("")) == ()


# --- issue 5: required cases -------------------------------------------------------------------


def test_phone_number_is_not_an_amount():
    found = figures("For tickets call 555-0142. Tickets cost 40 dollars.")
    assert [(f.text, f.kind, f.value, f.unit) for f in found] == [("40 dollars", "money", 40, "USD")]


def test_budget_in_words_with_a_date():
    article = segment("The council approved a 4.2 million dollar budget on Tuesday.", detect_title=False)
    dates = extract_dates(article)
    (f,) = extract_figures(article, dates=dates)
    assert (f.kind, f.value, f.unit, f.counted) == ("money", 4200000, "USD", "budget")
    assert [(d.text, d.relative) for d in dates] == [("Tuesday", True)]


@pytest.mark.parametrize(
    "sentence, text, counted",
    [
        ("The group has $4.2bn of debt.", "$4.2bn", "debt"),
        ("Prices were 24% higher than in 2018.", "24%", "higher"),
        ("Some 2.2 million Ethiopians need food aid.", "2.2 million", "Ethiopians"),
        ("They signed a $300m contract.", "$300m", "contract"),
    ],
)
def test_counted(sentence, text, counted):
    (f,) = [f for f in figures(sentence) if f.text == text]
    assert f.counted == counted


def test_change_keeps_both_ends():
    # A change "from a to b" is reported as its two ends, two figures (a range is "a to b").
    found = figures("Unemployment rose, up from 3.1% to 4.5%.")
    assert [(f.text, f.kind, f.value) for f in found] == [("3.1%", "percent", 3.1), ("4.5%", "percent", 4.5)]


def test_number_parts_reads_the_numbers_inside_figures():
    from briefing.facts.figures import number_parts

    article = segment("It cost $20 and 10-15 people came.", detect_title=False)
    assert [(article.text[s:e], v) for s, e, v in number_parts(article)] == [("20", 20), ("10", 10), ("15", 15)]
