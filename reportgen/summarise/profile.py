"""Section profiles: the data that says which briefing sections exist and how to recognise them.

Profiles are TOML data, not code, so a desk can add a section ("Economic impact") or re-word cues
without touching Python.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportgen import shipped
from reportgen.errors import PackError
from reportgen.safe_loads import toml_loads
from reportgen.summarise.terms import all_stems

_POSITIONS = {"early": 0.0, "middle": 0.5, "late": 1.0}


@dataclass(frozen=True)
class SectionSpec:
    key: str
    title: str
    description: str
    cues: tuple[tuple[str, ...], ...]  # each cue as a tuple of stems (multi-word cues allowed)
    position: float  # expected relative position in the article, 0..1
    tense: str = ""  # "past", "future" or ""
    fallback_title: str = ""
    event_terms: tuple[str, ...] = ()
    actor_cue: bool = False
    #: What the section holds, as the section model names it (background, drivers, precedents,
    #: outlook); by default the key, so a desk can rename a section or add a second one per role.
    role: str = ""


@dataclass(frozen=True)
class Profile:
    name: str
    description: str
    sections: tuple[SectionSpec, ...]
    assessment_cues: tuple[tuple[str, ...], ...] = ()
    assessment_sentences: int = 1

    def section(self, key: str) -> SectionSpec:
        for spec in self.sections:
            if spec.key == key:
                return spec
        raise KeyError(key)


def load_profile(name_or_path: str = "default") -> Profile:
    """A built-in profile by name, or a TOML file by path."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return _parse(path.read_text(encoding="utf-8"), str(path))
    return _builtin(name_or_path)


@lru_cache(maxsize=8)
def _builtin(name: str) -> Profile:
    folder = shipped.path("profiles")
    resource = folder.joinpath(f"{name}.toml")
    if not resource.is_file():
        names = sorted(p.name.removesuffix(".toml") for p in folder.iterdir() if p.name.endswith(".toml"))
        raise PackError(f"no section profile named '{name}'; available: {', '.join(names)}")
    return _parse(resource.read_text(encoding="utf-8"), f"profile {name}")


def _parse(text: str, origin: str) -> Profile:
    try:
        data = toml_loads(text)
        sections = tuple(
            SectionSpec(
                key=s["key"],
                title=s["title"],
                description=s.get("description", ""),
                cues=tuple(tuple(all_stems(c)) for c in s.get("cues", [])),
                position=_POSITIONS[s.get("position", "middle")],
                tense=s.get("tense", ""),
                fallback_title=s.get("fallback_title", s["title"]),
                event_terms=tuple(s.get("event_terms", [])),
                actor_cue=bool(s.get("actor_cue", False)),
                role=str(s.get("role", s["key"])),
            )
            for s in data["sections"]
        )
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise PackError(f"{origin}: not a valid section profile ({exc})") from exc
    if not sections:
        raise PackError(f"{origin}: a profile needs at least one section")
    assessment = data.get("assessment", {})
    return Profile(
        name=data.get("name", origin),
        description=data.get("description", ""),
        sections=sections,
        assessment_cues=tuple(tuple(all_stems(c)) for c in assessment.get("cues", [])),
        assessment_sentences=int(assessment.get("max_sentences", 1)),
    )
