"""Numbers written in English news text -> :class:`~briefing.document.Figure`.

Every number in the title and the sentences is found, in digits or in words, with what it
measures or counts. The number grammar (word numbers with scales, "and a half", ordinals,
fractions, ranges, currency prefixes and unit suffixes) follows Microsoft Recognizers-Text's
English number and number-with-unit models (github.com/microsoft/Recognizers-Text,
``Patterns/English/English-Numbers.yaml`` and ``English-NumbersWithUnit.yaml``), cut down to
what news copy uses and written as a small recursive-descent reader over word tokens.

Shapes (``text`` -> kind, value, unit):

=====================  ========  ==========  =====
``167``                cardinal  167         None
``1,200``              cardinal  1200        None
``1.5 million``        cardinal  1500000     None
``two``                cardinal  2           None
``twenty-five``        cardinal  25          None
``ninth`` / ``9th``    ordinal   9           None
``half``               fraction  0.5         None
``a third``            fraction  0.333...    None
``24%``                percent   24          ``%``
``24 percent``         percent   24          ``%``
``$4.2bn``             money     4.2e9       ``USD``
``€3 million``         money     3e6         ``EUR``
``5 km``               quantity  5           ``km``
``10-15``              range     None        None   (low 10, high 15)
``between 10 and 15``  range     None        None   (low 10, high 15)
=====================  ========  ==========  =====

Spans cover the number expression: sign, currency, digits or number words, scale word, unit or
"percent" (and "between" of a range); never the qualifier ("at least") nor the counted noun.
`counted` is the noun phrase after the number ("12 observation points" -> "observation points"),
found without a POS tagger: function words and verbs stop it, and for counts above one it ends at
the first plural-looking word; pronouns give None ("half of them"). `qualifier` is the hedge before
the number, lower-cased ("at least", "more than", "some").

Not figures: numbers inside the `dates` passed in, times ("10:30", "5pm"), phone numbers
("555-0142"), numbers in URLs and e-mail addresses, numbers that are part of names ("Boeing 737",
"COVID-19", "G7", "F-16"), "one" used as a pronoun ("one of the", "no one", "one another") and
vague plurals ("hundreds", "dozens"). "from 5 to 10" is read as two figures (a change), "5 to 10"
and "between 5 and 10" as a range.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple
from decimal import Decimal, localcontext

from ..document import Article, DateMention, Figure

__all__ = ["extract_figures", "number_parts"]

# --- number words (Recognizers-Text English-Numbers.yaml: RoundNumberIntegerRegex etc.) -------

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "nought": 0, "naught": 0, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
SCALES: dict[str, int] = {
    "hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
    "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7,
}
# "dozen" multiplies what comes before it ("two dozen", "3 dzs").
DOZENS = frozenset({"dozen", "dozens", "doz", "dozs", "dz", "dzs"})
ORDINAL_UNITS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19,
}
ORDINAL_TENS: dict[str, int] = {
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
    "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}
ORDINAL_SCALES: dict[str, int] = {
    "hundredth": 100, "thousandth": 10**3, "millionth": 10**6, "billionth": 10**9,
    "trillionth": 10**12,
}
# Fraction denominators after a numerator ("two thirds", "a quarter", "one-fifth").
DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    "hundredth": 100, "hundredths": 100,
}
VULGAR_FRACTIONS: dict[str, Decimal] = {
    "½": Decimal("0.5"), "¼": Decimal("0.25"), "¾": Decimal("0.75"),
    "⅓": Decimal(1) / 3, "⅔": Decimal(2) / 3, "⅛": Decimal("0.125"), "⅕": Decimal("0.2"),
    "⅖": Decimal("0.4"), "⅗": Decimal("0.6"), "⅘": Decimal("0.8"), "⅙": Decimal(1) / 6,
    "⅚": Decimal(5) / 6, "⅐": Decimal(1) / 7, "⅜": Decimal("0.375"), "⅝": Decimal("0.625"),
    "⅞": Decimal("0.875"), "⅑": Decimal(1) / 9, "⅒": Decimal("0.1"),
}
# Scale abbreviations after digits ("4.2bn", "$5m", "10k"); "m"/"b" only with a currency.
SCALE_ABBREVIATIONS: dict[str, int] = {
    "bn": 10**9, "bln": 10**9, "mn": 10**6, "mln": 10**6, "tn": 10**12, "trn": 10**12, "k": 10**3,
    "tln": 10**12, "mil": 10**6,
}
# Letter multipliers a plain number recognizer reads ("10G", "1.2b", "2.33 k"); the CLI reads
# only the unambiguous ones above ("4G" and "Terminal 2B" are names there).
LETTER_SCALES: dict[str, int] = {
    "K": 10**3, "k": 10**3, "M": 10**6, "MM": 10**6, "G": 10**9, "B": 10**9, "b": 10**9, "T": 10**12,
}
MONEY_SCALE_ABBREVIATIONS: dict[str, int] = {
    "m": 10**6, "M": 10**6, "b": 10**9, "B": 10**9, "K": 10**3, "T": 10**12, "tr": 10**12,
}
ORDINAL_SUFFIXES = frozenset({"st", "nd", "rd", "th"})

# --- currencies (ISO 4217) ---------------------------------------------------------------------

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "US$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD",
    "HK$": "HKD", "NZ$": "NZD", "S$": "SGD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₽": "RUB", "₺": "TRY", "₩": "KRW", "₪": "ILS", "Rs": "INR", "Rs.": "INR", "R$": "BRL",
    "MEX$": "MXN", "元": "CNY", "₡": "CRC", "₾": "GEL", "₭": "LAK", "₿": "BTC", "₦": "NGN",
    "₱": "PHP", "₫": "VND", "₴": "UAH", "₸": "KZT",
}
# Currencies counted in hundredths ("3 dollars 50 cents", "15 dollars and 50").
HUNDREDTHS = frozenset({"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "HKD", "SGD", "CHF", "MXN", "CNY",
                        "INR", "ZAR", "BRL"})
SUBUNIT_WORDS = frozenset({"cent", "cents", "pence", "penny", "pennies"})
ISO_CODES = frozenset({
    "USD", "EUR", "GBP", "JPY", "CNY", "RMB", "INR", "RUB", "TRY", "CHF", "CAD", "AUD", "NZD",
    "HKD", "SGD", "KRW", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "ILS", "SAR", "AED",
    "EGP", "NGN", "KES", "PKR", "IDR", "THB", "UAH", "BTC",
})
# ISO codes also written in lower case before a number ("usd 20", "rmb 10"); "try" is a verb.
LOWER_CODES = frozenset({"usd", "eur", "gbp", "rmb", "cny", "jpy", "inr", "chf", "aud", "cad", "nzd", "btc"})
# Currency names after the number ("5 million dollars", "300 Turkish lira"); lower-case.
CURRENCY_WORDS: dict[str, str] = {
    "dollar": "USD", "dollars": "USD", "us dollars": "USD", "u.s. dollars": "USD",
    "american dollars": "USD", "canadian dollars": "CAD", "australian dollars": "AUD",
    "hong kong dollars": "HKD", "euro": "EUR", "euros": "EUR", "pounds sterling": "GBP",
    "sterling": "GBP", "british pounds": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "lira": "TRY", "liras": "TRY", "turkish lira": "TRY", "swiss francs": "CHF",
    "francs": "CHF", "pesos": "MXN", "riyals": "SAR", "dirhams": "AED", "shekels": "ILS",
    "rand": "ZAR", "naira": "NGN", "hryvnias": "UAH", "won": "KRW", "pounds": "GBP",
    "pound": "GBP", "us dollar": "USD", "chinese yuan": "CNY", "rmb": "CNY", "usd": "USD",
    "eur": "EUR", "gbp": "GBP", "jpy": "JPY", "cny": "CNY", "inr": "INR", "chf": "CHF",
    "markka": "FIM", "markkaa": "FIM", "finnish markka": "FIM", "peseta": "ESP", "pesetas": "ESP",
    "guilder": "NLG", "guilders": "NLG", "dutch guilders": "NLG", "deutsche marks": "DEM",
    "lire": "ITL", "drachmas": "GRD", "escudos": "PTE", "schillings": "ATS",
    "french francs": "FRF", "belgian francs": "BEF", "bitcoin": "BTC", "bitcoins": "BTC", "btc": "BTC",
}
# "won" is a verb and "pounds" a weight unless a scale word comes first ("5 million pounds").
CURRENCY_WORDS_AFTER_SCALE_ONLY = frozenset({"won", "pounds", "pound"})
SUBUNITS: dict[str, tuple[str, int]] = {"cents": ("USD", 100), "cent": ("USD", 100), "pence": ("GBP", 100),
                                        "penny": ("GBP", 100), "pennies": ("GBP", 100)}


def _mega_code(text: str) -> str | None:
    """"MUSD", "MEUR": millions of a currency (Nordic and German reports)."""
    return text[1:] if len(text) == 4 and text[0] == "M" and text[1:] in ISO_CODES else None

# --- units: case-insensitive names and case-sensitive symbols -> the unit written in `unit` ---


def _plural_forms(table: dict[str, str]) -> dict[str, str]:
    out = dict(table)
    for name, unit in table.items():
        head, _, rest = name.partition(" per ")
        if name.endswith(("inch", "foot")):
            continue
        plural = head + ("es" if head.endswith(("s", "x")) else "s")
        out.setdefault(plural + (f" per {rest}" if rest else ""), unit)
    return out


UNIT_NAMES: dict[str, str] = _plural_forms({
    "kilometre": "km", "kilometer": "km", "metre": "m", "meter": "m", "centimetre": "cm",
    "centimeter": "cm", "millimetre": "mm", "millimeter": "mm", "mile": "mi", "yard": "yd",
    "inch": "in", "foot": "ft", "nautical mile": "nmi", "light year": "ly", "light-year": "ly",
    "kilogram": "kg", "kilogramme": "kg", "kilo": "kg", "gram": "g", "gramme": "g",
    "milligram": "mg", "tonne": "t", "metric ton": "t", "ton": "t", "pound": "lb", "ounce": "oz",
    "litre": "l", "liter": "l", "millilitre": "ml", "milliliter": "ml", "gallon": "gal",
    "barrel": "bbl", "cubic metre": "m³", "cubic meter": "m³", "cubic foot": "ft³",
    "hectare": "ha", "acre": "acre", "square kilometre": "km²", "square kilometer": "km²",
    "square mile": "mi²", "square metre": "m²", "square meter": "m²", "square foot": "ft²",
    "degree celsius": "°C", "degree centigrade": "°C", "degree fahrenheit": "°F",
    "degree": "°", "knot": "kn", "mile per hour": "mph", "kilometre per hour": "km/h",
    "kilometer per hour": "km/h", "watt": "W", "kilowatt": "kW", "megawatt": "MW",
    "gigawatt": "GW", "kilowatt-hour": "kWh", "kilowatt hour": "kWh", "megawatt-hour": "MWh",
    "megawatt hour": "MWh", "gigawatt-hour": "GWh", "terawatt-hour": "TWh", "volt": "V",
    "kilovolt": "kV", "byte": "B", "kilobyte": "kB", "megabyte": "MB", "gigabyte": "GB",
    "terabyte": "TB", "calorie": "cal", "kilocalorie": "kcal", "decibel": "dB",
})
UNIT_NAMES.update({
    "square feet": "ft²", "cubic feet": "ft³", "square inches": "in²", "miles an hour": "mph",
    "kilometres an hour": "km/h", "kilometers an hour": "km/h", "mile an hour": "mph",
    "inches": "in", "feet": "ft", "degrees celsius": "°C", "degrees centigrade": "°C",
    "degrees fahrenheit": "°F", "miles per hour": "mph", "kilometres per hour": "km/h",
    "kilometers per hour": "km/h", "sq km": "km²", "sq mi": "mi²", "sq m": "m²", "sq ft": "ft²",
    "sq. km": "km²", "sq. ft": "ft²", "celsius": "°C", "fahrenheit": "°F",
})
UNIT_SYMBOLS: dict[str, str] = {
    "km": "km", "cm": "cm", "mm": "mm", "mi": "mi", "ft": "ft", "yd": "yd", "kg": "kg",
    "kgs": "kg", "mg": "mg", "lb": "lb", "lbs": "lb", "oz": "oz", "ml": "ml", "mL": "ml",
    "cl": "cl", "gal": "gal", "bbl": "bbl", "ha": "ha", "km2": "km²", "km²": "km²", "m2": "m²",
    "m²": "m²", "m3": "m³", "m³": "m³", "°C": "°C", "°F": "°F", "ºC": "°C", "ºF": "°F",
    "°": "°", "mph": "mph", "kph": "km/h", "km/h": "km/h", "kmh": "km/h", "kmph": "km/h", "km/hr": "km/h", "kt": "kt",
    "kW": "kW", "MW": "MW", "GW": "GW", "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh",
    "kV": "kV", "kB": "kB", "KB": "kB", "MB": "MB", "GB": "GB", "TB": "TB", "Mbps": "Mbps",
    "Gbps": "Gbps", "dB": "dB", "degrees C": "°C", "degrees F": "°F", "degree C": "°C",
    "deg C": "°C", "deg F": "°F", "eV": "eV", "keV": "keV", "MeV": "MeV", "GeV": "GeV",
    "TeV": "TeV", "Wh": "Wh", "GHz": "GHz", "MHz": "MHz", "kHz": "kHz", "Hz": "Hz", "sq km": "km²", "sq ft": "ft²", "cc": "cc", "hp": "hp",
}
# Symbols that are also common words or letters: only written right after the digits ("5m").
ATTACHED_ONLY_SYMBOLS: dict[str, str] = {"m": "m", "g": "g", "t": "t", "l": "l", "L": "l", "in": "in", "s": "s", "h": "h"}

PERCENT_WORDS: dict[str, str] = {
    "%": "%", "percent": "%", "per cent": "%", "pct": "%", "percents": "%", "percentage": "%",
    "percentage point": "pp",
    "percentage points": "pp", "per cent points": "pp",
}

# --- words around the number -------------------------------------------------------------------

# Hedges before a number (Recognizers-Text NumberRange "more than", "at least" ... plus news
# usage); matched lower-case, longest first.
QUALIFIERS: tuple[str, ...] = tuple(sorted({
    "at least", "at most", "more than", "less than", "fewer than", "greater than", "no more than",
    "no fewer than", "no less than", "not more than", "up to", "as many as", "as much as",
    "as few as", "as little as", "an estimated", "some", "about", "around", "roughly",
    "approximately", "nearly", "almost", "over", "under", "just over", "just under", "well over",
    "well under", "close to", "upwards of", "in excess of", "only", "just", "exactly",
    "precisely", "below", "above", "an additional", "another", "barely", "estimated", "maximum",
    "minimum", "a maximum of", "a minimum of", "a total of", "totaling", "totalling",
    # comparisons (Recognizers-Text English NumberRange: MoreRegex, LessRegex, EqualRegex)
    "larger than", "bigger than", "higher than", "lower than", "smaller than", "not less than",
    "not more than", "greater than or equal to", "more than or equal to", "less than or equal to",
    "fewer than or equal to", "equal to or more than", "equal to or greater than",
    "equal to or less than", "equal to or fewer than", "higher or equal than", "lower or equal than",
    "bigger or equal than", "smaller or equal than", "larger or equal than", "greater or equal than",
    "less or equal than", "more or equal than", "at least or equal to", "at most or equal to",
    "equal to", "equals", "equals to", "equaling to", "equalling to", "equaling", "equalling",
    "exceeding", "exceeds", "exceeded", "exceed", "surpassing", "surpasses", "surpassed", "surpass",
    "in excess of", "upwards of",
}, key=lambda q: -len(q.split())))
# Bounds written after the number ("500 or more"); "or equal (to)" widens a bound written before.
TRAILING_QUALIFIERS: tuple[str, ...] = (
    "or greater than", "or more than", "or less than", "or fewer than", "or higher than",
    "or lower than", "or equal to", "or more", "or less", "or fewer", "or greater", "or above",
    "or below", "or higher", "or lower", "or over", "or under", "and more", "and above",
    "and over", "and below", "and under", "or equal", "or so",
)
_BOUNDS_BELOW = ("more than", "greater than", "larger than", "bigger than", "higher than", "over", "above")
_BOUNDS_ABOVE = ("less than", "fewer than", "smaller than", "lower than", "under", "below")
SYMBOL_QUALIFIERS: dict[str, str] = {">": ">", "<": "<", ">=": ">=", "<=": "<=", "≥": ">=", "≤": "<="}
_QUALIFIER_SET = frozenset(QUALIFIERS)
# After these, "one" is a pronoun ("no one", "the one", "this one"); before these too.
ONE_PRONOUN_BEFORE = frozenset({
    "the", "no", "this", "that", "any", "every", "each", "which", "a", "another", "someone",
    "anyone", "everyone", "only", "little", "big", "new", "old", "good", "other", "last",
})
ONE_PRONOUN_AFTER = frozenset({
    "of", "another", "who", "whom", "whose", "that", "which", "is", "was", "has", "had", "can",
    "could", "will", "would", "should", "must", "may", "might", "does", "did", "to", "and", "or",
    "on", "at", "by", "with", "from", "for", "as", "but", "than", "day", "way", "thing",
    "hand", "time", "another's",
})
# A "second" that is a unit of time, a "first" that is an adverb.
_NOT_ORDINAL_BEFORE = {"second": frozenset({"a", "per", "one", "split", "every", "each", "the"}),
                       "first": frozenset({"at"})}
_HALF_NOT_FRACTION_BEFORE = frozenset({
    "first", "second", "other", "better", "latter", "third", "fourth", "final", "opening",
    "closing", "back", "own",
})
PRONOUNS = frozenset({
    "them", "us", "you", "those", "these", "it", "which", "whom", "him", "her", "me", "all",
    "they", "we", "this", "that", "each", "both", "ours", "theirs", "its",
})
DETERMINERS = frozenset({
    "the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that", "these",
    "those", "all", "such",
})
# Words that end the counted noun phrase: function words, auxiliaries, frequent verbs and
# adverbs of news copy (a tagger-free stand-in for "stop at the first non-noun").
NP_STOP = frozenset({
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "by", "for", "with",
    "from", "to", "into", "onto", "over", "under", "about", "after", "before", "since", "until",
    "during", "between", "among", "against", "through", "across", "per", "than", "as", "like",
    "near", "off", "out", "up", "down", "via", "amid", "within", "without", "inside", "outside",
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
    "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
    "must", "who", "whom", "whose", "which", "that", "this", "these", "those", "what", "when",
    "where", "while", "why", "how", "if", "so", "because", "although", "though", "whether",
    "it", "its", "they", "them", "their", "he", "him", "his", "she", "her", "we", "us", "our",
    "you", "your", "i", "me", "my", "each", "every", "all", "both", "some", "any", "no", "not",
    "also", "still", "already", "just", "only", "even", "now", "then", "there", "here", "very",
    "more", "most", "less", "least", "too", "again", "ago", "later", "earlier", "yet", "said",
    "says", "say", "told", "according", "including", "included", "while", "whereas", "who",
    "died", "killed", "injured", "wounded", "arrested", "left", "remain", "remained", "remains",
    "took", "take", "made", "make", "went", "go", "came", "come", "got", "get", "gave", "give",
    "saw", "see", "reported", "fled", "live", "lived", "lost", "won", "set", "put", "face",
    "faced", "faces", "need", "needed", "needs", "fell", "rose", "rise", "rises", "fall", "falls",
    "each", "apiece", "respectively", "alone", "together", "named", "called", "known", "per",
    "currently", "reportedly", "allegedly", "altogether", "total", "overall", "instead",
})
# Plurals that do not end in -s, and mass nouns counted like plurals in news copy.
IRREGULAR_PLURALS = frozenset({
    "people", "children", "men", "women", "police", "staff", "personnel", "cattle", "sheep",
    "fish", "deer", "feet", "teeth", "mice", "geese", "data", "media", "crew", "troops",
    "livestock", "aircraft", "offspring", "clergy", "youth", "militia", "infantry",
})
_VAGUE_PLURALS = frozenset({"hundreds", "thousands", "millions", "billions", "dozens", "scores", "tens"})

# --- spans that hold no figure -----------------------------------------------------------------

_TIME = re.compile(
    r"(?<![\d.:])\d{1,2}(?::\d{2}){1,2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|[A-Z]{2,4}T)(?![a-z]))?"
    r"|(?<![\d.:,])\d{1,2}(?:[.:]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|o['’]clock)",
    re.IGNORECASE,
)
# A country or trunk code without "+" ("1-800-252-7522") only before a full area code + number.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[\s.-]?|\d{1,3}[.-](?=\(?\d{2,4}\)?[\s.-]\d{3}[\s.-]\d{4}(?![\d,])))?"
    r"(?:\(?\d{2,4}\)?[\s.-])?\d{3}[\s.-]\d{4}(?![\d,])"
    r"|\+\d{1,3}(?:[\s.-]?\d{2,4}){2,5}"
)
# (?<![\w.+-]): an e-mail address is matched from the start of its run of characters, so that a
# long run without "@" ("a-a-a-...") is tried once, not from each character (same matches).
_URL = re.compile(r"https?://\S+|www\.\S+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
# Terminal colour codes pasted into text ("\x1b[31m", or "[0m" once the escape is gone) are not metres.
_ANSI = re.compile(r"\x1b?\[[\d;]*m")
_MASKS = (_TIME, _PHONE, _URL, _ANSI)

# --- tokens ------------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<num>\d+(?:\.\d+)?(?:[x×]10)?\^[+-]{0,2}\d+"  # powers: "1.1^23", "6.23x10^-4"
    r"|\d+(?:\.\d+)?[eE][+-]?\d+(?!\w)"  # "1.3e6", "12.32e+14"
    r"|\d{1,2},(?:\d{2},)+\d{3}(?:\.\d+)?(?![\d,])"  # Indian grouping: "12,34,567.89"
    r"|\d{1,3}(?:\.\d{3})+,\d{1,2}(?!\d|,\d)"  # decimal comma with dotted groups: "1.111,11"
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"  # "1,200", "1,674.5"
    r"|\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:\.\d+)?(?![\d,.]?\d)"  # space groups: "1 234 567"
    r"|(?<![\d,])\d+,\d{1,2}(?![\d,])"  # decimal comma: "5,00", "1,3"
    r")|(?P<dotted>\d+(?:\.\d+){2,})"  # "192.168.1.2": numbers joined by dots
    r"|(?P<num2>\d+(?:\.\d+)?|(?<![\w.])\.\d+)"
    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)"
    r"|(?P<sym>[^\w\s])"
)


class _Tokens(list):
    """The tokens of one sentence; `loose` when every number is read, as a number recognizer does."""

    loose = False


class _Tok(NamedTuple):
    text: str
    lower: str
    kind: str  # "num", "word" or "sym"
    start: int
    end: int
    blocked: bool  # inside a date, time, phone number or URL


@dataclass(slots=True)
class _Number:
    """A number read from tokens[first:stop] (stop exclusive)."""

    value: Decimal
    first: int
    stop: int
    kind: str  # cardinal, ordinal or fraction
    digits: bool
    scaled: bool = False


@dataclass(slots=True)
class _Found:
    first: int
    stop: int
    kind: str
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None
    unit: str | None = None
    # (first, stop, value) of each number written in the figure: one, or a range's two ends
    parts: list[tuple[int, int, Decimal]] = field(default_factory=list)


def extract_figures(article: Article, *, dates: Sequence[DateMention] = ()) -> tuple[Figure, ...]:
    """Every number written in the title and sentences of `article`, in article order.

    Numbers inside the spans of `dates` (from :func:`briefing.facts.dates.extract_dates`) are
    left out. Never raises on any article.
    """
    figures: list[Figure] = []
    with localcontext() as context:
        context.prec = _PRECISION
        for tokens, found in _scan(article, dates, every_number=False):
            figures.append(_figure(article, tokens, found))
    figures.extend(_bare_percents(article, figures))
    figures.sort(key=lambda f: (f.start, f.end))
    return tuple(figures)


# "a small percent", "the % of increase", "a percentage": a percentage named without its number
# (Microsoft Recognizers-Text reads these as percentages with a null value). Only after a
# determiner, so that "percent" inside running prose about a number is not read twice.
_BARE_PERCENT = re.compile(
    r"(?i)\b(?:an?|the|this|that|what|which|whose|some|any)(?:\s+(?:small|large|big|tiny|huge|"
    r"high|higher|low|lower|certain|given|significant|growing|rising|falling))?\s+"
    r"(?P<word>per\s?cent(?:age)?\b|%)"
)


def _bare_percents(article: Article, figures: Sequence[Figure]) -> list[Figure]:
    taken = [(f.start, f.end) for f in figures]
    out = []
    for start, end in _regions(article):
        for match in _BARE_PERCENT.finditer(article.text, start, end):
            s, e = match.span("word")
            if any(a < e and s < b for a, b in taken):
                continue
            out.append(
                Figure(article.text[s:e], "percent", None, None, None, "%", None, None, s, e, article.sentence_at(s))
            )
    return out


# Digits of decimal arithmetic while reading numbers: a 60-digit number still reads exactly (the
# default 28 cannot take "% 1" of it). A number no arithmetic can hold (thousands of digits, an
# exponent of a billion) is not read as a figure at all (see _read), and values beyond
# _LARGEST have no value (null): a float cannot hold them and JSON must not say "Infinity".
_PRECISION = 400
_LARGEST = Decimal("1e300")


def number_parts(
    article: Article, *, dates: Sequence[DateMention] = (), every_number: bool = False
) -> list[tuple[int, int, int | float]]:
    """(start, end, value) of every number written in the figures: the digits or number words
    without currency, unit, percent sign or qualifier ("$20" -> "20"), and both ends of a range.

    `every_number` also reads the numbers the figures leave out as names or non-amounts (phone
    numbers, times, URLs, "Boeing 737"), as a plain number recognizer does. Ordinals are left out.
    """
    out = []
    with localcontext() as context:
        context.prec = _PRECISION
        for tokens, found in _scan(article, dates, every_number=every_number):
            if found.kind == "ordinal":
                continue
            for first, stop, value in found.parts:
                out.append((tokens[first].start, tokens[stop - 1].end, _number(value)))
    return out


def _scan(article: Article, dates: Sequence[DateMention], *, every_number: bool):
    date_spans = [(d.start, d.end) for d in dates]
    for start, end in _regions(article):
        spans = [(s, e) for s, e in date_spans if s < end and start < e]
        if not every_number:
            spans += [m.span() for p in _MASKS for m in p.finditer(article.text, start, end)]
        tokens = _tokenize(article.text, start, end, sorted(spans))
        tokens.loose = every_number
        for found in _read(tokens, every_number):
            yield tokens, found


def _regions(article: Article) -> Iterator[tuple[int, int]]:
    if article.title is not None:
        yield article.title.start, article.title.end
    for sentence in article.sentences:
        yield sentence.start, sentence.end


def _tokenize(text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> list[_Tok]:
    """Tokens of text[start:end]; those overlapping a span of `blocked` (sorted) are marked."""
    tokens = _Tokens()
    k = 0
    for m in _TOKEN.finditer(text, start, end):
        s, e = m.span()
        while k < len(blocked) and blocked[k][1] <= s:
            k += 1
        hit = k < len(blocked) and blocked[k][0] < e
        kind = m.lastgroup or "sym"
        if kind == "dotted":  # "192.168.1.2": each group a number, the dots symbols
            for part in re.finditer(r"\d+|\.", m.group()):
                ps, pe = s + part.start(), s + part.end()
                tokens.append(_Tok(part.group(), part.group(), "num" if part.group() != "." else "sym", ps, pe, hit))
            continue
        tokens.append(_Tok(m.group(), m.group().lower(), "num" if kind == "num2" else kind, s, e, hit))
    return tokens


def _figure(article: Article, tokens: list[_Tok], found: _Found) -> Figure:
    start, end = tokens[found.first].start, tokens[found.stop - 1].end
    counted = (_counted_amount(tokens, found) if found.kind == "money" else None if found.kind == "quantity"
               else _counted(tokens, found))
    return Figure(
        text=article.text[start:end],
        kind=found.kind,
        value=_number(found.value),
        low=_number(found.low),
        high=_number(found.high),
        unit=found.unit,
        counted=counted,
        qualifier=_qualifier(tokens, found.first, found.stop),
        start=start,
        end=end,
        sentence=article.sentence_at(start),
    )


def _number(value: Decimal | None) -> float | int | None:
    """int when whole (JSON prints 1500000, not 1500000.0), else a float; None when there is no
    value or it is beyond any float (1e300 and more)."""
    if value is None or not value.is_finite() or abs(value) >= _LARGEST:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


# --- the reader --------------------------------------------------------------------------------


def _adjacent(tokens: list[_Tok], i: int) -> bool:
    """True when tokens[i] follows tokens[i - 1] with no space between them."""
    return 0 < i < len(tokens) and tokens[i - 1].end == tokens[i].start


def _at(tokens: list[_Tok], i: int) -> _Tok | None:
    return tokens[i] if 0 <= i < len(tokens) and not tokens[i].blocked else None


def _read(tokens: list[_Tok], every_number: bool = False) -> Iterator[_Found]:
    i = 0
    while i < len(tokens):
        try:
            found = _read_figure(tokens, i, every_number)
        except ArithmeticError:  # decimal: a number too long or too large for any arithmetic
            found = None
        if found is None:
            i += 1
            continue
        if found.kind != "skip":
            yield found
        i = max(found.stop, i + 1)


# Words that can start a figure (besides currency prefixes such as "US" and ISO codes).
_STARTERS = frozenset(
    set(UNITS) | set(TENS) | set(ORDINAL_UNITS) | set(ORDINAL_TENS) | set(ORDINAL_SCALES)
    | set(VULGAR_FRACTIONS) | {"a", "an", "half", "quarter", "between", "minus", "negative", "rs", "hundred",
                               "percent", "percents", "per"}
)


def _read_figure(tokens: list[_Tok], i: int, every_number: bool = False) -> _Found | None:
    """A figure starting at tokens[i] (a currency sign, "between", a minus or the number)."""
    tok = _at(tokens, i)
    if tok is None:
        return None
    if tok.kind == "word" and tok.lower not in _STARTERS and tok.text.upper() not in ISO_CODES and (
        tok.text.upper() + "$" not in CURRENCY_SYMBOLS and tok.lower not in {"u", "rmb"}
        and tok.text not in CURRENCY_SYMBOLS and _mega_code(tok.text) is None
    ):
        return None  # fast path: most words cannot start a figure
    if tok.lower == "between":
        found = _read_figure(tokens, i + 1, every_number)
        if found and found.kind not in {"skip", "range", "ordinal", "fraction"}:
            conj = _at(tokens, found.stop)
            if conj is not None and conj.lower == "and":
                prefix, start2 = _currency_prefix(tokens, found.stop + 1)
                high_number = _read_number(tokens, start2, money=prefix is not None or found.kind == "money")
                if high_number is not None and high_number.kind == "cardinal":
                    high = _with_suffix(tokens, high_number, prefix)
                    rng = _make_range(tokens, found, high, high_number) if high else None
                    if rng is not None:
                        rng.first = i
                        return rng
        return None
    if tok.lower in {"percent", "percents", "per"}:
        return _percent_of(tokens, i)
    currency, j = _currency_prefix(tokens, i)
    negative = False
    if currency is None and tok.text in "-−" and _starts_number(tokens, i + 1) and _adjacent(tokens, i + 1):
        before = tokens[i - 1] if i > 0 else None
        if before is None or (not _adjacent(tokens, i) and before.kind != "num") or before.text in {"<", ">", "=", "≤", "≥"}:
            negative, j = True, i + 1
    elif currency is None and tok.lower in {"minus", "negative"} and _read_number(tokens, i + 1) is not None:
        negative, j = True, i + 1
    number = _read_number(tokens, j, money=currency is not None)
    if number is None:
        return None
    if number.kind == "skip":
        return _Found(i, number.stop, "skip", None)
    if currency is None:
        fraction = _preposition_fraction(tokens, number)
        if fraction is not None:
            number = fraction
    if (not number.digits and number.value == 1 and number.stop == number.first + 1 and not negative
            and tokens[number.first].lower == "one" and _one_is_pronoun(tokens, number.first)):
        return _Found(i, number.stop, "skip", None)
    if currency is None and not negative and not every_number and _is_name(tokens, number):
        return _Found(i, number.stop, "skip", None)
    if negative:
        number.value = -number.value
    found = _with_suffix(tokens, number, currency)
    if found is None:
        return _Found(i, number.stop, "skip", None)
    found.first = i
    found.parts = [(i if negative else number.first, number.stop, number.value)]
    if found.kind in {"cardinal", "percent", "money", "quantity"}:
        rng = _range_after(tokens, found, currency)
        if rng is not None:
            return rng
    return found


# Words after "2 in 10 ..." that make it a count of something else, not a fraction.
_NOT_FRACTION_AFTER = frozenset({
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks",
    "month", "months", "year", "years", "decade", "decades", "century", "centuries", "game",
    "games", "match", "matches", "round", "rounds", "season", "seasons", "race", "races",
    "attempts", "tries", "innings", "overs", "starts", "%", "percent", "per", "-", "/",
})


def _preposition_fraction(tokens: list[_Tok], number: _Number) -> _Number | None:
    """"one over three", "2000 over 3", "one out of three", "1 in twenty-one" (Recognizers-Text's
    FractionPrepositionRegex): whole numbers on both sides; "in" and "out of" only for a share
    (3 in 10, not "12 out of 10"), and
    neither when a unit or a span of time follows ("2 in 10 minutes")."""
    if number.kind != "cardinal" or number.value < 0 or number.value % 1:
        return None
    j = number.stop
    w = _word(tokens, j)
    if w == "over" or w == "in":
        k = j + 1
    elif w == "out" and _word(tokens, j + 1) == "of":
        k = j + 2
    else:
        return None
    den = _read_number(tokens, k)
    if den is None or den.kind != "cardinal" or den.value <= 0 or den.value % 1:
        return None
    if w != "over" and not (number.value < den.value and not number.scaled):
        return None
    after = _at(tokens, den.stop)
    if after is not None and (after.lower in _NOT_FRACTION_AFTER or _unit_at(tokens, den.stop, den.value, attached=False)):
        return None
    return _Number(number.value / den.value, number.first, den.stop, "fraction", number.digits)


def _percent_of(tokens: list[_Tok], i: int) -> _Found | None:
    """"percent of 10", "per cent of twenty-two" (Recognizers-Text's NumberWithPrefixPercentage):
    the share written before its number; not after a determiner ("the percent of 10-year-olds")
    and not when a noun follows the number ("percent of 10 people")."""
    j = i + 2 if tokens[i].lower == "per" and _word(tokens, i + 1) == "cent" else i + 1
    if j == i + 1 and tokens[i].lower == "per" or _word(tokens, j) != "of":
        return None
    prev = _word(tokens, i - 1)
    if prev is not None and (prev in DETERMINERS or prev in {"of", "what", "which", "small", "large"}):
        return None
    number = _read_number(tokens, j + 1)
    if number is None or number.kind != "cardinal":
        return None
    after = _at(tokens, number.stop)
    if after is not None and (after.kind == "word" or after.text in {"-", "%"}):
        return None
    found = _Found(i, number.stop, "percent", number.value, unit="%")
    found.parts = [(number.first, number.stop, number.value)]
    return found


def _starts_number(tokens: list[_Tok], i: int) -> bool:
    tok = _at(tokens, i)
    return tok is not None and tok.kind == "num"


def _currency_prefix(tokens: list[_Tok], i: int) -> tuple[str | None, int]:
    """(ISO code, index of the number) for "$", "US$", "€", "USD", "Rs." before a number."""
    tok = _at(tokens, i)
    if tok is None:
        return None, i
    nxt = _at(tokens, i + 1)
    if nxt is not None and nxt.text == "$" and tok.kind == "word":
        code = CURRENCY_SYMBOLS.get(tok.text.upper() + "$")
        if code is None and tok.text.upper() in ISO_CODES and _adjacent(tokens, i + 1):
            code = tok.text.upper()  # "usd$", "nzd$15"
        prev = _at(tokens, i - 1)
        if len(tok.text) == 1 and (not _adjacent(tokens, i + 1) and (tok.text == "a" or prev is not None and prev.text in {"'", "’"})):
            code = None  # "a $5 fee", "music's $ 500 million man"
        if code is not None:
            return code, i + 2  # "US$", "US $", "hk $"
    if tok.lower == "u" and nxt is not None and nxt.text == "." and _word(tokens, i + 2) == "s":
        k = i + 4 if _word(tokens, i + 3) == "." else i + 3
        if _word(tokens, k) == "$":
            return "USD", k + 1  # "u.s $", "U.S. $"
    mega = _mega_code(tok.text)
    if mega is not None and nxt is not None and nxt.kind == "num":
        return "M" + mega, i + 1  # "MAUD 60": millions
    if tok.text == "Rs" and nxt is not None and nxt.text == "." and _adjacent(tokens, i + 1):
        return "INR", i + 2
    if tok.text in CURRENCY_SYMBOLS and (tok.kind == "sym" or not tok.text.isascii()):
        return CURRENCY_SYMBOLS[tok.text], i + 1
    if tok.text in ISO_CODES or tok.text == "Rs" or tok.text in LOWER_CODES:
        num = _at(tokens, i + 1)
        if num is not None and num.kind == "num":
            return ("INR" if tok.text == "Rs" else "CNY" if tok.lower == "rmb" else tok.text.upper()), i + 1
    return None, i


def _read_number(tokens: list[_Tok], i: int, *, money: bool = False) -> _Number | None:
    tok = _at(tokens, i)
    if tok is None:
        return None
    if tok.kind == "num":
        return _read_digits(tokens, i, money=money)
    if tok.kind == "word" or tok.text in VULGAR_FRACTIONS:
        return _read_words(tokens, i)
    return None


def _digits_value(text: str) -> Decimal:
    """The value of a digit token: "1,200", "12,34,567.89", "1.111,11", "5,00", "1 234", "1.3e6",
    "1.1^23", "6.23x10^-4"."""
    if "^" in text:
        base, _, exp = text.partition("^")
        sign = -1 if exp.count("-") % 2 else 1
        power = int(exp.lstrip("+-")) * sign
        if "x" in base or "×" in base:
            mantissa = Decimal(re.split("[x×]", base)[0])
            return mantissa * Decimal(10) ** power
        return Decimal(repr(float(base) ** power)) if abs(power) < 400 else Decimal(0)
    text = text.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if "," in text:
        head, _, tail = text.rpartition(",")
        if len(tail) < 3 and "." not in tail:  # a decimal comma: "5,00", "1.111,11"
            text = head.replace(".", "").replace(",", "") + "." + tail
        else:
            text = text.replace(",", "")
    return Decimal(text)


def _read_digits(tokens: list[_Tok], i: int, *, money: bool) -> _Number | None:
    """Digits with an optional fraction, ordinal suffix and scale: "1,200", "2 1/2", "9th", "1.5 million"."""
    tok = tokens[i]
    value = _digits_value(tok.text)
    j = i + 1
    if tok.text.startswith(".") and _at(tokens, i - 1) is not None and _adjacent(tokens, i):
        return _Number(value, i, j, "skip", True)  # "v2.5"-like tails
    slash = _at(tokens, j)
    if slash is not None and slash.text == "/" and _adjacent(tokens, j):
        den = _at(tokens, j + 1)
        if den is None or den.kind != "num" or not _adjacent(tokens, j + 1):
            return None
        d = _digits_value(den.text)
        if "," in tok.text or "." in tok.text or not value < d <= 16:
            if getattr(tokens, "loose", False):  # "5/17/2018": the numbers one by one
                return _Number(value, i, j, "cardinal", True)
            return _Number(value, i, j + 2, "skip", True)  # a ratio, score or date: "24/7"
        return _Number(value / d, i, j + 2, "fraction", True)
    nxt = _at(tokens, j)
    kind = "cardinal"
    if nxt is not None and _adjacent(tokens, j):
        if nxt.text in VULGAR_FRACTIONS:
            return _Number(value + VULGAR_FRACTIONS[nxt.text], i, j + 1, "fraction", True)
        if nxt.lower in ORDINAL_SUFFIXES and "." not in tok.text and "," not in tok.text:
            return _Number(value, i, j + 1, "ordinal", True)
    # mixed fraction "2 1/2": the whole part is read here, the fraction joins it.
    frac = _at(tokens, j)
    if frac is not None and frac.kind == "num" and not _adjacent(tokens, j) and "." not in tok.text:
        slash = _at(tokens, j + 1)
        den = _at(tokens, j + 2)
        if (slash is not None and slash.text == "/" and _adjacent(tokens, j + 1) and den is not None
                and den.kind == "num" and _adjacent(tokens, j + 2) and frac.text.isdigit() and den.text.isdigit()):
            n, d = Decimal(frac.text), Decimal(den.text)
            if 1 < d <= 16 and n < d:
                return _Number(value + n / d, i, j + 3, "fraction", True)
    number = _Number(value, i, j, kind, True)
    _apply_scale(tokens, number, money=money)
    return number


def _apply_scale(tokens: list[_Tok], number: _Number, *, money: bool) -> None:
    """Multiply by a following scale word or abbreviation ("million", "bn", "$5m"), then add
    what a scale word leads to ("4 thousand 3 hundred and 21", "3 million and a half")."""
    j = number.stop
    tok = _at(tokens, j)
    if tok is None or tok.kind != "word":
        return
    attached = _adjacent(tokens, j)
    loose = getattr(tokens, "loose", False)
    scale = SCALES.get(tok.lower) or (12 if tok.lower in DOZENS else None)
    if scale is None and tok.lower in SCALE_ABBREVIATIONS and (attached or tok.lower not in {"k", "mil"}):
        scale = SCALE_ABBREVIATIONS[tok.lower]
    if scale is None and tok.text == "MM" and attached:
        scale = 10**6
    if scale is None and attached and tok.text in MONEY_SCALE_ABBREVIATIONS:
        after = _at(tokens, j + 1)
        plural_after = after is not None and after.kind == "word" and _looks_plural(after.lower)
        if money or (tok.text == "m" and plural_after and after.lower not in UNIT_NAMES):
            scale = MONEY_SCALE_ABBREVIATIONS[tok.text]  # "$5m", "5m people"
    if scale is None and loose and tok.text in LETTER_SCALES:
        after = _at(tokens, j + 1) if j + 1 < len(tokens) else None
        if attached or after is None or after.kind != "word":
            scale = LETTER_SCALES[tok.text]  # "10G", "1.2b", "2.33 k"
    if scale is None:
        return
    number.value *= scale
    number.stop = j + 1
    number.scaled = True
    nxt = _at(tokens, j + 1)
    if scale == 100 and nxt is not None and nxt.lower in {"thousand", "million", "billion", "lakh", "crore"}:
        number.value *= SCALES[nxt.lower]  # "5 hundred thousand"
        number.stop = j + 2
        scale = SCALES[nxt.lower]
    elif tok.lower in {"lakh", "lakhs"} and nxt is not None and nxt.lower in {"crore", "crores"}:
        number.value *= 10**7  # "3 lakh crore"
        number.stop = j + 2
    if tok.lower in SCALES:
        _scale_tail(tokens, number, Decimal(scale))


def _scale_tail(tokens: list[_Tok], number: _Number, scale: Decimal) -> None:
    """After a scale word: "and a half" / "and three quarters [million]" (a fraction of the
    scale), "3 hundred", "and 21" (a smaller number that adds to it)."""
    j = number.stop
    has_and = _word(tokens, j) == "and"
    k = j + 1 if has_and else j
    tok = _at(tokens, k)
    if tok is None:
        return
    if has_and and tok.kind == "word":
        atoms = _atoms(tokens, k)
        if atoms and atoms[-1].kind in {"ord", "ords"} and _is_fraction(tokens, atoms):
            numer, den = _simple_fraction(atoms)
            if numer is not None:
                stop = atoms[-1].stop
                mult = SCALES.get(_word(tokens, stop) or "")
                if mult is not None and mult > 100:
                    scale, stop = Decimal(mult), stop + 1
                number.value += numer / den * scale
                number.stop = stop
                return
    if not (has_and or tok.kind == "num"):
        return
    tail = _read_number(tokens, k)
    if tail is None or tail.kind != "cardinal" or tail.value <= 0 or tail.value >= scale:
        return
    if has_and and not (scale == 100 or not tail.digits) or not has_and and not tail.scaled:
        return
    number.value += tail.value
    number.stop = tail.stop


def _word(tokens: list[_Tok], i: int) -> str | None:
    tok = _at(tokens, i)
    return tok.lower if tok is not None and tok.kind in {"word", "sym"} else None


# No number is written with more words than this ("nine hundred and ninety-nine thousand nine
# hundred and ninety-nine" has 12): reading stops there, so that a run of thousands of number words
# ("one hundred and one hundred and ...") costs linear time, not a scan to its end from every word.
_MAX_NUMBER_WORDS = 40


class _Atom(NamedTuple):
    value: Decimal
    kind: str  # int (below 100), hundred, scale, dozen, a, and, ord, ords (a plural ordinal)
    stop: int


_ORDINALS: dict[str, int] = {**ORDINAL_UNITS, **ORDINAL_TENS, **ORDINAL_SCALES, "half": 2, "quarter": 4}
_PLURAL_ORDINALS: dict[str, int] = {w + "s": v for w, v in _ORDINALS.items() if w != "half"}
_PLURAL_ORDINALS["halves"] = 2


def _hyphen_at(tokens: list[_Tok], j: int) -> bool:
    """A hyphen joining two number words: "twenty-five", or spaced on both sides: "fifty - two"."""
    tok = _at(tokens, j)
    if tok is None or tok.text not in {"-", "‐", "–"}:
        return False
    joined = _adjacent(tokens, j), _adjacent(tokens, j + 1)
    return joined == (True, True) or joined == (False, False) and tok.text == "-"


def _atoms(tokens: list[_Tok], i: int) -> list[_Atom]:
    """The number words from tokens[i], up to and including a first ordinal: "one hundred and
    thirty-two fifths" -> one, hundred, and, 32, fifths (a tens-unit compound is one atom)."""
    atoms: list[_Atom] = []
    j = i
    while j < len(tokens) and j - i < _MAX_NUMBER_WORDS:
        w = _word(tokens, j)
        if w is None:
            break
        if w in {"a", "an"}:
            if atoms and atoms[-1].kind != "and":
                break
            atoms.append(_Atom(Decimal(1), "a", j + 1))
            j += 1
            continue
        if w == "and":
            if not atoms or atoms[-1].kind in {"and", "a"}:
                break
            atoms.append(_Atom(Decimal(0), "and", j + 1))
            j += 1
            continue
        if w in {"-", "–", "‐"} and atoms and atoms[-1].kind not in {"and", "a"} and _hyphen_at(tokens, j):
            j += 1  # "one-fifth", "hundred-fifths": a hyphen between number words
            continue
        if w in TENS:
            if _hyphen_at(tokens, j + 1):
                u = _word(tokens, j + 2)
                if u in UNITS and 0 < UNITS[u] < 10:
                    atoms.append(_Atom(Decimal(TENS[w] + UNITS[u]), "int", j + 3))
                    j += 3
                    continue
                if u in ORDINAL_UNITS and ORDINAL_UNITS[u] < 10:
                    atoms.append(_Atom(Decimal(TENS[w] + ORDINAL_UNITS[u]), "ord", j + 3))
                    break
                if u in _PLURAL_ORDINALS and _PLURAL_ORDINALS[u] < 10 and u != "halves":
                    atoms.append(_Atom(Decimal(TENS[w] + _PLURAL_ORDINALS[u]), "ords", j + 3))
                    break
            atoms.append(_Atom(Decimal(TENS[w]), "int", j + 1))
        elif w in UNITS:
            atoms.append(_Atom(Decimal(UNITS[w]), "int", j + 1))
        elif w == "hundred":
            atoms.append(_Atom(Decimal(100), "hundred", j + 1))
        elif w in SCALES:
            atoms.append(_Atom(Decimal(SCALES[w]), "scale", j + 1))
        elif w in DOZENS:
            atoms.append(_Atom(Decimal(12), "dozen", j + 1))
        elif w in _ORDINALS:
            atoms.append(_Atom(Decimal(_ORDINALS[w]), "ord", j + 1))
            break
        elif w in _PLURAL_ORDINALS:
            atoms.append(_Atom(Decimal(_PLURAL_ORDINALS[w]), "ords", j + 1))
            break
        else:
            break
        j += 1
    while atoms and atoms[-1].kind in {"and", "a"}:
        atoms.pop()
    return atoms


def _int_value(atoms: Sequence[_Atom]) -> Decimal:
    """The integer the atoms write: "three hundred and two dozen" -> 324, "three lakh crore"."""
    total = current = group = Decimal(0)
    last_scale = None
    for atom in atoms:
        if atom.kind in {"int", "a"}:
            current += atom.value
            group += atom.value
        elif atom.kind == "hundred":
            current = (current or 1) * 100
            group = Decimal(0)
        elif atom.kind == "dozen":
            current += (group or 1) * 11 if group else 12
            group = Decimal(0)
        elif atom.kind == "scale":
            if last_scale is not None and current == 0 and atom.value > last_scale:
                total *= atom.value  # "lakh crore"
            else:
                total += (current or 1) * atom.value
            last_scale, current, group = atom.value, Decimal(0), Decimal(0)
        elif atom.kind in {"ord", "ords"}:
            if atom.value >= 100 and atom.value % 100 == 0:
                total = (total + (current or 1)) * atom.value
                current = Decimal(0)
            else:
                current += atom.value
    return total + current


def _composable(big: Decimal, small: Decimal) -> bool:
    base = 100 if small >= 10 else 10
    return big % base == 0 and big >= base


def _split_fraction(values: list[Decimal]) -> int:
    """Where the denominator starts in a written fraction (Recognizers-Text's reading): "one
    hundred thirty fifths" = 100/35, "twenty twenty fifths" = 20/25, "one one hundred fifth" = 1/105."""
    n = len(values)
    cur, rnd = values[-1], Decimal(1)
    for k in range(n - 2, -1, -1):
        prev, cur = cur, values[k]
        if (prev >= 100 and prev > cur) or (prev < 100 and _composable(cur, prev)):
            if prev < 100:
                if cur >= rnd:
                    rnd = cur
                else:
                    return k + 1
            if k == 0:
                s = 1
                while s <= n - 2:
                    if values[s] >= 100 and values[s + 1] < 100:
                        return s + 1
                    s += 1
                return n - 1
            continue
        return k + 1
    return 0


def _is_fraction(tokens: list[_Tok], atoms: list[_Atom]) -> bool:
    """True when the atoms (ending in an ordinal) write a fraction: a plural ordinal after a
    number ("three fifths", "twenty-firsts"), or a singular one after "a"/"an"/"one" ("a
    fifth", "one twenty-fifth", "a hundredth"); never "a second", "one first", "a fourth time",
    "one hundred fifth"."""
    last = atoms[-1]
    word = tokens[last.stop - 1].lower
    body = atoms[:-1]
    ands = [n for n, a in enumerate(body) if a.kind == "and"]
    if ands:
        body = body[ands[-1] + 1:]
    if not body:
        return False
    if last.kind == "ords":
        if word in {"firsts", "seconds"} and last.value < 3:
            return body[-1].kind == "int" and body[-1].value % 10 == 0 and body[-1].value >= 20
        return True
    first = body[0]
    if first.kind not in {"a", "int"} or first.value != 1:
        return False
    if first.kind == "int" and tokens[first.stop - 1].lower != "one":
        return False
    if len(body) > 1 and body[1].kind in {"hundred", "scale"}:
        return False  # "one hundred fifth" is an ordinal
    if len(body) == 1 and last.value < 3 and word in {"first", "second"}:
        return False  # "a second term", "one first"
    return not (len(body) == 1 and first.kind == "a" and word == "fourth" and not ands)


def _simple_fraction(atoms: list[_Atom]) -> tuple[Decimal | None, Decimal]:
    """(numerator, denominator) of "a half", "three quarters", "two thirds" (no integer part)."""
    numer = _int_value(atoms[:-1])
    return (numer if numer > 0 else None), atoms[-1].value


def _fraction_words(tokens: list[_Tok], i: int) -> _Number | None:
    """A fraction in words: "three fifths", "a trillionth", "two and fifty-four hundredths",
    "one hundred and three quarters", "two thirds of a million", "one billion and a half million"."""
    atoms = _atoms(tokens, i)
    if len(atoms) < 2 or atoms[-1].kind not in {"ord", "ords"} or not _is_fraction(tokens, atoms):
        return None
    last = atoms[-1]
    stop = last.stop
    ands = [n for n, a in enumerate(atoms) if a.kind == "and"]
    if ands:
        k = ands[-1]
        whole = _int_value(atoms[:k])
        frac = atoms[k + 1:]
        numer, den = _int_value(frac[:-1]), last.value
        scale = atoms[k - 1].value if atoms[k - 1].kind == "scale" else None
        after = _word(tokens, stop)
        if scale is not None and after in SCALES and SCALES[after] > 100:
            scale, stop = Decimal(SCALES[after]), stop + 1  # "one billion and a half million"
        if scale is not None:
            value = whole + numer / den * scale
        else:
            value = whole + numer / den if numer < den else (whole + numer) / den
            if after in SCALES and SCALES[after] > 100:
                scale, stop = Decimal(SCALES[after]), stop + 1  # "five and a half million"
                value *= scale
        return _Number(value, i, stop, "cardinal", False, scaled=scale is not None)
    split = _split_fraction([a.value for a in atoms])
    numer = _int_value(atoms[:split]) if split else Decimal(1)
    den = _int_value(atoms[split:])
    if den == 0:
        return None
    number = _Number(numer / den, i, stop, "fraction", False)
    # "two thirds of a million", "a quarter million"
    k = stop + 1 if _word(tokens, stop) == "of" and _word(tokens, stop + 1) in {"a", "an"} else stop
    if k > stop:
        k += 1
    scale = SCALES.get(_word(tokens, k) or "")
    if scale is not None and scale > 100:
        number.value *= scale
        number.stop, number.kind, number.scaled = k + 1, "cardinal", True
    return number


_NESTING = threading.local()
_MAX_NESTING = 8  # "two million three hundred thousand and five" nests 3 deep


def _read_words(tokens: list[_Tok], i: int) -> _Number | None:
    """Number words: "two", "twenty-five", "one hundred and five", "a million", "two and a half",
    "ninth", "twenty-first", "half", "a third", "two-thirds", "three fifths", "nine point nought
    four"; None when tokens[i] is none of them.

    A scale word reads the smaller number after it (:func:`_scale_tail`), which may end in a
    scale word again: that nesting is bounded, so "one hundred and one hundred and ..." a
    thousand times over never exhausts the stack."""
    depth = getattr(_NESTING, "depth", 0)
    if depth >= _MAX_NESTING:
        return None
    _NESTING.depth = depth + 1
    try:
        return _read_words_at(tokens, i)
    finally:
        _NESTING.depth = depth


def _read_words_at(tokens: list[_Tok], i: int) -> _Number | None:
    first = tokens[i]
    if first.text in VULGAR_FRACTIONS:
        return _Number(VULGAR_FRACTIONS[first.text], i, i + 1, "fraction", False)
    w = first.lower
    if w in _VAGUE_PLURALS:
        return None
    fraction = _fraction_words(tokens, i)
    if fraction is not None:
        return fraction
    j = i
    total = Decimal(0)
    current = Decimal(0)
    group = Decimal(0)  # the units and tens since the last "hundred" or scale
    last: str | None = None  # kind of the last word read: unit, tens, hundred, scale, a
    last_scale = 0
    if w in {"a", "an"} or w == "hundred" and _word(tokens, i + 1) in SCALES:
        nxt = _word(tokens, i + 1)
        if w == "hundred":
            current, last = Decimal(1), "a"  # "hundred thousand dollars"
        else:
            if nxt not in SCALES and nxt not in DENOMINATORS and nxt != "dozen":
                return None
            if nxt in {"second", "fourth", "fourths"}:
                return None
            current, last, j = Decimal(1), "a", i + 1
    if w in {"half", "quarter"} and last is None:
        # "half a million", "quarter million": a fraction of a scale word
        k = i + 2 if _word(tokens, i + 1) in {"a", "an"} else i + 1
        scale = _word(tokens, k)
        if scale in SCALES or scale == "dozen":
            value = Decimal(SCALES.get(scale, 12)) / (2 if w == "half" else 4)
            return _Number(value, i, k + 1, "cardinal", False, scaled=True)
        prev = _word(tokens, i - 1)
        if w == "quarter" or prev in _HALF_NOT_FRACTION_BEFORE:
            return None
        return _Number(Decimal("0.5"), i, i + 1, "fraction", False)
    while j < len(tokens) and j - i < _MAX_NUMBER_WORDS:
        w = _word(tokens, j)
        if w is None:
            break
        if w in {"-", "–"}:
            # hyphen inside a number: "twenty-five", "twenty-first", "fifty - two"
            if last == "tens" and _hyphen_at(tokens, j):
                nxt = _word(tokens, j + 1)
                if nxt in UNITS and 0 < UNITS[nxt] < 10 or nxt in ORDINAL_UNITS:
                    j += 1
                    continue
            break
        if w in UNITS and last in {None, "tens", "hundred", "scale", "and"}:
            if last == "tens" and not 0 < UNITS[w] < 10:
                break
            current += UNITS[w]
            group += UNITS[w]
            last = "unit"
        elif w in TENS and last in {None, "hundred", "scale", "and"}:
            current += TENS[w]
            group += TENS[w]
            last = "tens"
        elif w == "hundred" and last in {"unit", "tens", "a"}:
            current = (current or 1) * 100
            group = Decimal(0)
            last = "hundred"
        elif w in SCALES and last in {"unit", "tens", "hundred", "a"}:
            total += (current or 1) * SCALES[w]
            current = group = Decimal(0)
            last, last_scale = "scale", SCALES[w]
        elif w in SCALES and last == "scale" and SCALES[w] > last_scale and w.startswith("crore"):
            total *= SCALES[w]  # "three lakh crore"
            last_scale = SCALES[w]
        elif w in DOZENS and last in {"unit", "tens", "a"}:
            current = 12 if last == "a" else current - group + (group or 1) * 12  # "three hundred and two dozen" = 324
            group = Decimal(0)
            last = "hundred"
        elif w == "and" and last in {"hundred", "scale"} and (
            _word(tokens, j + 1) in UNITS or _word(tokens, j + 1) in TENS
        ):
            last = "and"
        elif w == "and" and last in {"tens"} and _word(tokens, j + 1) in UNITS and 0 < UNITS[_word(tokens, j + 1)] < 10:
            last = "and"  # "twenty and three"
        elif (w in ORDINAL_UNITS or w in ORDINAL_TENS or w in ORDINAL_SCALES) and last in {None, "tens", "hundred", "scale", "and"}:
            if last is None and _word(tokens, j - 1) in _NOT_ORDINAL_BEFORE.get(w, ()):
                return None
            if w in ORDINAL_SCALES:
                value = (total + (current or 1)) * ORDINAL_SCALES[w]
            else:
                value = total + current + ORDINAL_UNITS.get(w, ORDINAL_TENS.get(w, 0))
            return _Number(value, i, j + 1, "ordinal", False)
        else:
            break
        j += 1
    if last in {None, "a", "and"}:
        return None
    number = _Number(total + current, i, j, "cardinal", False, scaled=last == "scale")
    if last in {"unit", "tens", "hundred"}:
        _point_decimals(tokens, number)
    if last == "scale":
        _scale_tail(tokens, number, Decimal(last_scale))
    if last in {"unit", "tens", "hundred"} and total == 0:
        _apply_scale(tokens, number, money=False)
    return number


def _point_decimals(tokens: list[_Tok], number: _Number) -> None:
    """"two hundred point zero three", "nine point nought four", "nought point eleven"."""
    j = number.stop
    if _word(tokens, j) != "point" or _word(tokens, number.first - 1) == "at":
        return  # "at one point, ..."
    digits = ""
    k = j + 1
    while True:
        w = _word(tokens, k)
        if w in UNITS:
            digits += str(UNITS[w])
            k += 1
        elif w in TENS:
            value = TENS[w]
            k += 1
            if _hyphen_at(tokens, k) and _word(tokens, k + 1) in UNITS and 0 < UNITS[_word(tokens, k + 1)] < 10:
                value += UNITS[_word(tokens, k + 1)]
                k += 2
            digits += str(value)
        else:
            break
    if digits:
        number.value += Decimal("0." + digits)
        number.stop = k


def _is_name(tokens: list[_Tok], number: _Number) -> bool:
    """True for numbers that belong to a name: "G7", "F-16", "COVID-19", "Boeing 737", "4G"."""
    if not number.digits:
        return False
    first = tokens[number.first]
    prev = _at(tokens, number.first - 1)
    if prev is not None and _adjacent(tokens, number.first):
        if prev.kind == "word":
            return True  # "G7", "A320", "MH17"
        if prev.text == "-":
            word = _at(tokens, number.first - 2)
            if word is not None and word.kind == "word" and _adjacent(tokens, number.first - 1) and (
                any(c.isupper() for c in word.text) or word.lower == "covid"
            ):
                return True  # "F-16", "COVID-19", "Su-35"
    after = _at(tokens, number.stop)
    if after is not None and after.kind == "word" and _adjacent(tokens, number.stop):
        if not (_unit_at(tokens, number.stop, number.value, attached=True) or after.text in ISO_CODES
                or after.text in CURRENCY_SYMBOLS or after.lower in CURRENCY_WORDS or _mega_code(after.text)):
            return True  # "4G", "3D" (not "115USD", "100元")
    if (prev is not None and prev.kind == "word" and prev.text[:1].isupper() and number.kind == "cardinal"
            and not number.scaled and first.text.isdigit() and not _is_plain_word(prev.lower)
            and not prev.lower.endswith(("'s", "’s")) and prev.text not in ISO_CODES):
        nxt = _at(tokens, number.stop)
        if nxt is None or nxt.lower not in PERCENT_WORDS and not _unit_at(tokens, number.stop, number.value, attached=False):
            return True  # "Boeing 737", "Article 5", "Windows 10"
    return False


_MONTH_AND_DAY_NAMES = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
})


def _is_plain_word(lower: str) -> bool:
    """A capitalised word before a number that does not name it ("Some 12", "Nearly 200")."""
    return (lower in NP_STOP or lower in _QUALIFIER_SET or lower in _MONTH_AND_DAY_NAMES
            or lower in ONE_PRONOUN_BEFORE or lower.endswith(("ly", "ed")))


def _unit_at(tokens: list[_Tok], j: int, value: Decimal, *, attached: bool) -> tuple[str, int] | None:
    """(unit, stop) for a unit written at tokens[j]: "km", "°C", "square miles", "mph"."""
    tok = _at(tokens, j)
    if tok is None:
        return None
    best: tuple[str, int] | None = None
    text = ""
    for k in range(j, min(j + 4, len(tokens))):
        t = _at(tokens, k)
        if t is None:
            break
        text += ("" if k == j or _adjacent(tokens, k) else " ") + t.text
        low = text.lower()
        unit = UNIT_SYMBOLS.get(text) or UNIT_NAMES.get(low)
        if unit is None and attached and k == j:
            unit = ATTACHED_ONLY_SYMBOLS.get(text)
        if unit is not None:
            best = (unit, k + 1)
    return best


def _with_suffix(tokens: list[_Tok], number: _Number, currency: str | None) -> _Found | None:
    """The number with what follows it: percent sign or word, currency word or unit."""
    j = number.stop
    found = _Found(number.first, j, number.kind, number.value)
    if number.kind == "ordinal":
        return found
    tok = _at(tokens, j)
    if currency is not None:
        if len(currency) == 4 and currency[0] == "M":
            currency, found.value = currency[1:], found.value * 10**6  # "MAUD 60"
        found.kind, found.unit = "money", currency
        code = CURRENCY_WORDS.get(_word(tokens, j) or "")
        if code == currency and not (tok.lower in CURRENCY_WORDS_AFTER_SCALE_ONLY and not number.scaled):
            found.stop = j + 1  # "$ 10 dollars"
        return _money_tail(tokens, found, number)
    if tok is None:
        return found
    attached = _adjacent(tokens, j)
    if tok.text == "-" and attached and _adjacent(tokens, j + 1) and (
            _word(tokens, j + 1) in CURRENCY_WORDS or _word(tokens, j + 1) in SUBUNITS):
        j += 1  # "one-yen bid", "a 12-cent dividend"
        tok = tokens[j]
    mega = _mega_code(tok.text)
    if mega is not None:
        found.kind, found.unit, found.stop, found.value = "money", mega, j + 1, found.value * 10**6
        return found  # "30 MUSD"
    phrases = []  # ("per cent", 2): the next one to three words, longest first
    text = ""
    for k in range(j, min(j + 3, len(tokens))):
        if tokens[k].blocked:
            break
        text = (text + " " + tokens[k].lower).strip()
        phrases.insert(0, (text, k - j + 1))
    for text, width in phrases:
        if text in PERCENT_WORDS:
            found.kind, found.unit, found.stop = "percent", PERCENT_WORDS[text], j + width
            return found
        code = CURRENCY_WORDS.get(text)
        if code is not None and (text not in CURRENCY_WORDS_AFTER_SCALE_ONLY or number.scaled):
            found.kind, found.unit, found.stop = "money", code, j + width
            return _money_tail(tokens, found, number)
    if tok.lower in SUBUNITS and not number.scaled:
        code, per = SUBUNITS[tok.lower]
        found.kind, found.unit, found.stop = "money", code, j + 1
        found.value = number.value / per
        return found
    if tok.text in ISO_CODES:
        found.kind, found.unit, found.stop = "money", tok.text, j + 1
        return _money_tail(tokens, found, number)
    if (tok.text in CURRENCY_SYMBOLS and tok.text != "$" and (tok.kind == "sym" or not tok.text.isascii())
            or tok.text == "$" and (_at(tokens, j + 1) is None or _at(tokens, j + 1).kind != "num")):
        found.kind, found.unit, found.stop = "money", CURRENCY_SYMBOLS[tok.text], j + 1
        return found  # "10 €", "5 $", "100元"
    # "3-inch", "10-km": a unit joined by a hyphen
    hyphen = tok.text == "-" and attached and _adjacent(tokens, j + 1)
    unit = _unit_at(tokens, j + 1 if hyphen else j, number.value, attached=attached and not hyphen)
    if unit is not None and number.kind in {"cardinal", "fraction"}:
        found.kind, found.unit, found.stop = "quantity", unit[0], unit[1]
        if unit[0] == "s" or unit[0] == "h":
            return None  # "5s", "24h": durations written as symbols are not read
        return found
    return found


_AFTER_CENTS = frozenset({"and", "more", "each", "only", "extra", "apiece"})


def _money_tail(tokens: list[_Tok], found: _Found, number: _Number) -> _Found:
    """What may follow an amount: a scale after the code ("75 USD million"), and the hundredths
    of a currency counted in cents ("3 dollars 50 cents", "thirteen dollars and forty-five",
    "15 USD 50"); never "between $20 and 30" (a range) nor "$20 and 30 people"."""
    j = found.stop
    w = _word(tokens, j)
    if w in SCALES and SCALES[w] >= 1000 and not number.scaled and tokens[j - 1].kind == "word":
        found.value *= SCALES[w]  # "75 USD million"
        found.stop = j + 1
        return found
    if found.unit not in HUNDREDTHS or number.scaled or found.value is None or found.value % 1 or found.value <= 0:
        return found
    if "between" in {_word(tokens, number.first - 1), _word(tokens, number.first - 2)}:
        return found
    k = j + 1 if w == "and" else j
    tok = _at(tokens, k)
    if tok is None or not (tok.kind == "num" and tok.text.isdigit() or tok.lower in UNITS or tok.lower in TENS):
        return found
    cents = _read_number(tokens, k)
    if cents is None or cents.kind != "cardinal" or cents.scaled or cents.value % 1 or not 0 < cents.value < 100:
        return found
    after = _at(tokens, cents.stop)
    stop = cents.stop
    if after is not None and after.lower in SUBUNIT_WORDS:
        stop += 1
    elif after is not None and not (after.kind == "sym" and after.text in ".,;:!?)" or after.lower in _AFTER_CENTS):
        return found
    found.value += cents.value / 100
    found.stop = stop
    return found


def _range_after(tokens: list[_Tok], low: _Found, currency: str | None) -> _Found | None:
    """"10-15", "10 to 15 people", "$5-6 million", "10-15%": low and high of one range."""
    j = low.stop
    conj = _at(tokens, j)
    if conj is None or conj.lower not in {"-", "–", "—", "~", "to", "through"}:
        return None
    if conj.text == "to":
        before = _at(tokens, low.first - 1)
        if before is not None and before.lower == "from":
            return None  # "from 5 to 10" reports a change
    if conj.text == "-" and not (_adjacent(tokens, j) and _adjacent(tokens, j + 1)):
        spaced = not _adjacent(tokens, j) and not _adjacent(tokens, j + 1)
        if not spaced:
            return None
    start2 = j + 1
    prefix, start2 = _currency_prefix(tokens, start2)
    high_number = _read_number(tokens, start2, money=currency is not None or prefix is not None)
    if high_number is None or high_number.kind != "cardinal":
        return None
    high = _with_suffix(tokens, high_number, currency or prefix)
    if high is None:
        return None
    return _make_range(tokens, low, high, high_number)


def _make_range(tokens: list[_Tok], low: _Found, high: _Found, high_number: _Number) -> _Found | None:
    """One range figure from its two ends, or None when they do not make one (3-1, 2 to 1)."""
    if high.kind not in {"cardinal", low.kind} and low.kind != "cardinal":
        return None
    lo, hi = low.value, high.value
    if lo is None or hi is None:
        return None
    scale = _scale_of(high_number) if high_number.scaled else Decimal(1)
    if scale > 1 and lo < high_number.value / scale and not _scaled_low(tokens, low):
        lo *= scale  # "5-6 million": the scale applies to both ends
    if not lo < hi:
        return None
    kind = high.kind if low.kind == "cardinal" else low.kind
    unit = low.unit or high.unit
    if kind == "money" and low.kind == "money" and high.kind == "money" and low.unit != high.unit:
        return None
    rng = _Found(low.first, high.stop, "range", None, lo, hi, unit)
    rng.parts = low.parts + [(high_number.first, high_number.stop, high_number.value)]
    return rng


def _scale_of(number: _Number) -> Decimal:
    for scale in (10**12, 10**9, 10**6, 10**3, 100):
        if number.value >= scale and number.value % scale == 0:
            return Decimal(scale)
    return Decimal(1)


def _scaled_low(tokens: list[_Tok], low: _Found) -> bool:
    return any(tokens[k].lower in SCALES or tokens[k].lower in SCALE_ABBREVIATIONS
               for k in range(low.first, low.stop))


# --- words around ------------------------------------------------------------------------------


def _qualifier(tokens: list[_Tok], first: int, stop: int | None = None) -> str | None:
    """The hedge or bound of the figure tokens[first:stop], lower-cased: written before it ("at
    least", "some", "equal to", ">="), after it ("or more", "and above"), or both ("more than
    5000 or equal to" -> "more than or equal to"); None when there is none."""
    words: list[str] = []
    k = first - 1
    while k >= 0 and len(words) < 5 and tokens[k].kind == "word":
        words.insert(0, tokens[k].lower)
        k -= 1
    before = None
    for qualifier, parts in _QUALIFIERS_BY_LAST.get(words[-1], ()) if words else ():
        if len(parts) <= len(words) and words[-len(parts):] == parts:
            before = qualifier
            break
    if before is None and not words and first > 0 and tokens[first - 1].kind == "sym":
        sym = tokens[first - 1].text
        k = first - 2
        if sym == "=" and k >= 0 and tokens[k].text in {"<", ">"}:
            sym, k = tokens[k].text + sym, k - 1  # ">=", "< ="
        if not (k >= 0 and tokens[k].text in {"<", ">", "="} and _adjacent(tokens, k + 1)):
            before = SYMBOL_QUALIFIERS.get(sym)  # not "<>30", "=>30"
    after = _trailing_qualifier(tokens, stop) if stop is not None else None
    if after is None or after == "or so":
        return before if after is None else before or "about"
    if after.startswith(("or equal", "and equal")):
        if before in _BOUNDS_BELOW or before in _BOUNDS_ABOVE or before == "at least":
            return before + " or equal to"
        return before
    if before in {"equal to", "equals", "equals to"}:
        return "equal to " + after + ("" if after.endswith("than") else " than")
    if before is not None and before not in _HEDGES:
        return before
    return after


_QUALIFIERS_BY_LAST: dict[str, list[tuple[str, list[str]]]] = {}
for _q in QUALIFIERS:  # longest first, as QUALIFIERS is
    _QUALIFIERS_BY_LAST.setdefault(_q.split()[-1], []).append((_q, _q.split()))

_HEDGES = frozenset({"about", "around", "roughly", "approximately", "some", "nearly", "almost",
                     "an estimated", "estimated", "close to", "just", "only"})


def _trailing_qualifier(tokens: list[_Tok], stop: int) -> str | None:
    """"or more", "and above", "or equal to" right after tokens[:stop] (the bound of the figure,
    not the start of another: "5000 or less than 6000" has none)."""
    words: list[str] = []
    k = stop
    while k < len(tokens) and len(words) < 3 and tokens[k].kind == "word" and not tokens[k].blocked:
        words.append(tokens[k].lower)
        k += 1
    if not words or words[0] not in {"or", "and"}:
        return None
    for qualifier in TRAILING_QUALIFIERS:
        parts = qualifier.split()
        if words[: len(parts)] == parts:
            k = stop + len(parts)
            if _word(tokens, k) in {"than", "to"}:
                k += 1
            if _at(tokens, k) is not None and _read_number(tokens, k) is not None:
                return None  # "5000 or less than 6000": the bound of another figure
            return qualifier
    return None


def _counted(tokens: list[_Tok], found: _Found) -> str | None:
    """The noun phrase the figure counts: "civilians", "observation points"; None if none."""
    j = found.stop
    nxt = _at(tokens, j)
    if nxt is not None and nxt.text == "-" and _adjacent(tokens, j) and _adjacent(tokens, j + 1):
        word = _at(tokens, j + 1)  # "10-day", "12-year-old"
        return word.text if word is not None and word.kind == "word" else None
    if nxt is not None and nxt.lower == "of":
        j += 1
        nxt = _at(tokens, j)
        if nxt is not None and nxt.lower in PRONOUNS:
            return None
        while nxt is not None and nxt.lower in DETERMINERS:
            j += 1
            nxt = _at(tokens, j)
    elif found.kind == "fraction":
        while nxt is not None and nxt.lower in DETERMINERS:
            j += 1
            nxt = _at(tokens, j)
    elif found.kind == "percent":
        # "24% higher", "10 percent cheaper": the comparison the share measures
        if nxt is not None and nxt.kind == "word" and (nxt.lower in _COMPARATIVES or (
                nxt.lower.endswith("er") and nxt.lower[:-2] + "est" not in NP_STOP
                and nxt.lower not in NP_STOP and len(nxt.lower) > 4 and nxt.lower in _COMPARATIVE_ER)):
            return nxt.text
        return None
    words: list[tuple[int, int]] = []  # (start token, stop token) of each word, hyphen-joined
    k = j
    while len(words) < 5:
        tok = _at(tokens, k)
        if tok is None or tok.kind != "word" or tok.lower in NP_STOP or tok.lower in UNITS:
            break
        if tok.lower.endswith("ly") and len(tok.lower) > 4:
            break
        stop = k + 1
        while (stop + 1 < len(tokens) and tokens[stop].text == "-" and _adjacent(tokens, stop)
               and _adjacent(tokens, stop + 1) and tokens[stop + 1].kind == "word"):
            stop += 2
        words.append((k, stop))
        k = stop
    if not words:
        return None
    value = found.high if found.kind == "range" else found.value
    if found.kind != "ordinal" and value is not None and value != 1:
        for n, (s, e) in enumerate(words):
            if _looks_plural(tokens[e - 1].lower):
                words = words[: n + 1]
                break
        else:
            if found.kind not in {"fraction", "percent"}:
                return None  # "10 died": no plural noun, so nothing counted
    elif len(words) > 3:
        words = words[:3]
    # Only the phrase's own tokens (in text order): never a pass over the whole sentence per figure.
    first, stop = words[0][0], words[-1][1]
    return "".join(tokens[i].text if i == first or tokens[i - 1].end == tokens[i].start else " " + tokens[i].text
                   for i in range(first, stop))


_COMPARATIVES = frozenset({"more", "less", "fewer", "higher", "lower", "greater", "smaller", "bigger",
                           "larger", "cheaper", "faster", "slower", "longer", "shorter", "better", "worse",
                           "stronger", "weaker", "above", "below", "up", "down"})
_COMPARATIVE_ER = _COMPARATIVES


def _counted_amount(tokens: list[_Tok], found: _Found) -> str | None:
    """What an amount of money (or a quantity) pays for or measures: "$4.2bn of debt", "a 4.2
    million dollar budget", "a $300m contract"; None when the sentence does not say."""
    nxt = _at(tokens, found.stop)
    if nxt is None:
        return None
    if nxt.lower == "of":
        after = _at(tokens, found.stop + 1)
        if after is None or after.lower in PRONOUNS:
            return None
        return _noun_phrase(tokens, found.stop + 1)
    before = _at(tokens, found.first - 1)
    if before is not None and before.lower in {"a", "an", "the", "its", "their", "his", "her", "our"}:
        return _noun_phrase(tokens, found.stop)  # attributive: "a 4.2 million dollar budget"
    return None


def _noun_phrase(tokens: list[_Tok], j: int) -> str | None:
    """Up to three words from tokens[j] that may be a noun phrase (determiners skipped)."""
    while _at(tokens, j) is not None and tokens[j].lower in DETERMINERS:
        j += 1
    words = []
    k = j
    while len(words) < 3:
        tok = _at(tokens, k)
        if tok is None or tok.kind != "word" or tok.lower in NP_STOP or tok.lower in UNITS:
            break
        if tok.lower.endswith("ly") and len(tok.lower) > 4:
            break
        words.append(tok)
        k += 1
        if _looks_plural(tok.lower):
            break
    if not words:
        return None
    return " ".join(t.text for t in words) if all(
        words[n].end < words[n + 1].start for n in range(len(words) - 1)) else None


def _looks_plural(word: str) -> bool:
    if word in IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s"))


def _one_is_pronoun(tokens: list[_Tok], i: int) -> bool:
    """"one of the", "no one", "the one", "one another", "this one": "one" stands for a noun."""
    prev = _word(tokens, i - 1)
    nxt = _at(tokens, i + 1)
    if prev in ONE_PRONOUN_BEFORE:
        return True
    if nxt is not None and nxt.text == "-" and (_word(tokens, i + 2) in CURRENCY_WORDS or _word(tokens, i + 2) in SUBUNITS):
        return False  # "a one-yen bid"
    if nxt is None or nxt.kind != "word" or nxt.lower in ONE_PRONOUN_AFTER:
        return True
    return nxt.lower.endswith(("'s", "’s"))
