"""Wall time of `briefing --help` and `briefing brief SEED` next to `python3 -c pass` (medians).

Usage: python benchmarks/startup.py [--runs N]
Runs the installed console script from the same environment as this interpreter.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_3659efa8dcf43795.txt"


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    briefing = [sys.executable, "-m", "briefing"]
    rows = [
        ("python3 -c pass", [sys.executable, "-c", "pass"]),
        ("briefing --help", [*briefing, "--help"]),
        ("briefing --version", [*briefing, "--version"]),
        ("briefing brief SEED (text)", [*briefing, "brief", str(SEED), "--format", "text"]),
        ("briefing brief SEED (json)", [*briefing, "brief", str(SEED), "--format", "json"]),
    ]
    print(f"median of {args.runs} runs, seconds")
    for label, cmd in rows:
        print(f"{label:32s} {median_seconds(cmd, args.runs):6.3f}")


if __name__ == "__main__":
    main()
