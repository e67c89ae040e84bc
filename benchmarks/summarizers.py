"""ROUGE of every summarizer on the shared summarization dev data.

Usage: ``python benchmarks/summarizers.py [--limit N] [--summarizer NAME] [--sentences N]``

Prints ROUGE-1 / ROUGE-2 / ROUGE-Lsum F1 (x100, `rouge_score` with ``use_stemmer=True``, Lsum with one
sentence a line), averaged over articles, for 3-sentence summaries, per summarizer and dataset:
BBC dev (``dev/dev.jsonl``, titles used), cased CNN/DM dev (``dev/cnndm_cased.dev.jsonl``, if present) and
the REALSumm 100 CNN/DM test articles (``dev/cnndm_realsumm100.jsonl``). The data directory is
``<repo>/../shared/data`` or ``$BRIEFING_DATA``; when it is absent the script says so and exits 0.

Published / measured anchors (R-1 / R-2 / R-Lsum): cased CNN/DM Lead-3 31.0 / 12.1 / 27.7,
LexRank 27.1 / 8.7 / 23.9; BBC Lead-3 44.7 / 36.2 / 43.7.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.document import Article  # noqa: E402
from briefing.evaluate import article_from_record  # noqa: E402
from briefing.summarize import SUMMARIZERS, Length, summarize  # noqa: E402

DATASETS = (
    ("bbc", "dev/dev.jsonl"),
    ("cnndm-cased", "dev/cnndm_cased.dev.jsonl"),
    ("cnndm-realsumm", "dev/cnndm_realsumm100.jsonl"),
)


def data_dir() -> Path:
    env = os.environ.get("BRIEFING_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def build_article(title: str, text: str) -> Article:
    """The article `title` + blank line + `text`, as ``briefing evaluate`` builds it."""
    return article_from_record(title, text)


def load(path: Path, limit: int | None) -> list[tuple[Article, str]]:
    records = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                records.append(json.loads(line))
            if limit is not None and len(records) >= limit:
                break
    return [(build_article(r.get("title") or "", r["text"]), r["reference"]) for r in records]


def evaluate(pairs, summarizer: str, sentences: int, scorer) -> tuple[float, float, float, float]:
    totals = [0.0, 0.0, 0.0]
    start = time.perf_counter()
    for article, reference in pairs:
        summary, _ = summarize(article, summarizer=summarizer, length=Length(sentences=sentences))
        prediction = "\n".join(" ".join(s.text.split()) for s in summary)
        scores = scorer.score(reference, prediction)
        for i, key in enumerate(("rouge1", "rouge2", "rougeLsum")):
            totals[i] += scores[key].fmeasure
    n = max(1, len(pairs))
    return (*(100 * t / n for t in totals), time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each dataset")
    parser.add_argument("--summarizer", choices=SUMMARIZERS, default=None, help="only this one")
    parser.add_argument("--sentences", type=int, default=3, help="summary length (default 3)")
    args = parser.parse_args(argv)

    root = data_dir() / "summarization"
    if not root.is_dir():
        print(f"no summarization data at {root}; skipping (set BRIEFING_DATA)")
        return 0
    try:
        from rouge_score import rouge_scorer
    except ImportError:
        print("rouge-score is not installed (pip install rouge-score); skipping")
        return 0
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)

    methods = [args.summarizer] if args.summarizer else list(SUMMARIZERS)
    print(f"ROUGE F1 x100 at {args.sentences} sentences (R-1 / R-2 / R-Lsum), mean over articles")
    for name, rel in DATASETS:
        path = root / rel
        if not path.is_file():
            print(f"\n{name}: {path} absent, skipped")
            continue
        pairs = load(path, args.limit)
        print(f"\n{name} ({len(pairs)} articles)")
        print(f"  {'summarizer':<10} {'R-1':>6} {'R-2':>6} {'R-Lsum':>6} {'secs':>6}")
        for method in methods:
            r1, r2, rl, secs = evaluate(pairs, method, args.sentences, scorer)
            print(f"  {method:<10} {r1:6.1f} {r2:6.1f} {rl:6.1f} {secs:6.1f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
