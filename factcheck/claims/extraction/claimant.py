"""Who made a claim: the attribution in a sentence ("X said", "according to X", "X's ministry
announced"), with a guess at whether X is a person or an organisation.

A few readable rules, tried in order; the first that names someone wins. Pronouns and vague
subjects ("He said", "Officials said", "the company said") name nobody: the editor fills those
in. It runs on the sentences extraction proposes, not on every sentence of an article.
"""

import re
from dataclasses import dataclass

PERSON = "person"
ORGANISATION = "organisation"


@dataclass(frozen=True)
class Claimant:
    name: str
    kind: str  # PERSON or ORGANISATION


# Words that make a name an organisation's ("the Ministry of Health", "Acme Bank").
def _words(text):
    return frozenset(text.split())


ORGANISATION_WORDS = _words(
    """ministry government council bureau office agency commission company party bank
    organization organisation university institute department committee authority association
    union court parliament senate congress police federation foundation corporation board
    service fund inc ltd corp plc gmbh ag group administration cabinet army"""
)
# Documents speak for whoever published them, which is not a person.
DOCUMENT = r"(?:white\s+paper|report|study|survey|census|budget|statement|press\s+release)"
# Capitalised words that open a sentence without naming anyone.
NOBODY = _words(
    """I He She It We They You This That These Those There Here Who What Which Everyone Nobody
    Someone Some Many Most Others Officials Experts Critics Analysts Researchers Scientists
    Sources People Residents Witnesses Studies Reports Data Figures Polls Observers Authorities
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Yesterday Today Meanwhile However
    January February March April May June July August September October November December
    On In At After Before But And So Also Yet When While Mr Mrs Ms Dr"""
)

WORD = r"[A-ZÀ-ÖØ-Þ][\w'’.\-]*"  # a capitalised word
LINK = r"(?:of|for|and|on|the|de|du|del|van|von|der|la|le|al|bin)"  # inside a name
NAME = rf"{WORD}(?:\s+(?:{LINK}\s+)*{WORD})*"
SUBJECT = rf"(?:[Tt]he\s+)?{NAME}"
SPEAKS = (
    r"(?:said|says|told|tells|announced|announces|stated|states|claimed|claims|reported"
    r"|reports|added|argued|argues|insisted|insists|wrote|writes|warned|warns|estimated"
    r"|estimates|declared|declares|confirmed|confirms)"
)
SAID_AFTER = r"(?:said|says|added|wrote|stated|argued|claimed|declared)"  # '"…," said X'
HAS = r"(?:(?:has|have|had)\s+)?"
APPOSITION = r"(?:,\s+[^,]{1,80},)?"  # "Jane Smith, the minister, said"
ORGANISATION_WORD = "|".join(sorted(ORGANISATION_WORDS))

RULES = [
    # according to X / according to the white paper
    re.compile(rf"\b[Aa]ccording\s+to\s+(?P<document>the\s+(?:[\w\-'’]+\s+){{0,2}}?{DOCUMENT})\b"),
    re.compile(rf"\b[Aa]ccording\s+to\s+(?P<name>{SUBJECT})"),
    # X's (finance) ministry announced
    re.compile(
        rf"(?P<name>{NAME}['’]s\s+(?:[\w\-]+\s+){{0,2}}?(?i:{ORGANISATION_WORD}))\s+{HAS}{SPEAKS}\b"
    ),
    # The white paper says
    re.compile(rf"(?P<document>\b[Tt]he\s+(?:[\w\-]+\s+){{0,2}}?{DOCUMENT})\s+{HAS}{SPEAKS}\b"),
    # X said / X, the minister, said / X told reporters / X has announced
    re.compile(rf"(?P<name>{SUBJECT}){APPOSITION}\s+{HAS}{SPEAKS}\b"),
    # "...," said X
    re.compile(rf"\b{SAID_AFTER}\s+(?P<name>{SUBJECT})"),
]


def _clean(name):
    name = re.sub(r"\s+", " ", name).strip(" .,;:'’\"")
    return re.sub(r"^[Tt]he ", "", name)


def kind_of(name):
    """ORGANISATION when `name` has an organisation's word or is an acronym ("IMF"), else
    PERSON: a capitalised name with nothing else to go on is most often someone's."""
    words = re.findall(r"[\w\-]+", name)
    if any(word.lower() in ORGANISATION_WORDS for word in words):
        return ORGANISATION
    if any(len(word) >= 2 and word.isupper() and word.isalpha() for word in words):
        return ORGANISATION
    return PERSON


def _names_someone(name):
    words = name.split()
    return bool(words) and words[0].rstrip("'’s.") not in NOBODY and name not in NOBODY


def detect_claimant(sentence):
    """The Claimant a sentence attributes its claim to, or None when it names nobody."""
    if not sentence:
        return None
    for rule in RULES:
        for match in rule.finditer(sentence):
            if match.groupdict().get("document"):
                document = re.sub(r"\s+", " ", match.group("document")).strip()
                return Claimant("the " + document.split(" ", 1)[1], ORGANISATION)
            name = _clean(match.group("name"))
            if _names_someone(name):
                return Claimant(name, kind_of(name))
    return None
