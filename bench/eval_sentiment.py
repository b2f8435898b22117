"""Sentiment validity: VADER reference vs news variant against human valence ratings.

Data: ../shared/corpora/semeval2007-headlines-trial (SemEval-2007 Task 14 trial set,
250 news headlines, valence -100..100 by human annotators). Prints Pearson and
Spearman r of each variant's compound score with the gold valence, with 95%
bootstrap intervals (2,000 resamples of headlines, fixed seed), the share of
headlines each variant scores as non-neutral, and the headlines the news lexicon
changed. Skips cleanly (exit 0) when ../shared is absent.

The news lexicon was written from general news vocabulary before this check was
run; these 250 headlines are a check, not a training set.

Usage: python bench/eval_sentiment.py [--show N]
"""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "corpora" / "semeval2007-headlines-trial"


def load_headlines(data: Path = DATA):
    """DataFrame ``id``, ``text``, ``valence`` (gold, -100..100)."""
    import pandas as pd

    root = ET.parse(data / "affectivetext_trial.xml").getroot()
    texts = {int(inst.get("id")): (inst.text or "").strip() for inst in root.iter("instance")}
    gold = {}
    for line in (data / "affectivetext_trial.valence.gold").read_text(encoding="utf-8").splitlines():
        if line.strip():
            i, v = line.split()
            gold[int(i)] = float(v)
    ids = sorted(set(texts) & set(gold))
    return pd.DataFrame({"id": ids, "text": [texts[i] for i in ids], "valence": [gold[i] for i in ids]})


def _spearman(x, y) -> float:
    """Spearman r: Pearson r of average ranks (no SciPy needed)."""
    import numpy as np
    import pandas as pd

    return float(np.corrcoef(pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy())[0, 1])


def correlations(x, y, n_boot: int = 2000, seed: int = 0) -> dict[str, float]:
    """Pearson and Spearman r with 95% percentile bootstrap intervals (headlines resampled)."""
    import numpy as np

    xa, ya = np.asarray(x, float), np.asarray(y, float)
    out = {"pearson": float(np.corrcoef(xa, ya)[0, 1]), "spearman": _spearman(xa, ya)}
    rng = np.random.default_rng(seed)
    boots: dict[str, list[float]] = {"pearson": [], "spearman": []}
    for _ in range(n_boot):
        idx = rng.integers(0, len(xa), len(xa))
        boots["pearson"].append(np.corrcoef(xa[idx], ya[idx])[0, 1])
        boots["spearman"].append(_spearman(xa[idx], ya[idx]))
    for k, vals in boots.items():
        lo, hi = np.nanpercentile(vals, [2.5, 97.5])
        out[f"{k}_lo"], out[f"{k}_hi"] = float(lo), float(hi)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=15, help="list up to N headlines the news variant scores differently")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skip: {DATA} not found (the shared corpora are not available here)")
        return 0
    from framing.sentiment import VaderScorer, read_news_additions

    df = load_headlines()
    print(f"data: {DATA.name}, {len(df)} headlines with gold valence")
    n_terms = read_news_additions().query("valence != 0").shape[0]
    results = {}
    for variant in ("reference", "news"):
        scores = VaderScorer(variant).score_texts(df["text"])
        df[variant] = scores["compound"].to_numpy()
        r = correlations(df[variant], df["valence"])
        results[variant] = r
        nonneutral = (df[variant] != 0).mean()
        print(
            f"{variant:>9}: Pearson r = {r['pearson']:.3f} [{r['pearson_lo']:.3f}, {r['pearson_hi']:.3f}]  "
            f"Spearman r = {r['spearman']:.3f} [{r['spearman_lo']:.3f}, {r['spearman_hi']:.3f}]  "
            f"non-neutral {nonneutral:.0%}"
        )
    changed = df[df["reference"] != df["news"]]
    print(f"news lexicon: {n_terms} valued terms; changed {len(changed)} of {len(df)} headlines")
    for row in changed.head(args.show).itertuples():
        print(f"  gold {row.valence:+5.0f}  ref {row.reference:+.3f}  news {row.news:+.3f}  {row.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
