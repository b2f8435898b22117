"""Scores per unit: VADER sentiment plus dictionary rates, in one tidy table.

:func:`score_units` gives one row per unit (quote, sentence or document) with
``doc_id``, ``unit_id``, ``unit``, ``n_tokens`` (the dictionary tokenizer's count,
the denominator of every rate), ``neg``, ``neu``, ``pos``, ``compound`` (from
:class:`framing.sentiment.VaderScorer`; a document's sentiment aggregates its
sentences) and ``<lexicon>.<category>``: the category's weighted matches per 1,000
tokens (see :mod:`framing.matching` for tokens, matching and negation rules).
:func:`score_and_match` also returns the match table from the same pass, so each
score can be traced to the words that produced it.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from .errors import ParameterError

SENTIMENT_COLUMNS = ["neg", "neu", "pos", "compound"]
ID_COLUMNS = ["doc_id", "unit_id", "unit"]


def _sentiment(units: pd.DataFrame, variant) -> pd.DataFrame | None:
    if variant is None or variant is False or (isinstance(variant, str) and variant == "none"):
        return None
    if hasattr(variant, "score_units"):  # a configured scorer (keeps its cache across calls)
        return variant.score_units(units)
    from .sentiment import VARIANTS, VaderScorer

    if variant not in VARIANTS:
        raise ParameterError(f"unknown sentiment variant {variant!r}; choose one of {', '.join(VARIANTS)} or 'none'")
    return VaderScorer(variant).score_units(units)


def score_and_match(units: pd.DataFrame, *, lexicons: Sequence = ("news_frames",), sentiment: str | None = "reference",
                    counts: bool = False, matcher=None, reuse_sentences: bool = False,
                    **matcher_options) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(scores, matches)`` for a units table; see :func:`score_units` for the arguments.

    ``reuse_sentences=True``: a document unit made of the table's sentence units gets
    its rates summed from theirs (exactly the values of a scan) and no match rows of
    its own (they would repeat its sentences' rows); see
    :meth:`framing.DictionaryMatcher.match_and_rate`.
    """
    from .matching import MATCH_COLUMNS, DictionaryMatcher, _as_units

    units = _as_units(units)
    if "unit" not in units.columns:
        units = units.assign(unit="unit")
    if matcher is None and lexicons:
        matcher = DictionaryMatcher(lexicons, **matcher_options)
    if matcher is not None:
        matches, rates = (matcher.match_and_rate(units, counts=counts, reuse_sentences=True) if reuse_sentences
                          else matcher.match_and_rate(units, counts=counts))
    else:
        from .matching import tokenize

        matches = pd.DataFrame(columns=MATCH_COLUMNS)
        rates = units[[c for c in ID_COLUMNS if c in units.columns]].copy()
        rates["n_tokens"] = [len(tokenize(t if isinstance(t, str) else "")) for t in units["text"]]
    rates = rates.reset_index(drop=True)
    senti = _sentiment(units, sentiment)
    if senti is not None:
        senti = senti.reset_index(drop=True)
        for pos, col in enumerate(SENTIMENT_COLUMNS):
            rates.insert(rates.columns.get_loc("n_tokens") + 1 + pos, col, senti[col].to_numpy())
    return rates, matches


def score_units(units: pd.DataFrame, *, lexicons: Sequence = ("news_frames",), sentiment: str | None = "reference",
                counts: bool = False, matcher=None, **matcher_options) -> pd.DataFrame:
    """One row per unit: ids, ``n_tokens``, VADER ``neg neu pos compound`` and dictionary rates.

    ``lexicons``: built-in names, dictionary paths or :class:`framing.Lexicon` objects
    (empty for sentiment only). ``sentiment``: ``"reference"`` (the original VADER,
    exactly), ``"news"`` (with news vocabulary), ``"none"``, or a configured
    :class:`framing.sentiment.VaderScorer` (reused across calls, it keeps its cache of
    scored texts). ``counts=True`` adds ``<lexicon>.<category>.n`` and ``.negated``
    match counts. Further keyword
    arguments (``negation_window``, ``case_sensitive``, ``count_negated``) go to
    :class:`framing.DictionaryMatcher`; or pass a configured ``matcher``.
    """
    return score_and_match(units, lexicons=lexicons, sentiment=sentiment, counts=counts, matcher=matcher,
                           **matcher_options)[0]


def aggregate_rates(rates: pd.DataFrame, by: str | Sequence[str] = "doc_id") -> pd.DataFrame:
    """Rates of larger units from smaller ones, e.g. documents from their sentences' rates.

    Each ``<lexicon>.<category>`` column becomes 1,000 x (sum of the weighted matches) /
    (sum of ``n_tokens``) over the group, which equals scoring the concatenated
    sentences (phrases never span two sentences; negation windows stop at sentence
    ends), at no second pass over the text. ``.n`` and ``.negated`` count columns are
    summed. Sentiment columns are left out: use ``framing.sentiment.aggregate_sentences``.
    """
    keys = [by] if isinstance(by, str) else list(by)
    skip = set(keys) | set(ID_COLUMNS) | set(SENTIMENT_COLUMNS) | {"n_tokens", "n_units"}
    rate_cols = [c for c in rates.columns if c not in skip and not str(c).endswith((".n", ".negated"))
                 and pd.api.types.is_numeric_dtype(rates[c])]
    count_cols = [c for c in rates.columns if str(c).endswith((".n", ".negated"))]
    n = rates["n_tokens"].astype(float)
    tmp = rates[keys].copy()
    tmp["n_tokens"] = rates["n_tokens"]
    for c in rate_cols:
        tmp[c] = rates[c].fillna(0.0) * n / 1000.0
    for c in count_cols:
        tmp[c] = rates[c]
    out = tmp.groupby(keys, sort=False, dropna=False).sum().reset_index()
    total = out["n_tokens"].astype(float)
    for c in rate_cols:
        out[c] = (out[c] * 1000.0 / total).where(total > 0)
    if keys == ["doc_id"]:
        out.insert(1, "unit_id", out["doc_id"])
        out.insert(2, "unit", "document")
    order = [c for c in out.columns if c not in rate_cols and c not in count_cols]
    for c in rate_cols:
        order.append(c)
        order += [x for x in (f"{c}.n", f"{c}.negated") if x in out.columns]
    return out[order]
