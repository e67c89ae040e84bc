"""Entity-level evaluation of `briefing.facts.entities.extract_entities` on CoNLL-2003 English dev.

Usage: ``python benchmarks/ner_conll.py [--errors N]``. Reads ``ner/conll2003_dev.txt`` under the shared
data folder (``$BRIEFING_DATA``, else ``../shared/data`` beside the repository) and prints typed
precision / recall / F1 overall and per type, with conlleval's rules: an entity counts only with the
exact token span and type. Each document's text is rebuilt from its tokens (joined by spaces, each
sentence its own paragraph), segmented with ``detect_title=False``, and run through the extractor.
Labels map PERSON->PER, ORG->ORG, GPE/LOC->LOC; predicted NORP and gold MISC are ignored. A predicted
span that does not fall on token boundaries counts as a false positive. When the data is absent the
script says so and exits 0. The data is for evaluation only (see its README): nothing from it is
copied into the package.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefing.facts.entities import extract_entities  # noqa: E402
from briefing.text.segment import segment  # noqa: E402

MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC"}
TYPES = ("PER", "ORG", "LOC")


def data_dir() -> Path:
    env = os.environ.get("BRIEFING_DATA")
    return Path(env) if env else Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def read_conll(path: Path) -> list[list[list[tuple[str, str]]]]:
    """Documents -> sentences -> (word, NER tag)."""
    docs: list[list[list[tuple[str, str]]]] = []
    sent: list[tuple[str, str]] = []
    for line in path.read_text("utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if sent:
                docs[-1].append(sent) if docs else docs.append([sent])
                sent = []
            docs.append([])
            continue
        if not line.strip():
            if sent:
                if not docs:
                    docs.append([])
                docs[-1].append(sent)
                sent = []
            continue
        cols = line.split()
        sent.append((cols[0], cols[-1]))
    if sent:
        docs[-1].append(sent)
    return [d for d in docs if d]


def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """IOB1/IOB2 tags -> {(first token, last token + 1, type)} (conlleval chunk rules)."""
    out = set()
    start, typ = None, None
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, t = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and t != typ)
        if start is not None and (tag == "O" or begins):
            out.add((start, i, typ))
            start, typ = None, None
        if prefix in ("B", "I") and (start is None):
            start, typ = i, t
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", type=int, default=0, help="print this many errors of each kind")
    args = parser.parse_args()
    path = data_dir() / "ner" / "conll2003_dev.txt"
    if not path.is_file():
        print(f"ner_conll: {path} not found; skipping (set BRIEFING_DATA to the shared data folder)")
        return 0
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    fps: list[str] = []
    fns: list[str] = []
    elapsed = 0.0
    for doc in read_conll(path):
        words: list[str] = []
        tags: list[str] = []
        starts: dict[int, int] = {}
        ends: dict[int, int] = {}
        parts: list[str] = []
        pos = 0
        for sent in doc:
            if parts:
                parts.append("\n\n")
                pos += 2
            for k, (w, tag) in enumerate(sent):
                if k:
                    parts.append(" ")
                    pos += 1
                starts[pos] = len(words)
                parts.append(w)
                pos += len(w)
                ends[pos] = len(words) + 1
                words.append(w)
                tags.append(tag)
            # Sentence boundary: tags must not run on across it.
            words.append("\n")
            tags.append("O")
            pos_marker = pos  # noqa: F841
        text = "".join(parts)
        gold = {c for c in chunks(tags) if c[2] in TYPES}
        t0 = time.perf_counter()
        ents = extract_entities(segment(text, detect_title=False))
        elapsed += time.perf_counter() - t0
        pred = set()
        for e in ents:
            typ = MAP.get(e.label)
            if typ is None:
                continue
            for s, x in e.mentions:
                if s in starts and x in ends:
                    pred.add((starts[s], ends[x], typ))
                else:
                    fp[typ] += 1
                    fps.append(f"{typ}\t{text[s:x]!r} (unaligned)")
        for c in pred & gold:
            tp[c[2]] += 1
        for c in pred - gold:
            fp[c[2]] += 1
            g = [g for g in gold if g[0] == c[0] and g[1] == c[1]]
            fps.append(f"{c[2]}\t{' '.join(words[c[0]:c[1]])}" + (f"\t(gold {g[0][2]})" if g else ""))
        for c in gold - pred:
            fn[c[2]] += 1
            fns.append(f"{c[2]}\t{' '.join(words[c[0]:c[1]])}")

    def prf(t: int, p: int, n: int) -> tuple[float, float, float]:
        prec = t / (t + p) if t + p else 0.0
        rec = t / (t + n) if t + n else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        return 100 * prec, 100 * rec, 100 * f1

    print(f"CoNLL-2003 dev (PER/ORG/LOC, MISC ignored), extractor time {elapsed:.1f}s")
    print(f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'tp':>6} {'fp':>6} {'fn':>6}")
    for typ in TYPES:
        p, r, f = prf(tp[typ], fp[typ], fn[typ])
        print(f"{typ:6} {p:6.1f} {r:6.1f} {f:6.1f} {tp[typ]:6d} {fp[typ]:6d} {fn[typ]:6d}")
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"{'all':6} {p:6.1f} {r:6.1f} {f:6.1f} {sum(tp.values()):6d} {sum(fp.values()):6d} {sum(fn.values()):6d}")
    if args.errors:
        print("\n# false positives (sample)")
        for line in Counter(fps).most_common(args.errors):
            print(line)
        print("\n# false negatives (sample)")
        for line in Counter(fns).most_common(args.errors):
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
