import json
import re
from pathlib import Path

import pytest

from factcheck.claims import training
from factcheck.claims.extraction import Model, features, score
from factcheck.claims.extraction.scoring import MODEL_PATH, ZH_MODEL_PATH, version_of
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
    """Rows a block of ids apart, as if from different debates, so grouped folds can split them."""
    return [(first_id + i * training.BLOCK, text, label) for i, text in enumerate(texts)]


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
    assert model.ngrams == {}
    claim = score("Exports grew 12 percent in 2004.", model=model, threshold=0.5)
    opinion = score("I think you should believe me.", model=model, threshold=0.5)
    assert claim.checkworthiness > 0.5 > opinion.checkworthiness


def test_training_learns_word_ngrams_beside_the_readable_features():
    rows = [Row(str(i), text, True) for i, text in enumerate(CLAIMS)]
    rows += [Row(str(100 + i), text, False) for i, text in enumerate(OPINIONS)]
    model = training.fit(rows, c=1.0, vocabulary=["percent", "i think", "thank you"])
    assert set(model.ngrams) == {"percent", "i think", "thank you"}
    assert model.ngrams["percent"] > 0 > model.ngrams["i think"]


def test_a_row_of_weight_two_counts_as_two_rows():
    rows = [Row(str(i), text, True) for i, text in enumerate(CLAIMS)]
    rows += [Row(str(100 + i), text, False) for i, text in enumerate(OPINIONS)]
    extra = Row("200", "Thank you, we will win.", True)
    weighted = training.fit([*rows, Row("200", extra.text, True, weight=2.0)], vocabulary=[])
    repeated = training.fit([*rows, extra, extra], vocabulary=[])
    once = training.fit([*rows, extra], vocabulary=[])
    assert weighted.bias == pytest.approx(repeated.bias, abs=1e-3)
    for name, weight in repeated.weights.items():
        assert weighted.weights[name] == pytest.approx(weight, abs=1e-3)
    assert abs(weighted.bias - once.bias) > 1e-3


def test_training_needs_both_labels():
    with pytest.raises(DataError, match="both Yes and No"):
        training.fit([Row("1", "It rose 5 percent.", True)])


def test_cross_validation_keeps_each_block_of_consecutive_ids_in_one_fold():
    rows = [Row(str(i * 37), f"Sentence {i}.", i % 3 == 0) for i in range(1, 700)]
    folds = training.folds_of(rows)
    assert len(set(folds)) == training.FOLDS
    by_block: dict[int, set[int]] = {}
    for row, fold in zip(rows, folds, strict=True):
        by_block.setdefault(int(row.sentence_id) // training.BLOCK, set()).add(fold)
    assert all(len(found) == 1 for found in by_block.values())
    assert training.folds_of(rows) == folds


def test_a_desk_decision_without_a_numeric_id_gets_a_stable_group_of_its_own():
    first = training.group_of(Row("desk-12", "It rose.", True))
    assert first == training.group_of(Row("desk-12", "Something else.", False))
    assert first < 0 <= training.group_of(Row("34458", "It rose.", True))


def test_cross_validation_needs_more_than_one_block_of_ids():
    rows = [Row(str(i), text, i % 2 == 0) for i, text in enumerate(CLAIMS + OPINIONS)]
    with pytest.raises(DataError, match="at least two blocks"):
        training.folds_of(rows)


def test_training_is_deterministic(data_dir):
    first = training.train(data_dir).document
    second = training.train(data_dir).document
    assert json.dumps(first) == json.dumps(second)
    assert first["training"]["dev"]["rows"] == 4


def test_the_threshold_is_chosen_for_f1_of_the_yes_class():
    scores = [0.9526, 0.5, 0.0474, 0.5]
    labels = [True, True, False, False]
    metrics = training.choose_threshold(scores, labels)
    # The best F1 takes the two at 0.5 too (P 2/3, R 1) rather than stopping at 0.9526 (F1 2/3).
    assert metrics.threshold == 0.5
    assert (metrics.precision, metrics.recall) == (pytest.approx(2 / 3), 1.0)
    assert training.metrics_at(scores, labels, 0.5) == metrics


def test_the_reliability_table_compares_mean_score_with_the_observed_rate():
    scores = [0.05, 0.15, 0.92, 0.95, 1.0]
    labels = [False, False, True, False, True]
    table = training.reliability(scores, labels)
    assert [row["scores"] for row in table] == ["0.0-0.1", "0.1-0.2", "0.9-1.0"]
    assert table[2] == {
        "scores": "0.9-1.0",
        "sentences": 3,
        "mean_score": pytest.approx(0.9567, abs=1e-4),
        "checkworthy": pytest.approx(0.6667, abs=1e-4),
    }


def test_platt_scaling_spreads_scores_that_are_too_timid():
    # Raw scores that are right in order but squeezed near 0.5: the calibration stretches them.
    logits = [-0.2] * 40 + [0.2] * 40
    labels = [False] * 36 + [True] * 4 + [True] * 36 + [False] * 4
    a, b = training.platt(logits, labels, [1.0] * 80)
    low, high = training.probabilities([-0.2, 0.2], a, b)
    assert low == pytest.approx(0.1, abs=0.01) and high == pytest.approx(0.9, abs=0.01)


def test_the_document_is_the_model_and_records_data_validation_and_version(data_dir, tmp_path):
    result = training.train(data_dir)
    output = tmp_path / "model.json"
    training.write_model(result.document, output)
    loaded = Model.from_dict(json.loads(output.read_text(encoding="utf-8")))
    assert loaded == result.model
    assert loaded.language == "en"
    assert re.fullmatch(r"en-[0-9a-f]{12}", loaded.version)
    assert loaded.version == version_of(result.document)
    train = result.document["training"]["train"]
    assert train["sha256"] == training.fingerprint(data_dir / training.TRAIN_FILE)
    assert (train["rows"], train["yes"]) == (16, 8)
    validation = result.document["cross_validation"]
    assert validation["threshold"] == loaded.threshold
    assert len(validation["folds"]) == training.FOLDS
    assert set(validation["pooled"]) == {"precision", "recall", "f1", "threshold", "support"}
    assert "Unemployment" not in output.read_text(encoding="utf-8")


def test_extra_rows_join_the_training_with_their_weight_and_change_the_version(data_dir):
    plain = training.train(data_dir)
    extra = [
        Row(f"desk-{i}", f"The county paved {i} roads last spring.", True, weight=3.0)
        for i in range(4)
    ]
    desk = training.train(data_dir, extra_rows=extra)
    assert desk.document["training"]["extra"] == {"rows": 4, "yes": 4, "weight": 12.0}
    assert plain.document["training"]["extra"]["rows"] == 0
    assert desk.model.version != plain.model.version
    text = "The county paved new roads."
    assert (
        score(text, model=desk.model, threshold=0.5).checkworthiness
        > score(text, model=plain.model, threshold=0.5).checkworthiness
    )


def test_the_chinese_model_is_the_readable_features_alone(data_dir):
    result = training.train_chinese(data_dir)
    assert result.model.language == "zh"
    assert result.model.ngrams == {}
    assert set(result.model.weights) <= set(features.NAMES)
    assert result.model.version.startswith("zh-")
    assert Model.from_dict(result.document) == result.model


@pytest.mark.skipif(not DATA.is_dir(), reason="the lab's data is not next to the project")
@pytest.mark.parametrize("path", [MODEL_PATH, ZH_MODEL_PATH])
def test_the_shipped_weights_come_from_the_lab_data_as_it_is_now(path):
    # Full retraining takes about a minute (bench/checkworthiness_eval.py reproduces the files
    # byte for byte); here: the data the shipped files name is the data next to the project,
    # and their version is the digest of their content (nobody edited them by hand).
    document = json.loads(path.read_text(encoding="utf-8"))
    for split, name in (("train", training.TRAIN_FILE), ("dev", training.DEV_FILE)):
        assert document["training"][split]["sha256"] == training.fingerprint(DATA / name)
    assert document["version"] == version_of(document)
    assert document["training"]["extra"]["rows"] == 0


def test_a_feature_and_a_word_of_the_same_name_keep_their_own_weights():
    rows = [Row(str(i), text, True) for i, text in enumerate(CLAIMS)]
    rows += [Row(str(100 + i), text, False) for i, text in enumerate(OPINIONS)]
    # "percent" is a readable feature (a percentage) and a word; "figure" likewise.
    model = training.fit(rows, c=1.0, vocabulary=["percent", "figure"])
    assert {"percent", "figure"} <= set(model.weights)
    assert model.weights["figure"] > 0 and model.weights["percent"] > 0
    # No sentence here has the word "figure": its n-gram learns nothing, the feature does.
    assert "percent" in model.ngrams and "figure" not in model.ngrams
