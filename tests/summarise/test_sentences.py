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
