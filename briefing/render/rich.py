"""Rich renderables for a terminal: a panel per article, key figures and dates highlighted.

All article text goes into `rich.text.Text` objects (never markup strings), after
:func:`briefing.render.safe.inert`, so ``[bold]`` prints literally and no control sequence
reaches the terminal.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..document import Briefing
from .safe import inert, one_line
from .view import entity_groups, highlights, key_figures

STYLES = {"figure": "bold yellow", "date": "bold cyan", "label": "bold", "dim": "dim", "title": "bold"}


def _sentence(briefing: Briefing, start: int, end: int, text: str) -> Text:
    line = Text(one_line(text))
    for h in highlights(briefing, start, end):
        line.stylize(STYLES[h.kind], h.start, h.end)
    return line


def _labelled(label: str, items: list[str]) -> Text:
    line = Text(f"{label}: ", style=STYLES["label"])
    line.append("; ".join(one_line(i) for i in items) if items else "—")
    return line


def render_rich(briefing: Briefing, command: str) -> RenderableType:
    """One panel for one article: title, byline, summary, figures table, entities, keyphrases, stats."""
    article = briefing.article
    parts: list[RenderableType] = []
    meta = article.metadata
    byline = " · ".join(x for x in (meta.date, meta.author, meta.site) if x)
    if byline:
        parts.append(Text(inert(byline), style=STYLES["dim"]))
    if command in ("summarize", "brief"):
        if briefing.summary:
            # A grid gives each bullet a hanging indent.
            summary = Table.grid(padding=(0, 1))
            summary.add_column(no_wrap=True)
            summary.add_column(ratio=1)
            for s in briefing.summary:
                summary.add_row(Text("•"), _sentence(briefing, s.start, s.end, s.text))
            parts.append(summary)
        else:
            parts.append(Text("(no summary)", style=STYLES["dim"]))
    if command in ("facts", "brief"):
        figures = key_figures(briefing) if command == "brief" else briefing.figures
        if figures:
            table = Table(title=Text("Key figures", style=STYLES["label"]), title_justify="left", show_edge=False)
            table.add_column("figure", style=STYLES["figure"], no_wrap=True)
            table.add_column("counts")
            table.add_column("qualifier")
            for f in figures:
                figure = one_line(f.text) if not f.unit or f.unit in f.text else f"{one_line(f.text)} ({one_line(f.unit)})"
                table.add_row(Text(figure), Text(one_line(f.counted or "")), Text(one_line(f.qualifier or "")))
            parts.append(Text(""))
            parts.append(table)
        parts.append(Text(""))
        dates = Text("dates: ", style=STYLES["label"])
        for i, d in enumerate(briefing.dates):
            if i:
                dates.append("; ")
            dates.append(one_line(d.text), style=STYLES["date"])
        if not briefing.dates:
            dates.append("—")
        parts.append(dates)
        for heading, entities in entity_groups(briefing):
            parts.append(_labelled(heading, [e.text for e in entities]))
        parts.append(_labelled("keyphrases", [k.text for k in briefing.keyphrases]))
        for q in briefing.quotes:
            quote = Text("“" + one_line(q.text) + "”", style="italic")
            if q.speaker:
                quote.append(" — " + one_line(q.speaker), style=STYLES["dim"])
            parts.append(quote)
    if command == "brief" and briefing.stats:
        st = briefing.stats
        parts.append(Text(""))
        parts.append(
            Text(f"{st.words} words · {st.sentences} sentences · {st.reading_time_minutes:g} min read", style=STYLES["dim"])
        )
    title = Text(one_line(article.title_text or article.source), style=STYLES["title"])
    return Panel(Group(*parts), title=title, title_align="left", expand=True)


__all__ = ["render_rich"]
