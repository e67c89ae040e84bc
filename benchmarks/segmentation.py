"""Sentence segmentation benchmark for `briefing` (see shared/data/segmentation/README.md).

Usage: python benchmarks/segmentation.py [-v]   (parts whose data directory is absent are skipped)

Prints:
- the Golden Rules pass count (all 48, and the 33-rule prose subset). A rule passes when the
  stripped sentence texts equal the expected ones; the title heuristic is off (each rule is one
  paragraph of running text). -v lists the failures.
- held-out boundary precision/recall on UD English-EWT dev and test: documents rebuilt from their
  ``# text`` lines (paragraphs joined with a space); a gold boundary counts when the sentence ends in
  . ! ? or … (others cannot be found from punctuation), a predicted one is wrong when it is no gold
  boundary at all. The Punkt parameters are trained on EWT *train* only.
- the no-text-lost check over random strings (arbitrary code points, emoji, C0 controls, RTL):
  the number of counterexamples, which must be 0.
- milliseconds to segment a 700-word article (sentences and word tokens).
"""

from __future__ import annotations

import json
import os
import random
import re
import sys
import time
from pathlib import Path

from briefing import segment

DATA = Path(os.environ.get("BRIEFING_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))
ROOT = Path(__file__).resolve().parents[1]
PROSE = set(range(1, 31)) | {40, 41, 42}


def golden(verbose: bool) -> None:
    path = DATA / "segmentation" / "golden_rules_en.jsonl"
    if not path.exists():
        print(f"golden rules: skipped ({path} not found)")
        return
    passed = prose = 0
    rules = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rule in rules:
        got = [s.text.strip() for s in segment(rule["text"], detect_title=False).sentences]
        ok = got == rule["sentences"]
        passed += ok
        number = int(rule["id"].split("-")[1])
        prose += ok and number in PROSE
        if verbose and not ok:
            print(f"FAIL {rule['id']} {rule['rule']}\n  want {rule['sentences']}\n  got  {got}")
    print(f"golden rules: {passed}/{len(rules)} (prose subset {prose}/{len(PROSE)})")


def ewt_documents(path: Path) -> list[list[str]]:
    docs, current = [], []
    for line in path.open(encoding="utf-8"):
        if line.startswith(("# newdoc", "# newpar")):
            if current:
                docs.append(current)
            current = []
        elif line.startswith("# text = "):
            current.append(line[len("# text = ") :].rstrip("\n"))
    if current:
        docs.append(current)
    return docs


def held_out() -> None:
    for split in ("dev", "test"):
        path = DATA / "pos" / f"en_ewt-ud-{split}.conllu"
        if not path.exists():
            print(f"EWT {split}: skipped ({path} not found)")
            continue
        tp = fp = fn = 0
        for sents in ewt_documents(path):
            text = " ".join(sents)
            gold, findable, pos = set(), set(), 0
            for s in sents[:-1]:
                pos += len(s)
                gold.add(pos)
                if re.search(r"[.!?…][\"'”’)\]]*$", s):
                    findable.add(pos)
                pos += 1
            pred = {s.end for s in segment(text, detect_title=False).sentences[:-1]}
            tp += len(pred & findable)
            fp += len(pred - gold)
            fn += len(findable - pred)
        p, r = tp / (tp + fp), tp / (tp + fn)
        print(f"EWT {split} boundaries: P={p:.4f} R={r:.4f} F1={2 * p * r / (p + r):.4f} (false {fp}, missed {fn})")


def covered(article) -> bool:
    spans = sorted(
        [(s.start, s.end) for s in article.sentences]
        + [(s.start, s.end) for s in article.set_aside]
        + ([(article.title.start, article.title.end)] if article.title else [])
    )
    if any(e1 > s2 for (_, e1), (s2, _) in zip(spans, spans[1:])):
        return False
    inside = set()
    for s, e in spans:
        inside.update(range(s, e))
    return all(i in inside for i, ch in enumerate(article.text) if not ch.isspace())


def no_text_lost(n: int = 2000) -> None:
    rng = random.Random(3)
    alphabet = list("abcXYZ .,!?;:\n\n\t\"“”'’()[]-0123456789☝😀…•⁃°שלוםمرحبا") + [
        "\u0000", "\u001b", "\u001f", "\r", "\u202e", "\u200f", "\ufeff", "U.S. ", "Mr. ", "a.m. ", ". . . ", "1.) ",
    ]
    bad = 0
    for i in range(n):
        if i % 2:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(200)))
        else:
            text = "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(100)))
            text = text.encode("utf-8", "replace").decode("utf-8", "replace")
        if not all(covered(segment(text, detect_title=t)) for t in (True, False)):
            bad += 1
    print(f"no text lost: {bad} counterexamples in {n} random texts")


def speed() -> None:
    seed = ROOT / "seeds" / "000_3659efa8dcf43795.txt"
    if not seed.exists():
        return
    words = (" ".join([seed.read_text(encoding="utf-8")] * 3)).split()[:700]
    text = " ".join(words)
    segment(text)
    from briefing.text.segment import _sentence_spans

    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        segment(text, detect_title=False)
    total = (time.perf_counter() - start) / runs * 1000
    start = time.perf_counter()
    for _ in range(runs):
        _sentence_spans(text, 0, len(text))
    sentences = (time.perf_counter() - start) / runs * 1000
    print(f"700-word article: {sentences:.1f} ms sentence boundaries, {total:.1f} ms with word tokens")


def main() -> int:
    golden("-v" in sys.argv)
    held_out()
    no_text_lost()
    speed()
    return 0


if __name__ == "__main__":
    sys.exit(main())
