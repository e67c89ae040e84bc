"""Time every summarizer on a 1,500-sentence document, next to sumy's own implementation.

Usage: ``python benchmarks/long_document.py [--sentences 1500] [--summarizer NAME] [--sumy lex-rank,text-rank|all|none]
[--repeat 3]``

The document is built at run time (never committed) by concatenating the BBC dev articles
(``summarization/dev/dev.jsonl``, bodies only, blank line between articles) in file order until the text has
1,500 sentences (our segmenter), then cutting it after the 1,500th sentence. The data directory is
``<repo>/../shared/data`` or ``$BRIEFING_DATA``; when it is absent the script says so and exits 0.

"briefing" is the time of one :func:`briefing.summarize.summarize` call for a 3-sentence summary, in process,
segmentation excluded, with the stemmer cache emptied first (best of ``--repeat`` runs, each from an empty
cache). "sumy" is the time of sumy's own summarizer class on the same sentences and tokens (sumy's
``Stemmer``, the document model built beforehand and excluded), run once; by default only for lex-rank and
text-rank (the others take from seconds to minutes in sumy: ``--sumy all``). Both are also checked to
choose the same sentences.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.summarize import SUMMARIZERS, Length, summarize  # noqa: E402
from briefing.text.segment import segment  # noqa: E402


def data_dir() -> Path:
    env = os.environ.get("BRIEFING_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def long_document(path: Path, sentences: int):
    """The first `sentences` sentences of the BBC dev bodies joined in file order, as one article."""
    parts: list[str] = []
    count = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            parts.append(text)
            count += len(segment(text, detect_title=False).sentences)
            if count >= sentences:
                break
    text = "\n\n".join(parts)
    article = segment(text, detect_title=False)
    if len(article.sentences) > sentences:
        text = text[: article.sentences[sentences - 1].end]
        article = segment(text, detect_title=False)
    return article


def time_briefing(article, method: str, repeat: int):
    from briefing.text.lang import stemmer

    best, result = float("inf"), None
    for _ in range(repeat):
        stemmer.cache_clear()  # every run starts with an empty stem cache
        start = time.perf_counter()
        result = summarize(article, summarizer=method, length=Length(sentences=3))
        best = min(best, time.perf_counter() - start)
    return best, result


def time_sumy(article, method: str):
    """sumy's own summarizer on the same sentences/tokens (document model built outside the timing)."""
    import warnings

    from briefing import summarize as sm

    candidates = sm._candidates(article)
    start = None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ratings, start, end = sm._sumy_ratings(article, candidates, method, "english", 3, timed=True)
    if ratings is None:
        return end - start, None
    order = sorted(range(len(candidates)), key=lambda i: -ratings[i])[:3]
    return end - start, sorted(candidates[i].index for i in order)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=1500, help="document length in sentences (default 1500)")
    parser.add_argument("--summarizer", choices=SUMMARIZERS, default=None, help="only this one")
    parser.add_argument("--sumy", default="lex-rank,text-rank", help="methods to time in sumy too: a list, all or none")
    parser.add_argument("--repeat", type=int, default=3, help="briefing runs per summarizer (best is shown)")
    args = parser.parse_args(argv)

    path = data_dir() / "summarization" / "dev" / "dev.jsonl"
    if not path.is_file():
        print(f"no BBC dev data at {path}; skipping (set BRIEFING_DATA)")
        return 0
    article = long_document(path, args.sentences)
    methods = [args.summarizer] if args.summarizer else list(SUMMARIZERS)
    sumy_methods = set(SUMMARIZERS) - {"auto", "lead"} if args.sumy == "all" else set()
    if args.sumy not in ("all", "none"):
        sumy_methods = {m.strip() for m in args.sumy.split(",") if m.strip()}

    print(f"{len(article.sentences)} sentences, {len(article.text.split())} words; 3-sentence summaries, seconds")
    print(f"  {'summarizer':<10} {'briefing':>9} {'sumy':>9}  same choice")
    worst = 0.0
    for method in methods:
        secs, (summary, warnings) = time_briefing(article, method, args.repeat)
        worst = max(worst, secs)
        ours = [s.index for s in summary]
        sumy_secs, same = "-", ""
        if method in sumy_methods:
            t, theirs = time_sumy(article, method)
            sumy_secs = f"{t:9.2f}"
            same = "yes" if theirs == ours else f"no: briefing {ours}, sumy {theirs}"
        note = f"  ({'; '.join(warnings)})" if warnings else ""
        print(f"  {method:<10} {secs:9.3f} {sumy_secs:>9}  {same}{note}", flush=True)
    print(f"slowest briefing summarizer: {worst:.3f} s ({'within' if worst <= 1.0 else 'OVER'} the 1 s bound)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
