"""Each encoding a pasted or uploaded article comes in."""

import pytest

from factcheck.articles.ingest import read

ENGLISH = (
    "Budget \u201cshortfall\u201d revealed\n\n"
    "The minister said the \u201cnew plan\u201d would cost \u20ac2.5 billion \u2014 about 12% more "
    "than last year\u2019s budget, and the caf\u00e9 owners\u2019 association objected.\n\n"
    "Critics called it \u201cunaffordable\u201d."
)
CHINESE = (
    "中国的人权事业\n\n"
    "中国政府一直把尊重和保障人权作为国家治理的重要内容。改革开放四十多年来，"
    "中国居民人均可支配收入增长了一百八十多倍。\n\n"
    "约七亿七千万农村贫困人口摆脱了贫困，人均预期寿命提高到七十八点二岁。"
)


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")[1:]


def test_it_reads_utf8():
    reading = read(ENGLISH.encode("utf-8"), filename="a.txt")
    assert reading.paragraphs == paragraphs(ENGLISH)
    assert reading.encoding == "utf-8"
    assert reading.warnings == ["No publication date was found."]


def test_it_reads_utf8_with_a_byte_order_mark():
    reading = read(ENGLISH.encode("utf-8-sig"), filename="a.txt")
    assert reading.title == "Budget \u201cshortfall\u201d revealed"
    assert reading.paragraphs == paragraphs(ENGLISH)
    assert not reading.raw_text.startswith("\ufeff")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_it_reads_utf16_with_or_without_a_byte_order_mark(codec):
    reading = read(ENGLISH.encode(codec), filename="a.txt")
    assert reading.paragraphs == paragraphs(ENGLISH)


def test_it_reads_chinese_in_utf16():
    assert read(CHINESE.encode("utf-16"), filename="a.txt").paragraphs == paragraphs(CHINESE)


@pytest.mark.parametrize("codec", ["gb18030", "gbk"])
def test_it_reads_chinese_in_gb18030_and_gbk(codec):
    reading = read(CHINESE.encode(codec), filename="a.txt")
    assert reading.title == "中国的人权事业"
    assert reading.paragraphs == paragraphs(CHINESE)
    assert reading.language == "zh"
    assert reading.warnings[-1] == "The text was not UTF-8; it was read as gb18030."


def test_it_reads_windows_1252_curly_quotes_and_the_euro_sign():
    reading = read(ENGLISH.encode("cp1252"), filename="a.txt")
    assert reading.paragraphs == paragraphs(ENGLISH)
    assert reading.encoding == "cp1252"


def test_a_short_windows_1252_text_is_not_mistaken_for_a_dos_code_page():
    text = "Caf\u00e9 prices\n\nA \u201cflat white\u201d now costs \u20ac5 \u2013 up 10%."
    assert read(text.encode("cp1252"), filename="a.txt").paragraphs == [
        "A \u201cflat white\u201d now costs \u20ac5 \u2013 up 10%."
    ]


def test_html_follows_its_declared_charset():
    html = (
        '<html><head><meta charset="windows-1252"><title>Prix</title></head><body><article>'
        "<p>Le ministre a d\u00e9clar\u00e9 que le plan co\u00fbterait 2,5 milliards "
        "d\u2019euros, soit 12 % de plus que l\u2019an dernier, selon le budget.</p>"
        "</article></body></html>"
    )
    reading = read(html.encode("cp1252"), filename="a.html")
    assert "co\u00fbterait 2,5 milliards d\u2019euros" in reading.body
    assert reading.encoding == "windows-1252"
