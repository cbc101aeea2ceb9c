"""How much of the article a brief may repeat: its words stay at or below MAX_SHARE of the article's.

A 600-word article does not get twenty bullets. The key points (the bottom line) come first but
may take at most KEY_SHARE of the allowance beyond their first line, so a short article still
gets its sections; then bullets are admitted best first while they fit: each section's best, then
each section's second best, and so on. The profile's bullets per section are a ceiling, not a quota.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

MAX_SHARE = 0.35
KEY_SHARE = 0.5


def allowance(article_words: int) -> float:
    """Words a brief's key points and bullets may show, together."""
    return MAX_SHARE * article_words


def key_points_within(key_points: Sequence[int], words: Callable[[int], int], article_words: int) -> list[int]:
    """The key points (sentence indices, best first) that fit; the first is always kept, since a
    brief says at least what the article is about."""
    limit = KEY_SHARE * allowance(article_words)
    kept = list(key_points[:1])
    used = sum(words(i) for i in kept)
    for i in key_points[1:]:
        if used + words(i) <= limit:
            kept.append(i)
            used += words(i)
    return kept


def bullets_within(
    sections: Sequence[Sequence[int]], words: Callable[[int], int], article_words: int, used: int
) -> list[list[int]]:
    """Each section's bullets (sentence indices, best first) that fit beside `used` words already
    shown, taken round by round: every section's best before any section's second."""
    room = allowance(article_words) - used
    kept: list[list[int]] = [[] for _ in sections]
    for rank in range(max((len(s) for s in sections), default=0)):
        for k, ranked in enumerate(sections):
            if rank < len(ranked) and words(ranked[rank]) <= room:
                kept[k].append(ranked[rank])
                room -= words(ranked[rank])
    return kept
