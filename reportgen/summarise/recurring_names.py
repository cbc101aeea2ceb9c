"""Organisations and groups the article names by a bare proper name ("Yahoo", "Verizon", "Ennahda",
"Islamic State"): no title, no acronym in brackets, no "Institute"-style head word to find them by.

A run of capitalised words is a candidate when the article names it at least twice, at least once
inside a sentence (a word that only ever opens sentences is no name), and at least once where an
actor stands: before a possessive or a verb ("Yahoo’s stakes", "Ennahda stepped down") or after a
preposition of dealing ("sale to Verizon", "partnered with Zeiss"). Words the article also writes
in lower case ("Continue reading"), months and weekdays, known states and their adjectives, titles,
and the words of people's names are not names of organisations; nor are events ("Arab Spring"),
places (the head of "Al-Hasakah Governorate", "the Al-Hasakah offensive"), the name before
"administration" (a person's) or a name after a possessive ("Apple’s Vision Pro": a thing owned). The order is by
how many sentences name it, then by where it is first named, so the most talked-about come first.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from functools import lru_cache

from reportgen import shipped
from reportgen.summarise.entities import THING_NOUNS, Organisation, is_group, title_words
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.states import known_actors

#: A run of capitalised words, "al-" particles and a "Co."/"Inc." suffix inside ("Ansar al-Sharia",
#: "Remain Co.", "Yahoo Japan"), a possessive "’s" after it kept apart.
_RUN = re.compile(
    r"(?<![\w’'-])((?:[A-Z][\w&-]*(?:\.(?=\s|$))?)(?:\s+(?:al-[A-Z][\w-]*|[A-Z][\w&-]*(?:\.(?=\s|$))?))*)(?P<poss>[’']s\b)?"
)
#: What may follow an actor's name: a verb of the article's own telling (auxiliaries, reporting
#: verbs, a past tense) or "which/that/who".
_VERB_AFTER = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|"
    r"said|says|announced|agreed|plans|wants|owns|shipped|came|made|took|chose|also|which|who|that|"
    r"[a-z]{3,}ed)\b"
)
#: Prepositions after which a name is what something is done to or with, not where it happens.
_DEALING_BEFORE = re.compile(r"\b(?:to|with|by|against|between)\s+(?:the\s+)?$")
#: Prepositions after which a name is where something happens ("fighting in Raqqa").
_PLACE_BEFORE = re.compile(
    r"\b(?:in|at|near|into|inside|outside|around|across|from|towards?|(?:north|south|east|west|km|miles|city|town|village)\s+of)"
    r"\s+(?:the\s+)?$"
)
#: Nouns after a name, or ending it, that make it a place ("Raqqa city", "Raqqa Province").
_PLACE_NOUNS = r"(?:city|town|village|province|governorate|district|region|canton|countryside|front|road|highway|area)"
#: Nouns after a name that make it where something happened ("the Al-Hasakah offensive").
_EVENT_NOUNS = r"(?:offensive|battle|siege|massacre|attack|campaign|clashes)"
_PLACE_AFTER = re.compile(rf"(?:-based|\s+(?:{_PLACE_NOUNS}|{_EVENT_NOUNS})\b)")
_PLACE_NAME = re.compile(rf"\s(?i:{_PLACE_NOUNS})$")
#: Head words that make a name an event ("Arab Spring", "Gulf War", "Jasmine Revolution").
_EVENT_HEADS = {"Spring", "War", "Wars", "Revolution", "Crisis", "Uprising", "Summit", "Games", "Olympics", "Cup"}
#: "the Obama administration": the name before it is a person's, whose government it names.
_PERSON_AFTER = re.compile(r"\s+administration\b")
#: A possessive before a name makes it something owned ("Apple’s Vision Pro", "my Vision Pro demo").
#: A state's possessive is no owner: "Israel’s Likud", "Tunisia’s Ennahda" are the state's bodies.
_OWNED_BEFORE = re.compile(r"(?:(?<![\w-])(?P<owner>[A-Z][\w-]*)[’']s|\b(?:my|your|his|her|its|our|their))\s+$")
#: A word before a name that makes it the name of a thing ("Operation Azm-i-Istehkam").
_THING_BEFORE = re.compile(rf"(?i:\b(?:op\.?|{'|'.join(sorted(THING_NOUNS))}))\s+$")
#: Single words that name a people or a creed ("Kurdish", "Islamists", "Japanese"), not a body.
_THING_WORDS = {"op", "operation", *THING_NOUNS}
_PEOPLE_WORD = re.compile(r"(?:ish|ese|ists?|ians)$")
_CALENDAR = {*calendar.month_name[1:], *calendar.day_name}
_NAME_ARTICLES = {"Los", "Las", "El", "La", "Le", "Les", "Der", "Die", "Das"}
#: Words that open a name run without being a forename ("Senior Hamas official", "First Congress").
_NOT_FORENAMES = {
    *("Senior", "Former", "First", "Top", "Chief", "Deputy", "Acting", "New", "Old"),
    *("Though", "Although", "Neither", "Nor", "Yet", "Still", "Even"),
    *("Senate", "House", "Parliament", "Congress"),  # "Senate Democrats", "House Republicans"
}
_OPENING_WORDS = re.compile(r"^[“\"‘'(\[]*$")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    text = shipped.read_text("data", "stopwords.txt")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def find_recurring_organisations(sentences: list[Sentence], taken_words: set[str]) -> list[Organisation]:
    """Organisations and groups named by a recurring bare proper name; `taken_words` are the
    words of names already in the table (people, organisations), which these never repeat."""
    text = " ".join(s.text for s in sentences)
    lower = set(re.findall(r"(?<![\w-])[a-z][a-z’'-]+", text))
    refs: dict[str, list[tuple[int, int]]] = {}
    inside: set[str] = set()
    place: Counter[str] = Counter()
    acting: Counter[str] = Counter()
    shown: dict[str, str] = {}
    could_name: dict[str, bool] = {}  # name -> _could_name's answer, asked once per name, not per mention
    surnames: set[str] = set()
    after_the = set(re.findall(r"\b[Tt]he\s+([A-Z][\w&-]*)", text))  # "the Senate": a body, not a surname
    for s in sentences:
        for m in _RUN.finditer(s.text):
            words = m.group(1).split()
            before = s.text[max(0, m.start() - 40) : m.start()]  # the cues are short: no rescan of the sentence
            opening = _OPENING_WORDS.match(s.text, 0, m.start()) is not None  # the text before it, uncopied
            if opening and words[0].lower() in _stopwords():
                words, opening = words[1:], False  # "The Yahoo sale": the name is what follows
            if 2 <= len(words) <= 3 and all(_could_be_forename(w, lower) for w in words[:-1]):
                surnames.add(words[-1])  # "Mohamed ElBaradei": a later bare "ElBaradei" is him
            if len(words) > 1 and words[0].lower().rstrip(".") in _THING_WORDS:
                place[" ".join(words[1:]).rstrip(".")] += 2  # "Op Azm-i-Istehkam" names an operation
                continue
            name = " ".join(words).rstrip(".")
            if len(words) > 1 and _PLACE_NAME.search(name):
                place[" ".join(words[:-1])] += 2  # "the Al-Hasakah Governorate": "Al-Hasakah" is a place
            if name not in could_name:
                could_name[name] = _could_name(name.split(), lower, taken_words)
            if not could_name[name]:
                continue
            if name not in shown or (len(words) > 1 and len(words[-1]) <= 4 and words[-1].endswith(".")):
                shown[name] = " ".join(words) if len(words[-1]) <= 4 else name  # "Remain Co." keeps its stop
            places = refs.setdefault(name, [])
            if (s.paragraph, s.index) not in places:
                places.append((s.paragraph, s.index))
            inside.update([name] if not opening else [])
            after = s.text[m.end() :]
            owned = _OWNED_BEFORE.search(before)
            if owned and owned.group("owner") in known_actors().forms:
                owned = None  # "Israel’s Likud": a state's body, not its product
            if _PERSON_AFTER.match(after) or owned:
                place[name] += 2  # "the Obama administration", "Apple’s Vision Pro": a person, a thing owned
            elif _PLACE_BEFORE.search(before) or _THING_BEFORE.search(before) or _PLACE_AFTER.match(after):
                place[name] += 1  # "in Raqqa", "Raqqa city", "Operation Azm-i-Istehkam": a place or a thing
            elif m.group("poss") or _VERB_AFTER.match(after) or _DEALING_BEFORE.search(before):
                acting[name] += 1
    found = [
        Organisation(name=shown[name], kind="group" if is_group(name) else "organisation", refs=sorted(places))
        for name, places in refs.items()
        if len(places) >= 2
        and name in inside
        and acting[name] > place[name]
        and (name not in surnames or name in after_the)
    ]
    return sorted(found, key=lambda o: (-len(o.refs), o.refs[0]))


def _could_be_forename(word: str, lower: set[str]) -> bool:
    """Whether a capitalised word before another could be a forename: not a word the article also
    writes in lower case ("Senior Hamas official", "Senate Democrats"), a title ("President"), a
    state or its adjective ("Israeli"), a month or weekday, an operation's word or an article of
    another language ("Los Zetas")."""
    actors = known_actors()
    return (
        word.isalpha()
        and not word.isupper()
        and word.lower() not in lower
        and word not in _NAME_ARTICLES
        and word not in _NOT_FORENAMES
        and word not in title_words()
        and word not in actors.forms
        and word not in actors.adjectives.values()
        and word not in _CALENDAR
        and word.lower() not in _THING_WORDS
        and word.lower() not in _stopwords()
    )


def _could_name(words: list[str], lower: set[str], taken_words: set[str]) -> bool:
    """Whether capitalised `words` could be an organisation's name: not a word the article writes
    in lower case, a month, weekday, state, adjective, title or part of a name already taken."""
    if not words or len(words) > 5:
        return False
    forms = known_actors().forms
    name = " ".join(words)
    if name in forms or (len(words) == 1 and (words[0].lower() in lower or words[0].isupper())):
        return False
    if (len(words) == 1 and _PEOPLE_WORD.search(words[0])) or _PLACE_NAME.search(name):
        return False  # a state, a common word capitalised, or an acronym (find_organisations' job)
    if all(w in forms or w.lower().rstrip(".") in lower for w in words):
        return False  # "Continue Reading", "Western Europe"
    if len(words) > 1 and words[-1] in _EVENT_HEADS:
        return False  # "Arab Spring", "Gulf War": an event, not a body
    if words[0] in title_words() or all(w in title_words() for w in words):
        return False  # "Secretary Clinton", "Prime Minister": a title, not a body ("Islamic State" is one)
    return not any(w in _CALENDAR or w in taken_words for w in words)
