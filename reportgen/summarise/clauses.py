"""Finite clauses of a sentence: where a statement about one date starts when the sentence has
stated another date in a clause before it.

"Zarb-i-Azb was launched in 2014 by Gen Raheel Sharif, Raddul Fasaad was launched in 2017 under
Gen Qamar Javed Bajwa" holds two statements, each with its own date; the timeline's row for 2017
is the second one, not the sentence's opening about 2014. A split is made only at ", ", "; ",
" and ", " but " or " while " (the conjunction left out) with a verb on both sides, and never
before a clause that cannot stand alone ("which was launched in 2017"), so "in 2014 and 2017" or
"the army, which…" stay whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: A finite verb, or a past form ("launched") — what makes a run of words a statement.
VERB = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|did|does|do|"
    r"said|says|took|began|met|made|saw|won|lost|held|led|fell|rose|went|came|gave|left|fought|struck|"
    r"killed|attacked|launched|captured|approved|announced)\b|(?<!,\s)\b[a-z]{3,}ed\b"
)
#: ", " or "; " (with any conjunction after it), " and ", " but ", " while ".
_BOUNDARY = re.compile(r"[,;]\s+(?:(?:and|but|yet|so|while)\s+)?|\s+(?:and|but|while)\s+")
#: Conjunctions that open a sentence with a clause which needs the main clause after it ("After
#: rebels staged an uprising in 2003, …"): the timeline keeps that main clause, and the trust
#: check counts such a clause cut off alone as a fragment.
OPENING_SUBORDINATORS = frozenset(
    ["after", "before", "when", "while", "since", "although", "though", "because", "until", "once", "if", "as"]
)
_DEPENDENT = re.compile(
    r"^(?:which|who|whom|whose|that|where|when|because|although|though|if|as|than|including|after|before|"
    r"since|until|to|with|of|for|from)\b",
    re.I,
)


def own_clause_start(text: str, start: int, others: Sequence[int]) -> int:
    """Where the statement holding the date at `start` begins: 0, unless another date of the
    sentence (at an offset in `others`) stands in an earlier finite clause; then the first
    boundary after that date where a finite clause with this date begins."""
    before = [o for o in others if o < start]
    if not before:
        return 0
    after = max(before)
    cuts = [m for m in _BOUNDARY.finditer(text) if m.start() > after and m.end() <= start]
    for m in cuts:
        nxt = _BOUNDARY.search(text, start)
        right = text[m.end() : nxt.start() if nxt else len(text)]
        left = text[: m.start()]
        if VERB.search(right) and VERB.search(left) and not _DEPENDENT.match(right):
            return m.end()
    return 0
