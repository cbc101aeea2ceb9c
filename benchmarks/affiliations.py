"""Affiliations in the actors table against benchmarks/trust_gold.json (issue 15).

Run: python benchmarks/affiliations.py [--details]

For each article whose gold gives affiliations (the sample and development articles 01, 06, 08),
counts the gold people found, those whose row has an affiliation ("filled") and those whose
affiliation is one of the gold forms, word for word ignoring case ("right"); and, over every person
row of the table, how many carry an affiliation, so a fill that reaches people outside the gold
shows too (read those by hand with --details).
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from reportgen.readers import read_article
from reportgen.summarise import summarise

ROOT = Path(__file__).resolve().parents[1]
GOLD = json.loads((ROOT / "benchmarks" / "trust_gold.json").read_text(encoding="utf-8"))["actors"]
SAMPLE_KEY = "op-azm-i-istehkam"


def _article_path(key: str) -> Path:
    if key == SAMPLE_KEY:
        return ROOT / "seeds" / f"{key}.txt"
    return ROOT.parent / "shared" / "articles" / f"{key}.txt"


def _within(phrase: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", text.lower()) is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list every person row with its affiliation")
    args = parser.parse_args()
    totals = [0, 0, 0, 0, 0]
    print(f"{'article':40} {'gold':>5} {'filled':>7} {'right':>6} {'rows filled':>12}")
    for key, entries in GOLD.items():
        gold = [e for e in entries if e.get("affiliation")]
        path = _article_path(key)
        if not gold or not path.exists():
            continue
        people = [a for a in summarise(read_article(path)).actors if a.kind == "person"]
        filled = right = 0
        for entry in gold:
            row = next((a for a in people if any(_within(n, a.name) for n in entry["names"])), None)
            if row is None or not row.affiliation:
                continue
            filled += 1
            right += any(_within(form, row.affiliation) for form in entry["affiliation"])
        rows_filled = sum(bool(a.affiliation) for a in people)
        counts = (len(gold), filled, right, rows_filled, len(people))
        totals = [t + c for t, c in zip(totals, counts, strict=True)]
        print(f"{key:40} {len(gold):>5} {filled:>7} {right:>6} {rows_filled:>8}/{len(people)}")
        for a in people if args.details else ():
            print(f"    {a.name}: {a.role or '-'} | {a.affiliation or '-'}")
    print(f"{'total':40} {totals[0]:>5} {totals[1]:>7} {totals[2]:>6} {totals[3]:>8}/{totals[4]}")


if __name__ == "__main__":
    main()
