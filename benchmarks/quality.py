"""Summariser quality on the sample and on the development articles in ../shared/articles.

Run: python benchmarks/quality.py [--articles DIR] [--corpus DIR] [--no-cv]
First the section model's 5-fold cross-validation on the labelled corpus (by article: paragraph
accuracy, macro-F1 and a confusion matrix), beside the majority class, the hand-set cue model it
replaced (benchmarks/cue_baseline.py), a words-only model and Viterbi smoothing, all in the same
run (needs scikit-learn, the "test" extra); then the key-point model's 5-fold cross-validation on the
news corpus (../shared/corpus/cnn) beside Lead-3, LexRank and the oracle bound, ROUGE-1/2/L/Lsum
with paired bootstrap intervals (scripts/train_key_points.py). `--held-out DIR` scores the shipped
model on stories kept back from training instead. Then per article and in total: bullet placement
against gold sections, paragraph agreement, section coverage, key-fact recall, faithfulness,
brief length / article length, and ROUGE-1/2/L of the key points against the human reference
summary beside Lead-3 and a LexRank baseline computed in the same run, with a paired comparison.
Last, facts a reader can trust (reportgen.fact_checks, issue 15): timeline dates against the dates
each entry's own sentence states or implies from the article's true date (gold `published`, the
sample's in benchmarks/trust_gold.json), fragments, duplicate rows, captions; key figures with a
subject and the right unit; recall of the actors in benchmarks/trust_gold.json (the gold facts of
kind `actor`, read off by hand) with roles. The timeline is scored twice: on the article as read
(a .txt has no date) and "dated", with the gold date given as a page's metadata would give it.
`--details` lists every problem found. The development articles are read where they lie, never
copied into the project.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from reportgen import evaluate as ev
from reportgen import fact_checks as fc
from reportgen.model import Article, Brief, Paragraph, Source
from reportgen.readers import read_article
from reportgen.summarise import summarise
from reportgen.summarise.salience_model import shipped_model
from reportgen.summarise.sentences import split_article

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "benchmarks"))
DEV = ROOT.parent / "shared" / "articles"
SAMPLE = (ROOT / "seeds" / "op-azm-i-istehkam.txt", ROOT / "tests" / "gold" / "op-azm-i-istehkam.json")
TRUST_GOLD = json.loads((ROOT / "benchmarks" / "trust_gold.json").read_text(encoding="utf-8"))


@dataclass
class Row:
    name: str
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    length: float = 0.0
    ms: float = 0.0
    rouge: dict[str, ev.Rouge] = field(default_factory=dict)
    trust: dict[str, object] = field(default_factory=dict)


def lexrank_baseline(article: Article) -> str:
    """Plain LexRank (scripts/train_key_points.lexrank) over the article's sentences."""
    from train_key_points import lexrank

    return lexrank([s for row in split_article(article) for s in row])


def without_paragraph(article: Article, index: int) -> Article:
    kept = tuple(p for i, p in enumerate(article.paragraphs) if i != index)
    return Article(
        title=article.title, paragraphs=tuple(Paragraph(p.text, p.heading) for p in kept), source=article.source
    )


def dated(article: Article, published: str) -> Article:
    """The article with its date, as a page's metadata would give it."""
    source = article.source
    given = Source(source.title, source.path, source.url, published, source.author, source.publication)
    return Article(title=article.title, paragraphs=article.paragraphs, source=given)


def trust(key: str, article: Article, brief: Brief, gold: dict[str, object]) -> dict[str, object]:
    """The checks of facts a reader can trust (reportgen.fact_checks) on one article."""
    published = str(gold.get("published") or TRUST_GOLD["published"].get(key, "") or "")
    with_date = summarise(dated(article, published)) if published else brief
    return {
        "timeline": fc.check_timeline(brief, article, published),
        "dated": fc.check_timeline(with_date, article, published),
        "figures": fc.check_figures(brief, article),
        "actors": fc.check_actors(brief, TRUST_GOLD["actors"].get(key, [])),
        "repeated": fc.repeated_lines(brief),
        "captions": fc.caption_lines(brief, article),
    }


def score(name: str, txt: Path, gold: dict[str, object]) -> Row:
    article = read_article(txt)
    start = time.perf_counter()
    brief = summarise(article)
    row = Row(name=name, ms=(time.perf_counter() - start) * 1000)
    mapping = None if "paragraph_sections" in gold else ev.map_gold_paragraphs(txt.read_text(encoding="utf-8"), article)
    labels = ev.gold_labels(gold, mapping)
    row.counts["placement"] = ev.placement(brief, labels)
    row.counts["paragraphs"] = ev.paragraph_agreement(brief, labels)
    row.counts["coverage"] = ev.coverage(brief, labels)
    facts = gold.get("key_facts") or []
    assert isinstance(facts, list)
    row.counts["facts"] = ev.fact_recall(brief, facts)
    row.counts["faithful"] = ev.faithfulness(brief, article)
    row.length = ev.length_ratio(brief, article)
    row.trust = trust(txt.stem if txt.parent != SAMPLE[0].parent else SAMPLE[0].stem, article, brief, gold)
    reference = gold.get("reference_summary")
    if isinstance(reference, str) and reference.strip():
        scored = article
        if "paragraph 0 of the text" in str(gold.get("reference_summary_type", "")) and mapping and 0 in mapping:
            scored = without_paragraph(article, mapping[0])  # the reference is the lead itself
        keys = summarise(scored).key_points
        row.rouge["ours"] = ev.rouge("\n".join(b.text for b in keys), reference)
        row.rouge["lead3"] = ev.rouge(ev.lead(scored), reference)
        row.rouge["lexrank"] = ev.rouge(lexrank_baseline(scored), reference)
    return row


def cross_validation(corpus: Path) -> None:
    """The section model against its baselines, on the corpus, folds by article."""
    import train_sections as ts
    from cue_baseline import assign_sections as cue_sections

    from reportgen.model import Source
    from reportgen.summarise.profile import load_profile

    docs = ts.load_corpus(corpus)
    profile = load_profile("default")
    cue = []
    for doc in docs:
        article = Article(doc.title or "Untitled", tuple(Paragraph(t) for t in doc.paragraphs), Source(doc.title))
        cue += [label or "none" for label in cue_sections(article, profile).labels]
    ts.report(docs, ts.cross_validate(docs, ts.featurise(docs)), {"hand-set cue model (before)": cue})
    print()


def key_point_cross_validation(corpus: Path) -> None:
    """The key-point model against Lead-3, LexRank and the oracle bound on the news corpus, folds by story."""
    import train_key_points as tk

    stories = tk.load_stories(corpus)
    labels = [tk.oracle(s) for s in stories]
    print(f"key points: {tk.FOLDS}-fold cross-validation by story\n")
    tk.report(stories, tk.compared_systems(stories, labels, tk.featurise(stories)))
    print()


def held_out(stories: Path) -> None:
    """The shipped key-point model on stories it never saw (a folder of NAME.txt + NAME.ref.txt)."""
    import train_key_points as tk

    kept = tk.load_stories(stories)
    model = shipped_model()
    print(f"key points on held-out stories ({stories})\n")
    tk.report(
        kept, {"Lead-3": [tk.lead3(s) for s in kept], "reportgen key points": [tk.key_points(s, model) for s in kept]}
    )
    print()


def print_trust(rows: list[Row], details: bool) -> None:
    """Timeline, figures and actors (issue 15): per article, then in total."""
    print("\nfacts a reader can trust: timeline date right/checked as read and dated (partial, unchecked),")
    print("fragments, duplicate rows, caption rows; key figures sound; actor recall, roles right; repeated lines")
    head = ["dates as read", "dated", "frag", "dup", "capt", "figures", "actors", "roles", "repeat"]
    print(f"{'article':<36}" + "".join(f"{h:>16}" if i < 2 else f"{h:>9}" for i, h in enumerate(head)))
    sums: dict[str, list[int]] = {}

    def add(key: str, a: int, b: int = 0) -> tuple[int, int]:
        cell = sums.setdefault(key, [0, 0])
        cell[0] += a
        cell[1] += b
        return a, b

    def dates(check: fc.TimelineCheck) -> str:
        return f"{check.right}/{check.right + len(check.wrong)} ({check.partial},{check.unchecked})"

    for row in rows:
        t = row.trust
        tl, dt, fig, act = t["timeline"], t["dated"], t["figures"], t["actors"]
        assert isinstance(tl, fc.TimelineCheck) and isinstance(dt, fc.TimelineCheck)
        assert isinstance(fig, fc.FigureCheck) and isinstance(act, fc.ActorCheck)
        repeated, captions = t["repeated"], t["captions"]
        assert isinstance(repeated, list) and isinstance(captions, list)
        for key, check in (("read", tl), ("dated", dt)):
            add(key, check.right, check.right + len(check.wrong))
            add(key + " partial", check.partial, check.unchecked)
        add("frag", len(tl.fragments))
        add("dup", len(tl.duplicates))
        add("capt", len(tl.captions) + len(captions))
        add("figures", fig.good, fig.total)
        add("actors", act.found, act.total)
        add("roles", act.roles, act.role_total)
        add("repeat", len(repeated))
        cells = [dates(tl), dates(dt), len(tl.fragments), len(tl.duplicates), len(tl.captions) + len(captions)]
        cells += [f"{fig.good}/{fig.total}", f"{act.found}/{act.total}", f"{act.roles}/{act.role_total}", len(repeated)]
        print(f"{row.name:<36}" + "".join(f"{c:>16}" if i < 2 else f"{c:>9}" for i, c in enumerate(cells)))
        if details:
            for kind, items in (
                ("wrong date", tl.wrong),
                ("wrong date (dated)", dt.wrong),
                ("fragment", tl.fragments),
                ("duplicate", tl.duplicates),
                ("caption", tl.captions + captions),
                ("figure", fig.problems),
                ("missing actor", act.missing),
                ("repeated line", repeated),
            ):
                for item in items:
                    print(f"    {kind}: {str(item)[:150]}")
    s = sums
    print(
        f"{'total with sample':<36}"
        f"{s['read'][0]:>6}/{s['read'][1]:<3} {s['read'][0] / max(1, s['read'][1]):5.0%}"
        f"{s['dated'][0]:>6}/{s['dated'][1]:<3} {s['dated'][0] / max(1, s['dated'][1]):5.0%}"
        f"{s['frag'][0]:>9}{s['dup'][0]:>9}{s['capt'][0]:>9}"
        f"{s['figures'][0]:>5}/{s['figures'][1]:<3}{s['actors'][0]:>5}/{s['actors'][1]:<3}"
        f"{s['roles'][0]:>5}/{s['roles'][1]:<3}{s['repeat'][0]:>9}"
    )
    print(
        f"partial dates: as read {s['read partial'][0]}, dated {s['dated partial'][0]}; unchecked: "
        f"as read {s['read partial'][1]}, dated {s['dated partial'][1]}; actor recall "
        f"{s['actors'][0] / max(1, s['actors'][1]):.0%}, roles {s['roles'][0] / max(1, s['roles'][1]):.0%}"
    )


def report_length(rows: list[Row]) -> None:
    """Brief words / article words, per article and the longest, against the budget's ceiling."""
    from reportgen.summarise.budget import MAX_SHARE

    print(f"\nbrief words / article words (ceiling {MAX_SHARE:.2f})")
    for r in rows:
        print(f"  {r.name:<36}{r.length:6.2f}")
    longest = max(rows, key=lambda r: r.length)
    over = sum(r.length > MAX_SHARE for r in rows)
    print(f"  longest {longest.length:.2f} ({longest.name}); over the ceiling: {over} of {len(rows)}")


def pct(pair: tuple[int, int]) -> str:
    a, b = pair
    return f"{a:>3}/{b:<3} {a / b:6.1%}" if b else "   n/a     "


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEV)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "sections")
    parser.add_argument("--news", type=Path, default=ROOT.parent / "shared" / "corpus" / "cnn")
    parser.add_argument("--held-out", type=Path, help="score the shipped key-point model on these stories instead")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validations on the corpora")
    parser.add_argument("--details", action="store_true", help="list every timeline, figure and actor problem")
    args = parser.parse_args()
    if args.held_out:
        held_out(args.held_out)
        return
    if not args.no_cv:
        cross_validation(args.corpus)
        key_point_cross_validation(args.news)
    rows = [score("sample (op-azm-i-istehkam)", SAMPLE[0], json.loads(SAMPLE[1].read_text(encoding="utf-8")))]
    if args.articles.is_dir():
        for gold_path in sorted(args.articles.glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            rows.append(score(gold_path.stem[:34], gold_path.with_suffix(".txt"), gold))
    else:
        print(f"(no development articles at {args.articles}: sample only)")
    metrics = ["placement", "paragraphs", "coverage", "facts", "faithful"]
    print(f"{'article':<36}" + "".join(f"{m:>16}" for m in metrics) + f"{'length':>8}{'ms':>7}")
    for row in rows:
        print(
            f"{row.name:<36}"
            + "".join(f"{pct(row.counts[m]):>16}" for m in metrics)
            + f"{row.length:8.1%}{row.ms:7.1f}"
        )
    for label, subset in (("total dev set", rows[1:]), ("total with sample", rows)):
        if not subset:
            continue
        totals = {m: (sum(r.counts[m][0] for r in subset), sum(r.counts[m][1] for r in subset)) for m in metrics}
        length = sum(r.length for r in subset) / len(subset)
        print(f"{label:<36}" + "".join(f"{pct(totals[m]):>16}" for m in metrics) + f"{length:8.1%}")
    print_trust(rows, args.details)
    report_length(rows)
    scored = [r for r in rows if r.rouge]
    if scored:
        print("\nkey points vs the human reference summary (ROUGE F1)")
        print(f"{'article':<36}{'ours R1/R2/RL':>24}{'Lead-3 R1/R2/RL':>24}{'LexRank R1/R2/RL':>24}")
        for r in scored:
            cells = [r.rouge[k] for k in ("ours", "lead3", "lexrank")]
            print(f"{r.name:<36}" + "".join(f"{c.r1:8.3f}{c.r2:8.3f}{c.rl:8.3f}" for c in cells))
        for metric in ("r1", "r2", "rl"):
            ours = [getattr(r.rouge["ours"], metric) for r in scored]
            for base in ("lead3", "lexrank"):
                p = ev.paired(ours, [getattr(r.rouge[base], metric) for r in scored])
                print(
                    f"{metric.upper()} ours - {base:<8} mean {p.mean_diff:+.3f}"
                    f"  95% CI [{p.ci_low:+.3f}, {p.ci_high:+.3f}]"
                    f"  wins/ties/losses {p.wins}/{p.ties}/{p.losses}  (ours mean {sum(ours) / len(ours):.3f})"
                )


if __name__ == "__main__":
    main()
