"""Writing the outcomes of a run: stdout or one file per input, stderr lines, a progress bar.

The CLI builds these once per command; they hold no Typer code, so tests and other front ends
can drive them. Rich is imported inside the functions that draw.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import ExitCode


def error_line(source: str, message: str) -> None:
    """``briefing: error: SOURCE: MESSAGE`` on stderr, made inert and kept on one line."""
    from .render.safe import one_line

    sys.stderr.write(f"briefing: error: {one_line(source)}: {one_line(message)}\n")


def warning_line(source: str, message: str) -> None:
    """``briefing: warning: SOURCE: MESSAGE`` on stderr."""
    from .render.safe import one_line

    sys.stderr.write(f"briefing: warning: {one_line(source)}: {one_line(message)}\n")


class WriteFailed(Exception):
    """Writing stdout failed for a reason other than a closed pipe (a full disk, an I/O error);
    the message is the one-line reason."""


def _writing(action) -> None:
    """Run a write to stdout: a closed pipe stays a BrokenPipeError (the reader went away, a
    quiet end); any other OSError becomes WriteFailed."""
    import errno

    try:
        action()
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.errno == errno.EPIPE:
            raise BrokenPipeError(exc.errno, exc.strerror) from None
        from .reader import os_error_message

        raise WriteFailed(os_error_message(exc)) from None


def flush_stdout() -> None:
    """Flush stdout (WriteFailed or BrokenPipeError when it cannot take the data)."""
    _writing(sys.stdout.flush)


class Interrupts:
    """Ctrl-C during a write is held until the write is complete, so that no partial JSON line
    (or half a text block) reaches stdout; at any other moment it interrupts at once.

    A KeyboardInterrupt raised while Python runs a finalizer (a ``__del__``) is swallowed by the
    interpreter, so after the first Ctrl-C the signal is sent again every 0.25 s until the run
    loop has caught it and called :meth:`stop`.
    """

    REPEAT = 0.25

    def __init__(self) -> None:
        self.writing = False
        self.pending = False
        self.previous = None
        self.stopping = False
        self._repeater = None

    def __enter__(self) -> Interrupts:
        import signal
        import threading

        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *exc) -> None:
        import signal

        self.stop()
        if self.previous is not None:
            signal.signal(signal.SIGINT, self.previous)

    def stop(self) -> None:
        """The interrupt was caught: no more repeats (the shutdown itself must not be cut)."""
        self.stopping = True

    def _handler(self, signum, frame) -> None:
        if self.stopping:
            return
        if self._repeater is None:
            import threading

            self._repeater = threading.Thread(target=self._repeat, name="briefing-sigint", daemon=True)
            self._repeater.start()
        if self.writing:
            self.pending = True
        else:
            raise KeyboardInterrupt

    def _repeat(self) -> None:
        import os
        import signal
        import time

        while True:
            time.sleep(self.REPEAT)
            if self.stopping:
                return
            os.kill(os.getpid(), signal.SIGINT)

    def write(self, action) -> None:
        self.writing = True
        try:
            _writing(action)
            flush_stdout()
        finally:
            self.writing = False
        if self.pending:
            raise KeyboardInterrupt


class Output:
    """Writes outcomes in order: to stdout (JSON lines, text blocks, Rich panels) or, with
    --output-dir, one file per input; errors and warnings to stderr; counts for the summary."""

    def __init__(self, command: str, fmt: str, console, output_dir: Path | None) -> None:
        self.command = command
        self.fmt = fmt
        self.console = console
        self.output_dir = output_dir
        self.guard: Interrupts | None = None
        self.wrote = False
        self.ok = 0
        self.failed = 0
        self.code = ExitCode.OK
        self.names: set[str] = set()

    def _write(self, action) -> None:
        if self.guard is not None:
            self.guard.write(action)
        else:
            _writing(action)

    def emit(self, outcome, *, several: bool) -> None:
        from .render.json import dumps, error_dict

        if not outcome.ok:
            self.failed += 1
            self.code = max(self.code, ExitCode.INTERNAL if outcome.internal else ExitCode.ERROR)
            if outcome.traceback:
                sys.stderr.write(outcome.traceback)
            error_line(outcome.source, outcome.error)
            if self.fmt == "json" and self.output_dir is None:
                line = dumps(error_dict(outcome.source, outcome.error, id=outcome.id)) + "\n"
                self._write(lambda: sys.stdout.write(line))
            return
        self.ok += 1
        for warning in outcome.warnings:
            warning_line(outcome.source, warning)
        if self.output_dir is not None:
            self._write_file(outcome)
        elif self.fmt == "json":
            self._write(lambda: sys.stdout.write(outcome.output))
        elif self.fmt == "rich":
            from .render.rich import render_rich

            renderable = render_rich(outcome.briefing, self.command, id=outcome.id)
            self._write(lambda: self.console.print(renderable))
        else:
            block = "" if not self.wrote else "\n"
            if self.fmt == "text" and several:
                from .render.text import header

                block += header(outcome.source, outcome.id)
            block += outcome.output
            self._write(lambda: sys.stdout.write(block))
        self.wrote = True

    def _write_file(self, outcome) -> None:
        name = output_name(outcome.source, outcome.id, outcome.kind, self.fmt, self.names)
        self.names.add(name)
        path = self.output_dir / name
        try:
            write_file(path, outcome.output)
        except OSError as exc:  # a full disk, a read-only folder: this input failed, no file left
            from .reader import os_error_message

            self.ok -= 1
            self.failed += 1
            self.code = max(self.code, ExitCode.ERROR)
            error_line(str(path), f"cannot write: {os_error_message(exc)}")


def write_file(path: Path, text: str) -> None:
    """Write `text` to `path` whole or not at all: into a hidden temporary file in the same
    folder, then renamed over `path`; on failure (a full disk) the temporary file is removed
    and OSError raised; Ctrl-C while writing removes it too. No half-written file is ever left."""
    import os

    temporary = path.with_name(f".{path.name}.part")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def output_name(source: str, id: str | None, kind: str, fmt: str, used: set[str]) -> str:
    """A file name for one input's output: from its id, file name, URL or record line, made
    safe, with the format's extension, and unique among `used` (``name-2.json``, ...)."""
    import re
    from urllib.parse import urlsplit

    extension = {"json": ".json", "markdown": ".md"}.get(fmt, ".txt")
    if id:
        base = id
    elif kind == "stdin":
        base = "stdin"
    elif kind == "url":
        parts = urlsplit(source)
        tail = parts.path.rstrip("/").rsplit("/", 1)[-1]
        base = tail.rsplit(".", 1)[0] if tail else parts.hostname or "page"
    elif kind == "record":
        file, _, line = source.rpartition(":")
        base = f"{Path(file).stem}-{line}"
    else:
        base = Path(source).stem or Path(source).name
    base = re.sub(r"[^\w.-]+", "_", base).strip("._")[:100] or "input"
    name, n = base + extension, 1
    while name in used:
        n += 1
        name = f"{base}-{n}{extension}"
    return name


class progress_bar:
    """A Rich progress bar on stderr (count, rate, time left) when `show` and stderr is a
    terminal; the total is counted in a background thread so that briefing starts at once.
    Used as ``with _progress(...) as advance: ... advance()``."""

    def __init__(self, show: bool, inputs, listing: dict) -> None:
        self.show = show
        self.inputs = inputs
        self.listing = listing
        self.progress = None

    def __enter__(self):
        if not self.show:
            return lambda: None
        from rich.console import Console

        stderr = Console(stderr=True)
        if not stderr.is_terminal:
            return lambda: None
        import threading

        from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeRemainingColumn
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task) -> Text:
                speed = task.finished_speed or task.speed
                return Text("" if speed is None else f"{speed:.1f}/s", style="progress.data.speed")

        progress = Progress(
            TextColumn("briefing"),
            BarColumn(),
            MofNCompleteColumn(),
            Rate(),
            TimeRemainingColumn(),
            console=stderr,
            redirect_stdout=False,
            redirect_stderr=True,
        )
        task = progress.add_task("briefing", total=None)
        progress.start()
        self.progress = progress

        def count() -> None:
            from .inputs import iter_sources

            try:
                total = sum(1 for _ in iter_sources(self.inputs, read_data=False, **self.listing))
            except Exception:  # counting is a nicety; the run goes on without a total
                return
            progress.update(task, total=total)

        threading.Thread(target=count, name="briefing-count", daemon=True).start()
        return lambda: progress.advance(task)

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()


__all__ = [
    "Interrupts",
    "Output",
    "WriteFailed",
    "error_line",
    "flush_stdout",
    "output_name",
    "progress_bar",
    "warning_line",
    "write_file",
]


def silence_stdout() -> None:
    """After a closed pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
