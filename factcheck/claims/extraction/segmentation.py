"""Split an article body into sentences with exact character offsets.

Paragraphs (text separated by a blank line) are split here, so a paragraph boundary always ends a
sentence whatever the rules below think. Inside a paragraph, a sentence ends at a stop (. ! ? ;
and the ellipsis) followed by a new sentence, with the rules syntok 1.4.4 uses, reproduced here
decision for decision (the project used syntok itself until the rules were found to cost more
than the rest of extraction; ``bench/baseline_segmentation.py`` keeps that version, and
``bench/extract_bench.py`` compares the two). The rules keep together:

- abbreviations: a word of the abbreviation list ("Dr.", "Mr.", "Jan.", "etc."), a word with an
  inner full stop ("U.S.", "e.g.", "p.m."), initials ("J. F. Kennedy"), "No. 5";
- decimals ("78.2") and numbers after a stop ("Jan. 5", "at 5 p.m. 2019 figures"), a stop
  followed by a lowercase word or by , ; : ("He paused... then spoke"), quotations and brackets
  closed after the stop ('"It is over." Then', "(see above.) Then"), and stops inside a bracket
  shorter than 70 characters, or inside a longer one that is no sentence of its own;

and a capitalised word of the starter list ("The", "It", "However", ...) begins a new sentence
even after an abbreviation: "in the U.S. The next" is two sentences, "the U.S. Senate" one.

Speed: a paragraph is not tokenised word by word. One regular expression finds the characters
that can end a sentence or open a bracket; only the words around them, and the first words of
each sentence, are tokenised (as syntok's tokeniser would), and the words between are passed over.

The text of a sentence is always a slice of the body: ``body[s.start:s.end] == s.text``; a
sentence runs from its first token to the first token of the next sentence, with surrounding
whitespace trimmed.

The Latin rules know only Latin punctuation, so a paragraph holding a full stop of another
script is first cut after each of them: the ideographic full stop and the full-width exclamation
and question marks of Chinese and Japanese (。！？, also the half-width ｡), the Arabic question
mark (؟) and the Devanagari danda (। ॥), and a half-width ! or ? right after a Chinese or
Japanese character. Closing quotes and brackets right after the stop stay with the sentence they
close (。」 ！』 。” ？）), as the Latin rules keep '." ' together; a straight quote (。") closes
when an odd number of them come before it in the paragraph. The full-width semicolon (；) does
not end a sentence (nor does the Latin one, but before a sentence starter: "2019; The firm").
Each piece then goes through the Latin rules, so Latin sentences inside a Chinese paragraph are
still split. A paragraph without any of these stops (all English text) takes exactly the path it
always took.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass
from unicodedata import category

# A blank line: a newline, optional horizontal whitespace (or "\r"), another newline.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

# A full stop of a script the Latin rules below do not know, or a half-width ! or ? right after
# a Chinese or Japanese character ("真的吗?"), repeated ("！！", "？！"), with the closing quotes
# and brackets that follow it.
OTHER_STOPS = "。｡！？؟।॥"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
OTHER_STOP = re.compile(
    f"(?:[{OTHER_STOPS}]|(?<=[{_CJK}])[!?])[{OTHER_STOPS}!?]*[」』”’）)\\]】〕》〉»]*"
)
_HAS_OTHER_STOP = re.compile(f"[{OTHER_STOPS}]|(?<=[{_CJK}])[!?]")

# --- The vocabulary of the Latin rules (syntok 1.4.4's, MIT licence) ----------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TERMINAL_CHARS = ".!?;\u203c\u203d\u2047\u2048\u2049\u3002\ufe52\ufe57\uff01\uff0e\uff1f\uff61"
TERMINALS = frozenset({"...", *TERMINAL_CHARS})
OPENING = frozenset(
    "([{\uff5f\uff5b\uff3b\uff08\ufe5d\ufe5b\ufe59\ufd3e\u301a\u3018\u2985\u2983\u2329"
)
CLOSING = frozenset(
    ")]}\uff60\uff5d\uff3d\uff09\ufe5e\ufe5c\ufe5a\ufd3f\u301b\u3019\u2986\u2984\u232a"
)
CLOSING_QUOTES = frozenset("'\"\u00b4\u2019\u201d\u232a\u27e9\u27eb\u2e29\u3009\u300b\u301e")
_AFTER_TERMINAL = TERMINALS | CLOSING
_CANDIDATES = TERMINALS | OPENING
_INNER_PUNCTUATION = frozenset(",;:")
_VOWELS = frozenset("aeiouáéííóúäëïöüåæøAEIOUÁÉÍÍÓÚÄËÏÖÜÅÆØ")
ROMAN_NUMERALS = _words(
    "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX "
    "XXI XXII XXIII XXIV XXV"
)
MONTHS = _words(
    "Jän Jan en ene Ene feb febr Feb Mär Mar mzo Mzo Apr abr abl Abr may May jun Jun jul Jul ago "
    "agto Aug sep Sep sept Sept setbre set oct octbre Oct Okt nov novbre Nov dic dicbre Dic Dez "
    "Dec"
)
# Abbreviations written without an inner full stop ("U.S." and "e.g." are known by their dot).
ABBREVIATIONS = _words(
    "Abb adm Adm Abs afmo alt Alt Anl ap apdo approx Approx art Art atte atto Aufl ave Ave Az "
    "bmo Bmo brig Bd Brig bsp Bsp bspw bzgl bzw ca cap capt Capt cf cmdt Cmdt cnel Cnel Co col "
    "Col Corp de Dr dgl dt emp en es etc evtl excl exca Exca excmo Excmo exsmo Exsmo ff fig Fig "
    "figs Figs fr Fr gal gen Gen ggf gral Gral GmbH gob Gob Hd hno Hno hnos Hnos Inc incl inkl lic "
    "Lic lit ldo Ldo Ltd mag Mag max med Med Min min Mio mos Mr mr Mrd Mrs mrs Ms ms Mt mt MwSt "
    "nat Nat Nr nr ntra Ntra ntro Ntro pag phil prof Prof rer Rer resp sci Sci Sen Sr sr Sra sra "
    "Srta srta St st synth tab Tab tel Tel univ Univ Urt vda Vda vol Vol vs vta zB zit zzgl "
    "Mo Mon lun Di Tue mar Mi Wed mie mié Do Thu jue Fr Fri vie Sa Sat sab So Sun dom"
)
# Capitalised words that begin a sentence even after an abbreviation ("in the U.S. The next").
STARTERS = _words(
    "Above Accordingly Additionally Admittedly All Also Although Again And Are As Assuredly "
    "Because Besides Certainly Chiefly Comparatively Consequently Conversely Coupled "
    "Correspondingly Does Due Especially For Furthermore Granted Generally Hence How However "
    "Identically In Indeed Instead It Its Likewise Moreover Nevertheless No Obviously Of On "
    "Ordinarily Other Otherwise Outside Particularly Rather Similarly Since Singularly Still So "
    "Subsequently That The Therefore Thereupon This Thus Unquestionably Use Usually What Where "
    "Whereas Wherefore Why Yet "
    "Auch Da Dabei Dadurch Daher Darauf Darum Das Dein Der Deswegen Die Du Ich Ihr Ihnen Er Es "
    "Euer Mein Nämlich Sie Sein So Somit Sonst Unser Warum Was Wegen Weil Wer Weshalb Wie Wieso "
    "Wir A Algunas Algunos De Desde Debido El Ella En Hay La Las Los No Otra Otro Para Por Porque "
    "Se También Todas Todos"
)
_HYPHENS = "\u00ad\u058a\u05be\u0f0c\u1400\u1806\u2010\u2011\u2012\u2e17\u30a0-"
_JOINERS = frozenset(",;_" + _HYPHENS)  # split a word between letters ("Hong-Kong", "a,b")
_SILENT = frozenset("_" + _HYPHENS)  # ... and are not tokens themselves
_APOSTROPHES = frozenset("'\u00b4\u02b9\u02bc\u2019\u2032")
_BRACKET_WINDOW = 50  # tokens looked at for the closing bracket
_BRACKET_SKIP = 70  # characters: a shorter bracket is passed over even if it holds a sentence

_SPACE = "\\s\u200b"
_WORD = re.compile(f"[^{_SPACE}]+")
# A character that may be a sentence-ending or bracket token.
_CANDIDATE = re.compile("[" + re.escape(TERMINAL_CHARS + "".join(sorted(OPENING))) + "]")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int


def paragraphs(body: str) -> list[tuple[int, int]]:
    """Return (start, end) of every non-blank paragraph, whitespace trimmed."""
    spans = []
    position = 0
    for match in PARAGRAPH_BREAK.finditer(body):
        spans.append((position, match.start()))
        position = match.end()
    spans.append((position, len(body)))
    return [trimmed for span in spans if (trimmed := _trim(body, *span))]


def paragraph_at(body: str, offset: int) -> int:
    """The number of the paragraph holding ``offset``, counted as ``segment()`` counts them.

    An offset in the blank lines between two paragraphs belongs to the earlier one.
    """
    starts = [start for start, _ in paragraphs(body)]
    return max(bisect_right(starts, offset) - 1, 0)


def segment(body: str) -> list[Sentence]:
    """Split ``body`` into sentences whose offsets index ``body`` exactly."""
    sentences = []
    for number, (para_start, para_end) in enumerate(paragraphs(body)):
        text = body[para_start:para_end]
        if not text.isascii() and _HAS_OTHER_STOP.search(text):
            starts = []
            piece_start = 0
            for stop in OTHER_STOP.finditer(text):
                end = stop.end()
                if text.startswith('"', end) and text.count('"', 0, end) % 2:
                    end += 1  # a straight quote closing the one opened before: '。"'
                starts += _starts(text[piece_start:end], piece_start)
                piece_start = end
            starts += _starts(text[piece_start:], piece_start)
        else:
            starts = _starts(text, 0)
        ends = [*starts[1:], len(text)]
        for start, end in zip(starts, ends, strict=True):
            span = _trim(body, para_start + start, para_start + end)
            if span:
                sentences.append(Sentence(span[0], span[1], body[span[0] : span[1]], number))
    return sentences


class _Tokens:
    """The tokens of ``text`` (values, offsets and whether each is glued to the one before),
    made word by word only where the segmenter looks: around candidate stops and at the start
    of each sentence. A stretch of plain words between two candidates is never tokenised."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.values: list[str] = []
        self.starts: list[int] = []
        self.glued: list[bool] = []
        self.done = 0  # the text before this offset is tokenised (or known to hold no stop)

    def has(self, index: int) -> bool:
        """Whether token ``index`` exists, tokenising the following words as needed."""
        while index >= len(self.values):
            word = _WORD.search(self.text, self.done)
            if word is None:
                return False
            self._add(*word.span())
        return True

    def candidate(self, index: int) -> int | None:
        """The first token from ``index`` on that is a stop or an opening bracket; the words
        between are passed over without being tokenised when no candidate character is in them."""
        values = self.values
        while index < len(values):
            if values[index] in _CANDIDATES:
                return index
            index += 1
        text = self.text
        position = self.done
        while found := _CANDIDATE.search(text, position):
            at = found.start()
            char = text[at]
            if 0 < at < len(text) - 1 and char not in OPENING and _inside_word(text, at):
                position = at + 1
                continue
            start = _word_start(text, at)
            end = _WORD.match(text, at).end()
            if at == start > self.done:  # the token before the candidate ends the word before
                before = _last_non_space(text, start)
                if before >= self.done:
                    before_start = _word_start(text, before)
                    if before_start >= self.done:
                        self._add(before_start, before + 1)
            first = len(values)
            self._add(start, end)
            for index in range(first, len(values)):
                if values[index] in _CANDIDATES:
                    return index
            position = end
        self.done = len(text)
        return None

    def _add(self, start: int, end: int) -> None:
        """Tokenise the word ``text[start:end]`` as syntok does."""
        text = self.text
        self.done = end
        first = start
        while first < end and not text[first].isalnum():
            first += 1
        glued = start == 0  # the first word of the text has no space before it
        if first == end:  # no letter or digit: the whole word is one token ("—", '."')
            self._emit(text[start:end], start, glued)
            return
        last = end
        while not text[last - 1].isalnum():
            last -= 1
        for position in range(start, first):  # leading punctuation: one token each
            self._emit(text[position], position, glued if position == start else True)
        core = text[first:last]
        if core.isalnum() and (core[1:].islower() or core.isupper() or core == core.lower()):
            self._emit(core, first, glued or first > start)
        else:
            self._split_core(core, first, glued or first > start)
        position = last
        if text.startswith("...", position, end):
            self._emit("...", position, True)
            position += 3
        for tail in range(position, end):  # trailing punctuation: one token each
            self._emit(text[tail], tail, True)

    def _split_core(self, core: str, offset: int, glued: bool) -> None:
        """Split a word between its first and last letter or digit at a case change
        ("iPhone", "end.The"), an apostrophe ("'s", "n't"), a bracket, an inner ellipsis, or
        a comma, semicolon, hyphen or underscore next to a letter."""
        remainder = 0
        for start, end in _separations(core):
            separator = core[start:end]
            if start > remainder:
                if (
                    len(separator) == 2
                    and separator[0] in _APOSTROPHES
                    and separator[1] == "t"
                    and core[start - 1] == "n"
                ):
                    if remainder < start - 1:
                        self._emit(core[remainder : start - 1], offset + remainder, glued)
                        glued = True
                    self._emit("n" + separator, offset + start - 1, glued)
                    glued = True
                    remainder = end
                    continue
                self._emit(core[remainder:start], offset + remainder, glued)
                glued = True
            if separator and separator not in _SILENT:
                self._emit(separator, offset + start, glued)
                glued = True
            elif separator:
                glued = False  # a hyphen is the spacing before the next part ("Hong-Kong")
            remainder = end
        if remainder == 0:
            self._emit(core, offset, glued)
        elif remainder < len(core):
            self._emit(core[remainder:], offset + remainder, glued)

    def _emit(self, value: str, start: int, glued: bool) -> None:
        self.values.append(value)
        self.starts.append(start)
        self.glued.append(glued)


def _separations(core: str) -> list[tuple[int, int]]:
    """Where syntok's tokeniser splits ``core`` (start, end of each separator), left to right."""
    found = []
    size = len(core)
    index = 0
    while index < size:
        char = core[index]
        previous = core[index - 1] if index else ""
        if previous.islower():
            if char in ".!?" and index + 1 < size and core[index + 1].isupper():
                found.append((index, index + 1))  # "end.The": the stop alone
                index += 1
                continue
            if char.isupper():
                found.append((index, index))
                index += 1
                continue
        if char in _APOSTROPHES and index + 1 < size and core[index + 1].isalpha():
            end = index + 1
            while end < size and core[end].isalpha():
                end += 1
            found.append((index, end))
            index = end
            continue
        if category(char) in ("Ps", "Pe"):
            found.append((index, index + 1))
        elif core.startswith("...", index):
            found.append((index, index + 3))
            index += 3
            continue
        elif char in _JOINERS and previous and index + 1 < size:
            following = core[index + 1]
            if (previous.isalpha() and (following.isalpha() or following.isdecimal())) or (
                previous.isdecimal() and following.isalpha()
            ):
                found.append((index, index + 1))
        index += 1
    return found


def _inside_word(text: str, at: int) -> bool:
    """Whether the stop at ``at`` is inside a word ("78.2", "U.S"), where it is no token; a
    stop between two letters or digits is, unless it splits "end.The" or "a;b"."""
    before, after = text[at - 1], text[at + 1]
    if not (before.isalnum() and after.isalnum()):
        return False
    return not (text[at] == ";" or (text[at] in ".!?" and before.islower() and after.isupper()))


def _word_start(text: str, at: int) -> int:
    while at > 0 and not (text[at - 1].isspace() or text[at - 1] == "\u200b"):
        at -= 1
    return at


def _last_non_space(text: str, start: int) -> int:
    """The offset of the last character before ``start`` that is not a space; -1 if none."""
    at = start - 1
    while at >= 0 and (text[at].isspace() or text[at] == "\u200b"):
        at -= 1
    return at


def _starts(text: str, offset: int) -> list[int]:
    """Where each sentence of ``text`` starts, shifted by ``offset``.

    syntok's state machine, run only where it can decide something: a sentence begins in the
    "first token" state, and the words between two candidate stops are passed over.
    """
    tokens = _Tokens(text)
    if not tokens.has(0):
        return []
    starts = [offset + tokens.starts[0]]
    values = tokens.values
    index = 0  # the next token to read
    first = True  # in the first-token state
    sentence = 0  # the index of the sentence's first token
    while tokens.has(index):
        if first:
            if values[index] in OPENING:  # a sentence that opens with a bracket
                after = _skip_bracket(tokens, index)
                if after != index:
                    index = after
                    if (
                        index - sentence > 3
                        and tokens.has(index)
                        and not _starts_lowercase(values[index])
                    ):
                        starts.append(offset + tokens.starts[index])
                        sentence = index
                        continue
                    if not tokens.has(index):
                        break
            index += 1
            if tokens.has(index) and (values[index] in TERMINALS or values[index] == "("):
                index, split = _decide(tokens, index, first=True)
            else:
                first = False
                index += 1  # the token after the first is read without a look
                continue
        else:
            found = tokens.candidate(index)
            if found is None:
                break
            index = found
            if values[index] in OPENING:
                after = _skip_bracket(tokens, index)
                if after != index:
                    index = after
                    if not tokens.has(index):
                        break
                    if values[index] not in _CANDIDATES:
                        index += 1
                        continue
            index, split = _decide(tokens, index, first=False)
            if not split:
                index += 1  # syntok reads the token after a stop it kept without a look
                continue
        if split:
            starts.append(offset + tokens.starts[index])
            sentence = index
            first = True
    return starts


def _starts_lowercase(value: str) -> bool:
    return value[:1].islower()


def _decide(tokens: _Tokens, index: int, *, first: bool) -> tuple[int, bool]:
    """At a stop (or an opening bracket) ``index``: read the closing marks that follow it and
    decide whether a new sentence starts. Returns the next token to read and the decision."""
    values = tokens.values
    before = values[index - 1]
    if values[index] not in OPENING:
        index += 1
    after = None
    if tokens.has(index) and values[index] in OPENING and values[index - 1] not in TERMINALS:
        index = _skip_bracket(tokens, index)
    else:
        while tokens.has(index) and values[index] in _AFTER_TERMINAL:
            after = after or values[index]
            index += 1
        if tokens.has(index) and values[index] in CLOSING_QUOTES and tokens.glued[index]:
            after = after or values[index]
            index += 1
        while tokens.has(index) and values[index] in _AFTER_TERMINAL:
            after = after or values[index]
            index += 1
        if tokens.has(index) and values[index] in OPENING:
            after = values[index]
    if not tokens.has(index):
        return index, False  # the end of the text
    following = values[index]
    if after is None:
        after = following
    glued = tokens.glued[index]
    single = len(before) == 1 or before in ROMAN_NUMERALS
    if _starts_lowercase(following) or following in _INNER_PUNCTUATION:
        return index, False
    if following in STARTERS and not (first and single):
        return index, True
    if before in ABBREVIATIONS and after not in CLOSING:
        return index, False
    if before in ("no", "No", "NO") and following.isalnum() and _has_digit(following):
        return index, False
    if following.isnumeric() and glued:
        return index, False
    if glued and (not after.istitle() or not after.isalpha() or len(after) == 1):
        return index, False
    if following.isnumeric() and len(following) > 2:
        return index, False
    if before.isnumeric() and following in MONTHS:
        return index, False
    if before in MONTHS and following.isnumeric():
        return index, False
    if "." in before and after != ".":
        return index, False  # "U.S.", "p.m."
    if (first or before.isupper()) and single:
        return index, False  # initials: "J. F. Kennedy"
    if len(before) == 1 and before.isalpha() and before not in _VOWELS:
        return index, False
    if after in OPENING:
        closing, sentence_inside = _find_closing(tokens, index)
        behind = ""
        if closing and not sentence_inside and tokens.has(index + closing + 1):
            behind = values[index + closing + 1]
        if behind in _INNER_PUNCTUATION:
            return index, False
        if tokens.has(index + 1) and values[index + 1].istitle():
            return index, True
        return index, not _starts_lowercase(behind)
    return index, True


def _has_digit(value: str) -> bool:
    return any(char.isnumeric() for char in value)


def _skip_bracket(tokens: _Tokens, index: int) -> int:
    """The token after the bracket opened at ``index`` when it is passed over whole (short, or
    not a sentence of its own); ``index`` when it is not."""
    closing, sentence_inside = _find_closing(tokens, index)
    if closing:
        end = tokens.starts[index + closing] + len(tokens.values[index + closing])
        if end - tokens.starts[index] < _BRACKET_SKIP or not sentence_inside:
            return index + closing + 1
    return index


def _find_closing(tokens: _Tokens, index: int) -> tuple[int, bool]:
    """How many tokens after ``index`` the bracket opened there closes (0: not within the
    window), and whether it holds what looks like a sentence (a capitalised first word, a stop
    after the last word)."""
    values = tokens.values
    depth = 1
    step = 1
    first_is_title = None
    last_is_terminal = False
    while step < _BRACKET_WINDOW and tokens.has(index + step):
        value = values[index + step]
        if first_is_title is None and value.isalnum():
            first_is_title = value.istitle()
        elif first_is_title and value.isalnum():
            last_is_terminal = tokens.has(index + step + 1) and (
                values[index + step + 1] in TERMINALS
            )
        if value in OPENING:
            depth += 1
        elif value in CLOSING:
            depth -= 1
            if not depth:
                break
        step += 1
    return (step if not depth else 0), bool(first_is_title and last_is_terminal)


def _trim(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink ``start``/``end`` past surrounding whitespace; None when nothing is left."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
