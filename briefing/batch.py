"""Briefing many inputs: one worker function, run in this process or in a pool of processes.

:func:`process` reads, briefs and renders one :class:`~briefing.inputs.Source` and returns an
:class:`Outcome`; it never raises for a bad input. :func:`run` maps it over a lazy stream of
sources and yields the outcomes **in input order**, keeping at most a small window of inputs in
flight, so that the first result comes out before the last input is listed and memory does not
grow with the number of inputs.

On Linux the workers are forked from the parent after it has warmed the pipeline (imports,
Punkt, word lists), so they start at once and share that memory; elsewhere (or when the
parent already runs threads) a ``forkserver`` that preloads the pipeline, or ``spawn``.
Workers ignore SIGINT; the parent terminates them on Ctrl-C.

Time limit: each input must be fetched, read, briefed and rendered within ``job.read.timeout``
seconds. :class:`deadline` enforces it in the process that briefs the input (a worker, or this
process with one job) with a POSIX interval timer (``setitimer(ITIMER_REAL)``): when it expires,
the ``SIGALRM`` handler raises :class:`TimedOut` in the briefing code, which ends that input
with the error "timed out after N s" and frees the process for the next input. TimedOut is a
BaseException, so no ``except Exception`` in a library can swallow it, and the timer repeats
every quarter second until the input is over, in case one expiry lands where Python ignores
exceptions. Python handles signals between bytecodes (and the regex engine checks for them),
so a long computation in Python stops at once; a single call into C code (an lxml parse) stops
when it returns. Where there is no ``setitimer`` (Windows) or off the main thread, only URL
downloads are time-limited.
"""

from __future__ import annotations

import logging
import os
import signal
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .document import Briefing
from .errors import BriefingError
from .inputs import ReadOptions, Source

# Loggers of the HTML stack: their warnings about odd pages must not reach the user's terminal
# through logging's last-resort handler (our own error line says what went wrong).
_NOISY_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext", "charset_normalizer")


@dataclass(frozen=True, slots=True)
class Job:
    """What every input of one run gets: the command, BriefOptions, the output format
    (``json``, ``text``, ``markdown`` or ``rich``), JSON's `include_text`, how to read inputs,
    and `debug` (tracebacks for internal errors)."""

    command: str
    options: object  # pipeline.BriefOptions (imported lazily)
    format: str
    include_text: bool = True
    read: ReadOptions = ReadOptions()
    debug: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of one input. On success `output` is the rendered text (json, text,
    markdown) or `briefing` is set (rich, rendered by the parent); on failure `error` is the
    one-line message and `internal` tells a bug from a bad input (`traceback` with --debug).
    `kind` is the source's kind (path, url, stdin, record)."""

    source: str
    kind: str = "path"
    id: str | None = None
    output: str | None = None
    briefing: Briefing | None = None
    warnings: tuple[str, ...] = ()
    error: str | None = None
    internal: bool = False
    traceback: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class TimedOut(BaseException):
    """The time limit of an input expired (raised by :class:`deadline`'s alarm)."""


class deadline:
    """``with deadline(seconds):`` raises TimedOut inside the block once `seconds` have passed
    (and again every `repeat` seconds until the block is left). A no-op without ``setitimer``,
    off the main thread, or for ``seconds=None``. `expired` tells afterwards whether it fired."""

    def __init__(self, seconds: float | None, *, repeat: float = 0.25) -> None:
        self.seconds = seconds
        self.repeat = repeat
        self.armed = False
        self.expired = False
        self.previous = None

    def __enter__(self) -> deadline:
        import threading

        if (
            self.seconds
            and self.seconds > 0
            and hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
        ):
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            self.armed = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds, self.repeat)
        return self

    def _fire(self, signum, frame) -> None:
        if self.armed:
            self.expired = True
            raise TimedOut

    def __exit__(self, *exc) -> bool:
        if self.previous is not None:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0, 0)
            signal.signal(signal.SIGALRM, self.previous)
            self.previous = None
        return False


def timed_out(seconds: float) -> str:
    """The message for an input over the time limit."""
    return f"timed out after {seconds:g} s"


def quiet_library_logs() -> None:
    """Silence the HTML stack's loggers (their messages would bypass our error lines)."""
    for name in _NOISY_LOGGERS:
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL + 1)


def process(job: Job, source: Source, *, reraise: bool = False) -> Outcome:
    """Read, brief and render one source within the time limit (``job.read.timeout``). A
    BriefingError becomes an error Outcome, and so does the time limit ("timed out after N s");
    any other exception is a bug: an internal-error Outcome (with its traceback when
    `job.debug`), or re-raised when `reraise` (the in-process --debug path)."""
    from .inputs import LoadError

    id = None
    timer = deadline(job.read.timeout)
    try:
        try:
            with timer:
                outcome = _process(job, source)
        except TimedOut:
            timer.expired = True
        if timer.expired:  # (also when the alarm fired where its exception was lost)
            from .inputs import record_id

            raise LoadError(timed_out(job.read.timeout), id=record_id(source, job.read))
        return outcome
    except LoadError as exc:
        return Outcome(source.name, source.kind, id=exc.id, error=str(exc))
    except BriefingError as exc:
        return Outcome(source.name, source.kind, id=id, error=str(exc))
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as exc:  # a bug
        if reraise:
            raise
        message = f"internal error ({type(exc).__name__}); rerun with --debug for the traceback"
        return Outcome(
            source.name,
            source.kind,
            id=id,
            error=message,
            internal=True,
            traceback=traceback.format_exc() if job.debug else None,
        )


def _process(job: Job, source: Source) -> Outcome:
    from dataclasses import replace

    from .inputs import load
    from .pipeline import article_from_text, brief

    loaded = load(source, job.read)
    id = loaded.id
    article = article_from_text(
        loaded.text,
        source=source.name,
        language=job.options.language,
        date=job.options.date,
        title=loaded.title,
        metadata=loaded.metadata,
    )
    briefing = brief(article, job.options)
    if loaded.warnings:  # what reading changed comes first (invalid bytes replaced)
        briefing = replace(briefing, warnings=tuple(dict.fromkeys(loaded.warnings + briefing.warnings)))
    if job.format == "rich":
        return Outcome(source.name, source.kind, id=id, briefing=briefing, warnings=briefing.warnings)
    return Outcome(source.name, source.kind, id=id, output=render(job, briefing, id), warnings=briefing.warnings)


def render(job: Job, briefing: Briefing, id: str | None) -> str:
    """The output of one briefing in `job.format` (not rich): a JSON line, or a text block."""
    if job.format == "json":
        from .render.json import dumps, to_dict

        return dumps(to_dict(briefing, job.command, include_text=job.include_text, id=id)) + "\n"
    if job.format == "markdown":
        from .render.markdown import render_markdown

        return render_markdown(briefing, job.command, id=id)
    from .render.text import render_text

    return render_text(briefing, job.command)


# --- pools -----------------------------------------------------------------------------------

_JOB: Job | None = None


def _init_worker(job: Job) -> None:
    global _JOB
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when workers stop
    quiet_library_logs()
    _JOB = job


def _work(source: Source) -> Outcome:
    assert _JOB is not None
    return process(_JOB, source)


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def warm(job: Job) -> None:
    """Import what a worker needs and fill the lazy caches (Punkt, word lists) by briefing a
    tiny article, so that forked workers share them instead of each loading its own."""
    from .pipeline import article_from_text, brief

    article = article_from_text(
        "Council backs plan\n\nThe council met on May 20, 2019, and 12 people spoke. "
        "\"We agree,\" said Mayor Ana Ruiz of Springfield.",
        language=job.options.language,
    )
    briefing = brief(article, job.options)
    if job.format != "rich":
        render(job, briefing, None)


def _context():
    """``fork`` on Linux while this process has a single thread (workers then share the warmed
    parent); otherwise ``forkserver`` (preloading the pipeline) or ``spawn``."""
    import multiprocessing
    import sys
    import threading

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["briefing.batch", "briefing.pipeline", "briefing.summarize", "briefing.facts"])
        return context
    return multiprocessing.get_context("spawn")


def _ready() -> bool:
    return True


def run(job: Job, sources: Iterable[Source], *, jobs: int = 1, window: int | None = None) -> Iterator[Outcome]:
    """Outcomes of `sources`, in order. ``jobs <= 1`` works in this process; otherwise a pool of
    `jobs` processes, with at most `window` inputs (default 4 per process) in flight.

    The pool is started here, before the first outcome is asked for (call this before starting
    any thread). Closing the returned generator (or Ctrl-C in the parent) cancels what is
    pending and ends the workers."""
    if jobs <= 1:
        return (process(job, source, reraise=job.debug) for source in sources)
    from concurrent.futures import ProcessPoolExecutor

    context = _context()
    if context.get_start_method() == "fork":
        import gc

        warm(job)
        gc.freeze()  # the warmed objects stay shared: the workers' collector never touches their pages
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(job,))
    try:
        executor.submit(_ready).result()  # start the workers now (fork: all of them)
    except BaseException:
        _stop(executor, deque())
        raise
    return _ordered(executor, sources, window or 4 * jobs)


def _ordered(executor, sources: Iterable[Source], window: int) -> Iterator[Outcome]:
    pending: deque = deque()
    finished = False
    try:
        for source in sources:
            pending.append(executor.submit(_work, source))
            if len(pending) >= window:
                yield pending.popleft().result()
            while pending and pending[0].done():  # what is ready goes out at once
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        finished = True
    finally:
        if finished:
            executor.shutdown(wait=True)
        else:
            _stop(executor, pending)


def _stop(executor, pending: deque) -> None:
    """Cancel pending inputs and terminate the worker processes now (Ctrl-C, closed pipe)."""
    for future in pending:
        future.cancel()
    processes = list(getattr(executor, "_processes", {}).values())
    executor.shutdown(wait=False, cancel_futures=True)
    for proc in processes:
        if proc.is_alive():
            proc.terminate()
    for proc in processes:
        proc.join(timeout=2)


__all__ = ["Job", "Outcome", "TimedOut", "deadline", "default_jobs", "process", "quiet_library_logs", "render", "run", "timed_out", "warm"]
