"""Robustness: every degenerate and hostile input of issue 7, run as a real `briefing` process.

Usage: python benchmarks/robustness.py [--budget SECONDS] [--only SUBSTRING] [--keep]

Prints one row per case: the exit code (and whether it is the expected one), wall time and peak
memory of the process and its workers (``os.wait4``'s rusage, max RSS), and the first line of
stderr. Big inputs (a 1,500-sentence article, 1 MB and 10 MiB lines, a 50 MB article, a page of
200,000 table rows, 10,000 nested elements) are generated at run time in a temporary folder and
deleted afterwards (``--keep`` leaves them). ``--budget`` is the --timeout given to the runs
whose size limit is raised (default 60, the default --timeout: the documented time budget).
Not part of the test run: the tests check the same cases with small time limits.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_3659efa8dcf43795.txt"
MB = 1_000_000
PARAGRAPH = "<p>The council said on Monday that 12 people were hurt in Springfield after a storm hit the region overnight.</p>"
EVIL = (
    "Evil [bold red]headline[/] \x1b]0;title\x07\n\n"
    "The [link=file:///etc/passwd]mayor[/link] said \x1b]0;pwned\x07 hello to 12 residents.\x1b[2J "
    "Officials \u202egnorw\u202c confirmed the plan on May 20, 2019, in Springfield."
)
TEXT = "Café owners in Zürich raised prices by 5 percent on Monday. Customers complained loudly."


@dataclass
class Case:
    name: str
    args: list[str]
    expect: int  # the exit code this case must give
    stdout: str = "file"  # file, devnull, full (/dev/full), closed, head (| head -1)
    python: str | None = None  # run `python -c` this instead of `python -m briefing`


def sentences_article(n: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    words = (
        "the council said on Monday that 12 people were hurt in Springfield after a storm hit the region and "
        "officials from the Defense Ministry warned residents to stay inside while roads remained closed"
    ).split()
    out = ["Storm hits Springfield\n\n"]
    for i in range(n):
        out.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 25))).capitalize() + ".")
        out.append("\n\n" if i % 5 == 4 else " ")
    return "".join(out)


def one_line(size: int) -> str:
    chunk = "rain fell on the council offices in springfield while officials met on monday and "
    return (chunk * (size // len(chunk) + 1))[:size]


def write_size(path: Path, size: int) -> None:
    block = sentences_article(500).encode("utf-8")
    with open(path, "wb") as handle:
        for _ in range(size // len(block)):
            handle.write(block)
        handle.write(block[: size % len(block)])


def make_inputs(d: Path) -> dict[str, Path]:
    p = {name: d / name for name in (
        "empty.txt", "blank.txt", "punct.txt", "numbers.txt", "repeat.txt", "s1500.txt", "huge50mb.txt",
        "sentence1mb.txt", "line10mib.txt", "deep.html", "rows.html", "evil.txt", "bad-utf8.txt",
        "utf16le.txt", "latin1.txt", "binary.txt", "feed.jsonl", "-rf", "two\nlines.txt",
    )}
    p["empty.txt"].write_bytes(b"")
    p["blank.txt"].write_text(" \n\t\n\u00a0\n", encoding="utf-8")
    p["punct.txt"].write_text("... !!! ???", encoding="utf-8")
    p["numbers.txt"].write_text("2024. 3.5. 17.", encoding="utf-8")
    p["repeat.txt"].write_text("Rain fell. Rain fell. Rain fell.", encoding="utf-8")
    p["s1500.txt"].write_text(sentences_article(1500), encoding="utf-8")
    write_size(p["huge50mb.txt"], 50 * MB)
    p["sentence1mb.txt"].write_text(one_line(MB), encoding="utf-8")
    p["line10mib.txt"].write_text(one_line(10 * 1024 * 1024), encoding="utf-8")
    p["deep.html"].write_text("<html><body>" + "<div>" * 10_000 + PARAGRAPH + "</div>" * 10_000 + "</body></html>", encoding="utf-8")
    rows = "".join(f"<tr><td>{i}</td><td>row {i}</td></tr>" for i in range(200_000))
    p["rows.html"].write_text(f"<html><body><article>{PARAGRAPH}<table>{rows}</table>{PARAGRAPH}</article></body></html>", encoding="utf-8")
    p["evil.txt"].write_text(EVIL, encoding="utf-8")
    p["bad-utf8.txt"].write_bytes(TEXT.encode("utf-8").replace(b"5 percent", b"5 \xff percent"))
    p["utf16le.txt"].write_bytes(TEXT.encode("utf-16-le"))
    p["latin1.txt"].write_bytes(TEXT.encode("latin-1"))
    p["binary.txt"].write_bytes(b"Rain fell.\x00\x00\x00 Roads closed." + bytes(range(256)))
    p["feed.jsonl"].write_text('{"text": "Rain fell \\udcff on Monday. Roads closed."}\n', encoding="utf-8")
    p["-rf"].write_text("Rain fell on Monday. Roads closed.", encoding="utf-8")
    p["two\nlines.txt"].write_text("Rain fell on Monday. Roads closed.", encoding="utf-8")
    folder = d / "folder"
    folder.mkdir()
    shutil.copy(SEED, folder / "good.txt")
    os.symlink("b.txt", folder / "a.txt")
    os.symlink("a.txt", folder / "b.txt")
    os.symlink("..", folder / "up")
    locked = folder / "locked.txt"
    locked.write_text("Rain fell on Monday. Roads closed.", encoding="utf-8")
    locked.chmod(0)  # unreadable, except for root
    p["folder"] = folder
    p["news"] = d / "news"
    p["news"].mkdir()
    for i in range(6):
        shutil.copy(SEED, p["news"] / f"story{i}.txt")
    return p


FULL_DISK_OUTPUT_DIR = """
import builtins, sys
import briefing.output as output
def full_open(path, mode="r", *args, **kwargs):
    if "w" in mode and str(path).startswith(sys.argv[-1]):
        return builtins.open("/dev/full", mode, *args, **kwargs)
    return builtins.open(path, mode, *args, **kwargs)
output.open = full_open
from briefing.cli import main
main()
"""


def cases(p: dict[str, Path], d: Path, budget: float) -> list[Case]:
    raised = ["--timeout", f"{budget:g}"]
    out = []
    add = out.append
    add(Case("empty file", ["brief", p["empty.txt"]], 1))
    add(Case("whitespace-only file", ["brief", p["blank.txt"]], 1))
    add(Case("punctuation only", ["brief", p["punct.txt"], "-f", "json"], 0))
    add(Case("numbers only", ["brief", p["numbers.txt"], "-f", "json"], 0))
    for s in ("auto", "lsa", "lex-rank", "text-rank", "kl"):
        add(Case(f"repeated sentences, -s {s}", ["summarize", p["repeat.txt"], "-s", s, "-f", "json"], 0))
    add(Case("1,500 sentences, brief", ["brief", p["s1500.txt"], "-f", "json", "--no-text"], 0))
    add(Case("50 MB article (default limit)", ["brief", p["huge50mb.txt"]], 1))
    add(Case(f"50 MB article, --max-bytes 60M --timeout {budget:g}", ["brief", p["huge50mb.txt"], "-f", "json", "--no-text", "--max-bytes", str(60 * MB), *raised], 1))
    add(Case("1 MB sentence, no punctuation", ["brief", p["sentence1mb.txt"], "-f", "json", "--no-text", *raised], 0))
    add(Case("1 MB sentence, --timeout 2", ["brief", p["sentence1mb.txt"], "-f", "json", "--timeout", "2"], 1))
    add(Case("10 MiB line (default limit)", ["brief", p["line10mib.txt"]], 1))
    add(Case(f"10 MiB line, --max-bytes 20M --timeout {budget:g}", ["brief", p["line10mib.txt"], "-f", "json", "--no-text", "--max-bytes", str(20 * MB), *raised], 1))
    add(Case("HTML nested 10,000 deep", ["brief", p["deep.html"]], 1))
    add(Case("HTML table of 200,000 rows", ["brief", p["rows.html"], "-f", "json", "--no-text", *raised], 0))
    for fmt in ("text", "markdown", "json"):
        add(Case(f"markup, ANSI, OSC, bidi: {fmt}", ["brief", p["evil.txt"], "-f", fmt], 0))
    add(Case("markup, ANSI, OSC, bidi: rich", ["brief", p["evil.txt"], "-f", "rich"], 0))
    add(Case("invalid UTF-8 (replaced, warning)", ["summarize", p["bad-utf8.txt"]], 0))
    add(Case("UTF-16 without BOM", ["summarize", p["utf16le.txt"]], 0))
    add(Case("Latin-1", ["summarize", p["latin1.txt"]], 0))
    add(Case("NUL bytes (binary)", ["summarize", p["binary.txt"]], 1))
    add(Case("JSONL with a lone surrogate", ["summarize", "--jsonl", p["feed.jsonl"], "-f", "json"], 0))
    add(Case("folder: symlink loop, unreadable file", ["summarize", p["folder"], "-f", "json", "-j", "1"], 1))
    add(Case("a file named -rf (after --)", ["summarize", "--", p["-rf"]], 0))
    add(Case("a path with a newline", ["summarize", p["two\nlines.txt"], "-f", "json"], 0))
    add(Case("| head -1 (6 inputs, -j 2)", ["brief", p["news"], "-f", "json", "-j", "2"], 0, stdout="head"))
    add(Case("closed stdout", ["brief", SEED], 0, stdout="closed"))
    add(Case("stdout on a full disk (/dev/full)", ["brief", SEED], 1, stdout="full"))
    add(Case("--output-dir on a full disk", ["brief", p["news"], "-j", "1", "-o", d / "out"], 1, python=FULL_DISK_OUTPUT_DIR))
    return out


def run_case(case: Case, d: Path) -> tuple[int, float, float, str]:
    """(exit code, wall seconds, peak RSS in MB of the process tree's largest, first stderr line)."""
    if case.python is not None:
        cmd = [sys.executable, "-c", case.python, *map(str, case.args)]
    else:
        cmd = [sys.executable, "-m", "briefing", *map(str, case.args)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "COLUMNS": "100"}
    err_path = d / "stderr.txt"
    kwargs: dict = {}
    if case.stdout == "closed":
        kwargs["preexec_fn"] = lambda: os.close(1)
        stdout = None
    elif case.stdout == "full":
        stdout = open("/dev/full", "w")  # noqa: SIM115
    elif case.stdout == "head":
        stdout = subprocess.PIPE
    else:
        stdout = open(d / "stdout.txt", "w")  # noqa: SIM115
    with open(err_path, "w") as err:
        started = time.monotonic()
        proc = subprocess.Popen(cmd, stdout=stdout, stderr=err, env=env, cwd=d, **kwargs)
        if case.stdout == "head":
            proc.stdout.readline()
            proc.stdout.close()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
    if hasattr(stdout, "close"):
        stdout.close()
    lines = err_path.read_text(encoding="utf-8", errors="replace").splitlines()
    first = lines[0] if lines else ""
    first = first.replace(str(d) + os.sep, "").replace("\n", " ")
    if case.stdout == "file" and "json" in case.args and proc.returncode in (0, 1):
        for line in (d / "stdout.txt").read_text(encoding="utf-8").splitlines():
            json.loads(line)  # never a partial line
    return proc.returncode, wall, usage.ru_maxrss / 1024, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--budget", type=float, default=60.0, help="--timeout of the runs with a raised size limit")
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    parser.add_argument("--keep", action="store_true", help="keep the generated inputs")
    args = parser.parse_args()
    d = Path(tempfile.mkdtemp(prefix="briefing-robustness-"))
    try:
        started = time.monotonic()
        p = make_inputs(d)
        print(f"inputs generated in {d} in {time.monotonic() - started:.1f} s; briefing {sys.executable}")
        print(f"{'case':52s} {'expect':>6s} {'exit':>4s} {'wall s':>7s} {'peak MB':>8s}  first line of stderr")
        bad = 0
        for case in cases(p, d, args.budget):
            if args.only and args.only not in case.name:
                continue
            code, wall, peak, first = run_case(case, d)
            mark = "" if code == case.expect else "  <-- UNEXPECTED"
            bad += bool(mark)
            print(f"{case.name[:52]:52s} {case.expect:6d} {code:4d} {wall:7.2f} {peak:8.0f}  {first[:90]}{mark}", flush=True)
        print("all exit codes as expected" if not bad else f"{bad} unexpected exit code(s)")
    finally:
        if args.keep:
            print(f"inputs kept in {d}")
        else:
            (d / "folder" / "locked.txt").chmod(0o600)
            shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
