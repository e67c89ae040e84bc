"""ROUGE evaluation of the summarizers on a user's own reference summaries (``briefing evaluate``).

A dataset is JSON Lines, one article a line: ``text`` (the article body) and ``reference`` (the reference
summary, one sentence a line) are required; ``title`` is optional (the article's title; when present and
non-empty the article is built as ``title + "\\n\\n" + text`` with the title known, so it is never a summary
sentence); ``id`` is optional and only used in messages. Other fields are ignored.

Scores are computed with Google's `rouge-score` package (Lin 2004, "ROUGE: A Package for Automatic Evaluation
of Summaries"), the reference implementation used by the summarization literature, with Porter stemming
(``use_stemmer=True``): ROUGE-1, ROUGE-2, ROUGE-L (longest common subsequence over the whole text) and
ROUGE-Lsum (summary-level LCS with one sentence a line; what CNN/DM papers call "ROUGE-L"). Every figure is
x100 (a percentage), averaged over the dataset's articles, with a 95 % percentile bootstrap confidence
interval over articles (Efron & Tibshirani 1993; 1,000 resamples from a fixed seed, so the output is
deterministic). The resamples are shared by all summarizers of a dataset (a paired bootstrap).

A record that is not a JSON object, or lacks ``text``/``reference`` as strings, fails its whole dataset
(:class:`DatasetError`) rather than being skipped: silently dropping articles would make the averages
incomparable between runs and with published figures.

Everything here is pure (no printing, no Typer, no Rich); ``briefing.cli_evaluate`` is the command.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .document import Article, Span
from .errors import InputError

__all__ = [
    "METRICS",
    "DatasetError",
    "Evaluation",
    "Interval",
    "Record",
    "SummarizerResult",
    "article_from_record",
    "bootstrap_ci",
    "evaluate",
    "load_dataset",
    "reference_sentences",
]

#: rouge-score names of the reported metrics, in report order.
METRICS: tuple[str, ...] = ("rouge1", "rouge2", "rougeL", "rougeLsum")
#: Human labels of :data:`METRICS`.
LABELS: dict[str, str] = {"rouge1": "ROUGE-1", "rouge2": "ROUGE-2", "rougeL": "ROUGE-L", "rougeLsum": "ROUGE-Lsum"}
PARTS: tuple[str, ...] = ("f", "p", "r")  # F1, precision, recall


class DatasetError(InputError):
    """A dataset cannot be read or has an invalid record; the message names the line."""


@dataclass(frozen=True)
class Record:
    """One evaluation pair: the article (`title` may be empty) and its reference summary."""

    text: str
    reference: str
    title: str = ""
    id: str | None = None
    line: int = 0  # 1-based line number in the dataset file (0: not from a file)


@dataclass(frozen=True)
class Interval:
    """A mean (x100) and its bootstrap confidence interval ``[low, high]``."""

    mean: float
    low: float
    high: float

    def as_dict(self) -> dict[str, float]:
        return {"mean": self.mean, "low": self.low, "high": self.high}


@dataclass(frozen=True)
class SummarizerResult:
    """ROUGE of one summarizer on one dataset.

    `scores[metric][part]`: metric in :data:`METRICS`, part ``f`` (F1), ``p`` (precision) or ``r`` (recall).
    `per_article[metric]` holds the F1 of each article (x100, dataset order). `fallbacks` counts the articles
    on which the summarizer warned (a fallback to lead, or an empty summary).
    """

    summarizer: str
    articles: int
    scores: dict[str, dict[str, Interval]]
    per_article: dict[str, tuple[float, ...]] = field(repr=False, default_factory=dict)
    fallbacks: int = 0


@dataclass(frozen=True)
class Evaluation:
    """The result of :func:`evaluate` on one dataset."""

    articles: int
    length: dict[str, int | bool]  # {"sentences": N} or {"reference_length": True}
    results: tuple[SummarizerResult, ...]
    resamples: int
    confidence: float
    seed: int


# --------------------------------------------------------------------------------------------------
# Records and articles


def article_from_record(title: str | None, text: str) -> Article:
    """The article ``title + "\\n\\n" + text`` with the title known rather than detected.

    With no (or a blank) title the text is segmented as it is, without title detection, so its first line
    stays a sentence. Used by ``briefing evaluate`` and the benchmarks, so both score the same articles.
    """
    from .text.segment import segment

    title = " ".join((title or "").split())
    if not title:
        return segment(text, detect_title=False)
    prefix = title + "\n\n"
    # Segment the body at its final offsets (spaces stand in for the title), then put the title back.
    body = segment(" " * len(prefix) + text, detect_title=False)
    return dataclasses.replace(body, text=prefix + text, title=Span(0, len(title)))


def reference_sentences(reference: str) -> list[str]:
    """The reference's sentences: its non-blank lines, whitespace-normalised."""
    return [" ".join(line.split()) for line in reference.split("\n") if line.strip()]


def parse_record(line: str, number: int) -> Record:
    """One JSON Lines record; raises ValueError with a message naming what is wrong."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {number}: not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(obj, dict):
        raise ValueError(f"line {number}: a record must be a JSON object, not {type(obj).__name__}")
    for key in ("text", "reference"):
        if key not in obj:
            raise ValueError(f"line {number}: missing field {key!r}")
        if not isinstance(obj[key], str):
            raise ValueError(f"line {number}: field {key!r} must be a string, not {type(obj[key]).__name__}")
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        raise ValueError(f"line {number}: field 'title' must be a string or null")
    rid = obj.get("id")
    return Record(obj["text"], obj["reference"], title or "", None if rid is None else str(rid), number)


def load_dataset(path: str | Path) -> list[Record]:
    """Read a JSON Lines dataset (blank lines ignored). Raises DatasetError (missing file, bad line...)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig") as f:
            lines = f.read().split("\n")
    except FileNotFoundError:
        raise DatasetError("no such file") from None
    except IsADirectoryError:
        raise DatasetError("is a directory, not a JSON Lines file") from None
    except UnicodeDecodeError as exc:
        raise DatasetError(f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise DatasetError(exc.strerror or str(exc)) from None
    records = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            records.append(parse_record(line, number))
        except ValueError as exc:
            raise DatasetError(str(exc)) from None
    if not records:
        raise DatasetError("no records")
    return records


# --------------------------------------------------------------------------------------------------
# Statistics


def bootstrap_ci(
    values: Sequence[float],
    *,
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    indices=None,
) -> Interval:
    """Mean of `values` and its percentile bootstrap confidence interval.

    Resamples the values with replacement `resamples` times (numpy's PCG64 from `seed`, so the result is
    deterministic) and takes the (1 - confidence) / 2 and (1 + confidence) / 2 quantiles of the resampled
    means. `indices` (a ``resamples x len(values)`` integer array) reuses resamples, for paired comparisons.
    With one value, or ``resamples=0``, the interval is the mean itself.
    """
    import numpy

    data = numpy.asarray(values, dtype=float)
    if data.size == 0:
        raise ValueError("bootstrap_ci needs at least one value")
    if not 0.0 < confidence < 1.0:
        raise ValueError(f"confidence must be in (0, 1), not {confidence!r}")
    mean = float(data.mean())
    if resamples <= 0 or data.size == 1:
        return Interval(mean, mean, mean)
    if indices is None:
        indices = resample_indices(data.size, resamples, seed)
    means = data[indices].mean(axis=1)
    alpha = (1.0 - confidence) / 2.0
    low, high = numpy.quantile(means, [alpha, 1.0 - alpha])
    # A resampled mean can fall a rounding error outside [min, max]; the interval always holds the mean.
    return Interval(mean, min(float(low), mean), max(float(high), mean))


def resample_indices(n: int, resamples: int, seed: int):
    """``resamples x n`` bootstrap indices from a fixed seed."""
    import numpy

    return numpy.random.default_rng(seed).integers(0, n, size=(resamples, n))


# --------------------------------------------------------------------------------------------------
# Evaluation


def evaluate(
    records: Sequence[Record],
    summarizers: Iterable[str],
    *,
    sentences: int | None = 3,
    reference_length: bool = False,
    language: str = "english",
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
    progress: Callable[[], None] | None = None,
    articles: Sequence[Article] | None = None,
) -> Evaluation:
    """ROUGE of each of `summarizers` on `records`, averaged over the records, with bootstrap CIs.

    Summary length: `sentences` per article, or with `reference_length` as many sentences as the record's
    reference has (at least 1). `progress` is called once per (summarizer, article) pair. `articles`, when
    given, are the records' articles already built (one per record), to save segmenting them again.
    Raises ValueError for an unknown summarizer, no records or a bad length; UnsupportedLanguage.
    """
    from rouge_score import rouge_scorer

    from .summarize import SUMMARIZERS, Length, summarize

    names = list(dict.fromkeys(summarizers))
    unknown = [name for name in names if name not in SUMMARIZERS]
    if unknown:
        raise ValueError(f"unknown summarizer {unknown[0]!r}; available: {', '.join(SUMMARIZERS)}")
    if not records:
        raise ValueError("no records to evaluate")
    if not reference_length and (sentences is None or sentences < 1):
        raise ValueError(f"sentences must be >= 1, not {sentences!r}")
    if articles is None:
        articles = [article_from_record(r.title, r.text) for r in records]
    if len(articles) != len(records):
        raise ValueError("give one article per record")
    references = ["\n".join(reference_sentences(r.reference)) for r in records]
    lengths = [
        Length(sentences=max(1, len(reference_sentences(r.reference)))) if reference_length else Length(sentences=sentences)
        for r in records
    ]
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    indices = resample_indices(len(records), resamples, seed) if resamples > 0 and len(records) > 1 else None

    results = []
    for name in names:
        raw = {m: {p: [] for p in PARTS} for m in METRICS}
        fallbacks = 0
        for article, reference, length in zip(articles, references, lengths):
            summary, warnings = summarize(article, summarizer=name, length=length, language=language)
            fallbacks += bool(warnings)
            prediction = "\n".join(" ".join(s.text.split()) for s in summary)
            scores = scorer.score(reference, prediction)
            for m in METRICS:
                raw[m]["f"].append(100.0 * scores[m].fmeasure)
                raw[m]["p"].append(100.0 * scores[m].precision)
                raw[m]["r"].append(100.0 * scores[m].recall)
            if progress is not None:
                progress()
        intervals = {
            m: {
                p: bootstrap_ci(raw[m][p], resamples=resamples, confidence=confidence, seed=seed, indices=indices)
                for p in PARTS
            }
            for m in METRICS
        }
        per_article = {m: tuple(raw[m]["f"]) for m in METRICS}
        results.append(SummarizerResult(name, len(records), intervals, per_article, fallbacks))
    length_info: dict[str, int | bool] = {"reference_length": True} if reference_length else {"sentences": int(sentences)}
    return Evaluation(len(records), length_info, tuple(results), resamples, confidence, seed)


def evaluation_dict(source: str, evaluation: Evaluation, *, details: bool = False) -> dict:
    """One dataset's result as JSON-ready data (see :func:`report_dict`)."""

    def rounded(interval: Interval) -> dict[str, float]:
        return {k: round(v, 4) for k, v in interval.as_dict().items()}

    parts = PARTS if details else ("f",)
    return {
        "source": source,
        "articles": evaluation.articles,
        "error": None,
        "results": [
            {
                "summarizer": r.summarizer,
                "fallbacks": r.fallbacks,
                "scores": {m: {p: rounded(r.scores[m][p]) for p in parts} for m in METRICS},
            }
            for r in evaluation.results
        ],
    }


def report_dict(
    datasets: Sequence[dict],
    *,
    length: dict[str, int | bool],
    language: str,
    resamples: int,
    confidence: float,
    seed: int,
) -> dict:
    """The JSON document ``briefing evaluate --format json`` prints (one document, pretty-printed).

    Keys:

    - ``schema_version`` (1), ``command`` (``"evaluate"``);
    - ``length``: ``{"sentences": N}`` or ``{"reference_length": true}``; ``language``;
    - ``metrics``: ``["rouge1", "rouge2", "rougeL", "rougeLsum"]``; ``scale``: 100 (every score is x100);
      ``stemmer``: ``"porter"``;
    - ``bootstrap``: ``{"resamples", "confidence", "seed"}`` (percentile intervals over articles);
    - ``datasets``: one object per DATASET, in the order given: ``source`` (the path as given),
      ``articles`` (records scored, or null), ``error`` (null, or the message when the dataset failed:
      then ``results`` is empty), ``results``: one object per summarizer, in the order asked: ``summarizer``,
      ``fallbacks`` (articles on which it warned, e.g. fell back to lead), ``scores``:
      ``{metric: {"f": {"mean", "low", "high"}}}``, plus ``"p"`` (precision) and ``"r"`` (recall) with
      ``--details``. Means and bounds are rounded to 4 decimals.
    """
    return {
        "schema_version": 1,
        "command": "evaluate",
        "length": dict(length),
        "language": language,
        "metrics": list(METRICS),
        "scale": 100,
        "stemmer": "porter",
        "bootstrap": {"resamples": resamples, "confidence": confidence, "seed": seed},
        "datasets": list(datasets),
    }


def failed_dataset_dict(source: str, message: str) -> dict:
    return {"source": source, "articles": None, "error": message, "results": []}


def format_interval(interval: Interval) -> str:
    """``"31.42 [30.51, 32.37]"``."""
    if not all(math.isfinite(v) for v in (interval.mean, interval.low, interval.high)):
        return "n/a"
    return f"{interval.mean:.2f} [{interval.low:.2f}, {interval.high:.2f}]"
