"""One test per cleaning rule, each on a small article of its own."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from factcheck.articles.ingest import read
from tests.articles.ingest_helpers import FIXTURES, LONG_PARAGRAPH, article

OTHER_PARAGRAPH = (
    "Officials expect the remaining 300 homes to be finished by March, although two of the "
    "contractors have warned that rising material costs could delay the work."
)


@pytest.fixture(autouse=True)
def _utc(settings):
    settings.TIME_ZONE = "UTC"


def clean(*lines: str):
    return read(article("Housing targets met early", *lines), filename="a.txt")


def test_it_takes_the_first_line_as_the_title_and_notes_it():
    reading = clean(LONG_PARAGRAPH)
    assert reading.title == "Housing targets met early"
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped == ['Dropped title line: "Housing targets met early"']


def test_it_drops_repeated_copies_of_the_title():
    reading = clean(
        LONG_PARAGRAPH, "HOUSING TARGETS MET EARLY", OTHER_PARAGRAPH, "Housing targets met early."
    )
    assert reading.paragraphs == [LONG_PARAGRAPH, OTHER_PARAGRAPH]
    assert reading.dropped[1:] == [
        'Dropped repeated title: "HOUSING TARGETS MET EARLY"',
        'Dropped repeated title: "Housing targets met early."',
    ]


def test_it_parses_a_by_name_pipe_date_byline_into_metadata():
    reading = clean("By Jane Roe | 9 December 2022", LONG_PARAGRAPH)
    assert reading.author == "Jane Roe"
    assert reading.published_at == datetime(2022, 12, 9, tzinfo=ZoneInfo("UTC"))
    assert reading.published_time_known is False
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped[1] == (
        'Byline parsed: date 2022-12-09, author Jane Roe from "By Jane Roe | 9 December 2022"'
    )


def test_it_parses_a_byline_with_a_date_first_and_an_empty_author():
    reading = clean("2022-December-9 18:49 By:", LONG_PARAGRAPH)
    assert reading.author == ""
    assert reading.published_at == datetime(2022, 12, 9, 18, 49, tzinfo=ZoneInfo("UTC"))
    assert reading.paragraphs == [LONG_PARAGRAPH]


def test_it_parses_a_byline_with_several_authors_and_a_role():
    reading = clean("By Ana de la Cruz and Tom O'Neill, Staff Writers", LONG_PARAGRAPH)
    assert reading.author == "Ana de la Cruz and Tom O'Neill"


def test_a_byline_with_an_outlet_and_an_update_time_gives_all_three():
    reading = clean("By ZHANG WEI | China Daily | Updated: 2022-12-09 07:23", LONG_PARAGRAPH)
    assert reading.author == "ZHANG WEI"
    assert reading.outlet == "China Daily"
    assert reading.published_at == datetime(2022, 12, 9, 7, 23, tzinfo=ZoneInfo("UTC"))
    assert reading.paragraphs == [LONG_PARAGRAPH]


def test_a_place_beside_a_date_is_not_taken_as_the_outlet():
    reading = clean("Beijing | 9 December 2022", LONG_PARAGRAPH)
    assert reading.outlet == ""
    assert reading.paragraphs == [LONG_PARAGRAPH]


def test_it_drops_published_and_updated_lines_keeping_the_publication_date():
    reading = clean("Published: 9 December 2022", "Updated: 10 December 2022 08:15", LONG_PARAGRAPH)
    assert reading.published_at == datetime(2022, 12, 9, tzinfo=ZoneInfo("UTC"))
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped[2] == (
        'Byline parsed: updated 2022-12-10 08:15 from "Updated: 10 December 2022 08:15"'
    )


def test_an_update_date_is_used_only_when_there_is_no_publication_date():
    reading = clean("Updated Dec. 10, 2022", LONG_PARAGRAPH)
    assert reading.published_at == datetime(2022, 12, 10, tzinfo=ZoneInfo("UTC"))
    assert any("update date" in warning for warning in reading.warnings)


def test_it_keeps_prose_that_starts_with_by():
    sentence = "By 2012, there were still 98.99 million people living in poverty in the region."
    reading = clean(sentence, LONG_PARAGRAPH)
    assert reading.paragraphs == [sentence, LONG_PARAGRAPH]
    assert reading.author == ""


@pytest.mark.parametrize(
    "sentence",
    [
        "By Monday, officials had counted 4,000 votes.",
        "By contrast, the opposition wants a smaller budget.",
        "More from the interview: she said the plan was flawed.",
        "The views expressed by the minister were criticised.",
        "Copyright law was changed in 2019.",
        "Share prices fell 3% on Friday.",
        "Photo finishes are common in sprint races, the coach said.",
        "Editor Jane Smith resigned last week after the report.",
        "Source of the funds remains unclear, the auditor said.",
        "US — China talks resumed on Friday.",
        "Dec. 9, 2022: Council votes on the plan",
    ],
)
def test_it_keeps_prose_that_resembles_boilerplate(sentence):
    assert clean(sentence, LONG_PARAGRAPH).paragraphs == [sentence, LONG_PARAGRAPH]


def test_it_keeps_a_dated_sentence_that_is_not_a_byline():
    sentence = "On 9 December 2022 the council met again to discuss the budget."
    reading = clean(sentence)
    assert reading.paragraphs == [sentence]
    assert reading.published_at is None


def test_it_records_an_editor_line_as_editor_and_author():
    reading = clean(LONG_PARAGRAPH, "Editor: WJH")
    assert reading.editor == "WJH"
    assert reading.author == "WJH"
    assert reading.dropped[-1] == 'Editor parsed: WJH from "Editor: WJH"'


def test_a_byline_author_wins_over_the_editor():
    reading = clean("By Jane Roe", LONG_PARAGRAPH, "Edited by Mark Potter")
    assert (reading.author, reading.editor) == ("Jane Roe", "Mark Potter")


def test_it_takes_the_outlet_from_a_source_line():
    reading = clean(LONG_PARAGRAPH, "Source: Xinhua")
    assert reading.outlet == "Xinhua"
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped[-1] == 'Source parsed: outlet Xinhua from "Source: Xinhua"'


def test_it_drops_a_more_from_tail_and_its_links():
    reading = clean(
        LONG_PARAGRAPH,
        "More from Guangming Online",
        "Ports reopen after strike",
        "Rail fares to rise in January",
    )
    assert reading.outlet == "Guangming Online"
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped[-1] == (
        'Dropped link under "More from Guangming Online": "Rail fares to rise in January"'
    )


def test_a_link_list_ends_at_the_next_real_paragraph():
    reading = clean(LONG_PARAGRAPH, "Related stories", "Ports reopen after strike", OTHER_PARAGRAPH)
    assert reading.paragraphs == [LONG_PARAGRAPH, OTHER_PARAGRAPH]


@pytest.mark.parametrize(
    "line",
    [
        "Related: Ports reopen after strike",
        "Read more: Rail fares to rise in January",
        "READ MORE: Why prices keep climbing",
        "See also: The housing plan explained",
    ],
)
def test_it_drops_related_and_read_more_lines(line):
    reading = clean(LONG_PARAGRAPH, line, OTHER_PARAGRAPH)
    assert reading.paragraphs == [LONG_PARAGRAPH, OTHER_PARAGRAPH]
    assert reading.dropped[-1] == f'Dropped related link: "{line}"'


@pytest.mark.parametrize(
    "line",
    ["Share this article", "Share on Facebook", "Facebook Twitter LinkedIn Email", "Copy link"],
)
def test_it_drops_sharing_lines(line):
    reading = clean(line, LONG_PARAGRAPH)
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped[-1] == f'Dropped sharing line: "{line}"'


@pytest.mark.parametrize(
    "line",
    [
        "Home > News > Housing",
        "Home | World | Asia",
        "Advertisement",
        "Skip to main content",
        "Sign up for our daily newsletter",
        "5 min read",
        "Tags: housing, budget",
        "Follow us on Twitter",
    ],
)
def test_it_drops_navigation_lines(line):
    reading = clean(LONG_PARAGRAPH, line, OTHER_PARAGRAPH)
    assert reading.paragraphs == [LONG_PARAGRAPH, OTHER_PARAGRAPH]
    assert reading.dropped[-1] == f'Dropped navigation line: "{line}"'


@pytest.mark.parametrize(
    "line",
    [
        "Photo: Xinhua",
        "Photo by Li Wei/Getty Images",
        "Image caption: Builders at work in the eastern district",
        "Builders at work in the eastern district on Monday. [Photo/Xinhua]",
        "Builders at work in the eastern district. REUTERS/Tyrone Siu",
        "Builders at work in the eastern district. (Photo by Li Wei/AFP via Getty Images)",
    ],
)
def test_it_drops_image_captions_and_photo_credits(line):
    reading = clean(LONG_PARAGRAPH, line, OTHER_PARAGRAPH)
    assert reading.paragraphs == [LONG_PARAGRAPH, OTHER_PARAGRAPH]
    assert reading.dropped[-1] == f'Dropped image caption or credit: "{line}"'


@pytest.mark.parametrize(
    ("paragraph", "dateline"),
    [
        ("SINGAPORE, Dec 9 (Reuters) - Dock workers stayed out.", "SINGAPORE, Dec 9 (Reuters) -"),
        ("(Reuters) - Dock workers stayed out.", "(Reuters) -"),
        ("WASHINGTON (AP) — Dock workers stayed out.", "WASHINGTON (AP) —"),
        ("BEIJING, Dec. 9 (Xinhua) -- Dock workers stayed out.", "BEIJING, Dec. 9 (Xinhua) --"),
        ("LONDON — Dock workers stayed out.", "LONDON —"),
    ],
)
def test_it_trims_wire_datelines_and_keeps_the_paragraph(paragraph, dateline):
    reading = clean(paragraph, LONG_PARAGRAPH)
    assert reading.paragraphs == ["Dock workers stayed out.", LONG_PARAGRAPH]
    assert reading.dropped[-1] == f'Dropped dateline: "{dateline}"'


def test_a_wire_dateline_gives_the_agency_as_outlet_when_nothing_better_is_known():
    assert clean("(Reuters) - Dock workers stayed out.").outlet == "Reuters"
    assert clean("(Reuters) - Dock workers stayed out.", "Source: Straits Times").outlet == (
        "Straits Times"
    )


def test_it_drops_wire_credits_and_takes_the_reporter_as_author():
    reading = clean(LONG_PARAGRAPH, "(Reporting by Jane Roe in London; Editing by Mark Potter)")
    assert reading.author == "Jane Roe"
    assert reading.paragraphs == [LONG_PARAGRAPH]


@pytest.mark.parametrize(
    "line",
    [
        "The views and opinions expressed in this article are those of the author.",
        "This article does not necessarily reflect the views of the editorial board.",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Disclaimer: the figures are provisional.",
    ],
)
def test_it_drops_disclaimers(line):
    reading = clean(LONG_PARAGRAPH, line)
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped[-1].startswith("Dropped disclaimer: ")


@pytest.mark.parametrize(
    "line",
    ["Copyright 2022 The Gazette. All rights reserved.", "© 2022 The Gazette", "版权所有 © 2022"],
)
def test_it_drops_a_copyright_line_as_such(line):
    reading = clean(LONG_PARAGRAPH, line)
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped[-1] == f'Dropped copyright line: "{line}"'


def test_a_copyright_line_after_related_links_is_not_one_more_link():
    reading = clean(LONG_PARAGRAPH, "Related", "Housing plans delayed", "© 2024 Daily Planet")
    assert reading.dropped[-2:] == [
        'Dropped link under "Related": "Housing plans delayed"',
        'Dropped copyright line: "© 2024 Daily Planet"',
    ]


def test_a_copyright_line_is_not_merged_with_the_markdown_line_above_it():
    links = "Read more: [Plans delayed](https://example.org/x)\n© 2024 Daily Planet"
    text = f"# Housing targets\n\n{LONG_PARAGRAPH}\n\n{links}"
    reading = read(text.encode(), filename="a.md")
    assert reading.paragraphs == [LONG_PARAGRAPH]
    assert reading.dropped[-2:] == [
        'Dropped related link: "Read more: Plans delayed"',
        'Dropped copyright line: "© 2024 Daily Planet"',
    ]


def test_it_takes_the_outlet_from_an_originally_published_line():
    reading = clean(LONG_PARAGRAPH, "This article was originally published on The Conversation.")
    assert reading.outlet == "The Conversation"
    assert reading.paragraphs == [LONG_PARAGRAPH]


def test_the_title_is_found_after_leading_navigation():
    reading = read(
        article("Home > News", "Share this article", "Housing targets met early", LONG_PARAGRAPH),
        filename="a.txt",
    )
    assert reading.title == "Housing targets met early"
    assert reading.paragraphs == [LONG_PARAGRAPH]


def test_a_realistic_wire_story_is_cleaned_end_to_end():
    reading = read((FIXTURES / "wire-story.txt").read_bytes(), filename="wire-story.txt")
    assert reading.title == "Port strike halts container traffic for a third day"
    assert reading.author == "Jane Roe"
    assert reading.outlet == "Reuters"
    assert reading.published_at == datetime(2022, 12, 9, 18, 49, tzinfo=ZoneInfo("UTC"))
    assert reading.paragraphs == [
        "Dock workers kept three container terminals closed on Friday, the port authority said, "
        "leaving 41 ships waiting at anchor.",
        "The union says wages have fallen 7% in real terms since 2020, while the operator "
        "reported record profits of $1.2 billion last year.",
        '"We will stay out until the offer is fair," union secretary Ana Lim told reporters.',
    ]
    assert len(reading.dropped) == 12
