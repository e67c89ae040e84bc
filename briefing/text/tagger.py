"""Part-of-speech tags (Penn Treebank) from an averaged perceptron trained on UD English-EWT.

The model is a structured averaged perceptron with beam search (Collins & Roark 2004; trained with
max-violation updates, Huang et al. 2012) over the feature set defined here, trained by
:mod:`briefing.train` (which can also train NLTK's greedy `AveragedPerceptron`; a file without a
``beam`` field is decoded greedily). Its weights ship as ``briefing/data/pos_en_ewt.json.gz``
(CC BY-SA 4.0, derived from UD English-EWT; see ``pos_en_ewt.LICENSE.txt``); NLTK's data
directory is never read.

File layout (see :func:`encode`): gzip'd UTF-8 text whose first line is a JSON header (sorted
keys): ``classes`` (sorted tag list), ``tagdict`` (frequent unambiguous word -> tag),
``ambiguity`` (lower-cased word -> the tags it takes in training, a feature), ``beam`` (width; 1
or absent: greedy) and ``scale``. The feature rows follow, sorted by feature and cut into blocks
of :data:`BLOCK`: a line of the blocks' first features, then the blocks, each a run of
``feature<TAB>class:weight,class:weight`` lines, with the class as an index into ``classes`` and
the weight an integer in units of 1/``scale``. Loading (done once, on the first call to
:func:`tag`) only splits the text into blocks; a block is parsed when one of its features is
first looked up (bisecting the first features), and each row is parsed once.

Input tokens are NLTK Treebank-style (`briefing.text.segment.tokenize`). Typographic quotes and
apostrophes are normalised for the features (“ ” « » `` '' -> ", ’ -> ', — – -> --), and a
directional quote always gets its Penn tag (“ -> ``, ” -> '').
"""

from __future__ import annotations

import bisect
import gzip
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Sentence

MODEL_RESOURCE = "data/pos_en_ewt.json.gz"
FORMAT = "briefing-pos/3"
BLOCK = 32  # weight rows are stored sorted, in blocks of this many features parsed on first use
_VECTOR_CACHE_MAX = 100_000  # dense rows kept (about 50 MB at most) before the cache is cleared
_MISSING = object()
_CACHE_MAX = 1_000_000  # parsed-row cache entries (hits and misses) before it is cleared

START = ("-START-", "-START2-")
END = ("-END-", "-END2-")

# Quote characters that always open or close: their Penn tag does not depend on context.
_DIRECTED = {"“": "``", "„": "``", "«": "``", "``": "``", "”": "''", "»": "''", "''": "''"}
_QUOTES = frozenset(_DIRECTED) | {'"', "″", "‟"}
_DASHES = frozenset({"—", "–", "―", "--", "---", "‒"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "´": "'", "`": "'"})
# Clitics that NLTK's tokenizer leaves split around a curly apostrophe ("it ’ s", "don ’ t").
_CLITICS = frozenset({"s", "d", "m", "ll", "re", "ve"})


def normalize(word: str) -> str:
    """The token as the features see it: typographic quotes, apostrophes and dashes unified."""
    if word in _QUOTES:
        return '"'
    if word in _DASHES:
        return "--"
    if word == "…":
        return "..."
    return word.translate(_APOSTROPHES) if not word.isalnum() else word


def _lower(word: str) -> str:
    """Lower-cased form with numbers collapsed (NLTK's normalisation)."""
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word[:1].isdigit():
        return "!DIGITS"
    return word.lower()


def _shape(word: str) -> str:
    """Character classes with runs collapsed: Hello -> Xx, U.S. -> X.X., 3.5 -> d.d."""
    out = []
    last = ""
    for ch in word[:24]:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if c != last:
            out.append(c)
            last = c
    return "".join(out)


def _sentence_case(norm) -> str:
    """Casing of the sentence's words after the first: lo (none capitalised), UP (all capitals),
    ti (mostly capitalised: a heading), mx (ordinary), n (no words)."""
    words = [w for w in norm[1:] if w[:1].isalpha()]
    if not words:
        return "n"
    caps = sum(w[:1].isupper() for w in words)
    if caps == 0:
        return "lo"
    if all(w.isupper() for w in words):
        return "UP"
    if len(words) >= 2 and caps / len(words) >= 0.6:
        return "ti"
    return "mx"


def context(words: Sequence[str], ambiguity: dict[str, str]):
    """Per-sentence precomputation: normalised forms, lower forms (padded), shapes, the
    ambiguity classes (tags seen in training, ``?`` for rare words; padded) and the sentence case."""
    norm = [normalize(w) for w in words]
    low = [*START, *(_lower(w) for w in norm), *END]
    shapes = [_shape(w) for w in norm]
    amb = [*START, *(ambiguity.get(w, "?") for w in low[2:-2]), *END]
    return norm, low, shapes, amb, _sentence_case(norm)


def static_features(i: int, ctx) -> list[str]:
    """Feature strings for token `i` that do not depend on the previous tags.

    `ctx` is :func:`context` of the sentence; its word lists are padded with two start and two
    end symbols (token i is at index ``i + 2``).
    """
    norm, low, shapes, amb, sc = ctx
    w = norm[i]
    lw = low[i + 2]
    shape = shapes[i]
    n = len(shapes)
    first = w[:1]
    feats = [
        "b",
        "w " + lw,
        "sh " + shape,
        "s1 " + lw[-1:],
        "s2 " + lw[-2:],
        "s3 " + lw[-3:],
        "s4 " + lw[-4:],
        "p1 " + lw[:1],
        "p2 " + lw[:2],
        "p3 " + lw[:3],
        "p4 " + lw[:4],
        "w-1 " + low[i + 1],
        "w-2 " + low[i],
        "w+1 " + low[i + 3],
        "w+2 " + low[i + 4],
        "w-1w " + low[i + 1] + " " + lw,
        "ww+1 " + lw + " " + low[i + 3],
        "s3-1 " + low[i + 1][-3:],
        "s3+1 " + low[i + 3][-3:],
        "sh-1 " + (shapes[i - 1] if i else "^"),
        "sh+1 " + (shapes[i + 1] if i + 1 < n else "$"),
        "a " + amb[i + 2],
        "a+1 " + amb[i + 3],
        "a+2 " + amb[i + 4],
        "aa+1 " + amb[i + 2] + " " + amb[i + 3],
        "s5 " + lw[-5:],
        "p3+1 " + low[i + 3][:3],
        "wa+1 " + lw + " " + amb[i + 3],
        "w-1ww+1 " + low[i + 1] + " " + lw + " " + low[i + 3],
        "len " + str(min(len(w), 9)),
    ]
    capf = ("C" if i else "C0") if first.isupper() else "l" if first.isalpha() else "o"
    feats.append("sc " + sc + " " + capf)
    feats.append("sca " + sc + " " + capf + " " + amb[i + 2])
    if first.isupper():
        feats.append("W " + w)
        feats.append("cap" if i else "cap0")
        if w.isupper() and len(w) > 1:
            feats.append("allcap")
    elif i == 0:
        feats.append("low0")
    if "-" in w and len(w) > 1:
        feats.append("hy")
        parts = w.lower().split("-")
        feats.append("hy " + parts[-1][-4:])
        feats.append("hy1 " + parts[0])
        feats.append("hyl " + parts[-1])
        feats.append("hys " + parts[0][-3:] + " " + parts[-1][-3:])
    if any(ch.isdigit() for ch in w):
        feats.append("dig")
    if i + 1 == n:
        feats.append("last")
    return feats


def history_features(i: int, ctx, prev: str, prev2: str) -> list[str]:
    """Feature strings for token `i` that involve the two previous tags."""
    low, amb = ctx[1], ctx[3]
    lw = low[i + 2]
    return [
        "t1 " + prev,
        "t2 " + prev2,
        "t12 " + prev + " " + prev2,
        "t1w " + prev + " " + lw,
        "t1w+1 " + prev + " " + low[i + 3],
        "t1a " + prev + " " + amb[i + 2],
        "t1s3 " + prev + " " + lw[-3:],
    ]


def features(i: int, ctx, prev: str, prev2: str) -> list[str]:
    """All feature strings for token `i` given the two previous tags."""
    return static_features(i, ctx) + history_features(i, ctx, prev, prev2)


class _Blocks:
    """Feature rows of a model file: sorted, in blocks of :data:`BLOCK` features that are parsed
    on first access (found by bisecting the blocks' first features)."""

    def __init__(self, index: str, body: str) -> None:
        self.firsts = index.split("\t")
        self.parts: list = body.split("\x1d")
        if len(self.parts) != len(self.firsts):
            raise ValueError("corrupt POS model: block index does not match the blocks")

    def get(self, feat: str):
        b = bisect.bisect_right(self.firsts, feat) - 1
        if b < 0:
            return None
        part = self.parts[b]
        if type(part) is str:
            part = dict(rec.split("\t", 1) for rec in part.split("\n"))
            self.parts[b] = part
        return part.get(feat)


class Model:
    """Loaded weights: tag dictionary, classes and lazily parsed feature rows.

    `data` is the file's header; `weights` maps feature -> row string (a dict, or the lazily
    parsed blocks of a model file); when omitted, ``data["weights"]`` is used.
    """

    def __init__(self, data: dict, weights=None) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown POS model format {data.get('format')!r}")
        self.classes: list[str] = data["classes"]
        self.tagdict: dict[str, str] = data["tagdict"]
        self.ambiguity: dict[str, str] = data["ambiguity"]
        self.beam: int = data.get("beam", 1)
        self._weights = data["weights"] if weights is None else weights
        self._cache: dict[str, tuple] = {}
        self._vectors: dict = {}

    def _row(self, feat: str) -> tuple:
        """The parsed row of `feat` ((class index, weight) pairs; () for an unknown feature)."""
        raw = self._weights.get(feat)
        row = tuple((int(c), int(v)) for c, v in (p.split(":") for p in raw.split(","))) if raw else ()
        if len(self._cache) >= _CACHE_MAX:
            self._cache.clear()
        self._cache[feat] = row
        return row

    def scores(self, feats: list[str], scores: list[int]) -> list[int]:
        """Add the rows of `feats` to `scores` (in place) and return it."""
        cache = self._cache
        for feat in feats:
            row = cache.get(feat)
            if row is None:
                row = self._row(feat)
            for c, v in row:
                scores[c] += v
        return scores

    def vector(self, feats: list[str], base=None):
        """Scores of every class for `feats`, plus `base`, as a numpy int64 vector.

        The same sums as :meth:`scores`, but each feature row is kept as a dense vector, so a
        token costs one numpy sum instead of a Python loop over every (class, weight) pair.
        """
        import numpy as np

        vectors = self._vectors
        rows = []
        for feat in feats:
            v = vectors.get(feat, _MISSING)
            if v is _MISSING:
                row = self._cache.get(feat)
                if row is None:
                    row = self._row(feat)
                v = None
                if row:
                    v = np.zeros(len(self.classes), dtype=np.int64)
                    for c, w in row:
                        v[c] += w
                if len(vectors) >= _VECTOR_CACHE_MAX:
                    vectors.clear()
                vectors[feat] = v
            if v is not None:
                rows.append(v)
        total = np.zeros(len(self.classes), dtype=np.int64) if base is None else base.copy()
        if rows:
            total += np.sum(rows, axis=0)
        return total

    def predict(self, feats: list[str]) -> str:
        scores = self.vector(feats)
        return self.classes[int(scores.argmax())]  # the first best, as max() over the classes

    def tag(self, words: Sequence[str]) -> list[str]:
        if self.beam > 1:
            return self.tag_beam(words, self.beam)
        ctx = context(words, self.ambiguity)
        norm = ctx[0]
        prev, prev2 = START
        out = []
        for i, word in enumerate(words):
            tag = _DIRECTED.get(word) or self.tagdict.get(norm[i])
            if not tag:
                tag = self.predict(features(i, ctx, prev, prev2))
            out.append(tag)
            prev2, prev = prev, tag
        return out

    def tag_beam(self, words: Sequence[str], k: int) -> list[str]:
        """Beam search over tag sequences; hypotheses with the same two last tags are merged."""
        import numpy as np

        ctx = context(words, self.ambiguity)
        norm = ctx[0]
        classes = self.classes
        # hypothesis: (score, tags tuple); the tuple's last two entries are the history.
        beam = [(0, (START[1], START[0]))]
        for i, word in enumerate(words):
            fixed = _DIRECTED.get(word) or self.tagdict.get(norm[i])
            if fixed:
                cands = [(score, tags + (fixed,)) for score, tags in beam]
            else:
                static = self.vector(static_features(i, ctx))
                low, amb = ctx[1], ctx[3]
                lw = low[i + 2]
                by_prev: dict[str, list[int]] = {}
                cands = []
                for score, tags in beam:
                    prev, prev2 = tags[-1], tags[-2]
                    base = by_prev.get(prev)
                    if base is None:
                        # the history features of history_features() that do not involve prev2
                        feats = [
                            "t1 " + prev,
                            "t1w " + prev + " " + lw,
                            "t1w+1 " + prev + " " + low[i + 3],
                            "t1a " + prev + " " + amb[i + 2],
                            "t1s3 " + prev + " " + lw[-3:],
                        ]
                        base = by_prev[prev] = self.vector(feats, static)
                    sc = self.vector(["t2 " + prev2, "t12 " + prev + " " + prev2], base)
                    # The k best classes, ties to the lower index (as a stable sort would give).
                    for c in np.argsort(-sc, kind="stable")[:k]:
                        cands.append((score + int(sc[c]), tags + (classes[c],)))
            cands.sort(key=_rank)
            beam = []
            seen = set()
            for cand in cands:
                state = cand[1][-2:]
                if state not in seen:
                    seen.add(state)
                    beam.append(cand)
                    if len(beam) == k:
                        break
        return list(beam[0][1][2:])


def _rank(cand):
    return -cand[0]


def load_model(path=None) -> Model:
    """Read a model file (default: the shipped one). Pure JSON; NLTK data is not used."""
    if path is None:
        raw = resources.files("briefing").joinpath(MODEL_RESOURCE).read_bytes()
    else:
        with open(path, "rb") as fh:
            raw = fh.read()
    return decode(raw)


def encode(doc: dict) -> bytes:
    """The model file for `doc` (header fields plus ``weights``: feature -> row string).

    Layout, gzip'd UTF-8: the header as one line of JSON (sorted keys), a line with the first
    feature of every block (tab-separated), then the blocks separated by ``\\x1d``, each holding
    ``feature\\trow`` lines in sorted order.
    """
    header = {k: v for k, v in doc.items() if k != "weights"}
    feats = sorted(doc["weights"])
    for feat in feats:
        if not feat or any(ch in feat for ch in "\t\n\x1d"):
            raise ValueError(f"feature {feat!r} is empty or holds a separator")
    blocks = [feats[i : i + BLOCK] for i in range(0, len(feats), BLOCK)]
    text = json.dumps(header, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    text += "\n" + "\t".join(block[0] for block in blocks)
    text += "\n" + "\x1d".join("\n".join(f + "\t" + doc["weights"][f] for f in block) for block in blocks)
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def decode(raw: bytes) -> Model:
    """A :class:`Model` from the bytes of a model file (see :func:`encode`)."""
    header, index, body = gzip.decompress(raw).decode("utf-8").split("\n", 2)
    data = json.loads(header)
    if data.get("format") != FORMAT:
        raise ValueError(f"unknown POS model format {data.get('format')!r}")
    return Model(data, _Blocks(index, body))


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, loaded on first use."""
    return load_model()


def _rejoin_clitics(tokens: Sequence[str]) -> tuple[list[str], list[int]]:
    """Undo a curly-apostrophe split ("it ’ s" -> "it 's", "don ’ t" -> "do n't").

    Returns the virtual tokens and, for each input token, the index of the virtual token whose
    tag it takes.
    """
    virtual: list[str] = []
    index: list[int] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else None
        after = tokens[i + 2] if i + 2 < n else ""
        if (
            nxt in ("’", "'")
            and tok[-1:].isalpha()
            and after.lower() in _CLITICS | {"t"}
            and not (after.lower() == "t" and (tok[-1:].lower() != "n" or len(tok) < 2))
        ):
            if after.lower() == "t":
                virtual.append(tok[:-1])
                virtual.append(tok[-1] + "'" + after)
            else:
                virtual.append(tok)
                virtual.append("'" + after)
            index.extend([len(virtual) - 2, len(virtual) - 1, len(virtual) - 1])
            i += 3
            continue
        virtual.append(tok)
        index.append(len(virtual) - 1)
        i += 1
    return virtual, index


def tag(tokens: Sequence[str]) -> list[str]:
    """Penn Treebank tags for Treebank-style tokens (one tag per token; [] for no tokens)."""
    if not tokens:
        return []
    virtual, index = _rejoin_clitics(tokens)
    tags = model().tag(virtual)
    return [tags[j] for j in index]


def tag_sentence(sentence: Sentence) -> tuple[str, ...]:
    """Penn Treebank tags for each of `sentence.tokens`."""
    return tuple(tag([t.text for t in sentence.tokens]))
