import json
from pathlib import Path

import pytest

from factcheck.claims import training
from factcheck.claims.extraction import Model, score
from factcheck.claims.training import DataError, Row, parse_rows

HEADER = "Sentence_id\tText\tclass_label\n"
DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "checkworthiness"

CLAIMS = [
    "Unemployment rose to 9 percent in 1982.",
    "We spent $300 billion on defense last year.",
    "The deficit tripled to $4 trillion since 1980.",
    "He voted against the tax bill 12 times.",
    "Crime fell 20 percent in those eight years.",
    "Over 40 million Americans have no health insurance.",
    "The Senate passed the treaty by 68 votes.",
    "Inflation was 13 percent when they left office.",
]
OPINIONS = [
    "I think we should be proud of this country.",
    "Thank you very much for having me.",
    "What do you really believe in?",
    "I believe in the American dream.",
    "We must never give up hope.",
    "You know, I feel good about our chances.",
    "Let me say that again.",
    "I hope you will join me.",
]


def tsv(rows, newline="\n"):
    lines = [HEADER.rstrip("\n")]
    lines += [f"{number}\t{text}\t{'Yes' if label else 'No'}" for number, text, label in rows]
    return newline.join(lines) + newline


def synthetic_rows(texts, label, first_id):
    return [(first_id + i, text, label) for i, text in enumerate(texts)]


@pytest.fixture
def data_dir(tmp_path):
    train = synthetic_rows(CLAIMS, True, 1) + synthetic_rows(OPINIONS, False, 100)
    dev = [
        (500, "Taxes went up 30 percent in 1990.", True),
        (501, "We spent $2 billion on roads.", True),
        (502, "I think that is wrong.", False),
        (503, "Thank you, and good night.", False),
    ]
    (tmp_path / training.TRAIN_FILE).write_text(tsv(train), encoding="utf-8")
    (tmp_path / training.DEV_FILE).write_text(tsv(dev, "\r\n"), encoding="utf-8", newline="")
    return tmp_path


def test_it_reads_ids_texts_and_labels():
    rows = list(parse_rows(HEADER + "7\tPrices rose.\tYes\n8\tHello.\tNo\n"))
    assert rows == [Row("7", "Prices rose.", True), Row("8", "Hello.", False)]


def test_it_unquotes_csv_style_text_with_doubled_quotes():
    text = HEADER + '26\t"You know, I saw a movie - ""Crocodile Dundee."""\tNo\n'
    assert next(parse_rows(text)).text == 'You know, I saw a movie - "Crocodile Dundee."'


def test_a_quote_only_at_one_end_is_kept_as_it_is():
    rows = list(parse_rows(HEADER + '9\t"Yes," he said\tNo\n'))
    assert rows[0].text == '"Yes," he said'


def test_crlf_line_endings_do_not_leak_into_labels_or_text():
    rows = list(parse_rows(HEADER.replace("\n", "\r\n") + "1\tIt rose.\tYes\r\n2\tOk.\tNo\r\n"))
    assert [(row.text, row.label) for row in rows] == [("It rose.", True), ("Ok.", False)]


def test_two_records_glued_on_one_line_are_split_into_two_rows():
    line = "24098\tWe've got to invest and grow.\tNo29286\tYou can't bring back jobs.\tNo\n"
    rows = list(parse_rows(HEADER + line + "23105\tAnd you'll find a tort reform plan.\tNo\n"))
    assert [row.sentence_id for row in rows] == ["24098", "29286", "23105"]
    assert rows[1] == Row("29286", "You can't bring back jobs.", False)
    assert rows[0].text == "We've got to invest and grow."


def test_a_label_glued_to_a_number_inside_the_text_is_not_mistaken_for_a_record_end():
    rows = list(parse_rows(HEADER + "5\tShe said No2\tthings\tYes\n"))
    assert rows == [Row("5", "She said No2\tthings", True)]


def test_blank_lines_and_a_missing_final_newline_are_fine():
    rows = list(parse_rows(HEADER + "\n1\tA.\tYes\n\n2\tB.\tNo"))
    assert [row.sentence_id for row in rows] == ["1", "2"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "expected the header"),
        ("id\ttext\tlabel\n1\tA.\tYes\n", "expected the header"),
        (HEADER + "1\tA.\tMaybe\n", "line 2: label 'Maybe' is neither Yes nor No"),
        (HEADER + "1\tA.\tYes\nno tabs here\n", "line 3: expected id<TAB>text<TAB>label"),
        (HEADER + "x\tA.\tYes\n", "line 2: expected id"),
    ],
)
def test_a_malformed_file_is_refused_with_the_line_number(text, message):
    with pytest.raises(DataError, match=message):
        list(parse_rows(text))


def test_a_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="cannot read"):
        training.read_rows(tmp_path / "absent.tsv")


@pytest.mark.skipif(not DATA.is_dir(), reason="the lab's data is not next to the project")
def test_the_lab_train_file_yields_22501_rows_with_only_yes_and_no_labels():
    rows = training.read_rows(DATA / training.TRAIN_FILE)
    assert len(rows) == 22501
    assert sum(row.label for row in rows) == 5413
    ids = {row.sentence_id for row in rows}
    assert {"24098", "29286"} <= ids and len(ids) == 22501
    dev = training.read_rows(DATA / training.DEV_FILE)
    assert (len(dev), sum(row.label for row in dev)) == (1032, 238)
    assert not any(row.text.endswith("\r") for row in dev)


def test_training_on_a_tiny_set_learns_that_figures_raise_and_opinions_lower_the_score():
    rows = [Row(str(i), text, True) for i, text in enumerate(CLAIMS)]
    rows += [Row(str(100 + i), text, False) for i, text in enumerate(OPINIONS)]
    model = training.fit(rows, c=1.0, vocabulary=[])
    assert model.weights["figure"] > 0
    assert model.weights["first_person_singular"] < 0
    claim = score("Exports grew 12 percent in 2004.", model=model, threshold=0.5)
    opinion = score("I think you should believe me.", model=model, threshold=0.5)
    assert claim.checkworthiness > 0.5 > opinion.checkworthiness


def test_training_needs_both_labels():
    with pytest.raises(DataError, match="both Yes and No"):
        training.fit([Row("1", "It rose 5 percent.", True)])


def test_training_is_deterministic(data_dir):
    first = training.train(data_dir).document
    second = training.train(data_dir).document
    assert first == second
    assert first["training"]["dev"]["rows"] == 4


def test_the_threshold_is_tuned_for_f1_of_the_yes_class():
    model = Model(bias=0.0, weights={"figure": 3.0, "opinion": -3.0}, threshold=0.5)
    rows = [
        Row("1", "It rose 5 percent.", True),
        Row("2", "It is big.", True),
        Row("3", "We must be happy.", False),
        Row("4", "It is small.", False),
    ]
    metrics = training.tune_threshold(model, rows, figure_rule=False)
    # Scores: 0.9526, 0.5, 0.0474, 0.5: the best F1 takes the two at 0.5 too (P 2/3, R 1).
    assert metrics.threshold == 0.5
    assert (metrics.precision, metrics.recall) == (pytest.approx(2 / 3), 1.0)
    assert training.evaluate(model, rows, 0.5) == metrics


def test_the_document_records_the_data_fingerprints_and_dev_metrics(data_dir, tmp_path):
    result = training.train(data_dir)
    output = tmp_path / "model.json"
    training.write_model(result.document, output)
    loaded = Model.from_dict(json.loads(output.read_text(encoding="utf-8")))
    assert loaded == Model(
        result.model.bias, result.model.weights, result.dev.threshold, result.dev.threshold
    )
    train = result.document["training"]["train"]
    assert train["sha256"] == training.fingerprint(data_dir / training.TRAIN_FILE)
    assert (train["rows"], train["yes"]) == (16, 8)
    assert set(result.document["dev_metrics"]) == {
        "precision",
        "recall",
        "f1",
        "threshold",
        "support",
    }
    assert "Unemployment" not in output.read_text(encoding="utf-8")
