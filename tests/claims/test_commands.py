import io
import json
import re
import sys
import types

import pytest
from django.core.management import CommandError, call_command

from factcheck.claims import training
from factcheck.claims.extraction import features, load_model
from tests.claims.test_training import CLAIMS, OPINIONS, synthetic_rows, tsv


def run(*args, **options):
    out = io.StringIO()
    call_command(*args, stdout=out, **options)
    return out.getvalue()


def test_score_sentences_prints_one_json_object_per_non_blank_line(tmp_path, settings):
    settings.FACTCHECK_CLAIM_THRESHOLD = 0.5
    source = tmp_path / "sentences.txt"
    source.write_text(
        "The average life expectancy has risen to 78.2 years.\n\n   \nI think so.\n",
        encoding="utf-8",
    )
    lines = run("score_sentences", str(source)).splitlines()
    records = [json.loads(line) for line in lines]
    assert [record["text"] for record in records] == [
        "The average life expectancy has risen to 78.2 years.",
        "I think so.",
    ]
    for record in records:
        assert set(record) == {"text", "checkworthiness", "checkworthy", "kind", "reasons"}
        assert record["checkworthy"] == (record["checkworthiness"] >= 0.5)
    assert records[0]["kind"] == "statistic"
    assert "contains a figure: 78.2 years" in records[0]["reasons"]
    assert records[1]["checkworthy"] is False


def test_score_sentences_follows_the_configured_threshold(tmp_path, settings):
    source = tmp_path / "one.txt"
    source.write_text("I think so.\n", encoding="utf-8")
    settings.FACTCHECK_CLAIM_THRESHOLD = 0.0
    assert json.loads(run("score_sentences", str(source)))["checkworthy"] is True
    settings.FACTCHECK_CLAIM_THRESHOLD = 1.0
    assert json.loads(run("score_sentences", str(source)))["checkworthy"] is False


def test_score_sentences_reads_standard_input(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Über 70 Prozent? No: over 70 percent.\n"))
    record = json.loads(run("score_sentences", "-"))
    assert record["text"] == "Über 70 Prozent? No: over 70 percent."
    assert record["kind"] == "statistic"


def test_score_sentences_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="cannot read"):
        call_command("score_sentences", str(tmp_path / "absent.txt"))


@pytest.fixture
def data_dir(tmp_path):
    directory = tmp_path / "data"
    directory.mkdir()
    train = synthetic_rows(CLAIMS, True, 1) + synthetic_rows(OPINIONS, False, 100)
    dev = [(500, "Taxes went up 30 percent in 1990.", True), (501, "I think not.", False)]
    (directory / training.TRAIN_FILE).write_text(tsv(train), encoding="utf-8")
    (directory / training.DEV_FILE).write_text(tsv(dev, "\r\n"), encoding="utf-8", newline="")
    return directory


def test_train_checkworthiness_writes_both_models_and_prints_their_validation(data_dir, tmp_path):
    output = tmp_path / "model.json"
    printed = run("train_checkworthiness", "--data", str(data_dir), "--output", str(output))
    english, chinese = printed.splitlines()
    assert re.match(r"en-[0-9a-f]{12}: grouped CV F1 1\.000 \(precision 1\.000", english)
    assert chinese.startswith("zh-") and chinese.endswith(
        f"written to {tmp_path / 'model-zh.json'}"
    )
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["cross_validation"]["pooled"]["f1"] == 1.0
    assert document["training"]["train"]["rows"] == 16
    zh = json.loads((tmp_path / "model-zh.json").read_text(encoding="utf-8"))
    assert zh["language"] == "zh" and zh["ngrams"] == {}


def test_train_checkworthiness_refuses_a_missing_data_directory_and_writes_nothing(tmp_path):
    output = tmp_path / "model.json"
    with pytest.raises(CommandError, match="cannot read .*CT24_checkworthy_english_train.tsv"):
        call_command(
            "train_checkworthiness", "--data", str(tmp_path / "nowhere"), "--output", str(output)
        )
    assert not output.exists()


def test_train_checkworthiness_refuses_a_bad_label_with_its_line(data_dir, tmp_path):
    (data_dir / training.DEV_FILE).write_text(tsv([]) + "9\tOdd.\tPerhaps\n", encoding="utf-8")
    output = tmp_path / "model.json"
    with pytest.raises(CommandError, match="line 2: label 'Perhaps' is neither Yes nor No"):
        call_command("train_checkworthiness", "--data", str(data_dir), "--output", str(output))
    assert not output.exists()


def test_train_checkworthiness_does_not_touch_the_shipped_model_when_writing_elsewhere(
    data_dir, tmp_path
):
    shipped = load_model()
    run("train_checkworthiness", "--data", str(data_dir), "--output", str(tmp_path / "m.json"))
    assert load_model() == shipped


def test_score_sentences_scores_with_the_model_of_the_language_given(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("Some 770 million rural people left poverty.\n"))
    english = json.loads(run("score_sentences", "-"))
    assert any(reason.startswith("wording typical of claims") for reason in english["reasons"])
    chinese = types.ModuleType("factcheck.claims.extraction.chinese")
    chinese.describe = lambda text: [  # type: ignore[attr-defined]
        features.Feature("figure", 1.0, "contains a figure: 7.7亿", "statistic")
    ]
    monkeypatch.setitem(sys.modules, chinese.__name__, chinese)
    monkeypatch.setattr("sys.stdin", io.StringIO("7.7亿农村贫困人口摆脱贫困。\n"))
    record = json.loads(run("score_sentences", "--language", "zh", "-"))
    assert record["reasons"] == ["contains a figure: 7.7亿"]
