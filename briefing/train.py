"""Train the models `briefing` ships. Reproducible: the same data gives a byte-identical file.

Usage::

    python -m briefing.train pos --data ../shared/data/pos --out briefing/data/pos_en_ewt.json.gz

``pos`` trains NLTK's averaged perceptron (`nltk.tag.perceptron.AveragedPerceptron`) on
``en_ewt-ud-train.conllu`` with Penn Treebank tags (the XPOS column) and the features of
:mod:`briefing.text.tagger`, then writes averaged, pruned, integer weights as gzip'd JSON (sorted
keys, gzip mtime 0). Sentences are shuffled with a fixed seed before every pass and no step
depends on set or hash order, so PYTHONHASHSEED does not change the output.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from .text import tagger as tg

SEED = 1729
ITERATIONS = 8
PRUNE = 0.5  # drop averaged weights with |w| below this
SCALE = 1000  # weights are stored as integers in units of 1/SCALE
TAGDICT_MIN_COUNT = 20
TAGDICT_MIN_SHARE = 0.97
AMBIGUITY_MIN_COUNT = 5
AMBIGUITY_MIN_SHARE = 0.05
MIN_FEATURE_COUNT = 1  # features seen less often than this (with gold tags) are not used
HAPAX = 1  # words seen this often or less train without word-identity features
_IDENTITY = ("w ", "W ", "t1w ", "w-1w ", "ww+1 ")


def read_conllu(path: Path | str) -> list[list[tuple[str, str]]]:
    """(form, XPOS) pairs per sentence; multi-word token ranges and empty nodes are skipped."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if current:
                    sentences.append(current)
                    current = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 10 or not cols[0].isdigit():
                continue
            current.append((cols[1], cols[4]))
    if current:
        sentences.append(current)
    return sentences


def make_tagdict(sentences, min_count: int = TAGDICT_MIN_COUNT, min_share: float = TAGDICT_MIN_SHARE) -> dict[str, str]:
    """Frequent words (normalised form, case kept) that almost always take one tag."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for sentence in sentences:
        for word, tag in sentence:
            counts[tg.normalize(word)][tag] += 1
    out = {}
    for word in sorted(counts):
        tag_counts = counts[word]
        total = sum(tag_counts.values())
        tag, best = min(tag_counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if total >= min_count and best / total >= min_share:
            out[word] = tag
    return out


def make_ambiguity(sentences, min_count: int = AMBIGUITY_MIN_COUNT, min_share: float = AMBIGUITY_MIN_SHARE) -> dict[str, str]:
    """Lower-cased words seen at least `min_count` times -> their tags (share >= `min_share`), "|"-joined."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for sentence in sentences:
        for word, tag in sentence:
            counts[tg._lower(tg.normalize(word))][tag] += 1
    out = {}
    for word in sorted(counts):
        tag_counts = counts[word]
        total = sum(tag_counts.values())
        if total >= min_count:
            out[word] = "|".join(sorted(t for t, c in tag_counts.items() if c / total >= min_share))
    return out


def train_pos(
    sentences, iterations: int = ITERATIONS, seed: int = SEED, log=print, on_iteration=None, min_count: int = MIN_FEATURE_COUNT
):
    """Train; returns (averaged weights {feature: {tag: float}}, tagdict, ambiguity classes, sorted classes).

    Words seen once in training (hapaxes) are trained without their word-identity features, so
    that the suffix, shape and context features learn what unknown words look like.
    Features seen fewer than `min_count` times with gold previous tags are not used.
    `on_iteration(n, perceptron)` is called after each pass (before averaging).
    """
    from nltk.tag.perceptron import AveragedPerceptron

    tagdict = make_tagdict(sentences)
    ambiguity = make_ambiguity(sentences)
    counts = Counter(tg._lower(tg.normalize(w)) for sentence in sentences for w, _ in sentence)
    perceptron = AveragedPerceptron()
    classes = sorted({tag for sentence in sentences for _, tag in sentence})
    perceptron.classes = set(classes)  # ties broken by label inside predict: order-free
    rng = random.Random(seed)
    order = list(range(len(sentences)))
    prepared = []
    for sentence in sentences:
        words = [w for w, _ in sentence]
        ctx = tg.context(words, ambiguity)
        rare = [counts[lw] <= HAPAX for lw in ctx[1][2:-2]]
        prepared.append((words, [t for _, t in sentence], ctx, rare))
    allowed = None
    if min_count > 1:
        seen: Counter = Counter()
        for words, gold, ctx, rare in prepared:
            prev, prev2 = tg.START
            for i in range(len(words)):
                seen.update(tg.features(i, ctx, prev, prev2))
                prev2, prev = prev, gold[i]
        allowed = frozenset(f for f, c in seen.items() if c >= min_count)
    for it in range(iterations):
        started = time.perf_counter()
        rng.shuffle(order)
        correct = total = 0
        for k in order:
            words, gold, ctx, rare = prepared[k]
            norm = ctx[0]
            prev, prev2 = tg.START
            for i, word in enumerate(words):
                guess = tg._DIRECTED.get(word) or tagdict.get(norm[i])
                if not guess:
                    feats = tg.features(i, ctx, prev, prev2)
                    if rare[i]:
                        feats = [f for f in feats if not f.startswith(_IDENTITY)]
                    if allowed is not None:
                        feats = [f for f in feats if f in allowed]
                    feats = dict.fromkeys(feats, 1)
                    guess, _ = perceptron.predict(feats)
                    perceptron.update(gold[i], guess, feats)
                prev2, prev = prev, guess
                correct += guess == gold[i]
                total += 1
        log(f"iteration {it + 1}/{iterations}: train {correct / total:.4f} ({time.perf_counter() - started:.1f} s)")
        if on_iteration is not None:
            on_iteration(it + 1, perceptron)
    perceptron.average_weights()
    return perceptron.weights, tagdict, ambiguity, classes


def export(weights, tagdict, ambiguity, classes, prune: float = PRUNE, scale: int = SCALE) -> dict:
    """The JSON document of :mod:`briefing.text.tagger` (integer weights, tiny ones pruned)."""
    index = {c: i for i, c in enumerate(classes)}
    features, rows = [], []
    for feat in sorted(weights):
        pairs = sorted(
            (index[c], int(round(w * scale))) for c, w in weights[feat].items() if abs(w) >= prune
        )
        pairs = [(c, v) for c, v in pairs if v]
        if pairs:
            features.append(feat)
            rows.append(",".join(f"{c}:{v}" for c, v in pairs))
    return {
        "format": tg.FORMAT,
        "source": "UD English-EWT (train), Penn Treebank XPOS tags; CC BY-SA 4.0",
        "scale": scale,
        "classes": classes,
        "tagdict": tagdict,
        "ambiguity": ambiguity,
        "weights": dict(zip(features, rows)),
    }


def dump(doc: dict) -> bytes:
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def accuracy(model: tg.Model, sentences) -> tuple[float, int]:
    """Token accuracy of `model` on gold (form, tag) sentences, and the token count."""
    correct = total = 0
    for sentence in sentences:
        predicted = model.tag([w for w, _ in sentence])
        correct += sum(p == g for p, (_, g) in zip(predicted, sentence))
        total += len(sentence)
    return correct / max(total, 1), total


def _pos(args) -> int:
    data = Path(args.data)
    train = read_conllu(data / "en_ewt-ud-train.conllu")
    started = time.perf_counter()
    weights, tagdict, ambiguity, classes = train_pos(train, iterations=args.iterations, seed=args.seed)
    doc = export(weights, tagdict, ambiguity, classes, prune=args.prune)
    blob = dump(doc)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(blob)
    print(
        f"wrote {out}: {len(blob) / 1e6:.2f} MB, {len(doc['weights'])} features, "
        f"{len(tagdict)} tagdict words, {time.perf_counter() - started:.0f} s"
    )
    dev = data / "en_ewt-ud-dev.conllu"
    if dev.exists():
        model = tg.Model(json.loads(gzip.decompress(blob)))
        acc, n = accuracy(model, read_conllu(dev))
        print(f"dev accuracy: {acc:.4f} ({n} tokens)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.train", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    pos = sub.add_parser("pos", help="train the part-of-speech tagger on UD English-EWT")
    pos.add_argument("--data", required=True, help="directory holding en_ewt-ud-{train,dev}.conllu")
    pos.add_argument("--out", default="briefing/data/pos_en_ewt.json.gz")
    pos.add_argument("--iterations", type=int, default=ITERATIONS)
    pos.add_argument("--seed", type=int, default=SEED)
    pos.add_argument("--prune", type=float, default=PRUNE)
    args = parser.parse_args(argv)
    if args.command == "pos":
        return _pos(args)
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
