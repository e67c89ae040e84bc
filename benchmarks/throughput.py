"""Throughput: `briefing brief` over the 250 articles of the summarization dev set, in articles/second.

Usage: python benchmarks/throughput.py [--limit N] [--repeat R]

Rows:
- the CLI (a fresh process each run, start-up included) on the articles as one JSON Lines input
  (``--jsonl``) and as a directory of 250 files, with ``--jobs 1`` and ``--jobs 2``;
- in one process over the same texts: a full brief (segmentation, summary, figures, dates,
  keyphrases, entities, quotes) next to the peers: sumy's own ``LexRankSummarizer`` fed by this
  project's segmentation and tokens, YAKE (n=3, top 10; skipped when ``pip install yake`` has
  not been done), and the two together. A stricter row replaces sumy's LexRank by this project's
  numpy lex-rank (``summarize(article, summarizer="lex-rank")``, the same ratings, several times
  faster).

Goals (issue 6): ``--jobs 2`` >= 1.8 x ``--jobs 1``; a full brief per article costs no more
than LexRank + YAKE together. Skips cleanly when the data directory is absent
(``BRIEFING_DATA`` or ``../shared/data``). Figures depend on the machine and its load: the
load average is printed with them.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("BRIEFING_DATA", ROOT / ".." / "shared" / "data"))
DEV = DATA / "summarization" / "dev" / "dev.jsonl"


def cli_run(args: list[str], count: int) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and its workers) of one `briefing brief ARGS`."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "brief", *args, "--format", "json", "--no-text"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    lines = proc.stdout.count(b"\n")
    if proc.returncode != 0 or lines != count:
        sys.exit(f"briefing failed ({proc.returncode}, {lines} lines): {proc.stderr.decode()[-500:]}")
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def in_process_rates(texts: list[str]) -> list[tuple[str, float | None]]:
    """Per-article seconds of a full brief and of the peers. The three are timed in turn on each
    text (not one after the other over all texts), so that a change in the machine's load
    weighs on all of them alike."""
    from briefing.pipeline import BriefOptions, article_from_text, brief
    from briefing.summarize import _candidates, _sumy_ratings, summarize

    options = BriefOptions()
    try:
        import yake
    except ImportError:
        extractor = None
    else:
        extractor = yake.KeywordExtractor(lan="en", n=3, top=10)
    def sumy_lex_rank(text):
        article = article_from_text(text)
        return _sumy_ratings(article, _candidates(article), "lex-rank", "english", 3)

    contenders = {
        "brief": lambda t: brief(article_from_text(t), options),
        "sumy": sumy_lex_rank,
        "lex": lambda t: summarize(article_from_text(t), summarizer="lex-rank"),
    }
    if extractor is not None:
        contenders["yake"] = extractor.extract_keywords
    for fn in contenders.values():  # warm caches and lazy imports
        fn(texts[0])
    totals = dict.fromkeys(contenders, 0.0)
    for text in texts:
        for name, fn in contenders.items():
            start = time.perf_counter()
            fn(text)
            totals[name] += time.perf_counter() - start
    per = {name: total / len(texts) for name, total in totals.items()}
    yk = per.get("yake")
    return [
        ("full brief (segment + summary + all facts)", per["brief"]),
        ("sumy's LexRankSummarizer (segment + rank)", per["sumy"]),
        ("briefing's numpy lex-rank (same ratings)", per["lex"]),
        ("YAKE n=3 top 10" if yk is not None else "YAKE n=3 top 10 (pip install yake)", yk),
        ("sumy LexRank + YAKE (the issue's peers)", None if yk is None else per["sumy"] + yk),
        ("numpy lex-rank + YAKE (stricter)", None if yk is None else per["lex"] + yk),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=250, help="articles to use (default: all 250)")
    parser.add_argument("--repeat", type=int, default=3, help="CLI runs per row (median), taken in turn")
    args = parser.parse_args()
    if not DEV.is_file():
        print(f"skipped: {DEV} not found (set BRIEFING_DATA)")
        return
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()][: args.limit]
    texts = [r["text"] for r in records]
    n = len(texts)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{n} articles from {DEV.resolve()}; {os.cpu_count()} cores; load average {load:.2f}")
    print()
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "dev.jsonl"
        feed.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in records), encoding="utf-8")
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for r in records:
            (folder / f"{r['id']}.txt").write_text(r["text"], encoding="utf-8")
        print(f"{'CLI (fresh process, start-up included)':44s} {'articles/s':>10s} {'seconds':>8s} {'CPU s':>8s}")
        inputs = {"--jsonl": ["--jsonl", str(feed), "--id-field", "id"], "directory": [str(folder)]}
        runs: dict = {}
        for _ in range(args.repeat):  # --jobs 1 and 2 in turn, so that load changes hit both
            for label, input_args in inputs.items():
                for jobs in (1, 2):
                    runs.setdefault((label, jobs), []).append(cli_run([*input_args, "--jobs", str(jobs)], n))
        rates = {}
        for (label, jobs), results in runs.items():
            wall = statistics.median(r[0] for r in results)
            cpu = statistics.median(r[1] for r in results)
            rates[label, jobs] = n / wall
            print(f"{f'brief {label} --jobs {jobs}':44s} {n / wall:10.1f} {wall:8.2f} {cpu:8.2f}")
        for label in inputs:
            print(f"{f'speed-up --jobs 2 / --jobs 1 ({label})':44s} {rates[label, 2] / rates[label, 1]:10.2f}x  (goal >= 1.8x)")
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"(load average after the CLI runs: {load:.2f}; on a busy machine --jobs 2 cannot get two cores)")
    print()
    print(f"{'in one process, per article':44s} {'articles/s':>10s} {'ms':>8s}")
    rows = in_process_rates(texts)
    for label, seconds in rows:
        if seconds is None:
            print(f"{label:44s} {'skipped':>10s}")
        else:
            print(f"{label:44s} {1 / seconds:10.1f} {seconds * 1000:8.1f}")
    full = rows[0][1]
    peers, strict = rows[-2][1], rows[-1][1]
    if full is not None and peers is not None:
        print(f"{'full brief / (sumy LexRank + YAKE)':44s} {full / peers:10.2f}x  (goal <= 1.0x)")
        print(f"{'full brief / (numpy lex-rank + YAKE)':44s} {full / strict:10.2f}x")


if __name__ == "__main__":
    main()
