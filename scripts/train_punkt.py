"""Train the Punkt parameters that `briefing.text.segment` ships (briefing/data/punkt_en.json).

Usage: python scripts/train_punkt.py [CONLLU] [-o OUT]
       (default CONLLU: ../shared/data/pos/en_ewt-ud-train.conllu, default OUT: briefing/data/punkt_en.json)

Punkt (Kiss & Strunk 2006, `nltk.tokenize.punkt.PunktTrainer`) is trained without supervision on the
raw text of UD English-EWT train (the ``# text =`` line of every sentence, joined with newlines).
The output is deterministic JSON (sorted keys, sorted lists), so rerunning this script on the same
data and NLTK version regenerates the file byte-identically.

What is kept, and why:
- ``ortho_context``: every word type's orthographic context (upper/lower case, sentence-initial or
  internal), which Punkt's orthographic heuristic needs to judge initials and numbers;
- ``sent_starters``: Punkt's frequent sentence starters, minus words never seen in lower case
  (those are names from the e-mail part of EWT, "Carol", "Chris": they say nothing about sentences);
- ``abbrev_types``: only the learned *initialisms* (letters joined by periods: "u.s", "a.m", "f.o.b").
  Punkt's single-word guesses on a 200k-word web corpus are mostly noise ("ages", "blog", "void",
  typos): ordinary abbreviations come from the reviewed list briefing/data/abbreviations_en.txt;
- ``collocations``: as learned.

Data licence: UD English-EWT is CC BY-SA 4.0 (see LICENSE-EWT.txt beside the data); the derived
parameters carry that attribution in their ``_meta`` field.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "pos" / "en_ewt-ud-train.conllu"
DEFAULT_OUT = ROOT / "briefing" / "data" / "punkt_en.json"
_INITIALISM = re.compile(r"[a-z]{1,3}(?:\.[a-z]{1,3})+")


def raw_text(path: Path) -> str:
    prefix = "# text = "
    lines = [line[len(prefix) :].rstrip("\n") for line in path.open(encoding="utf-8") if line.startswith(prefix)]
    return "\n".join(lines)


def train(text: str) -> dict:
    import nltk
    from nltk.tokenize.punkt import _ORTHO_LC, PunktTrainer

    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = False
    trainer.train(text, finalize=True)
    params = trainer.get_params()
    ortho = {word: flags for word, flags in sorted(params.ortho_context.items()) if flags}
    return {
        "_meta": {
            "what": "NLTK Punkt parameters for briefing.text.segment",
            "made_by": "python scripts/train_punkt.py",
            "trained_on": "UD English-EWT train (en_ewt-ud-train.conllu), '# text =' lines",
            "license": "derived from UD English-EWT, CC BY-SA 4.0",
            "nltk": nltk.__version__,
        },
        "abbrev_types": sorted(a for a in params.abbrev_types if _INITIALISM.fullmatch(a)),
        "collocations": sorted([list(pair) for pair in params.collocations]),
        "sent_starters": sorted(s for s in params.sent_starters if params.ortho_context.get(s, 0) & _ORTHO_LC),
        "ortho_context": ortho,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("conllu", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if not args.conllu.exists():
        print(f"not found: {args.conllu}", file=sys.stderr)
        return 1
    params = train(raw_text(args.conllu))
    text = json.dumps(params, ensure_ascii=False, sort_keys=True, indent=0, separators=(",", ":")) + "\n"
    args.out.write_text(text, encoding="utf-8")
    print(
        f"wrote {args.out}: {len(params['abbrev_types'])} initialisms, {len(params['sent_starters'])} sentence "
        f"starters, {len(params['collocations'])} collocations, {len(params['ortho_context'])} word types"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
