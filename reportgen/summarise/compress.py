"""Faithful compression: a bullet is its source sentence minus removable spans, never rewritten.

Removable: a leading list mark ("– ", "• "), a leading dateline ("LONDON —", "BEIRUT, Lebanon
(CNN) --", "Ankara, 2 May 2025 —"), a leading discourse marker ("However,", "In fact,"), an
attribution tail ("according to multiple media sources", ", officials said"), and short
parenthetical asides without figures ("(NAP)"); a sentence cut from a longer quotation gets the
quotation mark it lacks. Figures, names, negations and hedges stay, so a reader can still find
every word of the bullet, in order, in the sentence it cites.
"""

from __future__ import annotations

import re

_MARKERS = (
    "however|in fact|furthermore|moreover|additionally|in addition|meanwhile|indeed|also|still|thus|therefore|"
    "nevertheless|nonetheless|as such|of course|notably|importantly|besides|hence|consequently|admittedly|"
    "interestingly|similarly|likewise|in other words|that said|for its part|at the same time|after all"
)
_LEADING = re.compile(rf"^(?:{_MARKERS}),\s+", re.I)
# A place in capitals, or a place and a date, perhaps a wire's name, then a dash: the news
# agency's dateline, not a word the article says.
_DATELINE = re.compile(
    r"^(?:(?:[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+)*(?:,\s[^—–()]{1,40}?)?"
    r"|[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*,\s+(?:\d{1,2}\s+[A-Z][a-z]+\.?|[A-Z][a-z]+\.?\s+\d{1,2}),?\s+\d{4})"
    r"\s*(?:\((?:CNN|Reuters|AP|AFP|Xinhua)\)\s*)?|\((?:CNN|Reuters|AP|AFP)\)\s*)(?:--|—|–|-)\s+(?=\S)"
)
# A list item's mark left at the start of a sentence by a page whose list became paragraphs.
_LIST_MARK = re.compile(r"^[-–—•·▪*]\s+(?=\S)")
_ATTRIBUTION = re.compile(
    r",?\s+(?:according to|as per|as reported by|reported by)\s+[^,;.]{2,60}(?=[.!?]?[\"”’]?$)"
    r"|,\s+(?:(?:[A-Z][\w.-]*\s){0,3}(?:officials?|analysts?|sources?|experts?|he|she|they|police|witnesses)"
    r"\s+(?:said|say|says|told\s+\w+|added|noted))(?=[.!?]?$)",
)
_ASIDE = re.compile(r"\s+\((?![^)]*\d)[^()]{1,60}\)")
_HEDGE = re.compile(
    r"\b(not|no|never|nor|n't|without|unless|may|might|could|likely|unlikely|reportedly|allegedly|"
    r"purportedly|possibly|perhaps|about|approximately|nearly|almost)\b",
    re.I,
)


def compress(sentence: str) -> str:
    """The sentence with removable spans taken out; unchanged when a removal would drop a hedge."""
    text = _DATELINE.sub("", _LIST_MARK.sub("", sentence.strip()))
    stripped = _LEADING.sub("", text)
    if stripped != text:
        text = stripped[:1].upper() + stripped[1:]
    for pattern in (_ATTRIBUTION, _ASIDE):
        candidate = pattern.sub("", text)
        removed = _removed_words(text, candidate)
        if not _HEDGE.search(removed):
            text = candidate
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    if text and text[-1] not in '.!?"”’)':
        text += "."
    return balanced_quotes(text)


#: A quotation mark, straight or curly.
QUOTE_MARK = re.compile(r"[\"“”]")


def balanced_quotes(text: str) -> str:
    """A sentence cut from a quotation that runs over several sentences, with its own quotation
    marks, as an excerpt is quoted: the tail (That is to degrade and destroy,” he said.) opens with
    “, the head (“We mourn each and every innocent life that is lost.) closes with ”, in the
    article's own style of mark (straight or curly). Only marks are added, never words."""
    marks = list(QUOTE_MARK.finditer(text))
    if len(marks) % 2 == 0:
        return text
    first = marks[0].start()
    mark = text[first]
    opens = mark == "“" or (mark == '"' and (first == 0 or text[first - 1].isspace() or text[first - 1] in "([—–-"))
    if opens:
        return text + ('"' if mark == '"' else "”")
    return ('"' if mark == '"' else "“") + text


def _removed_words(before: str, after: str) -> str:
    """The words `after` lost relative to `before` (both are ordered subsets of one text)."""
    rest = after.split()
    out = []
    k = 0
    for word in before.split():
        if k < len(rest) and rest[k] == word:
            k += 1
        else:
            out.append(word)
    return " ".join(out)
