import json
import re

import pytest

from factcheck.claims.extraction import Figure, parse_figures
from factcheck.claims.extraction.figures import KINDS, UNITS, YEAR, scan
from tests.claims.seed import seed_body


def only(text):
    """The one figure of ``text`` that is not a calendar year."""
    figures = [figure for figure in parse_figures(text) if figure.kind != "year"]
    assert len(figures) == 1, figures
    return figures[0]


def figure_at(text, phrase):
    """The figure whose text is ``phrase``."""
    matches = [figure for figure in parse_figures(text) if figure.text == phrase]
    assert len(matches) == 1, parse_figures(text)
    return matches[0]


# --- The seed article's figures ------------------------------------------------------------------

SEED_FIGURES = [
    # (text, value, kind, unit, qualifier, period, comparison)
    ("more than 40 years", 40.0, "years", "years", "more than", "", ""),
    ("more than 180 times", 180.0, "multiplier", "times", "more than", "", ""),
    ("Some 770 million rural Chinese", 770e6, "count", "people", "about", "", ""),
    ("78.2 years", 78.2, "years", "years", "", "", ""),
    ("some one fifth", 0.2, "fraction", "", "about", "", ""),
    ("nearly 800 million people", 800e6, "count", "people", "nearly", "", ""),
    ("2012", 2012.0, "year", "", "", "", ""),
    ("98.99 million people", 98.99e6, "count", "people", "", "2012", ""),
    ("2020", 2020.0, "year", "", "", "", ""),
    ("more than 30 years", 30.0, "years", "years", "more than", "2020", ""),
    ("over 770 million rural poor", 770e6, "count", "people", "more than", "2020", ""),
    ("2030", 2030.0, "year", "", "", "", ""),
    ("10 years", 10.0, "years", "years", "", "", "ahead"),
    ("over 70 percent", 70.0, "percent", "percent", "more than", "", ""),
    ("second-largest", 2.0, "rank", "largest", "", "", ""),
]


def test_the_seed_article_yields_exactly_its_figures_in_reading_order():
    body = seed_body()
    found = [
        (f.text, f.value, f.kind, f.unit, f.qualifier, f.period, f.comparison)
        for f in parse_figures(body)
    ]
    assert found == SEED_FIGURES


def test_every_seed_figure_slices_the_body_exactly():
    body = seed_body()
    for figure in parse_figures(body):
        assert body[figure.start : figure.end] == figure.text


def test_each_figure_the_issue_names_is_found_in_the_seed():
    texts = [figure.text for figure in parse_figures(seed_body())]
    for phrase in (
        "more than 180 times",
        "770 million",
        "78.2 years",
        "98.99 million",
        "over 70 percent",
        "10 years",
        "one fifth",
        "second-largest",
    ):
        assert any(phrase in text for text in texts), phrase


# --- One form each -------------------------------------------------------------------------------


def test_more_than_180_times_is_a_multiplier_of_180_with_qualifier_more_than():
    figure = only("Income has increased by more than 180 times.")
    assert (figure.value, figure.kind, figure.unit, figure.qualifier) == (
        180.0,
        "multiplier",
        "times",
        "more than",
    )


def test_some_770_million_rural_chinese_counts_people_with_qualifier_about():
    figure = only("Some 770 million rural Chinese have been lifted out of poverty.")
    assert figure.text == "Some 770 million rural Chinese"
    assert (figure.value, figure.kind, figure.unit, figure.qualifier) == (
        770e6,
        "count",
        "people",
        "about",
    )


def test_over_770_million_rural_poor_has_the_same_unit_as_rural_chinese():
    figure = only("China had lifted over 770 million rural poor out of poverty.")
    assert (figure.value, figure.unit, figure.qualifier) == (770e6, "people", "more than")


def test_78_2_years_is_a_duration_in_years():
    figure = only("The average life expectancy has risen to 78.2 years.")
    assert (figure.value, figure.kind, figure.unit) == (78.2, "years", "years")


def test_nearly_is_kept_as_nearly_because_it_means_just_below():
    figure = only("Nearly 800 million people were impoverished.")
    assert (figure.value, figure.qualifier) == (800e6, "nearly")
    assert only("Almost 5 percent left.").qualifier == "nearly"


def test_98_99_million_people_takes_its_period_from_by_2012():
    figure = only("By 2012, there were still 98.99 million people living in poverty in China.")
    assert (figure.value, figure.unit, figure.period) == (98.99e6, "people", "2012")
    assert figure.text == "98.99 million people"


def test_over_70_percent_is_a_percent_of_70_with_qualifier_more_than():
    figure = only("China has contributed to over 70 percent of global poverty reduction.")
    assert (figure.value, figure.kind, figure.unit, figure.qualifier) == (
        70.0,
        "percent",
        "percent",
        "more than",
    )


def test_10_years_ahead_of_schedule_is_10_years_with_comparison_ahead():
    figure = only("It met the target 10 years ahead of schedule.")
    assert (figure.value, figure.kind, figure.comparison, figure.text) == (
        10.0,
        "years",
        "ahead",
        "10 years",
    )


def test_behind_schedule_gives_comparison_behind():
    assert only("The line opened two years behind schedule.").comparison == "behind"


def test_one_fifth_of_the_population_is_the_fraction_0_2():
    figure = only("It feeds one fifth of the world's population.")
    assert (figure.value, figure.kind, figure.text) == (0.2, "fraction", "one fifth")


def test_second_largest_is_rank_2_with_the_superlative_as_unit():
    figure = only("China became the world's second-largest economy.")
    assert (figure.value, figure.kind, figure.unit) == (2.0, "rank", "largest")
    assert only("the 3rd largest city").value == 3.0


def test_more_than_30_years_is_years_with_qualifier_more_than():
    figure = only("After more than 30 years of fighting poverty, it ended.")
    assert (figure.value, figure.kind, figure.qualifier) == (30.0, "years", "more than")


def test_scale_words_multiply_the_number():
    assert only("1.4 billion people").value == 1.4e9
    assert only("2 trillion dollars").value == 2e12
    assert only("three thousand workers").value == 3000.0
    assert only("a hundred thousand troops").value == 100_000.0


def test_money_with_a_symbol_and_a_short_scale_is_in_the_currency_of_the_symbol():
    assert (only("It cost $2.5bn.").value, only("It cost $2.5bn.").unit) == (2.5e9, "USD")
    assert (only("€30m was spent.").value, only("€30m was spent.").unit) == (30e6, "EUR")
    assert (only("a £5k bonus").value, only("a £5k bonus").unit) == (5000.0, "GBP")
    figure = only("US$1.4 billion")
    assert (figure.text, figure.value, figure.unit) == ("US$1.4 billion", 1.4e9, "USD")


def test_currency_words_give_iso_codes():
    assert only("It paid 1,032 yuan.").unit == "CNY"
    assert only("It paid 1,032 yuan.").kind == "money"
    assert only("It paid 5 dollars.").unit == "USD"
    assert only("It paid 40 euros.").unit == "EUR"
    assert only("It paid ¥300.").unit == "CNY"
    assert only("It paid ¥300 yen.").unit == "JPY"


def test_bare_pounds_is_a_weight_not_money():
    figure = only("He lost 20 pounds.")
    assert (figure.kind, figure.unit) == ("quantity", "pounds")


def test_thousands_separators_with_commas_and_spaces_are_one_number():
    assert only("1,032 sentences").value == 1032.0
    assert only("22 501 rows").value == 22501.0
    assert only("22\u00a0501 rows").value == 22501.0
    assert only("1,000,000 votes").value == 1e6


def test_decimals_are_parsed_exactly():
    assert only("a rate of 3.75 percent").value == 3.75


def test_percent_sign_per_cent_and_percentage_points():
    assert only("up 5%").value == 5.0
    assert only("up 5% this year").kind == "percent"
    assert only("up 5 per cent").unit == "percent"
    assert only("up 2 percentage points").unit == "percentage points"


def test_number_words_are_counted_when_a_noun_follows():
    figure = only("It signed treaties with two countries.")
    assert (figure.value, figure.unit) == (2.0, "countries")
    assert only("twenty-five students").value == 25.0
    assert only("one hundred and twenty people").value == 120.0


def test_a_bare_one_is_not_a_figure():
    assert parse_figures("One of them came, and one day no one did.") == []


def test_one_with_a_unit_or_scale_is_a_figure():
    assert only("in one year").value == 1.0
    assert only("one million homes").value == 1e6


def test_fractions_in_words():
    assert only("a third of voters").value == pytest.approx(1 / 3)
    assert only("half of the people").value == 0.5
    assert only("two thirds of the seats").value == pytest.approx(2 / 3)
    assert only("two-thirds of the seats").value == pytest.approx(2 / 3)


def test_a_third_without_of_is_an_ordinal_not_a_fraction():
    assert parse_figures("He won a third term.") == []


def test_one_in_five_and_3_in_10_are_fractions_with_the_noun_as_unit():
    figure = only("3 in 10 Americans agree.")
    assert (figure.value, figure.kind, figure.unit) == (0.3, "fraction", "people")
    assert only("about one in five").qualifier == "about"
    assert only("about one in five").value == 0.2


def test_twice_is_a_multiplier_of_two():
    figure = only("twice as many")
    assert (figure.value, figure.kind, figure.unit) == (2.0, "multiplier", "times")


def test_vague_amounts_are_counts_without_a_value():
    figure = only("Dozens of protesters gathered.")
    assert (figure.value, figure.kind, figure.unit) == (None, "count", "protesters")
    assert only("hundreds of thousands of people").value is None
    assert json.loads(json.dumps(figure.as_dict()))["value"] is None


def test_a_dozen_is_twelve():
    assert only("a dozen eggs").value == 12.0


def test_figures_written_without_a_digit_are_found():
    text = "About a million people, an estimated two dozen towns and thrice the cost."
    assert [(f.text, f.value, f.kind) for f in parse_figures(text)] == [
        ("About a million people", 1e6, "count"),
        ("an estimated two dozen towns", 24.0, "count"),
        ("thrice", 3.0, "multiplier"),
    ]
    assert only("It is the third-largest city.").value == 3.0
    assert only("Scores of volunteers came.").kind == "count"


def test_measures_are_quantities_with_a_short_unit():
    assert (only("5 km away").kind, only("5 km away").unit) == ("quantity", "km")
    assert only("5km away").unit == "km"
    assert only("3 million tonnes of grain").unit == "tonnes"
    assert only("3 million tonnes of grain").value == 3e6
    assert only("six months later").unit == "months"


def test_hyphenated_durations_are_years():
    figure = only("a 10-year plan")
    assert (figure.value, figure.kind, figure.text) == (10.0, "years", "10-year")


# --- Qualifiers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "qualifier"),
    [
        ("more than", "more than"),
        ("over", "more than"),
        ("above", "more than"),
        ("exceeding", "more than"),
        ("upwards of", "more than"),
        ("less than", "less than"),
        ("under", "less than"),
        ("below", "less than"),
        ("fewer than", "less than"),
        ("about", "about"),
        ("around", "about"),
        ("some", "about"),
        ("roughly", "about"),
        ("approximately", "about"),
        ("close to", "about"),
        ("nearly", "nearly"),
        ("almost", "nearly"),
        ("at least", "at least"),
        ("at most", "at most"),
        ("up to", "at most"),
        ("exactly", "exactly"),
        ("only", ""),
    ],
)
def test_qualifiers_are_normalised(words, qualifier):
    figure = only(f"They counted {words} 400 people.")
    assert figure.qualifier == qualifier
    assert figure.text == f"{words} 400 people"


def test_a_qualifier_after_the_number_counts_too():
    assert only("70 percent or more").qualifier == "at least"
    assert only("70 percent or more").text == "70 percent or more"
    assert only("5 people or fewer").qualifier == "at most"


def test_without_a_qualifier_the_qualifier_is_empty():
    assert only("It has 400 people.").qualifier == ""


# --- Periods -----------------------------------------------------------------------------------


def test_the_period_is_the_year_nearest_the_figure_in_its_sentence():
    text = "Unemployment fell from 10 percent in 2009 to 4.1 percent in 2016."
    assert figure_at(text, "10 percent").period == "2009"
    assert figure_at(text, "4.1 percent").period == "2016"


def test_a_range_of_years_is_one_period():
    assert only("Between 1978 and 2020 income grew 10 percent.").period == "1978-2020"
    assert only("In 1978-2020 income grew 10 percent.").period == "1978-2020"
    assert only("In 2019-20 wages grew 3%.").period == "2019-2020"


def test_since_a_year_is_an_open_period():
    assert only("Since 1978 output rose 70 percent.").period == "1978-"


def test_a_year_in_another_sentence_is_not_the_period():
    text = "It was founded in 1990. Today it employs 400 people."
    assert figure_at(text, "400 people").period == ""


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("Growth was 2.5 percent in 2019. By then 400 people had gone.", ""),
        ("Was it 2019? Today it employs 400 people.", ""),
        ("It was 2019 (a record) 400 people came.", "2019"),
        ("In 2019 (as the report says) it employs 400 people.", "2019"),
        ("It was 2019; The firm employs 400 people.", ""),
        ("It was 2019; today it employs 400 people.", "2019"),
        ("In 2019 it rose 2.5 percent and employed 400 people.", "2019"),
    ],
)
def test_a_period_is_looked_for_in_the_sentence_extraction_would_make(text, other):
    """A decimal point, a bracket or a semicolon between a year and a figure: the year is the
    figure's period only when segmentation keeps both in one sentence."""
    assert figure_at(text, "400 people").period == other


def test_a_year_used_as_a_name_is_not_the_period():
    text = "It met the target of the 2030 Agenda for Sustainable Development 10 years ahead."
    assert figure_at(text, "10 years").period == ""
    assert figure_at(text, "2030").kind == "year"


# --- Calendar years ----------------------------------------------------------------------------


def test_calendar_years_are_figures_of_kind_year_without_a_period():
    [figure] = parse_figures("In 2012 it rained.")
    assert (figure.text, figure.value, figure.kind, figure.period) == ("2012", 2012.0, "year", "")


def test_a_decade_is_a_year_with_unit_decade():
    figure = parse_figures("in the 1990s")[0]
    assert (figure.text, figure.value, figure.kind, figure.unit) == (
        "1990s",
        1990.0,
        "year",
        "decade",
    )


def test_a_year_like_number_with_a_count_noun_or_qualifier_is_a_count():
    assert only("2000 soldiers arrived.").kind == "count"
    assert only("more than 2000 arrived.").kind == "count"


def test_an_iso_date_is_one_year_figure():
    figures = parse_figures("on 2020-12-09")
    assert [(f.text, f.kind, f.value) for f in figures] == [("2020-12-09", "year", 2020.0)]


# --- Not figures -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "He served in World War II.",
        "He served in World War Two.",
        "Queen Elizabeth II reigned.",
        "The 2nd Amendment protects it.",
        "He lives at No. 5 Main Street.",
        "See article 5 and section 230.",
        "Call 555-1234 today.",
        "Call +1 202 555 0143 today.",
        "Call (202) 555-0143 today.",
        "COVID-19 spread to the F-35 plant.",
        "The G20 met.",
        "It happened on Jan. 5, they said.",
        "Most users of Windows 10 upgraded.",
        "Tag #5 was lost.",
    ],
)
def test_labels_names_ordinals_and_phone_numbers_are_not_figures(text):
    assert [f for f in parse_figures(text) if f.kind != "year"] == []


def test_a_number_after_a_capitalised_word_at_the_start_of_a_sentence_is_a_figure():
    assert only("Over 40 million Americans have no insurance.").unit == "people"


# --- Offsets and data --------------------------------------------------------------------------


def test_offsets_are_code_points_even_after_emoji_cjk_and_combining_marks():
    text = "😀 中国 café\u0301 — Some 770 million rural Chinese; 👍🏽 over 70 percent."
    figures = parse_figures(text)
    assert [f.text for f in figures] == ["Some 770 million rural Chinese", "over 70 percent"]
    for figure in figures:
        assert text[figure.start : figure.end] == figure.text


def test_offsets_survive_characters_whose_lowercase_is_longer():
    text = "İstanbul has İİ about 15 million people."
    figure = only(text)
    assert text[figure.start : figure.end] == figure.text == "about 15 million people"


def test_right_to_left_script_does_not_shift_offsets():
    text = "قال الوزير إن 40 percent من السكان"
    figure = only(text)
    assert text[figure.start : figure.end] == "40 percent"


def test_as_dict_is_json_serialisable_and_holds_every_field():
    figure = only("over 70 percent")
    data = json.loads(json.dumps(figure.as_dict()))
    assert data == {
        "text": "over 70 percent",
        "start": 0,
        "end": 15,
        "value": 70.0,
        "kind": "percent",
        "unit": "percent",
        "qualifier": "more than",
        "period": "",
        "comparison": "",
    }


def test_figure_is_frozen():
    figure = only("over 70 percent")
    assert isinstance(figure, Figure)
    with pytest.raises(AttributeError):
        figure.value = 1.0


def test_every_kind_produced_is_a_documented_kind():
    text = "By 2012, $5bn, 3 km, 70%, twice, 10 years, the second-largest, one fifth, 400 people."
    assert {figure.kind for figure in parse_figures(text)} == set(KINDS)


def test_empty_and_figureless_text_give_no_figures():
    assert parse_figures("") == []
    assert parse_figures("The CPC is a staunch defender of the cause.") == []


# --- One definition of a figure ----------------------------------------------------------------


def test_every_unit_the_features_know_is_understood_by_the_parser():
    for unit in UNITS.replace("s?", "s").split("|"):
        text = f"It was 12 {unit} then."
        figures = parse_figures(text)
        assert len(figures) == 1, unit
        assert figures[0].value == 12.0, unit
        assert figures[0].text.startswith("12 "), unit


def test_the_features_and_the_parser_agree_on_the_seed_figures():
    body = seed_body()
    low = body.lower()
    words = set(re.findall(r"[a-z]+", low))
    scanned, ranks = scan(low, words, True)
    parsed = [f.text.lower() for f in parse_figures(body) if f.kind != "year"]
    for phrase in scanned:
        assert any(phrase in text or text in phrase for text in parsed), phrase
    assert ranks == {"second-largest"}


@pytest.mark.parametrize(
    ("text", "has_digit", "expected"),
    [
        # The features' words keep an apostrophe ("o'two"); the patterns still see "two".
        ("o'two million fans came in o'half of the towns", False, ["two million", "half of"]),
        ("it cost us$5 million, a third of it", True, ["$5 million", "a third of"]),
        ("three in ten voters and twice as many", False, ["three in ten"]),
        ("the second-largest of 3 in 10 homes", True, ["second-largest", "3", "10 homes"]),
        ("the 2nd-largest city, the most", True, ["2nd-largest"]),
    ],
)
def test_scan_finds_what_the_shipped_weights_were_trained_on(text, has_digit, expected):
    from factcheck.claims.extraction.features import WORD

    assert scan(text, set(WORD.findall(text)), has_digit)[0] == expected


@pytest.mark.parametrize(
    "text",
    [
        "In 1999 and 2000, 1500 of 2099 voted; 12000 or 20001 did not.",
        "x1999, $2000, 1,2000, 2000.5, .1999, 1999,5 and é1999 are no years",
        "the 1990s, the 2000's and 1870s; 2020's",
        "1999",
    ],
)
def test_the_year_feature_reads_the_years_the_figures_vocabulary_defines(text):
    from factcheck.claims.extraction.features import YEAR_FAST

    assert YEAR_FAST.findall(text) == YEAR.findall(text)


@pytest.mark.parametrize(
    ("text", "proportion"),
    [
        ("Voters in o'half of the towns said no.", "half of"),
        ("In one-fifth of the towns, people voted.", "one-fifth"),
        ("A third of them live in cities.", "a third of"),
        ("Three in ten live in cities.", "three in ten"),
    ],
)
def test_a_proportion_in_words_is_found_without_a_digit(text, proportion):
    from factcheck.claims.extraction.features import describe

    assert f"a proportion: {proportion}" in [f.reason for f in describe(text)]


def test_a_thousands_separated_number_before_a_year_is_one_count_not_a_proportion():
    from factcheck.claims.extraction.features import describe

    text = "The city recorded 2,280 in 2024."
    assert [(f.text, f.value, f.kind) for f in parse_figures(text)] == [
        ("2,280", 2280.0, "count"),
        ("2024", 2024.0, "year"),
    ]
    reasons = [feature.reason for feature in describe(text)]
    assert not any(reason.startswith("a proportion") for reason in reasons)
    assert "contains a figure: 2,280" in reasons


def test_a_number_in_a_year_is_no_proportion_but_3_in_10_still_is():
    from factcheck.claims.extraction.features import describe

    assert not any("proportion" in f.reason for f in describe("They won 5 in 2019 alone."))
    assert "a proportion: 3 in 10" in [f.reason for f in describe("3 in 10 adults agree.")]


@pytest.mark.parametrize("text", ["The 2024 year was the hottest.", "in the 2024 year"])
def test_a_year_followed_by_year_is_a_calendar_year_not_a_duration(text):
    assert [(f.text, f.kind) for f in parse_figures(text)] == [("2024", "year")]


def test_a_number_of_years_is_still_a_duration():
    assert [(f.text, f.kind) for f in parse_figures("It took 2000 years to build.")] == [
        ("2000 years", "years")
    ]
