"""The author's judgement: the sentence in the article's closing stretch that weighs rather than
reports ("at best a neutral trend is indicated"), set apart from fact in the outlook.

Analysts close on their verdict, so candidates come from the last paragraphs; judgement cues from
the profile score them, and quoted or attributed sentences (someone else's view) are passed over.
"""

from __future__ import annotations

import re

from reportgen.summarise.profile import Profile
from reportgen.summarise.sections import count_cues
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.terms import all_stems

CLOSING_PARAGRAPHS = 3
_ATTRIBUTED = re.compile(r"[“”\"]|\b(?:said|says|told|according to)\b")


def find_assessment(sentences: list[Sentence], eligible: set[int], profile: Profile) -> list[Sentence]:
    """Up to profile.assessment_sentences judgement sentences, in article order."""
    closing = sorted(eligible)[-CLOSING_PARAGRAPHS:]
    scored = []
    for s in sentences:
        if s.paragraph not in closing or _ATTRIBUTED.search(s.text) or len(s.text.split()) < 6:
            continue
        cues = count_cues(all_stems(s.text), profile.assessment_cues)
        if cues:
            # later sentences break ties: the verdict usually comes last
            scored.append((cues + 0.5 * closing.index(s.paragraph) / len(closing), s.paragraph, s.index, s))
    best = sorted(scored, key=lambda x: (-x[0], -x[1], -x[2]))[: profile.assessment_sentences]
    return sorted((x[3] for x in best), key=lambda s: (s.paragraph, s.index))
