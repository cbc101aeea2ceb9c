import pytest

from reportgen.summarise.sentences import split_paragraph


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It was launched in 2014 by Gen. Raheel Sharif. It cost about $1.9 billion.",
            ["It was launched in 2014 by Gen. Raheel Sharif.", "It cost about $1.9 billion."],
        ),
        (
            "Op. Azm-i-Istehkam began on 22 June. Then it grew.",
            ["Op. Azm-i-Istehkam began on 22 June.", "Then it grew."],
        ),
        ("See No. 5 for the list. The U.S. agreed.", ["See No. 5 for the list.", "The U.S. agreed."]),
        ("The answer was no. Then he left.", ["The answer was no.", "Then he left."]),
        (
            "Dr. Smith arrived at 3 p.m. on Monday. He spoke.",
            ["Dr. Smith arrived at 3 p.m. on Monday.", "He spoke."],
        ),
    ],
)
def test_abbreviations_do_not_end_sentences(text: str, expected: list[str]) -> None:
    assert split_paragraph(text) == expected


def test_sentences_are_exact_spans_of_their_paragraph() -> None:
    text = "“Stability is essential,” he said.  It was “decisive”. (A note.) Done!"
    for sentence in split_paragraph(text):
        assert sentence in text


def test_the_short_cut_tokenizer_gives_syntoks_own_tokens() -> None:
    """Plain words take a short cut past syntok's tokenizer; the tokens must not change."""
    import random

    from syntok.tokenizer import Tokenizer

    from reportgen.summarise.sentences import _Tokenizer

    pieces = list("aAzZ09 .,;:!?'\"’“”()[]{}-_…%\u00ad\u2010\u200b\n\t\u00a0éßİıſK$€")
    pieces += ["...", "U.S.", "iPhone", "McCain", "n't", "don't", "Dr.", "e.g.", "2014s", "a1B", "  "]
    rng = random.Random(7)
    texts = ["", " ", "Plain words, then more.  And so on...", "“Quoted,” he said (twice)."]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    reference, fast = Tokenizer(replace_not_contraction=False), _Tokenizer()
    for text in texts:
        for base in (0, 3):
            expected = [(t.spacing, t.value, t.offset) for t in reference.tokenize(text, base)]
            assert [(t.spacing, t.value, t.offset) for t in fast.tokenize(text, base)] == expected, text
