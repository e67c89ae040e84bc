"""Golden Rules pass count for `briefing`'s sentence segmentation (see shared/data/segmentation/README.md).

Usage: python benchmarks/segmentation.py [-v]   (skips when the data directory is absent)
A rule passes when the stripped sentence texts equal the expected ones. The title heuristic is off:
each rule is one paragraph of running text.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from briefing import segment

DATA = Path(os.environ.get("BRIEFING_DATA", Path(__file__).resolve().parents[1] / ".." / "shared" / "data"))
PROSE = set(range(1, 31)) | {40, 41, 42}


def main() -> int:
    path = DATA / "segmentation" / "golden_rules_en.jsonl"
    if not path.exists():
        print(f"skipped: {path} not found")
        return 0
    verbose = "-v" in sys.argv
    passed = prose = 0
    rules = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for rule in rules:
        got = [s.text.strip() for s in segment(rule["text"], detect_title=False).sentences]
        ok = got == rule["sentences"]
        passed += ok
        number = int(rule["id"].split("-")[1])
        prose += ok and number in PROSE
        if verbose and not ok:
            print(f"FAIL {rule['id']} {rule['rule']}\n  want {rule['sentences']}\n  got  {got}")
    print(f"golden rules: {passed}/{len(rules)} (prose subset {prose}/{len(PROSE)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
