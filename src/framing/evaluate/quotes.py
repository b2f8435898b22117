"""Quote extraction and speaker attribution against gold attributions.

The procedure of ``../shared/corpora/README.md`` (PolNeAR-style gold, one article per JSONL
line with ``quotes``: ``fragments``, ``type`` direct|mixed|indirect, ``speech_cue``,
``speaker``, ``speaker_start``/``speaker_end``, ``speaker_resolved``):

- gold and predicted quotes are matched one-to-one, greedily by the Dice coefficient of
  the character sets of their fragments (highest first), at Dice >= 0.5 and >= 0.9;
- precision, recall and F1 over quotes for the subsets ``quoted`` (direct + mixed),
  ``speech`` (those plus indirect with a reporting-verb cue) and ``all``; a prediction
  left unmatched that overlaps (Dice >= 0.5) a gold attribution outside the subset is left
  out of that subset instead of counting as a false positive;
- speaker accuracy over matched quotes: right when the predicted mention overlaps the gold
  source span, or the normalised predicted speaker shares a name token (not a title such
  as "Mr" or "President") with the gold ``speaker`` or ``speaker_resolved``; a gold quote
  with no source is right only when the prediction is unattributed;
- end-to-end precision/recall/F1 count a quote only when its speaker is also right;
- recall and speaker accuracy by gold type, precision by predicted type.

A prediction without ``fragments`` is one fragment ``[start, end]``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..errors import InputError

SUBSETS = ("quoted", "speech", "all")
THRESHOLDS = (0.5, 0.9)
OUTSIDE_OVERLAP = 0.5

# words that are not name tokens when comparing speakers
TITLE_WORDS = frozenset(
    """mr mrs ms miss dr prof professor sir dame lord lady president vice secretary minister prime
    senator sen rep representative congressman congresswoman gov governor mayor judge justice chief
    general gen gov spokesman spokeswoman spokesperson chairman chairwoman chair ceo director leader
    former acting deputy assistant state foreign us u s the a an of and his her its their said
    he she it they we i you him them who this that""".split()
)


# ------------------------------------------------------------------ loading


def load_gold(gold) -> list[dict]:
    """Gold articles as a list of dicts (``id``, ``text``, ``quotes``) from a JSONL path, list or DataFrame."""
    if isinstance(gold, (str, Path)):
        path = Path(gold)
        if not path.is_file():
            raise InputError("gold file not found; give a JSONL file with one article per line", source=path)
        rows = []
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except json.JSONDecodeError as err:
                    raise InputError(f"not valid JSON ({err.msg}); each line must be one article object",
                                     source=path, line=n) from None
                if not isinstance(row, dict) or "quotes" not in row:
                    raise InputError("an article needs 'id', 'text' and 'quotes'", source=path, line=n)
                rows.append(row)
        if not rows:
            raise InputError("no articles in the gold file", source=path)
        return rows
    if isinstance(gold, pd.DataFrame):
        return gold.to_dict("records")
    return list(gold)


def gold_documents(gold) -> pd.DataFrame:
    """A documents table (docs/tables.md) of the gold articles, for ``extract_quotes``."""
    rows = load_gold(gold)
    return pd.DataFrame(
        {
            "doc_id": [str(r.get("id", r.get("doc_id", i))) for i, r in enumerate(rows)],
            "title": [r.get("title") or "" for r in rows],
            "text": [r.get("text") or "" for r in rows],
            "outlet": [r.get("publisher") or r.get("outlet") or "" for r in rows],
            "url": ["" for _ in rows],
            "section": ["" for _ in rows],
            "date": pd.to_datetime([r.get("date") for r in rows], errors="coerce"),
            "source": [f"gold:{i + 1}" for i in range(len(rows))],
            "encoding": ["utf-8" for _ in rows],
            "excluded": [[] for _ in rows],
        }
    )


def load_predictions(pred) -> pd.DataFrame:
    """Predicted quotes from a DataFrame or a .jsonl/.csv/.tsv/.parquet file (``fragments`` may be JSON text)."""
    if isinstance(pred, (str, Path)):
        path = Path(pred)
        if not path.is_file():
            raise InputError("predictions not found; give the output of `framing quotes -o`", source=path)
        suffix = path.suffix.lower()
        try:
            if suffix == ".parquet":
                df = pd.read_parquet(path)
            elif suffix in (".jsonl", ".json"):
                df = pd.read_json(path, lines=suffix == ".jsonl", dtype=False)
            elif suffix in (".csv", ".tsv"):
                df = pd.read_csv(path, sep="\t" if suffix == ".tsv" else ",", dtype={"doc_id": str}, keep_default_na=False)
            else:
                raise InputError(f"unknown predictions format {suffix!r}; use .jsonl, .csv, .tsv or .parquet", source=path)
        except (ValueError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read predictions ({err.__class__.__name__}: {str(err)[:80]})", source=path) from None
        source = str(path)
    else:
        df, source = pd.DataFrame(pred), "predictions"
    for col in ("doc_id",):
        if col not in df.columns:
            raise InputError(f"predictions lack column {col!r}", source=source)
    if "fragments" not in df.columns and not {"start", "end"} <= set(df.columns):
        raise InputError("predictions need 'fragments' or 'start' and 'end'", source=source)
    df = df.copy()
    df["doc_id"] = df["doc_id"].astype(str)
    return df


def _fragments(row: dict) -> list[tuple[int, int]]:
    frags = row.get("fragments")
    if isinstance(frags, str) and frags.strip():
        frags = json.loads(frags)
    if frags is None or (hasattr(frags, "__len__") and len(frags) == 0) or (isinstance(frags, float)):
        return [(int(row["start"]), int(row["end"]))]
    return [(int(s), int(e)) for s, e in frags if int(e) > int(s)]


def _merge(frags: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(frags):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def _size(spans) -> int:
    return sum(e - s for s, e in spans)


def _intersection(a, b) -> int:
    i = j = total = 0
    while i < len(a) and j < len(b):
        lo, hi = max(a[i][0], b[j][0]), min(a[i][1], b[j][1])
        if hi > lo:
            total += hi - lo
        if a[i][1] < b[j][1]:
            i += 1
        else:
            j += 1
    return total


def dice(a, b) -> float:
    """Dice coefficient of the character sets of two fragment lists."""
    a, b = _merge(a), _merge(b)
    n = _size(a) + _size(b)
    return 2 * _intersection(a, b) / n if n else 0.0


def name_tokens(name) -> set[str]:
    """Lower-case name tokens of a speaker, without titles and function words."""
    if not isinstance(name, str):
        return set()
    return {t for t in re.findall(r"[^\W\d_]+", name.casefold()) if t not in TITLE_WORDS and len(t) > 1}


def _in_subset(g: dict, subset: str) -> bool:
    if subset == "all":
        return True
    if g.get("type") in ("direct", "mixed"):
        return True
    return subset == "speech" and bool(g.get("speech_cue"))


def speaker_correct(p: dict, g: dict) -> bool:
    """The README's speaker rule for one matched pair."""
    gold_has = g.get("speaker") not in (None, "") or g.get("speaker_resolved") not in (None, "")
    pred_speaker = p.get("speaker")
    pred_speaker = pred_speaker if isinstance(pred_speaker, str) else ""
    if not gold_has:
        return pred_speaker == ""
    ms, me, gs, ge = p.get("mention_start"), p.get("mention_end"), g.get("speaker_start"), g.get("speaker_end")
    try:
        if None not in (ms, me, gs, ge) and int(me) > int(ms) and min(int(me), int(ge)) > max(int(ms), int(gs)):
            return True
    except (TypeError, ValueError):
        pass
    pred_tokens = name_tokens(pred_speaker)
    return bool(pred_tokens & (name_tokens(g.get("speaker")) | name_tokens(g.get("speaker_resolved"))))


def _greedy(pairs: list[tuple[float, int, int]], threshold: float) -> dict[int, int]:
    """One-to-one greedy matching: highest Dice first; returns {gold index: pred index}."""
    matched_g: dict[int, int] = {}
    used_p: set[int] = set()
    for score, gi, pi in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if score < threshold:
            break
        if gi in matched_g or pi in used_p:
            continue
        matched_g[gi] = pi
        used_p.add(pi)
    return matched_g


def _empty_counts() -> dict:
    return {"n_gold": 0, "n_pred": 0, "tp": 0, "fp": 0, "fn": 0, "left_out": 0, "speaker_ok": 0}


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate_quotes(gold, pred, *, thresholds=THRESHOLDS) -> dict:
    """Score predicted quotes against gold attributions (see the module docstring).

    ``gold``: JSONL path, list of article dicts or DataFrame; ``pred``: quotes table or file.
    Returns ``{"n_docs", "thresholds": {"0.5": {subset: metrics}}, "by_type": {...}}`` where
    metrics has n_gold, n_pred (counted predictions), tp, fp, fn, left_out, precision, recall,
    f1, speaker_accuracy, e2e_precision, e2e_recall, e2e_f1. :func:`results_table` flattens it.
    """
    articles = load_gold(gold)
    preds = load_predictions(pred)
    by_doc: dict[str, list[dict]] = {}
    for row in preds.to_dict("records"):
        by_doc.setdefault(str(row["doc_id"]), []).append(row)
    counts = {t: {s: _empty_counts() for s in SUBSETS} for t in thresholds}
    by_gold_type = {t: {} for t in thresholds}
    by_pred_type = {t: {} for t in thresholds}
    for i, art in enumerate(articles):
        doc_id = str(art.get("id", art.get("doc_id", i)))
        golds = [g for g in art.get("quotes") or []]
        gfr = [_merge(_fragments(g)) for g in golds]
        prows = by_doc.get(doc_id, [])
        pfr = [_merge(_fragments(p)) for p in prows]
        scores = [[dice(gf, pf) for pf in pfr] for gf in gfr]
        for t in thresholds:
            for subset in SUBSETS:
                inside = [gi for gi, g in enumerate(golds) if _in_subset(g, subset)]
                outside = [gi for gi, g in enumerate(golds) if not _in_subset(g, subset)]
                pairs = [(scores[gi][pi], gi, pi) for gi in inside for pi in range(len(prows)) if scores[gi][pi] > 0]
                match = _greedy(pairs, t)
                matched_p = set(match.values())
                left_out = {pi for pi in range(len(prows)) if pi not in matched_p
                            and any(scores[gi][pi] >= OUTSIDE_OVERLAP for gi in outside)}
                c = counts[t][subset]
                c["n_gold"] += len(inside)
                c["n_pred"] += len(prows) - len(left_out)
                c["tp"] += len(match)
                c["fp"] += len(prows) - len(left_out) - len(match)
                c["fn"] += len(inside) - len(match)
                c["left_out"] += len(left_out)
                ok = {gi: speaker_correct(prows[pi], golds[gi]) for gi, pi in match.items()}
                c["speaker_ok"] += sum(ok.values())
                if subset == "all":
                    for gi in inside:
                        d = by_gold_type[t].setdefault(golds[gi].get("type") or "?", {"n_gold": 0, "tp": 0, "speaker_ok": 0})
                        d["n_gold"] += 1
                        if gi in match:
                            d["tp"] += 1
                            d["speaker_ok"] += ok[gi]
                    for pi, p in enumerate(prows):
                        d = by_pred_type[t].setdefault(str(p.get("type") or "?"), {"n_pred": 0, "tp": 0})
                        d["n_pred"] += 1
                        d["tp"] += pi in matched_p
    result = {"n_docs": len(articles), "n_pred_docs": len(by_doc), "thresholds": {}, "by_type": {}}
    for t in thresholds:
        key = f"{t:g}"
        result["thresholds"][key] = {}
        for subset, c in counts[t].items():
            p, r, f = _prf(c["tp"], c["n_pred"], c["n_gold"])
            ep, er, ef = _prf(c["speaker_ok"], c["n_pred"], c["n_gold"])
            result["thresholds"][key][subset] = {
                **{k: v for k, v in c.items() if k != "speaker_ok"},
                "precision": p, "recall": r, "f1": f,
                "speaker_accuracy": c["speaker_ok"] / c["tp"] if c["tp"] else 0.0,
                "e2e_precision": ep, "e2e_recall": er, "e2e_f1": ef,
            }
        result["by_type"][key] = {
            "gold": {k: {**v, "recall": v["tp"] / v["n_gold"] if v["n_gold"] else 0.0,
                         "speaker_accuracy": v["speaker_ok"] / v["tp"] if v["tp"] else 0.0}
                     for k, v in sorted(by_gold_type[t].items())},
            "pred": {k: {**v, "precision": v["tp"] / v["n_pred"] if v["n_pred"] else 0.0}
                     for k, v in sorted(by_pred_type[t].items())},
        }
    return result


def results_table(result: dict) -> pd.DataFrame:
    """One row per (dice threshold, subset) of an :func:`evaluate_quotes` result."""
    rows = []
    for t, subsets in result["thresholds"].items():
        for subset, m in subsets.items():
            rows.append({"dice": float(t), "subset": subset, **m})
    return pd.DataFrame(rows)


def format_results(result: dict) -> str:
    """A plain-text report: the main table, then recall by gold type and precision by predicted type."""
    table = results_table(result)
    lines = [f"{result['n_docs']} gold documents, predictions for {result['n_pred_docs']}",
             f"{'dice':>4} {'subset':<7} {'gold':>6} {'pred':>6} {'P':>6} {'R':>6} {'F1':>6} {'spk':>6} {'E2E F1':>7}"]
    for r in table.itertuples(index=False):
        lines.append(f"{r.dice:>4g} {r.subset:<7} {r.n_gold:>6} {r.n_pred:>6} {r.precision:>6.3f} {r.recall:>6.3f} "
                     f"{r.f1:>6.3f} {r.speaker_accuracy:>6.3f} {r.e2e_f1:>7.3f}")
    for t, parts in result["by_type"].items():
        gold = ", ".join(f"{k} {v['recall']:.3f} (n={v['n_gold']}, spk {v['speaker_accuracy']:.3f})" for k, v in parts["gold"].items())
        pred = ", ".join(f"{k} {v['precision']:.3f} (n={v['n_pred']})" for k, v in parts["pred"].items())
        lines.append(f"dice {t}: recall by gold type: {gold}")
        lines.append(f"dice {t}: precision by predicted type: {pred}")
    return "\n".join(lines)
