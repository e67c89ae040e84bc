"""The JSON Schema (draft 2020-12) of the JSON output, version 1, shipped as package data.

``briefing schema`` prints it; scripts and the tests validate output lines against it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "schema-v1.json"


def schema_text() -> str:
    """The schema as shipped (pretty-printed JSON, ending with a newline)."""
    return resources.files("briefing").joinpath("data", SCHEMA_FILE).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def load_schema() -> dict[str, Any]:
    """The schema as a dict."""
    return json.loads(schema_text())


__all__ = ["SCHEMA_FILE", "load_schema", "schema_text"]
