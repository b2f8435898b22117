"""evaluate_quotes on small hand-made gold/prediction pairs with exact expected numbers."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from framing.evaluate.quotes import dice, evaluate_quotes, load_predictions, name_tokens, results_table, speaker_correct

TEXT = "x" * 200

GOLD = [
    {
        "id": "d1",
        "text": TEXT,
        "quotes": [
            {"start": 10, "end": 30, "fragments": [[10, 30]], "type": "direct", "speech_cue": True,
             "speaker": "Ann Lee", "speaker_start": 40, "speaker_end": 47, "speaker_resolved": "Ann Lee"},
            {"start": 50, "end": 90, "fragments": [[50, 90]], "type": "mixed", "speech_cue": True,
             "speaker": "Bob", "speaker_start": 91, "speaker_end": 94, "speaker_resolved": "Bob"},
            {"start": 100, "end": 140, "fragments": [[100, 140]], "type": "indirect", "speech_cue": True,
             "speaker": "he", "speaker_start": 95, "speaker_end": 97, "speaker_resolved": "Bob"},
            {"start": 150, "end": 190, "fragments": [[150, 190]], "type": "indirect", "speech_cue": False,
             "speaker": "the poll", "speaker_start": 141, "speaker_end": 149, "speaker_resolved": "the poll"},
        ],
    },
    {
        "id": "d2",
        "text": TEXT,
        "quotes": [{"start": 0, "end": 20, "fragments": [[0, 20]], "type": "direct", "speech_cue": True,
                    "speaker": None, "speaker_start": None, "speaker_end": None, "speaker_resolved": None}],
    },
]


def pred_row(doc, s, e, speaker="", ms=-1, me=-1, typ="direct", fragments=None):
    return {"doc_id": doc, "start": s, "end": e, "fragments": fragments or [[s, e]], "type": typ,
            "speaker": speaker, "mention_start": ms, "mention_end": me}


PRED = pd.DataFrame([
    pred_row("d1", 10, 30, "Lee", 0, 5),  # g1, right speaker by name token
    pred_row("d1", 55, 90, "Carl", 195, 199, "mixed"),  # g2 at Dice 0.933, wrong speaker
    pred_row("d1", 100, 120, "Bob", typ="indirect"),  # g3 at Dice 0.667, speaker via speaker_resolved
    pred_row("d1", 150, 190, "", typ="indirect"),  # g4 (no speech cue): left out of quoted/speech
    pred_row("d1", 195, 200, ""),  # overlaps nothing: a false positive everywhere
])


@pytest.fixture(scope="module")
def result():
    return evaluate_quotes(GOLD, PRED)


def test_dice_of_fragment_sets():
    assert dice([[0, 10]], [[5, 15]]) == pytest.approx(0.5)
    assert dice([[0, 5], [10, 15]], [[0, 15]]) == pytest.approx(2 * 10 / 25)
    assert dice([[0, 10]], [[20, 30]]) == 0.0


def test_quoted_subset(result):
    m = result["thresholds"]["0.5"]["quoted"]
    assert (m["n_gold"], m["n_pred"], m["tp"], m["fp"], m["fn"], m["left_out"]) == (3, 3, 2, 1, 1, 2)
    assert m["precision"] == pytest.approx(2 / 3) and m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(2 / 3)
    assert m["speaker_accuracy"] == pytest.approx(0.5)
    assert m["e2e_precision"] == pytest.approx(1 / 3) and m["e2e_f1"] == pytest.approx(1 / 3)
    assert result["thresholds"]["0.9"]["quoted"]["tp"] == 2  # g2 matched at Dice 0.933


def test_speech_subset_and_strict_threshold(result):
    m = result["thresholds"]["0.5"]["speech"]
    assert (m["n_gold"], m["n_pred"], m["tp"], m["fp"], m["fn"]) == (4, 4, 3, 1, 1)
    assert m["f1"] == pytest.approx(0.75)
    assert m["speaker_accuracy"] == pytest.approx(2 / 3)
    strict = result["thresholds"]["0.9"]["speech"]
    # the 0.667 overlap with an in-subset quote is a false positive at 0.9, not left out
    assert (strict["tp"], strict["fp"], strict["fn"], strict["left_out"]) == (2, 2, 2, 1)
    assert strict["precision"] == pytest.approx(0.5) and strict["recall"] == pytest.approx(0.5)


def test_all_subset_and_by_type(result):
    m = result["thresholds"]["0.5"]["all"]
    assert (m["n_gold"], m["n_pred"], m["tp"], m["fp"], m["fn"], m["left_out"]) == (5, 5, 4, 1, 1, 0)
    assert m["precision"] == pytest.approx(0.8) and m["recall"] == pytest.approx(0.8)
    assert m["speaker_accuracy"] == pytest.approx(0.5)
    gold = result["by_type"]["0.5"]["gold"]
    assert gold["direct"] == {"n_gold": 2, "tp": 1, "speaker_ok": 1, "recall": 0.5, "speaker_accuracy": 1.0}
    assert gold["indirect"]["tp"] == 2 and gold["mixed"]["tp"] == 1
    pred = result["by_type"]["0.5"]["pred"]
    assert pred["direct"]["n_pred"] == 2 and pred["direct"]["precision"] == pytest.approx(0.5)
    table = results_table(result)
    assert len(table) == 6 and set(table["subset"]) == {"quoted", "speech", "all"}


def test_speaker_rules():
    gold = {"speaker": "Secretary of State Mike Pompeo", "speaker_start": 10, "speaker_end": 40, "speaker_resolved": None}
    assert speaker_correct({"speaker": "Pompeo"}, gold)
    assert not speaker_correct({"speaker": "Secretary of State"}, gold)  # titles are not name tokens
    assert speaker_correct({"speaker": "", "mention_start": 35, "mention_end": 45}, gold)  # mention overlap
    assert not speaker_correct({"speaker": "", "mention_start": 40, "mention_end": 45}, gold)
    assert speaker_correct({"speaker": ""}, {"speaker": None, "speaker_resolved": None})
    assert not speaker_correct({"speaker": "Bob"}, {"speaker": None, "speaker_resolved": None})
    assert name_tokens("Mr. Kim Jong Un") == {"kim", "jong", "un"}


def test_one_to_one_matching():
    gold = [{"id": "a", "text": TEXT, "quotes": [{"start": 0, "end": 100, "type": "direct", "speaker": None}]}]
    pred = pd.DataFrame([pred_row("a", 0, 100), pred_row("a", 0, 90)])
    m = evaluate_quotes(gold, pred)["thresholds"]["0.5"]["all"]
    assert (m["tp"], m["fp"], m["fn"]) == (1, 1, 0)  # the better prediction wins, the other is a false positive


def test_predictions_from_files(tmp_path, result):
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text("\n".join(json.dumps(a) for a in GOLD) + "\n", encoding="utf-8")
    csv = tmp_path / "pred.csv"
    PRED.assign(fragments=PRED["fragments"].map(json.dumps)).to_csv(csv, index=False)
    assert evaluate_quotes(gold_path, csv)["thresholds"] == result["thresholds"]
    no_frag = PRED.drop(columns=["fragments"])
    assert evaluate_quotes(GOLD, no_frag)["thresholds"] == result["thresholds"]
    assert list(load_predictions(csv)["doc_id"]) == ["d1"] * 5


def test_bad_gold_file_is_a_user_error(tmp_path):
    from framing.errors import InputError

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x", "quotes": []}\n{not json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.jsonl:2"):
        evaluate_quotes(bad, PRED)


def test_cli_evaluate_quotes(tmp_path, capsys):
    from framing.cli import main

    text = 'Talks\n\n"We will win," Mayor Ellen Park said.'
    gold = [{"id": "g", "text": text, "quotes": [
        {"start": 8, "end": 21, "fragments": [[8, 21]], "type": "direct", "speech_cue": True,
         "speaker": "Mayor Ellen Park", "speaker_start": 23, "speaker_end": 39, "speaker_resolved": "Mayor Ellen Park"}]}]
    path = tmp_path / "g.jsonl"
    path.write_text(json.dumps(gold[0]) + "\n", encoding="utf-8")
    assert main(["evaluate", "quotes", "--gold", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    m = out["thresholds"]["0.9"]["quoted"]
    assert (m["tp"], m["fp"], m["fn"], m["speaker_accuracy"]) == (1, 0, 0, 1.0)
    assert main(["evaluate", "quotes", "--gold", str(tmp_path / "missing.jsonl")]) == 2
