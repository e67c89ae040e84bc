"""Figures and dates against public test vectors: pass rate per spec file (issue 5 protocol).

Data: Microsoft Recognizers-Text English specs (``recognizers/``) and quantulum3's test sentences
(``quantities/``), under ``shared/data`` beside the repository, or under $BRIEFING_DATA. When the
data is absent the script says so and exits 0.

Protocol. A case passes when the *set* of items briefing extracts from its ``Input`` for that
spec's kind equals the expected set, comparing (start, end) offsets (the specs' ``End`` is
inclusive; extractor files give ``Start`` and ``Length``) and, for model files, the resolved value
(numbers as numbers within 1e-6 relative; currency value and ISO code; ranges their two bounds and
whether each is inclusive). Every case is counted; the pass rate on the cases whose
``NotSupported`` does not name python is reported beside it. The input is segmented as any article
(``segment(text, detect_title=False)``), exactly as the CLI does.

Adapters (how briefing's output, whose semantics are OUTPUT.md's, is read as each spec's kind;
nothing here finds numbers or dates, it only maps what ``figures.py`` / ``dates.py`` found):

* NumberModel: every *number part* of every figure, from ``figures.number_parts`` (the digits or
  number words of a cardinal, fraction, percent, money or quantity figure, and each end of a
  range), read with ``every_number=True``: the spec counts numbers inside dates, times, phone
  numbers and names ("SCP-173", "5/17/2018"), which the CLI leaves out. Ordinals are not numbers
  there. A number written against a letter that is not a scale ("180ml", "29km") is no number for
  the spec (its word-boundary rule), so such parts are dropped.
* PercentModel: figures of kind ``percent`` with unit ``%``; value the number (null for a
  percentage named without one, "a small percent", as the spec resolves it).
* CurrencyModel: figures of kind ``money``: (value, ISO code). The spec's unit is mapped to a code:
  ``isoCurrency`` when given; a bare "Dollar" is USD and "Pound" GBP (as the CLI reads "$" and
  "£"); sub-units are brought to their main unit as the CLI does ("50 cents" = 0.5 USD, "470 pence"
  = 4.7 GBP); "Franc" accepts any franc code; the old European currencies the spec names take
  their former ISO codes (Finnish markka FIM, peseta ESP, Netherlands guilder NLG) and Bitcoin the
  usual BTC; units with no code in the CLI (satoshi, sen) are compared by value with the spec's
  unit name lower-cased. Mentions of a currency with no amount ("the dollar") have no value in
  the spec and are no figure in the CLI, so such cases fail.
* NumberRangeModel: figures of kind ``range`` -> ``[low,high)`` (the spec's convention for "a to
  b", "between a and b", "a-b"); a figure with a bounding qualifier -> a one-sided range whose
  span starts at the qualifier ("more than 415" -> ``(415,)``, "at least" -> ``[x,)``, "up to" ->
  ``(,x]``, "less than" -> ``(,x)``, "or more" after the number -> ``[x,)``, "equal to" ->
  ``[x,x]``); a lower-bounded figure and an upper-bounded one joined by "and"/"but"/"," -> one
  two-sided range ("more than 10 and less than 40" -> ``(10,40)``); two figures written
  "from a to b" (the CLI reports a change as its two ends) -> ``[a,b)`` from "from".
* DateExtractor / DatePeriodExtractor: the spans of ``extract_dates``, resolved against the case's
  ``ReferenceDateTime`` when it gives one, else 2016-11-07 (the specs' usual one), so that every
  mention has a value (and "this friday june twenty three" can be checked as in the spec); a mention
  whose value is one day (``2016-11-04``, ``--05-20``) is a *date*, any other (month, week, year,
  season, interval, decade) a *daterange*, and so is a day with an open-ended modifier ("since",
  "until", "before", "after": "more than 2 weeks before today"), which Recognizers-Text reports as
  a date range with a ``Mod``.

Also measured: the time figures + dates take on a 700-word news article (mean of 50 runs).

Usage: python benchmarks/figures_dates.py [--failures N] [--file SUBSTRING]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.facts.dates import extract_dates  # noqa: E402
from briefing.facts.figures import QUALIFIERS, TRAILING_QUALIFIERS, extract_figures, number_parts  # noqa: E402
from briefing.text.segment import segment  # noqa: E402

REFERENCE = dt.date(2016, 11, 7)
GOALS = {
    "Number/English/NumberModel.json": 92,
    "Number/English/PercentModel.json": 90,
    "NumberWithUnit/English/CurrencyModel.json": 80,
    "Number/English/NumberRangeModel.json": 70,
    "DateTime/English/DateExtractor.json": 90,
    "DateTime/English/DatePeriodExtractor.json": 88,
}


def data_dir() -> Path:
    env = os.environ.get("BRIEFING_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _same(a: object, b: object) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(b, frozenset):
        return any(_same(a, x) for x in b)
    return a == b


def _equal_sets(expected: list[tuple], ours: list[tuple]) -> bool:
    """Same items, as sets: spans equal and values the same."""
    exp = list(dict.fromkeys(expected))
    got = list(dict.fromkeys(ours))
    if len(exp) != len(got):
        return False
    left = list(got)
    for e in exp:
        for k, o in enumerate(left):
            if e[0] == o[0] and e[1] == o[1] and _same(o[2], e[2]):
                del left[k]
                break
        else:
            return False
    return True


def _float(text: str | None) -> float | None:
    try:
        return float(str(text).rstrip("%").replace(",", ""))
    except (TypeError, ValueError):
        return None


def _article(text: str):
    return segment(text, detect_title=False)


# --- adapters: our items for each spec kind -----------------------------------------------------

_LETTER_AFTER = re.compile(r"[^\W\d_]")


def ours_numbers(text: str) -> list[tuple]:
    out = []
    for start, end, value in number_parts(_article(text), every_number=True):
        if end < len(text) and _LETTER_AFTER.match(text[end]) and text[end - 1].isdigit():
            continue  # "180ml", "29km": not a number for the spec
        out.append((start, end, float(value)))
    return out


def _figures(text: str):
    article = _article(text)
    return article, extract_figures(article, dates=extract_dates(article))


def ours_percent(text: str) -> list[tuple]:
    _, figures = _figures(text)
    return [(f.start, f.end, None if f.value is None else float(f.value)) for f in figures
            if f.kind == "percent" and f.unit == "%"]


def ours_money(text: str) -> list[tuple]:
    _, figures = _figures(text)
    return [(f.start, f.end, (float(f.value), f.unit)) for f in figures
            if f.kind == "money" and f.value is not None]


_LOWER_OPEN = {"more than", "over", "above", "greater than", "higher than", "larger than", "bigger than",
               "exceeding", "exceeds", "exceeded", "exceed", "surpassing", "surpasses", "surpassed", "surpass",
               "in excess of", "upwards of", ">", "just over", "well over"}
_LOWER_CLOSED = {"at least", "no less than", "no fewer than", "not less than", "a minimum of", "minimum",
                 "or more", "and more", "or greater", "or above", "or higher", "or over", "and above", "and over",
                 "or more than", "or greater than", "or higher than", "greater than or equal to",
                 "more than or equal to", "equal to or more than", "equal to or greater than",
                 "equal to or higher than", "higher or equal than", "bigger or equal than", "larger or equal than",
                 "greater or equal than", "more or equal than", "at least or equal to", ">="}
_UPPER_OPEN = {"less than", "fewer than", "below", "under", "lower than", "smaller than", "<", "just under",
               "well under"}
_UPPER_CLOSED = {"up to", "at most", "no more than", "not more than", "a maximum of", "maximum", "as many as",
                 "or less", "or fewer", "or below", "or lower", "or under", "and below", "and under",
                 "or less than", "or fewer than", "or lower than", "less than or equal to", "fewer than or equal to",
                 "equal to or less than", "equal to or fewer than", "equal to or lower than", "smaller or equal than",
                 "lower or equal than", "less or equal than", "at most or equal to", "<="}
_EXACT = {"equal to", "equals", "equals to", "equaling to", "equalling to", "equaling", "equalling"}
for _q in list(_LOWER_OPEN):  # "more than 5000 or equal to"
    _LOWER_CLOSED.add(_q + " or equal to")
for _q in list(_UPPER_OPEN):
    _UPPER_CLOSED.add(_q + " or equal to")
_LOWER_BOUND = {**{q: "(" for q in _LOWER_OPEN}, **{q: "[" for q in _LOWER_CLOSED}}
_UPPER_BOUND = {**{q: ")" for q in _UPPER_OPEN}, **{q: "]" for q in _UPPER_CLOSED}}
_BEFORE = re.compile(r"(?:(?:^|(?<=\W))(?:" + "|".join(
    re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")|<\s*=|>\s*=|[<>≤≥])\s*$", re.IGNORECASE)
_AFTER = re.compile(r"\s*(" + "|".join(
    re.escape(q) for q in sorted(TRAILING_QUALIFIERS, key=len, reverse=True)) + r")(?!\w)", re.IGNORECASE)


def _qualifier_span(text: str, f) -> tuple[int, int]:
    """Where the figure's qualifier is written: before it, after it ("or more"), or both."""
    q = f.qualifier
    start, end = f.start, f.end
    m = _BEFORE.search(text[: f.start])
    written = m.group().strip().lower() if m else None
    before = re.sub(r"\s+", "", written) if m and written[0] in "<>≤≥" else written
    if m and (q.startswith(before) or q == {"≤": "<=", "≥": ">="}.get(before)):
        start = m.start()
    if before is None or q != before and not (start == f.start and q in {"<=", ">="}):
        a = _AFTER.match(text, f.end)
        if a and (start == f.start or not q.endswith(before)):
            end = a.end()
    return start, end


def ours_ranges(text: str) -> list[tuple]:
    """Range figures, bounded figures and joined pairs in the spec's interval notation."""
    article, figures = _figures(text)
    items: list[list] = []  # [start, end, low, high, left bracket, right bracket]
    for f in figures:
        if f.kind == "range":
            items.append([f.start, f.end, float(f.low), float(f.high), "[", ")", f])
            continue
        if f.value is None or f.kind == "ordinal" and f.qualifier is None:
            items.append([f.start, f.end, None, None, None, None, f])
            continue
        q = f.qualifier
        start, end = _qualifier_span(text, f) if q else (f.start, f.end)
        value = float(f.value)
        if q in _LOWER_BOUND:
            items.append([start, end, value, None, _LOWER_BOUND[q], ")", f])
        elif q in _UPPER_BOUND:
            items.append([start, end, None, value, "(", _UPPER_BOUND[q], f])
        elif q in _EXACT:
            items.append([start, end, value, value, "[", "]", f])
        else:
            items.append([f.start, f.end, None, None, None, None, f])
    merged: list[list] = []
    for item in items:
        if merged:
            prev = merged[-1]
            gap = text[prev[1]: item[0]].strip().lower()
            pf = prev[6]
            # "more than 10 and less than 40": a lower bound then an upper one (either order)
            if gap in {"and", "but", ",", ", and"} and prev[4] is not None and item[4] is not None:
                lo = prev if prev[3] is None and prev[2] is not None else item if item[3] is None and item[2] is not None else None
                hi = item if lo is prev else prev
                if lo is not None and hi[2] is None and hi[3] is not None and lo[2] < hi[3]:
                    merged[-1] = [prev[0], item[1], lo[2], hi[3], lo[4], hi[5], pf]
                    continue
            # "from 200 to 300": the CLI's two ends of a change read as one range
            before = text[: prev[0]].rstrip().lower()
            if (gap == "to" and before.endswith("from") and prev[4] is None and item[4] is None and pf.value is not None
                    and item[6].value is not None and pf.value < item[6].value):
                start = len(before) - 4
                merged[-1] = [start, item[1], float(pf.value), float(item[6].value), "[", ")", pf]
                continue
        merged.append(item)
    out = []
    for start, end, lo, hi, left, right, _ in merged:
        if left is None:
            continue
        out.append((start, end, (lo, hi, left, right)))
    return out


def _range_value(res: dict) -> object:
    m = re.fullmatch(r"([\[(])([^,]*),([^,\])]*)([\])])", res.get("value", ""))
    if not m:
        return None
    lo = float(m.group(2)) if m.group(2) else None
    hi = float(m.group(3)) if m.group(3) else None
    return (lo, hi, m.group(1), m.group(4))


def _is_day(value: str | None) -> bool:
    return value is not None and bool(re.fullmatch(r"(\d{4}|-)-\d\d-\d\d", value))


_OPEN_MODIFIERS = frozenset({"before", "after", "since", "until"})


def ours_dates(text: str, want_day: bool, reference: dt.date = REFERENCE) -> list[tuple]:
    mentions = extract_dates(_article(text), reference_date=reference)
    return [(d.start, d.end, None) for d in mentions
            if (_is_day(d.value) and d.modifier not in _OPEN_MODIFIERS) == want_day]


# --- expected items -----------------------------------------------------------------------------

_SUBUNITS = {"cent": ("USD", 100), "pence": ("GBP", 100), "penny": ("GBP", 100), "sen": ("JPY", 100)}
_UNIT_CODES = {"dollar": "USD", "pound": "GBP", "rupee": "INR", "finnish markka": "FIM", "peseta": "ESP",
               "netherlands guilder": "NLG", "bitcoin": "BTC"}
_FRANCS = frozenset({"CHF", "FRF", "BEF", "XOF", "XAF"})


def _currency_value(res: dict) -> object:
    value = _float(res.get("value"))
    unit = (res.get("unit") or "").lower()
    if value is None:
        return None
    if res.get("isoCurrency"):
        return (value, res["isoCurrency"])
    if unit in _SUBUNITS:
        code, per = _SUBUNITS[unit]
        return (value / per, code)
    if unit == "franc":
        return frozenset((value, code) for code in _FRANCS)
    return (value, _UNIT_CODES.get(unit, unit))


def expected_model(case: dict, types: set[str], value: Callable[[dict], object]) -> list[tuple]:
    out = []
    for r in case.get("Results", []):
        kind = r.get("TypeName") or r.get("Typename") or ""
        if kind in types:
            out.append((r["Start"], r["End"] + 1, value(r.get("Resolution") or {})))
    return out


def expected_extractor(case: dict, kind: str) -> list[tuple]:
    return [(r["Start"], r["Start"] + r["Length"], None) for r in case.get("Results", [])
            if r.get("Type", kind) == kind]


_number_value = lambda r: _float(r.get("value"))  # noqa: E731
SPECS: dict[str, tuple[Callable[[dict], list], Callable]] = {
    # file: (expected items of a case, our items for an input; for the date files, for the case)
    "Number/English/NumberModel.json": (
        lambda c: expected_model(c, {"number"}, _number_value), ours_numbers),
    "Number/English/NumberModelPercentMode.json": (
        lambda c: expected_model(c, {"number"}, _number_value), ours_numbers),
    "Number/English/PercentModel.json": (
        lambda c: expected_model(c, {"percentage"}, _number_value), ours_percent),
    "Number/English/PercentModelPercentMode.json": (
        lambda c: expected_model(c, {"percentage"}, _number_value), ours_percent),
    "NumberWithUnit/English/CurrencyModel.json": (
        lambda c: expected_model(c, {"currency"}, _currency_value), ours_money),
    "Number/English/NumberRangeModel.json": (
        lambda c: expected_model(c, {"numberrange"}, _range_value), ours_ranges),
    "DateTime/English/DateExtractor.json": (
        lambda c: expected_extractor(c, "date"), lambda c: ours_dates(c["Input"], True, _reference(c))),
    "DateTime/English/DatePeriodExtractor.json": (
        lambda c: expected_extractor(c, "daterange"), lambda c: ours_dates(c["Input"], False, _reference(c))),
}


def _reference(case: dict) -> dt.date:
    """The case's reference date ("Context": {"ReferenceDateTime": ...}), else REFERENCE."""
    stamp = (case.get("Context") or {}).get("ReferenceDateTime")
    return dt.date.fromisoformat(stamp[:10]) if stamp else REFERENCE


_CASE_ADAPTERS = frozenset({"DateTime/English/DateExtractor.json", "DateTime/English/DatePeriodExtractor.json"})


def _supported(case: dict) -> bool:
    names = {n.strip().lower() for n in (case.get("NotSupported") or "").split(",")}
    return "python" not in names


def run_spec(root: Path, name: str, failures: int) -> tuple[int, int, int, int] | None:
    path = root / "recognizers" / name
    if not path.exists():
        return None
    expected_of, ours_of = SPECS[name]
    cases = passed = supported = passed_supported = 0
    shown = 0
    for case in _load(path):
        text = case["Input"]
        expected, ours = expected_of(case), ours_of(case if name in _CASE_ADAPTERS else text)
        ok = _equal_sets(expected, ours)
        cases += 1
        passed += ok
        if _supported(case):
            supported += 1
            passed_supported += ok
        if not ok and shown < failures:
            shown += 1
            print(f"  FAIL {name.split('/')[-1]}: {text!r}\n    expected {expected}\n    ours     {ours}")
    return cases, passed, supported, passed_supported


def time_article(runs: int = 50) -> float | None:
    """Mean milliseconds for dates + figures on a 700-word article (the seed, repeated)."""
    seed = Path(__file__).resolve().parents[1] / "seeds" / "000_3659efa8dcf43795.txt"
    if not seed.exists():
        return None
    text = seed.read_text(encoding="utf-8")
    body = text.split("\n", 1)[1] if "\n" in text else text
    while len(text.split()) < 700:
        text += "\n\n" + body
    article = segment(text)
    began = time.perf_counter()
    for _ in range(runs):
        extract_figures(article, dates=extract_dates(article, reference_date=REFERENCE))
    return (time.perf_counter() - began) * 1000 / runs


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=int, default=0, help="print up to N failed cases per file")
    parser.add_argument("--file", default="", help="only spec files whose name contains this")
    args = parser.parse_args(list(argv) if argv is not None else None)
    root = data_dir()
    if not (root / "recognizers").is_dir():
        print(f"benchmark data not found at {root} (set BRIEFING_DATA); skipping")
        return 0
    rows = []
    for name in SPECS:
        if args.file not in name:
            continue
        result = run_spec(root, name, args.failures)
        if result is not None:
            rows.append((name, *result))
    print(f"\n{'file':44} {'cases':>5} {'pass %':>7} {'supported':>9} {'pass % sup.':>11} {'goal':>6}")
    for name, cases, passed, supported, passed_supported in rows:
        goal = GOALS.get(name)
        pct = 100 * passed / cases if cases else 0.0
        sup = 100 * passed_supported / supported if supported else float("nan")
        mark = "" if goal is None else (" ok" if pct >= goal else " below")
        print(f"{name:44} {cases:5} {pct:6.1f}% {supported:9} {sup:10.1f}% "
              f"{'' if goal is None else f'≥{goal}%':>6}{mark}")
    ms = time_article()
    if ms is not None:
        print(f"\nfigures + dates on a 700-word article: {ms:.1f} ms (goal ≲ 20 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
