"""No NLTK data lookup, no network: the seed is briefed with nltk.data.find/load made to raise."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT, SEED

SCRIPT = r"""
import socket, sys
import nltk.data

def forbidden(*args, **kwargs):
    raise AssertionError(f"NLTK data lookup: {args!r}")

nltk.data.find = forbidden
nltk.data.load = forbidden

def no_network(*args, **kwargs):
    raise AssertionError("network access")

socket.socket.connect = no_network
socket.create_connection = no_network

from briefing.cli import main
sys.argv = ["briefing", "brief", "--format", "json", sys.argv[1]]
main()
"""


def test_brief_runs_with_nltk_data_lookups_forbidden(tmp_path):
    env = {"NLTK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEED)], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert "NLTK data lookup" not in proc.stderr
    out = json.loads(proc.stdout)
    assert out["title"] == "Turkish and Russian defense ministers discuss Idlib"
    assert len(out["summary"]) == 3
    assert out["figures"] and out["dates"] and out["keyphrases"] and out["entities"]


def test_every_summarizer_runs_with_nltk_data_lookups_forbidden(monkeypatch, seed_article):
    import nltk.data

    from briefing.summarize import SUMMARIZERS, summarize

    def forbidden(*args, **kwargs):
        raise AssertionError(f"NLTK data lookup: {args!r}")

    monkeypatch.setattr(nltk.data, "find", forbidden)
    monkeypatch.setattr(nltk.data, "load", forbidden)
    for name in SUMMARIZERS:
        summary, _ = summarize(seed_article, summarizer=name)
        assert len(summary) == 3, name
