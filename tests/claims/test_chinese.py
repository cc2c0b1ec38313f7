"""Chinese (and other non-Latin) articles: one sentence per full stop, figures read as figures."""

from pathlib import Path

import pytest

from factcheck.claims.extraction import parse_figures, segment
from factcheck.claims.importing import import_and_propose
from factcheck.claims.proposals import propose_claims

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
ZH = FIXTURES / "zh-poverty.txt"
ZH_GB18030 = FIXTURES / "zh-poverty.gb18030.txt"

ZH_SENTENCES = [
    "新华社北京3月5日电（记者 王明）国家统计局5日发布的报告显示，按照现行标准，"
    "1978年以来我国7.7亿农村贫困人口摆脱贫困。",
    "报告称，这一成就提前10年实现联合国2030年可持续发展议程的减贫目标。",
    "报告指出，2020年全国居民人均预期寿命达到78.2岁，比1981年提高了10.4岁。",
    "贫困地区农村居民人均可支配收入达到12588元，年均增长11.6%。",
    "“脱贫攻坚战取得了全面胜利。”",
    "国家统计局有关负责人说。",
    "在贵州省的一个山村，村支书李华告诉记者：「现在百分之七十以上的村民住进了新房！」",
    "他说，村里832户人家中，超过70%的家庭有了稳定收入，近三千万元的扶贫资金用于修路。",
    "专家认为，农村人口中约有2.5亿人在城镇就业，外出务工收入占农民收入的40％左右。",
    "“我们还要巩固成果吗？",
    "当然要。”",
    "一位学者表示。",
    "The World Bank called it a remarkable achievement.",
    "世界银行对此给予高度评价。",
]


def texts(body):
    return [sentence.text for sentence in segment(body)]


def assert_exact_offsets(body):
    for sentence in segment(body):
        assert body[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()


def test_each_sentence_of_a_chinese_article_is_one_segment_with_exact_offsets():
    body = ZH.read_text(encoding="utf-8")
    assert texts(body) == ["国家统计局：农村贫困人口全部脱贫", *ZH_SENTENCES]
    assert [sentence.paragraph for sentence in segment(body)] == [0, 1, 1, *[2] * 4, 3, 3, *[4] * 6]
    assert_exact_offsets(body)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("他来了。她走了！你呢？", ["他来了。", "她走了！", "你呢？"]),
        ("他说：“我们赢了。”大家鼓掌。", ["他说：“我们赢了。”", "大家鼓掌。"]),
        ("「本当？」と聞いた。『はい！』", ["「本当？」", "と聞いた。", "『はい！』"]),
        ("真的吗？！（笑）他问？）然后走了", ["真的吗？！", "（笑）他问？）", "然后走了"]),
        ("第一，增长；第二，就业。", ["第一，增长；第二，就业。"]),  # ； joins clauses
        ('他说："我们赢了。"大家鼓掌。', ['他说："我们赢了。"', "大家鼓掌。"]),
        ('他来了。"你好。"他说。', ["他来了。", '"你好。"', "他说。"]),
        ("半角句号｡下一句", ["半角句号｡", "下一句"]),
        ('真的吗?好的!他说:"好!"然后走了', ["真的吗?", "好的!", '他说:"好!"', "然后走了"]),
        (
            "GDP grew 5%. 经济增长了。Dr. Smith agreed.",
            ["GDP grew 5%.", "经济增长了。", "Dr. Smith agreed."],
        ),
        ("هل هذا صحيح؟ نعم.", ["هل هذا صحيح؟", "نعم."]),
        ("यह सच है। ठीक है", ["यह सच है।", "ठीक है"]),
        ("标题没有句号\n\n正文。", ["标题没有句号", "正文。"]),
    ],
)
def test_it_splits_on_the_full_stops_of_other_scripts_keeping_closing_quotes(body, expected):
    assert texts(body) == expected
    assert_exact_offsets(body)


def figures(text):
    return [(f.text, f.value, f.kind, f.unit, f.qualifier) for f in parse_figures(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7.7亿农村贫困人口", [("7.7亿", 770_000_000, "count", "people", "")]),
        ("寿命达到78.2岁。", [("78.2岁", 78.2, "years", "years", "")]),
        ("百分之七十以上的村民", [("百分之七十以上", 70, "percent", "percent", "more than")]),
        ("占百分之70", [("百分之70", 70, "percent", "percent", "")]),
        ("有70%以上", [("70%以上", 70, "percent", "percent", "more than")]),
        ("占７０％", [("７０％", 70, "percent", "percent", "")]),
        ("超过70%的家庭", [("超过70%", 70, "percent", "percent", "more than")]),
        ("逾3万户", [("逾3万户", 30_000, "count", "households", "more than")]),
        ("近三千万人", [("近三千万人", 30_000_000, "count", "people", "nearly")]),
        ("约有2.5亿人", [("约有2.5亿人", 250_000_000, "count", "people", "about")]),
        ("收入的40％左右", [("40％左右", 40, "percent", "percent", "about")]),
        ("1000多名工人", [("1000多名", 1000, "count", "people", "more than")]),
        ("资金1.2万亿元", [("1.2万亿元", 1.2e12, "money", "CNY", "")]),
        ("提高2个百分点", [("2个百分点", 2, "percent", "percentage points", "")]),
        ("增长了十五倍", [("十五倍", 15, "multiplier", "times", "")]),
        ("2020年全国", [("2020年", 2020, "year", "", "")]),
        ("提前10年实现", [("10年", 10, "years", "years", "")]),
        # Traditional characters and Japanese.
        ("人口約1.2億人", [("約1.2億人", 120_000_000, "count", "people", "about")]),
        ("超過七十萬戶", [("超過七十萬戶", 700_000, "count", "households", "more than")]),
        ("平均寿命は84.3歳", [("84.3歳", 84.3, "years", "years", "")]),
        ("予算は3000億円", [("3000億円", 300_000_000_000, "money", "JPY", "")]),
        # Not figures: dates, words made of numerals, ordinals, names.
        ("3月5日电，十分重要，一些人，第一，万一", []),
        ("COVID-19疫情和G20峰会", []),
    ],
)
def test_chinese_figures_give_the_same_records_as_english(text, expected):
    assert figures(text) == expected
    assert all(text[f.start : f.end] == f.text for f in parse_figures(text))


def test_a_chinese_year_is_the_period_of_the_figures_of_its_sentence():
    [year, count] = parse_figures("1978年以来，7.7亿农村贫困人口摆脱贫困。")
    assert (year.kind, year.value) == ("year", 1978)
    assert (count.value, count.period) == (770_000_000, "1978-")


def test_english_figures_in_a_chinese_sentence_keep_their_english_reading():
    assert figures("The U.S. has more than 7 million people，中国有14亿人") == [
        ("more than 7 million people", 7_000_000, "count", "people", "more than"),
        ("14亿人", 1_400_000_000, "count", "people", ""),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", [ZH, ZH_GB18030])
def test_importing_a_chinese_article_gives_one_candidate_per_sentence(editor, fixture):
    outcome = import_and_propose(fixture.read_bytes(), by=editor, filename=fixture.name)
    article = outcome.article
    assert article.language == "zh"
    # Whatever the scores (not asserted here), every sentence can be a claim of its own.
    propose_claims(article, threshold=0.0)
    claims = list(article.claims.order_by("start"))
    body_sentences = texts(article.body)
    assert [claim.text for claim in claims] == body_sentences
    assert set(ZH_SENTENCES) <= set(body_sentences)
    assert all(article.body[claim.start : claim.end] == claim.text for claim in claims)
    by_text = {claim.text: claim for claim in claims}
    assert [
        (figure["text"], figure["value"], figure["kind"])
        for figure in by_text[ZH_SENTENCES[2]].figures
    ] == [
        ("2020年", 2020, "year"),
        ("78.2岁", 78.2, "years"),
        ("1981年", 1981, "year"),
        ("10.4岁", 10.4, "years"),
    ]
    assert by_text[ZH_SENTENCES[0]].figures[1]["value"] == 770_000_000
    assert by_text[ZH_SENTENCES[6]].figures[0]["qualifier"] == "more than"


def test_a_chinese_year_is_no_figure_to_check_as_an_english_one_is_not():
    from factcheck.reviews.reviewing import is_checkable

    checkable = [is_checkable(f.as_dict()) for f in parse_figures("2020年，7.7亿人脱贫。")]
    assert checkable == [False, True]
