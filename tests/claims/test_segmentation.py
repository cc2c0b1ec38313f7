from itertools import pairwise
from pathlib import Path

import pytest

from factcheck.claims.extraction import Sentence, paragraph_at, segment
from factcheck.claims.extraction.segmentation import OTHER_STOP, _starts
from tests.claims.seed import seed_body


def texts(body):
    return [sentence.text for sentence in segment(body)]


def assert_exact_offsets(body):
    for sentence in segment(body):
        assert body[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        assert sentence.text


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "The U.S. economy grew. Dr. Smith agreed.",
            ["The U.S. economy grew.", "Dr. Smith agreed."],
        ),
        (
            "He lives at No. 5 Main Street. It is big.",
            ["He lives at No. 5 Main Street.", "It is big."],
        ),
        (
            "Life expectancy rose to 78.2 years. That is high.",
            ["Life expectancy rose to 78.2 years.", "That is high."],
        ),
        ("He paused... then spoke again. Fine.", ["He paused... then spoke again.", "Fine."]),
        ('She said "It is over." Then she left.', ['She said "It is over."', "Then she left."]),
        (
            '"Is it true?" he asked. Nobody answered.',
            ['"Is it true?" he asked.', "Nobody answered."],
        ),
        (
            "The U.S. Senate voted 52-48 on Jan. 5. Mr. Jones objected.",
            ["The U.S. Senate voted 52-48 on Jan. 5.", "Mr. Jones objected."],
        ),
        (
            "“We will not,” said the minister. “Never.” The vote failed.",
            ["“We will not,” said the minister.", "“Never.”", "The vote failed."],
        ),
    ],
)
def test_it_keeps_abbreviations_decimals_ellipses_and_quotes_inside_sentences(body, expected):
    assert texts(body) == expected
    assert_exact_offsets(body)


def test_a_blank_line_always_ends_a_sentence_even_without_punctuation():
    body = "A heading without a full stop\n\nIt continues here. And here"
    assert texts(body) == ["A heading without a full stop", "It continues here.", "And here"]
    assert [sentence.paragraph for sentence in segment(body)] == [0, 1, 1]


def test_a_paragraph_break_splits_a_sentence_the_segmenter_would_join():
    body = "The figure is 78.2\n\nyears of life."
    assert texts(body) == ["The figure is 78.2", "years of life."]


def test_offsets_are_exact_around_extra_blank_lines_crlf_and_indentation():
    body = "\r\n  First one. Second one.  \r\n\r\n\r\n\t Third one.\r\n"
    sentences = segment(body)
    assert [s.text for s in sentences] == ["First one.", "Second one.", "Third one."]
    assert [s.paragraph for s in sentences] == [0, 0, 1]
    assert_exact_offsets(body)


def test_offsets_count_code_points_with_emoji_combining_marks_cjk_and_rtl_text():
    body = "Café 😀 rose 5%. Ünïcödé e\u0301 works.\n\n中国经济增长。 It grew. مرحبا بالعالم. Done."
    sentences = segment(body)
    assert_exact_offsets(body)
    assert sentences[0] == Sentence(0, 15, "Café 😀 rose 5%.", 0)
    assert sentences[-1].text == "Done."
    assert sentences[-1].end == len(body)


def test_a_single_line_break_inside_a_paragraph_does_not_end_the_sentence():
    assert texts("It rose by\n5 percent. Then fell.") == ["It rose by\n5 percent.", "Then fell."]


@pytest.mark.parametrize("body", ["", "   ", "\n\n\n", " \r\n \r\n "])
def test_an_empty_or_blank_body_has_no_sentences(body):
    assert segment(body) == []


def test_the_whole_seed_body_is_covered_with_exact_offsets_in_order():
    body = seed_body()
    sentences = segment(body)
    assert_exact_offsets(body)
    assert len(sentences) == 28
    assert all(a.end <= b.start for a, b in pairwise(sentences))
    # Outside the sentences there is only whitespace.
    covered = "".join(body[a.end : b.start] for a, b in pairwise(sentences))
    assert covered.strip() == ""
    assert sentences[0].start == 0 and sentences[-1].end == len(body)
    assert "The average life expectancy has risen to 78.2 years." in [s.text for s in sentences]


def test_paragraph_at_numbers_paragraphs_the_way_segment_does():
    body = "One. Two.\n\n\n\nThree.\n\nFour."
    for sentence in segment(body):
        assert paragraph_at(body, sentence.start) == sentence.paragraph
        assert paragraph_at(body, sentence.end - 1) == sentence.paragraph
    assert paragraph_at(body, body.index("\n")) == 0


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A capitalised sentence starter ends a sentence even after an abbreviation ...
        (
            "It was in the U.S. The next day it left.",
            ["It was in the U.S.", "The next day it left."],
        ),
        ("Ask the U.N. However, it may refuse.", ["Ask the U.N.", "However, it may refuse."]),
        # ... but another capitalised word does not.
        ("The U.S. Senate voted.", ["The U.S. Senate voted."]),
        (
            "He lives in Washington, D.C. Senators met.",
            ["He lives in Washington, D.C. Senators met."],
        ),
        # Initials, and letters or numerals opening a list.
        ("J. F. Kennedy was president. He died.", ["J. F. Kennedy was president.", "He died."]),
        ("A. B. Smith agreed. So did C. Jones.", ["A. B. Smith agreed.", "So did C. Jones."]),
        # An ellipsis ends a sentence before a capital letter, not before a lowercase word.
        ("He waited... Then he spoke.", ["He waited...", "Then he spoke."]),
        ("He waited… then he spoke.", ["He waited… then he spoke."]),
        # Quotations and brackets closed after the stop stay with their sentence.
        ("'It is over.' Then she left.", ["'It is over.'", "Then she left."]),
        ("“Is it?” “Yes!” They agreed.", ["“Is it?”", "“Yes!”", "They agreed."]),
        ("He agreed (as did she.) The rest left.", ["He agreed (as did she.) The rest left."]),
        ("Costs rose (see Fig. 2). Wages fell.", ["Costs rose (see Fig. 2).", "Wages fell."]),
        # A stop inside a word is no stop; a missing space after one still ends the sentence.
        ("See www.example.com for more. Thanks.", ["See www.example.com for more.", "Thanks."]),
        ("It ended.Then it began.", ["It ended.", "Then it began."]),
        # Times, dates and numbers after a stop.
        (
            "They met at 5 p.m. on Monday. It rained.",
            ["They met at 5 p.m. on Monday.", "It rained."],
        ),
        ("It was signed on Jan. 5 2019 in Paris.", ["It was signed on Jan. 5 2019 in Paris."]),
        ("Turnout was high. 2,000 people voted.", ["Turnout was high.", "2,000 people voted."]),
        # A sentence ending with an abbreviation of the list and one starting with a bracket.
        (
            "They sold fruit, bread etc. The shop closed.",
            ["They sold fruit, bread etc.", "The shop closed."],
        ),
        ("(Photo by the agency) The mayor spoke.", ["(Photo by the agency)", "The mayor spoke."]),
    ],
)
def test_it_handles_abbreviations_initials_ellipses_quotes_and_brackets(body, expected):
    assert texts(body) == expected
    assert_exact_offsets(body)


def syntok_starts(text):
    """Where syntok 1.4.4 itself starts each sentence of one paragraph: the reference."""
    from syntok.segmenter import segment as syntok_segment
    from syntok.tokenizer import Tokenizer

    tokens = Tokenizer(replace_not_contraction=False).tokenize(text)
    return [
        next(token.offset for token in sentence if token.value)
        for sentence in syntok_segment(tokens)
        if any(token.value for token in sentence)
    ]


# Awkward words, separated by spaces: abbreviations, initials, numbers, stops, quotes, brackets.
PIECES = (
    "The the U.S. U.S Dr. Mr mr. etc. e.g. No. no 5 2019 Jan. Jan 3.5 A. J. I II. iPhone "
    "McDonald don't it's Hong-Kong COVID-19 52-48 . .. ... ! ? ?! ; : , ( ) [ ] { } \" ' “ ” ’ "
    "« » — - x b It However Senate house said a end.The www.example.com (AP) (see Fig. 2). f(x) "
    'word. Word. WORD. 5%. $21.4 p.m. a.m. … (The vote.) Really? ." ?" .” ).'
)


def test_it_splits_every_text_exactly_where_syntok_splits():
    """The rules are syntok's, applied only around candidate stops: on the seed, the fixtures
    and thousands of texts made of the awkward pieces above, every sentence starts where
    syntok starts one."""
    import random

    fixtures = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
    bodies = [seed_body()] + [
        (fixtures / name).read_text(encoding="utf-8") for name in ("wire-story.txt", "explainer.md")
    ]
    pieces = PIECES.split()
    paragraphs = [paragraph for body in bodies for paragraph in body.split("\n\n")]
    generator = random.Random(12)
    for _ in range(3000):
        words = generator.choices(pieces, k=generator.randint(1, 30))
        spaces = generator.choices([" ", " ", " ", "", "  ", "\n"], k=len(words))
        paragraphs.append("".join(word + space for word, space in zip(words, spaces, strict=True)))
    for paragraph in paragraphs:
        if paragraph.strip() and not OTHER_STOP.search(paragraph):
            assert _starts(paragraph, 0) == syntok_starts(paragraph), paragraph
