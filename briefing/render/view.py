"""What the human-facing formats (rich, text, markdown) show: the same content, decorated differently."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import Briefing, Entity, Figure, Stats

# Entity labels -> the heading a reader sees, in display order.
ENTITY_GROUPS = (("people", ("PERSON",)), ("places", ("GPE", "LOC")), ("organisations", ("ORG",)), ("groups", ("NORP",)))
_ALWAYS_KEY = {"money", "percent", "quantity", "range", "fraction"}


def is_key_figure(figure: Figure) -> bool:
    """A figure a reader needs: money, percentages, quantities, ranges, fractions, hedged or counted
    numbers, but not every "one" or ordinal."""
    if figure.value is None and figure.low is None and figure.high is None:
        return False  # "a small percent": no number to show
    if figure.kind in _ALWAYS_KEY:
        return True
    if figure.kind == "ordinal":
        return False
    if figure.qualifier:
        return True
    return figure.counted is not None and figure.value is not None and figure.value >= 2


def key_figures(briefing: Briefing) -> tuple[Figure, ...]:
    """The key figures, in article order."""
    return tuple(f for f in briefing.figures if is_key_figure(f))


def figure_phrase(figure: Figure) -> str:
    """``at least 167 civilians``: qualifier, the figure as written, and what it counts."""
    return " ".join(p for p in (figure.qualifier, figure.text, figure.counted) if p)


def entity_groups(briefing: Briefing) -> list[tuple[str, tuple[Entity, ...]]]:
    """[(heading, entities)] for people, places, organisations and groups, empty groups left out."""
    groups = []
    for heading, labels in ENTITY_GROUPS:
        members = tuple(e for e in briefing.entities if e.label in labels)
        if members:
            groups.append((heading, members))
    return groups


def plural(count: int, word: str) -> str:
    """``1 word``, ``2 words``, ``0 words``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def stats_parts(stats: Stats) -> list[str]:
    """``["1 word", "2 sentences", "0.1 min read"]``: the stats line of every human format."""
    return [plural(stats.words, "word"), plural(stats.sentences, "sentence"), f"{stats.reading_time_minutes:g} min read"]


def source_parts(source: str, id: str | None, *, title_is_source: bool) -> tuple[str | None, str | None]:
    """What identifies an article besides its title: (source, id), raw (the caller makes them
    inert). The source is None when the title already shows it (an article without a title);
    standard input (``-``) is named ``stdin``. Renderers show ``SOURCE (id: ID)``."""
    shown = None if title_is_source or not source else ("stdin" if source == "-" else source)
    return shown, (id or None)


@dataclass(frozen=True)
class Highlight:
    """A span to highlight inside a sentence, offsets relative to the sentence start."""

    start: int
    end: int
    kind: str  # "figure" or "date"


def highlights(briefing: Briefing, start: int, end: int) -> list[Highlight]:
    """Key-figure and date spans inside article range [start, end), relative to `start`,
    sorted and non-overlapping (a date wins over a figure it overlaps)."""
    items = [(d.start, d.end, "date") for d in briefing.dates] + [
        (f.start, f.end, "figure") for f in key_figures(briefing)
    ]
    items = [(s, e, k) for s, e, k in items if s >= start and e <= end]
    items.sort(key=lambda x: (x[0], x[2] != "date", -x[1]))
    out: list[Highlight] = []
    last_end = -1
    for s, e, k in items:
        if s >= last_end:
            out.append(Highlight(s - start, e - start, k))
            last_end = e
    return out
