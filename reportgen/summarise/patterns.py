"""Regular expressions over long word lists (states, their adjectives, titles).

A plain alternation of four hundred names makes Python's `re` try every branch at every position
of every sentence: it was a fifth of the summariser's time. The same names folded into a trie
("South (?:Africa|Korea|Sudan)…") let the engine reject a position on its first letter; the
matches are the same, longest name first, since at any one position the names that match are
prefixes of one another and the trie tries the longer continuation before stopping.
"""

from __future__ import annotations

from collections.abc import Iterable

from retrie.trie import Trie


def union(words: Iterable[str]) -> str:
    """A non-capturing group matching any of `words`, preferring the longest."""
    trie = Trie()
    trie.add(*words)
    return f"(?:{trie.pattern()})"  # retrie leaves a single word ungrouped
