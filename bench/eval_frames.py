"""Policy frames against human codes: the built-in `policy_frames` lexicon on FrAC sentences.

Reads ../shared/corpora/frac-sentence-frames (523 sentences, one Policy Frames Codebook frame
each; skips cleanly when absent). Each sentence gets the category with the highest
`policy_frames.<category>` rate ("other" when no term matches). Prints accuracy, macro-F1 over
the coded frames, per-frame F1, Krippendorff's alpha (nominal) between tool and coders, macro
ROC AUC of the rates, and the same for:

- a majority baseline (every sentence gets the most frequent frame);
- a handful of obvious words per frame (3-5 each, chosen a priori, listed below);
- a lexicon induced from the coded sentences themselves by weighted log-odds, 5-fold
  cross-validated (induced on 4/5, scored on the held-out 1/5): what a team gets by coding a
  sample and running `framing lexicon induce`.

Usage: python bench/eval_frames.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "corpora" / "frac-sentence-frames" / "final_gold_single_with_type.csv"

CODES = {1: "economic", 2: "capacity_and_resources", 3: "morality", 4: "fairness_and_equality",
         5: "legality_constitutionality", 6: "policy_prescription", 7: "crime_and_punishment",
         8: "security_and_defense", 9: "health_and_safety", 10: "quality_of_life", 11: "cultural_identity",
         12: "public_opinion", 13: "political", 14: "external_regulation_and_reputation", 15: "other"}

# the obvious words a researcher would write down first (not tuned on any data)
HANDFUL = {
    "economic": ["economy", "economic", "cost", "money", "tax"],
    "capacity_and_resources": ["resources", "capacity", "shortage"],
    "morality": ["moral", "ethical", "religious"],
    "fairness_and_equality": ["fair", "unfair", "equality", "discrimination"],
    "legality_constitutionality": ["law", "court", "legal", "constitution"],
    "policy_prescription": ["policy", "plan", "proposal"],
    "crime_and_punishment": ["crime", "police", "prison"],
    "security_and_defense": ["security", "military", "terrorism"],
    "health_and_safety": ["health", "safety", "disease"],
    "quality_of_life": ["quality of life", "community", "lifestyle"],
    "cultural_identity": ["culture", "tradition", "identity"],
    "public_opinion": ["poll", "public opinion", "protest"],
    "political": ["election", "party", "political"],
    "external_regulation_and_reputation": ["international", "foreign", "reputation"],
    "other": [],
}


# the first words a researcher would write for the generic news frames (not tuned on any data)
HANDFUL_NEWS = {
    "conflict": ["conflict", "disagree", "dispute", "fight"],
    "human_interest": ["family", "victim", "personal", "emotional"],
    "economic_consequences": ["cost", "money", "economic", "financial"],
    "morality": ["moral", "god", "religion", "ethics"],
    "responsibility": ["responsible", "blame", "solution", "government"],
}
# FrAC frames with a direct counterpart among the generic news frames
NEWS_COUNTERPART = {"economic": "economic_consequences", "morality": "morality"}


def news_frames_detection(units: pd.DataFrame) -> None:
    """ROC AUC of a news frame's rate for the sentences coded with its policy-frame counterpart."""
    from framing.evaluate.scores import roc_auc
    from framing.matching import DictionaryMatcher

    print("\nnews_frames, frame present vs absent (ROC AUC of the frame's rate; FrAC frames with a direct "
          "counterpart):")
    built = DictionaryMatcher(["news_frames"], negation_window=0).rates(units)
    hand = DictionaryMatcher([framing_lexicon(HANDFUL_NEWS, "news_frames")], negation_window=0).rates(units)
    for frac, news in NEWS_COUNTERPART.items():
        y = (units["label"] == frac).to_numpy()
        col = f"news_frames.{news}"
        a_b, a_h = roc_auc(y, built[col].fillna(0).to_numpy()), roc_auc(y, hand[col].fillna(0).to_numpy())
        cov_b = float((built.loc[y, col] > 0).mean())
        cov_h = float((hand.loc[y, col] > 0).mean())
        print(f"  {news:<22} (coded {frac}, n={int(y.sum())}): built-in AUC {a_b:.3f} (fires on {cov_b:.0%} of them), "
              f"handful AUC {a_h:.3f} (fires on {cov_h:.0%})")


def framing_lexicon(terms: dict, name: str):
    from framing.lexicon import load_lexicon

    return load_lexicon(terms, name=name)


def predict(units: pd.DataFrame, lexicon) -> tuple[pd.Series, pd.DataFrame]:
    from framing.evaluate.scores import top_category
    from framing.lexicon import load_lexicon
    from framing.matching import DictionaryMatcher

    lex = load_lexicon(lexicon, name="frames")
    rates = DictionaryMatcher([lex], negation_window=0).rates(units)
    return top_category(rates, "frames"), rates


def report(name: str, units: pd.DataFrame, pred: pd.Series, rates: pd.DataFrame | None) -> dict:
    from framing.evaluate import evaluate_scores

    gold = units[["unit_id", "label"]]
    p = pd.DataFrame({"unit_id": units["unit_id"], "label": pred.to_numpy()})
    scores = None
    if rates is not None:
        scores = rates[[c for c in rates.columns if c.startswith("frames.")]].rename(columns=lambda c: c[7:])
    labels = sorted(units["label"].unique())
    res = evaluate_scores(p, gold, kind="label", on="unit_id", scores=scores, labels=labels)
    get = lambda m: float(res.loc[(res.metric == m) & (res.category == ""), "value"].iloc[0]) \
        if ((res.metric == m) & (res.category == "")).any() else float("nan")
    f1 = res[res.metric == "f1"].set_index("category")["value"]
    out = {"name": name, "accuracy": get("accuracy"), "macro_f1": get("macro_f1"), "alpha": get("alpha_nominal"),
           "macro_auc": get("macro_roc_auc"), "f1": f1}
    print(f"{name:<34} accuracy {out['accuracy']:.3f}  macro-F1 {out['macro_f1']:.3f}  "
          f"alpha {out['alpha']:.3f}  macro AUC {out['macro_auc']:.3f}")
    return out


def main() -> int:
    if not DATA.exists():
        print(f"skip: {DATA} not found (the shared corpora are not available here)")
        return 0
    import framing

    df = pd.read_csv(DATA)
    units = pd.DataFrame({"doc_id": df["id"].astype(str), "unit_id": [f"row{i}" for i in range(len(df))], "unit": "sentence",
                          "text": df["sentence"], "label": df["label"].map(CODES)})
    print(f"FrAC: {len(units)} sentences, {units.label.nunique()} frames coded "
          f"(annotator alpha 0.76 per the README)\n")
    results = []
    majority = units["label"].value_counts().index[0]
    results.append(report(f"majority ({majority})", units, pd.Series([majority] * len(units)), None))
    pred, rates = predict(units, {k: v for k, v in HANDFUL.items() if v})
    results.append(report("handful of obvious words (3-5)", units, pred, rates))
    pred, rates = predict(units, "policy_frames")
    results.append(report("policy_frames (built-in)", units, pred, rates))
    covered = float((pred != "other").mean())
    # induced lexicon, 5-fold cross-validation
    rng = np.random.default_rng(0)
    folds = rng.permutation(len(units)) % 5
    cv_pred = pd.Series(["other"] * len(units), dtype=object)
    cv_rates = []
    for k in range(5):
        train, test = units[folds != k], units[folds == k]
        induced = framing.induce_lexicon(train["text"], train["label"], top=40, min_count=2, min_z=1.0)
        lex = framing.Lexicon(name="induced", entries=induced[["term", "category", "weight"]])
        p, r = predict(test, lex)
        cv_pred[test.index] = p.to_numpy()
        cv_rates.append(r.set_index(test.index))
    rates_cv = pd.concat([r.filter(like="frames.") for r in cv_rates]).reindex(units.index).fillna(0.0)
    results.append(report("induced from codes (5-fold CV)", units, cv_pred, rates_cv))
    news_frames_detection(units)
    print(f"\npolicy_frames matched at least one term in {covered:.0%} of sentences")
    table = pd.DataFrame({r["name"]: r["f1"] for r in results[1:]}).round(3)
    table["support"] = units["label"].value_counts()
    print("\nF1 per frame:")
    print(table.to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
