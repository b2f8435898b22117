"""Score evaluation metrics against hand-computed values, and `framing evaluate scores`."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.evaluate.scores import (classification_report, evaluate_scores, krippendorff_alpha, pearson,
                                     rankdata, roc_auc, spearman, top_category)

nan = float("nan")


def test_krippendorff_alpha_reference_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders x 12 units
    a = [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan]
    b = [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3]
    c = [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan]
    d = [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]
    data = list(zip(a, b, c, d))
    assert krippendorff_alpha(data, "nominal") == pytest.approx(0.743, abs=5e-4)
    assert krippendorff_alpha(data, "interval") == pytest.approx(0.849, abs=5e-4)


def test_alpha_perfect_and_two_coder_by_hand():
    assert krippendorff_alpha([["a", "a"], ["b", "b"]]) == pytest.approx(1.0)
    # 2 coders, units (a,a) (a,b): n=4 values; Do = 2/4 * ... by the coincidence formula: 1 - 3 * 2 / (16 - 10)
    assert krippendorff_alpha([["a", "a"], ["a", "b"]]) == pytest.approx(1 - 3 * 2 / (16 - (9 + 1)))


def test_correlations_and_ranks():
    assert rankdata([10, 20, 20, 5]).tolist() == [2.0, 3.5, 3.5, 1.0]
    assert pearson([1, 2, 3], [2, 4, 6]) == pytest.approx(1.0)
    assert pearson([1, 2, 3, 4], [1, 3, 2, 4]) == pytest.approx(0.8)
    assert spearman([1, 2, 3, 4], [10, 100, 1000, 5]) == pytest.approx(-0.2)
    assert math.isnan(pearson([1, 1, 1], [1, 2, 3]))


def test_roc_auc_by_hand():
    # positives 0.9 and 0.4; negatives 0.1 and 0.4: pairs (0.9>0.1, 0.9>0.4, 0.4>0.1, 0.4=0.4 -> 1/2)
    assert roc_auc([1, 0, 1, 0], [0.9, 0.1, 0.4, 0.4]) == pytest.approx(3.5 / 4)
    assert math.isnan(roc_auc([1, 1], [0.2, 0.3]))


def test_classification_report_by_hand():
    rep = classification_report(["a", "a", "b", "c"], ["a", "b", "b", "b"]).set_index("category")
    assert rep.loc["a", "precision"] == 1.0 and rep.loc["a", "recall"] == 0.5
    assert rep.loc["b", "precision"] == pytest.approx(1 / 3) and rep.loc["b", "recall"] == 1.0
    assert rep.loc["b", "f1"] == pytest.approx(0.5)
    assert rep.loc["c", "f1"] == 0.0


def test_evaluate_ratings_joined_on_ids():
    pred = pd.DataFrame({"unit_id": ["3", "1", "2", "4"], "compound": [0.5, -0.5, 0.0, 0.9]})
    gold = pd.DataFrame({"unit_id": [1, 2, 3, 4], "valence": [-40, 5, 30, 80]})
    res = evaluate_scores(pred, gold, kind="rating", gold_col="valence").set_index("metric")
    assert res.loc["pearson", "value"] == pytest.approx(pearson([-0.5, 0.0, 0.5, 0.9], [-40, 5, 30, 80]))
    assert res.loc["spearman", "value"] == pytest.approx(1.0)
    assert res.loc["pearson", "n"] == 4
    assert 0.8 < res.loc["alpha_interval", "value"] <= 1.0


def test_evaluate_labels_with_scores_for_auc():
    gold = pd.DataFrame({"id": ["a", "b", "c", "d"], "label": ["x", "x", "y", "y"]})
    pred = pd.DataFrame({"id": ["a", "b", "c", "d"], "label": ["x", "y", "y", "y"],
                         "lex.x": [5.0, 1.0, 0.0, 0.0], "lex.y": [0.0, 2.0, 3.0, 1.0]})
    res = evaluate_scores(pred, gold, kind="label")
    get = lambda m, c="": res.loc[(res.metric == m) & (res.category == c), "value"].iloc[0]
    assert get("accuracy") == pytest.approx(0.75)
    assert get("f1", "x") == pytest.approx(2 / 3) and get("f1", "y") == pytest.approx(0.8)
    assert get("macro_f1") == pytest.approx((2 / 3 + 0.8) / 2)
    assert get("roc_auc", "x") == pytest.approx(1.0)
    assert get("roc_auc", "y") == pytest.approx(0.75)  # pairs: 3>0, 3>2, 1>0, 1<2
    assert get("alpha_nominal") == pytest.approx(krippendorff_alpha([["x", "x"], ["y", "x"], ["y", "y"], ["y", "y"]]))


def test_top_category():
    rates = pd.DataFrame({"pf.a": [0.0, 2.0, 1.0], "pf.b": [0.0, 1.0, 3.0], "pf.b.n": [0, 9, 9]})
    assert top_category(rates, "pf").tolist() == ["other", "a", "b"]


def test_cli_evaluate_scores_branch(tmp_path, capsys):
    import argparse

    from framing.evaluate import scores as S

    gold = tmp_path / "gold.csv"
    pred = tmp_path / "pred.csv"
    pd.DataFrame({"id": [1, 2, 3], "label": [1, 9, 9]}).to_csv(gold, index=False)
    pd.DataFrame({"id": [1, 2, 3], "pf.economic": [3.0, 0, 0], "pf.health_and_safety": [0, 2.0, 0]}).to_csv(
        pred, index=False)
    labels = tmp_path / "map.json"
    labels.write_text('{"1": "economic", "9": "health_and_safety"}')
    parser = argparse.ArgumentParser()
    S.add_arguments(parser)
    out = tmp_path / "m.csv"
    args = parser.parse_args(["--gold", str(gold), "--pred", str(pred), "--kind", "label", "--top-of", "pf",
                              "--label-map", str(labels), "-o", str(out)])
    assert S.run(args) == 0
    text = capsys.readouterr().out
    assert "accuracy" in text and "0.667" in text
    table = pd.read_csv(out)
    assert set(table["metric"]) >= {"macro_f1", "accuracy", "alpha_nominal", "f1", "roc_auc"}


def test_join_columns_with_different_names():
    pred = pd.DataFrame({"doc_id": ["a", "b", "c"], "compound": [0.1, 0.5, 0.9]})
    gold = pd.DataFrame({"id": ["c", "b", "a"], "rating": [3, 2, 1]})
    res = evaluate_scores(pred, gold, on=("doc_id", "id"), gold_col="rating").set_index("metric")
    assert res.loc["spearman", "value"] == pytest.approx(1.0)
