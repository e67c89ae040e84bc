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

__all__ = [
    "Article",
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
