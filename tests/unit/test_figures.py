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


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents can call 1-800-252-7522 for help, and 40,000 homes lost power.",
        "Residents can call 1.800.252.7522 for help, and 40,000 homes lost power.",
        "Residents can call +44 20 7946 0958 for help, and 40,000 homes lost power.",
        "Residents can call (800) 252-7522 for help, and 40,000 homes lost power.",
    ],
)
def test_a_phone_number_with_a_trunk_or_country_code_is_not_a_figure(sentence):
    # Found by a user: the "1" of "1-800-..." came out as a cardinal.
    assert [f.text for f in figures(sentence)] == ["40,000"]


def test_numbers_joined_by_dashes_are_not_taken_for_a_phone_number():
    assert [f.text for f in figures("The vote was 52-48, and 215 members attended.")] == ["52", "48", "215"]


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


# --- the wider number grammar (Recognizers-Text English), sentences written for these tests -----


def parts(text: str):
    from briefing.facts.figures import number_parts

    article = segment(text, detect_title=False)
    return [(article.text[s:e], pytest.approx(v)) for s, e, v in number_parts(article, every_number=True)]


@pytest.mark.parametrize(
    "sentence, text, value",
    [
        ("Three fifths of the vote went to her.", "Three fifths", 0.6),
        ("Only a hundredth of the grain arrived.", "a hundredth", 0.01),
        ("The rod grew by one twenty-fifth of its length.", "one twenty-fifth", 0.04),
        ("It took two and three quarters hours.", "two and three quarters", 2.75),
        ("Some two thirds of a million voters stayed home.", "two thirds of a million", 2_000_000 / 3),
        ("Officials counted four million and a half ballots.", "four million and a half", 4_500_000),
        ("The fund holds six billion and a quarter million.", "six billion and a quarter million", 6_000_250_000),
        ("The ratio was seven point nought five.", "seven point nought five", 7.05),
        ("One in four adults smoked.", "One in four", 0.25),
        ("Three out of ten homes lack power.", "Three out of ten", 0.3),
        ("The tally reached three hundred and two dozen.", "three hundred and two dozen", 324),
        ("Farmers sold 3 dozen eggs.", "3 dozen", 36),
        ("The state spent 12 lakh on roads.", "12 lakh", 1_200_000),
        ("A crowd of forty - two gathered.", "forty - two", 42),
        ("The stadium seats 4 thousand 3 hundred and 20 fans.", "4 thousand 3 hundred and 20", 4320),
    ],
)
def test_word_fractions_and_compounds(sentence, text, value):
    (f,) = [f for f in figures(sentence) if f.text == text]
    assert f.value == pytest.approx(value)


def test_not_fractions():
    # an ordinal after "a", a count of time after "in", a score written "out of" upside down
    assert "fraction" not in [f.kind for f in figures("She won a second term in one second.")]
    assert [f.text for f in figures("He ran 2 in 10 minutes.")] == ["2", "10"]
    assert [f.text for f in figures("They scored 12 out of 10.")] == ["12", "10"]
    assert [f.kind for f in figures("It was the one hundred fifth day.")] == ["ordinal"]
    assert figures("At one point five officers left.")[0].text != "one point five"


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Readings of 1.2e3 and 3.5x10^2 were logged.", [("1.2e3", 1200), ("3.5x10^2", 350)]),
        ("The town has 1 234 567 residents.", [("1 234 567", 1234567)]),
        ("The bill came to 12,34,567.89 rupees.", [("12,34,567.89", 1234567.89)]),
        ("Its price was 1.234,50 euros.", [("1.234,50", 1234.5)]),
        ("The host at 10.0.0.1 answered.", [("10", 10), ("0", 0), ("0", 0), ("1", 1)]),
        ("The fund raised 10M last year.", [("10M", 10_000_000)]),
        ("They met on 4/17/2019.", [("4", 4), ("17", 17), ("2019", 2019)]),
    ],
)
def test_digit_notations(sentence, expected):
    assert parts(sentence) == expected


def test_letter_multipliers_are_names_in_the_cli():
    assert figures("The 5G network opened.") == ()


def test_percent_written_before_its_number():
    (f,) = figures("Tax rose by per cent of 12.")
    assert (f.text, f.kind, f.value, f.unit) == ("per cent of 12", "percent", 12, "%")
    # "The percent of" names a percentage without its number (value null), not "percent of 12".
    assert [(f.text, f.value) for f in figures("The percent of 12-year-olds who swim fell.")] == [
        ("percent", None),
        ("12", 12),
    ]


@pytest.mark.parametrize(
    "sentence, text, value, unit",
    [
        ("The ticket cost 4 dollars 25 cents.", "4 dollars 25 cents", 4.25, "USD"),
        ("Lunch was twelve dollars and fifty.", "twelve dollars and fifty", 12.5, "USD"),
        ("The firm lost 40 USD million.", "40 USD million", 40_000_000, "USD"),
        ("Sales reached 25 MEUR in the quarter.", "25 MEUR", 25_000_000, "EUR"),
        ("The loan was cad$ 300.", "cad$ 300", 300, "CAD"),
        ("They paid 500元 for it.", "500元", 500, "CNY"),
        ("The price was 90USD.", "90USD", 90, "USD"),
        ("The firm made one-yen bids.", "one-yen", 1, "JPY"),
        ("The bond paid 3 billion pesetas.", "3 billion pesetas", 3e9, "ESP"),
        ("He mined 2.5 BTC.", "2.5 BTC", 2.5, "BTC"),
    ],
)
def test_money_shapes(sentence, text, value, unit):
    (f,) = [f for f in figures(sentence) if f.kind == "money"]
    assert (f.text, f.unit) == (text, unit)
    assert f.value == pytest.approx(value)


def test_cents_do_not_swallow_a_range_or_a_count():
    (f,) = figures("Tickets cost between $20 and 30.")
    assert (f.kind, f.low, f.high) == ("range", 20, 30)
    found = figures("It cost $20 and 30 people paid.")
    assert [f.text for f in found] == ["$20", "30"]


def test_possessive_s_is_not_a_singapore_dollar():
    (f,) = figures("It is the country's $ 500 million prize.")
    assert (f.unit, f.value) == ("USD", 500_000_000)


@pytest.mark.parametrize(
    "sentence, qualifier",
    [
        ("Wages exceeding 150 dollars were taxed.", "exceeding"),
        ("Towns of 500 or more were counted.", "or more"),
        ("Scores equal to 20 passed.", "equal to"),
        ("Bids of less than 40 or equal were kept.", "less than or equal to"),
        ("Any score equal to 30 or less fails.", "equal to or less than"),
        ("Loads larger than 10 tonnes were banned.", "larger than"),
        ("Keep values >= 30 only.", ">="),
        ("About 500 or more arrived.", "or more"),
    ],
)
def test_bounds(sentence, qualifier):
    f = figures(sentence)[0]
    assert f.qualifier == qualifier


def test_a_bound_of_the_next_figure_is_not_a_trailing_bound():
    found = figures("It was equal to 50 or less than 60.")
    assert [(f.value, f.qualifier) for f in found] == [(50, "equal to"), (60, "less than")]


@pytest.mark.parametrize(
    "text, word",
    [
        ("Only a small percent of applicants reach the final round.", "percent"),
        ("The table shows the % of households with broadband.", "%"),
        ("Officials would not say what percentage of the budget went to repairs.", "percentage"),
    ],
)
def test_percentage_named_without_a_number(text, word):
    from briefing.render.view import is_key_figure

    (figure,) = [f for f in extract_figures(segment(text, detect_title=False)) if f.kind == "percent"]
    assert (figure.text, figure.value, figure.unit) == (word, None, "%")
    assert text[figure.start : figure.end] == word
    assert not is_key_figure(figure)


def test_percent_after_a_number_is_read_once():
    figures = extract_figures(segment("Turnout rose to 58 percent, a higher percent than in 2019.", detect_title=False))
    assert [(f.text, f.value) for f in figures if f.kind == "percent"] == [("58 percent", 58), ("percent", None)]


@pytest.mark.parametrize("text", ["\x1b[31mAlert\x1b[0m: 40 people died.", "[1;31mAlert[0m: 40 people died."])
def test_terminal_colour_codes_are_not_metres(text):
    # Found by a user: "[31m" and "[0m" came out as lengths in metres.
    assert [f.text for f in figures(text)] == ["40"]
