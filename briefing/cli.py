"""The command line: parse arguments, build BriefOptions, call brief(), pick a renderer, map errors.

Everything heavy (sumy, NLTK, Rich renderables) is imported inside the commands so that
``briefing --help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from typer.core import TyperGroup

from . import __version__
from .cli_evaluate import evaluate_command
from .errors import BriefingError, ExitCode

# Click's exceptions, from the Click that Typer runs on (recent Typer vendors its own copy of Click).
_click_errors = sys.modules[typer.BadParameter.__module__]


@contextmanager
def _one_line_errors(ctx: typer.Context | None = None) -> Iterator[None]:
    """Print a Click error (usage error, bad value, ...) as one line on stderr, exit with its code.

    ``ctx`` is the group's context, to name the subcommand when Click's error carries no context
    (``Option '--format' requires an argument.``). Help is not an error: ``--help`` exits through
    an ``Exit`` and ``no_args_is_help`` prints the help itself, so both pass through.
    """
    try:
        yield
    except _click_errors.ClickException as exc:
        if type(exc).__name__ == "NoArgsIsHelpError":  # the help is already printed (Click >= 8.2)
            raise
        _error_line(exc, ctx)
        raise typer.Exit(exc.exit_code) from None


def _error_line(exc, group_ctx: typer.Context | None) -> None:
    """``briefing: error: MESSAGE; see 'briefing COMMAND --help'``: Click's message, made inert."""
    from .render.safe import one_line

    # One line, control characters made visible; Click's text, never parsed as Rich markup.
    message = one_line(exc.format_message()).replace("\u2028", " ").replace("\u2029", " ").strip()
    if message.endswith(".") and not message.endswith(".."):
        message = message[:-1]
    line = f"briefing: error: {message}"
    if isinstance(exc, _click_errors.UsageError):
        ctx = exc.ctx
        if ctx is not None:
            path = ctx.command_path
        elif group_ctx is not None and group_ctx.invoked_subcommand:
            path = f"{group_ctx.command_path} {group_ctx.invoked_subcommand}"
        else:
            path = group_ctx.command_path if group_ctx is not None else "briefing"
        line += f"; see '{one_line(path)} --help'"
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed or gone: the exit code still tells
        pass


class _Group(TyperGroup):
    """Typer's group, with every usage error as ONE line on stderr (exit 2) instead of Typer's Rich
    box; ``--help`` stays Typer's Rich help. Errors of the subcommands (parsing their options,
    validating values in the command) all surface in the group's ``invoke``."""

    def make_context(self, info_name, args, parent=None, **extra):
        with _one_line_errors():
            return super().make_context(info_name, args, parent=parent, **extra)

    def invoke(self, ctx):
        with _one_line_errors(ctx):
            return super().invoke(ctx)


app = typer.Typer(
    name="briefing",
    cls=_Group,
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
    typer.Argument(
        help="Article files, directories (searched recursively), http/https URLs, or - for stdin "
        "(read when no INPUT is given and stdin is not a terminal).",
        show_default=False,
    ),
]
Sentences = Annotated[Optional[int], typer.Option("--sentences", "-n", help="Summary length in sentences \\[default: 3].", show_default=False)]
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
_IN = "Inputs"
_OUT = "Volume and output"
Glob = Annotated[
    Optional[list[str]],
    typer.Option(
        "--glob",
        help="Files to take from directories (repeatable) \\[default: *.txt *.text *.md *.markdown *.html *.htm].",
        show_default=False,
        rich_help_panel=_IN,
    ),
]
FromList = Annotated[
    Optional[list[Path]],
    typer.Option("--from-list", help="A file with one path or URL a line (- for stdin); repeatable.", show_default=False, rich_help_panel=_IN),
]
Jsonl = Annotated[
    Optional[list[Path]],
    typer.Option("--jsonl", help="A JSON Lines file: one article per line, in --text-field; repeatable.", show_default=False, rich_help_panel=_IN),
]
TextField = Annotated[str, typer.Option("--text-field", help="JSON Lines: the field that holds the article text.", rich_help_panel=_IN)]
IdField = Annotated[
    Optional[str],
    typer.Option("--id-field", help="JSON Lines: the field whose value becomes the output's id.", show_default=False, rich_help_panel=_IN),
]
_LIMITS = "Limits"
Timeout = Annotated[
    float,
    typer.Option(
        "--timeout",
        help="Time limit per input, in seconds: fetching a URL (connecting, each read, the download), "
        "reading and briefing it. A slower input fails with 'timed out after N s'; the others go on.",
        min=0.001,
        max=86_400.0,  # a day: setitimer cannot take much more, and no article needs it
        rich_help_panel=_LIMITS,
    ),
]
MaxBytes = Annotated[
    int,
    typer.Option(
        "--max-bytes",
        help="Size limit per input, in bytes: a file, stdin, a JSON Lines record or a downloaded page. "
        "A larger input fails with 'input too large' before it is read.",
        min=1,
        max=2**40,  # 1 TiB: beyond what a read or an index can hold
        rich_help_panel=_LIMITS,
    ),
]
Jobs = Annotated[
    Optional[int],
    typer.Option("--jobs", "-j", help="Inputs briefed in parallel \\[default: the number of cores].", min=1, show_default=False, rich_help_panel=_OUT),
]
OutputDir = Annotated[
    Optional[Path],
    typer.Option(
        "--output-dir",
        "-o",
        help="Write one file per input into DIR (.json, .md or .txt) instead of stdout.",
        show_default=False,
        file_okay=False,
        rich_help_panel=_OUT,
    ),
]


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
    glob: Glob = None,
    from_list: FromList = None,
    jsonl: Jsonl = None,
    text_field: TextField = "text",
    id_field: IdField = None,
    timeout: Timeout = 60.0,
    max_bytes: MaxBytes = 10_000_000,
    jobs: Jobs = None,
    output_dir: OutputDir = None,
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
    glob: Glob = None,
    from_list: FromList = None,
    jsonl: Jsonl = None,
    text_field: TextField = "text",
    id_field: IdField = None,
    timeout: Timeout = 60.0,
    max_bytes: MaxBytes = 10_000_000,
    jobs: Jobs = None,
    output_dir: OutputDir = None,
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
    glob: Glob = None,
    from_list: FromList = None,
    jsonl: Jsonl = None,
    text_field: TextField = "text",
    id_field: IdField = None,
    timeout: Timeout = 60.0,
    max_bytes: MaxBytes = 10_000_000,
    jobs: Jobs = None,
    output_dir: OutputDir = None,
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
    if args.get("only") is not None:
        only = frozenset(k.strip().lower() for k in args["only"].split(",") if k.strip())
        unknown = sorted(only - set(FACT_KINDS))
        if unknown or not only:
            raise typer.BadParameter(
                f"unknown fact kind {unknown[0] if unknown else ''!r}; choose from {','.join(FACT_KINDS)}",
                param_hint="--only",
            )
    if args.get("encoding"):
        import codecs

        try:
            codecs.lookup(args["encoding"])
        except LookupError:
            raise typer.BadParameter(f"unknown encoding {args['encoding']!r}", param_hint="--encoding") from None
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
    _ensure_streams()
    from_list = [str(p) for p in args.get("from_list") or ()]
    jsonl = [str(p) for p in args.get("jsonl") or ()]
    stdin_uses = {name: list(given or ()).count("-") for name, given in (("INPUT", inputs), ("--from-list", from_list), ("--jsonl", jsonl))}
    if sum(stdin_uses.values()) > 1:  # a second reader would find stdin empty
        where = " and ".join(name for name, count in stdin_uses.items() if count)
        raise typer.BadParameter(f"- (standard input) given {sum(stdin_uses.values())} times; it can be read only once", param_hint=where)
    if not inputs and not from_list and not jsonl:
        if sys.stdin is None or sys.stdin.isatty():
            raise typer.BadParameter("no INPUT given and stdin is a terminal", param_hint="INPUT")
        inputs = ["-"]
    output_dir: Path | None = args.get("output_dir")
    if output_dir is not None:
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise typer.BadParameter(f"cannot create {output_dir}: {exc.strerror or exc}", param_hint="--output-dir") from None
    import itertools

    from rich.console import Console

    from .batch import Job, default_jobs, quiet_library_logs, run
    from .inputs import ReadOptions, iter_sources
    from .output import Interrupts, Output, WriteFailed, error_line, flush_stdout, progress_bar, silence_stdout

    # No file= : the console follows sys.stdout, whatever it is when printing.
    console = Console(highlight=False, emoji=False, markup=False)
    fmt: Format = args["format"]
    if fmt is Format.auto:
        fmt = Format.rich if output_dir is None and console.is_terminal else Format.text
    if output_dir is not None and fmt is Format.rich:
        fmt = Format.text  # files get the plain-text view
    read = ReadOptions(
        encoding=args.get("encoding"),
        timeout=args.get("timeout", 60.0),
        max_bytes=args.get("max_bytes", 10_000_000),
        text_field=args.get("text_field", "text"),
        id_field=args.get("id_field"),
    )
    job = Job(command, options, fmt.value, include_text=not args.get("no_text"), read=read, debug=bool(args.get("debug")))
    quiet_library_logs()
    listing = {"globs": args.get("glob"), "from_list": from_list, "jsonl": jsonl}
    sources = iter_sources(inputs or (), max_bytes=read.max_bytes, **listing)
    out = Output(command, fmt.value, console, output_dir)
    with Interrupts() as guard:
        out.guard = guard
        try:
            head = list(itertools.islice(sources, 2))  # one input, or several?
            several = len(head) > 1
            jobs = (args.get("jobs") or default_jobs()) if several else 1
            show_progress = several and (output_dir is not None or not console.is_terminal)
            outcomes = run(job, itertools.chain(head, sources), jobs=jobs)  # starts the pool
            try:
                with progress_bar(show_progress, inputs or (), listing) as advance:
                    for outcome in outcomes:
                        out.emit(outcome, several=several)
                        advance()
            except KeyboardInterrupt:
                guard.stop()
                raise
            finally:
                outcomes.close()  # on Ctrl-C or a closed pipe: cancel the rest, end the workers
            flush_stdout()
        except BrokenPipeError:
            silence_stdout()
            raise typer.Exit(ExitCode.OK) from None
        except WriteFailed as exc:  # writing stdout failed: a full disk, an I/O error
            silence_stdout()
            error_line("<stdout>", f"cannot write the output: {exc}")
            raise typer.Exit(ExitCode.ERROR) from None
        except KeyboardInterrupt:
            guard.stop()
            silence_stdout()
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except (typer.Exit, BriefingError):
            raise
        except Exception as exc:  # the pool itself broke (a worker killed): a bug, not an input
            if args.get("debug"):
                raise
            sys.stderr.write(f"briefing: error: internal error ({type(exc).__name__}); rerun with --debug for the traceback\n")
            raise typer.Exit(ExitCode.INTERNAL) from None
    if several and out.failed:
        sys.stderr.write(f"{out.ok} briefed, {out.failed} failed\n")
    raise typer.Exit(int(out.code))


app.command(name="evaluate")(evaluate_command)


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the JSON output, version 1."""
    from .output import silence_stdout
    from .schema import schema_text

    try:
        _write(schema_text())
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def _write(text: str) -> None:
    sys.stdout.write(text)


def _ensure_streams() -> None:
    """A closed stdout or stderr (``briefing ... >&-``) makes Python set sys.stdout/stderr to
    None: point them at /dev/null, so that writing is quiet (stdout: the same as a reader that
    went away, exit 0; stderr: errors are lost, the exit code still tells)."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives until exit)


def main() -> None:
    """Console-script entry point (``briefing``)."""
    _ensure_streams()
    try:
        app(prog_name="briefing")
    except KeyboardInterrupt:
        sys.exit(ExitCode.INTERRUPTED)
