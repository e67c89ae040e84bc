"""Part-of-speech tags (Penn Treebank) from an averaged perceptron trained on UD English-EWT.

The model is a structured averaged perceptron with beam search (Collins & Roark 2004; trained with
max-violation updates, Huang et al. 2012) over the feature set defined here, trained by
:mod:`briefing.train` (which can also train NLTK's greedy `AveragedPerceptron`; a file without a
``beam`` field is decoded greedily). Its weights ship as ``briefing/data/pos_en_ewt.bin.gz``
(CC BY-SA 4.0, derived from UD English-EWT; see ``pos_en_ewt.LICENSE.txt``); NLTK's data
directory is never read.

File layout (see :func:`encode`): gzip'd; a first line of JSON header (sorted keys):
``classes`` (sorted tag list), ``tagdict`` (frequent unambiguous word -> tag), ``ambiguity``
(lower-cased word -> the tags it takes in training, a feature), ``beam`` (width; 1 or absent:
greedy), ``scale`` and the sizes of what follows: the sorted feature strings, then their weight
rows as CSR arrays (integer weights in units of 1/``scale``). Loading (done once, on the first
call to :func:`tag`) builds a feature -> row dict and one dense int32 weight matrix, so that
scoring a token is a gather and a sum.

Input tokens are NLTK Treebank-style (`briefing.text.segment.tokenize`). Typographic quotes and
apostrophes are normalised for the features (“ ” « » `` '' -> ", ’ -> ', — – -> --), and a
directional quote always gets its Penn tag (“ -> ``, ” -> '').
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..document import Sentence

MODEL_RESOURCE = "data/pos_en_ewt.bin.gz"
FORMAT = "briefing-pos/4"
_WORD_CACHE_MAX = 50_000  # token texts whose word-feature sums are kept (about 35 MB at most)

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


class Model:
    """A loaded tagger: tag dictionary, ambiguity classes, classes and the weight matrix.

    `data` is the file's header (or a whole document as :mod:`briefing.train` exports it);
    `weights` maps feature -> row string ``"class:weight,..."`` and defaults to
    ``data["weights"]``; `arrays` (from :func:`decode`) gives the rows as sorted features and
    CSR arrays instead. The weights are held as one dense int32 matrix of shape
    (features + 1, classes), about 30 MB for the shipped model, whose last row is zeros (the row
    of an unknown feature), so that a token's score is a gather and a sum. Raises ValueError
    for an unknown format or inconsistent rows.
    """

    def __init__(self, data: dict, weights: dict | None = None, *, arrays=None) -> None:
        import numpy as np

        if data.get("format") != FORMAT:
            raise ValueError(f"unknown POS model format {data.get('format')!r}")
        self.classes: list[str] = data["classes"]
        self.tagdict: dict[str, str] = data["tagdict"]
        self.ambiguity: dict[str, str] = data["ambiguity"]
        self.beam: int = data.get("beam", 1)
        n_classes = len(self.classes)
        if arrays is None:
            arrays = _arrays(data["weights"] if weights is None else weights, n_classes)
        feats, indptr, cls, wts = arrays
        n = len(feats)
        if (
            len(indptr) != n + 1 or indptr[0] != 0 or indptr[-1] != len(cls) or len(cls) != len(wts)
            or bool(np.any(np.diff(indptr) < 0)) or (len(cls) and int(cls.max()) >= n_classes)
        ):
            raise ValueError("corrupt POS model: inconsistent weight rows")
        self._index: dict[str, int] = dict(zip(feats, range(n)))
        self._unknown = n  # the zero row
        matrix = np.zeros((n + 1, n_classes), dtype=np.int32)
        matrix[np.repeat(np.arange(n), np.diff(indptr)), cls] = wts
        self._matrix = matrix
        self._word_cache: dict[str, tuple] = {}
        self._transitions: dict[tuple[str, str], object] = {}

    def row(self, feat: str) -> tuple[tuple[int, int], ...]:
        """The weights of `feat`: (class index, integer weight) pairs, () for an unknown feature."""
        i = self._index.get(feat)
        if i is None:
            return ()
        return tuple((c, int(w)) for c, w in enumerate(self._matrix[i].tolist()) if w)

    def vector(self, feats: list[str]):
        """Scores of every class for `feats`: the sum of their rows, int64 of shape (classes,)."""
        index, unknown = self._index, self._unknown
        return self._matrix[[index.get(f, unknown) for f in feats]].sum(axis=0, dtype="int64")

    def predict(self, feats: list[str]) -> str:
        scores = self.vector(feats)
        return self.classes[int(scores.argmax())]  # the first best, as max() over the classes

    def tag(self, words: Sequence[str]) -> list[str]:
        """Penn tags for `words` (virtual tokens, see :func:`tag`): beam search when the model
        was trained with a beam, greedy decoding otherwise."""
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
            w = normalize(word)
            lw = _lower(w)
            shape = _shape(w)
            amb = self.ambiguity.get(lw, "?")
            info = (w, lw, shape, amb, self.vector(word_features(w, lw, shape, amb)))
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
        """Scores of the static features of the tokens at `positions`: int64 of shape
        (len(positions), classes). `word_rows[i]` is the cached sum of token i's word features;
        the rows of the context features are gathered and summed in one numpy call per sentence."""
        import numpy as np

        get, unknown = self._index.get, self._unknown
        ids = []
        starts = []
        for i in positions:
            starts.append(len(ids))
            ids.extend([get(f, unknown) for f in context_features(i, ctx)])
        sums = np.add.reduceat(self._matrix[ids], starts, axis=0, dtype=np.int64)
        return sums + np.array([word_rows[i] for i in positions])

    def _transition(self, prev: str, prev2: str):
        """Sum of the rows of the history features that depend on the previous tags only
        ("t1", "t2", "t12"), cached per (prev, prev2)."""
        total = self.vector(["t1 " + prev, "t2 " + prev2, "t12 " + prev + " " + prev2])
        self._transitions[prev, prev2] = total
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
        get = self._index.get
        matrix = self._matrix
        transitions = self._transitions
        fixed = [_DIRECTED.get(word) or self.tagdict.get(norm[i]) for i, word in enumerate(words)]
        positions = [i for i, tag in enumerate(fixed) if not tag]
        static = self._static_scores(positions, ctx, word_rows) if positions else None
        row = 0  # the row of `static` of the next open token
        # hypothesis: (score, prev2, prev, path); path is (tag, parent path), a linked list, so
        # that extending a hypothesis does not copy its tags.
        beam = [(0, START[1], START[0], None)]  # prev2, prev as the trainer pads them
        for i in range(len(words)):
            tag = fixed[i]
            if tag:
                # A fixed tag adds nothing to the scores, so the sorted beam stays sorted; two
                # hypotheses merge when they share their last tag (the first, better, one stays).
                extended = []
                seen = set()
                for score, _prev2, prev, path in beam:
                    if prev not in seen:
                        seen.add(prev)
                        extended.append((score, prev, tag, (tag, path)))
                beam = extended
                continue
            lw = low[i + 2]
            keys = (" " + lw, " " + low[i + 3], " " + amb[i + 2], " " + lw[-3:])
            base_row = static[row]
            row += 1
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
                        j = get(feat)
                        if j is not None:
                            base = base + matrix[j]
                    by_prev[prev] = base
                trans = transitions.get((prev, prev2))
                if trans is None:
                    trans = self._transition(prev, prev2)
                rows.append(base + trans)
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


def _arrays(weights: dict, n_classes: int):
    """(sorted features, indptr int32, class indices uint8, weights int32) of feature -> row
    string ``"class:weight,..."`` (CSR rows). Raises ValueError for a malformed row."""
    import numpy as np

    feats = sorted(weights)
    indptr = [0]
    cls: list[int] = []
    wts: list[int] = []
    for feat in feats:
        if not feat or "\n" in feat:
            raise ValueError(f"feature {feat!r} is empty or holds a newline")
        try:
            for pair in weights[feat].split(","):
                c, v = pair.split(":")
                cls.append(int(c))
                wts.append(int(v))
        except ValueError:
            raise ValueError(f"malformed weight row for {feat!r}") from None
        indptr.append(len(cls))
    if n_classes > 256 or any(not 0 <= c < n_classes for c in cls):
        raise ValueError("class index out of range in the weight rows")
    # int32 rows; a token sums about 60 of them, which must not overflow either
    if wts and max(map(abs, wts)) >= 2**31 // 256:
        raise ValueError("weights too large for int32 sums")
    return feats, np.array(indptr, dtype="<i4"), np.array(cls, dtype="u1"), np.array(wts, dtype="<i4")


def load_model(path=None) -> Model:
    """Read a model file (default: the shipped one). NLTK's data directory is not used.
    Raises OSError for an unreadable file and ValueError for a corrupt one."""
    if path is None:
        raw = resources.files("briefing").joinpath(MODEL_RESOURCE).read_bytes()
    else:
        with open(path, "rb") as fh:
            raw = fh.read()
    return decode(raw)


def encode(doc: dict) -> bytes:
    """The model file for `doc` (header fields plus ``weights``: feature -> row string
    ``"class:weight,..."``, as :func:`briefing.train.export` gives).

    Layout, gzip'd (mtime 0, so the bytes depend on `doc` alone): the header as one line of
    JSON with sorted keys, which adds ``features`` and ``nonzeros`` (counts) and
    ``feature_bytes``; the sorted features in UTF-8 joined by newlines (``feature_bytes``
    long); then the rows in CSR form: ``indptr`` (features + 1 little-endian int32), the class
    index of each nonzero weight (uint8) and the weights (little-endian int32, units of
    1/``scale``).
    """
    header = {k: v for k, v in doc.items() if k != "weights"}
    feats, indptr, cls, wts = _arrays(doc["weights"], len(header["classes"]))
    blob = "\n".join(feats).encode("utf-8")
    header.update(features=len(feats), nonzeros=len(cls), feature_bytes=len(blob))
    line = json.dumps(header, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    body = b"".join([line, b"\n", blob, indptr.tobytes(), cls.tobytes(), wts.tobytes()])
    return gzip.compress(body, compresslevel=9, mtime=0)


def decode(raw: bytes) -> Model:
    """A :class:`Model` from the bytes of a model file (see :func:`encode`). Raises ValueError
    for a file that is not one."""
    import numpy as np

    try:
        data = gzip.decompress(raw)
        end = data.index(b"\n")
        header = json.loads(data[:end])
        n, m, size = header["features"], header["nonzeros"], header["feature_bytes"]
        pos = end + 1
        feats = data[pos : pos + size].decode("utf-8").split("\n") if n else []
        pos += size
        indptr = np.frombuffer(data, dtype="<i4", count=n + 1, offset=pos)
        pos += 4 * (n + 1)
        cls = np.frombuffer(data, dtype="u1", count=m, offset=pos)
        pos += m
        wts = np.frombuffer(data, dtype="<i4", count=m, offset=pos)
        pos += 4 * m
    except (OSError, EOFError, ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ValueError(f"corrupt POS model ({exc})") from None
    if pos != len(data) or len(feats) != n:
        raise ValueError("corrupt POS model: wrong length")
    return Model(header, arrays=(feats, indptr, cls, wts))


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
