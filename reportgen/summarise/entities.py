"""People and organisations named in an article, with their roles, duplicates merged.

People are found by the titles that precede names ("Prime Minister Shehbaz Sharif", "General Asim
Munir") and by appositions ("Liu Jianchao, Minister of the International Department…");
organisations by the "Long Name (ACRONYM)" pattern authors use on first mention and by acronyms
they repeat. Later short forms ("General Munir", "Mr. Reeves") merge into the full name.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from reportgen import shipped
from reportgen.summarise.clauses import OPENING_SUBORDINATORS
from reportgen.summarise.patterns import union
from reportgen.summarise.sentences import Sentence
from reportgen.summarise.states import known_actors
from reportgen.summarise.terms import stopwords

# A capitalised word of a name, letters beyond ASCII included ("Erdoğan"), and one inner capital
# ("McConnell", "DeSantis"); or initials ("H.", "H.W.").
_LOWER = "a-z\u00ad\u00df-\u00f6\u00f8-\u00ff\u0100-\u017f’'\\-"  # soft hyphens: "Vladi\u00admir"
_NAME_WORD = rf"(?:[A-Z\u00c0-\u00de][{_LOWER}]+(?:[A-Z][{_LOWER}]+)?|[A-Z]\.(?:[A-Z]\.)*)"
#: Lower-case words that name what a person is ("executive vice president", "a senior fellow").
_ROLE_NOUNS = (
    "(?:vice president|president|prime minister|minister|leader|chief executive|chairman|chairwoman|director|"
    "secretary|spokesman|spokeswoman|head|chief|fellow|professor|analyst|member|official|senator|economist|"
    "researcher|expert|adviser|advisor|commander|founder|governor|ambassador)"
)
#: Every apposition names its role by one of these words, capitalised or not: a sentence without
#: any of them in its lower-cased text is not searched for one.
_ROLE_WORDS = tuple(_ROLE_NOUNS.removeprefix("(?:").removesuffix(")").split("|"))
_ROLE_ADJECTIVES = "(?:senior|former|executive|deputy|acting|top|chief|press|foreign|general)"
_ORG = re.compile(
    r"((?:(?:[A-Z][\w’'\-]*|of|the|for|and|on|de|al)\s+){1,9}?[A-Z][\w’'\-]*)\s+\(([A-Z][A-Za-z&\-]{1,9})\)"
)
_ACRONYM = re.compile(r"(?<![\w-])([A-Z]{2,6}s?)(?![\w-])")
#: Lower-case words that may qualify a role noun ("country director", "regional commander"), not
#: the words of a clause ("who is the director").
_ROLE_MODIFIER = r"(?!(?:who|which|that|is|was|has|had|and|but|said|says|of|in|on|at|for)\b)[a-z][a-z-]+"
_APPOSITION = re.compile(
    rf"((?:{_NAME_WORD}\s+){{1,2}}{_NAME_WORD}),\s+(?:the\s+|a\s+|an\s+)?"
    rf"((?:(?:[A-Z][\w-]+|{_ROLE_ADJECTIVES})\s+)*(?:{_ROLE_MODIFIER}\s+){{0,2}}"
    rf"(?:Minister|President|Chairman|Director|Secretary|Ambassador|Spokesman|{_ROLE_NOUNS})\b[^,.;]*)"
)
#: "Sudan’s president, Omar Hassan al-Bashir,", "The leader of Ennahda, Rachid Ghannouchi,": the
#: role before the name, its owner (before "’s") or its "of …" the affiliation.
_ROLE_FIRST = re.compile(
    rf"(?:(?P<owner>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)[’']s\s+|\b[Tt]he\s+)"
    rf"(?P<role>(?:{_ROLE_ADJECTIVES}\s+)*{_ROLE_NOUNS}(?:\s+of\s+(?P<of>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){{0,3}}))?),\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|bin|al-[A-Z][{_LOWER}]+)){{1,3}}),"
)
_GROUP_WORDS = {
    "taliban",
    "militants",
    "militia",
    "front",
    "brigade",
    "brigades",
    "army",
    "jihad",
    "mujahideen",
    "rebels",
    "movement",
    "tehreek",
    "tehrik",
    "lashkar",
    "jaish",
    "shabaab",
    "isil",
    "isis",
    "islamic",
}
#: Nouns that make the name beside them the name of a thing, not an actor ("… Plan", "Operation …").
THING_NOUNS = {
    "plan",
    "corridor",
    "project",
    "projects",
    "operation",
    "operations",
    "programme",
    "program",
    "act",
    "agreement",
    "initiative",
    "treaty",
    "report",
    "strategy",
    "policy",
    "doctrine",
    "index",
    "rate",
}
_COURTESY = {"Mr.", "Mrs.", "Ms.", "Dr.", "Dr", "Prof."}
_NOT_NAMES = {
    "Assembly",
    "Council",
    "Staff",
    "Court",
    "Committee",
    "Office",
    "Department",
    "Headquarters",
    "Motors",
    "Electric",
    "Secretary",
    "Affairs",
}
_NOT_ORG_ACRONYMS = {
    "US",
    "UK",
    "UN",
    "EU",
    "AM",
    "PM",
    "TV",
    "OK",
    "CT",
    "GDP",
    "CEO",
    "MNA",
    "MP",
    "COAS",
    "II",
    "III",
}


#: A person named without a title: two to four name words, "bin" and "al-" particles inside.
_FULL_NAME = re.compile(
    rf"(?<![\w-])({_NAME_WORD}(?:\s+(?:{_NAME_WORD}|bin|al-[A-Z][{_LOWER}]+)){{0,2}}\s+(?:{_NAME_WORD}|al-[A-Z][{_LOWER}]+))"
    rf"(?![\w-])"
)
#: The words an organisation's name ends in ("Brookings Institution", "State Department"), with
#: an optional "on/of/for …" tail ("Council on Foreign Relations").
_ORG_HEADS = (
    "Institution|Institute|University|Court|Department|Council|Committee|Agency|Ministry|Bank|Fund|"
    "Party|Corporation|Association|Foundation|Center|Centre|Commission|Service|Organization|Organisation"
)
_NAMED_ORG = re.compile(
    rf"(?<![\w-])((?:[A-Z][\w’'-]+\s+){{0,5}}(?:{_ORG_HEADS})(?:\s+(?:on|of|for)\s+(?:the\s+)?[A-Z][\w’'-]+(?:\s+(?:and\s+)?[A-Z][\w’'-]+){{0,3}})?)"
)
#: Every such name ends in one of these words: a sentence without any is not searched for one.
_ORG_HEAD_WORDS = tuple(_ORG_HEADS.split("|"))
#: Words that open a sentence before a name and are no part of it: "When Alexis Tsipras charged…",
#: "Instead Tsipras…", and CNN's video links ("Watch Warfield describe…").
_OPENING_ADVERBS = ("instead", "now", "also", "then", "meanwhile", "so", "yet", "watch")
_LEADING_WORDS = {"The", "A", "An", "In", "On", "At", "But", "And", "For", "By", "From", "With", "Its", "His", "Her"}
_LEADING_WORDS |= {w.capitalize() for w in (*OPENING_SUBORDINATORS, *_OPENING_ADVERBS)}
#: Where the article treats a name as a person: a courtesy title, a verb of saying, "according to".
#: Found once per article, then looked up: the surname after a courtesy title or before a verb of
#: saying, or the words after "said" or "according to".
#: Each pattern starts with its literal cue, so a scan skips ahead rather than trying every word.
_COURTESY_CUE = re.compile(r"(?:Mr|Ms|Mrs|Dr)\.\s+([\w’'-]+)")
#: Verbs that make the name beside them a speaker ("Lourimi said", "said Eric Reeves").
SAYING_VERBS = ("said", "says", "told", "wrote", "added", "argued", "noted")
_SAYING_CUE = re.compile(rf"\b(?:{'|'.join(SAYING_VERBS)})\b")
_SPEAKER_BEFORE = re.compile(r"([\w’'-]+),?\s+(?:who\s+)?$")
_SAID_CUE = re.compile(r"\b(?:said|according to)\s+((?:[A-Z][\w.’'-]*\s?){2,4})")


@dataclass
class Person:
    name: str
    role: str = ""
    affiliation: str = ""
    refs: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Organisation:
    name: str
    acronym: str = ""
    kind: str = "organisation"
    refs: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _titles() -> tuple[str, ...]:
    text = shipped.read_text("data", "titles.txt")
    titles = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(sorted(titles, key=len, reverse=True))


@lru_cache(maxsize=1)
def _titles_union() -> str:
    return union(_titles())


@lru_cache(maxsize=1)
def _titled_name() -> re.Pattern[str]:
    """One to three titles, a party's acronym between two of them ("Opposition leader PTI MNA"),
    an optional "(PML-N)"-style party tag, then a name of up to four words."""
    return re.compile(
        rf"(?P<title>(?:{_titles_union()}\s+(?:[A-Z]{{2,6}}\s+(?=(?:{_titles_union()})\s))?){{1,3}})(?:\([A-Z]+\)\s+)?"
        rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
    )


@lru_cache(maxsize=1)
def _adjectives() -> tuple[str, ...]:
    return tuple(sorted(set(known_actors().adjectives.values()), key=len, reverse=True))


def titled_names(text: str) -> Iterator[tuple[str, str, str]]:
    """(adjective, titles, name) of each "Chinese President Xi Jinping" in `text`.

    The adjective is read off the text just before the titles, longest first, and never from
    inside the previous match: the same results as one pattern with an optional adjective
    alternation in front, without compiling two hundred adjectives into it at every start-up
    or trying that alternation at every position of every sentence.
    """
    end = 0
    for match in _titled_name().finditer(text):
        before = text[end : match.start()]
        stem = before.rstrip()
        adjective = ""
        if len(stem) < len(before):  # the titles follow white space
            adjective = next((a for a in _adjectives() if stem.endswith(a)), "")
        yield adjective, match.group("title"), match.group("name")
        end = match.end()


@lru_cache(maxsize=1)
def _title_set() -> frozenset[str]:
    """The titles, to ask whether a word is one without scanning the list."""
    return frozenset(_titles())


def is_title(text: str) -> bool:
    """Whether `text` is one of the titles whole ("Secretary of State"): its "of State" is part of
    the office, not a body the holder belongs to."""
    return text in _title_set()


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """Every word of every title ("Prime", "Minister", "General"): no word of an organisation's name."""
    return frozenset(w for t in _titles() for w in t.split())


def is_group(name: str) -> bool:
    """Whether an organisation's name says it is an armed or political group ("… Taliban …")."""
    return bool({w.lower().strip("’'") for w in re.split(r"[\s-]+", name)} & _GROUP_WORDS)


def _clean_name(name: str) -> str:
    """The name without a possessive, titles, a sentence's opening word ("In", "The"), the words
    of a title it opens with ("Prime Minister John Smith" is "John Smith", not "Prime John Smith")
    or a dangling "of"."""
    name = re.sub(r"[’']s$", "", name.replace("\u00ad", ""))
    words = [w for w in name.split() if w not in _title_set()]
    while words and (words[0] in _LEADING_WORDS or (words[0] in title_words() and len(words) > 1)):
        words = words[1:]
    while words and words[-1].lower() in {"of", "the", "and"}:
        words.pop()
    return " ".join(words)


def find_people(sentences: list[Sentence]) -> list[Person]:
    """People named with a title or an apposition, and people named without either whom the
    article treats as people ("Mr. Reeves", "…, said Eric Reeves")."""
    people: list[Person] = []
    named_thing = re.compile(rf"(?i:\b(?:{'|'.join(sorted(THING_NOUNS))}))\s+$")
    for s in sentences:
        for adjective, title, found in titled_names(s.text):
            name = _clean_name(found)
            if not name or name in known_actors().forms:
                continue
            before = s.text[: s.text.find(title + found)]
            if named_thing.search(before):
                continue  # "Operation Commander Rûbar Qamishlo" names an operation, not a commander
            affiliation = next((n for n, a in known_actors().adjectives.items() if a == adjective), "")
            if not affiliation and title[:1].islower():
                affiliation = _body_before(before)  # "White House press secretary Josh Earnest"
            people.append(
                Person(
                    name=name,
                    role=" ".join(w for w in title.split() if w in title_words()),  # no "PTI" in it
                    affiliation=affiliation,
                    refs=[(s.paragraph, s.index)],
                )
            )
        for m in _APPOSITION.finditer(s.text) if _may_hold_apposition(s.text) else ():
            name = _clean_name(m.group(1))
            said = _SAID_IN_ROLE.search(m.group(2))
            if said and re.match(r",\s+an?\s", m.group(0)[len(m.group(1)) :]):
                continue  # "…European Neighbourhood Policy, an EU spokesman said": the speaker is unnamed
            if _NAME_AFTER_ROLE.search(m.group(2)):
                continue  # "Also Friday, State Department spokeswoman Victoria Nuland said": she is the person
            if name and name not in known_actors().forms and len(name.split()) >= 2:
                role = m.group(2)[: said.start()].rstrip() if said else m.group(2)  # "…, campaign spokesman said…"
                role = re.split(r"\s+and\s+(?:a|an|the)\s+", role)[0]  # "…, and a former envoy"
                people.append(Person(name=name, role=" ".join(role.split()[:12]), refs=[(s.paragraph, s.index)]))
        for m in _ROLE_FIRST.finditer(s.text) if "," in s.text else ():
            name = _clean_name(m.group("name"))
            owner = known_actors().forms.get(m.group("owner") or "", m.group("owner") or "")
            role = m.group("role") if not m.group("of") else m.group("role").split(" of ")[0]
            affiliation = m.group("of") or owner
            people.append(Person(name=name, role=role, affiliation=affiliation, refs=[(s.paragraph, s.index)]))
    people += _untitled_people(sentences)
    return merge_people(people)


#: A capitalised name right before a lower-case role: the body the person speaks or works for.
_BODY_BEFORE = re.compile(r"((?:[A-Z][\w’'.-]*\s+){1,4})$")


def _body_before(before: str) -> str:
    """ "White House" in "… White House press secretary Josh Earnest": the capitalised words just
    before a lower-case role, minus a sentence's opening word ("The"). One word that names a state
    ("U.S. envoy") gives the state; a longer name is a body and stays as written ("White House")."""
    match = _BODY_BEFORE.search(before)
    if not match:
        return ""
    words = match.group(1).split()
    while words and (words[0] in _LEADING_WORDS or words[0].lower() in stopwords()):
        words = words[1:]  # "When White House press secretary…": "When" opens the sentence
    name = " ".join(words)
    if not name or all(w in title_words() for w in words):
        return ""
    return known_actors().forms.get(name, name) if len(words) == 1 else name


#: An apposition's "role" that opens with a title and a full name ("State Department spokeswoman
#: Victoria Nuland"): the person is named there, and the words before the comma are a time, a
#: place or a topic ("Also Friday, …", "Christmas Day, …"). "spokesman for Senator X" is a role.
_NAME_AFTER_ROLE = re.compile(
    rf"^(?:[A-Z][\w.-]*\s+|{_ROLE_ADJECTIVES}\s+|longtime\s+)*(?i:{_ROLE_NOUNS}|minister|president)"
    r"\s+[A-Z][a-z]+(?:\s+[A-Z]|['’]s\b)"
)
#: A reporting verb inside an apposition's role: the words before the comma are what was said about.
_SAID_IN_ROLE = re.compile(r"\b(?:said|says|told|added)\b")


def _owned_by_a_person(word: str) -> bool:
    """ "Hollande's" before a party's name: a person's possessive, not a state's ("Egypt's")."""
    return word.endswith(("'s", "’s")) and word[:-2] not in known_actors().forms


def _may_hold_apposition(text: str) -> bool:
    """Whether `text` has what every apposition has: a comma, and a role word in some case."""
    if "," not in text:
        return False
    lowered = text.lower()
    return any(w in lowered for w in _ROLE_WORDS)


def _untitled_people(sentences: list[Sentence]) -> list[Person]:
    """Full names ("Eric Reeves") the article also treats as a person somewhere: after "Mr.",
    before "said", after "according to". Words the article also writes in lower case, known
    states and titles are no names."""
    text = " ".join(s.text for s in sentences)
    lower = set(re.findall(r"\b[a-z][a-z’'-]+\b", text))
    candidates: dict[str, list[tuple[int, int]]] = {}
    names: dict[str, str] = {}  # found -> the name it gives, "" for none: asked once, whatever its repeats
    for s in sentences:
        for m in _FULL_NAME.finditer(s.text):
            found = m.group(1)
            if found not in names:
                names[found] = _untitled_name(found, lower)
            if names[found]:
                candidates.setdefault(names[found], []).append((s.paragraph, s.index))
    if not candidates:
        return []
    surnames = set(_COURTESY_CUE.findall(text))
    for verb in _SAYING_CUE.finditer(text):
        speaker = _SPEAKER_BEFORE.search(text, max(0, verb.start() - 40), verb.start())
        surnames.update([speaker.group(1)] if speaker else [])
    said = _SAID_CUE.findall(text)
    return [
        Person(name=name, refs=refs)
        for name, refs in candidates.items()
        if name.split()[-1] in surnames or any(after.startswith(name) for after in said)
    ]


def _untitled_name(found: str, lower: set[str]) -> str:
    """The name in `found` if it could be a person's (two words or more, none a word the article
    writes in lower case, a known state or a word of an institution's name), else ""."""
    words = _clean_name(found).split()
    if len(words) < 2 or any(w.lower() in lower or w in known_actors().forms or w in _NOT_NAMES for w in words):
        return ""
    return " ".join(words)


def merge_people(people: list[Person]) -> list[Person]:
    """One entry per person: "General Munir" and "General Syed Asim Munir" are "Asim Munir" when
    the shorter name's words all stand, in order, in the longer one."""
    merged: list[Person] = []
    for person in sorted(people, key=lambda p: -len(p.name.split())):
        home = next((m for m in merged if _is_part(person.name, m.name)), None)
        if home is None:
            merged.append(Person(person.name, person.role, person.affiliation, list(person.refs)))
            continue
        home.refs.extend(r for r in person.refs if r not in home.refs)
        if len(person.role) > len(home.role) and len(person.role.split()) <= 8 and person.role not in _COURTESY:
            home.role = person.role
        home.affiliation = home.affiliation or person.affiliation
    kept = []
    for person in merged:
        person.refs.sort()
        single = len(person.name.split()) == 1
        if single and (person.role in _COURTESY or person.name in _NOT_NAMES):
            continue  # "Mr. Reeves" alone, or "General Assembly": not enough to name a person
        kept.append(person)
    return sorted(kept, key=lambda p: p.refs[0])


def _is_part(short: str, long: str) -> bool:
    a, b = short.split(), long.split()
    if not a or a[-1] != b[-1]:
        return False
    it = iter(b)
    return all(word in it for word in a)


def _initials(words: list[str]) -> str:
    return "".join(part[0] for w in words for part in w.split("-") if part[:1].isupper())


def _expansion(name: str, acronym: str) -> str:
    """The words the acronym stands for: the shortest tail of `name` whose capitals spell it
    ("Central Apex Committee on the National Action Plan (NAP)" -> "National Action Plan")."""
    words = re.sub(r"^(?:[a-z]+\s+)+|^(?:The|In|A|An|On)\s+", "", name.strip()).split()
    letters = acronym.rstrip("s").upper()
    for k in range(len(words) - 1, -1, -1):
        if words[k][:1].isupper() and _initials(words[k:]).upper() == letters:
            return " ".join(words[k:])
    return " ".join(words)


#: An acronym spelled out in lower-case words names a thing or a capability, not a body:
#: "weapons of mass destruction (WMD)", "intelligence, surveillance, and reconnaissance (ISR)".
_LOWER_EXPANSION = re.compile(r"(?<![\w-])((?:[a-z][\w-]*,?\s+){1,7})\(([A-Z][A-Za-z]{1,5})\)")
#: First words that make "X of Y" a place: "Line of Control (LoC)", "Strait of Hormuz".
_PLACE_HEADS = {"Line", "Border", "Strait", "Sea", "River", "Valley", "Coast", "Island", "Islands", "Corridor"}


def _initials_of(words: str, n: int) -> str:
    """ "the weapons of mass destruction", 3 -> "WMD": the first letters of the last `n` words
    that are not joiners."""
    content = [w for w in words.replace(",", " ").split() if w not in {"of", "and", "the", "for", "on", "in"}]
    return "".join(w[0] for w in content[-n:]).upper()


def find_organisations(sentences: list[Sentence]) -> list[Organisation]:
    orgs: dict[str, Organisation] = {}
    rejected: set[str] = set()
    acronym_counts: Counter[str] = Counter()
    for s in sentences:
        for m in _ORG.finditer(s.text) if "(" in s.text else ():  # the acronym is in brackets
            acronym = m.group(2)
            long_name = _expansion(m.group(1), acronym)
            last = long_name.split()[-1].lower() if long_name else ""
            head = long_name.split()[0] if long_name else ""
            if (
                acronym in _NOT_ORG_ACRONYMS
                or long_name in known_actors().forms
                or last in THING_NOUNS
                or head in _PLACE_HEADS
            ):
                rejected.add(acronym)
                continue
            org = orgs.setdefault(acronym, Organisation(name=long_name, acronym=acronym))
            org.refs.append((s.paragraph, s.index))
        for m in _LOWER_EXPANSION.finditer(s.text) if "(" in s.text else ():
            if _initials_of(m.group(1), len(m.group(2))) == m.group(2).upper():
                rejected.add(m.group(2))  # "weapons of mass destruction (WMD)": a thing, not a body
        for m in _ACRONYM.finditer(s.text):
            acronym_counts[m.group(1)] += 1
        for m in _NAMED_ORG.finditer(s.text) if any(w in s.text for w in _ORG_HEAD_WORDS) else ():
            words = m.group(1).split()
            while words and (words[0] in _LEADING_WORDS or _owned_by_a_person(words[0])):
                words = words[
                    1:
                ]  # "Hollande's Socialist Party" is the Socialist Party ("Egypt's Interior Ministry" stays)
            name = " ".join(words).rstrip()
            if len(words) >= 2 and name not in known_actors().forms and not any(o.name == name for o in orgs.values()):
                orgs.setdefault(name, Organisation(name=name)).refs.append((s.paragraph, s.index))
    for key in [k for k, o in orgs.items() if not o.acronym]:  # a part of a longer name is no organisation
        if any(key in o.name and key != o.name for o in orgs.values()):
            del orgs[key]
    not_orgs = orgs.keys() | rejected | _NOT_ORG_ACRONYMS | set(known_actors().forms)
    for acronym, n in acronym_counts.items():
        if n >= 2 and acronym not in not_orgs:
            orgs[acronym] = Organisation(name=acronym, acronym=acronym)
    for org in orgs.values():
        if is_group(org.name):
            org.kind = "group"
    # Every sentence that names an organisation's acronym on its own, found in one pass over the
    # sentences for all acronyms (longest first), not one pass per organisation.
    if orgs:
        names = "|".join(re.escape(a) for a in sorted(orgs, key=len, reverse=True))
        alone = re.compile(rf"(?<![\w-])(?:{names})(?![\w-])")
        for s in sentences:
            for found in {m.group(0) for m in alone.finditer(s.text)}:
                if (s.paragraph, s.index) not in orgs[found].refs:
                    orgs[found].refs.append((s.paragraph, s.index))
    for org in orgs.values():
        org.refs.sort()
    return sorted(orgs.values(), key=lambda o: (-len(o.refs), o.refs[0] if o.refs else (0, 0)))
