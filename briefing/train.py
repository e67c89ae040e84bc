"""Train the models `briefing` ships. Reproducible: the same data gives a byte-identical file.

Usage::

    python -m briefing.train pos --data ../shared/data/pos --out briefing/data/pos_en_ewt.bin.gz

``pos`` trains a structured averaged perceptron with beam search (``--beam``, max-violation
updates; `train_pos_beam`) — or, with ``--beam 1``, NLTK's greedy averaged perceptron
(`nltk.tag.perceptron.AveragedPerceptron`) — on ``en_ewt-ud-train.conllu`` with Penn Treebank
tags (the XPOS column) and the features of :mod:`briefing.text.tagger`, then writes averaged,
pruned, integer weights in the format of :func:`briefing.text.tagger.encode` (gzip mtime 0).
Sentences are shuffled with a fixed seed before every pass and no step depends on set or hash
order, so PYTHONHASHSEED does not change the output.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from .text import tagger as tg

SEED = 1729
SEEDS = [SEED, 7]  # two shuffling orders, their averaged weights mixed
ITERATIONS = 8
PRUNE = 0.5  # drop averaged weights with |w| below this
SCALE = 1000  # weights are stored as integers in units of 1/SCALE
BEAM = 3  # beam width (decoding and training)
UPDATE = "max"  # max-violation updates (Huang et al. 2012); "early": Collins & Roark 2004
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


def _prepare(sentences):
    """What both trainers start from: (tagdict, ambiguity classes, sorted tags, and for each
    sentence (words, tagger context, which words are hapaxes trained without identity features))."""
    tagdict = make_tagdict(sentences)
    ambiguity = make_ambiguity(sentences)
    counts = Counter(tg._lower(tg.normalize(w)) for sentence in sentences for w, _ in sentence)
    classes = sorted({tag for sentence in sentences for _, tag in sentence})
    contexts = []
    for sentence in sentences:
        words = [w for w, _ in sentence]
        ctx = tg.context(words, ambiguity)
        contexts.append((words, ctx, [counts[lw] <= HAPAX for lw in ctx[1][2:-2]]))
    return tagdict, ambiguity, classes, contexts


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

    tagdict, ambiguity, classes, contexts = _prepare(sentences)
    perceptron = AveragedPerceptron()
    perceptron.classes = set(classes)  # ties broken by label inside predict: order-free
    rng = random.Random(seed)
    order = list(range(len(sentences)))
    prepared = [(words, [t for _, t in sentence], ctx, rare) for sentence, (words, ctx, rare) in zip(sentences, contexts)]
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


class _Averaged:
    """Averaged perceptron weights {feature: {class index: weight}} with lazy averaging
    (the bookkeeping of NLTK's `AveragedPerceptron`, one time step per sentence)."""

    def __init__(self) -> None:
        self.weights: dict[str, dict[int, float]] = {}
        self._totals: dict[tuple[str, int], float] = defaultdict(float)
        self._tstamps: dict[tuple[str, int], int] = defaultdict(int)
        self.i = 0

    def scores(self, feats, scores):
        weights = self.weights
        for feat in feats:
            row = weights.get(feat)
            if row:
                for c, v in row.items():
                    scores[c] += v
        return scores

    def apply(self, deltas: dict) -> None:
        for (f, c), v in sorted(deltas.items()):
            if not v:
                continue
            row = self.weights.setdefault(f, {})
            w = row.get(c, 0.0)
            param = (f, c)
            self._totals[param] += (self.i - self._tstamps[param]) * w
            self._tstamps[param] = self.i
            row[c] = w + v

    def average(self, classes) -> dict:
        out = {}
        for feat, row in self.weights.items():
            new = {}
            for c, w in row.items():
                total = self._totals[(feat, c)] + (self.i - self._tstamps[(feat, c)]) * w
                averaged = round(total / self.i, 3)
                if averaged:
                    new[classes[c]] = averaged
            out[feat] = new
        return out


def train_pos_beam(
    sentences, beam: int = BEAM, iterations: int = ITERATIONS, seed: int = SEED, log=print, update: str = UPDATE,
    on_iteration=None,
):
    """Structured averaged perceptron with beam search (Collins & Roark 2004): decode each
    training sentence with the beam of :meth:`briefing.text.tagger.Model.tag_beam`; when the gold
    prefix falls out of the beam ("early") or at the prefix of largest violation ("max",
    Huang et al. 2012), add the gold prefix's features and subtract the best hypothesis's.
    Returns the same tuple as :func:`train_pos`."""

    tagdict, ambiguity, classes, contexts = _prepare(sentences)
    index = {c: i for i, c in enumerate(classes)}
    n_classes = len(classes)
    start = (tg.START[1], tg.START[0])
    rng = random.Random(seed)
    order = list(range(len(sentences)))
    prepared = []
    for sentence, (words, ctx, rare) in zip(sentences, contexts):
        fixed = [tg._DIRECTED.get(w) or tagdict.get(ctx[0][i]) for i, w in enumerate(words)]
        oracle = [f or t for f, (_, t) in zip(fixed, sentence)]
        static = []
        for i in range(len(words)):
            if fixed[i]:
                static.append(None)
                continue
            feats = tg.static_features(i, ctx)
            if rare[i]:
                feats = [f for f in feats if not f.startswith(_IDENTITY)]
            static.append(feats)
        prepared.append((words, oracle, ctx, rare, fixed, static))
    model = _Averaged()

    def hist(i, ctx, rare, tags):
        feats = tg.history_features(i, ctx, tags[i + 1], tags[i])
        if rare[i]:
            feats = [f for f in feats if not f.startswith(_IDENTITY)]
        return feats

    for it in range(iterations):
        started = time.perf_counter()
        rng.shuffle(order)
        correct = total = 0
        for k in order:
            words, oracle, ctx, rare, fixed, static = prepared[k]
            gold = start + tuple(oracle)
            model.i += 1
            hyps = [(0.0, start, True)]
            gold_score = 0.0
            stop = None  # (position, predicted tags) to update at
            worst = 0.0
            for i in range(len(words)):
                if fixed[i]:
                    cands = [(s, tags + (fixed[i],), g) for s, tags, g in hyps]
                else:
                    base = model.scores(static[i], [0.0] * n_classes)
                    cands = []
                    for s, tags, g in hyps:
                        sc = model.scores(hist(i, ctx, rare, tags), base[:])
                        for c in sorted(range(n_classes), key=sc.__getitem__, reverse=True)[:beam]:
                            tag = classes[c]
                            cands.append((s + sc[c], tags + (tag,), g and tag == oracle[i]))
                    gsc = model.scores(hist(i, ctx, rare, gold), base[:])
                    gold_score += gsc[index[oracle[i]]]
                cands.sort(key=lambda cand: -cand[0])
                hyps = []
                seen = set()
                for cand in cands:
                    state = cand[1][-2:]
                    if state not in seen:
                        seen.add(state)
                        hyps.append(cand)
                        if len(hyps) == beam:
                            break
                if not hyps[0][2]:
                    violation = hyps[0][0] - gold_score
                    if update == "max":
                        if violation > worst or stop is None:
                            worst = violation
                            stop = (i, hyps[0][1])
                    elif not any(g for _, _, g in hyps):
                        stop = (i, hyps[0][1])
                        break
            else:
                if update != "max":
                    stop = None if hyps[0][2] else (len(words) - 1, hyps[0][1])
            pred = hyps[0][1]
            correct += sum(p == g for p, g in zip(pred[2:], oracle))
            total += len(oracle)
            if stop is None:
                continue
            last, pred = stop
            deltas: dict = defaultdict(float)
            for i in range(last + 1):
                if fixed[i]:
                    continue
                g, p = oracle[i], pred[i + 2]
                if g == p and gold[i:i + 2] == pred[i:i + 2]:
                    continue
                gi, pi = index[g], index[p]
                if gi != pi:
                    for f in static[i]:
                        deltas[(f, gi)] += 1.0
                        deltas[(f, pi)] -= 1.0
                for f in hist(i, ctx, rare, gold):
                    deltas[(f, gi)] += 1.0
                for f in hist(i, ctx, rare, pred):
                    deltas[(f, pi)] -= 1.0
            model.apply(deltas)
        log(f"iteration {it + 1}/{iterations}: train {correct / total:.4f} ({time.perf_counter() - started:.1f} s)")
        if on_iteration is not None:
            on_iteration(it + 1, lambda: (model.average(classes), tagdict, ambiguity, classes))
    return model.average(classes), tagdict, ambiguity, classes


def mix(weight_sets: list[dict]) -> dict:
    """The mean of several models' averaged weights (parameter mixing over shuffling seeds)."""
    if len(weight_sets) == 1:
        return weight_sets[0]
    total: dict[str, dict[str, float]] = {}
    for weights in weight_sets:
        for feat, row in weights.items():
            out = total.setdefault(feat, {})
            for c, w in row.items():
                out[c] = out.get(c, 0.0) + w
    n = len(weight_sets)
    return {feat: {c: w / n for c, w in row.items()} for feat, row in total.items()}


def export(weights, tagdict, ambiguity, classes, prune: float = PRUNE, scale: int = SCALE, beam: int = 1) -> dict:
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
    doc = {
        "format": tg.FORMAT,
        "source": "UD English-EWT (train), Penn Treebank XPOS tags; CC BY-SA 4.0",
        "scale": scale,
        "classes": classes,
        "tagdict": tagdict,
        "ambiguity": ambiguity,
        "weights": dict(zip(features, rows)),
    }
    if beam > 1:
        doc["beam"] = beam
    return doc


def dump(doc: dict) -> bytes:
    return tg.encode(doc)


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
    on_iteration = None
    if args.dev_each and (data / "en_ewt-ud-dev.conllu").exists():
        dev_sentences = read_conllu(data / "en_ewt-ud-dev.conllu")

        def on_iteration(n, trained):
            snapshot = tg.Model(export(*trained(), prune=args.prune, beam=args.beam))
            print(f"  after pass {n}: dev {accuracy(snapshot, dev_sentences)[0]:.4f}", flush=True)

    runs = []
    for seed in args.seed:
        if args.beam > 1:
            runs.append(train_pos_beam(
                train, args.beam, iterations=args.iterations, seed=seed, update=args.update,
                on_iteration=on_iteration,
            ))
        else:
            runs.append(train_pos(train, iterations=args.iterations, seed=seed))
    weights = mix([run[0] for run in runs])
    tagdict, ambiguity, classes = runs[0][1:]
    doc = export(weights, tagdict, ambiguity, classes, prune=args.prune, beam=args.beam)
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
        model = tg.decode(blob)
        acc, n = accuracy(model, read_conllu(dev))
        print(f"dev accuracy: {acc:.4f} ({n} tokens)")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.train", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    pos = sub.add_parser("pos", help="train the part-of-speech tagger on UD English-EWT")
    pos.add_argument("--data", required=True, help="directory holding en_ewt-ud-{train,dev}.conllu")
    pos.add_argument("--out", default="briefing/data/pos_en_ewt.bin.gz")
    pos.add_argument("--iterations", type=int, default=ITERATIONS)
    pos.add_argument("--seed", type=int, nargs="+", default=SEEDS, help="shuffling seeds; several: their models are averaged")
    pos.add_argument("--prune", type=float, default=PRUNE)
    pos.add_argument("--beam", type=int, default=BEAM, help="beam width (1: greedy, NLTK's trainer)")
    pos.add_argument("--dev-each", action="store_true", help="print dev accuracy after every pass (beam only)")
    pos.add_argument("--update", choices=("early", "max"), default=UPDATE, help="beam training update")
    args = parser.parse_args(argv)
    if args.command == "pos":
        return _pos(args)
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
