"""The learned section model: each paragraph's probability of each briefing role.

A multinomial logistic regression over `section_features`, trained by
`scripts/train_sections.py` on the labelled corpus (`../shared/corpus/sections`) and shipped as
`reportgen/data/section_model.json`: per feature one weight per role, an intercept per role, the
confidence a section needs to be kept, and the corpus and settings it came from. Inference is a
few dictionary look-ups per paragraph in plain Python, so the package needs neither scikit-learn
nor numpy, and never trains.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from reportgen import shipped
from reportgen.summarise.section_features import Features

WEIGHTS_FILE = "section_model.json"
NONE = "none"  # the role of bylines, datelines, captions and paragraphs that serve no section


@dataclass(frozen=True)
class SectionModel:
    roles: tuple[str, ...]  # "background", "drivers", "precedents", "outlook", "none"
    intercept: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]  # feature name -> one weight per role
    #: A section is kept only when one of its paragraphs has at least this probability of its role
    #: (chosen by cross-validation on the corpus: the best F1 of "the article has this section").
    min_confidence: float

    def probabilities(self, features: Features) -> dict[str, float]:
        """Softmax of the linear scores: role -> probability."""
        scores = list(self.intercept)
        for name, value in features.items():
            row = self.weights.get(name)
            if row is not None:
                for k, w in enumerate(row):
                    scores[k] += w * value
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {role: e / total for role, e in zip(self.roles, exps, strict=True)}

    def predict(self, rows: Sequence[Features]) -> list[dict[str, float]]:
        return [self.probabilities(row) for row in rows]


def from_json(data: dict[str, object]) -> SectionModel:
    roles = tuple(str(r) for r in data["roles"])  # type: ignore[attr-defined]
    weights = {str(k): tuple(float(x) for x in v) for k, v in data["weights"].items()}  # type: ignore[attr-defined]
    return SectionModel(
        roles=roles,
        intercept=tuple(float(x) for x in data["intercept"]),  # type: ignore[attr-defined]
        weights=weights,
        min_confidence=float(data["min_confidence"]),  # type: ignore[arg-type]
    )


@lru_cache(maxsize=1)
def shipped_model() -> SectionModel:
    """The model shipped with the package."""
    return from_json(json.loads(shipped.read_text("data", WEIGHTS_FILE)))
