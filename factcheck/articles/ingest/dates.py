"""Finding and parsing publication dates in the forms news sites print them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_ZONE = (
    r"(?:z|utc|gmt|et|ct|mt|pt|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest|eet|eest|hkt|sgt"
    r"|jst|kst|ist|aest|aedt|msk)(?:\s*[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2}"
)
_TIME = (
    r"(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?|\d{1,2}\s*[ap]\.?m\.?)"
    rf"(?:\s*\(?(?:{_ZONE})\)?)?"
)
_ISO = r"\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?"
_CALENDAR = (
    rf"(?:\d{{4}}-{_MONTH}-\d{{1,2}}"  # 2022-December-9
    r"|\d{4}/\d{1,2}/\d{1,2}"  # 2022/12/09
    rf"|{_DAY}\s+{_MONTH},?\s+\d{{4}}"  # 9 December 2022
    rf"|{_MONTH}\s+{_DAY},?\s+\d{{4}}"  # Dec. 9, 2022
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"  # 2022年12月9日
)
DATE_PATTERN = re.compile(
    rf"(?<![\w-])(?:{_WEEKDAY})?(?:{_ISO}(?![\d:])|{_CALENDAR}(?:,?\s+(?:at\s+)?{_TIME}"
    rf"|(?:\s*[|/·-]\s*|\s+-\s+){_TIME})?)(?![\w])",
    re.IGNORECASE,
)

_US_EASTERN = ZoneInfo("America/New_York")
_US_CENTRAL = ZoneInfo("America/Chicago")
_US_MOUNTAIN = ZoneInfo("America/Denver")
_US_PACIFIC = ZoneInfo("America/Los_Angeles")
_TZINFOS: dict[str, tzinfo | int] = {
    "ET": _US_EASTERN,
    "EST": _US_EASTERN,
    "EDT": _US_EASTERN,
    "CT": _US_CENTRAL,
    "CST": _US_CENTRAL,
    "CDT": _US_CENTRAL,
    "MT": _US_MOUNTAIN,
    "MST": _US_MOUNTAIN,
    "MDT": _US_MOUNTAIN,
    "PT": _US_PACIFIC,
    "PST": _US_PACIFIC,
    "PDT": _US_PACIFIC,
    "BST": ZoneInfo("Europe/London"),
    "CET": ZoneInfo("Europe/Paris"),
    "CEST": ZoneInfo("Europe/Paris"),
    "EET": ZoneInfo("Europe/Athens"),
    "EEST": ZoneInfo("Europe/Athens"),
    "HKT": ZoneInfo("Asia/Hong_Kong"),
    "SGT": ZoneInfo("Asia/Singapore"),
    "JST": ZoneInfo("Asia/Tokyo"),
    "KST": ZoneInfo("Asia/Seoul"),
    "IST": ZoneInfo("Asia/Kolkata"),
    "AEST": ZoneInfo("Australia/Sydney"),
    "AEDT": ZoneInfo("Australia/Sydney"),
    "MSK": ZoneInfo("Europe/Moscow"),
}
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b", re.IGNORECASE)
_MERIDIEM = re.compile(r"\b([ap])\.m\.?", re.IGNORECASE)
_CHINESE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_WEEKDAY_PREFIX = re.compile(rf"^{_WEEKDAY}", re.IGNORECASE)
_NOISE = re.compile(r"\bat\b|[|·()]|(?<=[a-z])\.", re.IGNORECASE)


def current_zone() -> ZoneInfo:
    """The zone naive dates are taken in: Django's ``TIME_ZONE``, read when needed.

    Outside a configured Django project (a bare script) this is UTC.
    """
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    try:
        name = settings.TIME_ZONE
    except ImproperlyConfigured:
        name = "UTC"
    return ZoneInfo(name or "UTC")


def find_date(text: str) -> re.Match[str] | None:
    """The first date-looking span in ``text`` (not yet checked by parsing)."""
    return DATE_PATTERN.search(text)


def parse_date(text: str) -> datetime | None:
    """Parse one date as news sites print it; return an aware datetime or None.

    Naive dates are taken in the current zone (settings.TIME_ZONE); the result is expressed in
    that zone too, so notes and forms show the time a reader in the newsroom would. What the
    text itself gave (a time or not, a zone or not) is `given()`'s to tell.
    """
    parsed = _parse(text)
    if parsed is None:
        return None
    zone = current_zone()
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)


@dataclass(frozen=True)
class Given:
    """What a date's text states beyond the day: whether it gives a time, and the UTC offset
    it gives (minutes east of UTC), if any."""

    time_known: bool = True
    offset_minutes: int | None = None


# A time in the text: "18:49", "6pm", "6 p.m.", ISO's "T18:49". Trafilatura writes a date-only
# meta tag as midnight with no zone ("2022-12-09T00:00:00"): that is a date, not a time.
_HAS_TIME = re.compile(r"\d:\d\d|\d\s*[ap]\.?m\b|\dt\d", re.IGNORECASE)
_BARE_MIDNIGHT = re.compile(r"^\d{4}-\d{2}-\d{2}[t ]00:00(?::00)?$", re.IGNORECASE)


def given(text: str) -> Given:
    """What ``text`` (a date `parse_date` reads) states: a time or only a day, and its offset."""
    cleaned = text.strip()
    if not _HAS_TIME.search(cleaned) or _BARE_MIDNIGHT.match(cleaned):
        return Given(time_known=False)
    parsed = _parse(cleaned)
    offset = parsed.utcoffset() if parsed is not None and parsed.tzinfo is not None else None
    if offset is None:
        return Given()
    return Given(offset_minutes=int(offset.total_seconds() // 60))


def format_as_given(value: datetime, *, time_known: bool, offset_minutes: int | None) -> str:
    """A publication date as its source gave it: "9 December 2022" when only the day is known;
    "9 December 2022, 18:49 +08:00" in the offset the source stated; else the time in the
    current zone, named ("9 December 2022, 11:49 CET")."""
    from django.utils import dateformat

    if offset_minutes is not None:
        local = value.astimezone(timezone(timedelta(minutes=offset_minutes)))
        sign = "+" if offset_minutes >= 0 else "-"
        hours, minutes = divmod(abs(offset_minutes), 60)
        zone_label = f"{sign}{hours:02d}:{minutes:02d}"
    else:
        local = value.astimezone(current_zone())
        zone_label = local.strftime("%Z")
    if not time_known:
        return dateformat.format(local, "j F Y")
    return f"{dateformat.format(local, 'j F Y, H:i')} {zone_label}"


def _parse(text: str) -> datetime | None:
    """The date as written: aware when the text gives a zone, else naive."""
    cleaned = text.strip()
    if len(cleaned) > 80 or not DATE_PATTERN.fullmatch(cleaned):
        return None  # not one of the full-date forms: "2022" or "December" alone are not dates
    cleaned = _CHINESE.sub(r"\1-\2-\3", cleaned)
    cleaned = _WEEKDAY_PREFIX.sub("", cleaned)
    cleaned = _ORDINAL.sub("", cleaned)
    cleaned = _MERIDIEM.sub(r"\1M", cleaned)
    cleaned = _NOISE.sub(" ", cleaned)
    try:
        parsed = dateutil_parser.parse(cleaned, tzinfos=_TZINFOS)
    except (ValueError, OverflowError, TypeError):
        return None
    if not 1900 <= parsed.year <= datetime.now(tz=current_zone()).year + 1:
        return None
    return parsed


def format_local(value: datetime, *, time_known: bool = True) -> str:
    """``2022-12-09 18:49`` in the current zone, for notes shown to editors; ``2022-12-09``
    when the source gave only the day."""
    return value.astimezone(current_zone()).strftime("%Y-%m-%d %H:%M" if time_known else "%Y-%m-%d")


def published_label(holder: Any) -> str:
    """The publication date of an article or a reading (`published_at`, `published_time_known`,
    `published_offset`) as the source gave it; "" when there is none."""
    if holder.published_at is None:
        return ""
    return format_as_given(
        holder.published_at,
        time_known=holder.published_time_known,
        offset_minutes=holder.published_offset,
    )
