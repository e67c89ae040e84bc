"""Keyphrase benchmark: F1@5 and F1@10 of `extract_keyphrases` on DUC-2001 and 500N-KPCrowd (dev).

Protocol (``shared/data/keyphrases/README.md``; boudinfl/pke, Gallina et al. JCDL 2020): gold and
predicted phrases are lower-cased, tokenised and Porter-stemmed (nltk ``PorterStemmer``, pure code);
the top-k predictions, with stemmed duplicates removed, are matched exactly against the set of all
gold phrases; P, R and F1 per document, macro-averaged over documents.

Each record's ``text`` only is read (``segment(text)``, title detection on, as for any input: the
KPCrowd text starts with its headline, the DUC text has none). The data is never copied here.

Usage: ``python benchmarks/keyphrases.py [--limit N]``. The data directory is
``<repo>/../shared/data`` unless ``BRIEFING_DATA`` names another; without it the benchmark
prints a message and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

DATASETS = ("duc2001.dev.jsonl", "kpcrowd500n.dev.jsonl")
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")


def data_dir() -> Path:
    env = os.environ.get("BRIEFING_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def _normaliser():
    from nltk.stem import PorterStemmer

    porter = PorterStemmer()

    def normalise(phrase: str) -> str:
        return " ".join(porter.stem(t) for t in _TOKEN.findall(phrase.lower()))

    return normalise


def _f1(matches: int, n_pred: int, n_gold: int) -> float:
    p = matches / n_pred if n_pred else 0.0
    r = matches / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(path: Path, limit: int | None = None) -> dict[str, float]:
    """Macro P/R/F1 at 5 and 10 for one JSON Lines file, and the mean time per document."""
    from briefing.facts.keyphrases import extract_keyphrases
    from briefing.text.segment import segment

    normalise = _normaliser()
    totals = {"f1@5": 0.0, "f1@10": 0.0, "p@10": 0.0, "r@10": 0.0}
    docs = 0
    elapsed = 0.0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if limit is not None and docs >= limit:
                break
            record = json.loads(line)
            gold = {normalise(k) for k in record["keyphrases"]} - {""}
            article = segment(record["text"])
            t0 = time.perf_counter()
            predicted = extract_keyphrases(article, top_n=10)
            elapsed += time.perf_counter() - t0
            ranked: list[str] = []
            for kp in predicted:
                norm = normalise(kp.text)
                if norm and norm not in ranked:
                    ranked.append(norm)
            for k in (5, 10):
                top = ranked[:k]
                matches = sum(1 for p in top if p in gold)
                totals[f"f1@{k}"] += _f1(matches, len(top), len(gold))
                if k == 10:
                    totals["p@10"] += matches / len(top) if top else 0.0
                    totals["r@10"] += matches / len(gold) if gold else 0.0
            docs += 1
    result = {name: 100 * value / max(docs, 1) for name, value in totals.items()}
    result["docs"] = docs
    result["ms_per_doc"] = 1000 * elapsed / max(docs, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="documents per dataset")
    args = parser.parse_args(argv)
    directory = data_dir() / "keyphrases"
    if not directory.is_dir():
        print(f"keyphrase data not found at {directory}; skipping (set BRIEFING_DATA)")
        return 0
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    print(f"{'dataset':<24} {'docs':>5} {'F1@5':>6} {'F1@10':>6} {'P@10':>6} {'R@10':>6} {'ms/doc':>7}")
    for name in DATASETS:
        path = directory / name
        if not path.exists():
            print(f"{name:<24} missing, skipped")
            continue
        r = evaluate(path, args.limit)
        print(
            f"{name:<24} {r['docs']:>5} {r['f1@5']:>6.1f} {r['f1@10']:>6.1f} "
            f"{r['p@10']:>6.1f} {r['r@10']:>6.1f} {r['ms_per_doc']:>7.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
