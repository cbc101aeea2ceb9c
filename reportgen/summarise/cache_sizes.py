"""How many answers the summariser's per-text caches keep: enough for the largest article.

Several stages ask about the same paragraphs and sentences (their sentences, stems, the states
they name), so each answer is cached by its text. A cache smaller than the article evicts what a
later stage asks again and turns one pass into several: on a 5 MB article (the readers' limit:
about 25,000 paragraphs and 60,000 sentences) sentence splitting ran three times over. These sizes
cover that, and still bound what a long-lived batch worker holds.
"""

PARAGRAPHS = 32_768  # answers keyed by a paragraph's text
SENTENCES = 131_072  # answers keyed by a sentence's (or a paragraph's) text
WORDS = 131_072  # answers keyed by one word
