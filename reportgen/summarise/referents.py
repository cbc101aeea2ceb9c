"""Who a line's opening pronoun stands for, where the article makes it plain.

A bullet is one sentence of the article, so a bullet that opens "He said he did not expect…" has
lost the sentence before it that named him. This stage finds that name, so the documents can show
"He [Ajmi Lourimi] said…", the editor's square brackets marking words that are not the article's.
The bullet's own text is never changed.

A wrong name is worse than none, so the rule names someone only when the article leaves no doubt:

- the line opens with "He", "She", "His" or "Her", outside a quotation (a pronoun inside a quote
  points at whoever the quoted speaker means);
- the nearest earlier sentence that names a person, in the same paragraph or the one before and at
  most LOOKBACK sentences back, names exactly one, not as an owner ("Barak's posture" is not the
  subject of what follows), as the sentence's subject (only names and titles before it) or as its
  speaker ("…, Lourimi said", "said Coal Minister Sri Prakash Jaiswal");
- no sentence in between names someone the people finder does not know as its subject or speaker
  ("Peña is from Virginia"), or an owner ("…after Mitchell's resignation");
- that person is not named in the line itself ("Her outreach…, said White" is about someone else),
  and the article does not say the opposite gender for them (its "he"/"she" in sentences naming
  only them, "Mr"/"Ms" before their surname, "spokeswoman"); "She" needs the article's own word,
  "He" only its silence, since most people the news does not gender are men.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reportgen.model import REFERRING_PRONOUNS
from reportgen.summarise.compress import QUOTE_MARK
from reportgen.summarise.entities import SAYING_VERBS, Person, title_words
from reportgen.summarise.sentences import Sentence

LOOKBACK = 3  # sentences back from the line, within its paragraph and the one before
_OPENING = re.compile(rf"({'|'.join(REFERRING_PRONOUNS)})\b")
_GENDER = {"He": "he", "His": "he", "She": "she", "Her": "she"}  # each of REFERRING_PRONOUNS
_HE = re.compile(r"\b(?:he|him|his|himself)\b", re.I)
_SHE = re.compile(r"\b(?:she|her|hers|herself)\b", re.I)
_MAN = re.compile(r"(?<!wo)man\b", re.I)
_WOMAN = re.compile(r"woman\b", re.I)
_MR = re.compile(r"\bMr\.?\s+$")
_MS = re.compile(r"\b(?:Ms|Mrs|Miss)\.?\s+$")
_POSSESSIVE = re.compile(r"^[’']s?\b")
# "…, Lourimi said" / "Lourimi, a senior official, said": the name is the speaker.
_SPEAKER_AFTER = re.compile(
    rf"^(?:,[^,]{{1,90}},|,)?\s+(?:{'|'.join((*SAYING_VERBS, 'stressed', 'explained', 'insisted', 'warned'))})\b"
)
# "…, said Coal Minister Sri Prakash Jaiswal" / "according to Keidar": the speaker is named after the verb.
_SPEAKER_BEFORE = re.compile(r"\b(?:said|says|told|added|according to)\s+(?:[\w.’'-]+\s+){0,5}$")
# A name the people finder does not know, as a sentence's subject or speaker ("Peña is from Virginia",
# "Police said Albert, a 16-year-old…"): the line's pronoun may be theirs.
_UNKNOWN_SUBJECT = re.compile(
    r"^(?:(?:[A-Z][a-z][\w.’'-]*\s+){1,2}[A-Z][a-z][\w’'-]*,"  # "Gurbaksh Singh Khalsa, 48, began…"
    r"|(?:[A-Z][\w.’'-]+\s+){0,2}[A-Z][\w’'-]+\s+(?:is|was|has|had|said|says|told|added|did|does|will|would)\b)"
)
_UNKNOWN_SPEAKER = re.compile(r"(?:\b(?:said|says|told|according to)\s+[A-Z][\w’'-]+|[A-Z][\w’'-]+\s+(?:said|says)\b)")
# "…five months after Mitchell's resignation": an owner named between the line and its antecedent.
_OWNER = re.compile(r"(?<![\w-])[A-Z][\w-]+[’']s\b")
# Words that may stand before a subject's name besides names and titles: "Also, U.N. Secretary-General Ban".
_LEAD_WORDS = frozenset({"the", "also", "but", "and", "then", "now", "former", "then-", "meanwhile", "however"})


def opening_referents(sentences: Sequence[Sentence], lines: Iterable[int], people: Sequence[Person]) -> dict[int, str]:
    """For each line (an index into `sentences`) whose opening pronoun the article resolves, the
    person's name, possessive for "His"/"Her" ("Benjamin Netanyahu’s")."""
    openings = {i: m.group(1) for i in lines if (m := _OPENING.match(sentences[i].text))}
    if not openings:
        return {}  # most briefs: nothing to look for
    mention = _mention_pattern(people)
    if mention is None:
        return {}
    gender = _genders(sentences, people, mention)
    found = {}
    for i, pronoun in openings.items():
        if _in_quotation(sentences, i):
            continue
        name = _antecedent(sentences, i, mention)
        if not name or name.split()[-1] in sentences[i].text:
            continue
        # An ungendered person may be "he" (most people in the news are men); "she" needs the article's word.
        if gender.get(name, "he" if _GENDER[pronoun] == "she" else None) not in (None, _GENDER[pronoun]):
            continue
        found[i] = name + "’s" if pronoun in ("His", "Her") else name
    return found


def _mention_pattern(people: Sequence[Person]) -> tuple[re.Pattern[str], dict[str, str]] | None:
    """One pattern over every person's full name and unshared surname, and the name each form stands for."""
    surnames: dict[str, list[str]] = {}
    for person in people:
        surnames.setdefault(person.name.split()[-1], []).append(person.name)
    forms = {p.name: p.name for p in people if p.name}
    forms.update({last: names[0] for last, names in surnames.items() if len(names) == 1 and len(last) > 2})
    if not forms:
        return None
    alternatives = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), forms


def _antecedent(sentences: Sequence[Sentence], i: int, mention: tuple[re.Pattern[str], dict[str, str]]) -> str:
    """The one person the nearest earlier sentence naming anyone names as subject or speaker, or ""."""
    pattern, forms = mention
    line = sentences[i]
    for j in range(i - 1, max(-1, i - 1 - LOOKBACK), -1):
        earlier = sentences[j]
        if earlier.paragraph < line.paragraph - 1:
            break
        text = earlier.text
        named = [m for m in pattern.finditer(text) if not _POSSESSIVE.match(text[m.end() :])]
        if not named:
            if _UNKNOWN_SPEAKER.search(text) or _UNKNOWN_SUBJECT.match(text) or _OWNER.search(text):
                return ""  # someone the people finder does not know, or an owner, may be the one meant
            continue
        people = {forms[m.group(0)] for m in named}
        if len(people) != 1 or not all(_subject_or_speaker(text, m.start(), m.end()) for m in named):
            return ""
        subject = _OPENING.match(text) or _UNKNOWN_SUBJECT.match(text)
        if subject and subject.end() <= named[0].start():
            return ""  # "He was placed on leave…, Woodling said": the sentence is about someone else
        return people.pop()
    return ""


def _subject_or_speaker(text: str, start: int, end: int) -> bool:
    if _SPEAKER_AFTER.match(text[end:]) or _SPEAKER_BEFORE.search(text[:start]):
        return True
    before = re.split(r"\s(?:--|—|–)\s", text[:start])[-1]  # after a dateline ("SAVANNAH, Georgia (CNN) --")
    words = re.findall(r"[\w.’'-]+", before)
    titles = title_words()
    return all(w[:1].isupper() or w in titles or w.lower() in _LEAD_WORDS for w in words)


def _in_quotation(sentences: Sequence[Sentence], i: int) -> bool:
    """Whether the line opens or closes inside a quote: an odd number of quotation marks in it, or
    in its paragraph before it (a quote that runs over several sentences)."""
    line = sentences[i]
    before = [s.text for s in sentences[max(0, i - line.index) : i] if s.paragraph == line.paragraph]
    return len(QUOTE_MARK.findall(line.text)) % 2 == 1 or len(QUOTE_MARK.findall(" ".join(before))) % 2 == 1


def _genders(
    sentences: Sequence[Sentence], people: Sequence[Person], mention: tuple[re.Pattern[str], dict[str, str]]
) -> dict[str, str]:
    """ "he" or "she" for the people the article genders plainly: "Mr"/"Ms" before their name, a
    role such as "spokeswoman", or at least twice as many of one set of pronouns as the other in
    sentences naming only them."""
    pattern, forms = mention
    counts = {p.name: [0, 0] for p in people}
    for person in people:  # "spokeswoman", "chairman"
        counts[person.name][0] += 2 * len(_MAN.findall(person.role))
        counts[person.name][1] += 2 * len(_WOMAN.findall(person.role))
    for sentence in sentences:
        text = sentence.text
        hits = list(pattern.finditer(text))
        named = {forms[m.group(0)] for m in hits}
        for m in hits:
            if _MR.search(text[: m.start()]):
                counts[forms[m.group(0)]][0] += 2
            elif _MS.search(text[: m.start()]):
                counts[forms[m.group(0)]][1] += 2
        if len(named) == 1:
            tally = counts[next(iter(named))]
            tally[0] += len(_HE.findall(text))
            tally[1] += len(_SHE.findall(text))
    genders = {}
    for name, (he, she) in counts.items():
        if he >= max(1, 2 * she):
            genders[name] = "he"
        elif she >= max(1, 2 * he):
            genders[name] = "she"
    return genders
