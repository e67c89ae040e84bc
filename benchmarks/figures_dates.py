"""Run the figure and date extractors over public test vectors and print pass rates per file.

Data: Microsoft Recognizers-Text English specs (``recognizers/``) and quantulum3's test sentences
(``quantities/``), under ``shared/data`` beside the repository, or under $BRIEFING_DATA. When the
data is absent the script says so and exits 0.

For each file: ``cases`` (inputs scored), ``exact`` (cases whose expected items are all found and
nothing else of the same kind is), ``recall`` (expected items found with the same span and value)
and ``precision`` (our items of the kind that match an expected one). Spans are compared
case-insensitively; values within 1e-6 (relative). Cases marked ``NotSupported`` for python are
counted like the others.

Usage: python benchmarks/figures_dates.py [--failures N]
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
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.facts.dates import extract_dates  # noqa: E402
from briefing.facts.figures import extract_figures  # noqa: E402
from briefing.text.segment import segment  # noqa: E402

Item = tuple[int, int, object]  # (start, end exclusive, comparable value or None)


def data_dir() -> Path:
    env = os.environ.get("BRIEFING_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


@dataclass
class Score:
    cases: int = 0
    exact: int = 0
    expected: int = 0
    found: int = 0
    ours: int = 0
    correct_ours: int = 0

    def line(self, name: str) -> str:
        pct = lambda a, b: f"{100 * a / b:5.1f}%" if b else "   n/a"  # noqa: E731
        return (f"{name:48} cases {self.cases:4}  exact {pct(self.exact, self.cases)}  "
                f"recall {pct(self.found, self.expected)}  precision {pct(self.correct_ours, self.ours)}")


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(b, frozenset) and not isinstance(a, frozenset):
        return any(_same(a, x) for x in b)
    return a == b


def _match(exp: Item, got: Item) -> bool:
    return exp[0] == got[0] and exp[1] == got[1] and (exp[2] is None or _same(got[2], exp[2]))


def _float(text: str) -> float | None:
    try:
        return float(text.rstrip("%").replace(",", ""))
    except ValueError:
        return None


def _load(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


# --- how each file's expected items and our items are read -------------------------------------


def _expected_model(case: dict, types: set[str], value: Callable[[dict], object]) -> list[Item]:
    out = []
    for r in case.get("Results", []):
        kind = r.get("TypeName") or r.get("Typename") or ""
        if kind in types:
            out.append((r["Start"], r["End"] + 1, value(r.get("Resolution") or {})))
    return out


def _figures(text: str, kinds: set[str], value: Callable) -> list[Item]:
    article = segment(text, detect_title=False)
    dates = extract_dates(article)
    return [(f.start, f.end, value(f)) for f in extract_figures(article, dates=dates) if f.kind in kinds]


def _range_value(res: dict) -> object:
    m = re.fullmatch(r"[\[(]([^,]*),([^,\])]*)[\])]", res.get("value", ""))
    if not m or not m.group(1) or not m.group(2):
        return "one-sided"
    return (float(m.group(1)), float(m.group(2)))


def _ordinal_value(res: dict) -> object:
    v = _float(res.get("value", ""))
    return v if v is not None else res.get("value")


def _timex_values(res: dict) -> object:
    values = set()
    for v in res.get("values", []):
        timex = v.get("timex", "")
        values.add(timex.replace("XXXX-", "--"))
        if "value" in v:
            values.add(v["value"])
    return frozenset(values) if values else None


MODEL_FILES: dict[str, tuple[set[str], Callable, set[str], Callable]] = {
    # file: (expected TypeNames, expected value, our kinds, our value)
    "Number/English/NumberModel.json": (
        {"number"}, lambda r: _float(r.get("value", "")), {"cardinal", "fraction"}, lambda f: float(f.value)),
    "Number/English/NumberModelPercentMode.json": (
        {"number"}, lambda r: _float(r.get("value", "")), {"cardinal", "fraction"}, lambda f: float(f.value)),
    "Number/English/OrdinalModel.json": (
        {"ordinal"}, _ordinal_value, {"ordinal"}, lambda f: float(f.value)),
    "Number/English/PercentModel.json": (
        {"percentage"}, lambda r: _float(r.get("value", "")), {"percent"}, lambda f: float(f.value)),
    "Number/English/PercentModelPercentMode.json": (
        {"percentage"}, lambda r: _float(r.get("value", "")), {"percent"}, lambda f: float(f.value)),
    "Number/English/NumberRangeModel.json": (
        {"numberrange"}, _range_value, {"range"}, lambda f: (float(f.low), float(f.high))),
    "NumberWithUnit/English/CurrencyModel.json": (
        {"currency"}, lambda r: _float(r.get("value") or ""), {"money"},
        lambda f: None if f.value is None else float(f.value)),
    "NumberWithUnit/English/DimensionModel.json": (
        {"dimension"}, lambda r: _float(r.get("value") or ""), {"quantity"},
        lambda f: None if f.value is None else float(f.value)),
    "NumberWithUnit/English/TemperatureModel.json": (
        {"temperature"}, lambda r: _float(r.get("value") or ""), {"quantity"},
        lambda f: None if f.value is None else float(f.value)),
}
DATE_EXTRACTOR_FILES = ("DateTime/English/DateExtractor.json", "DateTime/English/DatePeriodExtractor.json")
DATE_MODEL_FILE = "DateTime/English/DateTimeModel.json"


def _score(score: Score, expected: list[Item], ours: list[Item], failures: list, text: str) -> None:
    score.cases += 1
    score.expected += len(expected)
    score.ours += len(ours)
    found = sum(any(_match(e, o) for o in ours) for e in expected)
    correct = sum(any(_match(e, o) for e in expected) for o in ours)
    score.found += found
    score.correct_ours += correct
    if found == len(expected) and correct == len(ours):
        score.exact += 1
    else:
        failures.append((text, expected, ours))


def run_models(root: Path, report: Callable[[str, Score, list], None]) -> None:
    for name, (types, exp_value, kinds, our_value) in MODEL_FILES.items():
        path = root / "recognizers" / name
        if not path.exists():
            continue
        score, failures = Score(), []
        for case in _load(path):
            text = case["Input"]
            _score(score, _expected_model(case, types, exp_value), _figures(text, kinds, our_value), failures, text)
        report(name, score, failures)


def run_date_extractors(root: Path, report: Callable[[str, Score, list], None]) -> None:
    for name in DATE_EXTRACTOR_FILES:
        path = root / "recognizers" / name
        if not path.exists():
            continue
        score, failures = Score(), []
        for case in _load(path):
            text = case["Input"]
            expected = [(r["Start"], r["Start"] + r["Length"], None) for r in case.get("Results", [])]
            ours = [(d.start, d.end, None) for d in extract_dates(segment(text, detect_title=False))]
            _score(score, expected, ours, failures, text)
        report(name, score, failures)


def run_date_model(root: Path, report: Callable[[str, Score, list], None]) -> None:
    path = root / "recognizers" / DATE_MODEL_FILE
    if not path.exists():
        return
    score, failures = Score(), []
    for case in _load(path):
        text = case["Input"]
        ref_text = (case.get("Context") or {}).get("ReferenceDateTime")
        ref = dt.date.fromisoformat(ref_text[:10]) if ref_text else None
        expected = _expected_model(case, {"datetimeV2.date", "datetimeV2.daterange"}, _timex_values)
        if not expected and case.get("Results"):
            continue  # times, durations, sets: not what extract_dates reads
        ours = [(d.start, d.end, d.value) for d in extract_dates(segment(text, detect_title=False), reference_date=ref)]
        _score(score, expected, ours, failures, text)
    report(DATE_MODEL_FILE + " (date, daterange)", score, failures)


def run_quantulum(root: Path, report: Callable[[str, Score, list], None]) -> None:
    path = root / "quantities" / "quantulum3_quantities_en_US.json"
    if not path.exists():
        return
    score, failures = Score(), []
    for case in _load(path):
        text = case["req"]
        expected = []
        for r in case["res"]:
            start = text.find(r["surface"])
            if start >= 0:
                expected.append((start, start + len(r["surface"]), float(r["value"])))
        ours = _figures(text, {"cardinal", "fraction", "percent", "money", "quantity"},
                        lambda f: None if f.value is None else float(f.value))
        _score(score, expected, ours, failures, text)
    report("quantities/quantulum3_quantities_en_US.json", score, failures)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", type=int, default=0, help="print up to N failed cases per file")
    args = parser.parse_args(list(argv) if argv is not None else None)
    root = data_dir()
    if not (root / "recognizers").is_dir() and not (root / "quantities").is_dir():
        print(f"benchmark data not found at {root} (set BRIEFING_DATA); skipping")
        return 0

    def report(name: str, score: Score, failures: list) -> None:
        print(score.line(name))
        for text, expected, ours in failures[: args.failures]:
            print(f"    {text!r}\n      expected {expected}\n      ours     {ours}")

    began = time.perf_counter()
    run_models(root, report)
    run_date_extractors(root, report)
    run_date_model(root, report)
    run_quantulum(root, report)
    print(f"({time.perf_counter() - began:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
