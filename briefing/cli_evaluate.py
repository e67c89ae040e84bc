"""``briefing evaluate DATASET...``: ROUGE of the summarizers against reference summaries.

The command function is a plain annotated function; ``briefing.cli`` registers it with
``app.command(name="evaluate")(evaluate_command)``. Everything heavy (rouge-score, numpy, sumy, Rich) is
imported inside it so that ``briefing --help`` stays fast. The scoring itself is :mod:`briefing.evaluate`.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from .errors import BriefingError, ExitCode

# The names of briefing.summarize.SUMMARIZERS (tests check they agree), plus "all".
_NAMES = ("auto", "lead", "lex-rank", "lsa", "text-rank", "luhn", "edmundson", "kl", "sum-basic", "reduction")

EvalSummarizer = Enum("EvalSummarizer", {name.replace("-", "_"): name for name in (*_NAMES, "all")}, type=str)


class EvalFormat(str, Enum):
    auto = "auto"
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"


#: Show a progress bar (on stderr, when it is a terminal) from this many summaries on.
PROGRESS_FROM = 50


def evaluate_command(
    datasets: Annotated[
        list[str],
        typer.Argument(
            help="JSON Lines files, one article a line: 'text' and 'reference' (one sentence a line), "
            "optional 'title'.",
            metavar="DATASET...",
            show_default=False,
        ),
    ],
    summarizer: Annotated[
        Optional[list[EvalSummarizer]],
        typer.Option(
            "--summarizer",
            "-s",
            help="Summarizer to score (repeatable), or all \\[default: auto].",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    sentences: Annotated[
        Optional[int],
        typer.Option("--sentences", "-n", help="Summary length in sentences \\[default: 3].", min=1, show_default=False),
    ] = None,
    reference_length: Annotated[
        bool,
        typer.Option("--reference-length", help="Give each summary as many sentences as its reference has."),
    ] = False,
    details: Annotated[bool, typer.Option("--details", help="Also show precision and recall.")] = False,
    language: Annotated[str, typer.Option("--language", "-l", help="Language of the articles.")] = "english",
    resamples: Annotated[
        int, typer.Option("--resamples", help="Bootstrap resamples for the 95% confidence intervals (0: none).", min=0)
    ] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap resampling.")] = 0,
    format: Annotated[
        EvalFormat,
        typer.Option("--format", "-f", help="auto: rich on a terminal, text otherwise; json: one JSON document.", case_sensitive=False),
    ] = EvalFormat.auto,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of internal errors.")] = False,
) -> None:
    """ROUGE-1/2/L/Lsum F1 of summarizers against reference summaries, with 95% bootstrap intervals.

    Scores (x100, rouge-score with Porter stemming) are averaged over each dataset's articles. A dataset that cannot be read or has an invalid line fails as a whole (briefing: error: DATASET: MESSAGE, exit 1); the others are still scored.
    """
    if sentences is not None and reference_length:
        raise typer.BadParameter("give either --sentences or --reference-length, not both", param_hint="--reference-length")
    from .text.lang import normalize_language

    try:
        language = normalize_language(language)
    except BriefingError as exc:
        raise typer.BadParameter(str(exc), param_hint="--language") from None
    chosen = [s.value for s in (summarizer or [EvalSummarizer("auto")])]
    names = list(_NAMES) if "all" in chosen else list(dict.fromkeys(chosen))
    length: dict[str, int | bool] = {"reference_length": True} if reference_length else {"sentences": sentences or 3}

    try:
        _run(datasets, names, length, language, resamples, seed, details, format, debug)
    except BrokenPipeError:
        from .output import silence_stdout

        silence_stdout()
        raise typer.Exit(ExitCode.OK) from None
    except KeyboardInterrupt:
        raise typer.Exit(ExitCode.INTERRUPTED) from None


def _run(datasets, names, length, language, resamples, seed, details, fmt, debug) -> None:
    import json

    from rich.console import Console

    from .evaluate import (
        DatasetError,
        article_from_record,
        evaluate,
        evaluation_dict,
        failed_dataset_dict,
        load_dataset,
        report_dict,
    )

    console = Console(highlight=False, emoji=False, markup=False)
    if fmt is EvalFormat.auto:
        fmt = EvalFormat.rich if console.is_terminal else EvalFormat.text
    confidence = 0.95
    failed = 0
    dataset_dicts: list[dict] = []
    loaded = []
    for source in datasets:
        try:
            records = load_dataset(source)
        except DatasetError as exc:
            failed += 1
            _error(source, str(exc))
            dataset_dicts.append(failed_dataset_dict(source, str(exc)))
            loaded.append(None)
            continue
        loaded.append(records)
        dataset_dicts.append(None)  # filled below

    total = sum(len(r) * len(names) for r in loaded if r is not None)
    with _progress(total) as advance:
        for i, (source, records) in enumerate(zip(datasets, loaded)):
            if records is None:
                continue
            try:
                articles = [article_from_record(r.title, r.text) for r in records]
                result = evaluate(
                    records,
                    names,
                    sentences=length.get("sentences"),
                    reference_length=bool(length.get("reference_length")),
                    language=language,
                    resamples=resamples,
                    confidence=confidence,
                    seed=seed,
                    progress=advance,
                    articles=articles,
                )
            except (KeyboardInterrupt, BrokenPipeError):
                raise
            except Exception as exc:  # a bug: never an article's content
                if debug:
                    raise
                sys.stderr.write(
                    f"briefing: error: {source}: internal error ({type(exc).__name__}); rerun with --debug for the traceback\n"
                )
                raise typer.Exit(ExitCode.INTERNAL) from None
            dataset_dicts[i] = evaluation_dict(source, result, details=details)
            if fmt is not EvalFormat.json:
                _print_table(console, fmt, source, result, details)

    if fmt is EvalFormat.json:
        doc = report_dict(
            dataset_dicts, length=length, language=language, resamples=resamples, confidence=confidence, seed=seed
        )
        sys.stdout.write(json.dumps(doc, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    raise typer.Exit(ExitCode.ERROR if failed else ExitCode.OK)


def _error(source: str, message: str) -> None:
    sys.stderr.write(f"briefing: error: {_inert(source)}: {message}\n")


def _inert(text: str) -> str:
    """Control characters made visible (a file name is user data)."""
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class _progress:
    """A transient Rich progress bar on stderr for long runs, only when stderr is a terminal."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.progress = None

    def __enter__(self):
        if self.total < PROGRESS_FROM or sys.stderr is None or not sys.stderr.isatty() or os.environ.get("TERM") == "dumb":
            return lambda: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(
            TextColumn("evaluating"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.progress.start()
        task = self.progress.add_task("evaluate", total=self.total)
        return lambda: self.progress.advance(task)

    def __exit__(self, *exc) -> bool:
        if self.progress is not None:
            self.progress.stop()
        return False


def _length_label(result) -> str:
    if result.length.get("reference_length"):
        return "reference length"
    n = result.length["sentences"]
    return f"{n} sentence{'s' if n != 1 else ''}"


def _rows(result, details: bool):
    from .evaluate import METRICS, format_interval

    parts = (("f", "F1"), ("p", "P"), ("r", "R")) if details else (("f", "F1"),)
    for r in result.results:
        for part, label in parts:
            yield r.summarizer, label, [format_interval(r.scores[m][part]) for m in METRICS], r.fallbacks


def _print_table(console, fmt: EvalFormat, source: str, result, details: bool) -> None:
    from .evaluate import LABELS, METRICS

    heading = (
        f"{_inert(source)}: {result.articles} articles, {_length_label(result)}; "
        f"ROUGE x100, mean [95% bootstrap CI]"
    )
    headers = ["summarizer", *(["score"] if details else []), *(LABELS[m] for m in METRICS)]
    rows = [[name, *([label] if details else []), *cells] for name, label, cells, _ in _rows(result, details)]
    notes = [f"{r.summarizer} fell back or warned on {r.fallbacks} of {r.articles} articles" for r in result.results if r.fallbacks]
    if fmt is EvalFormat.rich:
        from rich.table import Table
        from rich.text import Text

        from rich import box

        table = Table(title=Text(heading), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False)
        # To fit 80 columns: "auto F1" in one column, and "mean [low, high]" on two lines.
        labels = 2 if details else 1
        table.add_column(headers[0], no_wrap=True)
        for h in headers[labels:]:
            table.add_column(h, justify="right", no_wrap=True)
        for row in rows:
            table.add_row(Text(" ".join(row[:labels])), *(Text(c.replace(" [", "\n[", 1)) for c in row[labels:]))
        console.print(table)
        for note in notes:
            console.print(Text(f"note: {note}", style="dim"))
        return
    if fmt is EvalFormat.markdown:
        lines = [f"## {heading}", "", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        lines += [""] + [f"- note: {n}" for n in notes]
        sys.stdout.write("\n".join(lines).rstrip("\n") + "\n\n")
        return
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(headers)]
    out = [heading]
    out.append("  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip())
    for row in rows:
        out.append("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip())
    out += [f"note: {n}" for n in notes]
    sys.stdout.write("\n".join(out) + "\n\n")
