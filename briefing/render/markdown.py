"""Markdown: the text format's content as headings, bullet lists and a figures table."""

from __future__ import annotations

import re

from ..document import Briefing
from .safe import one_line
from .view import entity_groups, key_figures, source_parts, stats_parts

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: str) -> str:
    """Article text as inert Markdown: controls made visible, Markdown syntax escaped."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def source_line(source: str, id: str | None, *, title_is_source: bool) -> str | None:
    """``Source: PATH (id: ID)`` under the heading, escaped; None when the heading already says it all."""
    shown, id = source_parts(source, id, title_is_source=title_is_source)
    parts = ([md(shown)] if shown else []) + ([f"(id: {md(id)})" if shown else f"id: {md(id)}"] if id else [])
    if not parts:
        return None
    return ("Source: " if shown else "") + " ".join(parts)


def render_markdown(briefing: Briefing, command: str, *, id: str | None = None) -> str:
    """A Markdown document for one article (ends with a newline): the title (or the source) as
    heading, then the source and the JSON Lines `id` (when known), so that a document among
    many, or a saved one, says where it comes from."""
    article = briefing.article
    out: list[str] = [f"# {md(article.title_text or article.source)}", ""]
    provenance = source_line(article.source, id, title_is_source=not article.title_text)
    if provenance:
        out += [provenance, ""]
    meta = article.metadata
    byline = " · ".join(md(x) for x in (meta.date, meta.author, meta.site) if x)
    if byline:
        out += [f"*{byline}*", ""]
    if command in ("summarize", "brief"):
        out += ["## Summary", ""]
        out += [f"- {md(s.text)}" for s in briefing.summary] or ["*(no summary)*"]
        out.append("")
    if command in ("facts", "brief"):
        figures = key_figures(briefing) if command == "brief" else briefing.figures
        if figures:
            out += ["## Key figures", "", "| figure | counts | qualifier | unit |", "|---|---|---|---|"]
            for f in figures:
                out.append(f"| {md(f.text)} | {md(f.counted or '')} | {md(f.qualifier or '')} | {md(f.unit or '')} |")
            out.append("")
        if briefing.dates:
            out += ["## Dates", ""] + [f"- {md(d.text)}" + (f" ({d.value})" if d.value else "") for d in briefing.dates]
            out.append("")
        if briefing.keyphrases:
            out += ["## Keyphrases", ""] + [f"- {md(k.text)}" for k in briefing.keyphrases]
            out.append("")
        for heading, entities in entity_groups(briefing):
            out += [f"## {heading.capitalize()}", ""] + [f"- {md(e.text)}" for e in entities]
            out.append("")
        if briefing.quotes:
            out += ["## Quotes", ""]
            for q in briefing.quotes:
                who = f" — {md(q.speaker)}" if q.speaker else ""
                out.append(f"> {md(q.text)}{who}")
                out.append("")
    if command == "brief" and briefing.stats:
        st = briefing.stats
        out += ["*" + " · ".join(stats_parts(st)) + "*", ""]
    return "\n".join(out).rstrip("\n") + "\n"

