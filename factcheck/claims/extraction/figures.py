"""Figures as data: the quantities a text states, each parsed into value, kind, unit and context.

``parse_figures(text)`` finds every figure in ``text`` and returns it as a ``Figure``: the phrase as
written with its offsets (Python code points, ``text[start:end] == figure.text``), its value as a
float, its kind, its unit, the qualifier ("more than", "about", ...), the period the sentence
states for it and, for figures such as "10 years ahead of schedule", the comparison.

This module is also the one definition of what a figure is for the check-worthiness features:
the word lists and patterns below (``FIGURE``, ``YEAR``, ``PROPORTION``, ``RANK`` and the
qualifiers) are what ``features.py`` uses, through ``scan()``, to decide whether a sentence
"contains a figure". ``scan()`` is the detection the shipped weights were trained with and must
not change without retraining; ``parse_figures()`` starts from the same vocabulary and patterns
and refines them (see "Decisions" below), because a reviewer needs exact values where the model
only needs a yes or no. Deriving the features from ``parse_figures()`` instead would change the
"figure" feature on 563 of the 23,533 train and dev sentences (bare number words such as "two
parents", labels, vague amounts), so the shipped weights would no longer be reproducible.

Kinds: ``count`` (770 million people), ``percent`` (70 percent; value 70.0), ``money`` (value in
the currency's units, unit an ISO code), ``multiplier`` (180 times, twice), ``years`` (a
duration or age: 78.2 years), ``rank`` (second-largest: 2.0, unit the superlative), ``fraction``
(one fifth: 0.2; "3 in 10": 0.3), ``year`` (a calendar year such as 2012: a date, useful as a
period, never a quantity to check) and ``quantity`` (a measure with a unit: km, tonnes, months).

Decisions:

- Units. A count's unit is the noun it counts, lowercased (``jobs``, ``homes``); nouns naming
  persons (people, workers, troops, "the rural poor", demonyms such as "rural Chinese" or
  "Americans") all become ``people``, so "770 million rural Chinese" and "over 770 million rural
  poor" compare as the same unit. Currencies become ISO codes: $ and dollars USD, € and euros
  EUR, £ and sterling GBP, ¥, yuan, renminbi and RMB CNY, yen JPY. Bare "pounds" is a weight as
  often as money, so it is a ``quantity`` in ``pounds``.
- The phrase (``text``) runs from the qualifier ("more than") to the unit ("times", "percent",
  "people"); context after it ("ahead of schedule", "of the world's population") is not part of
  it but fills ``comparison``.
- Qualifiers are normalised: "more than" (over, above, exceeding, upwards of, in excess of, more
  than), "less than" (under, below, fewer than), "about" (about, around, some, roughly,
  approximately, close to, an estimated), "nearly" (nearly, almost: just below the figure),
  "at least" (at least, no less than, "or more"), "at most" (at most, up to, as many as, no more
  than, "or less"), "exactly" (exactly, precisely); "only" and "just" carry no bound and give "".
- Vague amounts ("dozens of", "hundreds of", "thousands of", "millions of") are figures of kind
  ``count`` with ``value`` None: a reviewer sees them, nothing can compare them.
- Not figures: labels and names ("No. 5", "#5", "Article 5", "Section 230", "Windows 10", "World
  War Two", "COVID-19", "G20"), ordinals outside ranks ("2nd", "World War II"), telephone numbers
  ("555-1234", "+1 202 555 0143") and bare "one" (a pronoun more often than a number). A number
  word other than "one" counts when a noun follows it ("two countries").
- A four-digit number from 1500 to 2099 is a ``year`` unless a unit, scale, currency,
  qualifier or count noun makes it a quantity ("2000 soldiers", "more than 2000"). "the 1990s"
  is a year (value 1990, unit "decade"), and so is an ISO date ("2020-12-09": value 2020, unit
  "date"). In "2019-20" the "20" is the year 2020. Years used as part of a name ("the 2030
  Agenda") are still years but are not taken as the period of other figures.
- "3 in 10" is a proportion, but not when the first number is the tail of a larger one
  ("2,280 in 2024") or the second is a year ("5 in 2019"): ``PROPORTION`` says so. A year
  followed by "year" ("the 2024 year") is a ``year``, not a duration of 2024 years.
- Chinese (and Japanese, traditional characters) is read by ``_zh_candidates`` into the same
  records: 7.7亿 a count of 770,000,000, 百分之七十 / 70％ percent, 78.2岁 years, 2020年 a
  year, with 超过 / 以上 "more than", 近 "nearly", 约 / 左右 "about" (see the notes there).
  ``scan()`` does not see them: the shipped weights were trained on English only.
- Period: the year or range ("2012", "1978-2020"; "since 1978" gives "1978-") stated in the same
  sentence, the nearest one to the figure; "" when the sentence states none.
"""

import re
from dataclasses import asdict, dataclass

from .segmentation import CLOSING, OPENING, OTHER_STOPS, TERMINAL_CHARS, segment

# --- Vocabulary shared with features.py (the trained features depend on these exact strings) --

NUMBER_WORDS = (
    "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    "hundred|thousand|million|billion|trillion|dozen"
)
SCALES = "hundred|thousand|million|billion|trillion"
UNITS = (
    "percent|per cent|percentage points?|points?|times|fold|years?|months?|weeks?|days?|hours?|"
    "people|persons|men|women|children|kids|jobs|workers|dollars?|cents|yuan|euros|pounds|"
    "barrels|tons|tonnes|miles|kilometers|kilometres|acres|votes|cases|deaths|lives|troops|"
    "soldiers|students|families|households|homes|companies|businesses|countries|nations|states|"
    "americans|citizens|residents"
)
QUALIFIERS = (
    "more than|less than|fewer than|over|under|nearly|almost|about|around|some|approximately|"
    "roughly|at least|at most|up to|only|just|close to|as many as|as much as"
)
FRACTIONS = (
    "half|halves|third|thirds|quarter|quarters|fourth|fourths|fifth|fifths|sixth|sixths|"
    "seventh|sevenths|eighth|eighths|ninth|ninths|tenth|tenths|hundredth|hundredths"
)
ORDINALS = r"second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)"
SUPERLATIVES = (
    "largest|biggest|highest|lowest|greatest|smallest|fastest|slowest|strongest|weakest|poorest|"
    "richest|oldest|youngest|longest|shortest|worst|best|deadliest|wealthiest|cheapest|most|least"
)
CURRENCY = "$€£¥"

_digits = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_word_number = rf"(?:{NUMBER_WORDS})(?:[\s-]+(?:and[\s-]+)?(?:{NUMBER_WORDS}))*"

# A number (digits, a currency amount or number words), its scale and its unit. Runs on the
# lowercased sentence; the qualifier ("more than") is looked for just before the match.
FIGURE = re.compile(
    rf"(?P<number>(?P<currency>[{CURRENCY}])\s?{_digits}|(?<![\w.]){_digits}(?![\w.]\d)"
    rf"|\b{_word_number}\b)"
    rf"(?P<scale>\s*-?(?:{SCALES})\b)?"
    rf"(?P<unit>\s*%|[\s-]+(?:{UNITS})\b)?"
)
_SMALL_NUMBERS = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
_PROPORTION_WORDS = {*FRACTIONS.split("|"), *_SMALL_NUMBERS}  # one of them, or a digit
QUALIFIER_BEFORE = re.compile(rf"\b(?:{QUALIFIERS})\s+$")
YEAR = re.compile(r"(?<![\w$.,])(?:1[5-9]\d\d|20\d\d)(?!\w|[,.]\d)(?:'?s)?")
PROPORTION = re.compile(
    rf"\b(?:(?:one|two|three|four|five|six|seven|eight|nine)[\s-](?:{FRACTIONS})\b"
    rf"|(?:a|an)\s+(?:{FRACTIONS})\s+of\b"
    r"|half\s+of\b"
    r"|(?<![\d,.])\d+\s+(?:in|out of)\s+(?:every\s+)?(?!(?:1[5-9]\d\d|20\d\d)\b)\d+\b"
    rf"|(?:one|two|three|four|five|nine)\s+(?:in|out of)\s+(?:every\s+)?(?:{NUMBER_WORDS})\b)"
)
RANK = re.compile(rf"(?<![\w'])(?:{ORDINALS})[\s-](?:{SUPERLATIVES})(?![\w'])")

FRACTION_WORDS = set(FRACTIONS.split("|")) | {"in", "out"}
SUPERLATIVE_WORDS = set(SUPERLATIVES.split("|"))
NUMBER_WORD_SET = set(NUMBER_WORDS.split("|"))
ORDINAL_WORDS = set(ORDINALS.split(r"|\d+")[0].split("|"))  # second ... tenth
SCALE_WORDS = SCALES.split("|")


def scan(low: str, token_set: set[str], has_digit: bool) -> tuple[list[str], set[str]]:
    """The figures of a lowercased sentence as the check-worthiness features see them.

    Quantities, proportions ("one fifth") and ranks ("second-largest"), in reading order, each
    as its whitespace-normalised phrase with the qualifier before it; and which of them are
    ranks. ``token_set`` (the sentence's words) and ``has_digit`` let it skip the regular
    expressions when they cannot match. The shipped weights were trained on exactly this.
    """
    spans: list[tuple[int, int]] = []
    names = token_set
    if "'" in low:  # "one's" is a token; "one" in it is a number word to the patterns
        names = token_set | {
            part for token in token_set if "'" in token for part in token.split("'")
        }
    if has_digit or token_set & NUMBER_WORD_SET:
        for match in _tried_at_starts(FIGURE, low, names):
            if _counts_for_features(match):
                start = match.start()
                qualifier = QUALIFIER_BEFORE.search(low, max(start - 20, 0), start)
                spans.append((qualifier.start() if qualifier else start, match.end()))
    if token_set & FRACTION_WORDS and (has_digit or names & _PROPORTION_WORDS):
        spans += [match.span() for match in PROPORTION.finditer(low)]
    rank_spans = []
    # A rank starts with an ordinal: a digit ("2nd") or a whole word ("second").
    if token_set & SUPERLATIVE_WORDS and (has_digit or token_set & ORDINAL_WORDS):
        rank_spans = [match.span() for match in RANK.finditer(low)]
        spans += rank_spans
    kept = _longest_first(spans)
    figures = [" ".join(low[start:end].split()) for start, end in kept]
    ranks = {" ".join(low[start:end].split()) for start, end in rank_spans}
    return figures, ranks


def _tried_at_starts(pattern: re.Pattern[str], low: str, names: set[str]) -> list[re.Match[str]]:
    """The matches of ``pattern`` (``FIGURE`` or ``_NUMBER``) in ``low``, as ``finditer``
    gives them, but tried only where one can start: at a currency sign, a run of digits, a
    number word of ``names`` (the [a-z]+ words of ``low``) or "a"/"an" before a scale. Their
    number words make these patterns slow to run along a whole sentence; tried at a few places
    they are not."""
    starts = [match.start() for match in _NUMBER_START.finditer(low)]
    for word in names & NUMBER_WORD_SET:
        position = low.find(word)
        while position != -1:
            starts.append(position)
            position = low.find(word, position + 1)
    if "a" in names or "an" in names:
        starts += [match.start() for match in _A_SCALE.finditer(low)]
    found = []
    end = 0
    for start in sorted(set(starts)):
        if start >= end and (match := pattern.match(low, start)):
            found.append(match)
            end = match.end()
    return found


def _counts_for_features(match: re.Match[str]) -> bool:
    """A number counts as a figure unless it is only a year, or a bare number word ("one")."""
    number = match.group("number")
    if match.group("currency") or match.group("unit") or match.group("scale"):
        return True
    if number[0].isdigit():
        return not YEAR.fullmatch(number)
    return any(scale in number for scale in SCALE_WORDS)


def _longest_first(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest first, dropping any span overlapping one already kept ("3 in 10" over "3");
    the kept spans in reading order."""
    kept: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= other_start or start >= other_end for other_start, other_end in kept):
            kept.append((start, end))
    return sorted(kept)


# --- The parser --------------------------------------------------------------------------------

KINDS = ("count", "percent", "money", "multiplier", "years", "rank", "fraction", "year", "quantity")


@dataclass(frozen=True)
class Figure:
    text: str
    start: int
    end: int
    value: float | None
    kind: str
    unit: str = ""
    qualifier: str = ""
    period: str = ""
    comparison: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


_SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
_SCALE_VALUES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
_DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
    "hundredth": 100, "hundredths": 100,
}  # fmt: skip
_ORDINAL_VALUES = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "CNY"}
# Words after a number, longest first within each entry's alternatives: (pattern, kind, unit).
_UNIT_TABLE: tuple[tuple[str, str, str], ...] = (
    (r"%|percent|per\s+cent|pct\b", "percent", "percent"),
    (r"percentage\s+points?", "percent", "percentage points"),
    (r"times|-?fold", "multiplier", "times"),
    (r"years?(?:\s+old)?|-years?-old|-years?", "years", "years"),
    (r"months?|-months?", "quantity", "months"),
    (r"weeks?|-weeks?", "quantity", "weeks"),
    (r"days?|-days?", "quantity", "days"),
    (r"hours?|-hours?", "quantity", "hours"),
    (r"decades?", "quantity", "decades"),
    (r"centuries|century", "quantity", "centuries"),
    (r"(?:us\s+|american\s+)?dollars?", "money", "USD"),
    (r"cents", "money", "USD cents"),
    (r"euros?", "money", "EUR"),
    (r"(?:pounds\s+)?sterling", "money", "GBP"),
    (r"yuan|renminbi|rmb", "money", "CNY"),
    (r"yen", "money", "JPY"),
    (r"rupees?", "money", "INR"),
    (r"roubles?|rubles?", "money", "RUB"),
    (r"pounds?|lbs?\b", "quantity", "pounds"),
    (r"square\s+(?:kilomet(?:er|re)s?|km)|sq\.?\s*km|km2|km²", "quantity", "km2"),
    (r"square\s+miles?", "quantity", "square miles"),
    (r"kilomet(?:er|re)s?|km", "quantity", "km"),
    (r"miles?", "quantity", "miles"),
    (r"met(?:er|re)s?", "quantity", "m"),
    (r"centimet(?:er|re)s?|cm", "quantity", "cm"),
    (r"kilograms?|kilos?|kg", "quantity", "kg"),
    (r"tonnes?|metric\s+tons?", "quantity", "tonnes"),
    (r"tons?", "quantity", "tons"),
    (r"barrels?", "quantity", "barrels"),
    (r"acres?", "quantity", "acres"),
    (r"hectares?|ha\b", "quantity", "hectares"),
    (r"lit(?:er|re)s?", "quantity", "litres"),
    (r"gallons?", "quantity", "gallons"),
    (r"gigawatts?|gw\b", "quantity", "GW"),
    (r"megawatts?|mw\b", "quantity", "MW"),
    (r"kwh|kilowatt[\s-]hours?", "quantity", "kWh"),
    (r"degrees?(?:\s+(?:celsius|fahrenheit))?|°c|°f", "quantity", "degrees"),
    (r"points?", "quantity", "points"),
)
_UNIT = re.compile(
    "|".join(f"(?P<u{i}>(?:{pattern})(?![a-z]))" for i, (pattern, _, _) in enumerate(_UNIT_TABLE))
)
_PERSONS = {
    "people", "persons", "person", "men", "women", "children", "kids", "adults", "residents",
    "citizens", "inhabitants", "voters", "workers", "employees", "students", "pupils", "patients",
    "soldiers", "troops", "refugees", "migrants", "immigrants", "poor", "elderly", "individuals",
    "americans", "members", "farmers", "officials", "users", "victims", "lives", "deaths",
}  # fmt: skip
_DEMONYM_ENDINGS = ("ese", "ans", "ians", "is", "ish", "ch")
# Words that end the noun a count counts ("770 million people *were*").
_STOP = {
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "than", "that", "which", "who", "whom", "whose", "this", "these", "those", "it",
    "its", "is", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does",
    "did", "will", "would", "can", "could", "may", "might", "shall", "should", "must", "not",
    "no", "per", "each", "every", "more", "less", "fewer", "ago", "later", "earlier", "before",
    "after", "ahead", "behind", "since", "until", "as", "so", "such", "into", "out", "over",
    "under", "about", "around", "between", "among", "through", "during", "last", "next", "then",
    "there", "their", "they", "we", "our", "he", "she", "his", "her", "you", "your", "i", "my",
    "what", "when", "where", "how", "why", "all", "both", "some", "any", "up", "down", "off",
    "again", "also", "still", "just", "only", "even", "too", "very", "if", "while", "because",
}  # fmt: skip
_MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}  # fmt: skip
# Words after which a number is a label, not a quantity ("No. 5", "Article 5").
_LABEL_BEFORE = re.compile(
    r"(?:\b(?:no|nos|nr|p|pp|vol|art|sec|ch|para|apt)\.|\b(?:number|article|section|chapter|"
    r"resolution|room|rule|route|flight|page|volume|item|paragraph|clause|grade|level|phase|"
    r"category|channel|platform|gate|highway|interstate|proposition|version|episode|season|"
    r"model|ward|district|precinct|suite|apartment)|#)\s*$"
)
_QUALIFIER_TABLE: tuple[tuple[str, str], ...] = (
    ("just over|well over|well above|more than|over|above|exceeding|upwards of|in excess of|"
     "greater than|higher than", "more than"),
    ("just under|well under|less than|fewer than|under|below|lower than", "less than"),
    ("no less than|no fewer than|not less than|at least|a minimum of", "at least"),
    ("no more than|not more than|at most|up to|as many as|as much as|a maximum of", "at most"),
    ("nearly|almost", "nearly"),
    ("about|around|some|roughly|approximately|approx\\.|close to|an estimated|"
     "estimated|circa|ca\\.", "about"),
    ("exactly|precisely", "exactly"),
    ("only|just|barely", ""),
)  # fmt: skip
_QUALIFIER = re.compile(
    r"(?<![\w'])(?:"
    + "|".join(f"(?P<q{i}>{words})" for i, (words, _) in enumerate(_QUALIFIER_TABLE))
    + r")\s+$"
)
_POST_QUALIFIER = re.compile(
    r"\s+(?P<more>or\s+more|or\s+above|and\s+up|and\s+above)\b"
    r"|\s+(?P<less>or\s+less|or\s+fewer|or\s+below)\b"
    r"|\s+(?P<about>or\s+so)\b"
    r"|(?P<plus>\+|-plus\b)"
)

_SPACE = r"[ \u00a0\u202f]"
_NUMBER = re.compile(
    rf"(?:(?P<currency>us\$|[{CURRENCY}]){_SPACE}?)?"
    r"(?:(?<![\w.,])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d,]\d)"
    rf"|\d{{1,3}}(?:{_SPACE}\d{{3}})+(?![\d.,]?\d)"
    r"|\d+(?:\.\d+)?)(?!\d)"
    rf"|\b(?P<words>(?:(?:a|an)[\s-]+(?:{SCALES}|dozen)|(?:{NUMBER_WORDS}))"
    rf"(?:[\s-]+(?:and[\s-]+)?(?:{NUMBER_WORDS}))*)\b)"
)
# Where a match of _NUMBER or FIGURE can start, besides a number word: a currency or a run of
# digits ("us" of "us$"); and "a"/"an" before a scale ("a million").
_NUMBER_START = re.compile(rf"[{CURRENCY}]|\d+|us(?=\$)")
_A_SCALE = re.compile(rf"\b(?:a|an)[\s-]+(?:{SCALES}|dozen)")
_SCALE_AFTER = re.compile(
    rf"{_SPACE}?-?(?P<word>{SCALES})\b|{_SPACE}?(?P<short>bn|mn|mln|tn|trn)\b|(?P<money>[mkb])\b"
)
_GAP = re.compile(_SPACE + "?")
_DECADE = re.compile(r"'?s\b")
_ISO_DATE = re.compile(r"(?<![\w.])(?P<year>1[5-9]\d\d|20\d\d)-[01]\d-[0-3]\d(?!\d)")
_VAGUE = re.compile(
    r"(?<![\w'])(?:(?:tens|hundreds|thousands|millions|billions)\s+of\s+"
    r"(?:(?:thousands|millions|billions)\s+of\s+)?|dozens\s+of\s+|scores\s+of\s+)(?=[a-z])"
)
_FRACTION = re.compile(
    r"(?<![\w'])(?:(?P<num>one|two|three|four|five|six|seven|eight|nine|ten)[\s-]+"
    rf"(?P<den>{FRACTIONS})(?![\w'])"
    rf"|(?:a|an)\s+(?P<den2>{FRACTIONS})(?=\s+of\b)"
    r"|(?P<half>half)(?=\s+(?:of|the|a|an|its|their|all|our|his|her)\b)"
    r"|(?P<n>\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:in|out\s+of)\s+"
    r"(?:every\s+)?(?P<d>\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|hundred|"
    r"a\s+hundred|a\s+thousand)(?![\w']))"
)
_TWICE = re.compile(r"(?<![\w'])(?:twice|thrice)(?![\w'])")
_PHONE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,5}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,5}){1,4}"
    r"(?![\w]|[.,]\d)"
)
_YEAR_RANGE = re.compile(
    r"(?<![\w$.,])(?P<a>1[5-9]\d\d|20\d\d)\s*[-–—]\s*(?P<b>1[5-9]\d\d|20\d\d|\d\d)(?![\w]|[,.]\d)"
    r"|\b(?:between|from)\s+(?P<c>1[5-9]\d\d|20\d\d)\s+(?:and|to|until|till|through)\s+"
    r"(?P<d>1[5-9]\d\d|20\d\d)(?![\w]|[,.]\d)"
)
_SINCE = re.compile(r"\bsince\s+$")
_CALENDAR_YEAR = re.compile(r"[ \u00a0\u202f]year\b(?![\s-]+old)")
_COMPARISON_AFTER = re.compile(r"\s+(?P<word>ahead|behind)\b")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’]*)(\.?)\s+$")
_SPACE_OR_HYPHEN = re.compile(r"[\s-]")
_SPACES_OR_HYPHENS = re.compile(r"[\s-]+")
_NOT_DIGIT = re.compile(r"\D")
_DIGIT_SEPARATOR = re.compile(r"[,\s\u00a0\u202f]")
_CODE_BEFORE = re.compile(r"[A-Za-z]\w*-$")  # "COVID-" before "19"
_CAPITAL_AFTER = re.compile(r"\s+[A-Z]")
_NOUN_AFTER = re.compile(r"[ \u00a0\u202f]+([A-Za-z][a-z]*(?:['’]s)?|[A-Z]+)(?![\w-])")
# What parse_figures looks for before running a pattern (see there).
_YEAR_DIGITS = re.compile(r"(?:1[5-9]|20)\d\d")  # all year patterns need one
_DIGIT_GROUPS = re.compile(r"\d[\s.-]\d")  # a telephone number has some
# What may end a sentence (see segmentation.py): a stop, a bracket, a line break; not the point
# of a decimal ("78.2").
_MAY_END_SENTENCE = re.compile(
    r"(?<!\d)\.|\.(?!\d)|["
    + re.escape("".join(sorted({"\n", *TERMINAL_CHARS, *OTHER_STOPS, *OPENING, *CLOSING} - {"."})))
    + "]"
)
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[a-z]+")
_FRACTION_NAMES = set(FRACTIONS.split("|"))
_IN_OUT = {"in", "out"}
_VAGUE_WORDS = {"tens", "hundreds", "thousands", "millions", "billions", "dozens", "scores"}
_TWICE_WORDS = {"twice", "thrice"}
_FIGURE_WORDS = NUMBER_WORD_SET | _FRACTION_NAMES | SUPERLATIVE_WORDS | _VAGUE_WORDS | _TWICE_WORDS


def parse_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in reading order, as a ``Figure``; see the module's notes."""
    low = _lower(text)
    chinese = not text.isascii() and bool(_CJK.search(text))
    # Each pattern below runs only when the text has what it needs to match: a digit, or one of
    # its words (a [a-z]+ run of the text, as each pattern wants its words whole). Most sentences
    # have neither, and so no figure.
    has_digit = _DIGIT.search(low) is not None
    words = set(_LETTERS.findall(low))
    if not (has_digit or chinese or words & _FIGURE_WORDS):
        return []
    has_year = has_digit and _YEAR_DIGITS.search(low) is not None
    ranges = list(_YEAR_RANGE.finditer(low)) if has_year else []
    # (start, end, priority, info): a pattern with structure (a fraction, a rank, a range of
    # years) wins over the bare numbers inside it; otherwise the longest candidate wins.
    candidates: list[tuple[int, int, int, dict]] = []
    phones = []
    if has_digit and _DIGIT_GROUPS.search(low):
        phones = [match.span() for match in _PHONE.finditer(low) if _is_phone(match.group(0))]
    if has_year and "-" in low:
        for match in _ISO_DATE.finditer(low):
            candidates.append((*match.span(), 0, _year(float(match.group("year")), "date")))
    for match in ranges:
        for group in ("a", "b", "c", "d"):
            if year := match.group(group):
                if len(year) == 2:  # "2019-20"
                    year = match.group("a")[:2] + year
                info = _year(float(year))
                candidates.append((match.start(group), match.end(group), 0, info))
    fractions = words & _FRACTION_NAMES or (
        words & _IN_OUT and (has_digit or words & _SMALL_NUMBERS)
    )
    for match in _FRACTION.finditer(low) if fractions else ():
        end, unit = match.end(), ""
        if match.group("d"):
            end, unit = _counted(text, low, end)
        info = {"value": _fraction(match), "kind": "fraction", "unit": unit}
        candidates.append((match.start(), end, 0, info))
    for match in RANK.finditer(low) if words & SUPERLATIVE_WORDS else ():
        ordinal, superlative = _SPACE_OR_HYPHEN.split(match.group(0), maxsplit=1)
        value = _ORDINAL_VALUES.get(ordinal) or float(_NOT_DIGIT.sub("", ordinal))
        info = {"value": float(value), "kind": "rank", "unit": superlative}
        candidates.append((match.start(), match.end(), 0, info))
    for match in _VAGUE.finditer(low) if words & _VAGUE_WORDS else ():
        end, unit = _counted(text, low, match.end() - 1)
        info = {"value": None, "kind": "count", "unit": unit}
        candidates.append((match.start(), max(end, match.end() - 1), 0, info))
    for match in _TWICE.finditer(low) if words & _TWICE_WORDS else ():
        value = 2.0 if match.group(0) == "twice" else 3.0
        info = {"value": value, "kind": "multiplier", "unit": "times"}
        candidates.append((match.start(), match.end(), 0, info))
    numbers = _tried_at_starts(_NUMBER, low, words) if has_digit or words & NUMBER_WORD_SET else []
    for match in numbers:
        if any(start <= match.start() < end for start, end in phones):
            continue
        parsed = _number(text, low, match)
        if parsed is not None:
            candidates.append((parsed[0], parsed[1], 1, parsed[2]))
    if chinese:
        candidates += _zh_candidates(text, low)
    kept = [item for item in _resolve(candidates) if item[2] is not _NOT_A_FIGURE]
    kept = _share_units(low, kept)
    periods = _periods(text, low, ranges, chinese) if has_year else []
    sentences = _sentence_spans(text, periods, kept) if periods else []
    figures = []
    for start, end, info in kept:
        if "qualifier" in info:  # a Chinese figure: its qualifier is already read
            qualifier = info["qualifier"]
        else:
            qualifier = ""
            if found := _QUALIFIER.search(low, max(start - 24, 0), start):
                qualifier = _qualifier_of(found)
                start = found.start()
            end, qualifier = _post_qualifier(low, end, qualifier)
        comparison = ""
        if info["kind"] in ("years", "quantity", "count") and (
            found := _COMPARISON_AFTER.match(low, end)
        ):
            comparison = found.group("word")
        period = "" if info["kind"] == "year" else _period_for(periods, sentences, start, end)
        figures.append(
            Figure(
                text=text[start:end],
                start=start,
                end=end,
                value=info["value"],
                kind=info["kind"],
                unit=info.get("unit", ""),
                qualifier=qualifier,
                period=period,
                comparison=comparison,
            )
        )
    return figures


def _lower(text: str) -> str:
    """``text`` lowercased with curly apostrophes made straight, full-width digits, % and
    decimal points made ASCII (０-９, ％, ．) and traditional or Japanese characters made
    simplified (億 萬 歳 過 ...), keeping every offset."""
    low = text.lower()
    if low.isascii():
        return low
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    low = low.replace("’", "'")
    return low.translate(_FULL_WIDTH) if _WIDE.search(low) else low


def _is_phone(candidate: str) -> bool:
    """Digit groups that read as a telephone number rather than a figure: seven digits or more,
    and not thousands ("22 501", "100 000 000"), a range of years or an ISO date."""
    digits = sum(c.isdigit() for c in candidate)
    if digits < 7:
        return False
    groups = re.split(r"[\s.()+-]+", candidate.strip("+("))
    groups = [group for group in groups if group]
    if re.fullmatch(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+", candidate):
        return False
    if re.fullmatch(r"\d\d(?:\.\d+)?", groups[0]) and len(groups) == 2 and "." in candidate:
        return False
    if all(YEAR.fullmatch(group) for group in groups):
        return False  # "1978-2020"
    return not (len(groups) == 3 and YEAR.fullmatch(groups[0]) and len(groups[1]) <= 2)


def _year(value: float, unit: str = "") -> dict:
    return {"value": value, "kind": "year", "unit": unit}


def _fraction(match: re.Match[str]) -> float | None:
    if match.group("half"):
        return 0.5
    if match.group("den"):
        return _SMALL[match.group("num")] / _DENOMINATORS[match.group("den")]
    if match.group("den2"):
        return 1 / _DENOMINATORS[match.group("den2")]
    denominator = _word_value(match.group("d"))
    return _word_value(match.group("n")) / denominator if denominator else None


def _word_value(words: str) -> float:
    """The value of digits or number words: "22", "twenty-five", "a hundred", "two dozen"."""
    words = words.strip()
    if words[0].isdigit():
        return float(_DIGIT_SEPARATOR.sub("", words))
    total, current = 0.0, 0.0
    for word in _SPACES_OR_HYPHENS.split(words):
        if word in ("a", "an"):
            current = current or 1.0
        elif word == "and":
            continue
        elif word in _SMALL and word != "dozen":
            current += _SMALL[word]
        elif word == "dozen":
            current = (current or 1.0) * 12
        elif word == "hundred":
            current = (current or 1.0) * 100
        elif word in _SCALE_VALUES:
            total += (current or 1.0) * _SCALE_VALUES[word]
            current = 0.0
    return total + current


def _number(text: str, low: str, match: re.Match[str]) -> tuple[int, int, dict] | None:
    """Interpret one number with what follows it; None when it is not a figure."""
    start, end = match.start(), match.end()
    currency, digits, words = match.group("currency"), match.group("digits"), match.group("words")
    number_start = match.start("digits") if digits is not None else start
    if currency is None and _LABEL_BEFORE.search(low, max(number_start - 16, 0), number_start):
        return None  # "No. 5", "Article 5", "#5"
    if digits is not None:
        if _CODE_BEFORE.search(text, max(number_start - 12, 0), number_start):
            return None  # "COVID-19", "F-35"
        decade = _DECADE.match(low, end)
        if decade and YEAR.fullmatch(digits) and not currency:
            return start, decade.end(), _year(float(digits), "decade")
        attached = "a" <= low[end : end + 1] <= "z"
        if attached and not _SCALE_AFTER.match(low, end) and not _unit_after(low, end):
            return None  # "2nd", "5g": an ordinal or a code, not a quantity
        value = _word_value(digits)
        has_scale = False
    else:
        if words == "one" and not _SCALE_AFTER.match(low, end):
            unit = _unit_after(low, end)
            if not unit or unit[1] == "days":
                return None  # "one" is a pronoun more often than a number, "one day" an idiom
        if text[start].isupper() and _inside_name(text, start):
            return None  # "World War Two", "Formula One"
        value = _word_value(words)
        has_scale = any(word in _SCALE_VALUES for word in _SPACES_OR_HYPHENS.split(words))
    # The scale: "million", "bn", and "m"/"k"/"b" only after a currency ("$5m", "€30k").
    scale = _SCALE_AFTER.match(low, end)
    if scale and (scale.group("word") or scale.group("short") or currency):
        value *= _SCALE_VALUES[scale.group("word") or scale.group("short") or scale.group("money")]
        end = scale.end()
        has_scale = True
    kind, unit = "count", ""
    if currency:
        kind, unit = "money", _SYMBOLS[currency]
        found = _unit_after(low, end)
        if found and found[0] == "money":  # "¥5 yen", "$5 dollars": the word names the currency
            unit = unit if found[1] == "USD" else found[1]
            end = found[2]
    elif found := _unit_after(low, end):
        kind, unit, end = found
        if (
            kind == "years"
            and digits
            and YEAR.fullmatch(digits)
            and _CALENDAR_YEAR.match(low, match.end())
        ):
            return start, match.end(), _year(value)  # "the 2024 year": a date, not 2024 years
    if kind != "count":
        return start, end, {"value": value, "kind": kind, "unit": unit}
    noun_end, unit = _counted(text, low, end)
    if words is not None and not has_scale and not unit:
        return None  # a number word alone is a figure only when a noun follows: "two countries"
    qualified = _QUALIFIER.search(low, max(start - 24, 0), start)
    if digits is not None and not has_scale and not qualified:
        if YEAR.fullmatch(digits) and unit not in _COUNT_NOUNS:
            return start, end, _year(value)
        previous = _WORD_BEFORE.search(text, max(number_start - 30, 0), number_start)
        if previous and previous.group(1).lower() in _MONTHS:
            return None  # "Jan. 5", "March 3": a day of the month
        if previous and previous.group(1)[0].isupper() and _inside_name(text, number_start):
            return None  # "Windows 10", "Apollo 11", "World War 2"
    return start, noun_end, {"value": value, "kind": kind, "unit": unit}


def _inside_name(text: str, start: int) -> bool:
    """Whether the word before ``start`` is capitalised and does not begin a sentence."""
    previous = _WORD_BEFORE.search(text, max(start - 30, 0), start)
    if not previous or not previous.group(1)[0].isupper():
        return False
    before = text[: previous.start()].rstrip()
    return bool(before) and before[-1] not in '.!?:;"“(\n'


def _unit_after(low: str, end: int) -> tuple[str, str, int] | None:
    """The unit right after a number ("%", " percent", "-year", " km"), as (kind, unit, end)."""
    if low.startswith("-", end):
        match = _UNIT.match(low, end)
    else:
        gap = _GAP.match(low, end).end()
        match = _UNIT.match(low, gap)
        if match and gap == end and match.group(0) != "%" and match.lastgroup not in _ATTACHED:
            match = None  # "5years" is no unit; "5km" and "5%" are
    if not match:
        return None
    _, kind, unit = _UNIT_TABLE[int(match.lastgroup[1:])]
    return kind, unit, match.end()


# Units that may follow the digits without a space ("5km", "10kg", "3GW").
_ATTACHED = {
    f"u{i}"
    for i, (_, _, unit) in enumerate(_UNIT_TABLE)
    if unit in {"km", "km2", "cm", "kg", "GW", "MW", "kWh", "degrees"}
}
# Count nouns that make a four-digit number a count rather than a year ("2000 soldiers").
_COUNT_NOUNS = {
    "people", "jobs", "votes", "cases", "homes", "companies", "businesses", "countries",
    "nations", "states", "families", "households", "students",
}  # fmt: skip


def _counted(text: str, low: str, end: int) -> tuple[int, str]:
    """The noun a count counts, right after ``end``: (the end of the phrase, its unit).

    Up to three words, stopping at a word that cannot be part of the noun ("were", "of", an
    -ing or -ly word); the last is the noun. Nouns naming persons give "people".
    """
    words: list[tuple[int, str]] = []
    position = end
    while len(words) < 3:
        match = _NOUN_AFTER.match(text, position)
        if not match:
            break
        word = match.group(1)
        lower = word.lower()
        if word[0].isupper() and not _is_person(word):
            break
        if lower in _STOP or lower in _MONTHS or lower.endswith(("ing", "ly", "'s", "’s")):
            break
        words.append((match.end(), word))
        position = match.end()
        if _is_person(word) or lower in _COUNT_NOUNS:
            break  # "3 in 10 Americans agree": the noun ends at "Americans"
    while words and words[-1][1].lower().endswith("ed") and words[-1][1].lower() not in _PERSONS:
        words.pop()
    if not words:
        return end, ""
    noun = words[-1][1]
    if _is_person(noun):
        return words[-1][0], "people"
    return words[-1][0], noun.lower()


def _is_person(noun: str) -> bool:
    if noun.lower() in _PERSONS:
        return True
    return noun[0].isupper() and noun.lower().endswith(_DEMONYM_ENDINGS) and len(noun) > 3


def _resolve(candidates: list[tuple[int, int, int, dict]]) -> list[tuple[int, int, dict]]:
    """Drop candidates overlapping a better one (by priority, then length), in reading order."""
    kept: list[tuple[int, int, dict]] = []
    for start, end, _, info in sorted(candidates, key=lambda c: (c[2], c[0] - c[1], c[0])):
        if all(end <= other[0] or start >= other[1] for other in kept):
            kept.append((start, end, info))
    return sorted(kept, key=lambda c: c[0])


def _share_units(low: str, kept: list[tuple[int, int, dict]]) -> list[tuple[int, int, dict]]:
    """In "10 to 20 percent" or "2 to 3 million people" the first number has the second's kind,
    unit and scale, when it has none of its own."""
    shared = list(kept)
    for index in range(len(shared) - 1):
        start, end, info = shared[index]
        next_start, _, following = shared[index + 1]
        joined = _RANGE_JOIN.fullmatch(low, end, next_start)
        plain = info["kind"] == "count" and not info["unit"] and info["value"] is not None
        if joined and plain and following["kind"] in _RANGE_KINDS:
            value = info["value"]
            scale = _RANGE_SCALE.match(low, next_start)
            if scale and scale.group(1) in _SCALE_VALUES and _PLAIN.fullmatch(low, start, end):
                value *= _SCALE_VALUES[scale.group(1)]
            shared[index] = (start, end, {**following, "value": value})
    return shared


_RANGE_JOIN = re.compile(r"\s*(?:to|and|or|-|–)\s*")
_RANGE_KINDS = ("count", "percent", "money", "years", "quantity")
_RANGE_SCALE = re.compile(r"[$€£¥]?\s?[\d.,]+\s*-?([a-z]+)")
_PLAIN = re.compile(r"[\d.,]+")


def _qualifier_of(match: re.Match[str]) -> str:
    return _QUALIFIER_TABLE[int(match.lastgroup[1:])][1]


def _post_qualifier(low: str, end: int, qualifier: str) -> tuple[int, str]:
    match = _POST_QUALIFIER.match(low, end)
    if not match or qualifier:
        return end, qualifier
    if match.group("more"):
        return match.end(), "at least"
    if match.group("less"):
        return match.end(), "at most"
    if match.group("about"):
        return match.end(), "about"
    return match.end(), "more than"


def _sentence_spans(
    text: str, periods: list[tuple[int, int, str]], kept: list[tuple[int, int, dict]]
) -> list[tuple[int, int]]:
    """Where the sentences of ``text`` start and end, as extraction segments them; or the
    whole text when nothing between the first and the last of ``periods`` and ``kept`` (a
    figure's qualifier included) can end a sentence, as in most sentences with a figure."""
    starts = [start for start, _, _ in periods] + [start for start, _, _ in kept]
    if not _MAY_END_SENTENCE.search(text, max(min(starts) - 24, 0), max(starts)):
        return [(0, len(text))]
    return [(sentence.start, sentence.end) for sentence in segment(text)]


def _periods(
    text: str, low: str, ranges: list[re.Match[str]], chinese: bool
) -> list[tuple[int, int, str]]:
    """The periods stated in ``text``: (start, end, "2012" or "1978-2020" or "1978-"); in
    Chinese, 2012年 gives "2012", 2012年以来 and 自2012年 "2012-". ``ranges`` are the matches
    of ``_YEAR_RANGE`` in ``low``."""
    found: list[tuple[int, int, str]] = []
    for match in ranges:
        if match.group("a"):
            first, second = match.group("a"), match.group("b")
            if len(second) == 2:
                second = first[:2] + second
            if int(second) <= int(first):
                continue
        else:
            first, second = match.group("c"), match.group("d")
        found.append((match.start(), match.end(), f"{first}-{second}"))
    for match in YEAR.finditer(low):
        start, end = match.span()
        if any(s <= start < e for s, e, _ in found):
            continue
        year = match.group(0)[:4]
        if _CAPITAL_AFTER.match(text, end) and low[max(start - 4, 0) : start] == "the ":
            continue  # "the 2030 Agenda": a name, not the period of the sentence
        if _SINCE.search(low, max(start - 6, 0), start):
            found.append((start, end, f"{year}-"))
        else:
            found.append((start, end, year))
    if chinese:
        for match in _ZH_YEAR.finditer(low):
            year = match.group("year")
            start, end = match.span("year")
            since = match.group("since") or _ZH_SINCE.search(low, max(start - 1, 0), start)
            found.append((start, end, f"{year}-" if since else year))
    return found


def _period_for(
    periods: list[tuple[int, int, str]], sentences: list[tuple[int, int]], start: int, end: int
) -> str:
    """The period nearest the figure within the figure's sentence; "" when there is none."""
    sentence = next(((s, e) for s, e in sentences if s <= start < e), (0, 0))
    best: tuple[tuple[int, int], str] | None = None
    for period_start, period_end, period in periods:
        if not sentence[0] <= period_start < sentence[1]:
            continue
        if period_start < end and period_end > start:
            continue
        # Nearest first; at equal distance the year after the figure ("4.1 percent in 2016").
        key = (start - period_end, 1) if period_end <= start else (period_start - end, 0)
        if best is None or key < best[0]:
            best = (key, period)
    return best[1] if best else ""


# --- Chinese notation ---------------------------------------------------------------------------
#
# Chinese writes a figure without spaces, glued to the words around it ("有7.7亿人"), so the
# English patterns, which want a word boundary before a number, never see it. These patterns run
# only on text holding a CJK character and give the same records as English: 7.7亿 is a count of
# 770,000,000, 百分之七十 and 70％ are percent 70.0, 78.2岁 is 78.2 years, 2020年 is a year. The
# qualifiers map to the English ones: 超过 / 逾 / 以上 / 多 "more than", 近 / 将近 "nearly",
# 约 / 左右 "about", 不到 / 以下 "less than", 至少 "at least", 最多 / 高达 "at most". Chinese
# numerals count only where they cannot be part of a word: with a scale inside (三千万, 十五)
# or after 百分之; "一些", "十分", "第一", "万一" are not figures.

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Full-width digits, and the traditional and Japanese forms of the characters read below.
_FULL_WIDTH = str.maketrans(
    "０１２３４５６７８９％．億萬兩歲歳點過將僅達約戶", "0123456789%.亿万两岁岁点过将仅达约户"
)
_WIDE = re.compile("[０-９％．億萬兩歲歳點過將僅達約戶]")
_ZH_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
    "八": 8, "九": 9,
}  # fmt: skip
_ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
_ZH_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_ZH_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("不超过|不多于|最多|至多|多达|高达", "at most"),
    ("不少于|不低于|至少", "at least"),
    ("超过|超出|多于|高于|大于|逾|超", "more than"),
    ("不到|不足|少于|低于|未满", "less than"),
    ("将近|接近|近", "nearly"),
    ("大约有|大约|大概|约有|约", "about"),
    ("仅有|只有|仅", ""),
)
_ZH_QUALIFIER = re.compile(
    "(?:" + "|".join(f"(?P<q{i}>{words})" for i, (words, _) in enumerate(_ZH_QUALIFIERS)) + ")$"
)
_ZH_NUMBER = re.compile(
    r"(?P<percent_of>百分之)?"
    r"(?:(?<![A-Za-z0-9.,\-])(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d.,]\d)"
    rf"|(?<![第{_ZH_NUMERAL}])(?P<numeral>[零〇一二两三四五六七八九十][{_ZH_NUMERAL}]*"
    r"(?:点[零〇一二三四五六七八九]+)?))"
    r"(?P<scale>万亿|亿|万)?"
)
_ZH_AFTER_NUMBER = re.compile(r"(?P<more>多|余)?")
# Units right after a number (and its scale): (pattern, kind, unit).
_ZH_UNIT_TABLE: tuple[tuple[str, str, str], ...] = (
    (r"%", "percent", "percent"),
    (r"个百分点|百分点", "percent", "percentage points"),
    (r"周岁|岁", "years", "years"),
    (r"倍", "multiplier", "times"),
    (r"美元", "money", "USD"),
    (r"欧元", "money", "EUR"),
    (r"英镑", "money", "GBP"),
    (r"日元|円", "money", "JPY"),
    (r"元人民币|元|人民币|块钱", "money", "CNY"),
    (r"平方公里|平方千米", "quantity", "km2"),
    (r"公里|千米", "quantity", "km"),
    (r"公斤|千克", "quantity", "kg"),
    (r"吨", "quantity", "tonnes"),
    (r"公顷", "quantity", "hectares"),
    (r"亩", "quantity", "mu"),
    (r"个月", "quantity", "months"),
    (r"个星期|星期|周", "quantity", "weeks"),
    (r"天", "quantity", "days"),
    (r"个小时|小时", "quantity", "hours"),
    (r"年代", "year", "decade"),
    (r"年", "years", "years"),
    (r"人口|人次|人|名|位", "count", "people"),
    (r"户", "count", "households"),
    (r"例", "count", "cases"),
    (r"个|家|所|座|项|次|件|辆|头|只|条|张|间", "count", ""),
)
_ZH_UNIT = re.compile(
    "|".join(f"(?P<u{i}>{pattern})" for i, (pattern, _, _) in enumerate(_ZH_UNIT_TABLE))
)
# After the unit: 以上 "or more" and the like.
_ZH_POST = re.compile(r"(?P<more>以上|之多)|(?P<less>以下|以内)|(?P<about>左右|上下)")
# Right after a bare number: a date or a clock time ("12月", "5日", "3点"), not a quantity.
_NOT_A_FIGURE = {"kind": "none"}  # a date: it hides the bare number English patterns see in it
_ZH_DATE_AFTER = re.compile(r"月|日|号|时|点|分(?!之)|秒")


def _zh_numeral_value(numeral: str) -> float | None:
    """三千万 = 30,000,000, 十五 = 15, 七十点五 = 70.5, 二〇二〇 = 2020; None when unreadable."""
    whole, _, decimals = numeral.partition("点")
    if whole and all(c in _ZH_DIGITS for c in whole) and len(whole) > 1:
        value = float("".join(str(_ZH_DIGITS[c]) for c in whole))  # 二〇二〇: digit by digit
    else:
        total, section, digit = 0.0, 0.0, None
        for c in whole:
            if c in _ZH_DIGITS:
                digit = _ZH_DIGITS[c]
            elif c in _ZH_UNITS:
                section += (1 if digit is None else digit) * _ZH_UNITS[c]
                digit = None
            elif c == "万":
                section += digit or 0
                if section == 0:
                    return None
                total += section * 1e4
                section, digit = 0.0, None
            elif c == "亿":
                section += digit or 0
                total = (total + section) * 1e8
                if total == 0:
                    return None
                section, digit = 0.0, None
        value = total + section + (digit or 0)
    if decimals:
        value += float("0." + "".join(str(_ZH_DIGITS[c]) for c in decimals))
    return value


def _zh_candidates(text: str, low: str) -> list[tuple[int, int, int, dict]]:
    """The Chinese figures of ``text`` as parse_figures' candidates (priority 0: a Chinese
    phrase wins over the bare number English patterns may see inside it)."""
    candidates: list[tuple[int, int, int, dict]] = []
    for match in _ZH_NUMBER.finditer(low):
        start, end = match.span()
        digits, numeral, scale = match.group("digits"), match.group("numeral"), match.group("scale")
        percent_of = bool(match.group("percent_of"))
        if digits is not None:
            value: float | None = float(digits.replace(",", ""))
            if not percent_of and not scale and (date := _ZH_DATE_AFTER.match(low, end)):
                candidates.append((start, date.end(), 0, _NOT_A_FIGURE))
                continue
            after = end + 1 if low.startswith("%", end) else end
            touches = _CJK.match(low, after) or (start and _CJK.match(low, start - 1))
            if not (touches or percent_of or scale):
                continue  # a number in Latin text: the English patterns read it
        else:
            if numeral is None or (not percent_of and _ZH_DATE_AFTER.match(low, end)):
                continue
            if not percent_of and not scale and not re.search("[十百千万亿]", numeral):
                continue  # "一些", "一直", "之一": a word, not a figure
            value = _zh_numeral_value(numeral)
            if value is None:
                continue
        if scale:
            value *= {"万": 1e4, "亿": 1e8, "万亿": 1e12}[scale]
        qualifier = ""
        more = _ZH_AFTER_NUMBER.match(low, end)
        if more and more.group("more") and (scale or _ZH_UNIT.match(low, more.end())):
            qualifier, end = "more than", more.end()  # "1000多人", "3万余户"
        kind, unit = "count", ""
        if percent_of:
            kind, unit = "percent", "percent"
        elif found := _ZH_UNIT.match(low, end):
            _, kind, unit = _ZH_UNIT_TABLE[int(found.lastgroup[1:])]
            end = found.end()
            if (
                kind == "years"
                and digits
                and not scale
                and not qualifier
                and YEAR.fullmatch(digits)
            ):
                kind, unit = "year", ""  # "2020年": a date
            elif kind == "year" and not (digits and YEAR.fullmatch(digits)):
                kind, unit = "years", "years"
        if kind == "count" and re.match(r"[\u4e00-\u9fff]{0,8}?人口", low[end : end + 10]):
            unit = "people"  # "7.7亿农村贫困人口"
        if kind != "year":
            if found := _ZH_QUALIFIER.search(low, max(start - 4, 0), start):
                qualifier = _ZH_QUALIFIERS[int(found.lastgroup[1:])][1]
                start = found.start()
            if post := _ZH_POST.match(low, end):
                end = post.end()
                qualifier = qualifier or (
                    "more than"
                    if post.group("more")
                    else "less than"
                    if post.group("less")
                    else "about"
                )
        info = {"value": value, "kind": kind, "unit": unit, "qualifier": qualifier}
        if kind == "year":
            info = {**_year(value or 0.0, unit), "qualifier": ""}
        candidates.append((start, end, 0, info))
    return candidates


_ZH_YEAR = re.compile(r"(?<![\d.])(?P<year>1[5-9]\d\d|20\d\d)年(?!代)(?P<since>以来)?")
_ZH_SINCE = re.compile(r"(?:自|从)$")
