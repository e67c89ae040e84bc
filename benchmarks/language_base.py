"""Part-of-speech tagger: EWT dev accuracy, tagging speed, model load time; test accuracy last.

Usage: python benchmarks/language_base.py [--no-test]
Data: $BRIEFING_DATA or ../shared/data (pos/en_ewt-ud-{dev,test}.conllu); skips when absent.
Accuracy is per token against the Penn Treebank XPOS column, from the shipped weights
(briefing/data/pos_en_ewt.bin.gz). Load time is measured in a fresh interpreter.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

DATA = Path(os.environ.get("BRIEFING_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))

LOAD = (
    "import time, briefing.text.tagger as t; s = time.perf_counter(); c = time.process_time(); t.model(); "
    "print((time.perf_counter() - s) * 1000, (time.process_time() - c) * 1000)"
)


def load_ms(runs: int = 5) -> tuple[float, float]:
    """Median wall and CPU milliseconds of the first `model()` call in a fresh interpreter."""
    walls, cpus = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True)
        wall, cpu = map(float, out.stdout.split())
        walls.append(wall)
        cpus.append(cpu)
    return sorted(walls)[runs // 2], sorted(cpus)[runs // 2]


def main() -> int:
    pos = DATA / "pos"
    dev_path, test_path = pos / "en_ewt-ud-dev.conllu", pos / "en_ewt-ud-test.conllu"
    if not dev_path.exists():
        print(f"skipped: {dev_path} not found")
        return 0
    from briefing.text import tagger
    from briefing.train import accuracy, read_conllu

    wall, cpu = load_ms()
    print(f"model load: {wall:.0f} ms wall, {cpu:.0f} ms CPU (median of 5, fresh interpreter)")
    model = tagger.model()
    size = Path(tagger.__file__).resolve().parents[1].joinpath(tagger.MODEL_RESOURCE).stat().st_size
    print(f"model file: {size / 1e6:.2f} MB, beam {model.beam}")
    dev = read_conllu(dev_path)
    accuracy(model, dev[:200])  # warm the lazily parsed feature rows
    start, cpu = time.perf_counter(), time.process_time()
    acc, n = accuracy(model, dev)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"tagger dev accuracy: {acc:.4f} ({n} tokens)")
    print(f"tagging speed: {n / seconds:,.0f} tokens/s wall, {n / cpu:,.0f} tokens/s CPU")
    if "--no-test" not in sys.argv and test_path.exists():
        acc, n = accuracy(model, read_conllu(test_path))
        print(f"tagger test accuracy: {acc:.4f} ({n} tokens)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
