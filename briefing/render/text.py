"""Plain text for pipes and files: no escape codes; one summary sentence a line, then labelled lines."""

from __future__ import annotations

from ..document import Briefing
from .safe import one_line
from .view import entity_groups, figure_phrase, key_figures, stats_parts


def header(source: str, id: str | None = None) -> str:
    """The line that starts each block when a run has several inputs: ``==> SOURCE <==``, or
    ``==> SOURCE (id: ID) <==`` for a JSON Lines record with an ``--id-field`` value."""
    shown = one_line(source)
    if id:
        shown += f" (id: {one_line(id)})"
    return f"==> {shown} <==\n"


def _labelled(label: str, items) -> list[str]:
    """``label: a; b`` as a one-item list, or no line at all when there is nothing to show."""
    items = [one_line(i) for i in items]
    return [f"{label}: " + "; ".join(items)] if items else []


def render_text(briefing: Briefing, command: str) -> str:
    """The text block for one article (ends with a newline, or is empty).

    summarize: the summary sentences; facts: labelled lines; brief: both, then title and stats.
    A section with nothing in it (no dates found, or left out with ``--only``) has no line, as
    in the Markdown view.
    """
    lines: list[str] = []
    if command in ("summarize", "brief"):
        lines.extend(one_line(s.text) for s in briefing.summary)
    if command == "brief":
        if briefing.article.title_text:
            lines.append(f"title: {one_line(briefing.article.title_text)}")
        meta = briefing.article.metadata
        if meta.date:
            lines.append(f"date: {one_line(meta.date)}")
        if meta.author:
            lines.append(f"author: {one_line(meta.author)}")
    if command in ("facts", "brief"):
        figures = key_figures(briefing) if command == "brief" else briefing.figures
        lines += _labelled("figures", (figure_phrase(f) for f in figures))
        lines += _labelled("dates", (d.text for d in briefing.dates))
        lines += _labelled("keyphrases", (k.text for k in briefing.keyphrases))
        for heading, entities in entity_groups(briefing):  # people, places, organisations, groups
            lines += _labelled(heading, (e.text for e in entities))
        for q in briefing.quotes:
            who = f" ({one_line(q.speaker)})" if q.speaker else ""
            lines.append(f"quote: “{one_line(q.text)}”{who}")
    if command == "brief" and briefing.stats:
        lines.append("stats: " + ", ".join(stats_parts(briefing.stats)))
    return "".join(line + "\n" for line in lines)
