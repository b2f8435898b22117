"""Agreement between tool scores and human codes: correlations, F1, ROC AUC, Krippendorff's alpha.

:func:`evaluate_scores` compares predictions with gold annotations and returns a tidy
table (``metric``, ``category``, ``value``, ``n``):

- ``kind="rating"`` (sentiment against human valence ratings): Pearson r, Spearman
  rho, and Krippendorff's alpha (interval) between the tool and the coders, on
  z-standardised values because tool and coders use different scales. With several
  coder columns, ``alpha_coders`` is the coders' own agreement for comparison.
- ``kind="label"`` (a frame per unit against the coded frame): per-category
  precision, recall and F1, macro-F1, accuracy, Krippendorff's alpha (nominal) and,
  when per-category scores are given (e.g. the ``policy_frames.*`` rates), one-vs-rest
  ROC AUC per category and its macro mean.

Metrics are implemented here in numpy (see the tests for hand-computed values).
``framing evaluate scores`` calls :func:`add_arguments` / :func:`run`.
"""

from __future__ import annotations

import argparse
from typing import Sequence

import numpy as np
import pandas as pd

from ..errors import InputError, ParameterError

RESULT_COLUMNS = ["metric", "category", "value", "n"]


# --- metrics --------------------------------------------------------------------------


def rankdata(x) -> np.ndarray:
    """Ranks from 1, ties get their average rank."""
    x = np.asarray(x, dtype=float)
    order = np.argsort(x, kind="mergesort")
    sx = x[order]
    ranks = np.empty(len(x), dtype=float)
    starts = np.r_[0, np.flatnonzero(sx[1:] != sx[:-1]) + 1]
    ends = np.r_[starts[1:], len(x)]
    for s, e in zip(starts, ends):
        ranks[order[s:e]] = (s + e + 1) / 2.0
    return ranks


def pearson(x, y) -> float:
    """Pearson correlation (NaN when either side is constant)."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    xm, ym = x - x.mean(), y - y.mean()
    den = np.sqrt((xm * xm).sum() * (ym * ym).sum())
    return float((xm * ym).sum() / den) if den > 0 else float("nan")


def spearman(x, y) -> float:
    """Spearman rank correlation (Pearson on average ranks)."""
    return pearson(rankdata(x), rankdata(y))


def roc_auc(y_true, score) -> float:
    """Area under the ROC curve of binary ``y_true`` by ``score`` (ties count one half)."""
    y = np.asarray(y_true, dtype=bool)
    n_pos, n_neg = int(y.sum()), int((~y).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    r = rankdata(score)
    return float((r[y].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def krippendorff_alpha(data, level: str = "nominal") -> float:
    """Krippendorff's alpha for a units x coders table (NaN/None = missing).

    ``level``: ``"nominal"`` (categories) or ``"interval"`` (squared differences).
    Units coded by fewer than two coders are left out (they are not pairable).
    """
    if level not in ("nominal", "interval"):
        raise ParameterError(f"unknown level {level!r}; use 'nominal' or 'interval'")
    rows = [list(r) for r in (data.itertuples(index=False) if isinstance(data, pd.DataFrame) else data)]
    units = []
    for r in rows:
        vals = [v for v in r if v is not None and not (isinstance(v, float) and np.isnan(v))]
        if len(vals) >= 2:
            units.append(vals)
    if not units:
        return float("nan")
    if level == "interval":
        units = [np.asarray(u, dtype=float) for u in units]
        n = sum(len(u) for u in units)
        d_within = sum((2 * len(u) * (u * u).sum() - 2 * u.sum() ** 2) / (len(u) - 1) for u in units)
        allv = np.concatenate(units)
        d_all = 2 * n * (allv * allv).sum() - 2 * allv.sum() ** 2
    else:
        n = sum(len(u) for u in units)
        d_within = 0.0
        totals: dict = {}
        for u in units:
            c = pd.Series(u).value_counts()
            d_within += (len(u) ** 2 - (c.to_numpy() ** 2).sum()) / (len(u) - 1)
            for k, v in c.items():
                totals[k] = totals.get(k, 0) + v
        d_all = n * n - sum(v * v for v in totals.values())
    if d_all == 0:
        return float("nan")
    d_o = d_within / n
    d_e = d_all / (n * (n - 1))
    return float(1.0 - d_o / d_e)


def classification_report(gold, pred, *, labels: Sequence | None = None) -> pd.DataFrame:
    """Per category: precision, recall, f1, support (gold count), predicted (count)."""
    gold = pd.Series(list(gold), dtype=object).astype(str)
    pred = pd.Series(list(pred), dtype=object).astype(str)
    if labels is None:
        labels = sorted(set(gold))
    rows = []
    for lab in labels:
        tp = int(((pred == lab) & (gold == lab)).sum())
        fp = int(((pred == lab) & (gold != lab)).sum())
        fn = int(((pred != lab) & (gold == lab)).sum())
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append({"category": str(lab), "precision": p, "recall": r, "f1": f, "support": tp + fn,
                     "predicted": tp + fp})
    return pd.DataFrame(rows, columns=["category", "precision", "recall", "f1", "support", "predicted"])


# --- the evaluation -----------------------------------------------------------------------


def _zscore(x: np.ndarray) -> np.ndarray:
    sd = x.std()
    return (x - x.mean()) / sd if sd > 0 else x * 0.0


def evaluate_scores(pred, gold, *, kind: str = "rating", on: str | None = None, pred_col: str | None = None,
                    gold_col: str | Sequence[str] | None = None, scores: pd.DataFrame | None = None,
                    labels: Sequence | None = None) -> pd.DataFrame:
    """Compare tool output with human codes; a tidy table ``metric, category, value, n``.

    ``pred``/``gold``: DataFrames joined on ``on`` (a column in both, or a pair
    ``(pred column, gold column)``; default: the first of ``unit_id``, ``id``,
    ``doc_id`` present in both), or equal-length sequences. ``pred_col``
    (default ``compound`` for ratings, ``label`` for labels) and ``gold_col`` (one
    column, or several coder columns) name the values. For labels, ``scores`` (or the
    pred columns named after categories) gives per-category scores for ROC AUC;
    ``labels`` fixes the category list (default: the gold categories).
    """
    if kind not in ("rating", "label"):
        raise ParameterError(f"unknown kind {kind!r}; use 'rating' or 'label'")
    pred_col = pred_col or ("compound" if kind == "rating" else "label")
    if isinstance(pred, pd.DataFrame) and isinstance(gold, pd.DataFrame):
        if isinstance(on, (tuple, list)):  # (pred column, gold column)
            pred_on, gold_on = on
            for frame, col, what in ((pred, pred_on, "pred"), (gold, gold_on, "gold")):
                if col not in frame.columns:
                    raise ParameterError(f"{what} has no column {col!r}")
            gold = gold.rename(columns={gold_on: pred_on})
            on = pred_on
        if on is None:
            on = next((c for c in ("unit_id", "id", "doc_id") if c in pred.columns and c in gold.columns), None)
            if on is None:
                raise ParameterError("pred and gold share no id column; name the join column with on=")
        gold_cols = [gold_col] if isinstance(gold_col, str) else list(gold_col or [])
        if not gold_cols:
            gold_cols = [c for c in ("label", "rating", "valence", "gold") if c in gold.columns][:1]
            if not gold_cols:
                raise ParameterError("name the gold column(s) with gold_col=")
        for c in gold_cols:
            if c not in gold.columns:
                raise ParameterError(f"gold has no column {c!r}")
        if pred_col not in pred.columns:
            raise ParameterError(f"pred has no column {pred_col!r}")
        g = gold[[on] + gold_cols].copy()
        p = pred.drop(columns=[c for c in gold_cols if c in pred.columns and c != pred_col and c != on])
        if scores is not None:  # per-category scores aligned with pred's rows: carry them through the join
            if len(scores) != len(pred):
                raise ParameterError(f"scores has {len(scores)} rows but pred has {len(pred)}; align them")
            sc = scores.reset_index(drop=True).add_prefix("__score:")
            p = pd.concat([p.reset_index(drop=True)[[on, pred_col]], sc], axis=1)
        p = p.rename(columns={pred_col: "__pred"})
        g[on] = g[on].astype(str)
        p[on] = p[on].astype(str)
        merged = g.merge(p, on=on, how="inner")
        if merged.empty:
            raise InputError(f"no {on!r} value is both in pred and gold; check the ids")
        pred_values = merged["__pred"]
        gold_table = merged[gold_cols]
        if scores is not None:
            scores = merged[[c for c in merged.columns if str(c).startswith("__score:")]]
            scores = scores.rename(columns=lambda c: c[len("__score:"):])
        elif kind == "label":
            score_cols = [c for c in merged.columns if c not in gold_cols and c not in (on, "__pred")]
            scores = merged[score_cols]
    else:
        pred_values = pd.Series(list(pred))
        gold_table = pd.DataFrame({"gold": list(gold)})
        if len(pred_values) != len(gold_table):
            raise ParameterError(f"{len(pred_values)} predictions but {len(gold_table)} gold values")
    rows: list = []
    if kind == "rating":
        x = pd.to_numeric(pred_values, errors="coerce").to_numpy(dtype=float)
        ys = gold_table.apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
        y = np.nanmean(ys, axis=1) if ys.shape[1] > 1 else ys[:, 0]
        ok = ~np.isnan(x) & ~np.isnan(y)
        x, y = x[ok], y[ok]
        n = int(ok.sum())
        rows += [("pearson", "", pearson(x, y), n), ("spearman", "", spearman(x, y), n)]
        coders = np.column_stack([_zscore(ys[ok, k]) for k in range(ys.shape[1])])
        table = np.column_stack([_zscore(x), coders])
        rows.append(("alpha_interval", "", krippendorff_alpha(table, "interval"), n))
        if ys.shape[1] > 1:
            rows.append(("alpha_coders", "", krippendorff_alpha(coders, "interval"), n))
    else:
        gold_first = gold_table.iloc[:, 0]
        ok = gold_first.notna() & pred_values.notna().to_numpy()
        gl = gold_first[ok].astype(str).to_numpy()
        pl = pred_values[ok.to_numpy()].astype(str).to_numpy()
        n = int(ok.sum())
        labels = [str(c) for c in labels] if labels is not None else sorted(set(gl))
        rep = classification_report(gl, pl, labels=labels)
        for r in rep.itertuples(index=False):
            rows += [("precision", r.category, r.precision, r.support), ("recall", r.category, r.recall, r.support),
                     ("f1", r.category, r.f1, r.support)]
        rows.append(("macro_f1", "", float(rep["f1"].mean()) if len(rep) else float("nan"), n))
        rows.append(("accuracy", "", float((gl == pl).mean()) if n else float("nan"), n))
        table = np.column_stack([pl.astype(object), gold_table[ok].astype(str).to_numpy(dtype=object)])
        rows.append(("alpha_nominal", "", krippendorff_alpha(table.tolist(), "nominal"), n))
        if gold_table.shape[1] > 1:
            rows.append(("alpha_coders", "", krippendorff_alpha(gold_table[ok].astype(str).to_numpy().tolist()), n))
        if scores is not None and len(scores.columns):
            sc = scores[ok.to_numpy()]
            aucs = []
            for lab in labels:
                col = _score_column(sc, lab)
                if col is None:
                    continue
                auc = roc_auc(gl == lab, pd.to_numeric(sc[col], errors="coerce").fillna(0.0).to_numpy())
                rows.append(("roc_auc", lab, auc, int((gl == lab).sum())))
                if auc == auc:
                    aucs.append(auc)
            if aucs:
                rows.append(("macro_roc_auc", "", float(np.mean(aucs)), n))
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def _score_column(scores: pd.DataFrame, label: str) -> str | None:
    """The score column for a category: its name, or ``<lexicon>.<name>``."""
    if label in scores.columns:
        return label
    for c in scores.columns:
        if str(c).endswith("." + label) and not str(c).endswith((".n", ".negated")):
            return c
    return None


# --- CLI branch (framing evaluate scores) ---------------------------------------------------


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``framing evaluate scores``."""
    parser.add_argument("--gold", required=True, metavar="FILE", help="human codes (.csv, .tsv, .jsonl or .parquet)")
    parser.add_argument("--pred", required=True, metavar="FILE", help="tool output, e.g. from framing score")
    parser.add_argument("--kind", choices=("rating", "label"), default="rating",
                        help="rating: correlations with human ratings; label: F1/AUC against coded categories")
    parser.add_argument("--on", default=None, metavar="COL|PRED_COL=GOLD_COL",
                        help="id column joining the two files (default unit_id, id or doc_id); "
                             "PRED_COL=GOLD_COL when the names differ (e.g. doc_id=id)")
    parser.add_argument("--gold-col", action="append", default=None, metavar="COL",
                        help="gold column; repeat for several coders (default label/rating/valence)")
    parser.add_argument("--pred-col", default=None, metavar="COL",
                        help="prediction column (default compound for ratings, label for labels)")
    parser.add_argument("--top-of", default=None, metavar="PREFIX",
                        help="labels: predict the highest-rate category among columns PREFIX.* (e.g. policy_frames); "
                             "units without any match get 'other'")
    parser.add_argument("--label-map", default=None, metavar="FILE",
                        help="JSON/YAML mapping gold codes to category names (e.g. {\"1\": \"economic\"})")
    parser.add_argument("-o", "--output", default=None, metavar="OUT", help="write the metrics table (.csv, .tsv, .jsonl)")


def _read(path: str) -> pd.DataFrame:
    from pathlib import Path

    p = Path(path)
    if not p.exists():
        raise InputError("no such file", source=path)
    suffix = p.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(p)
        if suffix in (".jsonl", ".ndjson"):
            return pd.read_json(p, lines=True, dtype=False)
        return pd.read_csv(p, sep="\t" if suffix == ".tsv" else ",", dtype=str if False else None)
    except (ValueError, pd.errors.ParserError) as err:
        raise InputError(f"cannot read the table ({str(err).splitlines()[0]})", source=path) from None


def top_category(rates: pd.DataFrame, prefix: str, *, none: str = "other") -> pd.Series:
    """The category with the highest ``<prefix>.<category>`` rate per row (``none`` when all are 0)."""
    cols = [c for c in rates.columns if c.startswith(prefix + ".") and not c.endswith((".n", ".negated"))]
    if not cols:
        raise ParameterError(f"no column starts with {prefix + '.'!r}")
    values = rates[cols].fillna(0.0).to_numpy(dtype=float)
    best = values.argmax(axis=1)
    names = np.array([c[len(prefix) + 1:] for c in cols], dtype=object)
    out = names[best]
    out[values.max(axis=1) <= 0] = none
    return pd.Series(out, index=rates.index)


def run(args: argparse.Namespace) -> int:
    """``framing evaluate scores``: print (and optionally write) the metrics."""
    import sys

    gold = _read(args.gold)
    pred = _read(args.pred)
    gold_cols = args.gold_col
    if args.label_map:
        import yaml

        from pathlib import Path

        if not Path(args.label_map).exists():
            raise InputError("no such label map", source=args.label_map)
        mapping = yaml.safe_load(Path(args.label_map).read_text(encoding="utf-8"))
        if not isinstance(mapping, dict):
            raise InputError("a label map is a mapping code -> category", source=args.label_map)
        mapping = {str(k): str(v) for k, v in mapping.items()}
        for c in gold_cols or [c for c in ("label",) if c in gold.columns]:
            gold[c] = gold[c].map(lambda v: mapping.get(str(v), mapping.get(str(v).rstrip("0").rstrip("."), v)))
    pred_col = args.pred_col
    if args.top_of:
        pred = pred.copy()
        pred["label"] = top_category(pred, args.top_of)
        pred_col = "label"
    on = tuple(args.on.split("=", 1)) if args.on and "=" in args.on else args.on
    result = evaluate_scores(pred, gold, kind=args.kind, on=on, pred_col=pred_col, gold_col=gold_cols)
    summary = result[result["category"] == ""]
    for r in summary.itertuples(index=False):
        print(f"{r.metric:<16} {r.value: .3f}  (n={r.n})")
    per = result[result["category"] != ""]
    if len(per):
        wide = per.pivot_table(index="category", columns="metric", values="value", sort=False)
        support = per.groupby("category", sort=False)["n"].first()
        wide["support"] = support
        print(wide.round(3).to_string())
    if args.output:
        from .._io import write_table

        write_table(result, args.output)
        print(f"wrote {args.output}", file=sys.stderr)
    return 0
