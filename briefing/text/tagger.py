"""Part-of-speech tags (Penn Treebank) from an averaged perceptron trained on UD English-EWT.

The model is NLTK's greedy averaged perceptron (`nltk.tag.perceptron.AveragedPerceptron`, after
Honnibal 2013) trained by :mod:`briefing.train` with the richer feature set defined here. Its
weights ship as ``briefing/data/pos_en_ewt.json.gz`` (CC BY-SA 4.0, derived from UD English-EWT;
see ``pos_en_ewt.LICENSE.txt``); NLTK's data directory is never read.

File layout (gzip'd JSON, sorted keys): ``classes`` (sorted tag list), ``tagdict`` (frequent
unambiguous word -> tag), ``ambiguity`` (lower-cased word -> the tags it takes in training, a
feature) and ``weights``: feature string -> ``"class:weight,class:weight"`` with the class as an
index into ``classes`` and the weight an integer in units of 1/``scale`` (a JSON object, so that
the decoder builds the dict). Rows are parsed the first time a feature fires, which keeps loading
(done once, on the first call to :func:`tag`) cheap.

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

MODEL_RESOURCE = "data/pos_en_ewt.json.gz"
FORMAT = "briefing-pos/2"

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


def features(i: int, ctx, prev: str, prev2: str) -> list[str]:
    """Feature strings for token `i` given the two previous predicted tags.

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
        "t1 " + prev,
        "t2 " + prev2,
        "t12 " + prev + " " + prev2,
        "t1w " + prev + " " + lw,
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
        "t1w+1 " + prev + " " + low[i + 3],
        "a " + amb[i + 2],
        "a+1 " + amb[i + 3],
        "a+2 " + amb[i + 4],
        "aa+1 " + amb[i + 2] + " " + amb[i + 3],
        "t1a " + prev + " " + amb[i + 2],
        "s5 " + lw[-5:],
        "p3+1 " + low[i + 3][:3],
        "wa+1 " + lw + " " + amb[i + 3],
        "t1s3 " + prev + " " + lw[-3:],
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


class Model:
    """Loaded weights: tag dictionary, classes and lazily parsed feature rows."""

    def __init__(self, data: dict) -> None:
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown POS model format {data.get('format')!r}")
        self.classes: list[str] = data["classes"]
        self.tagdict: dict[str, str] = data["tagdict"]
        self.ambiguity: dict[str, str] = data["ambiguity"]
        self.rows: dict[str, object] = data["weights"]

    def _row(self, feat: str):
        row = self.rows.get(feat)
        if row is None or type(row) is tuple:
            return row
        parsed = tuple((int(c), int(v)) for c, v in (p.split(":") for p in row.split(",")))  # type: ignore[union-attr]
        self.rows[feat] = parsed
        return parsed

    def predict(self, feats: list[str]) -> str:
        scores = [0] * len(self.classes)
        for feat in feats:
            row = self._row(feat)
            if row:
                for c, v in row:
                    scores[c] += v
        best = max(range(len(scores)), key=scores.__getitem__)
        return self.classes[best]

    def tag(self, words: Sequence[str]) -> list[str]:
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


def load_model(path=None) -> Model:
    """Read a model file (default: the shipped one). Pure JSON; NLTK data is not used."""
    if path is None:
        raw = resources.files("briefing").joinpath(MODEL_RESOURCE).read_bytes()
    else:
        with open(path, "rb") as fh:
            raw = fh.read()
    return Model(json.loads(gzip.decompress(raw)))


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
