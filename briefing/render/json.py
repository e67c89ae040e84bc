"""Briefing -> JSON object (schema version 1, see OUTPUT.md) -> one compact JSON Lines line."""

from __future__ import annotations

import json
from typing import Any

from ..document import Briefing

SCHEMA_VERSION = 1
# Keys each command writes besides the common ones; present even when empty, so that a script
# sees the same keys whatever the options.
COMMAND_KEYS = {
    "summarize": ("summary",),
    "facts": ("figures", "dates", "keyphrases", "entities", "quotes"),
    "brief": ("summary", "figures", "dates", "keyphrases", "entities", "quotes", "stats"),
}


def _round(value: float | None) -> float | int | None:
    if value is None:
        return None
    if float(value).is_integer() and abs(value) < 2**53:
        return int(value)
    return round(float(value), 6)


def to_dict(briefing: Briefing, command: str, *, include_text: bool = True, id: str | None = None) -> dict[str, Any]:
    """The JSON object for `briefing` as `command` (summarize, facts, brief) writes it."""
    article = briefing.article
    meta = article.metadata
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "source": article.source,
        "id": id,
        "title": article.title_text,
    }
    if include_text:
        out["text"] = article.text
    out["metadata"] = {"date": meta.date, "author": meta.author, "site": meta.site, "language": meta.language}
    out["warnings"] = list(briefing.warnings)
    keys = COMMAND_KEYS[command]
    if "summary" in keys:
        out["summary"] = [
            {"index": s.index, "text": s.text, "start": s.start, "end": s.end, "score": s.score}
            for s in briefing.summary
        ]
    if "figures" in keys:
        out["figures"] = [
            {
                "text": f.text,
                "kind": f.kind,
                "value": _round(f.value),
                "low": _round(f.low),
                "high": _round(f.high),
                "unit": f.unit,
                "counted": f.counted,
                "qualifier": f.qualifier,
                "start": f.start,
                "end": f.end,
                "sentence": f.sentence,
            }
            for f in briefing.figures
        ]
        out["dates"] = [
            {
                "text": d.text,
                "value": d.value,
                "relative": d.relative,
                "modifier": d.modifier,
                "start": d.start,
                "end": d.end,
                "sentence": d.sentence,
            }
            for d in briefing.dates
        ]
        out["keyphrases"] = [
            {"text": k.text, "score": k.score, "spans": [list(s) for s in k.spans]} for k in briefing.keyphrases
        ]
        out["entities"] = [
            {"text": e.text, "label": e.label, "mentions": [list(m) for m in e.mentions]} for e in briefing.entities
        ]
        out["quotes"] = [
            {
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "speaker": q.speaker,
                "speaker_span": list(q.speaker_span) if q.speaker_span else None,
            }
            for q in briefing.quotes
        ]
    if "stats" in keys:
        st = briefing.stats
        out["stats"] = (
            {"words": st.words, "sentences": st.sentences, "reading_time_minutes": st.reading_time_minutes}
            if st
            else None
        )
    return out


def error_dict(source: str, message: str, *, id: str | None = None) -> dict[str, Any]:
    """The JSON object of a failed input: ``{schema_version, source, id, error}``."""
    return {"schema_version": SCHEMA_VERSION, "source": source, "id": id, "error": message}


def dumps(obj: dict[str, Any]) -> str:
    """One compact JSON line (no trailing newline); non-ASCII text kept as is."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
