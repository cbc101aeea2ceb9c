"""What the section model sees of each paragraph: sparse, named features from the text alone.

The same function feeds training (`scripts/train_sections.py`, over the labelled corpus) and the
summariser, so a feature can never mean one thing when learned and another when used. Features
are kinds of evidence that travel between articles, not words about any one article:

- words: the paragraph's stems, function words included (modal verbs and "had" carry tense);
- shape: position among the article's prose paragraphs, length, whether it reads as prose at all
  (bylines, datelines and captions do not);
- tense and time: sentences with modal or future verbs, years before, at or after the year the
  article speaks from;
- voice: quotations and attribution ("said"), questions;
- actors: sentences naming a state other than the article's own;
- tense and stance cues (`t:`): perfect and pluperfect verbs, "will", conditional modals, present
  and past verb forms, "-ed" verbs, hedges and expectations, causal connectives and motives,
  pressure verbs, the first person, figures;
- function-word bigrams (`b:`): pairs of neighbouring stems in a sentence, one of them a function
  word ("will be", "had been", "last year", "in 2014" is "in" + a year-free neighbour), which carry
  tense and time better than the words alone;
- the paragraphs either side: their shape and time features under a `prev:`/`next:` prefix,
  since authors write sections as runs of paragraphs.

Values are shares of the paragraph's sentences (0..1) or small flags, so long and short
paragraphs weigh alike.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence

from reportgen.summarise.compress import QUOTE_MARK
from reportgen.summarise.sentences import split_paragraph
from reportgen.summarise.states import home_actor, names_in
from reportgen.summarise.terms import stem_tuple, stopwords

Features = dict[str, float]

MIN_WORDS = 6  # shorter paragraphs are captions, bylines or debris
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_PROSE_END = re.compile(r"""[.!?…]["'”’)\]]*$|[.!?…]["'”’)\]]*\s""")
_MODAL = frozenset(stem_tuple("will would could may might should must shall won't wouldn't can't cannot"))
# _FUTURE, _SAID, _CAUSE, _PAST_MARK and _AGO, like the CUES below, see the lower-cased sentence.
_FUTURE = re.compile(r"\b(will|going to|expected to|likely to|plans? to|next (?:week|month|year)|by 20\d\d)\b")
_FORECAST = re.compile(r"\b(will|would|could|might|may|expected|projected|forecast|by \d{4}|until \d{4})\b", re.I)
_SAID = re.compile(r"\b(said|says|told|according to|added|stated|announced)\b")
_CAUSE = re.compile(r"\b(because|due to|amid|in response to|driven by|pressure|demand\w*|urg\w+|push\w*|sanction\w*)\b")
_PAST_MARK = re.compile(r"\b(had|previous\w*|earlier|former\w*|ago|last time|in the past|history|histor\w+)\b")
# A dateline ("ANKARA, 2 May 2025." / "BEIRUT, Lebanon (CNN) --") or a byline ("By Jane Doe").
_DATELINE = re.compile(r"^(?:[A-Z][A-Z .'-]{2,}(?:,[^.]{0,40})?\s*(?:\(CNN\))?\s*(?:--|—|–|\.)|\(CNN\)\s*--)")
_BYLINE = re.compile(r"^(?:By|Por|Par|Von)\s+[A-Z]", re.M)
_NOW = re.compile(
    r"\b(today|yesterday|tonight|this (?:week|month|morning)|last (?:week|night)"
    r"|(?:on |last |this )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"
)
_IN_YEAR = re.compile(
    r"\b(?:in|since|by|until|during|of|from) (?:(?:early|late|mid-?)\s?)?(?:[A-Z][a-z]+ )?(?:1[89]\d\d|20\d\d)\b"
)
_AGO = re.compile(
    r"\b(\w+ (?:years?|decades?|months?) ago|last year|years? earlier|at the time|the last time|once again|again)\b",
)
# Tense and stance cues, each counted as the share of the paragraph's sentences that show it. They are
# matched against the lower-cased sentence (twice as fast as re.I), except the case-sensitive first person.
_PERFECT = re.compile(
    r"\b(has|have|had|'ve|'s)\s+(?:not\s+|never\s+|already\s+|also\s+|long\s+|since\s+|just\s+|been\s+)?"
    r"(\w+(?:ed|en|wn|ne|ht|id|ft|lt|st|ung|ome|un))\b",
)
_PLUPERFECT = re.compile(r"\bhad\s+(?:not\s+|never\s+|already\s+|long\s+|also\s+)?(?:been|\w+ed|\w+en)\b")
_WILL = re.compile(r"\b(will|won't|shall|'ll)\b")
_CONDITIONAL = re.compile(r"\b(would|could|might|may|should|must)\b")
_PRESENT = re.compile(r"\b(says|say|is|are|remains?|continues?|has|have|does|do)\b")
_PAST_VERB = re.compile(r"\b(was|were|did|said|told|had)\b")
_ED = re.compile(r"\b[a-z]{3,}ed\b")
_HEDGE = re.compile(
    r"\b(if|unless|whether|risk\w*|likely|unlikely|expect\w*|predict\w*|forecast\w*|warn\w*|scenario\w*|future"
    r"|next|coming|upcoming|potential\w*|possib\w*)\b",
)
_MOTIVE = re.compile(
    r"\b(because|since|as a result|led to|lead to|leads to|caused?|result(?:ed|s)? (?:in|from)|so that|therefore"
    r"|thus|why|reason\w*|motiv\w*|want\w*|seek\w*|aim\w*|goal|interest\w*)\b",
)
#: Words of pressing someone: demands, threats, sanctions, lobbying, urging. Not "forces" (troops) or
#: "the press"; lower-case, like the cues below.
PRESSURE = re.compile(
    r"\b(pressur\w*|press(?:es|ed|ing)?\s+(?:for|on|ahead)|demand\w*|urg(?:e|es|ed|ing)|threat\w*|sanction\w*"
    r"|lobb(?:y|ies|ied|ying|yists?)|incentives?|push(?:es|ed|ing)?|call(?:ed|s|ing)? (?:on|for)|insist\w*"
    r"|encourag\w*|leverage)\b",
)
_FIRST_PERSON = re.compile(r"\b(I|we|our|my|us)\b")
_DIGIT = re.compile(r"\d")
CUES = {  # name -> pattern, matched against the lower-cased sentence
    "t:perfect": _PERFECT,
    "t:pluperfect": _PLUPERFECT,
    "t:will": _WILL,
    "t:conditional": _CONDITIONAL,
    "t:present": _PRESENT,
    "t:past_verb": _PAST_VERB,
    "t:hedge": _HEDGE,
    "t:motive": _MOTIVE,
    "t:pressure": PRESSURE,
    "t:figure": _DIGIT,
}
_CAPTION = re.compile(r"\b(photo|image|picture|caption|getty|reuters/|afp/|file photo|pictured)\b", re.I)

#: The features of a paragraph that its neighbours also see (shape and time, not words).
CONTEXT = (
    "prose",
    "modal",
    "future",
    "past_year",
    "said",
    "cause",
    "past_mark",
    "outside",
    "now",
    "in_year",
    "first",
    "last",
)


def present_year(published: str, texts: Sequence[str]) -> int | None:
    """The year the article speaks from: its publication year, else the latest year it mentions
    outside forecasts ("by 2028 the debt will…" is not the present)."""
    found = _YEAR.search(published or "")
    if found:
        return int(found.group(1))
    years = [int(y) for t in texts for s in split_paragraph(t) if not _FORECAST.search(s) for y in _YEAR.findall(s)]
    return max(years) if years else None


def is_prose(text: str) -> bool:
    """Long enough and made of sentences: captions, bylines, link lists and debris are not."""
    return len(text.split()) >= MIN_WORDS and bool(_PROSE_END.search(text.strip()))


_CAPTION_SENTENCE = re.compile(
    r"^(?:this|the|a|an|in this)\s+(?:[\w-]+\s+){0,3}(?:image|photo(?:graph)?|picture|screenshot|still|handout)\b"
    r".*\b(?:shows?|showing|taken|released|provided|depicts?)\b"
    r"|\b(?:photo|image|picture)\s*(?:credit|courtesy)\b|^\((?:photo|image|file|see)\b",
    re.I,
)
#: A link to elsewhere on the page ("Watch Obama address his staff »", "Learn more about the countries »"),
#: told from a closing guillemet quotation by the opening mark it lacks.
_LINK_ARROW = re.compile(r"^[^«‹]*[»›]\W*$")
#: The note on who wrote a piece ("Editor's note: Ivan Watson is CNN's correspondent…").
_EDITORS_NOTE = re.compile(r"^Editor[’']s note\b", re.I)


def is_page_furniture(sentence: str) -> bool:
    """A dateline, byline, editor's note, photo caption, link or fragment: never a bullet, whatever
    its paragraph."""
    text = sentence.strip()
    return (
        len(text.split()) < MIN_WORDS
        or bool(_BYLINE.match(text))
        or bool(_LINK_ARROW.match(text))
        or bool(_EDITORS_NOTE.match(text))
        or bool(_CAPTION_SENTENCE.search(text))
        or bool(_DATELINE.fullmatch(text))
    )


def paragraph_features(title: str, texts: Sequence[str], published: str = "") -> list[Features]:
    """One feature dict per paragraph of an article (its title, paragraph texts and publication date)."""
    prose = [is_prose(t) for t in texts]
    kept = [t for t, ok in zip(texts, prose, strict=True) if ok]
    home = home_actor(title, kept)
    year = present_year(published, kept)
    order = [i for i, ok in enumerate(prose) if ok]
    rank = {i: k for k, i in enumerate(order)}
    last = max(1, len(order) - 1)
    own = [_own(text, ok, rank.get(i), last, home, year) for i, (text, ok) in enumerate(zip(texts, prose, strict=True))]
    rows = []
    for i, feats in enumerate(own):
        row = dict(feats)
        for prefix, j in (("prev:", i - 1), ("next:", i + 1)):
            if 0 <= j < len(own):
                row.update({prefix + k: own[j][k] for k in CONTEXT if own[j].get(k)})
            else:
                row[prefix + "none"] = 1.0
        rows.append(row)
    return rows


def _own(text: str, prose: bool, rank: int | None, last: int, home: str | None, year: int | None) -> Features:
    sentences = split_paragraph(text) or [text]
    n = len(sentences)
    stems = stem_tuple(text)
    feats: Features = {}
    distinct = set(stems)
    if distinct:
        weight = 1.0 / math.sqrt(len(distinct))
        feats.update({"w:" + s: weight for s in distinct})
    words = len(text.split())
    feats["log_words"] = math.log1p(words) / 5.0
    if prose:
        feats["prose"] = 1.0
        position = (rank or 0) / last
        feats["position"] = position
        feats["position2"] = position * position
        if rank == 0:
            feats["first"] = 1.0
        elif rank == 1:
            feats["second"] = 1.0
        if rank == last:
            feats["last"] = 1.0
    else:
        feats["short" if words < MIN_WORDS else "no_sentence_end"] = 1.0
    if _DATELINE.match(text.strip()):
        feats["dateline"] = 1.0
    if _BYLINE.match(text.strip()):
        feats["byline"] = 1.0
    if _CAPTION.search(text) and words < 40:
        feats["caption"] = 1.0

    def share(hits: int) -> float:
        return hits / n

    lowered = [s.lower() for s in sentences]
    feats["modal"] = share(sum(1 for s in sentences if _MODAL & set(stem_tuple(s))))
    feats["future"] = share(sum(1 for s in lowered if _FUTURE.search(s)))
    feats["said"] = share(sum(1 for s in lowered if _SAID.search(s)))
    feats["quote"] = share(sum(1 for s in sentences if QUOTE_MARK.search(s)))
    feats["question"] = share(sum(1 for s in sentences if s.rstrip().endswith("?")))
    feats["cause"] = share(sum(1 for s in lowered if _CAUSE.search(s)))
    feats["past_mark"] = share(sum(1 for s in lowered if _PAST_MARK.search(s)))
    feats["now"] = share(sum(1 for s in sentences if _NOW.search(s)))
    feats["in_year"] = share(sum(1 for s in sentences if _IN_YEAR.search(s)))
    feats["ago"] = share(sum(1 for s in lowered if _AGO.search(s)))
    feats["outside"] = share(sum(1 for s in sentences if any(a != home for a in names_in(s))))
    feats.update(_cues(text, sentences, lowered))
    feats.update(_bigrams(sentences))
    if year is not None:
        years = [[int(y) for y in _YEAR.findall(s)] for s in sentences]
        feats["past_year"] = share(sum(1 for ys in years if any(y < year for y in ys)))
        feats["old_year"] = share(sum(1 for ys in years if any(y < year - 3 for y in ys)))
        feats["this_year"] = share(sum(1 for ys in years if year in ys))
        feats["later_year"] = share(sum(1 for ys in years if any(y > year for y in ys)))
    return {k: v for k, v in feats.items() if v}


def _cues(text: str, sentences: Sequence[str], lowered: Sequence[str]) -> Features:
    """The tense and stance cues (`t:`): shares of the sentences, and "-ed" words per ten words."""
    n = len(sentences)
    feats = {name: sum(1 for s in lowered if pattern.search(s)) / n for name, pattern in CUES.items()}
    feats["t:first_person"] = sum(1 for s in sentences if _FIRST_PERSON.search(s)) / n
    feats["t:ed_rate"] = min(1.0, 10 * len(_ED.findall(text)) / max(1, len(text.split())))
    return feats


def _bigrams(sentences: Sequence[str]) -> Features:
    """Neighbouring stems within a sentence, one of them a function word, as `b:first_second`,
    weighted like the words (1 / sqrt of how many distinct ones)."""
    function = stopwords()
    pairs: set[str] = set()
    for sentence in sentences:
        stems = stem_tuple(sentence)
        pairs.update(f"b:{a}_{b}" for a, b in itertools.pairwise(stems) if a in function or b in function)
    if not pairs:
        return {}
    return dict.fromkeys(pairs, 1.0 / math.sqrt(len(pairs)))
