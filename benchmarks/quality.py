"""Summariser quality on the development articles in ../shared/articles (never copied here).

Prints, per article, how many gold-labelled paragraphs the summariser puts in the same section.
Run: python benchmarks/quality.py [--articles DIR]
"""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from reportgen.readers import read_article
from reportgen.summarise.profile import load_profile
from reportgen.summarise.sections import assign_sections

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "articles"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def section_agreement(txt: Path, gold: dict[str, object]) -> tuple[int, int]:
    """Gold indices count raw blocks after the headline; map them to our paragraphs by text."""
    blocks = [_norm(b) for b in re.split(r"\n\s*\n", txt.read_text(encoding="utf-8").split("\n", 1)[1]) if b.strip()]
    article = read_article(txt)
    labels = assign_sections(article, load_profile("default")).labels
    ours = {_norm(p.text): label for p, label in zip(article.paragraphs, labels, strict=True)}
    agree = total = 0
    sections = gold["sections_gold"]
    assert isinstance(sections, dict)
    for key, indices in sections.items():
        for index in indices:
            total += 1
            agree += ours.get(blocks[index]) == key
    return agree, total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT)
    args = parser.parse_args()
    if not args.articles.is_dir():
        raise SystemExit(f"no development articles at {args.articles}")
    sum_agree = sum_total = 0
    for gold_path in sorted(args.articles.glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        agree, total = section_agreement(gold_path.with_suffix(".txt"), gold)
        sum_agree += agree
        sum_total += total
        print(f"{gold_path.stem:<45} sections {agree:>3}/{total:<3} {agree / max(1, total):6.1%}")
    print(f"{'all':<45} sections {sum_agree:>3}/{sum_total:<3} {sum_agree / max(1, sum_total):6.1%}")


if __name__ == "__main__":
    main()
