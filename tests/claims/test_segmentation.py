from itertools import pairwise

import pytest

from factcheck.claims.extraction import Sentence, paragraph_at, segment
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
