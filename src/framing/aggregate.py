"""Group summaries with uncertainty: means, rates, shares, per group and time period.

Every function takes tidy DataFrames (quotes merged with scores, documents, ...)
and returns a tidy table, one row per group (and category or period), so the
result can be plotted with :mod:`framing.plots` and saved beside the figure.

Intervals are percentile bootstrap intervals: units are resampled with
replacement within each group ``n_boot`` times from a numpy ``Generator`` seeded
by ``seed`` and the group's key, so a group's interval does not change when other
groups are added or removed, and reruns give identical numbers.

Main entry points: :func:`bootstrap_ci` (mean of a value per group),
:func:`aggregate` (the same per time period), :func:`frame_profile` (pooled rates
per 1,000 tokens per dictionary category), :func:`shares` (category shares, e.g.
cue-verb classes), :func:`filter_quotes` (the suite's selection parameters),
:func:`corpus_summary`, :func:`coding_sheet` and :func:`coding_agreement`.
"""

from __future__ import annotations

import zlib
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from .errors import ParameterError

TONES = ("negative", "neutral", "positive")
PERIODS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
_CHUNK = 4_000_000  # bootstrap draws per block (memory bound)


# --------------------------------------------------------------------------- helpers


def _as_list(by) -> list[str]:
    if by is None:
        return []
    if isinstance(by, str):
        return [by]
    return list(by)


def _check(df: pd.DataFrame, cols: Iterable[str], what: str = "column") -> None:
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ParameterError(f"{what} {missing[0]!r} not in the table; available: {', '.join(map(str, df.columns))}")


def _rng(seed: int, key) -> np.random.Generator:
    """A generator seeded by ``seed`` and a stable hash of the group key."""
    h = zlib.crc32(repr(key).encode("utf-8"))
    return np.random.default_rng(np.random.SeedSequence([int(seed), h]))


def _boot_stats(values: np.ndarray, weights: np.ndarray | None, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap replicates of the mean of ``values`` (or of the ratio
    ``sum(values) / sum(weights)`` when ``weights`` is given)."""
    n = len(values)
    out = np.empty(n_boot)
    per = max(1, _CHUNK // max(n, 1))
    for start in range(0, n_boot, per):
        k = min(per, n_boot - start)
        idx = rng.integers(0, n, size=(k, n))
        if weights is None:
            out[start : start + k] = values[idx].mean(axis=1)
        else:
            den = weights[idx].sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                out[start : start + k] = values[idx].sum(axis=1) / den
    return out


def _boot_ratio_matrix(counts: np.ndarray, weights: np.ndarray, n_boot: int, rng: np.random.Generator) -> np.ndarray:
    """Bootstrap replicates (n_boot x categories) of ``sum(counts) / sum(weights)``,
    resampling rows once per replicate for all categories."""
    n, c = counts.shape
    out = np.empty((n_boot, c))
    per = max(1, _CHUNK // max(n * max(c, 1), 1))
    for start in range(0, n_boot, per):
        k = min(per, n_boot - start)
        idx = rng.integers(0, n, size=(k, n))
        den = weights[idx].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[start : start + k] = counts[idx].sum(axis=1) / den[:, None]
    return out


def _by_cluster(labels, *columns: np.ndarray) -> tuple[np.ndarray, ...]:
    """Sums of each array in ``columns`` per cluster (``labels``, one per row), in the
    order clusters first appear, and the rows per cluster, as the last array."""
    codes, uniques = pd.factorize(pd.Series(labels).astype(str), sort=False)
    k = len(uniques)
    out = []
    for col in columns:
        if col.ndim == 1:
            out.append(np.bincount(codes, weights=col, minlength=k))
        else:
            out.append(np.stack([np.bincount(codes, weights=col[:, j], minlength=k) for j in range(col.shape[1])],
                                axis=1) if col.shape[1] else np.zeros((k, 0)))
    out.append(np.bincount(codes, minlength=k).astype(float))
    return tuple(out)


def _interval(reps: np.ndarray, ci: float) -> tuple[float, float]:
    reps = reps[np.isfinite(reps)]
    if not len(reps):
        return float("nan"), float("nan")
    alpha = (1 - ci) / 2
    lo, hi = np.quantile(reps, [alpha, 1 - alpha])
    return float(lo), float(hi)


def _check_boot(n_boot: int, ci: float, min_n: int) -> None:
    if not isinstance(n_boot, (int, np.integer)) or isinstance(n_boot, bool) or n_boot < 0:
        raise ParameterError(f"n_boot: must be a whole number >= 0, got {n_boot!r}")
    if not 0 < ci < 1:
        raise ParameterError(f"ci: must be between 0 and 1 (e.g. 0.95), got {ci!r}")
    if not isinstance(min_n, (int, np.integer)) or min_n < 1:
        raise ParameterError(f"min_n: must be a whole number >= 1, got {min_n!r}")


def _groups(df: pd.DataFrame, by: list[str]):
    if not by:
        yield (), df
        return
    for key, sub in df.groupby(by, sort=True, dropna=False, observed=True):
        yield (key if isinstance(key, tuple) else (key,)), sub


# --------------------------------------------------------------------------- intervals


def bootstrap_ci(df: pd.DataFrame, value: str, by: str | Sequence[str] | None = None, *, n_boot: int = 2000,
                 ci: float = 0.95, seed: int = 0, min_n: int = 1, cluster: str | None = None) -> pd.DataFrame:
    """Mean of ``value`` per group with a percentile bootstrap interval.

    Returns one row per group (sorted by the group columns) with the ``by`` columns,
    ``n`` (non-missing values), ``mean``, ``lo``, ``hi``. Groups with fewer than
    ``min_n`` values are left out; ``lo``/``hi`` are NaN when ``n < 2`` or
    ``n_boot == 0``.

    ``cluster`` (e.g. ``"doc_id"``) resamples whole clusters instead of rows: quotes
    from one article are not independent, and a speaker quoted five times in one
    article is one observation of the press, not five. The interval is then that of
    the pooled mean (sum over sampled clusters / their rows); an ``n_clusters`` column
    is added, and ``lo``/``hi`` are NaN with fewer than two clusters.
    """
    by = _as_list(by)
    _check(df, [value, *by, *([cluster] if cluster else [])])
    _check_boot(n_boot, ci, min_n)
    rows = []
    for key, sub in _groups(df, by):
        num = pd.to_numeric(sub[value], errors="coerce")
        keep = num.notna().to_numpy()
        vals = num.to_numpy(dtype=float)[keep]
        n = len(vals)
        if n < min_n or n == 0:
            continue
        lo = hi = float("nan")
        row = {**dict(zip(by, key)), "n": n, "mean": float(vals.mean())}
        if cluster:
            sums, sizes = _by_cluster(sub[cluster].to_numpy()[keep], vals)
            row["n_clusters"] = len(sizes)
            if n_boot and len(sizes) >= 2:
                lo, hi = _interval(_boot_stats(sums, sizes, n_boot, _rng(seed, key)), ci)
        elif n_boot and n >= 2:
            lo, hi = _interval(_boot_stats(vals, None, n_boot, _rng(seed, key)), ci)
        rows.append({**row, "lo": lo, "hi": hi})
    cols = [*by, "n", "mean", *(["n_clusters"] if cluster else []), "lo", "hi"]
    return pd.DataFrame(rows, columns=cols)


def interval_note(n_boot: int, seed: int, cluster: str | None = None) -> str:
    """How the intervals of a figure were made, for its caption."""
    if not n_boot:
        return "no intervals (n_boot 0)"
    what = "whole articles" if cluster == "doc_id" else f"whole groups of {cluster}" if cluster else "single units"
    return f"95% percentile bootstrap intervals resampling {what} ({n_boot} resamples, seed {seed})"


def add_period(df: pd.DataFrame, period: str, *, date: str = "date", column: str = "period") -> pd.DataFrame:
    """A copy of ``df`` with ``column`` = the start of the ``period`` (day, week,
    month, quarter, year) containing ``date``; rows without a date are dropped."""
    if period not in PERIODS:
        raise ParameterError(f"period: unknown value {period!r}; use one of {', '.join(PERIODS)}")
    _check(df, [date])
    out = df[df[date].notna()].copy()
    dates = pd.to_datetime(out[date])
    out[column] = dates.dt.to_period(PERIODS[period]).dt.start_time
    return out


def aggregate(df: pd.DataFrame, value: str, by: str | Sequence[str] | None = None, *, period: str | None = None,
              date: str = "date", n_boot: int = 2000, ci: float = 0.95, seed: int = 0, min_n: int = 1,
              cluster: str | None = None) -> pd.DataFrame:
    """:func:`bootstrap_ci` of ``value`` per group and, with ``period``, per time
    period (column ``period``: the period's first day)."""
    by = _as_list(by)
    if period:
        df = add_period(df, period, date=date)
        by = ["period", *by]
    return bootstrap_ci(df, value, by, n_boot=n_boot, ci=ci, seed=seed, min_n=min_n, cluster=cluster)


def rate_columns(df: pd.DataFrame, lexicons: Iterable[str] | None = None) -> list[str]:
    """The ``<lexicon>.<category>`` rate columns of a scores table (not ``.n`` counts)."""
    lex = set(lexicons) if lexicons is not None else None
    cols = []
    for c in df.columns:
        if not isinstance(c, str) or "." not in c or c.endswith(".n"):
            continue
        if not pd.api.types.is_numeric_dtype(df[c]):
            continue
        if lex is None or c.split(".", 1)[0] in lex:
            cols.append(c)
    return cols


def frame_profile(df: pd.DataFrame, categories: Sequence[str] | None = None, by: str | Sequence[str] | None = None,
                  *, tokens: str = "n_tokens", per: float = 1000.0, n_boot: int = 2000, ci: float = 0.95,
                  seed: int = 0, min_n: int = 1, cluster: str | None = None) -> pd.DataFrame:
    """Pooled rate per ``per`` tokens of each dictionary category per group.

    ``categories`` are ``<lexicon>.<category>`` rate columns of a scores table
    (default: all). The count of a unit is its ``<col>.n`` column when present, else
    ``rate * n_tokens / per``. The group rate is ``per * sum(counts) / sum(tokens)``
    (short quotes weigh less than long ones); the interval resamples units, or whole
    clusters of units with ``cluster`` (e.g. ``"doc_id"``: the sentences of one article
    are not independent).
    Returns ``by`` columns, ``lexicon``, ``category``, ``n`` (units), ``tokens``,
    ``count``, ``rate``, ``lo``, ``hi``.
    """
    by = _as_list(by)
    cats = list(categories) if categories is not None else rate_columns(df)
    _check(df, [tokens, *by, *cats, *([cluster] if cluster else [])])
    _check_boot(n_boot, ci, min_n)
    rows = []
    for key, sub in _groups(df, by):
        if len(sub) < min_n or len(sub) == 0:
            continue
        tok = pd.to_numeric(sub[tokens], errors="coerce").fillna(0).to_numpy(dtype=float)
        counts = np.empty((len(sub), len(cats)))
        for j, col in enumerate(cats):
            if f"{col}.n" in sub.columns:
                counts[:, j] = pd.to_numeric(sub[f"{col}.n"], errors="coerce").fillna(0).to_numpy(dtype=float)
            else:
                rate = pd.to_numeric(sub[col], errors="coerce").fillna(0).to_numpy(dtype=float)
                counts[:, j] = np.round(rate * tok / per, 6)
        total = tok.sum()
        lo = hi = np.full(len(cats), np.nan)
        b_counts, b_tok = counts, tok
        if cluster:
            b_tok, b_counts, _ = _by_cluster(sub[cluster].to_numpy(), tok, counts)
        if n_boot and len(b_tok) >= 2 and total and cats:
            reps = per * _boot_ratio_matrix(b_counts, b_tok, n_boot, _rng(seed, key))
            alpha = (1 - ci) / 2
            import warnings

            with warnings.catch_warnings():  # a category never resampled with tokens: NaN
                warnings.simplefilter("ignore", RuntimeWarning)
                lo, hi = np.nanquantile(reps, [alpha, 1 - alpha], axis=0)
        for j, col in enumerate(cats):
            lexicon, _, category = col.partition(".")
            rate = per * counts[:, j].sum() / total if total else float("nan")
            rows.append({**dict(zip(by, key)), "lexicon": lexicon, "category": category, "n": len(sub),
                         "tokens": int(total), "count": float(counts[:, j].sum()), "rate": rate,
                         "lo": float(lo[j]), "hi": float(hi[j])})
    return pd.DataFrame(rows, columns=[*by, "lexicon", "category", "n", "tokens", "count", "rate", "lo", "hi"])


def shares(df: pd.DataFrame, category: str, by: str | Sequence[str] | None = None, *, n_boot: int = 0,
           ci: float = 0.95, seed: int = 0, min_n: int = 1, dropna: bool = True,
           cluster: str | None = None) -> pd.DataFrame:
    """Share of each value of ``category`` within each group (e.g. cue classes per side).

    Returns ``by`` columns, ``category`` column, ``count``, ``total``, ``share`` and,
    with ``n_boot``, a bootstrap interval ``lo``/``hi`` (rows resampled in the group,
    or whole clusters of rows with ``cluster``, e.g. ``"doc_id"``).
    """
    by = _as_list(by)
    _check(df, [category, *by, *([cluster] if cluster else [])])
    _check_boot(n_boot, ci, min_n)
    data = df[df[category].notna() & (df[category].astype(str) != "")] if dropna else df
    rows = []
    for key, sub in _groups(data, by):
        total = len(sub)
        if total < min_n or total == 0:
            continue
        values = sub[category].astype(str).to_numpy()
        levels = sorted(set(values))
        for level in levels:
            hit = (values == level).astype(float)
            lo = hi = float("nan")
            if cluster:
                hits, sizes = _by_cluster(sub[cluster].to_numpy(), hit)
                if n_boot and len(sizes) >= 2:
                    lo, hi = _interval(_boot_stats(hits, sizes, n_boot, _rng(seed, (*key, level))), ci)
            elif n_boot and total >= 2:
                lo, hi = _interval(_boot_stats(hit, None, n_boot, _rng(seed, (*key, level))), ci)
            rows.append({**dict(zip(by, key)), category: level, "count": int(hit.sum()), "total": total,
                         "share": float(hit.mean()), "lo": lo, "hi": hi})
    return pd.DataFrame(rows, columns=[*by, category, "count", "total", "share", "lo", "hi"])


# --------------------------------------------------------------------------- selection


def filter_quotes(df: pd.DataFrame, *, include_speakers: Sequence[str] = (), min_quotes: int = 1,
                  date_from=None, date_to=None, group_by: str | None = None, speaker: str = "speaker",
                  date: str = "date", drop_unattributed: bool = False) -> pd.DataFrame:
    """The suite's selection: quotes by the listed speakers (all when empty), in the
    date range (inclusive; undated quotes are kept only when no range is given), and
    only groups of ``group_by`` with at least ``min_quotes`` rows."""
    out = df
    if drop_unattributed and speaker in out.columns:
        out = out[out[speaker].fillna("").astype(str) != ""]
    if include_speakers:
        _check(out, [speaker])
        wanted = {s.casefold() for s in include_speakers}
        out = out[out[speaker].fillna("").astype(str).str.casefold().isin(wanted)]
    if date_from or date_to:
        _check(out, [date])
        d = pd.to_datetime(out[date])
        keep = d.notna()
        if date_from:
            keep &= d >= pd.Timestamp(date_from)
        if date_to:
            keep &= d < pd.Timestamp(date_to) + pd.Timedelta(days=1)
        out = out[keep]
    if group_by and min_quotes > 1:
        _check(out, [group_by], "group_by")
        counts = out.groupby(group_by, dropna=False)[group_by].transform("size")
        out = out[counts >= min_quotes]
    return out.reset_index(drop=True)


def group_order(df: pd.DataFrame, column: str, *, by_size: bool = True, last: Sequence[str] = ("unknown", "")) -> list:
    """Levels of ``column`` largest first (ties by name), with ``unknown``/empty last."""
    counts = df[column].fillna("").astype(str).value_counts()
    levels = sorted(counts.index, key=lambda v: (v in last, -counts[v] if by_size else 0, v))
    return levels


# --------------------------------------------------------------------------- corpus overview


def _words(text: str) -> int:
    return len(str(text).split())


def quotes_per_document(documents: pd.DataFrame, quotes: pd.DataFrame) -> pd.DataFrame:
    """Per document: ``doc_id``, ``outlet``, ``section``, ``date``, ``words``,
    ``quotes``, ``quoted_chars``, ``chars`` (outside boilerplate) and ``share_quoted``."""
    rows = []
    qgroups = {k: g for k, g in quotes.groupby("doc_id", sort=False)} if len(quotes) else {}
    for d in documents.itertuples(index=False):
        text = d.text
        excluded = list(getattr(d, "excluded", None) or [])
        mask = np.ones(len(text), dtype=bool)
        for span in excluded:
            mask[int(span[0]) : int(span[1])] = False
        quoted = np.zeros(len(text), dtype=bool)
        q = qgroups.get(d.doc_id)
        if q is not None:
            for frags in q["fragments"]:
                for s, e in frags:
                    quoted[int(s) : int(e)] = True
        chars = int(mask.sum())
        qchars = int((quoted & mask).sum())
        rows.append({"doc_id": d.doc_id, "outlet": getattr(d, "outlet", ""), "section": getattr(d, "section", ""),
                     "date": getattr(d, "date", pd.NaT), "words": _words(text), "quotes": 0 if q is None else len(q),
                     "chars": chars, "quoted_chars": qchars, "share_quoted": qchars / chars if chars else 0.0})
    return pd.DataFrame(rows, columns=["doc_id", "outlet", "section", "date", "words", "quotes", "chars",
                                       "quoted_chars", "share_quoted"])


def corpus_summary(documents: pd.DataFrame, sentences: pd.DataFrame | None = None,
                   quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """A two-column table (``measure``, ``value``) describing a corpus: documents,
    words, outlets, sections, date range, boilerplate spans and characters removed,
    sentences, quotes, quotes per document, share of text quoted, speakers."""
    docs = documents
    excluded = [span for spans in docs.get("excluded", pd.Series([], dtype=object)) for span in (spans or [])]
    dates = pd.to_datetime(docs["date"]) if "date" in docs.columns else pd.Series([], dtype="datetime64[ns]")
    rows = [
        ("documents", len(docs)),
        ("words", int(sum(_words(t) for t in docs["text"]))),
        ("outlets", int(docs.loc[docs["outlet"].fillna("") != "", "outlet"].nunique()) if "outlet" in docs.columns else 0),
        ("sections", int(docs.loc[docs["section"].fillna("") != "", "section"].nunique()) if "section" in docs.columns else 0),
        ("first date", "" if dates.dropna().empty else str(dates.min().date())),
        ("last date", "" if dates.dropna().empty else str(dates.max().date())),
        ("undated documents", int(dates.isna().sum())),
        ("boilerplate spans removed", len(excluded)),
        ("boilerplate characters removed", int(sum(int(e) - int(s) for s, e, *_ in excluded))),
    ]
    if sentences is not None:
        rows.append(("sentences", len(sentences)))
    if quotes is not None:
        per_doc = quotes_per_document(docs, quotes)
        chars = per_doc["chars"].sum()
        attributed = quotes["speaker"].fillna("").astype(str) != "" if "speaker" in quotes.columns else pd.Series([], dtype=bool)
        rows += [
            ("quotes", len(quotes)),
            ("quotes per document", round(len(quotes) / len(docs), 3) if len(docs) else 0.0),
            ("share of text quoted", round(float(per_doc["quoted_chars"].sum() / chars), 4) if chars else 0.0),
            ("attributed quotes", int(attributed.sum())),
            ("speakers", int(quotes.loc[attributed, "speaker"].nunique()) if len(attributed) else 0),
        ]
    return pd.DataFrame({"measure": [r[0] for r in rows], "value": [str(r[1]) for r in rows]})


def is_named(speakers: pd.Series) -> pd.Series:
    """True where a speaker is a name ("Tony Blair", "KCNA", "Tories"), False where it is
    a description the text gave instead of one ("analysts", "company", "anonymous source").

    The quote rules keep names as written and descriptions in lower case (a nominal that
    resolves to a named entity takes its name), so the first letter decides.
    """
    first = speakers.fillna("").astype(str).str.extract(r"([^\W\d_])", expand=False)
    return first.fillna("").str.isupper().astype(bool)


def top_speakers(quotes: pd.DataFrame, n: int = 15, *, by: Sequence[str] = ("speaker", "side")) -> pd.DataFrame:
    """The ``n`` most quoted speakers (unattributed quotes left out): ``by`` columns
    present in ``quotes``, ``quotes``, ``documents``, ``named`` (:func:`is_named`);
    ties broken by name."""
    cols = [c for c in by if c in quotes.columns]
    q = quotes[quotes["speaker"].fillna("").astype(str) != ""]
    if q.empty:
        return pd.DataFrame(columns=[*cols, "quotes", "documents", "named"])
    t = q.groupby(cols, dropna=False).agg(quotes=("doc_id", "size"), documents=("doc_id", "nunique")).reset_index()
    t = t.sort_values(["quotes", "speaker"], ascending=[False, True], kind="stable").head(n).reset_index(drop=True)
    return t.assign(named=is_named(t["speaker"]))


def mark_unnamed(table: pd.DataFrame, column: str = "speaker", suffix: str = " (unnamed)") -> pd.DataFrame:
    """``table`` with ``suffix`` added to the speakers that are descriptions, not names
    (:func:`is_named`): "company (unnamed)" pools different companies across documents,
    and a figure should say so."""
    _check(table, [column])
    named = is_named(table[column])
    out = table.copy()
    out[column] = out[column].where(named, out[column].astype(str) + suffix)
    return out


def extreme_units(df: pd.DataFrame, value: str = "compound", n: int = 5) -> pd.DataFrame:
    """The ``n`` highest and ``n`` lowest rows by ``value`` (column ``end``:
    ``most positive`` / ``most negative``); ties broken by ``unit_id``/``quote_id``."""
    _check(df, [value])
    key = "unit_id" if "unit_id" in df.columns else ("quote_id" if "quote_id" in df.columns else None)
    sort_cols = [value] + ([key] if key else [])
    d = df[df[value].notna()]
    hi = d.sort_values(sort_cols, ascending=[False] + [True] * (len(sort_cols) - 1), kind="stable").head(n)
    lo = d.sort_values(sort_cols, ascending=True, kind="stable").head(n)
    lo = lo[~lo.index.isin(hi.index)]
    return pd.concat([hi.assign(end="most positive"), lo.assign(end="most negative")], ignore_index=True)


def category_labels(columns: Sequence[str]) -> dict:
    """Short labels for ``<lexicon>.<category>`` columns: the category alone when one
    lexicon is used, else ``lexicon: category``."""
    lexicons = {c.split(".", 1)[0] for c in columns}
    return {c: (c.split(".", 1)[1] if len(lexicons) == 1 else c.replace(".", ": ", 1)) for c in columns}


def boilerplate_spans(documents: pd.DataFrame) -> pd.DataFrame:
    """Every excluded span of every document: ``doc_id``, ``start``, ``end``,
    ``reason`` and the ``text`` left out."""
    rows = []
    for d in documents.itertuples(index=False):
        for span in (getattr(d, "excluded", None) or []):
            s, e = int(span[0]), int(span[1])
            rows.append({"doc_id": d.doc_id, "start": s, "end": e, "reason": str(span[2]) if len(span) > 2 else "",
                         "text": d.text[s:e]})
    return pd.DataFrame(rows, columns=["doc_id", "start", "end", "reason", "text"])


def descriptors(quotes: pd.DataFrame, top: int = 15) -> pd.DataFrame:
    """How speakers are introduced: ``speaker``, ``side``, ``descriptor``, ``quotes``
    (with that descriptor), for the ``top`` most quoted speakers with a descriptor."""
    cols = [c for c in ("speaker", "side") if c in quotes.columns]
    if "descriptor" not in quotes.columns:
        return pd.DataFrame(columns=[*cols, "descriptor", "quotes"])
    q = quotes[(quotes["speaker"].fillna("") != "") & (quotes["descriptor"].fillna("").astype(str) != "")]
    t = q.groupby([*cols, "descriptor"]).size().rename("quotes").reset_index()
    keep = top_speakers(q, top)["speaker"]
    t = t[t["speaker"].isin(keep)]
    return t.sort_values(["speaker", "quotes", "descriptor"], ascending=[True, False, True], kind="stable").reset_index(drop=True)


def distinctive_terms(units: pd.DataFrame, by: str, *, text: str = "text", top: int = 15,
                      min_count: int = 2) -> pd.DataFrame:
    """Words most distinctive of each group against all other groups, for plotting:
    :func:`framing.induce.distinctive_words` (weighted log-odds with an informative
    Dirichlet prior, Monroe, Colaresi & Quinn 2008) as columns ``by``, ``term``,
    ``count``, ``zscore``. Empty when there are fewer than two groups."""
    from .induce import distinctive_words

    _check(units, [by, text])
    columns = [by, "term", "count", "zscore"]
    if units[by].dropna().nunique() < 2:
        return pd.DataFrame(columns=columns)
    table = distinctive_words(units, by, text_col=text, min_count=min_count, top=top)
    table = table.rename(columns={"group": by, "z": "zscore"})
    table["zscore"] = table["zscore"].astype(float).round(6)
    return table[columns].reset_index(drop=True)


# --------------------------------------------------------------------------- validation


def tone(compound: float, threshold: float = 0.05) -> str:
    """VADER's usual reading of a compound score: negative / neutral / positive."""
    if pd.isna(compound):
        return ""
    return "positive" if compound >= threshold else ("negative" if compound <= -threshold else "neutral")


def context(doc_text: str, start: int, end: int, width: int = 200) -> str:
    """``doc_text`` around ``[start, end)`` with the span marked ``[[...]]`` and
    newlines collapsed, for a coding sheet."""
    a, b = max(0, start - width), min(len(doc_text), end + width)
    s = ("\u2026" if a else "") + doc_text[a:start] + "[[" + doc_text[start:end] + "]]" + doc_text[end:b] + ("\u2026" if b < len(doc_text) else "")
    return " ".join(s.split())


CODER_COLUMNS = ["coder_is_quote", "coder_speaker", "coder_tone", "coder_frames", "coder_notes"]


def coding_sheet(quotes: pd.DataFrame, documents: pd.DataFrame, matches: pd.DataFrame | None = None, *,
                 n: int = 50, seed: int = 0, width: int = 200) -> pd.DataFrame:
    """A seeded random sample of ``n`` quotes, each in context, with what the tool
    found (speaker, side, cue, compound, tone, dictionary matches) and empty
    ``coder_*`` columns for a human coder. ``quotes`` is a quotes table merged with
    scores (``compound`` optional). Rows are in sample order with ``item`` 1..n."""
    if n < 1:
        raise ParameterError(f"sample_size: must be >= 1, got {n!r}")
    texts = dict(zip(documents["doc_id"], documents["text"]))
    q = quotes.sort_values("quote_id", kind="stable").reset_index(drop=True)
    rng = np.random.default_rng(int(seed))
    take = rng.choice(len(q), size=min(n, len(q)), replace=False) if len(q) else np.array([], dtype=int)
    sample = q.iloc[take]
    by_unit = {}
    if matches is not None and len(matches):
        wanted = matches[matches["unit_id"].isin(set(sample["quote_id"]))]
        for uid, g in wanted.groupby("unit_id", sort=False):
            by_unit[uid] = "; ".join(f"{r.lexicon}.{r.category}:{r.match}" + (" (negated)" if getattr(r, "negated", False) else "")
                                     for r in g.sort_values("start", kind="stable").itertuples(index=False))
    rows = []
    for i, r in enumerate(sample.to_dict("records"), start=1):
        text = texts.get(r["doc_id"], "")
        comp = r.get("compound", float("nan"))
        rows.append({
            "item": i, "doc_id": r["doc_id"], "quote_id": r["quote_id"],
            "context": context(text, int(r["start"]), int(r["end"]), width) if text else "",
            "quote": r.get("text", ""), "type": r.get("type", ""),
            "tool_speaker": r.get("speaker", "") or "", "tool_side": r.get("side", "") or "",
            "tool_cue": r.get("cue", "") or "",
            "tool_compound": None if pd.isna(comp) else round(float(comp), 4),
            "tool_tone": tone(comp), "tool_matches": by_unit.get(r["quote_id"], ""),
            **{c: "" for c in CODER_COLUMNS},
        })
    cols = ["item", "doc_id", "quote_id", "context", "quote", "type", "tool_speaker", "tool_side", "tool_cue",
            "tool_compound", "tool_tone", "tool_matches", *CODER_COLUMNS]
    return pd.DataFrame(rows, columns=cols)


def load_coding_sheet(path) -> pd.DataFrame:
    """A filled-in coding sheet (CSV written by :func:`coding_sheet`), checked."""
    from .errors import InputError

    try:
        sheet = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise InputError("coding sheet not found", source=path) from None
    except (UnicodeDecodeError, pd.errors.ParserError) as err:
        raise InputError(f"cannot read the coding sheet as UTF-8 CSV ({' '.join(str(err).split())[:120]})", source=path) from None
    missing = [c for c in ["quote_id", "tool_speaker", "tool_tone", *CODER_COLUMNS[:3]] if c not in sheet.columns]
    if missing:
        raise InputError(f"column {missing[0]!r} missing; use the CSV written by 05_validation", source=path)
    return sheet


def cohen_kappa(a: Sequence, b: Sequence) -> float:
    """Cohen's kappa of two label sequences (NaN when undefined)."""
    a, b = list(map(str, a)), list(map(str, b))
    if not a or len(a) != len(b):
        return float("nan")
    labels = sorted(set(a) | set(b))
    po = float(np.mean([x == y for x, y in zip(a, b)]))
    pe = sum((a.count(lab) / len(a)) * (b.count(lab) / len(b)) for lab in labels)
    return float("nan") if pe == 1 else (po - pe) / (1 - pe)


def coding_agreement(sheet: pd.DataFrame) -> pd.DataFrame:
    """Agreement between the tool and a filled-in :func:`coding_sheet`.

    Rows a coder left blank are skipped per measure. Returns ``measure``, ``n``,
    ``agreement`` (share of items where coder and tool agree) and ``kappa`` (tone).
    """
    _check(sheet, ["tool_speaker", "tool_tone", *CODER_COLUMNS[:3]], "coding-sheet column")
    s = sheet.fillna("").astype({c: str for c in CODER_COLUMNS[:3] + ["tool_speaker", "tool_tone"]})
    rows = []
    is_q = s["coder_is_quote"].str.strip().str.lower()
    coded = is_q[is_q != ""]
    rows.append({"measure": "is a quotation (precision)", "n": len(coded),
                 "agreement": float(coded.isin(["y", "yes", "1", "true"]).mean()) if len(coded) else float("nan"),
                 "kappa": float("nan")})
    sp = s[s["coder_speaker"].str.strip() != ""]
    agree = sp["coder_speaker"].str.strip().str.casefold() == sp["tool_speaker"].str.strip().str.casefold()
    rows.append({"measure": "speaker", "n": len(sp), "agreement": float(agree.mean()) if len(sp) else float("nan"),
                 "kappa": float("nan")})
    tn = s[s["coder_tone"].str.strip() != ""]
    coder = tn["coder_tone"].str.strip().str.lower().replace({"neg": "negative", "pos": "positive", "neu": "neutral",
                                                               "-1": "negative", "0": "neutral", "1": "positive"})
    bad = sorted(set(coder) - set(TONES))
    if bad:
        raise ParameterError(f"coder_tone: unknown value {bad[0]!r}; use negative, neutral or positive")
    rows.append({"measure": "tone", "n": len(tn), "agreement": float((coder == tn["tool_tone"]).mean()) if len(tn) else float("nan"),
                 "kappa": cohen_kappa(coder, tn["tool_tone"]) if len(tn) else float("nan")})
    return pd.DataFrame(rows, columns=["measure", "n", "agreement", "kappa"])


# --------------------------------------------------------------------------- the suite's data


DOC_COLUMNS = ("title", "outlet", "section", "date", "url")


class SuiteData:
    """The tables a notebook of the suite works with (see :func:`prepare`).

    ``documents``, ``sentences``, ``matches`` as produced by the stages;
    ``quotes``: quotes with side/role, quote-unit scores and document metadata,
    selected by the parameters; ``units``: scored units of the ``unit`` parameter
    with document metadata (the quotes table when ``unit == "quote"``);
    ``errors``: bad corpus members skipped.
    """

    def __init__(self, documents, sentences, quotes, matches, units, errors):
        self.documents, self.sentences, self.quotes = documents, sentences, quotes
        self.matches, self.units, self.errors = matches, units, errors

    def __repr__(self) -> str:
        return (f"SuiteData(documents={len(self.documents)}, sentences={len(self.sentences)}, "
                f"quotes={len(self.quotes)}, matches={len(self.matches)}, units={len(self.units)})")


def report_skipped(data: "SuiteData", out_dir) -> pd.DataFrame:
    """Name the corpus members that were skipped (unreadable, binary, malformed rows):
    print them and write ``<out_dir>/corpus_errors.csv``, which ``framing run`` collects
    into its summary. Returns the errors table (empty when the corpus was complete)."""
    from pathlib import Path

    from ._io import write_table
    from .runner import CORPUS_ERRORS

    errors = data.errors
    if len(errors):
        write_table(errors, Path(out_dir) / CORPUS_ERRORS)
        print(f"{len(errors)} corpus member(s) skipped:\n{errors.to_string(index=False)}")
    return errors


def with_documents(df: pd.DataFrame, documents: pd.DataFrame, columns: Sequence[str] | None = None) -> pd.DataFrame:
    """``df`` with document metadata (title, outlet, section, date, url and every
    extra metadata column) joined on ``doc_id``; columns ``df`` has are kept."""
    skip = {"text", "source", "encoding", "excluded"}
    cols = list(columns) if columns is not None else [c for c in documents.columns if c not in skip]
    cols = [c for c in cols if c == "doc_id" or c not in df.columns]
    if "doc_id" not in cols:
        cols = ["doc_id", *cols]
    return df.merge(documents[cols], on="doc_id", how="left", validate="many_to_one")


def _analyze(p: dict):
    """Run the cached pipeline (:func:`framing.analyze`) for the parameters ``p``."""
    from .pipeline import analyze

    kwargs = {}
    if p.get("lexicons"):
        kwargs["lexicons"] = tuple(p["lexicons"])
    return analyze(p["corpus"], speakers=p.get("speakers"), progress=False, **kwargs)


def prepare(p: dict) -> SuiteData:
    """Load, analyse (cached) and select the data of one notebook run.

    ``p`` is the dict returned by :func:`framing.params.validate`. Skipped corpus
    members are named (:func:`report_skipped`, into ``p["out_dir"]``). Quotes get
    document metadata; ``include_speakers``, ``date_from``/``date_to`` and
    ``min_quotes`` (per ``group_by`` level) select rows. With ``unit`` sentence or
    document, ``units`` holds those units scored with the same lexicons.
    """
    a = _analyze(p)
    docs = a.documents
    quotes = a.quote_scores
    if "side" not in quotes.columns:
        quotes["side"] = "unknown"
    if "role" not in quotes.columns:
        quotes["role"] = ""
    quotes["side"] = quotes["side"].fillna("unknown").astype(str)
    quotes["speaker"] = quotes["speaker"].fillna("").astype(str)
    quotes = with_documents(quotes, docs)
    group_by = p.get("group_by", "side")
    quotes = filter_quotes(quotes, include_speakers=p.get("include_speakers", ()), date_from=p.get("date_from"),
                           date_to=p.get("date_to"))
    unit = p.get("unit", "quote")
    if unit == "quote":
        units = quotes
    else:
        from .units import document_units, sentence_units

        base = sentence_units(a.sentences) if unit == "sentence" else document_units(a.sentences, docs)
        scores = a.unit_scores(unit)
        if "text" not in scores.columns:
            scores = scores.merge(base[["unit_id", "text"]], on="unit_id", how="left")
        units = with_documents(scores, docs)
        units = filter_quotes(units, date_from=p.get("date_from"), date_to=p.get("date_to"))
    if group_by not in units.columns:
        skip = {"text", "fragments", "excluded", "doc_id", "unit_id", "quote_id", "unit", "cue_start", "cue_end"}
        usable = [c for c in units.columns if c not in skip and not pd.api.types.is_numeric_dtype(units[c])]
        raise ParameterError(f"group_by: {group_by!r} is not a column of the {unit} table; use one of: "
                             f"{', '.join(map(str, usable))}")
    units = filter_quotes(units, min_quotes=p.get("min_quotes", 1), group_by=group_by)
    if unit == "quote":
        quotes = units
    errors = getattr(a, "errors", None)
    if errors is None:
        errors = pd.DataFrame(columns=["source", "reason"])
    data = SuiteData(docs, a.sentences, quotes, a.matches, units, errors)
    if p.get("out_dir"):
        report_skipped(data, p["out_dir"])
    return data
