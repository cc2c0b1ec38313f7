"""Cleaning rules: what in a pasted article is not the article's own text.

Each rule looks at one paragraph (or line) and either lets it through or returns an `Outcome`:
a note for the editor, the metadata it carried (byline, date, editor, outlet) and, for rules that
trim a prefix such as a "(Reuters) -" dateline, the text that stays. Every rule is anchored and
bounded, and long paragraphs skip the rules made for short lines, so cleaning is linear in the
size of the article.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from .dates import find_date, format_local, given, parse_date

SHORT_LINE = 200  # bylines, credits, navigation: anything longer is prose
BYLINE_WORDS = 24  # names, labels and a date; a longer line is a sentence
NOTE_QUOTE = 80  # how much of a dropped line a note quotes


@dataclass
class Outcome:
    note: str
    keep: str = ""  # what stays in the body in place of the paragraph ("" drops it)


@dataclass
class Found:
    """Metadata gathered from the body while cleaning it."""

    author: str = ""
    editor: str = ""
    outlet: str = ""
    agency: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    published_text: str = ""  # the dates as written, for what they state (dates.given)
    updated_text: str = ""


@dataclass
class Cleaned:
    paragraphs: list[str]
    dropped: list[str]
    found: Found


@dataclass
class _State:
    title_key: str
    found: Found = field(default_factory=Found)
    index: int = 0
    title_seen: bool = False
    link_list_after: str = ""  # the marker line ("More from X") whose link list we are in


Rule = Callable[[str, _State], Outcome | None]


def quote(line: str) -> str:
    shown = line if len(line) <= NOTE_QUOTE else line[: NOTE_QUOTE - 1].rstrip() + "…"
    return f'"{shown}"'


def title_key(text: str) -> str:
    """A comparison key for titles: case, quote style, spacing and end punctuation ignored."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’‛“”„«»", '\'\'\'"""""'))
    text = re.sub(r"[\s\-–—_:|]+", " ", text)
    return text.strip(" .!?\"'")


# --- names ---------------------------------------------------------------------------------

_NAME_PARTICLES = {
    "and", "&", "de", "del", "della", "der", "den", "di", "da", "dos", "du", "la", "le", "van",
    "von", "bin", "al", "el", "y", "e", "st.",
}  # fmt: skip


def clean_name(text: str) -> str | None:
    """The person named in ``text``, or None if it does not read as a name.

    A name is up to eight words, each capitalised (or an all-capital set of initials such as
    "WJH", or non-Latin script), with the usual particles ("de", "van", "and") between them.
    """
    text = text.strip(" ,;:|-–—.")
    if not text:
        return ""
    words = text.split()
    if len(words) > 8 or any(ch.isdigit() for ch in text):
        return None
    for word in words:
        if word.casefold() in _NAME_PARTICLES:
            continue
        first = word.lstrip("(\"'“‘")[:1]
        if not first or not first.isalpha() or first.islower():
            return None
    return text


# --- byline and date lines -----------------------------------------------------------------

_LABEL = re.compile(
    r"^(?:(?:first\s+|last\s+)?(?:published|posted|updated|modified|released|issued)(?:\s+(?:on|at))?"
    r"|date(?:d)?|time|发布时间|发布日期|时间|日期)\s*[:：]?\s*",
    re.IGNORECASE,
)
_UPDATED = re.compile(r"\b(?:updated|modified)\b", re.IGNORECASE)
_BY = re.compile(
    r"^(?:by|written\s+by|words\s+by|story\s+by|text\s+by|report(?:ed)?\s+by|author|authors"
    r"|reporter|作者|记者)(?:\s*[:：]\s*|\s+|$)(?P<rest>.*)$",
    re.IGNORECASE,
)
_SEGMENT_SPLIT = re.compile(r"\s*[|•·]\s*|\s+[-–—]\s+")
_READING_TIME = re.compile(
    r"^(?:\d+\s*(?:min(?:ute)?s?)\s*(?:read|reading)?|reading\s+time\s*:?.{0,20})$", re.IGNORECASE
)
_TRAILING_CONNECTOR = re.compile(r"\s+(?:on|at)$", re.IGNORECASE)
_NOT_NAMES = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
}  # fmt: skip
_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)+$")
_OUTLET_WORDS = re.compile(
    r"\b(?:daily|times|news|post|online|herald|journal|gazette|tribune|agency|press|review"
    r"|telegraph|guardian|observer|chronicle|express|reuters|xinhua|bloomberg|afp|bbc|cnn|cgtn"
    r"|network|radio|tv|television|magazine|weekly|media)\b",
    re.IGNORECASE,
)


@dataclass
class _Byline:
    author: str | None = None
    outlet: str = ""
    published_at: datetime | None = None
    updated_at: datetime | None = None
    date_text: str = ""

    @property
    def is_empty(self) -> bool:
        """Neither an author nor a date: a role, a place or an outlet alone is no byline."""
        return self.author is None and self.published_at is None and self.updated_at is None


def _other_segment(segment: str, result: _Byline) -> bool:
    """Accept what may stand beside a name and a date: an outlet ("China Daily",
    "chinadaily.com.cn"), else a short role or place ("Staff Writer", "Beijing"), ignored."""
    if _DOMAIN.match(segment):
        result.outlet = result.outlet or segment
        return True
    if len(segment.split()) > 5 or not clean_name(segment):
        return False
    if _OUTLET_WORDS.search(segment):
        result.outlet = result.outlet or segment
    return True


def parse_byline(line: str) -> _Byline | None:
    """Read a byline/date line ("By NAME | DATE", "DATE By: NAME", "Published: DATE", a bare
    date); None when any part of the line is something else, so prose is never taken."""
    if len(line) > SHORT_LINE or len(line.split()) > BYLINE_WORDS:
        return None
    result = _Byline()
    rest = _take_date(line, result)
    if rest is None:
        return None
    for segment in _segments(rest):
        if not _take_segment(segment, result):
            return None
    return None if result.is_empty else result


def _take_date(line: str, result: _Byline) -> str | None:
    """Record the line's first date, as the update time after "updated", else as the
    publication time; return the line with a separator in its place, or None when the date
    does not exist ("31 February 2022")."""
    match = find_date(line)
    if not match:
        return line
    when = parse_date(match.group())
    if when is None:
        return None
    result.date_text = match.group()
    if _UPDATED.search(line[: match.start()]):
        result.updated_at = when
    else:
        result.published_at = when
    return f"{line[: match.start()]} | {line[match.end() :]}"


def _segments(rest: str) -> Iterator[str]:
    """The parts of the line between separators, without labels ("Published:"), connectors
    ("on", "at") or reading times ("5 min read")."""
    for raw_segment in _SEGMENT_SPLIT.split(rest):
        segment = raw_segment.strip(" ,;|")
        segment = _TRAILING_CONNECTOR.sub("", _LABEL.sub("", segment)).strip(" ,;:")
        if segment and not _READING_TIME.match(segment):
            yield segment


def _take_segment(segment: str, result: _Byline) -> bool:
    """The first "By NAME" gives the author; any other part must be an outlet, role or place."""
    by = _BY.match(segment)
    if by and result.author is None:
        return _take_author(by.group("rest"), result)
    return _other_segment(segment, result)


def _take_author(rest: str, result: _Byline) -> bool:
    """What follows "By": a name, then after a comma an outlet or a role ("Staff Writer")."""
    name_part, _comma, extra = rest.partition(",")
    name = clean_name(name_part)
    if name is None or name.casefold() in _NOT_NAMES:
        return False
    extra = extra.strip(" ,")
    if extra and not _other_segment(extra, result):
        return False  # "By Monday, officials had counted ..." is prose
    result.author = name
    return True


def byline_rule(line: str, state: _State) -> Outcome | None:
    byline = parse_byline(line)
    if byline is None:
        return None
    found = state.found
    parts = []
    known_time = given(byline.date_text).time_known if byline.date_text else True
    if byline.published_at:
        parts.append(f"date {format_local(byline.published_at, time_known=known_time)}")
        if found.published_at is None:
            found.published_at, found.published_text = byline.published_at, byline.date_text
    if byline.updated_at:
        parts.append(f"updated {format_local(byline.updated_at, time_known=known_time)}")
        if found.updated_at is None:
            found.updated_at, found.updated_text = byline.updated_at, byline.date_text
    if byline.author:
        parts.append(f"author {byline.author}")
        found.author = found.author or byline.author
    elif byline.author == "":
        parts.append("no author given")
    if byline.outlet:
        parts.append(f"outlet {byline.outlet}")
        found.outlet = found.outlet or byline.outlet
    return Outcome(f"Byline parsed: {', '.join(parts)} from {quote(line)}")


_EDITOR = re.compile(
    r"^(?:(?:responsible|chief|managing|executive|copy)\s+)?(?:editor|editors|edited\s+by"
    r"|editing\s+by|责任编辑|编辑)\s*[:：]?\s*(?P<name>.+)$",
    re.IGNORECASE,
)


def editor_rule(line: str, state: _State) -> Outcome | None:
    match = _EDITOR.match(line) if len(line) <= 100 else None
    if not match:
        return None
    name = clean_name(match.group("name"))
    if not name:
        return None
    state.found.editor = state.found.editor or name
    return Outcome(f"Editor parsed: {name} from {quote(line)}")


_CREDITS = re.compile(
    r"^\(?(?:(?:additional\s+)?reporting|writing|editing|compiled|produced)\s+by\s+"
    r"(?P<names>[^;()]{1,150}?)(?:\s*;[^()]{0,200})?\)?$",
    re.IGNORECASE,
)
_PLACE = re.compile(r"\s+in\s+[A-Z][\w\s.-]*$")


def credits_rule(line: str, state: _State) -> Outcome | None:
    """Wire-service credits: "(Reporting by Jane Roe in London; Editing by John Doe)"."""
    match = _CREDITS.match(line) if len(line) <= 300 else None
    if not match:
        return None
    first = re.split(r",|\band\b", _PLACE.sub("", match.group("names")))[0]
    name = clean_name(first)
    if name and line.lstrip("(").lower().startswith(("reporting", "additional", "writing")):
        state.found.author = state.found.author or name
    return Outcome(f"Dropped credits line: {quote(line)}")


# --- outlet and source lines ---------------------------------------------------------------

_SOURCE = re.compile(r"^(?:source|sources|via|来源)\s*[:：]\s*(?P<name>.{1,100})$", re.IGNORECASE)
_FIRST_PUBLISHED = re.compile(
    r"^(?:this\s+(?:article|story|piece)\s+(?:was\s+|is\s+)?)?(?:originally|first)\s+"
    r"(?:published|appeared)\s+(?:on|in|by|at)\s+(?P<name>[^.]{1,80})\.?.{0,150}$",
    re.IGNORECASE,
)


def source_rule(line: str, state: _State) -> Outcome | None:
    match = _SOURCE.match(line) or _FIRST_PUBLISHED.match(line)
    if not match:
        return None
    name = match.group("name").strip(" .")
    state.found.outlet = state.found.outlet or name
    return Outcome(f"Source parsed: outlet {name} from {quote(line)}")


_MORE_FROM = re.compile(
    r"^(?:more|more\s+(?:stories|news|articles|coverage))\s+(?P<prep>from|on|by|in)\s+"
    r"(?P<name>.{1,80}?)\s*[:.]?$",
    re.IGNORECASE,
)
_LIST_MARKER = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|news|content|coverage|posts|reading|links|topics))?"
    r"|read\s+(?:more|next|also)|see\s+also|also\s+read|further\s+reading|more\s+stories"
    r"|recommended(?:\s+(?:for\s+you|stories|reading|articles))?|you\s+(?:may|might)\s+also\s+like"
    r"|most\s+(?:read|popular|viewed|shared)|trending(?:\s+now)?|top\s+stories|latest\s+(?:news|stories)"
    r"|editor'?s\s+picks|don'?t\s+miss|more\s+to\s+explore|相关新闻|相关阅读|推荐阅读)\s*[:.]?$",
    re.IGNORECASE,
)


def _is_outlet_name(text: str) -> bool:
    """ "Guangming Online", "the BBC", "reuters.com": not "the interview: she said ..."."""
    bare = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    return bool(clean_name(bare) or _DOMAIN.match(bare))


def link_list_rule(line: str, state: _State) -> Outcome | None:
    """ "More from X", "Related", "Most read": drop the marker and the headlines under it."""
    match = _MORE_FROM.match(line) if len(line) <= 100 else None
    if match and _is_outlet_name(match.group("name")):
        if match.group("prep").lower() == "from":
            state.found.outlet = state.found.outlet or match.group("name")
            detail = f" (outlet {match.group('name')})"
        else:
            detail = ""
        state.link_list_after = line
        return Outcome(f"Dropped link list heading{detail}: {quote(line)}")
    if _LIST_MARKER.match(line):
        state.link_list_after = line
        return Outcome(f"Dropped link list heading: {quote(line)}")
    return None


def in_link_list(line: str, state: _State) -> Outcome | None:
    """Headlines under a link list heading: short lines that are not sentences."""
    if not state.link_list_after:
        return None
    if COPYRIGHT.match(line):
        state.link_list_after = ""  # the page's footer, not one more headline
        return None
    if len(line) <= 150 and not line.endswith((".", ".”", '."', ".)")):
        return Outcome(f"Dropped link under {quote(state.link_list_after)}: {quote(line)}")
    state.link_list_after = ""
    return None


_RELATED = re.compile(
    r"^(?:related|read\s+more|read\s+also|also\s+read|see\s+also|read|more|recommended|watch"
    r"|listen|further\s+reading|more\s+on\s+this(?:\s+story)?|related\s+(?:article|story|video))"
    r"\s*[:：]\s*\S",
    re.IGNORECASE,
)


def related_rule(line: str, state: _State) -> Outcome | None:
    if len(line) <= 250 and _RELATED.match(line):
        return Outcome(f"Dropped related link: {quote(line)}")
    return None


# --- navigation, sharing, captions ---------------------------------------------------------

_SHARE_WORDS = {
    "share", "shares", "shared", "sharing", "this", "article", "story", "page", "post", "on", "via",
    "tweet", "twitter", "x", "facebook", "linkedin", "whatsapp", "telegram", "reddit", "pinterest",
    "email", "e", "mail", "print", "copy", "link", "copied", "wechat", "weibo", "messenger",
    "flipboard", "bluesky", "threads", "mastodon", "save", "bookmark", "gift", "send", "to",
    "a", "friend", "the", "url", "more", "options", "sina", "qzone",
}  # fmt: skip
_NAVIGATION = re.compile(
    r"^(?:advertisement|advertising|ad|sponsored(?:\s+content)?|skip\s+to\s+(?:main\s+)?content"
    r"|skip\s+navigation|back\s+to\s+top|go\s+to\s+top|scroll\s+to\s+top|home(?:\s*page)?|menu"
    r"|search|sign\s+in|log\s*in|close|subscribe(?:\s+now)?(?:\s+to\s+.{1,60})?"
    r"|sign\s+up\b.{0,80}\bnewsletters?\b.{0,60}|get\s+our\s+newsletter.{0,60}"
    r"|follow\s+us(?:\s+on\s+.{1,60})?|follow\b.{1,60}\bon\s+(?:twitter|x|facebook|instagram"
    r"|linkedin|threads|bluesky|mastodon|tiktok|youtube)\b.{0,40}"
    r"|listen\s+to\s+(?:this\s+)?(?:article|story)(?:\s*\S{0,20})?|\d+\s*min(?:ute)?s?\s+read"
    r"|reading\s+time\s*:?.{0,20}|click\s+here\b.{0,100}|font\s+size.{0,30}|text\s+size.{0,30}"
    r"|print\s+this\s+(?:page|article)|(?:view|show|leave\s+a|read|add\s+a)\s+comments?"
    r"|comments?(?:\s*\(\d+\))?|\d+\s+comments?|next\s+article|previous\s+article|next|prev(?:ious)?"
    r"|loading\.*|accept\s+(?:all\s+)?cookies|we\s+use\s+cookies\b.{0,300}"
    r"|(?:tags?|tagged|topics?|keywords?|filed\s+under|categories|category)\s*[:：].{0,200}"
    r"|(?:e-?mail|contact)\s*[:：]?\s*\S+@\S+\.\w+|getty\s+images|shutterstock"
    r"|afp\s+via\s+getty\s+images|打印|关闭窗口|分享到.{0,40}|返回顶部)$",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(
    r"^[^>»›|/\n]{1,40}(?:\s*[>»›]\s*[^>»›|/\n]{1,40}){1,8}$"  # Home > News
    r"|^[^>»›|/\n]{1,40}(?:\s*[|/]\s*[^>»›|/\n]{1,40}){2,8}$"  # Home | News | Sport
)


def navigation_rule(line: str, state: _State) -> Outcome | None:
    if len(line) > 400:
        return None
    if _NAVIGATION.match(line):
        return Outcome(f"Dropped navigation line: {quote(line)}")
    words = re.findall(r"\w+", line.casefold()) if len(line) <= 120 else []
    if words and all(word in _SHARE_WORDS for word in words):
        return Outcome(f"Dropped sharing line: {quote(line)}")
    if len(line) <= 150 and _BREADCRUMB.match(line):
        parts = re.split(r"[>»›|/]", line)
        if all(0 < len(part.split()) <= 4 for part in parts) and not line.endswith("."):
            return Outcome(f"Dropped navigation line: {quote(line)}")
    return None


_CAPTION_START = re.compile(
    r"^[(\[]?(?:photo|photos|photograph|picture|pictures|pic|image|images|file\s+photo|video"
    r"|graphic|illustration|credit|credits|image\s+credit|photo\s+credit|image\s+source"
    r"|image\s+caption|caption|图片来源|图)\s*(?:[:：/,|]|by\b)",
    re.IGNORECASE,
)
_CAPTION_END = re.compile(
    r"(?:[(\[](?i:photo|photos|image|picture|pic|file\s+photo|video|credit|graphic)\s*[:/：][^\])]"
    r"{1,80}[\])]|\b(?:REUTERS|AP\s+Photo|AFP|EPA(?:-EFE)?|Xinhua|Getty\s+Images|Shutterstock|IC"
    r"|VCG|AAP\s+Image|PA\s+Wire|Bloomberg)\s*/\s*[^/]{1,60}|\bvia\s+Getty\s+Images\)?"
    r"|\(Getty\s+Images\))\s*$",
)


def caption_rule(line: str, state: _State) -> Outcome | None:
    if len(line) > 400:
        return None
    tail = line[-120:].rstrip()
    credited = "/" in tail or "Getty" in tail or tail.endswith((")", "]"))
    if _CAPTION_START.match(line) or (credited and _CAPTION_END.search(tail)):
        return Outcome(f"Dropped image caption or credit: {quote(line)}")
    return None


# --- datelines and disclaimers -------------------------------------------------------------

_AGENCIES = (
    "Reuters|AP|AFP|Bloomberg|Xinhua|UPI|dpa|DPA|ANSA|EFE|PTI|IANS|ANI|CNN|AA|Kyodo|Yonhap|TASS"
    "|Sputnik|CNS|Anadolu|Bernama|Antara|KUNA|WAFA|IRNA|Lusa|AAP|CP|APA|SPA|MENA|CGTN|CNA"
)
_DATELINE = re.compile(
    rf"^(?P<dateline>(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}}"
    r"(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
    r"(?:,?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?))?\s*)?"
    rf"\((?P<agency>{_AGENCIES})\)\s*(?:[-–—]{{1,2}}|:)\s*)(?=\S)",
)
_CAPS_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z]{3,}(?:[ .][A-Z]{2,}){0,3}\.?(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*){0,2})?"
    r"\s+[-–—]{1,2}\s+)(?=\S)"
)


def dateline_rule(line: str, state: _State) -> Outcome | None:
    """Trim "BEIJING, Dec 9 (Reuters) -" from the start of a paragraph and keep the rest."""
    match = _DATELINE.match(line)
    if match:
        state.found.agency = state.found.agency or match.group("agency")
    elif state.index < 3:
        match = _CAPS_DATELINE.match(line)
    if not match:
        return None
    dateline = match.group("dateline").strip()
    return Outcome(f"Dropped dateline: {quote(dateline)}", keep=line[match.end() :])


_DISCLAIMER = re.compile(
    r"\b(?:views|opinions)\b.{0,60}?\b(?:expressed|stated|presented)\b.{0,80}?\b(?:are|is)\s+"
    r"(?:solely\s+|entirely\s+)?(?:those|that)\s+of\b"
    r"|\bnot\s+necessarily\s+(?:reflect|represent)\w*\s+(?:the\s+)?(?:views?|opinions?|positions?"
    r"|policy|policies)"
    r"|\ball\s+rights\s+reserved\b|\bmay\s+not\s+be\s+(?:re)?published,?\s+broadcast"
    r"|\bmakes?\s+no\s+representations?\s+as\s+to\b|^disclaimer\s*[:：]"
    r"|^免责声明",
    re.IGNORECASE,
)


_DISCLAIMER_WORDS = (
    "views", "opinions", "necessarily", "rights reserved", "may not be", "representation",
    "disclaimer", "免责",
)  # fmt: skip


def disclaimer_rule(line: str, state: _State) -> Outcome | None:
    if len(line) > 1000:
        return None
    lowered = line.casefold()
    if any(word in lowered for word in _DISCLAIMER_WORDS) and _DISCLAIMER.search(line):
        return Outcome(f"Dropped disclaimer: {quote(line)}")
    return None


# "© 2024 The Gazette", "Copyright (c) 2024", "版权所有": the page's copyright notice, on its own
# line (readers split a paragraph before one, see `starts_copyright`).
COPYRIGHT = re.compile(
    r"^(?:copyright\s*(?:©|\(c\))?\s*\d{4}|copyright\s*(?:©|\(c\))|©|\(c\)\s*\d{4}|版权所有)",
    re.IGNORECASE,
)


def copyright_rule(line: str, state: _State) -> Outcome | None:
    if len(line) <= 1000 and COPYRIGHT.match(line):
        return Outcome(f"Dropped copyright line: {quote(line)}")
    return None


def title_rule(line: str, state: _State) -> Outcome | None:
    if not state.title_key or abs(len(line) - len(state.title_key)) > 10:
        return None  # a copy of the title has about its length: skip the key for other lines
    if title_key(line) != state.title_key:
        return None
    if state.title_seen:
        return Outcome(f"Dropped repeated title: {quote(line)}")
    state.title_seen = True
    return Outcome(f"Dropped title line: {quote(line)}")


RULES: list[Rule] = [
    in_link_list,
    title_rule,
    dateline_rule,
    byline_rule,
    editor_rule,
    credits_rule,
    source_rule,
    link_list_rule,
    related_rule,
    navigation_rule,
    caption_rule,
    copyright_rule,
    disclaimer_rule,
]


def is_boilerplate(line: str) -> bool:
    """Whether a rule would take ``line`` out of the body (ignoring titles and link lists)."""
    state = _State(title_key="")
    return any(
        (outcome := rule(line, state)) is not None and not outcome.keep.strip()
        for rule in RULES
        if rule not in (in_link_list, title_rule)
    )


def clean(blocks: list[str], *, title: str = "") -> Cleaned:
    """Apply the rules to each block in order; return the kept paragraphs, notes and metadata."""
    state = _State(title_key=title_key(title) if title else "")
    paragraphs: list[str] = []
    dropped: list[str] = []
    for index, block in enumerate(blocks):
        state.index = index
        text = block
        for rule in RULES:
            outcome = rule(text, state)
            if outcome is None:
                continue
            dropped.append(outcome.note)
            text = outcome.keep.strip()
            if not text:
                break
        if text:
            paragraphs.append(text)
    return Cleaned(paragraphs=paragraphs, dropped=dropped, found=state.found)
