"""Train the key-point (bottom line) model from news stories with human highlights.

Run: python scripts/train_key_points.py [--corpus DIR] [--check] [--quick]

Reads every story of `../shared/corpus/cnn` (`cnn_NNNN.txt` with its editors' highlights in
`cnn_NNNN.ref.txt`, sorted, so the run is the same everywhere) through reportgen's own reader and
sentence splitter, turns each sentence into features with
`reportgen.summarise.salience_features` (the function the summariser itself uses), and labels
it 1 when a greedy ROUGE oracle picks it: sentences are added one at a time while they raise
ROUGE-1 + ROUGE-2 F of the set against the highlights (at most ORACLE_SIZE).

1. Cross-validates by story (FOLDS folds, no story on both sides): each fold's model chooses the
   key points through `summarise` itself (candidates, trigram blocking, trimming and length budget
   as a user gets them). Printed beside Lead-3, LexRank (the most central sentences) and the
   oracle bound, all in the same run: ROUGE-1/2/L/Lsum F and the paired bootstrap 95% interval of
   the difference with Lead-3, story by story.
2. Fits the model on every story and writes `reportgen/data/key_point_model.json`, rounded, with
   the corpus and settings named inside. `--check` writes nothing and fails unless the result
   equals the shipped file (the test suite runs this).

Needs scikit-learn and rouge-score (the "test" extra); the package itself needs neither.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reportgen import evaluate as ev  # noqa: E402
from reportgen.model import Article  # noqa: E402
from reportgen.readers import read_article  # noqa: E402
from reportgen.summarise import summarise  # noqa: E402
from reportgen.summarise.ranking import rank_article  # noqa: E402
from reportgen.summarise.salience_features import sentence_features  # noqa: E402
from reportgen.summarise.salience_model import SalienceModel, from_json  # noqa: E402
from reportgen.summarise.sentences import Sentence, split_article  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "cnn"
OUT = ROOT / "reportgen" / "data" / "key_point_model.json"
FOLDS = 5
ORACLE_SIZE = 3
# Inverse regularisation strength: C = 0.1 / 1 / 10 gave cross-validated ROUGE-2 11.60 / 11.53 / 11.53
# (trigram blocking); gradient-boosted trees on the same features 11.63, not worth shipping trees.
C = 0.1
DECIMALS = 5
TOLERANCE = 1e-3  # weights are rounded to DECIMALS; another BLAS may move the last digit or two
Features = dict[str, float]


@dataclass(frozen=True)
class Story:
    name: str
    article: Article
    sentences: tuple[Sentence, ...]
    highlights: tuple[str, ...]


def load_stories(folder: Path = CORPUS, limit: int | None = None) -> list[Story]:
    """Every story with highlights, in name order, read as a user's .txt file would be."""
    if not folder.is_dir():
        sys.exit(f"train_key_points: no corpus at {folder}; pass --corpus DIR")
    stories = []
    for txt in sorted(p for p in folder.glob("*.txt") if not p.name.endswith(".ref.txt"))[:limit]:
        ref = txt.with_name(txt.stem + ".ref.txt")
        if not ref.is_file():
            continue
        article = read_article(txt)
        sentences = tuple(s for row in split_article(article) for s in row)
        highlights = tuple(line.strip() for line in ref.read_text(encoding="utf-8").splitlines() if line.strip())
        stories.append(Story(txt.stem, article, sentences, highlights))
    return stories


# --- labels: a greedy ROUGE oracle -----------------------------------------------------------


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from rouge_score import tokenizers

    return tokenizers.DefaultTokenizer(use_stemmer=True)


def _tokens(text: str) -> list[str]:
    """ROUGE's own tokens (lower-cased, Porter-stemmed), so the oracle optimises what is scored."""
    return list(_tokenizer().tokenize(text))


def _grams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def _f(candidate: Counter[tuple[str, ...]], reference: Counter[tuple[str, ...]]) -> float:
    overlap = sum((candidate & reference).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(candidate.values()), overlap / sum(reference.values())
    return 2 * p * r / (p + r)


def oracle(story: Story) -> list[int]:
    """Sentence indices a greedy search picks to rebuild the highlights (ROUGE-1 + ROUGE-2 F)."""
    ref = _tokens(" ".join(story.highlights))
    ref1, ref2 = _grams(ref, 1), _grams(ref, 2)
    tokens = [_tokens(s.text) for s in story.sentences]
    chosen: list[int] = []
    best = 0.0
    while len(chosen) < ORACLE_SIZE:
        scored = []
        for i in range(len(tokens)):
            if i in chosen:
                continue
            joined = [t for k in sorted([*chosen, i]) for t in tokens[k]]
            scored.append((_f(_grams(joined, 1), ref1) + _f(_grams(joined, 2), ref2), -i))
        if not scored or max(scored)[0] <= best:
            break
        best, minus_i = max(scored)
        chosen.append(-minus_i)
    return sorted(chosen)


# --- the model ------------------------------------------------------------------------------


def featurise(stories: Sequence[Story]) -> list[list[Features]]:
    return [sentence_features(s.sentences, len(s.article.paragraphs)) for s in stories]


def fit(rows: Sequence[Sequence[Features]], labels: Sequence[Sequence[int]]) -> dict[str, object]:
    """The model as the JSON-ready dict the package loads (see salience_model.from_json)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    flat = [row for story in rows for row in story]
    y = [label for story in labels for label in story]
    vectoriser = DictVectorizer(sort=True)
    x = vectoriser.fit_transform(flat)
    model = LogisticRegression(C=C, max_iter=5000).fit(x, y)
    weights = {
        str(name): round(float(w), DECIMALS)
        for name, w in zip(vectoriser.get_feature_names_out(), model.coef_[0], strict=True)
        if round(float(w), DECIMALS)
    }
    return {"intercept": round(float(model.intercept_[0]), DECIMALS), "weights": weights}


def one_hot(stories: Sequence[Story], chosen: Sequence[Sequence[int]]) -> list[list[int]]:
    return [[int(i in set(c)) for i in range(len(s.sentences))] for s, c in zip(stories, chosen, strict=True)]


# --- systems and scores ---------------------------------------------------------------------


def key_points(story: Story, model: SalienceModel) -> str:
    """What a user's brief of the story puts first, one key point a line."""
    return "\n".join(b.text for b in summarise(story.article, salience=model).key_points)


def lead3(story: Story) -> str:
    return ev.lead(story.article)


def lexrank(sentences: Sequence[Sentence], n: int = 3) -> str:
    """The n most central sentences (LexRank plus reportgen's informativeness), in article order."""
    ranked = rank_article(list(sentences))
    top = sorted(range(len(sentences)), key=lambda i: -ranked.relevance[i])[:n]
    return "\n".join(sentences[i].text for i in sorted(top))


def cross_validate(
    stories: Sequence[Story], rows: Sequence[Sequence[Features]], labels: Sequence[Sequence[int]]
) -> list[str]:
    """Each story's key points from the model of the folds it was not in."""
    out = [""] * len(stories)
    for fold in range(FOLDS):
        train = [k for k in range(len(stories)) if k % FOLDS != fold]
        model = from_json(fit([rows[k] for k in train], [labels[k] for k in train]))
        for k in range(fold, len(stories), FOLDS):
            out[k] = key_points(stories[k], model)
    return out


def compared_systems(
    stories: Sequence[Story], labels: Sequence[Sequence[int]], rows: Sequence[Sequence[Features]]
) -> dict[str, list[str]]:
    """Every system's key points per story: the baselines, the cross-validated model, the oracle."""
    return {
        "Lead-3": [lead3(s) for s in stories],
        "LexRank": [lexrank(s.sentences) for s in stories],
        "reportgen key points": cross_validate(stories, rows, one_hot(stories, labels)),
        "oracle (bound)": ["\n".join(s.sentences[i].text for i in c) for s, c in zip(stories, labels, strict=True)],
    }


def report(stories: Sequence[Story], systems: dict[str, Sequence[str]], baseline: str = "Lead-3") -> dict[str, float]:
    """Print ROUGE F (x100) per system and the paired difference with `baseline`; return mean ROUGE-2."""
    references = ["\n".join(s.highlights) for s in stories]
    scores = {
        name: [ev.rouge(out, ref) for out, ref in zip(texts, references, strict=True)]
        for name, texts in systems.items()
    }
    metrics = ("r1", "r2", "rl", "rlsum")
    print(f"{len(stories)} stories, ROUGE F x100 against the editors' highlights\n")
    print("| system | ROUGE-1 | ROUGE-2 | ROUGE-L | ROUGE-Lsum |\n| --- | --- | --- | --- | --- |")
    for name, rows in scores.items():
        print(
            f"| {name} | "
            + " | ".join(f"{100 * statistics.fmean(getattr(r, m) for r in rows):.2f}" for m in metrics)
            + " |"
        )
    for name, rows in scores.items():
        if name == baseline or name.startswith("oracle"):
            continue
        cells = []
        for m in metrics:
            p = ev.paired([getattr(r, m) for r in rows], [getattr(r, m) for r in scores[baseline]])
            cells.append(f"{100 * p.mean_diff:+.2f} [{100 * p.ci_low:+.2f}, {100 * p.ci_high:+.2f}]")
        print(f"| {name} − {baseline}, 95% CI | " + " | ".join(cells) + " |")
    return {name: statistics.fmean(r.r2 for r in rows) for name, rows in scores.items()}


def difference(shipped: dict[str, object], retrained: dict[str, object]) -> str:
    """'' when the two models are the same (weights within TOLERANCE), else what differs first."""
    for key in ("trained_on", "settings"):
        if shipped.get(key) != retrained.get(key):
            return f"{key}: {shipped.get(key)!r} != {retrained.get(key)!r}"
    a, b = shipped["weights"], retrained["weights"]
    assert isinstance(a, dict) and isinstance(b, dict)
    pairs: list[tuple[str, object, object]] = [("intercept", shipped["intercept"], retrained["intercept"])]
    pairs += [(name, a.get(name, 0.0), b.get(name, 0.0)) for name in sorted(set(a) | set(b))]
    for name, x, y in pairs:
        assert isinstance(x, float | int) and isinstance(y, float | int)
        if abs(x - y) > TOLERANCE:
            return f"weight of {name!r}: {x} != {y}"
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--check", action="store_true", help="write nothing; fail unless the shipped file matches")
    parser.add_argument("--no-cv", action="store_true", help="skip cross-validation (fit only)")
    parser.add_argument("--limit", type=int, help="the first N stories only (a quick look; never for the shipped file)")
    args = parser.parse_args()
    stories = load_stories(args.corpus, args.limit)
    labels = [oracle(s) for s in stories]
    rows = featurise(stories)
    y = one_hot(stories, labels)
    if not args.no_cv:
        print(f"{FOLDS}-fold cross-validation by story (each story scored by a model that never saw it)\n")
        report(stories, compared_systems(stories, labels, rows))
    model = fit(rows, y)
    model["trained_on"] = {
        "corpus": "shared/corpus/cnn (see its MANIFEST.tsv)",
        "stories": len(stories),
        "sentences": sum(len(s.sentences) for s in stories),
        "first": stories[0].name,
        "last": stories[-1].name,
    }
    model["settings"] = {"C": C, "oracle_size": ORACLE_SIZE, "folds": FOLDS, "script": "scripts/train_key_points.py"}
    text = json.dumps(model, sort_keys=True, indent=0) + "\n"
    if args.check:
        problem = difference(json.loads(OUT.read_text(encoding="utf-8")), json.loads(text))
        if problem:
            sys.exit(f"train_key_points: a retrain differs from the shipped {OUT.relative_to(ROOT)}: {problem}")
        print(f"\n{OUT.relative_to(ROOT)} matches a retrain")
        return
    if args.limit:
        sys.exit("train_key_points: --limit is for a quick look; the shipped weights come from every story")
    OUT.write_text(text, encoding="utf-8")
    print(f"\nwrote {OUT.relative_to(ROOT)}: {len(model['weights'])} features")  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
