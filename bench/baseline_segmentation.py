"""The segmenter as it was before extraction was made fast: a frozen reference for the bench.

Not used by the application. ``bench/extract_bench.py`` times it beside the current
``factcheck.claims.extraction.segmentation`` and checks that both split the same texts the same
way; it needs syntok (``pip install -e ".[bench]"``). Its notes follow, as they were.

Split an article body into sentences with exact character offsets.

Paragraphs (text separated by a blank line) are split here, so a paragraph boundary always ends a
sentence whatever the segmenter thinks. Inside a paragraph, syntok decides where sentences end: it
keeps abbreviations ("U.S.", "Dr.", "No. 5"), decimals ("78.2"), ellipses and quotations together,
and is several times faster than pysbd (see bench/extract_bench.py for the comparison).

syntok reports the offset of every token, so a sentence runs from its first token to the first
token of the next sentence, with surrounding whitespace trimmed. The text of a sentence is therefore
always a slice of the body: ``body[s.start:s.end] == s.text``.

syntok knows only Latin punctuation, so a paragraph holding a full stop of another script is
first cut after each of them: the ideographic full stop and the full-width exclamation and
question marks of Chinese and Japanese (。！？, also the half-width ｡), the Arabic question mark
(؟) and the Devanagari danda (। ॥), and a half-width ! or ? right after a Chinese or Japanese
character. Closing quotes and brackets right after the stop stay with
the sentence they close (。」 ！』 。” ？）), as syntok keeps '." ' together; a straight quote
(。") closes when an odd number of them come before it in the paragraph. The semicolon (；)
does not end a sentence, in Chinese as in English. Each piece then goes through syntok, so Latin
sentences inside a Chinese paragraph are still split. A paragraph without any of these stops (all
English text) takes exactly the path it always took.
"""

import re
from bisect import bisect_right
from dataclasses import dataclass

from syntok.segmenter import segment as syntok_segment
from syntok.tokenizer import Tokenizer

# A blank line: a newline, optional horizontal whitespace (or "\r"), another newline.
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")

_tokenizer = Tokenizer(replace_not_contraction=False)

# A full stop of a script syntok does not know, or a half-width ! or ? right after a Chinese or
# Japanese character ("真的吗?"), repeated ("！！", "？！"), with the closing quotes and brackets
# that follow it.
_OTHER_STOPS = "。｡！？؟।॥"
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
OTHER_STOP = re.compile(
    f"(?:[{_OTHER_STOPS}]|(?<=[{_CJK}])[!?])[{_OTHER_STOPS}!?]*[」』”’）)\\]】〕》〉»]*"
)
_HAS_OTHER_STOP = re.compile(f"[{_OTHER_STOPS}]|[{_CJK}][!?]")


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
        if _HAS_OTHER_STOP.search(text):
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


def _starts(text: str, offset: int) -> list[int]:
    """Where syntok starts each sentence of ``text``, shifted by ``offset``."""
    starts = []
    for tokens in syntok_segment(_tokenizer.tokenize(text)):
        first = next((token for token in tokens if token.value), None)
        if first is not None:
            starts.append(offset + first.offset)
    return starts


def _trim(body: str, start: int, end: int) -> tuple[int, int] | None:
    """Shrink ``start``/``end`` past surrounding whitespace; None when nothing is left."""
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
