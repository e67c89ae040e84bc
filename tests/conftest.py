"""Shared fixtures: the seed and fixture articles, the shared data directory, --update-golden."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_3659efa8dcf43795.txt"
ARTICLES = Path(__file__).resolve().parent / "data" / "articles"
DATA = Path(os.environ.get("BRIEFING_DATA", ROOT.parent / "shared" / "data"))


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/*.json from current output")


@pytest.fixture
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden")


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_text):
    from briefing.pipeline import article_from_text

    return article_from_text(seed_text, source=str(SEED))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not DATA.is_dir():
        pytest.skip("shared data directory not available")
    return DATA


def article_path(name: str) -> Path:
    return ARTICLES / name


@pytest.fixture(scope="session")
def validate_json():
    """A function that checks JSON output against the shipped JSON Schema (version 1).

    Give it the stdout of a ``--format json`` run (JSON Lines, one or more lines), one line, or
    a parsed object; it raises ``jsonschema.ValidationError`` for a line that does not conform
    and returns the parsed objects.
    """
    import json

    import jsonschema

    from briefing.schema import load_schema

    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    def validate(output):
        if isinstance(output, dict):
            objects = [output]
        else:
            objects = [json.loads(line) for line in output.splitlines() if line.strip()]
        for obj in objects:
            validator.validate(obj)
        return objects

    return validate
