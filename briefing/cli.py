"""The command line: parse arguments, build BriefOptions, call brief(), pick a renderer, map errors.

Everything heavy (sumy, NLTK, Rich renderables) is imported inside the commands so that
``briefing --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from enum import Enum
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import BriefingError, ExitCode

app = typer.Typer(
    name="briefing",
    help="Offline news briefings: extractive summaries and key facts from articles.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Summarizer(str, Enum):
    auto = "auto"
    lead = "lead"
    lex_rank = "lex-rank"
    lsa = "lsa"
    text_rank = "text-rank"
    luhn = "luhn"
    edmundson = "edmundson"
    kl = "kl"
    sum_basic = "sum-basic"
    reduction = "reduction"


class Format(str, Enum):
    auto = "auto"
    rich = "rich"
    text = "text"
    markdown = "markdown"
    json = "json"


Inputs = Annotated[
    Optional[list[str]],
    typer.Argument(help="Article files, or - for stdin (read when no INPUT is given and stdin is not a terminal).", show_default=False),
]
Sentences = Annotated[Optional[int], typer.Option("--sentences", "-n", help="Summary length in sentences [default: 3].", show_default=False)]
Ratio = Annotated[Optional[float], typer.Option("--ratio", help="Summary length as a share of the sentences, 0 < R <= 1 (ceil, at least 1).", show_default=False)]
Words = Annotated[Optional[int], typer.Option("--words", help="Longest summary within N words; never cuts a sentence.", show_default=False)]
SummarizerOpt = Annotated[Summarizer, typer.Option("--summarizer", "-s", help="Ranking algorithm.", case_sensitive=False)]
Keyphrases = Annotated[int, typer.Option("--keyphrases", "-k", help="Number of keyphrases.", min=0)]
Only = Annotated[Optional[str], typer.Option("--only", help="Facts to extract, comma-separated: figures,dates,keyphrases,entities,quotes.", show_default=False)]
Language = Annotated[str, typer.Option("--language", "-l", help="Article language (summaries: any language sumy supports; facts: English).")]
DateOpt = Annotated[Optional[dt.datetime], typer.Option("--date", formats=["%Y-%m-%d"], help="The article's date, YYYY-MM-DD, for relative dates.", show_default=False)]
Encoding = Annotated[Optional[str], typer.Option("--encoding", help="Text encoding of the inputs (default: detected).", show_default=False)]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="auto: rich on a terminal, text otherwise; json: JSON Lines.", case_sensitive=False)]
NoText = Annotated[bool, typer.Option("--no-text", help="JSON: leave out the article text.")]
Debug = Annotated[bool, typer.Option("--debug", help="Show the traceback of internal errors.")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"briefing {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Offline news briefings: extractive summaries and key facts from articles.

    Exit codes: 0 all inputs briefed, 1 an input failed, 2 usage error, 70 internal error, 130 interrupted.
    """


@app.command()
def summarize(
    inputs: Inputs = None,
    sentences: Sentences = None,
    ratio: Ratio = None,
    words: Words = None,
    summarizer: SummarizerOpt = Summarizer.auto,
    language: Language = "english",
    encoding: Encoding = None,
    format: FormatOpt = Format.auto,
    no_text: NoText = False,
    debug: Debug = False,
) -> None:
    """Extractive summary: the most informative sentences, verbatim, in article order."""
    _run("summarize", inputs, locals())


@app.command()
def facts(
    inputs: Inputs = None,
    keyphrases: Keyphrases = 10,
    only: Only = None,
    language: Language = "english",
    date: DateOpt = None,
    encoding: Encoding = None,
    format: FormatOpt = Format.auto,
    no_text: NoText = False,
    debug: Debug = False,
) -> None:
    """Key facts: figures, dates, keyphrases, people, places, organisations and quotes."""
    _run("facts", inputs, locals())


@app.command()
def brief(
    inputs: Inputs = None,
    sentences: Sentences = None,
    ratio: Ratio = None,
    words: Words = None,
    summarizer: SummarizerOpt = Summarizer.auto,
    keyphrases: Keyphrases = 10,
    only: Only = None,
    language: Language = "english",
    date: DateOpt = None,
    encoding: Encoding = None,
    format: FormatOpt = Format.auto,
    no_text: NoText = False,
    debug: Debug = False,
) -> None:
    """The briefing: summary and key facts together (the main job)."""
    _run("brief", inputs, locals())


def _options(command: str, args: dict):
    """Validate the arguments and build BriefOptions; raises typer.BadParameter (exit 2)."""
    from .pipeline import FACT_KINDS, BriefOptions
    from .summarize import Length
    from .text.lang import normalize_language

    given = [name for name in ("sentences", "ratio", "words") if args.get(name) is not None]
    if len(given) > 1:
        raise typer.BadParameter("give only one of --sentences, --ratio, --words", param_hint=f"--{given[1]}")
    try:
        length = Length(**{given[0]: args[given[0]]}) if given else Length()
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"--{given[0]}") from None
    only = frozenset(FACT_KINDS)
    if args.get("only"):
        only = frozenset(k.strip().lower() for k in args["only"].split(",") if k.strip())
        unknown = sorted(only - set(FACT_KINDS))
        if unknown or not only:
            raise typer.BadParameter(
                f"unknown fact kind {unknown[0] if unknown else ''!r}; choose from {','.join(FACT_KINDS)}",
                param_hint="--only",
            )
    try:
        language = normalize_language(args["language"])
    except BriefingError as exc:
        raise typer.BadParameter(str(exc), param_hint="--language") from None
    date = args.get("date")
    return BriefOptions(
        summary=command in ("summarize", "brief"),
        facts=command in ("facts", "brief"),
        summarizer=args.get("summarizer", Summarizer.auto).value,
        length=length,
        keyphrases=args.get("keyphrases", 10),
        only=only,
        language=language,
        date=date.date() if date else None,
    )


def _run(command: str, inputs: list[str] | None, args: dict) -> None:
    options = _options(command, args)
    if not inputs:
        if sys.stdin is None or sys.stdin.isatty():
            raise typer.BadParameter("no INPUT given and stdin is a terminal", param_hint="INPUT")
        inputs = ["-"]
    fmt: Format = args["format"]
    from rich.console import Console

    console = Console(file=sys.stdout, highlight=False, emoji=False, markup=False)
    if fmt is Format.auto:
        fmt = Format.rich if console.is_terminal else Format.text
    code = ExitCode.OK
    wrote = False  # whether a block was written yet (blocks are separated by a blank line)
    try:
        for source in inputs:
            result = _one(command, source, options, args, fmt, console, several=len(inputs) > 1, first=not wrote)
            wrote = wrote or result is ExitCode.OK
            code = max(code, result)
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        raise typer.Exit(ExitCode.OK) from None
    except KeyboardInterrupt:
        _silence_stdout()
        raise typer.Exit(ExitCode.INTERRUPTED) from None
    raise typer.Exit(int(code))


def _one(command, source, options, args, fmt, console, *, several, first) -> ExitCode:
    """Brief one input and write it; returns its exit code. BrokenPipe/Ctrl-C propagate."""
    from .pipeline import brief, read_article
    from .render.json import dumps, error_dict, to_dict

    try:
        article = read_article(source, encoding=args.get("encoding"), language=options.language, date=options.date)
        briefing = brief(article, options)
    except BriefingError as exc:
        _error(source, str(exc))
        if fmt is Format.json:
            _write(dumps(error_dict(source, str(exc))) + "\n")
        return ExitCode.ERROR
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:  # a bug: one line, or the traceback with --debug
        if args.get("debug"):
            raise
        message = f"internal error ({type(exc).__name__}); rerun with --debug for the traceback"
        _error(source, message)
        if fmt is Format.json:
            _write(dumps(error_dict(source, message)) + "\n")
        return ExitCode.INTERNAL

    if fmt is Format.json:
        _write(dumps(to_dict(briefing, command, include_text=not args.get("no_text"))) + "\n")
    else:
        for warning in briefing.warnings:
            _warn(source, warning)
        if fmt is Format.rich:
            from .render.rich import render_rich

            console.print(render_rich(briefing, command))
        elif fmt is Format.markdown:
            from .render.markdown import render_markdown

            _write(("" if first else "\n") + render_markdown(briefing, command))
        else:
            from .render.safe import one_line
            from .render.text import render_text

            header = f"==> {one_line(source)} <==\n" if several else ""
            _write(("" if first else "\n") + header + render_text(briefing, command))
    return ExitCode.OK


def _write(text: str) -> None:
    sys.stdout.write(text)


def _error(source: str, message: str) -> None:
    from .render.safe import one_line

    sys.stderr.write(f"briefing: error: {one_line(source)}: {one_line(message)}\n")


def _warn(source: str, message: str) -> None:
    from .render.safe import one_line

    sys.stderr.write(f"briefing: warning: {one_line(source)}: {one_line(message)}\n")


def _silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main() -> None:
    """Console-script entry point (``briefing``)."""
    try:
        app(prog_name="briefing")
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
