"""Each date form news sites print, read as a byline line of a pasted article."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from factcheck.articles.ingest import read
from factcheck.articles.ingest.dates import parse_date
from tests.articles.ingest_helpers import LONG_PARAGRAPH, article

BEIJING = ZoneInfo("Asia/Shanghai")


pytestmark = pytest.mark.usefixtures("beijing_time")


def published(line: str) -> datetime | None:
    reading = read(article("Port strike ends", line, LONG_PARAGRAPH), filename="a.txt")
    assert reading.paragraphs == [LONG_PARAGRAPH], "the date line stays out of the body"
    return reading.published_at


def test_an_iso_date_in_utc_is_converted_to_the_newsroom_zone():
    assert published("2022-12-09T18:49:00Z") == datetime(2022, 12, 10, 2, 49, tzinfo=BEIJING)


def test_a_year_month_name_day_date_with_time_is_taken_in_time_zone():
    assert published("2022-December-9 18:49") == datetime(2022, 12, 9, 18, 49, tzinfo=BEIJING)


def test_a_day_month_year_date():
    assert published("9 December 2022") == datetime(2022, 12, 9, tzinfo=BEIJING)


def test_an_abbreviated_month_with_a_period():
    assert published("Dec. 9, 2022") == datetime(2022, 12, 9, tzinfo=BEIJING)


def test_a_us_date_with_a_twelve_hour_time():
    assert published("December 9, 2022 6:49 PM") == datetime(2022, 12, 9, 18, 49, tzinfo=BEIJING)


def test_a_published_label():
    assert published("Published: 9 December 2022") == datetime(2022, 12, 9, tzinfo=BEIJING)


def test_a_by_name_pipe_date_byline():
    assert published("By Jane Roe | Dec. 9, 2022") == datetime(2022, 12, 9, tzinfo=BEIJING)


def test_a_weekday_ordinal_and_named_zone():
    assert published("Friday, December 9th, 2022 at 18:49 GMT") == datetime(
        2022, 12, 10, 2, 49, tzinfo=BEIJING
    )


def test_a_us_eastern_time_abbreviation():
    assert published("Dec. 9, 2022, 6:49 p.m. ET") == datetime(
        2022, 12, 9, 18, 49, tzinfo=ZoneInfo("America/New_York")
    )


def test_a_chinese_date():
    assert published("2022年12月9日 18:49") == datetime(2022, 12, 9, 18, 49, tzinfo=BEIJING)


def test_naive_dates_follow_the_time_zone_setting(settings):
    settings.TIME_ZONE = "Europe/Paris"
    when = parse_date("9 December 2022 18:49")
    assert when == datetime(2022, 12, 9, 18, 49, tzinfo=ZoneInfo("Europe/Paris"))
    assert when.utcoffset().total_seconds() == 3600


def test_dates_are_always_aware():
    assert parse_date("2022-12-09").tzinfo is not None


@pytest.mark.parametrize("text", ["", "soon", "2022", "December", "31 February 2022", "9 Dec 1066"])
def test_it_returns_none_for_what_is_not_a_full_date(text):
    assert parse_date(text) is None


def reading_of(line: str):
    return read(article("Port strike ends", line, LONG_PARAGRAPH), filename="a.txt")


def test_a_date_only_byline_is_shown_as_the_day_without_a_time():
    reading = reading_of("By Jane Roe | 9 December 2022")
    assert reading.published_time_known is False
    assert reading.published_label == "9 December 2022"
    assert "00:00" not in reading.published_label


def test_a_time_with_an_offset_is_shown_in_that_offset():
    reading = reading_of("Published: 2022-12-09T18:49:00+05:30")
    assert reading.published_time_known is True and reading.published_offset == 330
    assert reading.published_label == "9 December 2022, 18:49 +05:30"
    assert reading.published_at == datetime(2022, 12, 9, 21, 19, tzinfo=BEIJING)


def test_a_time_without_a_zone_is_shown_in_the_newsroom_zone_named():
    reading = reading_of("9 December 2022 18:49")
    assert reading.published_offset is None
    assert reading.published_label == "9 December 2022, 18:49 CST"


def test_a_date_only_meta_tag_of_an_html_page_is_a_day():
    page = (
        '<html><head><meta property="article:published_time" content="2022-12-09">'
        "<title>Port strike ends</title></head><body><article><h1>Port strike ends</h1>"
        f"<p>{LONG_PARAGRAPH}</p></article></body></html>"
    )
    reading = read(page.encode(), filename="a.html")
    assert reading.published_label == "9 December 2022"
