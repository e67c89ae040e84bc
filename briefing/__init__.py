"""briefing: offline news briefings (extractive summaries and key facts) for people and scripts."""

from __future__ import annotations

import logging

__version__ = "0.1.0"

from .document import (  # noqa: E402
    Article,
    Briefing,
    DateMention,
    Entity,
    Figure,
    Keyphrase,
    Metadata,
    Paragraph,
    Quote,
    Sentence,
    Span,
    Stats,
    SummarySentence,
    Token,
)
from .text.segment import segment  # noqa: E402

logging.getLogger(__name__).addHandler(logging.NullHandler())

_LAZY = {"BriefOptions", "brief", "read_article", "article_from_text"}


def __getattr__(name: str):
    # The pipeline pulls in the summarizers; import it on first use to keep start-up fast.
    if name in _LAZY:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")

__all__ = [
    "Article",
    "BriefOptions",
    "article_from_text",
    "brief",
    "read_article",
    "Briefing",
    "DateMention",
    "Entity",
    "Figure",
    "Keyphrase",
    "Metadata",
    "Paragraph",
    "Quote",
    "Sentence",
    "Span",
    "Stats",
    "SummarySentence",
    "Token",
    "__version__",
    "segment",
]
