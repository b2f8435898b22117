"""Lexicon induction and distinctive words by weighted log-odds (Monroe, Colaresi & Quinn 2008)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import framing
from framing.errors import ParameterError
from framing.induce import log_odds

CODED = Path(__file__).parent / "fixtures" / "lexicons" / "coded.csv"
PLANTED = {"economic": {"tariffs", "wages", "budget"}, "security": {"missile", "troops", "border"},
           "health": {"hospital", "vaccine", "nurses"}}


def test_log_odds_by_hand():
    counts = np.array([[3.0, 1.0], [1.0, 3.0]])
    prior = np.array([1.0, 1.0])
    delta, z = log_odds(counts, prior)
    # group 0, term 0: y_i=3, y_j=1, n_i=n_j=4, a=1, a0=2
    d = math.log(4 / (4 + 2 - 3 - 1)) - math.log(2 / (4 + 2 - 1 - 1))
    assert delta[0, 0] == pytest.approx(d)
    assert z[0, 0] == pytest.approx(d / math.sqrt(1 / 4 + 1 / 2))
    assert delta[1, 0] == pytest.approx(-d)


def test_induction_recovers_the_planted_terms():
    coded = pd.read_csv(CODED)
    lex = framing.induce_lexicon(coded["text"], coded["frame"], top=5, min_count=2)
    assert list(lex.columns[:3]) == ["term", "category", "weight"]
    got = lex.groupby("category")["term"].apply(set).to_dict()
    assert got == PLANTED
    assert (lex["weight"] > 1.96).all()
    flat = framing.induce_lexicon(coded["text"], coded["frame"], top=3, min_count=2, prior=0.5, min_z=0)
    assert flat.groupby("category")["term"].apply(set).to_dict() == PLANTED


def test_induction_needs_two_labels():
    with pytest.raises(ParameterError):
        framing.induce_lexicon(["a b c", "d e f"], ["x", "x"])
    with pytest.raises(ParameterError):
        framing.induce_lexicon(["a b c"], ["x", "y"])


def test_distinctive_words_between_sides():
    quotes = pd.DataFrame({
        "side": ["us"] * 4 + ["dprk"] * 4 + [None],
        "text": ["denuclearization progress talks", "progress on denuclearization", "productive talks progress",
                 "denuclearization commitments", "gangster-like demands", "unilateral gangster-like demands",
                 "rapacious demands of the US", "demands were regrettable", "ignored row"]})
    table = framing.distinctive_words(quotes, "side", min_count=2, top=3)
    assert list(table.columns) == ["group", "term", "count", "count_other", "log_odds", "z"]
    top = table.groupby("group")["term"].first().to_dict()
    assert top == {"us": "progress", "dprk": "demands"} or top == {"us": "denuclearization", "dprk": "demands"}
    us = table[table["group"] == "us"].set_index("term")
    assert us.loc["progress", "count"] == 3 and us.loc["progress", "count_other"] == 0
    assert (table["z"] > 0).all()
    assert "row" not in set(table["term"])  # its group is missing
    with pytest.raises(ParameterError):
        framing.distinctive_words(quotes, "speaker")
