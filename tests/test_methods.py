"""`framing methods`: a methods paragraph whose numbers come from the store of the run."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "000_a750b09d9d126d2a.txt"
SPEAKERS = ROOT / "data" / "speakers.yaml"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    out = tmp_path_factory.mktemp("m") / "store"
    assert main(["process", str(SEED), "-o", str(out), "--lexicon", "news_frames", "--speakers", str(SPEAKERS),
                 "--jobs", "1"]) == 0
    return out


def test_numbers_are_the_store_numbers(store):
    from framing import methods_text, open_store

    t = open_store(store)
    text = methods_text(store)
    q = t.quotes
    n_tokens = int(t.scores.loc[t.scores["unit"] == "document", "n_tokens"].sum())
    assert f"We analysed 1 news article ({n_tokens:,} tokens)" in text
    counts = ", ".join(f"{int((q['type'] == k).sum()):,} {k}" for k in ("direct", "mixed", "partial", "indirect"))
    assert f"It found {len(q):,} quotations ({counts})" in text
    share = 100 * (q["speaker"] != "").mean()
    assert f"{share:.1f}% were attributed to one of {q.loc[q['speaker'] != '', 'speaker'].nunique()} speakers" in text
    assert "`speakers.yaml`" in text  # the speaker table of the run
    assert "`news_frames` (built-in, version 1.0: 5 categories" in text
    assert "vaderSentiment 3.3.2" in text
    assert t.manifest["code_version"] in text
    assert "Semetko, H. A., & Valkenburg" in text and "Hutto, C. J., & Gilbert" in text
    assert "Boydstun" not in text  # policy_frames was not used: not cited


def test_cli_writes_the_file_and_bad_store_is_one_line(store, tmp_path, capsys):
    out = tmp_path / "methods.md"
    assert main(["methods", str(store), "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## Methods")
    assert re.search(r"F1 0\.\d{3} \(character overlap, Dice >= 0\.5\)", text)
    capsys.readouterr()
    assert main(["methods", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope" in err[0] and "no such store folder" in err[0]
