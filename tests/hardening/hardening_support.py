"""Shared helpers of the hardening tests (issue 7): hostile text strategies and invariant checks."""

from __future__ import annotations

import json
import re

from hypothesis import strategies as st

from briefing.pipeline import FACT_KINDS, BriefOptions, article_from_text, brief
from briefing.render.json import COMMAND_KEYS, dumps, to_dict
from briefing.summarize import SUMMARIZERS, Length

# Pieces of hostile text: real words (so that there are sentences to rank), punctuation and
# number runs, emoji, combining marks, right-to-left scripts, controls, bidi overrides, lone
# surrogates (what a surrogateescape decoder or a JSON "\udcff" escape produces), markup and
# escape sequences, odd whitespace, and words far longer than any real one.
WORDS = (
    "The council said on Monday that 12 people were hurt . Officials in Springfield warned residents , "
    "and Mayor Ana Ruiz said : \" We agree . \" About 1.5 million people live in the region since May 2019 . "
    "Turkey Russia Idlib Dr. U.S. e.g. Inc. No. 5 ! ? ... -- ( ) [ ] ’ ' “ ” half two 24 % $ 4.2bn"
).split()
CONTROLS = [chr(c) for c in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0))]
BIDI = ["\u061c", "\u200e", "\u200f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
SURROGATES = ["\ud800", "\udbff", "\udc00", "\udcff", "\udfff"]
MARKUP = ["[bold red]", "[/]", "[link=file:///etc/passwd]x[/link]", "\x1b]0;title\x07", "\x1b[2J", "\x1b[31m", "\x9b2J", "**", "`", "|", "#", "<b>", "&amp;"]
SPACES = [" ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u2028", "\u2029", "\u3000", "\x0b", "\x0c", "\x85"]
EXOTIC = ["😀", "👍🏽", "👨‍👩‍👧", "🇺🇸", "e\u0301", "a\u0308\u0301\u0323", "\u0301", "مرحبا", "שלום", "日本語の文章。", "ǅ", "ﬁ", "İ", "ß", "\ufeff", "\u200b", "\u00ad", "\U0010ffff"]
PUNCT = ["...", "!!!", "???", ".", ".", ",", ";", ":", "—", "…", "?!", "'", '"', "(", ")", "-"]
NUMBERS = ["2024.", "3.5.", "17.", "1,000", "0", "-3", "1e9", "12/05/2020", "2019-05-20", "½", "Ⅻ", "٣", "99999999999999999999999"]

piece = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(WORDS),
    st.sampled_from(SPACES),
    st.sampled_from(SPACES),
    st.sampled_from(PUNCT),
    st.sampled_from(NUMBERS),
    st.sampled_from(EXOTIC),
    st.sampled_from(CONTROLS),
    st.sampled_from(BIDI),
    st.sampled_from(SURROGATES),
    st.sampled_from(MARKUP),
    st.builds(lambda ch, n: ch * n, st.sampled_from(["a", "x", "W", "é", "9", ".", "-", "😀", "\u0301"]), st.integers(50, 3000)),
    st.text(max_size=20),  # any code point, surrogates included
)
hostile_text = st.one_of(
    st.lists(piece, max_size=60).map("".join),
    st.text(max_size=300),
    st.lists(st.sampled_from(PUNCT + [" ", " ", "\n"]), max_size=40).map("".join),
    st.text(alphabet=st.sampled_from(list("0123456789.,- ")), max_size=80),
)

lengths = st.one_of(
    st.builds(Length),
    st.builds(lambda n: Length(sentences=n), st.integers(1, 6)),
    st.builds(lambda r: Length(ratio=r), st.floats(0.01, 1.0)),
    st.builds(lambda w: Length(words=w), st.integers(1, 80)),
)
options = st.builds(
    lambda summarizer, length, only, keyphrases: BriefOptions(
        summarizer=summarizer, length=length, only=frozenset(only), keyphrases=keyphrases
    ),
    st.sampled_from(SUMMARIZERS),
    lengths,
    st.sets(st.sampled_from(FACT_KINDS), min_size=1),
    st.integers(0, 12),
)

_SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own colour codes
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def key(text: str) -> str:
    """How the summarizers compare sentences for duplicates: whitespace and case aside."""
    return " ".join(text.split()).casefold()


def letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def check_spans(briefing) -> None:
    """Every span of the briefing indexes the article's text exactly."""
    article = briefing.article
    text = article.text
    assert not re.search("[\ud800-\udfff]", text), "a lone surrogate survived into the article text"
    if article.title is not None:
        assert 0 <= article.title.start <= article.title.end <= len(text)
    for s in article.sentences:
        assert text[s.start : s.end] == s.text
        for t in s.tokens:
            assert text[t.start : t.end] == t.text
    for s in briefing.summary:
        assert text[s.start : s.end] == s.text
    for f in briefing.figures:
        assert text[f.start : f.end] == f.text
    for d in briefing.dates:
        assert text[d.start : d.end] == d.text
    for k in briefing.keyphrases:
        for start, end in k.spans:
            assert 0 <= start < end <= len(text)
    for e in briefing.entities:
        for start, end in e.mentions:
            assert 0 <= start < end <= len(text)
    for q in briefing.quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_span:
            assert 0 <= q.speaker_span[0] < q.speaker_span[1] <= len(text)


def check_summary(briefing) -> None:
    """Summary sentences are article sentences, in article order, each once, with two letters."""
    sentences = briefing.article.sentences
    indices = [s.index for s in briefing.summary]
    assert indices == sorted(set(indices))
    for s in briefing.summary:
        original = sentences[s.index]
        assert (s.text, s.start, s.end) == (original.text, original.start, original.end)
        assert letters(s.text) >= 2, s.text  # "..." or "2024." is never a summary sentence
        assert 0.0 <= s.score <= 1.0
    keys = [key(s.text) for s in briefing.summary]
    assert len(keys) == len(set(keys))


def check_json(briefing, command: str) -> dict:
    """The JSON line parses, encodes to UTF-8, has the command's fixed keys and the exact text."""
    line = dumps(to_dict(briefing, command, include_text=True, id=None))
    assert "\n" not in line
    line.encode("utf-8")  # what stdout writes: never a UnicodeEncodeError
    doc = json.loads(line)
    assert set(doc) == EXPECTED_KEYS[command]
    assert doc["text"] == briefing.article.text
    for item in doc.get("summary", []):
        assert doc["text"][item["start"] : item["end"]] == item["text"]
    return doc


EXPECTED_KEYS = {
    command: {"schema_version", "source", "id", "title", "text", "metadata", "warnings", *keys}
    for command, keys in COMMAND_KEYS.items()
}


def check_human(briefing, command: str) -> None:
    """text, markdown and rich output: nothing that a terminal would act on, valid UTF-8."""
    import io

    from rich.console import Console

    from briefing.render.markdown import render_markdown
    from briefing.render.rich import render_rich
    from briefing.render.text import render_text

    for out in (render_text(briefing, command), render_markdown(briefing, command)):
        out.encode("utf-8")
        assert not _FORBIDDEN.search(out), repr(_FORBIDDEN.search(out).group())
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, color_system="truecolor", width=100, emoji=False, highlight=False, markup=False)
    console.print(render_rich(briefing, command))
    out = _SGR.sub("", buffer.getvalue())
    out.encode("utf-8")
    assert not _FORBIDDEN.search(out), repr(_FORBIDDEN.search(out).group())
    assert "\x1b]8;" not in buffer.getvalue()  # no hyperlink, whatever [link=...] the text holds


def brief_and_check(text: str, opts: BriefOptions, *, human: bool = True) -> None:
    """The whole property for one text and one set of options."""
    article = article_from_text(text, source="<hypothesis>")
    briefing = brief(article, opts)
    check_spans(briefing)
    check_summary(briefing)
    for command in ("summarize", "facts", "brief"):
        check_json(briefing, command)
    if human:
        check_human(briefing, "brief")
    if not briefing.summary and opts.summary:
        assert briefing.warnings, "an empty summary always comes with a warning"


# --- running the command line ------------------------------------------------------------------

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


def cli(*args, input=None, env=None):
    """The CLI in-process (Typer's CliRunner: stdout and stderr are pipes); exceptions propagate."""
    from typer.testing import CliRunner

    from briefing.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=False)


def cli_process(*args, **kwargs):
    """``python -m briefing ARGS`` as a real process (for pipes, closed streams, /dev/full)."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"}
    env.update(kwargs.pop("env", {}))
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "briefing", *map(str, args)], env=env, timeout=120, **kwargs)


def sentences_article(n: int, *, seed: int = 1) -> str:
    """A plain-text article of `n` varied news sentences (paragraphs of five), with a headline."""
    import random

    rng = random.Random(seed)
    words = (
        "the council said on Monday that 12 people were hurt in Springfield after a storm hit the region and "
        "officials from the Defense Ministry warned residents to stay inside while roads remained closed"
    ).split()
    out = ["Storm hits Springfield\n\n"]
    for i in range(n):
        out.append(" ".join(rng.choice(words) for _ in range(rng.randint(8, 25))).capitalize() + ".")
        out.append("\n\n" if i % 5 == 4 else " ")
    return "".join(out)


def one_line_text(size: int) -> str:
    """`size` characters of words with no punctuation and no line break: one giant "sentence"."""
    words = "rain fell on the council offices in springfield while officials met on monday and".split()
    chunk = " ".join(words) + " "
    return (chunk * (size // len(chunk) + 1))[:size]
