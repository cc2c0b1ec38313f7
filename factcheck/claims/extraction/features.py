"""Hand-designed features of a sentence, each with the words a reviewer sees as its reason.

Every feature is a small, named test on the sentence (a figure, a superlative, an attribution,
an opinion marker, ...). ``describe()`` returns the features that fire, with their values and a
reason in plain words. Training and scoring both go through this module, so the model scores
exactly what it was trained on. Word unigrams and bigrams (``ngrams()``; their weights are
learned in training) add the wording the hand-made features do not cover.

Speed matters (extraction must keep up with segmentation), so ``analyse()`` tokenizes a sentence
once for both kinds of feature, word lists are looked up in one pass over its words, and the
regular expressions run only when a cheap test says they could match.
"""

import re
from typing import NamedTuple

# What a figure is (numbers, units, qualifiers, proportions, ranks, years) is defined once, in
# figures.py; the features below only decide what a figure says about a sentence.
from .figures import (
    CURRENCY,
    FRACTION_WORDS,
    ORDINAL_WORDS,
    PROPORTION,
    RANK,
    SUPERLATIVE_WORDS,
    scan,
)

MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}\b"
)
ATTRIBUTION_SOURCE = re.compile(
    r"\b(?i:according to)\s+(?P<source>(?:the\s+)?(?:[A-Z][\w.&'-]*)"
    r"(?:\s+(?:of\s+|for\s+|the\s+)?[A-Z][\w.&'-]*)*)"
)
# A capitalised word after a word character or a comma and a space. The pattern starts with the
# space (the name is its group) so that the regex engine jumps from space to space.
PROPER_NAME = re.compile(r" (?<=[\w,;:] )([A-Z][a-z]+|[A-Z]{2,}\b)")
WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
WORD_OR_NUMBER = re.compile(r"[a-z]+(?:'[a-z]+)?|\d[\d,.]*")
DIGIT = re.compile(r"\d")
# ``figures.YEAR`` rearranged to start with the year's first digit, so that the regex engine
# jumps from "1" to "2" rather than trying its look-behind at every character: the same matches.
YEAR_FAST = re.compile(r"(?:1(?<![\w$.,]1)[5-9]\d\d|2(?<![\w$.,]2)0\d\d)(?!\w|[,.]\d)(?:'?s)?")
# The words a ``PROPORTION`` without digits starts with ("one fifth", "a third of", "half of").
PROPORTION_STARTS = {
    "a",
    "an",
    "half",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
}
_CURRENCY_SIGN = re.compile(f"[{re.escape(CURRENCY)}]")
# Every number is one token to the n-grams ("in 2012" and "in 1990" are both "in #"): which
# number a sentence states does not make it check-worthy, that it states one does.
NUMBER = "#"

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
COMPARATIVE_THAN = {
    "more", "less", "fewer", "higher", "lower", "larger", "smaller", "bigger", "greater",
    "better", "worse", "faster", "slower", "cheaper", "richer", "poorer", "older", "younger",
    "longer", "shorter",
}  # fmt: skip
NOT_COMPARATIVE = {"other", "rather", "whether", "either", "neither", "sooner"}

# Word lists, by feature. Phrases are matched on whole words, case-insensitively.
LEXICONS: dict[str, tuple[str, ...]] = {
    "percent": ("percent", "per cent", "percentage"),
    "multiplier": ("doubled", "tripled", "quadrupled", "twice", "halved", "fold"),
    "money": (
        "dollar", "dollars", "cents", "yuan", "euro", "euros", "budget", "deficit", "debt",
        "taxpayer", "taxpayers", "spending", "spent", "income", "salary", "wage", "wages", "gdp",
        "gross national product", "gross domestic product", "economy",
    ),
    "superlative": (
        *SUPERLATIVE_WORDS, "record high", "record low", "record number", "all time high",
        "all time low",
    ),
    "comparative": (
        "increased", "decreased", "doubled", "tripled", "quadrupled", "halved", "risen", "rose",
        "fallen", "fell", "grew", "grown", "declined", "dropped", "soared", "surged", "plunged",
        "shrunk", "shrank", "cut", "raised", "lowered", "compared to", "compared with",
        "up from", "down from", "as many as", "as much as", "twice as", "times as",
    ),
    "attribution": (
        "according to", "said", "says", "stated", "states that", "reported", "reports", "told",
        "announced", "claimed", "claims that", "testified", "wrote", "quoted", "declared",
        "estimated", "estimates", "found that", "shows that", "showed that", "study", "survey",
        "report", "data",
    ),
    "legal": (
        "law", "laws", "legal", "illegal", "illegally", "legislation", "legislative", "bill",
        "bills", "act", "acts", "statute", "court", "supreme court", "judge", "ruled", "ruling",
        "constitution", "constitutional", "amendment", "treaty", "treaties", "convention",
        "resolution", "resolutions", "regulation", "regulations", "regulatory", "tax", "taxes",
        "tariff", "tariffs", "veto", "vetoed", "voted", "vote", "votes", "ratified", "signed",
        "sanctions", "policy", "policies", "congress", "senate", "parliament", "legislature",
        "plan", "plans", "program", "programs", "agenda",
    ),
    "causal": (
        "because", "because of", "due to", "caused", "causing", "led to", "leads to", "lead to",
        "resulted in", "results in", "as a result", "thanks to", "owing to", "therefore",
        "consequently", "so that", "responsible for",
    ),
    "prediction": (
        "will", "won't", "i'll", "we'll", "you'll", "they'll", "it'll", "going to", "gonna",
        "expected to", "expects", "forecast", "forecasts", "predicted", "predicts", "projected",
        "projects", "is set to", "are set to", "next year", "in the future",
    ),
    "historical": (
        "ago", "since", "history", "historic", "historical", "historically", "century",
        "centuries", "decade", "decades", "founded", "established", "was launched", "before the",
        "in the past", "once", "era", "war", "former", "formerly", "used to", "by the end of",
    ),
    "opinion": (
        "i think", "i believe", "i feel", "i'm convinced", "in my opinion", "i hope", "i want",
        "we must", "we should", "we need", "should", "ought", "must", "need to", "have to",
        "got to", "good", "bad", "wonderful", "terrible", "disaster", "disgrace", "shameful",
        "proud", "glorious", "incredible", "amazing", "staunch", "staunch defender",
        "active promoter", "defender", "champion", "dignified", "happy", "earth shaking",
        "firmly", "resolutely", "unswervingly", "wholeheartedly", "committed to", "strive",
        "striving", "deems", "believe", "hope", "vision", "mankind", "noble", "common values",
        "shared future", "wisdom", "always", "truly", "really", "very", "so much",
    ),
    "first_person_singular": ("i", "i'm", "i've", "i'd", "i'll", "me", "my", "mine", "myself"),
    "first_person_plural": (
        "we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves",
    ),
    "second_person": ("you", "you're", "you've", "you'd", "you'll", "your", "yours"),
}  # fmt: skip

# Every hand-designed feature ``describe()`` can return, in a stable order.
NAMES = (
    "figure",
    "several_figures",
    "percent",
    "proportion",
    "multiplier",
    "money",
    "year",
    "date",
    "superlative",
    "comparative",
    "attribution",
    "quotation",
    "legal",
    "causal",
    "prediction",
    "historical",
    "opinion",
    "first_person_singular",
    "first_person_plural",
    "second_person",
    "question",
    "exclamation",
    "names",
    "length_very_short",
    "length_short",
    "length_medium",
    "length_long",
    "length_very_long",
)


def _index(lexicons: dict[str, tuple[str, ...]]):
    """Map each phrase (its words joined by a space) to the lexicons that list it; and each first
    word of a phrase to the lengths, in words, of the phrases it starts, longest first."""
    index: dict[str, list[str]] = {}
    lengths: dict[str, set[int]] = {}
    for name, phrases in lexicons.items():
        for phrase in phrases:
            words = WORD.findall(phrase)
            if " ".join(words) != phrase:
                raise ValueError(f"{phrase!r} in {name} is not plain lowercase words")
            index.setdefault(phrase, []).append(name)
            lengths.setdefault(words[0], set()).add(len(words))
    starts = {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()}
    return index, starts


_PHRASES, _STARTS = _index(LEXICONS)


class Feature(NamedTuple):
    name: str
    value: float
    reason: str
    category: str = ""


def describe(text: str) -> list[Feature]:
    """The hand-designed features of ``text`` that fire, each with its reason."""
    return analyse(text)[0]


def analyse(text: str) -> tuple[list[Feature], list[str]]:
    """The hand-designed features of ``text`` and its tokens, in one pass.

    The tokens (lowercase words, and ``NUMBER`` for each number) are what the n-gram features
    are made of (``ngrams()``), so scoring tokenizes a sentence once for both kinds of feature.
    """
    found: list[Feature] = []
    add = found.append
    low = text.lower()
    if "’" in low:
        low = low.replace("’", "'")
    has_digit = DIGIT.search(text) is not None
    if has_digit:
        tokens = [NUMBER if token[0].isdigit() else token for token in WORD_OR_NUMBER.findall(low)]
    else:
        tokens = WORD.findall(low)
    token_set = set(tokens)
    hits = _lexicon_hits(tokens)

    figures, ranks = scan(low, token_set, has_digit)
    if figures:
        label = "contains a figure" if len(figures) == 1 else "contains figures"
        # A rank alone ("second-largest") makes a comparison rather than a statistic.
        category = "comparison" if set(figures) <= ranks else "statistic"
        add(Feature("figure", 1.0, f"{label}: {', '.join(figures[:3])}", category))
        if len(figures) > 1:
            add(Feature("several_figures", 1.0, f"{len(figures)} figures", "statistic"))
    if "percent" in hits or "%" in text:
        shown = next((f for f in figures if "%" in f or "cent" in f), "per cent")
        add(Feature("percent", 1.0, f"a percentage: {shown}", "statistic"))
    # A proportion needs a digit or one of its first words (whole, or after an apostrophe).
    if (
        not token_set.isdisjoint(FRACTION_WORDS)
        and (has_digit or "'" in low or not token_set.isdisjoint(PROPORTION_STARTS))
        and (match := PROPORTION.search(low))
    ):
        add(Feature("proportion", 1.0, f"a proportion: {match.group(0)}", "statistic"))
    multiple = hits["multiplier"][0] if "multiplier" in hits else None
    if multiple is None and figures:
        multiple = next((f for f in figures if f.endswith(" times")), None)
    if multiple is not None:
        add(Feature("multiplier", 1.0, f"a multiple: {multiple}", "statistic"))
    currency = None
    if figures and _CURRENCY_SIGN.search(text):
        currency = next((f for f in figures if any(sign in f for sign in CURRENCY)), None)
    if currency or "money" in hits:
        add(Feature("money", 1.0, f"money or the economy: {currency or hits['money'][0]}"))
    if has_digit and (years := YEAR_FAST.findall(text)):
        add(Feature("year", 1.0, f"a year: {', '.join(years[:3])}", "historical"))
    if has_digit and not token_set.isdisjoint(MONTHS) and (match := MONTH.search(text)):
        add(Feature("date", 1.0, f"a date: {match.group(0)}", "historical"))
    if "superlative" in hits:
        rank = _rank(low) if has_digit or not token_set.isdisjoint(ORDINAL_WORDS) else None
        superlative = rank or hits["superlative"][0]
        add(Feature("superlative", 1.0, f"superlative: {superlative}", "comparison"))
    comparisons = _comparisons(tokens) if "than" in token_set else []
    comparisons += hits.get("comparative", [])
    if comparisons:
        add(Feature("comparative", 1.0, f"comparison: {comparisons[0]}", "comparison"))
    if "according" in token_set and (match := ATTRIBUTION_SOURCE.search(text)):
        add(Feature("attribution", 1.0, f"attributed to {match.group('source')}", "attribution"))
    elif "attribution" in hits:
        add(Feature("attribution", 1.0, f"attribution: {hits['attribution'][0]}", "attribution"))
    if '"' in text or "“" in text:
        add(Feature("quotation", 1.0, "contains a quotation"))
    for name, label, category in _CATEGORIES:
        if name in hits:
            add(Feature(name, 1.0, f"{label}: {hits[name][0]}", category))
    if "opinion" in hits:
        add(Feature("opinion", 1.0, f"opinion marker: {', '.join(hits['opinion'][:3])}"))
    if "first_person_singular" in hits:
        who = hits["first_person_singular"][0]
        add(Feature("first_person_singular", 1.0, f"speaks in the first person: {who}"))
    if "first_person_plural" in hits:
        who = hits["first_person_plural"][0]
        add(Feature("first_person_plural", 1.0, f"speaks for a group: {who}"))
    if "second_person" in hits:
        add(Feature("second_person", 1.0, f"addresses the reader: {hits['second_person'][0]}"))
    ending = text.rstrip().rstrip("\"'”’)")
    if ending.endswith("?"):
        add(Feature("question", 1.0, "a question"))
    elif ending.endswith("!"):
        add(Feature("exclamation", 1.0, "an exclamation"))
    # A name needs a capital after the first letter: skip the pattern when there is none.
    tail = text[1:]
    names = sorted(set(PROPER_NAME.findall(text)) - _NOT_NAMES) if tail.lower() != tail else []
    if names:
        add(Feature("names", 1.0, f"names: {', '.join(names[:4])}"))
    length = len(text.split())
    name, label = _LENGTHS[min(length, len(_LENGTHS) - 1)]
    add(Feature(name, 1.0, f"{label} sentence ({length} words)"))
    return found, tokens


def ngrams(tokens: list[str]) -> list[str]:
    """The word unigrams and bigrams of ``tokens`` (from ``analyse()``), in reading order.

    A number alone is no unigram: that a sentence states a figure is the readable feature
    "figure", which also sees figures in words ("one fifth"); a number in a bigram ("# percent",
    "in #") says how it is stated.
    """
    if not tokens:
        return []
    grams = [token for token in tokens if token != NUMBER] if NUMBER in tokens else tokens[:]
    previous = tokens[0]
    for token in tokens[1:]:
        grams.append(f"{previous} {token}")
        previous = token
    return grams


def _lexicon_hits(tokens: list[str]) -> dict[str, list[str]]:
    """For each lexicon, the phrases of it found in ``tokens``, in reading order, once each.

    A word that starts a longer phrase ("staunch defender") is reported with that phrase.
    """
    hits: dict[str, list[str]] = {}
    starts = _STARTS
    phrases = _PHRASES
    count = len(tokens)
    skip_to = 0
    for position, token in enumerate(tokens):
        lengths = starts.get(token)
        if lengths is None or position < skip_to:
            continue
        for length in lengths:
            if length == 1:
                phrase = token
            elif position + length <= count:
                phrase = " ".join(tokens[position : position + length])
            else:
                continue
            names = phrases.get(phrase)
            if names:
                for name in names:
                    found = hits.get(name)
                    if found is None:
                        hits[name] = [phrase]
                    elif phrase not in found:
                        found.append(phrase)
                skip_to = position + length
                break
    return hits


def _rank(low: str) -> str | None:
    match = RANK.search(low)
    return match.group(0) if match else None


def _comparisons(tokens: list[str]) -> list[str]:
    """Comparisons with "than": "more than", "higher than", "bigger than"."""
    found = []
    for position in range(1, len(tokens)):
        if tokens[position] == "than":
            before = tokens[position - 1]
            if before in COMPARATIVE_THAN or (
                before.endswith("er") and len(before) > 4 and before not in NOT_COMPARATIVE
            ):
                found.append(f"{before} than")
    return found


def _length_feature(length: int) -> str:
    if length <= 4:
        return "length_very_short"
    if length <= 9:
        return "length_short"
    if length <= 19:
        return "length_medium"
    if length <= 39:
        return "length_long"
    return "length_very_long"


_LENGTH_LABELS = {
    "length_very_short": "a very short",
    "length_short": "a short",
    "length_medium": "a medium-length",
    "length_long": "a long",
    "length_very_long": "a very long",
}
# The length feature and its label by number of words (the last for every longer sentence).
_LENGTHS = [(_length_feature(n), _LENGTH_LABELS[_length_feature(n)]) for n in range(41)]


_CATEGORIES = (
    ("legal", "law or policy", "legal"),
    ("causal", "cause and effect", "causal"),
    ("prediction", "prediction", "prediction"),
    ("historical", "past events", "historical"),
)

# Capitalised words after a comma or mid-sentence that are not names.
_NOT_NAMES = {"I", "I'm", "I've", "OK", "Mr", "Mrs", "Ms", "Dr", "And", "But", "The", "So"}
