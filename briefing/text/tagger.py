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
_WORD_CACHE_MAX = 50_000  # token texts whose word-feature sums are kept (about 35 MB at most)
_MISSING = object()
_CACHE_MAX = 1_000_000  # cache entries, rows and unknown features, before it is cleared

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


def word_features(w: str, lw: str, shape: str, amb: str) -> list[str]:
    """Feature strings that depend on the token alone: its normalised form `w`, lower form `lw`
    (:func:`_lower`), :func:`_shape` and ambiguity class. Their sum is cached per word form."""
    feats = [
        "b",
        "w " + lw,
        "sh " + shape,
        "s1 " + lw[-1:],
        "s2 " + lw[-2:],
        "s3 " + lw[-3:],
        "s4 " + lw[-4:],
        "s5 " + lw[-5:],
        "p1 " + lw[:1],
        "p2 " + lw[:2],
        "p3 " + lw[:3],
        "p4 " + lw[:4],
        "a " + amb,
        "len " + str(min(len(w), 9)),
    ]
    if w[:1].isupper():
        feats.append("W " + w)
        if w.isupper() and len(w) > 1:
            feats.append("allcap")
    if "-" in w and len(w) > 1:
        feats.append("hy")
        parts = w.lower().split("-")
        feats.append("hy " + parts[-1][-4:])
        feats.append("hy1 " + parts[0])
        feats.append("hyl " + parts[-1])
        feats.append("hys " + parts[0][-3:] + " " + parts[-1][-3:])
    if any(ch.isdigit() for ch in w):
        feats.append("dig")
    return feats


def context_features(i: int, ctx) -> list[str]:
    """Feature strings for token `i` that depend on its neighbours, its position or the sentence
    (but not on the previous tags). `ctx` is :func:`context` of the sentence."""
    norm, low, shapes, amb, sc = ctx
    w = norm[i]
    lw = low[i + 2]
    n = len(shapes)
    first = w[:1]
    feats = [
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
        "a+1 " + amb[i + 3],
        "a+2 " + amb[i + 4],
        "aa+1 " + amb[i + 2] + " " + amb[i + 3],
        "p3+1 " + low[i + 3][:3],
        "wa+1 " + lw + " " + amb[i + 3],
        "w-1ww+1 " + low[i + 1] + " " + lw + " " + low[i + 3],
    ]
    capf = ("C" if i else "C0") if first.isupper() else "l" if first.isalpha() else "o"
    feats.append("sc " + sc + " " + capf)
    feats.append("sca " + sc + " " + capf + " " + amb[i + 2])
    if first.isupper():
        feats.append("cap" if i else "cap0")
    elif i == 0:
        feats.append("low0")
    if i + 1 == n:
        feats.append("last")
    return feats


def static_features(i: int, ctx) -> list[str]:
    """Feature strings for token `i` that do not depend on the previous tags: its
    :func:`word_features` and :func:`context_features`.

    `ctx` is :func:`context` of the sentence; its word lists are padded with two start and two
    end symbols (token i is at index ``i + 2``).
    """
    norm, low, shapes, amb, _sc = ctx
    return word_features(norm[i], low[i + 2], shapes[i], amb[i + 2]) + context_features(i, ctx)


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
        # feature -> dense int64 row over the classes, or None for a feature the model lacks
        self._vectors: dict = {}
        self._dense_count = 0
        self._word_cache: dict[str, tuple] = {}
        self._transitions: dict[tuple[str, str], object] = {}

    def _row(self, feat: str) -> tuple:
        """The parsed row of `feat` ((class index, weight) pairs; () for an unknown feature)."""
        raw = self._weights.get(feat)
        return tuple((int(c), int(v)) for c, v in (p.split(":") for p in raw.split(","))) if raw else ()

    def _dense(self, feat: str):
        """The row of `feat` as a dense int64 vector over the classes (None for an unknown
        feature); built once per feature and cached. The cache is cleared in place (callers
        may hold its ``get``) when it holds :data:`_VECTOR_CACHE_MAX` rows or
        :data:`_CACHE_MAX` entries."""
        v = self._vectors.get(feat, _MISSING)
        if v is _MISSING:
            import numpy as np

            row = self._row(feat)
            v = None
            if row:
                v = np.zeros(len(self.classes), dtype=np.int64)
                for c, w in row:
                    v[c] += w
            if self._dense_count >= _VECTOR_CACHE_MAX or len(self._vectors) >= _CACHE_MAX:
                self._vectors.clear()
                self._dense_count = 0
            self._vectors[feat] = v
            self._dense_count += v is not None
        return v

    def vector(self, feats: list[str]):
        """Scores of every class for `feats`: the sum of their rows, a numpy int64 vector of
        shape (classes,)."""
        import numpy as np

        total = np.zeros(len(self.classes), dtype=np.int64)
        for feat in feats:
            v = self._dense(feat)
            if v is not None:
                total += v
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

    def _word(self, word: str) -> tuple:
        """(normalised form, lower form, shape, ambiguity class, sum of the rows of its
        :func:`word_features` as an int64 vector) of a token, cached per token text."""
        info = self._word_cache.get(word)
        if info is None:
            import numpy as np

            w = normalize(word)
            lw = _lower(w)
            shape = _shape(w)
            amb = self.ambiguity.get(lw, "?")
            total = np.zeros(len(self.classes), dtype=np.int64)
            for feat in word_features(w, lw, shape, amb):
                v = self._dense(feat)
                if v is not None:
                    total += v
            info = (w, lw, shape, amb, total)
            if len(self._word_cache) >= _WORD_CACHE_MAX:
                self._word_cache.clear()
            self._word_cache[word] = info
        return info

    def _context(self, words: Sequence[str]):
        """(:func:`context` of the sentence, the word-feature vector of each token), from the
        per-token cache."""
        infos = [self._word(w) for w in words]
        norm = [info[0] for info in infos]
        low = [*START, *(info[1] for info in infos), *END]
        shapes = [info[2] for info in infos]
        amb = [*START, *(info[3] for info in infos), *END]
        return (norm, low, shapes, amb, _sentence_case(norm)), [info[4] for info in infos]

    def _static_scores(self, positions: list[int], ctx, word_rows):
        """Scores of the static features of the tokens at `positions`: an int64 array of shape
        (len(positions), classes). `word_rows[i]` is the cached sum of token i's word features;
        the context features are summed here, in one numpy reduction per sentence."""
        import numpy as np

        dense = self._dense
        get = self._vectors.get
        rows = []
        append = rows.append
        starts = []
        for i in positions:
            starts.append(len(rows))
            append(word_rows[i])
            for feat in context_features(i, ctx):
                v = get(feat, _MISSING)
                if v is _MISSING:
                    v = dense(feat)
                if v is not None:
                    append(v)
        return np.add.reduceat(np.array(rows), starts, axis=0)

    def _transition(self, prev: str, prev2: str):
        """Sum of the rows of the history features that depend on the previous tags only
        ("t1", "t2", "t12"), cached per (prev, prev2); None when the model has none."""
        key = (prev, prev2)
        total = None
        for feat in ("t1 " + prev, "t2 " + prev2, "t12 " + prev + " " + prev2):
            v = self._dense(feat)
            if v is not None:
                total = v.copy() if total is None else total + v
        self._transitions[key] = total
        return total

    def tag_beam(self, words: Sequence[str], k: int) -> list[str]:
        """Beam search over tag sequences; hypotheses with the same two last tags are merged.

        Scores are integer sums, so the order in which feature rows are added does not change
        them: the static rows of a sentence are summed in one numpy call, the history rows that
        depend on the token once per distinct previous tag, and those that depend on the previous
        tags alone come from a cache.
        """
        import numpy as np

        ctx, word_rows = self._context(words)
        norm, low, amb = ctx[0], ctx[1], ctx[3]
        classes = self.classes
        dense = self._dense
        get = self._vectors.get  # (the cache is cleared in place, never replaced)
        transitions = self._transitions
        fixed = [_DIRECTED.get(word) or self.tagdict.get(norm[i]) for i, word in enumerate(words)]
        positions = [i for i, tag in enumerate(fixed) if not tag]
        static = self._static_scores(positions, ctx, word_rows) if positions else None
        row_of = {i: r for r, i in enumerate(positions)}
        # hypothesis: (score, prev2, prev, path); path is (tag, parent path), a linked list, so
        # that extending a hypothesis does not copy its tags.
        beam = [(0, START[1], START[0], None)]  # prev2, prev as the trainer pads them
        for i in range(len(words)):
            tag = fixed[i]
            if tag:
                cands = [(score, prev, tag, (tag, path)) for score, _prev2, prev, path in beam]
            else:
                lw = low[i + 2]
                keys = (" " + lw, " " + low[i + 3], " " + amb[i + 2], " " + lw[-3:])
                base_row = static[row_of[i]]
                by_prev: dict[str, object] = {}
                rows = []
                for _score, prev2, prev, _path in beam:
                    base = by_prev.get(prev)
                    if base is None:
                        # the history features that depend on the token and the previous tag
                        base = base_row
                        for feat in (
                            "t1w " + prev + keys[0],
                            "t1w+1 " + prev + keys[1],
                            "t1a " + prev + keys[2],
                            "t1s3 " + prev + keys[3],
                        ):
                            v = get(feat, _MISSING)
                            if v is _MISSING:
                                v = dense(feat)
                            if v is not None:
                                base = base + v
                        by_prev[prev] = base
                    trans = transitions.get((prev, prev2), _MISSING)
                    if trans is _MISSING:
                        trans = self._transition(prev, prev2)
                    rows.append(base if trans is None else base + trans)
                scores = np.array(rows)
                # The k best classes of each hypothesis, ties to the lower index (a stable sort).
                best = np.argsort(-scores, axis=1, kind="stable")[:, :k].tolist()
                values = scores.tolist()
                cands = []
                for (score, _prev2, prev, path), top, vals in zip(beam, best, values):
                    for c in top:
                        tag = classes[c]
                        cands.append((score + vals[c], prev, tag, (tag, path)))
            cands.sort(key=_rank)
            beam = []
            seen = set()
            for cand in cands:
                state = (cand[1], cand[2])
                if state not in seen:
                    seen.add(state)
                    beam.append(cand)
                    if len(beam) == k:
                        break
        tags = []
        path = beam[0][3]
        while path is not None:
            tags.append(path[0])
            path = path[1]
        return tags[::-1]


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
