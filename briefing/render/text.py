"""Plain text for pipes and files: no escape codes; one summary sentence a line, then labelled lines."""

from __future__ import annotations

from ..document import Briefing
from .safe import one_line
from .view import entity_groups, figure_phrase, key_figures


def render_text(briefing: Briefing, command: str) -> str:
    """The text block for one article (ends with a newline, or is empty).

    summarize: the summary sentences; facts: labelled lines; brief: both, then title and stats.
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
        lines.append("figures: " + "; ".join(one_line(figure_phrase(f)) for f in figures))
        lines.append("dates: " + "; ".join(one_line(d.text) for d in briefing.dates))
        lines.append("keyphrases: " + "; ".join(one_line(k.text) for k in briefing.keyphrases))
        groups = dict(entity_groups(briefing))
        for heading in ("people", "places", "organisations", "groups"):
            lines.append(f"{heading}: " + "; ".join(one_line(e.text) for e in groups.get(heading, ())))
        if briefing.quotes:
            for q in briefing.quotes:
                who = f" ({one_line(q.speaker)})" if q.speaker else ""
                lines.append(f"quote: “{one_line(q.text)}”{who}")
    if command == "brief" and briefing.stats:
        st = briefing.stats
        lines.append(f"stats: {st.words} words, {st.sentences} sentences, {st.reading_time_minutes:g} min read")
    return "".join(line + "\n" for line in lines)
