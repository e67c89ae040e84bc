"""Part-of-speech tagger: shipped weights, lazy loading, tags on short sentences."""

from __future__ import annotations

import gzip
import subprocess
import sys

import pytest

from briefing import segment
from briefing.text import tagger


def tags_of(text: str) -> list[tuple[str, str]]:
    sentence = segment(text, detect_title=False).sentences[0]
    return list(zip((t.text for t in sentence.tokens), tagger.tag_sentence(sentence)))


def test_empty_input():
    assert tagger.tag([]) == []


def test_one_tag_per_token():
    tokens = ["The", "ministers", "met", "in", "Ankara", "on", "Friday", "."]
    tags = tagger.tag(tokens)
    assert len(tags) == len(tokens)
    assert tags == ["DT", "NNS", "VBD", "IN", "NNP", "IN", "NNP", "."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The committee approved a new budget for the schools.",
            ["DT", "NN", "VBD", "DT", "JJ", "NN", "IN", "DT", "NNS", "."],
        ),
        (
            "She will visit three factories next week.",
            ["PRP", "MD", "VB", "CD", "NNS", "JJ", "NN", "."],
        ),
        (
            "Prices rose 4.5 percent in 2019, officials said.",
            ["NNS", "VBD", "CD", "NN", "IN", "CD", ",", "NNS", "VBD", "."],
        ),
        (
            "He didn't sign the agreement.",
            ["PRP", "VBD", "RB", "VB", "DT", "NN", "."],
        ),
    ],
)
def test_short_sentences(text, expected):
    assert [t for _, t in tags_of(text)] == expected


def test_curly_quotes_take_directional_tags():
    got = dict(tags_of("The mayor called it “a serious mistake” on Monday."))
    assert got["“"] == "``"
    assert got["”"] == "''"
    assert got["mistake"] == "NN"


def test_straight_and_curly_apostrophes_agree():
    straight = [t for _, t in tags_of("It's the company's plan, and they don't like it.")]
    curly_tokens = [w for w, _ in tags_of("It’s the company’s plan, and they don’t like it.")]
    curly = [t for _, t in tags_of("It’s the company’s plan, and they don’t like it.")]
    # Whatever the tokenizer does with ’, content words get the same tags.
    assert dict(zip(curly_tokens, curly))["plan"] == "NN"
    assert dict(zip(curly_tokens, curly))["like"] == "VB"
    assert straight.count("POS") == 1


def test_rejoin_split_clitics():
    assert tagger.tag(["They", "don", "’", "t", "agree", "."]) == ["PRP", "VBP", "RB", "RB", "VB", "."]
    tags = tagger.tag(["the", "firm", "’", "s", "chief"])
    assert tags[2] == tags[3] == "POS"


def test_normalize():
    assert tagger.normalize("“") == tagger.normalize("''") == '"'
    assert tagger.normalize("n’t") == "n't"
    assert tagger.normalize("—") == "--"


def test_loads_without_nltk_data(monkeypatch):
    import nltk.data

    def refuse(*args, **kwargs):
        raise LookupError("NLTK data must not be used")

    monkeypatch.setattr(nltk.data, "find", refuse)
    monkeypatch.setattr(nltk.data, "load", refuse)
    model = tagger.load_model()
    assert "NN" in model.classes and "NNP" in model.classes
    assert model.tag(["Officials", "said", "."]) == ["NNS", "VBD", "."]


def test_model_file_round_trip():
    doc = {
        "format": tagger.FORMAT,
        "classes": ["DT", "NN", "VB"],
        "tagdict": {"the": "DT"},
        "ambiguity": {},
        "scale": 1000,
        "beam": 2,
        "weights": {f"f{i:03d}": f"{i % 3}:{i}" for i in range(100)} | {"b": "1:5,2:-3"},
    }
    model = tagger.decode(tagger.encode(doc))
    assert model.beam == 2 and model.classes == doc["classes"]
    assert model.row("b") == ((1, 5), (2, -3))
    assert model.row("f004") == ((1, 4),) and model.row("f000") == ()  # a zero weight is no weight
    assert all(model.row(f"f{i:03d}") == ((i % 3, i),) for i in range(1, 100))
    assert model.row("a") == () and model.row("zzz") == () and model.row("unknown") == ()
    assert list(model.vector(["b", "f004", "f005", "nope"])) == [0, 5 + 4, -3 + 5]
    assert tagger.encode(doc) == tagger.encode(dict(reversed(list(doc.items()))))
    assert model.tag(["the", "cat"]) == ["DT", "NN"]  # "b" favours NN
    # the same model built from the document itself (as the trainer's snapshots are)
    assert tagger.Model(doc).tag(["the", "cat"]) == ["DT", "NN"]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[:-10],  # truncated gzip
        lambda raw: b"not a model",
        lambda raw: gzip.compress(gzip.decompress(raw) + b"extra", mtime=0),  # wrong length
        lambda raw: gzip.compress(gzip.decompress(raw).replace(b'"briefing-pos/4"', b'"briefing-pos/9"'), mtime=0),
    ],
)
def test_a_damaged_model_file_is_a_value_error(damage):
    doc = {
        "format": tagger.FORMAT, "classes": ["DT", "NN"], "tagdict": {}, "ambiguity": {}, "scale": 1000,
        "weights": {"b": "1:5", "w the": "0:7"},
    }
    raw = tagger.encode(doc)
    assert tagger.decode(raw).row("w the") == ((0, 7),)
    with pytest.raises(ValueError):
        tagger.decode(damage(raw))


def test_malformed_rows_are_refused():
    doc = {"format": tagger.FORMAT, "classes": ["DT", "NN"], "tagdict": {}, "ambiguity": {}, "scale": 1000}
    for weights in ({"b": "2:5"}, {"b": "1-5"}, {"a\nb": "1:5"}, {"b": "1:99999999999"}):
        with pytest.raises(ValueError):
            tagger.encode({**doc, "weights": weights})


def test_beam_of_one_is_greedy():
    model = tagger.load_model()
    words = "The committee said on Friday that it would review the plans for the new bridge .".split()
    model.beam = 1
    greedy = model.tag(words)
    assert model.tag_beam(words, 1) == greedy


def test_import_does_not_load_model():
    code = (
        "import sys, briefing, briefing.text.tagger as t, briefing.text.chunk;"
        "assert t.model.cache_info().currsize == 0;"
        "briefing.segment('Ministers met in Ankara.');"
        "assert t.model.cache_info().currsize == 0;"
        "t.tag(['Hi']); assert t.model.cache_info().currsize == 1"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# Issue 3 asks for >= 0.945 (goal 0.95); the shipped weights (beam 3, two seeds mixed) reach
# 0.9461 on EWT dev (0.9429 before). This floor guards against regressions: raise it with the model.
DEV_FLOOR = 0.946


def test_dev_accuracy_from_shipped_weights(shared_data):
    from briefing.train import accuracy, read_conllu

    dev = shared_data / "pos" / "en_ewt-ud-dev.conllu"
    if not dev.exists():
        pytest.skip("EWT dev file not available")
    acc, n = accuracy(tagger.model(), read_conllu(dev))
    assert n > 20000
    assert acc >= DEV_FLOOR


def _reference_beam(model, words, k):
    """The beam search as the trainer defines it, with none of the tagger's shortcuts: every
    hypothesis scored from scratch on `features()`, tags copied along, a full sort each step."""
    ctx = tagger.context(words, model.ambiguity)
    beam = [(0, (tagger.START[1], tagger.START[0]))]
    for i, word in enumerate(words):
        fixed = tagger._DIRECTED.get(word) or model.tagdict.get(ctx[0][i])
        cands = []
        for score, tags in beam:
            if fixed:
                cands.append((score, tags + (fixed,)))
                continue
            scores = [int(v) for v in model.vector(tagger.features(i, ctx, tags[-1], tags[-2]))]
            ranked = sorted(range(len(scores)), key=lambda c: -scores[c])[:k]  # stable: ties to the lower index
            cands.extend((score + scores[c], tags + (model.classes[c],)) for c in ranked)
        cands.sort(key=lambda cand: -cand[0])
        beam, seen = [], set()
        for cand in cands:
            if cand[1][-2:] not in seen:
                seen.add(cand[1][-2:])
                beam.append(cand)
                if len(beam) == k:
                    break
    return list(beam[0][1][2:])


REFERENCE_TEXTS = [
    "The committee said on Friday that it would review the plans for the new bridge.",
    "“We will not back down,” Erdogan told reporters in Ankara, as 1.5 million people fled north.",
    "SHARES IN ACME CORP. ROSE 12% AFTER THE U.S. REGULATOR APPROVED THE DEAL",
    "Half of them were children; at least 167 civilians have died since mid-December, it said.",
    "Run!",
    "State-owned oil-and-gas giant Rosneft, whose chief executive is Igor Sechin, declined to comment.",
]


@pytest.mark.parametrize("text", REFERENCE_TEXTS)
def test_fast_beam_equals_the_reference_beam(text):
    model = tagger.model()
    for sentence in segment(text).sentences:
        words = tagger._rejoin_clitics([t.text for t in sentence.tokens])[0]
        assert model.tag_beam(words, 3) == _reference_beam(model, words, 3)
        assert model.tag_beam(words, 2) == _reference_beam(model, words, 2)


def test_fast_beam_equals_the_reference_beam_on_ewt(shared_data):
    from briefing.train import read_conllu

    dev = shared_data / "pos" / "en_ewt-ud-dev.conllu"
    if not dev.exists():
        pytest.skip("EWT dev file not available")
    model = tagger.model()
    for sentence in read_conllu(dev)[:150]:
        words = [w for w, _ in sentence]
        assert model.tag_beam(words, model.beam) == _reference_beam(model, words, model.beam)
