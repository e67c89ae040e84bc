"""Rich renderables for a terminal: a panel per article, key figures and dates highlighted.

All article text goes into `rich.text.Text` objects (never markup strings), after
:func:`briefing.render.safe.inert`, so ``[bold]`` prints literally and no control sequence
reaches the terminal.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..document import Briefing
from .safe import inert, one_line
from .view import entity_groups, highlights, key_figures, source_parts, stats_parts

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


def _left_truncate(text: str, width: int) -> str:
    """`text` cut from the left with a leading ``…`` to fit `width` cells (a long path keeps its
    file name)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:max(width, 0)]
    cut = 0
    while cell_len(text[cut:]) > width - 1:
        cut += 1
    return "…" + text[cut:]


class ArticlePanel:
    """The panel of one article, built when the console's width is known so that the subtitle
    (source and id, dimmed, in the bottom border) keeps the end of a long path."""

    def __init__(self, body: RenderableType, title: Text, source: str | None, id: str | None) -> None:
        self.body = body
        self.title = title
        self.source = source
        self.id = id

    def subtitle(self, width: int) -> Text | None:
        """``SOURCE (id: ID)`` within `width` cells, inert; None when there is nothing to show."""
        id = one_line(self.id) if self.id else None
        if self.source is None:
            return Text(f"id: {id}", style=STYLES["dim"]) if id else None
        source = one_line(self.source)
        suffix = f" (id: {id})" if id else ""
        # A long path loses its start; a long id its end, but leaves the source half the room.
        source = _left_truncate(source, max(width - cell_len(suffix), min(cell_len(source), width // 2)))
        line = Text(source + suffix, style=STYLES["dim"])
        line.truncate(max(width, 1), overflow="ellipsis")
        return line

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        # The panel spans max_width; its border and the subtitle's padding take 6 cells.
        subtitle = self.subtitle(options.max_width - 6)
        yield Panel(
            self.body, title=self.title, title_align="left", subtitle=subtitle, subtitle_align="right", expand=True
        )


def render_rich(briefing: Briefing, command: str, *, id: str | None = None) -> RenderableType:
    """One panel for one article: title, byline, summary, figures table, entities, keyphrases,
    stats; the source (path, URL, ``FILE:LINE``) and the JSON Lines `id` in its bottom border."""
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
        parts.append(Text(""))
        parts.append(Text(" · ".join(stats_parts(briefing.stats)), style=STYLES["dim"]))
    title = Text(one_line(article.title_text or article.source), style=STYLES["title"])
    source, id = source_parts(article.source, id, title_is_source=not article.title_text)
    return ArticlePanel(Group(*parts), title, source, id)


__all__ = ["ArticlePanel", "render_rich"]
