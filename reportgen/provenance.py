"""Telling a Brief's own lines from hand-edited ones, and impossible references from real ones.

People edit brief.json (the README invites it), and the documents then say "every line is a
sentence of the article". So the summariser's pipeline records, in the Brief, the article's
paragraph count and a digest of the source sentence(s) of every line (`Provenance`), and
`render` checks each line against it, without the article:
- a line is the article's when its quote still has the digest recorded for its references and
  every word of its text stands, in order, in that quote (what trimming keeps: README, Inputs);
- any other line was edited: it is rendered, marked "(edited)", and the pack's method note gives
  way to its `method_edited` wording, which does not claim the article's words;
- a reference past the article's last paragraph cannot be checked by any reader and is refused.
Digests rather than sentences keep brief.json small and free of text that is not shown.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import replace

from reportgen.errors import BriefFormatError
from reportgen.model import Brief, Bullet, Provenance, Ref

#: Appended to an edited line wherever the documents and the email show it.
EDITED_MARK = " (edited)"
_WORD = re.compile(r"\w+")


def digest(text: str) -> str:
    """A short digest of a sentence, blind to Unicode normalisation and white space."""
    canonical = " ".join(unicodedata.normalize("NFC", text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]


def ref_key(refs: tuple[Ref, ...]) -> str:
    return ",".join(f"{r.paragraph}.{r.sentence}" for r in refs)


def _lines(brief: Brief) -> list[Bullet]:
    return [*brief.key_points, *(b for s in brief.sections for b in s.bullets), *brief.assessment]


def record(brief: Brief, paragraphs: int) -> Brief:
    """The Brief with its Provenance: made right after summarising, while every line is the article's."""
    quotes = {ref_key(b.refs): digest(b.quote or b.text) for b in _lines(brief) if b.refs}
    return replace(brief, provenance=Provenance(paragraphs=paragraphs, quotes=quotes))


def check_references(brief: Brief) -> None:
    """Refuse a reference to a paragraph the article does not have (shown 1-based, as documents do)."""
    if brief.provenance is None:
        return
    count = brief.provenance.paragraphs
    cited = [
        *(r for b in _lines(brief) for r in b.refs),
        *(r for f in brief.facts for r in f.refs),
        *(r for e in brief.timeline for r in e.refs),
        *(r for a in brief.actors for r in a.refs),
    ]
    for ref in cited:
        if not 0 <= ref.paragraph < count:
            raise BriefFormatError(
                f"a line cites paragraph {ref.paragraph + 1} (¶{ref.paragraph + 1}), "
                f"but the article has {count} paragraph{'s' if count != 1 else ''}",
                hint='fix its "paragraph" (counted from 0 in the JSON) or summarise the article again',
            )
    for section in brief.sections:
        if any(not 0 <= p < count for p in section.paragraphs):
            raise BriefFormatError(
                f"section '{section.key}' lists a paragraph beyond the article's {count}",
                hint="fix its paragraphs list (counted from 0) or summarise the article again",
            )


def is_edited(line: Bullet, provenance: Provenance) -> bool:
    """Whether `line` is no longer the article's: another quote, or words its quote lacks."""
    quote = line.quote or line.text
    if provenance.quotes.get(ref_key(line.refs)) != digest(quote):
        return True
    return not _in_order(_WORD.findall(line.text.casefold()), _WORD.findall(quote.casefold()))


def _in_order(words: list[str], within: list[str]) -> bool:
    remaining = iter(within)
    return all(word in remaining for word in words)


def mark_edited(brief: Brief) -> tuple[Brief, int]:
    """The Brief with every edited line marked, and how many there were (0 without provenance)."""
    provenance = brief.provenance
    if provenance is None:
        return brief, 0
    count = 0

    def mark(lines: tuple[Bullet, ...]) -> tuple[Bullet, ...]:
        nonlocal count
        marked = []
        for line in lines:
            edited = is_edited(line, provenance)
            count += edited
            marked.append(replace(line, text=line.text + EDITED_MARK) if edited else line)
        return tuple(marked)

    sections = tuple(replace(s, bullets=mark(s.bullets)) for s in brief.sections)
    marked = replace(brief, key_points=mark(brief.key_points), sections=sections, assessment=mark(brief.assessment))
    return marked, count
