"""One-line builders for Articles and Briefs, so renderer and pack tests never need the summariser."""

from __future__ import annotations

from pathlib import Path

from reportgen.model import Article, Brief, Bullet, Paragraph, Ref, Section, Source

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "seeds" / "op-azm-i-istehkam.txt"


def make_article(*paragraphs: str, title: str = "A test article", headings: dict[int, str] | None = None) -> Article:
    headings = headings or {}
    current: str | None = None
    paras = []
    for i, text in enumerate(paragraphs):
        current = headings.get(i, current)
        paras.append(Paragraph(text=text, heading=current))
    return Article(title=title, paragraphs=tuple(paras), source=Source(title=title, path="test.txt"))


def bullet(text: str, paragraph: int = 0, sentence: int = 0) -> Bullet:
    return Bullet(text=text, refs=(Ref(paragraph, sentence),), quote=text)


def make_brief(
    title: str = "A test brief",
    sections: dict[str, list[str]] | None = None,
    key_points: list[str] | None = None,
) -> Brief:
    sections = sections or {"background": ["First fact.", "Second fact."], "outlook": ["It will rain."]}
    built = []
    n = 0
    for key, texts in sections.items():
        bullets = []
        for text in texts:
            bullets.append(bullet(text, paragraph=n))
            n += 1
        built.append(
            Section(
                key=key,
                title=key.capitalize(),
                paragraphs=tuple(range(n - len(texts), n)),
                bullets=tuple(bullets),
            )
        )
    return Brief(
        title=title,
        key_points=tuple(bullet(t, i) for i, t in enumerate(key_points or ["The main point."])),
        sections=tuple(built),
        source=Source(title=title, path="test.txt", published="2024-06-24"),
    )


FULL_BRIEF = ROOT / "tests" / "fixtures" / "sample-full-brief.json"


def make_full_brief() -> Brief:
    """The sample article's brief with every part filled: facts, timeline, actors, assessment.

    Sections and key points are what the summariser picked when the file was written; facts,
    timeline, actors and assessment are hand-labelled from the article (references included), so
    renderer and pack work never waits for the summariser to find them. It is a Brief JSON file, so
    it also shows what a hand-edited brief looks like: `reportgen render tests/fixtures/sample-full-brief.json`.
    """
    return Brief.from_json(FULL_BRIEF.read_text(encoding="utf-8"))
