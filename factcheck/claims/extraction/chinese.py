"""The readable check-worthiness features of a Chinese (or Japanese) sentence.

``describe(text)`` returns the same features as ``features.describe()`` does for English, under
the same names (``features.NAMES``) and categories, so a model trained on English readable
features scores Chinese through their names: a figure is a figure, an attribution an
attribution, whatever the language. Reasons are English words quoting the Chinese that fired
("contains a figure: 7.7亿", "attribution: 表示", "opinion marker: 必须").

How it reads Chinese:

- Figures come from ``figures.parse_figures()`` (7.7亿, 百分之七十以上, 78.2岁, full-width
  digits); their kinds tell percent, money, multiplier and year. A bare year (2020年) is a
  "year", not a "figure", as in English. ``parse_figures()`` runs only when the sentence holds a
  digit or a run of numerals: it is the costliest step.
- Word lists are matched without word segmentation: one scan over the characters, trying at
  each position the phrases starting with that character, longest first, and moving past the
  phrase that matched. A phrase can name no feature at all: it is there to swallow a false
  friend, so that 最近 ("recently") is not a superlative, 我国 ("our country") not "I", 办法
  ("method") not a law and 预期寿命 ("life expectancy") not a prediction.
- Traditional characters (說, 稱, 據, 增長, 歷史 ...) and the Japanese forms of a few (増, 減,
  過) are mapped to simplified ones before the scan, character for character, so offsets and
  the quoted reasons keep the writer's own characters. Japanese has a few kana entries of its
  own (によると, と述べた, 予定, べき, 私は, あなた, a question ending in か); otherwise
  Japanese goes through this same function.
- Length is counted in English-word equivalents, so the length buckets mean what they mean in
  English: a Chinese news sentence holds about 1.6 characters per English word of its
  translation (1.5 to 1.7 in parallel news corpora), so ``CHARS_PER_WORD`` is 1.6; digits and
  Latin words count as one word each.
- Names: Chinese has no capital letters, so "names" fires on a short list of well-known
  organisations, countries and places, and on capitalised Latin words in the sentence (WHO,
  Pfizer).
- A sentence without any Chinese or Japanese character (an English quotation in a Chinese
  article) is described by ``features.describe()``.

Speed: the scan and the regular expressions cost about 25 microseconds a news sentence on a
2-core machine, and ``parse_figures()`` about as much again on average (more on sentences full of
figures); ``bench/chinese_eval.py`` measures both.
"""

import re

from . import features
from .features import Feature
from .figures import parse_figures

# English words of translation per Chinese character (see the module's notes).
CHARS_PER_WORD = 1.6

CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A digit, or two numerals in a row (十五, 三千万), or 十 or 百分之: parse_figures() may find
# a figure. Single numerals (一位, 三名) never make one.
MAY_HOLD_FIGURE = re.compile(
    r"[0-9０-９十]|[零〇一二两兩三四五六七八九百千万亿萬億][零〇一二两兩三四五六七八九十百千万亿萬億]"
)
CAPITAL = re.compile(r"[A-Z]")
LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Z][A-Za-z]+(?![A-Za-z])")
NOT_LATIN_NAMES = {"GDP", "CPI", "PPI", "PMI", "PM", "AI", "CEO", "APP", "App", "The", "A"}
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
NOT_CJK = re.compile(r"[A-Za-z0-9０-９]")
LATIN_WORD = re.compile(r"[A-Za-z0-9０-９][A-Za-z0-9０-９.,%％'’-]*")

# Traditional (and Japanese) characters -> simplified, one for one, for the characters the word
# lists below use. Applied with str.translate, so every offset stays where it was.
_TRADITIONAL = (
    "說稱據報顯於這為們認應該須導過來將預計劃測歷經長減較與對從際國會議決規條稅關訂頒佈發"
    "數調訴強偉堅榮妳嗎紀錄創戰爭權統結響畫單項問題實現業學醫療衛環護氣災難體賽選舉總黨鎮縣區"
    "臺灣門銀組織聯貨幣華團務員約協憲罰訟許證當幫義貢獻愛輝驕讚贊揚熱謝賀歡遺讓麼麽進續並達戶"
    "點轉變漲場擴縮颱風億萬兩歲増減過預測價濟債資購買費務營齡殺傷確診謂絕斷論覺監個產幾運動壽"
)
_SIMPLIFIED = (
    "说称据报显于这为们认应该须导过来将预计划测历经长减较与对从际国会议决规条税关订颁布发"
    "数调诉强伟坚荣你吗纪录创战争权统结响画单项问题实现业学医疗卫环护气灾难体赛选举总党镇县区"
    "台湾门银组织联货币华团务员约协宪罚讼许证当帮义贡献爱辉骄赞赞扬热谢贺欢遗让么么进续并达户"
    "点转变涨场扩缩台风亿万两岁增减过预测价济债资购买费务营龄杀伤确诊谓绝断论觉监个产几运动寿"
)
if len(_TRADITIONAL) != len(_SIMPLIFIED):  # pragma: no cover - a typo in the tables above
    raise ValueError("the traditional and simplified tables differ in length")
TO_SIMPLIFIED = str.maketrans(_TRADITIONAL, _SIMPLIFIED)
TRADITIONAL = re.compile(f"[{_TRADITIONAL}]")

# Phrases, by feature, in simplified characters (Japanese kana as written). A phrase listed
# under several features fires them all; a phrase under NOTHING fires none (a false friend).
NOTHING = "-"
LEXICONS: dict[str, tuple[str, ...]] = {
    "percent": ("百分比", "百分点", "%", "％"),
    "multiplier": ("翻番", "翻一番", "翻了一番", "翻两番", "翻了两番", "成倍", "加倍", "减半"),
    "proportion": ("半数", "一半", "过半", "占比", "比重", "比例"),
    "money": (
        "经济", "预算", "赤字", "债务", "收入", "工资", "薪酬", "国内生产总值", "GDP", "财政",
        "支出", "开支", "投资", "资金", "税收", "物价", "房价", "价格", "贷款", "补贴", "消费",
        "外汇", "营收", "利润",
    ),
    "superlative": (
        "最", "首次", "首个", "首位", "首家", "首座", "首批", "第一", "第一次", "第一个",
        "历史最高", "历史最低", "历史新高", "历史新低", "创纪录", "创历史", "创历史新高",
        "创历史新低", "创新高", "创新低", "新纪录", "纪录",
        "史上", "前所未有", "之最", "居首", "榜首", "唯一", "过去最高", "过去最多", "过去最低",
    ),
    "comparative": (
        "增长", "增加", "增幅", "增速", "增至", "增多", "下降", "降低", "降幅", "降至", "提高",
        "提升", "减少", "超过", "超出", "高于", "低于", "多于", "少于", "同比", "环比", "翻番",
        "翻一番", "翻了一番", "翻两番", "翻了两番", "上升", "上涨", "升至", "下跌", "跌至",
        "下滑", "回落", "扩大", "缩小", "相比", "相较", "较上年", "较去年", "较上月", "较同期",
        "较前一年", "较此前", "比上年", "比去年", "比上一年", "比上月", "比同期", "不如", "远超",
        "攀升", "飙升", "暴跌", "大增", "锐减", "不足", "不到", "高达", "多达",
    ),
    "attribution": (
        "据", "根据", "据悉", "据了解", "据介绍", "据统计", "据报道", "表示", "称", "声称",
        "宣称", "号称", "指出", "宣布", "报道", "报导", "显示", "表明", "告诉", "说", "透露",
        "证实", "发布", "公布", "通报", "统计", "数据", "调查", "研究", "报告", "援引", "引述",
        "认为", "坦言", "直言", "披露", "介绍说", "网传", "经核实", "辟谣", "科学依据",
        "によると", "によれば", "と述べ", "と発表", "と話し", "発表した",
    ),
    "legal": (
        "法律", "法规", "法案", "法典", "法院", "法庭", "法官", "依法", "违法", "合法", "非法",
        "执法", "立法", "司法", "宪法", "刑法", "民法", "法令", "条例", "政策", "规定",
        "公约", "决议", "协议", "协定", "条约", "制裁", "判决", "裁定", "起诉", "判处", "罚款",
        "禁止", "禁令", "许可", "税", "关税", "投票", "表决", "签署", "批准", "议会", "国会",
        "人大", "立法会", "立法院", "参议院", "众议院", "修正案", "草案", "生效", "施行", "实施",
    ),
    "causal": (
        "因为", "由于", "导致", "因此", "所以", "造成", "致使", "使得", "引起", "引发", "源于",
        "归因于", "得益于", "受益于", "因而", "从而", "以致", "归功于", "のため",
    ),
    "prediction": (
        "将", "将会", "将于", "将要", "即将", "预计", "预测", "预期", "预料", "计划", "计画",
        "有望", "展望", "未来", "明年", "今后", "届时", "拟于", "打算", "必将", "予定", "予想",
        "予測", "見込み", "見通し",
    ),
    "historical": (
        "以来", "历史", "年前", "曾", "曾经", "过去", "此前", "以前", "当年", "世纪", "年代",
        "战争", "成立", "建立", "创立", "创办", "前任", "昔日", "往年", "上世纪", "自从",
    ),
    "opinion": (
        "应该", "应当", "必须", "务必", "一定要", "伟大", "坚定", "坚决", "坚定不移", "毫不动摇",
        "希望", "相信", "光荣", "我认为", "我们认为", "我相信", "我觉得", "觉得", "深信", "呼吁",
        "高度评价", "称赞", "赞扬", "赞赏", "衷心", "热烈", "感谢", "祝贺", "欢迎", "值得",
        "美好", "幸福", "骄傲", "自豪", "辉煌", "了不起", "精彩", "遗憾", "可耻", "糟糕",
        "可怕", "非常", "十分", "极其", "真正", "始终", "永远", "愿景", "命运共同体", "智慧",
        "崇高", "努力", "奋斗", "力争", "争取", "全力", "全心全意", "积极", "坚持", "重要意义",
        "重大意义", "意义重大", "堪称", "必将", "绝不", "决不", "捍卫", "携手", "团结", "加油",
        "感动", "温暖", "可喜", "令人鼓舞", "振奋", "无比", "最美", "最好", "べき", "と思う",
        "と考え",
    ),
    "first_person_singular": (
        "我", "本人", "俺", "我认为", "我相信", "我觉得", "私は", "私の", "私が", "僕",
    ),
    "first_person_plural": (
        "我们", "咱们", "我们认为", "我国", "我省", "我市", "我县", "我区", "我校", "我院",
        "我局", "我军", "我方", "我党", "我々", "私たち",
    ),
    "second_person": ("你", "您", "你们", "あなた"),
    "names": (
        "联合国", "世界银行", "世界卫生组织", "世卫组织", "国际货币基金组织", "世贸组织",
        "国际奥委会", "国家统计局", "国务院", "外交部", "教育部", "财政部", "商务部", "民政部",
        "国家卫健委", "卫健委", "国家卫生健康委", "发改委", "国家发展改革委", "生态环境部",
        "应急管理部", "国家体育总局", "中国气象局", "中国人民银行", "央行", "新华社",
        "中国", "美国", "日本", "英国", "法国", "德国", "俄罗斯", "印度", "韩国", "欧盟",
        "北京", "上海", "天津", "重庆", "广东", "广州", "深圳", "浙江", "杭州", "江苏", "南京",
        "四川", "成都", "湖北", "武汉", "湖南", "河南", "河北", "山东", "福建", "贵州", "云南",
        "广西", "西藏", "新疆", "甘肃", "陕西", "山西", "江西", "安徽", "辽宁", "吉林",
        "黑龙江", "内蒙古", "宁夏", "青海", "海南", "台湾", "台北", "高雄", "香港", "澳门",
        "卫生福利部", "卫福部", "行政院", "特区政府", "东京",
    ),
    NOTHING: (
        # Not superlatives: recently, finally, eventually, at first, newest; firstly, capital.
        "最近", "最后", "最终", "最初", "最新", "首先", "首都", "首相", "首长", "首席",
        "第一时间", "第一书记", "第一线", "创新高地",
        # Not attributions: to be called, name, title, novel, legend, to persuade, to occupy.
        "称为", "称之为", "名称", "称号", "职称", "对称", "简称", "俗称", "统称", "小说",
        "传说", "说服", "学说", "演说", "占据", "据点", "研究生",
        # Not predictions: general, nearly (a figure's qualifier), the object marker, life
        # expectancy.
        "将军", "将近", "将其", "将士", "大将", "将领", "老将", "名将", "主将", "将此", "将该",
        "预期寿命", "模拟", "虚拟",
        # Not the first person: oneself; not the second person: mini.
        "自我", "迷你",
        # Not an attribution: a way of putting it.
        "说法",
        # Vague amounts, not opinions; "very" inside a figure.
        "很多", "很少", "十分之",
    ),
}  # fmt: skip

# Patterns the word lists cannot say.
DATELINE = re.compile(
    r"(?:(?:新华社|新華社|中新社|中新网|中新網|人民网|人民網|央视网|央視網|路透社|法新社|美联社|美聯社"
    r"|共同社)[^，。,（(]{0,12}?\d{1,2}月\d{1,2}日[电電]"
    r"|【?(?:本报讯|本報訊)】?|〔[^〕]{1,24}〕|【[^】]{1,24}】)"
    r"\s*(?:[（(](?:记者|記者)[^）)]{0,24}[）)])?\s*"
)
TITLE = re.compile(r"《([^《》]{1,60})》")
LAW_TITLES = (
    "法", "条例", "规定", "办法", "公约", "决定", "决议", "法案", "协定", "条约", "宪章", "规则",
    "细则", "意见", "通知", "纲要", "规划", "方案",
)  # fmt: skip
COMPARED_WITH = re.compile(
    r"比(?![如较赛例重率分对喻特利亚方])[^，。；！？,;!?]{1,10}?"
    r"(?:提高|下降|上升|增长|增加|减少|降低|多|少|高|低|大|小|快|慢|强|弱|长|短|早|晚)"
)
AFFECTED_BY = re.compile(r"受[^，。；！？,;]{1,8}?影响")
BY_YEAR = re.compile(r"到(?:20\d\d|２０[０-９]{2})年")
FRACTION = re.compile(
    r"[零〇一二两三四五六七八九十\d]+分之[零〇一二两三四五六七八九十百千\d]+"
    r"|(?<![\d零〇一二两三四五六七八九十])[一二三四五六七八九](?:成)(?![为立功本果绩熟员都交年就])"
)
# A rank ("第二大") or a run ("连续第七年", "连续5个月"): records, as English "second-largest".
RANK = re.compile(
    r"第[二三四五六七八九十\d]+(?:大|高|多|长|位|名)"
    r"|连续第?[二三四五六七八九十\d]+(?:年|个月|次|天|周|届|季度)"
)
DATE = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})[日号]"
)
QUOTED = re.compile(r"[“「『\"]([^”」』\"]*)([”」』\"]?)")
CLOSING = "”」』\"'’)）】》 \t\n"
# A quoted span this short is a term ("双减"), not a quotation.
MIN_QUOTATION_CHARS = 8


def _index(
    lexicons: dict[str, tuple[str, ...]],
) -> dict[str, tuple[tuple[str, tuple[str, ...]], ...]]:
    """Map each first character to its phrases (longest first) and the features they fire."""
    names_of: dict[str, list[str]] = {}
    for name, phrases in lexicons.items():
        for phrase in phrases:
            phrase = phrase.translate(TO_SIMPLIFIED)
            names_of.setdefault(phrase, [])
            if name != NOTHING:
                names_of[phrase].append(name)
    by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for phrase, names in names_of.items():
        by_first.setdefault(phrase[0], []).append((phrase, tuple(names)))
    return {
        first: tuple(sorted(entries, key=lambda entry: -len(entry[0])))
        for first, entries in by_first.items()
    }


_PHRASES = _index(LEXICONS)
_FIRSTS = re.compile("[" + re.escape("".join(_PHRASES)) + "]")


def describe(text: str) -> list[Feature]:
    """The readable features of a Chinese or Japanese sentence that fire, each with its reason."""
    if not CJK.search(text):
        return features.describe(text)
    found: list[Feature] = []

    def add(name: str, reason: str, category: str = "") -> None:
        found.append(Feature(name, 1.0, reason, category))

    # A dateline ("新华社北京3月5日电（记者 王明）", "【本報訊】") tells where the news came
    # from, not what it says.
    if dateline := DATELINE.match(text):
        text = text[dateline.end() :]
    # str.translate is slow: only text holding a traditional character pays for it.
    simple = text.translate(TO_SIMPLIFIED) if TRADITIONAL.search(text) else text
    # A title in 《》 names a document: its words and years are not the sentence's, but a law's
    # or a policy's title says the sentence is about law or policy.
    titles = [match.span(1) for match in TITLE.finditer(simple)] if "《" in simple else []
    for start, end in titles:
        simple = simple[:start] + " " * (end - start) + simple[end:]
    hits = _lexicon_hits(simple, text)
    laws = [
        text[s - 1 : e + 1]
        for s, e in titles
        if text[s:e].translate(TO_SIMPLIFIED).endswith(LAW_TITLES)
    ]
    if laws:
        hits["legal"] = laws + hits.get("legal", [])

    figures = parse_figures(text) if MAY_HOLD_FIGURE.search(simple) else []
    if titles:
        figures = [f for f in figures if not any(s <= f.start < e for s, e in titles)]
    quantities = [figure for figure in figures if figure.kind != "year"]
    years = [figure.text for figure in figures if figure.kind == "year"]
    if quantities:
        shown = ", ".join(figure.text for figure in quantities[:3])
        label = "contains a figure" if len(quantities) == 1 else "contains figures"
        add("figure", f"{label}: {shown}", "statistic")
        if len(quantities) > 1:
            add("several_figures", f"{len(quantities)} figures", "statistic")
    percents = [figure.text for figure in quantities if figure.kind == "percent"]
    if percents or "percent" in hits:
        add("percent", f"a percentage: {(percents or hits.get('percent', []))[0]}", "statistic")
    proportions = hits.get("proportion", [])
    if "分之" in simple or "成" in simple:
        proportions = _matches(FRACTION, simple, text) + proportions
    if proportions:
        add("proportion", f"a proportion: {proportions[0]}", "statistic")
    multiples = [f.text for f in quantities if f.kind == "multiplier"] + hits.get("multiplier", [])
    if multiples:
        add("multiplier", f"a multiple: {multiples[0]}", "statistic")
    money = [f.text for f in quantities if f.kind == "money"] + hits.get("money", [])
    if money:
        add("money", f"money or the economy: {money[0]}")
    if years:
        add("year", f"a year: {', '.join(years[:3])}", "historical")
    if "月" in simple and (match := DATE.search(simple)):
        add("date", f"a date: {text[match.start() : match.end()]}", "historical")
    superlatives = hits.get("superlative", [])
    if "第" in simple or "连续" in simple:
        superlatives = _matches(RANK, simple, text) + superlatives
    if superlatives:
        add("superlative", f"superlative: {superlatives[0]}", "comparison")
    comparisons = hits.get("comparative", [])
    if "比" in simple:
        comparisons = comparisons + _matches(COMPARED_WITH, simple, text)
    if comparisons:
        add("comparative", f"comparison: {comparisons[0]}", "comparison")
    if "attribution" in hits:
        add("attribution", f"attribution: {hits['attribution'][0]}", "attribution")
    if _quotes(simple):
        add("quotation", "contains a quotation")
    causes = hits.get("causal", [])
    if "受" in simple:
        causes = causes + _matches(AFFECTED_BY, simple, text)
    predictions = hits.get("prediction", [])
    if "到" in simple:
        predictions = predictions + _matches(BY_YEAR, simple, text)
    for name, label, category, phrases in (
        ("legal", "law or policy", "legal", hits.get("legal", [])),
        ("causal", "cause and effect", "causal", causes),
        ("prediction", "prediction", "prediction", predictions),
        ("historical", "past events", "historical", hits.get("historical", [])),
    ):
        if phrases:
            add(name, f"{label}: {phrases[0]}", category)
    if "opinion" in hits:
        add("opinion", f"opinion marker: {', '.join(hits['opinion'][:3])}")
    if "first_person_singular" in hits:
        add(
            "first_person_singular",
            f"speaks in the first person: {hits['first_person_singular'][0]}",
        )
    if "first_person_plural" in hits:
        add("first_person_plural", f"speaks for a group: {hits['first_person_plural'][0]}")
    if "second_person" in hits:
        add("second_person", f"addresses the reader: {hits['second_person'][0]}")
    ending = simple.rstrip(CLOSING)
    if ending.endswith(("？", "?", "吗", "呢", "吗。", "呢。", "か。", "か")):
        add("question", "a question")
    if ending.endswith(("！", "!")):
        add("exclamation", "an exclamation")
    names = hits.get("names", [])
    if CAPITAL.search(text):
        names = names + [name for name in LATIN_NAME.findall(text) if name not in NOT_LATIN_NAMES]
    if names:
        add("names", f"names: {', '.join(dict.fromkeys(names[:4]))}")
    length, characters = equivalent_words(text)
    add(
        _length_feature(length),
        f"{_length_label(length)} sentence (about {length} word{'' if length == 1 else 's'}: "
        f"{characters} character{'' if characters == 1 else 's'})",
    )
    return found


def equivalent_words(text: str) -> tuple[int, int]:
    """The length of ``text`` in English words (see ``CHARS_PER_WORD``), and its number of
    Chinese or Japanese characters."""
    characters = sum(map(len, CJK_RUN.findall(text)))
    others = len(LATIN_WORD.findall(text)) if NOT_CJK.search(text) else 0
    return round(characters / CHARS_PER_WORD) + others, characters


def _lexicon_hits(simple: str, text: str) -> dict[str, list[str]]:
    """For each feature, the phrases of its list found in ``simple`` (the sentence in
    simplified characters), as ``text`` writes them, in reading order, once each."""
    hits: dict[str, list[str]] = {}
    position = 0
    # The regular expression skips, in C, the characters that start no phrase.
    while match := _FIRSTS.search(simple, position):
        position = match.start()
        step = 1
        for phrase, names in _PHRASES[match.group(0)]:
            if simple.startswith(phrase, position):
                step = len(phrase)
                written = text[position : position + step]
                for name in names:
                    seen = hits.setdefault(name, [])
                    if written not in seen:
                        seen.append(written)
                break
        position += step
    return hits


def _matches(pattern: re.Pattern[str], simple: str, text: str) -> list[str]:
    return [text[match.start() : match.end()] for match in pattern.finditer(simple)]


def _quotes(simple: str) -> bool:
    """Whether the sentence quotes someone: a quoted span long enough to be speech rather than
    a term, or a quotation that opens or closes outside this sentence."""
    if not any(mark in simple for mark in '“”「」『』"'):
        return False
    for match in QUOTED.finditer(simple):
        if len(match.group(1)) >= MIN_QUOTATION_CHARS or not match.group(2):
            return True
    # A sentence that ends a quotation opened in the sentence before ("当然要。”").
    opened = sum(simple.count(mark) for mark in "“「『")
    return sum(simple.count(mark) for mark in "”」』") > opened


def _length_feature(words: int) -> str:
    if words <= 4:
        return "length_very_short"
    if words <= 9:
        return "length_short"
    if words <= 19:
        return "length_medium"
    if words <= 39:
        return "length_long"
    return "length_very_long"


def _length_label(words: int) -> str:
    return {
        "length_very_short": "a very short",
        "length_short": "a short",
        "length_medium": "a medium-length",
        "length_long": "a long",
        "length_very_long": "a very long",
    }[_length_feature(words)]
