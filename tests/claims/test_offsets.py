"""Browsers count selections in UTF-16 code units, Python in code points: no anchor may drift."""

import pytest
from django.core.exceptions import ValidationError

from factcheck.claims.editing import create_from_selection, from_utf16
from factcheck.claims.layout import paragraphs_with_claims
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

# Emoji (astral, two UTF-16 units), a combining mark kept decomposed, CJK and right-to-left text.
BODY = (
    "Growth 📈 reached 7.5 percent in 2021, said the minister.\n\n"
    "Cafe\u0301 prices rose 3 percent. 中国的人均可支配收入增长了180多倍。\n\n"
    "قال الوزير إن النمو بلغ 7.5 في المئة. The bridge 🌉🌉 cost 2.5 billion euros."
)


def utf16_offset(text, index):
    return len(text[:index].encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    "phrase",
    [
        "7.5 percent in 2021",
        "Cafe\u0301 prices",
        "180多倍",
        "النمو بلغ 7.5",
        "cost 2.5 billion euros",
    ],
)
def test_utf16_offsets_convert_back_to_the_same_text(phrase):
    start = BODY.index(phrase)
    end = start + len(phrase)
    assert from_utf16(BODY, utf16_offset(BODY, start)) == start
    assert from_utf16(BODY, utf16_offset(BODY, end)) == end


def test_an_offset_inside_an_emoji_is_refused():
    inside = utf16_offset(BODY, BODY.index("📈")) + 1
    with pytest.raises(ValidationError, match="cuts a character"):
        from_utf16(BODY, inside)


def test_paragraph_starts_are_given_in_both_units():
    paragraphs = paragraphs_with_claims(BODY, [])
    for paragraph in paragraphs:
        assert paragraph.start16 == utf16_offset(BODY, paragraph.start)
    assert paragraphs[1].start16 == paragraphs[1].start + 1  # one emoji before it


def test_a_browser_selection_after_emoji_anchors_exactly(client, editor):
    article = ArticleFactory(body=BODY)
    phrase = "cost 2.5 billion euros"
    start = BODY.index(phrase)
    client.force_login(editor)
    response = client.post(
        f"/articles/{article.pk}/claims/new/",
        {
            "start": utf16_offset(BODY, start),
            "end": utf16_offset(BODY, start + len(phrase)),
            "text": phrase,
            "units": "utf16",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200, response.content.decode()
    claim = article.claims.get()
    assert (claim.start, claim.end, claim.text) == (start, start + len(phrase), phrase)


def test_code_point_offsets_are_the_default(editor):
    article = ArticleFactory(body=BODY)
    start = BODY.index("180多倍")
    claim = create_from_selection(article, start, start + 5, "180多倍", by=editor)
    assert claim.text == "180多倍"
