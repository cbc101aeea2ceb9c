"""The learned key-point model: how much of an article's point each sentence carries.

A logistic regression over `salience_features`, trained by `scripts/train_key_points.py` on 2,000
news stories and the highlights their editors wrote (`../shared/corpus/cnn`): a sentence's
positive class is "a greedy ROUGE oracle picks it to rebuild the highlights". It ships as
`reportgen/data/key_point_model.json` (a weight per feature, the corpus and settings it came
from) and is evaluated in plain Python; the package never trains.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportgen import shipped
from reportgen.summarise.section_features import Features

WEIGHTS_FILE = "key_point_model.json"


@dataclass(frozen=True)
class SalienceModel:
    intercept: float
    weights: dict[str, float]

    def score(self, features: Features) -> float:
        """The log-odds that the sentence carries the point (only the order matters)."""
        weights = self.weights
        return self.intercept + sum(weights.get(name, 0.0) * value for name, value in features.items())

    def scores(self, rows: Sequence[Features]) -> list[float]:
        return [self.score(row) for row in rows]


def from_json(data: dict[str, object]) -> SalienceModel:
    weights = data["weights"]
    assert isinstance(weights, dict)
    return SalienceModel(
        intercept=float(data["intercept"]),  # type: ignore[arg-type]
        weights={str(k): float(v) for k, v in weights.items()},
    )


@lru_cache(maxsize=1)
def shipped_model() -> SalienceModel:
    """The model shipped with the package."""
    return from_json(json.loads(shipped.read_text("data", WEIGHTS_FILE)))
