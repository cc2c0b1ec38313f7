"""Who made a claim, found in the sentence that states it (claims.extraction.claimant)."""

import pytest

from factcheck.claims.extraction.claimant import Claimant, detect_claimant

PERSON, ORGANISATION = "person", "organisation"


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("Jane Smith said unemployment fell to 4% last year.", "Jane Smith", PERSON),
        ('"Unemployment fell to 4%," said Jane Smith.', "Jane Smith", PERSON),
        (
            "Unemployment fell to 4%, according to the Office for National Statistics.",
            "Office for National Statistics",
            ORGANISATION,
        ),
        ("According to Jean-Luc Martin, prices rose by 2.9% in 2023.", "Jean-Luc Martin", PERSON),
        (
            "Germany's finance ministry announced a deficit of 2.1% of GDP.",
            "Germany's finance ministry",
            ORGANISATION,
        ),
        (
            "The Ministry of Health said 3,000 nurses were hired.",
            "Ministry of Health",
            ORGANISATION,
        ),
        (
            "Prime Minister Jane Smith told parliament that crime halved.",
            "Prime Minister Jane Smith",
            PERSON,
        ),
        ("John Doe, the mayor of Springfield, claimed the city has 40 parks.", "John Doe", PERSON),
        ("Acme Bank reported a profit of $3 billion.", "Acme Bank", ORGANISATION),
        ("The IMF estimated growth at 3.1% for 2024.", "IMF", ORGANISATION),
        ("The white paper says emissions fell by 12% since 1990.", "the white paper", ORGANISATION),
        (
            "Emissions fell by 12%, according to the government's white paper.",
            "the government's white paper",
            ORGANISATION,
        ),
        ("The Labour Party has claimed that waiting lists doubled.", "Labour Party", ORGANISATION),
        ("Inflation reached 10% in October, Smith said.", "Smith", PERSON),
        ("Harvard University stated that tuition rose 5%.", "Harvard University", ORGANISATION),
    ],
)
def test_an_attribution_names_the_claimant(sentence, name, kind):
    assert detect_claimant(sentence) == Claimant(name, kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "Unemployment fell to 4% last year.",
        "He said unemployment fell to 4% last year.",
        '"Unemployment fell," she said.',
        "Officials said the bridge cost $40 million.",
        "Experts say the ice sheet lost 270 billion tonnes a year.",
        "The company said profits doubled.",
        "They told reporters that 300 jobs were cut.",
        "It was said in 2020 that the river was clean.",
        "On Monday said nothing about the numbers.",
        "",
    ],
)
def test_a_sentence_without_an_attribution_names_nobody(sentence):
    assert detect_claimant(sentence) is None
