"""`parse_byline` as a table: what each byline or date line gives, and the lines it refuses."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from factcheck.articles.ingest.cleaning import SHORT_LINE, parse_byline

UTC = ZoneInfo("UTC")
DEC_9 = datetime(2022, 12, 9, tzinfo=UTC)
DEC_10 = datetime(2022, 12, 10, 8, 15, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _utc(settings):
    settings.TIME_ZONE = "UTC"


@pytest.mark.parametrize(
    ("line", "author", "outlet", "published_at", "updated_at"),
    [
        ("By Jane Roe | 9 December 2022", "Jane Roe", "", DEC_9, None),
        ("2022-December-9 18:49 By:", "", "", DEC_9.replace(hour=18, minute=49), None),
        ("Last updated on 10 December 2022 08:15", None, "", None, DEC_10),
        ("Author: Jane Roe", "Jane Roe", "", None, None),
        ("作者：张伟 | 2022年12月9日", "张伟", "", DEC_9, None),
        ("By Jane Roe, Staff Writer", "Jane Roe", "", None, None),
        ("By Jane Roe, China Daily", "Jane Roe", "China Daily", None, None),
        ("By Jane Roe | Guangming Online | Beijing", "Jane Roe", "Guangming Online", None, None),
        ("chinadaily.com.cn | 9 December 2022", None, "chinadaily.com.cn", DEC_9, None),
        ("Beijing | 9 December 2022", None, "", DEC_9, None),
        ("Jane Roe - 9 December 2022", None, "", DEC_9, None),  # a name without "By" is no author
        ("5 min read | By Jane Roe", "Jane Roe", "", None, None),
        ("Reading time: 4 minutes • By Jane Roe", "Jane Roe", "", None, None),
        ("By Jane Roe | By John Doe", "Jane Roe", "", None, None),  # the first author wins
    ],
)
def test_parse_byline_reads_each_part_of_the_line(line, author, outlet, published_at, updated_at):
    byline = parse_byline(line)
    assert (byline.author, byline.outlet) == (author, outlet)
    assert (byline.published_at, byline.updated_at) == (published_at, updated_at)


@pytest.mark.parametrize(
    "line",
    [
        "Staff Writer",  # neither an author nor a date
        "By jane roe",
        "By Monday, officials had counted",
        "By Jane Roe, officials had counted the votes",
        "31 February 2022 | By Jane Roe",  # a date that does not exist
        "By Jane Roe | 9 December 2022 | Updated 10 December 2022",  # one date per line
        "Posted at 9 December 2022 by the desk",
    ],
)
def test_parse_byline_refuses_a_line_with_anything_else(line):
    assert parse_byline(line) is None


def test_parse_byline_reads_only_short_lines():
    assert parse_byline("By Jane Roe" + " | Li" * 10).author == "Jane Roe"  # 23 words
    assert parse_byline("By Jane Roe" + " | Li" * 11) is None  # 25 words
    start = "By Jane Roe | "
    assert parse_byline(start + "X" * (SHORT_LINE - len(start))).author == "Jane Roe"
    assert parse_byline(start + "X" * (SHORT_LINE - len(start) + 1)) is None
