"""Words that distinguish groups: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' words", section 3.5. For a term w and a
group i against all other texts (j):

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w)) - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
    var_w  ~= 1 / (y_iw + a_w) + 1 / (y_jw + a_w)          z_w = delta_w / sqrt(var_w)

where y are term counts, n total counts and a_w the prior pseudo-counts (a_0 their
sum). The default prior (``prior="corpus"``) is the term's count over all texts, as
in the paper's informative prior; a number gives a flat prior of that many
pseudo-counts per term; a mapping term -> count uses a background corpus.

- :func:`induce_lexicon` turns texts coded by hand (one label each) into a weighted
  dictionary (term, category, weight = z), the start of a frame dictionary that a
  team then edits (``framing lexicon induce``).
- :func:`distinctive_words` compares speakers, sides or outlets: per group, the
  terms it uses more than the others, with counts, log-odds and z.

Tokens are the dictionary tokenizer's (:func:`framing.matching.tokenize`), lower
case; numbers and (by default) English function words are left out.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from .errors import ParameterError

STOPWORDS = frozenset("""
a about above after again against all also am an and any are aren't as at be because been before being
below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't down
during each few for from further had hadn't has hasn't have haven't having he he'd he'll he's her here
here's hers herself him himself his how how's i i'd i'll i'm i've if in into is isn't it it's its itself
let's me more most mustn't my myself no nor not of off on once only or other ought our ours ourselves out
over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their
theirs them themselves then there there's these they they'd they'll they're they've this those through
to too under until up very was wasn't we we'd we'll we're we've were weren't what what's when when's
where where's which while who who's whom why why's will with won't would wouldn't you you'd you'll you're
you've your yours yourself yourselves s t said says say mr mrs ms also just one two would could may
might must us its it's
""".split())

TABLE_COLUMNS = ["group", "term", "count", "count_other", "log_odds", "z"]


def _terms(text: str, ngrams: int, stopwords: frozenset) -> list[str]:
    from .matching import tokenize

    toks = tokenize(text if isinstance(text, str) else "")
    keep = [t for t in toks if not t.isdigit()]
    out = [t for t in keep if t not in stopwords]
    if ngrams >= 2:
        out += [f"{a} {b}" for a, b in zip(keep, keep[1:]) if a not in stopwords and b not in stopwords]
    return out


def _stopwords(stopwords) -> frozenset:
    if stopwords in (None, False):
        return frozenset()
    if stopwords == "english":
        return STOPWORDS
    if isinstance(stopwords, str):
        raise ParameterError(f"unknown stop-word list {stopwords!r}; use 'english', None or a list of words")
    return frozenset(w.lower() for w in stopwords)


def _count_matrix(texts: Sequence[str], groups: Sequence, *, ngrams: int, stopwords) -> tuple[list, list, np.ndarray]:
    """(group names, vocabulary, counts[group, term])."""
    stop = _stopwords(stopwords)
    per_group: dict = {}
    for text, group in zip(texts, groups):
        per_group.setdefault(group, Counter()).update(_terms(text, ngrams, stop))
    names = list(per_group)
    total = Counter()
    for c in per_group.values():
        total.update(c)
    vocab = sorted(total)
    index = {t: k for k, t in enumerate(vocab)}
    counts = np.zeros((len(names), len(vocab)), dtype=float)
    for g, name in enumerate(names):
        for t, n in per_group[name].items():
            counts[g, index[t]] = n
    return names, vocab, counts


def _prior(prior, vocab: list[str], counts: np.ndarray) -> np.ndarray:
    if isinstance(prior, str):
        if prior != "corpus":
            raise ParameterError(f"unknown prior {prior!r}; use 'corpus', a number, or a mapping term -> count")
        return counts.sum(axis=0)
    if isinstance(prior, (int, float)):
        if prior <= 0:
            raise ParameterError(f"a flat prior needs a positive pseudo-count, not {prior}")
        return np.full(len(vocab), float(prior))
    if isinstance(prior, Mapping) or isinstance(prior, pd.Series):
        background = pd.Series(prior, dtype=float)
        a = background.reindex(vocab).fillna(0.0).to_numpy()
        floor = max(a[a > 0].min() if (a > 0).any() else 1.0, 1e-3) * 0.5
        return np.where(a > 0, a, floor)
    raise ParameterError("prior must be 'corpus', a number, or a mapping term -> count")


def log_odds(counts: np.ndarray, prior: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(delta, z) of each group (row) against all other rows, per term (column)."""
    a = prior[None, :]
    a0 = prior.sum()
    y_i = counts
    y_j = counts.sum(axis=0)[None, :] - counts
    n_i = y_i.sum(axis=1, keepdims=True)
    n_j = y_j.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log(y_i + a) - np.log(n_i + a0 - y_i - a)) - (np.log(y_j + a) - np.log(n_j + a0 - y_j - a))
        var = 1.0 / (y_i + a) + 1.0 / (y_j + a)
        z = delta / np.sqrt(var)
    return delta, z


def distinctive_words(units: pd.DataFrame, group_col: str, *, text_col: str = "text", min_count: int = 5,
                      top: int | None = 20, prior="corpus", ngrams: int = 1, stopwords="english") -> pd.DataFrame:
    """Per group, the terms it uses more than all other groups, most distinctive first.

    Returns ``group``, ``term``, ``count`` (in the group), ``count_other`` (in the
    other groups), ``log_odds`` (delta) and ``z``, ``top`` rows per group (all when
    None) with ``z > 0`` and at least ``min_count`` uses overall. Rows with a missing
    group are left out. Sort by ``z`` within a group; ``|z| > 1.96`` is the usual cut.
    """
    for col in (group_col, text_col):
        if col not in units.columns:
            raise ParameterError(f"no column {col!r}; columns are {', '.join(map(str, units.columns))}")
    df = units[units[group_col].notna()]
    if df[group_col].nunique() < 2:
        raise ParameterError(f"column {group_col!r} needs at least two groups to compare")
    names, vocab, counts = _count_matrix(df[text_col].tolist(), df[group_col].tolist(), ngrams=ngrams,
                                         stopwords=stopwords)
    return _table(names, vocab, counts, prior=prior, min_count=min_count, top=top)


def _table(names, vocab, counts, *, prior, min_count: int, top: int | None, min_z: float = 0.0) -> pd.DataFrame:
    total = counts.sum(axis=0)
    keep = total >= min_count
    vocab = [t for t, k in zip(vocab, keep) if k]
    counts = counts[:, keep]
    if not vocab:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    a = _prior(prior, vocab, counts)
    delta, z = log_odds(counts, a)
    rows = []
    total = counts.sum(axis=0)
    for g, name in enumerate(names):
        order = np.argsort(-z[g], kind="stable")
        taken = 0
        for k in order:
            if not z[g, k] > min_z or (top is not None and taken >= top):
                break
            rows.append((name, vocab[k], int(counts[g, k]), int(total[k] - counts[g, k]), float(delta[g, k]),
                         float(z[g, k])))
            taken += 1
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def induce_lexicon(texts: Iterable[str], labels: Iterable, *, top: int = 30, prior="corpus", min_count: int = 3,
                   min_z: float = 1.96, ngrams: int = 1, stopwords="english") -> pd.DataFrame:
    """A dictionary from hand-coded texts: the top terms of each label by weighted log-odds.

    ``texts`` and ``labels`` align (one label per text; missing labels are left out).
    Returns ``term``, ``category`` (the label), ``weight`` (the z-score), plus
    ``count`` and ``log_odds``: up to ``top`` terms per label with ``z > min_z`` and
    at least ``min_count`` uses overall. ``ngrams=2`` adds two-word phrases. Save it
    with ``framing.Lexicon(name, entries).write("lex.yaml")`` and edit it by hand.
    """
    texts = list(texts)
    labels = list(labels)
    if len(texts) != len(labels):
        raise ParameterError(f"{len(texts)} texts but {len(labels)} labels; give one label per text")
    pairs = [(t, str(lab)) for t, lab in zip(texts, labels) if lab is not None and lab == lab and str(lab) != ""]
    if len({lab for _, lab in pairs}) < 2:
        raise ParameterError("induction needs texts coded with at least two different labels")
    names, vocab, counts = _count_matrix([t for t, _ in pairs], [lab for _, lab in pairs], ngrams=ngrams,
                                         stopwords=stopwords)
    table = _table(names, vocab, counts, prior=prior, min_count=min_count, top=top, min_z=min_z)
    out = pd.DataFrame({"term": table["term"], "category": table["group"].astype(str),
                        "weight": table["z"].round(3), "count": table["count"], "log_odds": table["log_odds"]})
    return out.reset_index(drop=True)
