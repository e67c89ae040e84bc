"""Renderers on a hand-built Briefing: exact strings, inert article text."""

from __future__ import annotations

import io

from rich.console import Console

from briefing import segment
from briefing.document import Briefing, DateMention, Entity, Figure, Keyphrase, Stats, SummarySentence
from briefing.render.json import to_dict
from briefing.render.markdown import render_markdown
from briefing.render.rich import render_rich
from briefing.render.safe import inert, one_line
from briefing.render.text import render_text

TEXT = "Dam opens\n\nAt least 40 [bold]workers[/bold] built the dam\nin 2019. It cost $2 million, Ana Lima said."


def make_briefing() -> Briefing:
    article = segment(TEXT, source="dam.txt")
    s0, s1 = article.sentences
    start = TEXT.index("40")
    year = TEXT.index("2019")
    money = TEXT.index("$2 million")
    name = TEXT.index("Ana Lima")
    return Briefing(
        article=article,
        summary=(SummarySentence(0, s0.text, s0.start, s0.end, 1.0), SummarySentence(1, s1.text, s1.start, s1.end, 0.5)),
        figures=(
            Figure("40", "cardinal", 40, None, None, None, "workers", "at least", start, start + 2, 0),
            Figure("$2 million", "money", 2_000_000, None, None, "USD", None, None, money, money + 10, 1),
        ),
        dates=(DateMention("2019", "2019", False, None, year, year + 4, 0),),
        keyphrases=(Keyphrase("dam", 0.9, ((4 + TEXT[4:].index("dam"), 4 + TEXT[4:].index("dam") + 3),)),),
        entities=(Entity("Ana Lima", "PERSON", ((name, name + 8),)),),
        quotes=(),
        stats=Stats(words=16, sentences=2, reading_time_minutes=0.1),
    )


def test_inert_keeps_length_and_removes_controls():
    s = "a\x1b[2Jb\x07\u202ec\x85d\r\n"
    out = inert(s)
    assert len(out) == len(s)
    assert out == "a␛[2Jb␇\ufffdc\ufffdd \n"
    assert one_line("x\ny\tz") == "x y z"


def test_text_exact():
    out = render_text(make_briefing(), "brief")
    assert out == (
        "At least 40 [bold]workers[/bold] built the dam in 2019.\n"
        "It cost $2 million, Ana Lima said.\n"
        "title: Dam opens\n"
        "figures: at least 40 workers; $2 million\n"
        "dates: 2019\n"
        "keyphrases: dam\n"
        "people: Ana Lima\n"  # places, organisations, groups: nothing found, no line
        "stats: 16 words, 2 sentences, 0.1 min read\n"
    )


def test_summarize_text_is_only_sentences():
    assert render_text(make_briefing(), "summarize").count("\n") == 2


def test_markdown_escapes_markup():
    out = render_markdown(make_briefing(), "brief")
    assert out.startswith("# Dam opens\n\nSource: dam.txt\n\n## Summary\n\n- At least 40 \\[bold\\]workers\\[/bold\\] built the dam in 2019.\n")
    assert "| 40 | workers | at least |  |" in out
    assert "| $2 million |  |  | USD |" in out


def test_rich_prints_markup_literally_and_highlights():
    console = Console(file=io.StringIO(), width=80, force_terminal=True, color_system="truecolor")
    console.print(render_rich(make_briefing(), "brief"))
    out = console.file.getvalue()
    assert "[bold]workers[/bold]" in out
    assert "Dam opens" in out
    plain = Console(file=io.StringIO(), width=80, color_system=None)
    plain.print(render_rich(make_briefing(), "brief"))
    lines = plain.file.getvalue().splitlines()
    assert lines[0].startswith("╭─ Dam opens ")
    assert "│ • At least 40 [bold]workers[/bold] built the dam in 2019." in lines[1]


def test_json_dict_keys_and_numbers():
    d = to_dict(make_briefing(), "brief")
    assert list(d) == [
        "schema_version", "source", "id", "title", "text", "metadata", "warnings",
        "summary", "figures", "dates", "keyphrases", "entities", "quotes", "stats",
    ]
    assert d["figures"][1]["value"] == 2000000 and isinstance(d["figures"][1]["value"], int)
    assert d["entities"] == [{"text": "Ana Lima", "label": "PERSON", "mentions": [[TEXT.index("Ana Lima"), TEXT.index("Ana Lima") + 8]]}]
    assert set(to_dict(make_briefing(), "summarize")) == {
        "schema_version", "source", "id", "title", "text", "metadata", "warnings", "summary",
    }
