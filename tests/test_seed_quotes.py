"""The seed article against its reference annotation (tests/fixtures/seed_quotes.json).

The fixture restates ../shared/gold/seed_quotes.json in the tests' own form: offsets of
every annotated quote in data/000_a750b09d9d126d2a.txt, its type, canonical speaker
("" = unattributed), whether any competent extractor must find it (``required``), the
entities with sides and aliases, and the three "More news:" boilerplate lines.

A gold quote is found when a predicted quote's fragments overlap it with a character
Dice >= 0.5 (the evaluation's rule), or, for a gold ``mixed`` quote, when a predicted
quote covers the quoted words (our mixed quotes span the whole reported clause). Its
speaker is right when, after applying data/speakers.yaml, the name maps to the gold
entity, or, for names the table does not know, the name shares a non-title word with
the entity's name or aliases.
"""

from __future__ import annotations

import json
import re
import subprocess
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "seed_quotes.json").read_text(encoding="utf-8"))
ARTICLE = ROOT / FIXTURE["article"]
SPEAKERS = ROOT / "data" / "speakers.yaml"
GOLD = FIXTURE["quotes"]
REQUIRED = [g for g in GOLD if g["required"]]
TITLES = {"mr", "mrs", "ms", "dr", "president", "secretary", "of", "state", "us", "the", "a", "an", "minister"}


def gold_id(g: dict) -> str:
    return " ".join(g["text"].split()[:4])


@lru_cache(maxsize=1)
def _pipeline():
    import framing

    docs = framing.load_corpus(ARTICLE)
    quotes = framing.extract_quotes(docs)
    applied = framing.apply_speakers(quotes, framing.load_speakers(SPEAKERS))
    return docs, quotes, applied


@pytest.fixture(scope="module")
def seed():
    pytest.importorskip("framing.quotes")
    pytest.importorskip("framing.corpus")
    return _pipeline()


def chars(fragments) -> set[int]:
    out: set[int] = set()
    for s, e in fragments:
        out.update(range(int(s), int(e)))
    return out


def dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0


def best_match(g: dict, quotes: pd.DataFrame) -> tuple[float, dict | None]:
    """The predicted quote overlapping gold quote ``g`` most (score 1.0 when it covers a mixed quote)."""
    gold = set(range(g["start"], g["end"]))
    best, best_q = 0.0, None
    for q in quotes.to_dict("records"):
        pred = chars(q["fragments"])
        score = dice(gold, pred)
        if g["type"] in ("mixed", "partial") and gold <= pred and score < 0.5:
            score = 0.5
        if score > best:
            best, best_q = score, q
    return best, best_q


def name_tokens(name: str) -> set[str]:
    return {t for t in re.findall(r"[a-z]+", name.casefold().replace(".", "")) if t not in TITLES}


def speaker_ok(q: dict, g: dict) -> bool:
    if g["speaker"] == "":
        return q["speaker"] == ""
    if q.get("table_match"):
        return q["speaker"] == g["speaker"]
    entity = FIXTURE["entities"][g["speaker"]]
    gold_tokens = set().union(*(name_tokens(n) for n in [g["speaker"], *entity["aliases"]]))
    return bool(name_tokens(q["speaker_found"] or "") & gold_tokens)


def listing(quotes: pd.DataFrame) -> str:
    return "\n".join(f"{q['start']:>5} {q['type']:<8} {q['speaker']!r:<30} {q['text'][:70]!r}"
                     for q in quotes.to_dict("records")) or "(no quotes)"


# ------------------------------------------------------------------ the fixture itself


def test_fixture_offsets_index_the_seed_article():
    text = ARTICLE.read_text(encoding="utf-8")
    for g in GOLD:
        assert text[g["start"]:g["end"]] == g["text"]
    for s, e in FIXTURE["boilerplate_spans"]:
        assert text[s:e].startswith("More news:")
    assert len(REQUIRED) == 16
    assert sum(g["speaker"] == "" for g in REQUIRED) == 1


def test_loader_keeps_the_text_exactly(seed):
    docs, _, _ = seed
    assert len(docs) == 1 and docs.loc[0, "text"] == ARTICLE.read_text(encoding="utf-8")


# ------------------------------------------------------------------ recall and speakers


@pytest.mark.parametrize("g", REQUIRED, ids=[gold_id(g) for g in REQUIRED])
def test_required_quote_found_with_its_speaker(seed, g):
    _, _, applied = seed
    score, q = best_match(g, applied)
    assert score >= 0.5, f"not found: {g['text']!r}\npredicted:\n{listing(applied)}"
    assert speaker_ok(q, g), (
        f"{g['text'][:50]!r}: speaker {q['speaker']!r} (found {q['speaker_found']!r} via {q['speaker_how']!r}), "
        f"expected {g['speaker'] or 'unattributed'!r}"
    )


def test_unattributed_quote_is_reported_unattributed(seed):
    _, quotes, applied = seed
    g = next(g for g in GOLD if g["text"].startswith("So, thinking about those discussions"))
    score, q = best_match(g, quotes)
    assert score >= 0.5, listing(quotes)
    assert q["speaker"] == "" and q["speaker_how"] == ""
    assert applied.loc[applied["quote_id"] == q["quote_id"], "side"].item() == "unknown"


def test_mr_kim_is_not_kim_jong_un(seed):
    _, quotes, applied = seed
    g = next(g for g in GOLD if g["text"].startswith("We did have very serious discussion"))
    score, q = best_match(g, applied)
    assert score >= 0.5, listing(applied)
    assert q["speaker"] != "Kim Jong Un" and "jong" not in q["speaker_found"].casefold()
    assert q["speaker"] in ("Kim Yong Chol", "Mr Kim", "Kim")
    # nor does any other quote of the article give Kim Jong Un's words to Mr Kim
    assert not (applied["speaker_found"].str.casefold().str.contains("jong")
                & applied["mention"].str.contains("Mr Kim", regex=False)).any()


def test_sides_from_the_speaker_table(seed):
    _, _, applied = seed
    for g in REQUIRED:
        score, q = best_match(g, applied)
        if score < 0.5 or not speaker_ok(q, g) or not q["table_match"]:
            continue
        assert q["side"] == FIXTURE["entities"][g["speaker"]]["side"], (g["text"][:40], q["speaker"])
    by_speaker = applied[applied["table_match"] != ""].groupby("speaker")["side"].first().to_dict()
    assert by_speaker.get("Mike Pompeo", "US") == "US"
    assert set(applied.loc[applied["speaker"] == "", "side"]) <= {"unknown"}
    # at least the main speakers are mapped onto the table
    assert {"Mike Pompeo", "Heather Nauert"} <= set(by_speaker), listing(applied)


# ------------------------------------------------------------------ precision


def test_boilerplate_lines_produce_no_quote(seed):
    _, quotes, _ = seed
    for s, e in FIXTURE["boilerplate_spans"]:
        span = set(range(s, e))
        assert not any(chars(q["fragments"]) & span for q in quotes.to_dict("records")), listing(quotes)


def test_every_predicted_quote_is_in_the_reference(seed):
    _, quotes, _ = seed
    gold_spans = [(set(range(g["start"], g["end"])), g["type"]) for g in GOLD]
    extra = []
    for q in quotes.to_dict("records"):
        pred = chars(q["fragments"])
        if not any(dice(span, pred) >= 0.5 or (kind in ("mixed", "partial") and span <= pred)
                   for span, kind in gold_spans):
            extra.append(q)
    assert not extra, "quotes not in the reference annotation:\n" + listing(pd.DataFrame(extra))


def test_paragraph_and_sentence_indices_agree_with_segment(seed):
    import framing

    docs, quotes, _ = seed
    paras = framing.paragraphs(docs).set_index("paragraph")
    sents = framing.segment(docs).set_index("sentence")
    for q in quotes.to_dict("records"):
        p = paras.loc[int(q["paragraph"])]
        assert p["start"] <= q["start"] < p["end"], (q["text"][:40], q["paragraph"])
        sent = sents.loc[int(q["sentence"])]
        assert sent["paragraph"] == q["paragraph"]
        assert sent["start"] <= q["start"] < sent["end"] or q["start"] < sent["start"] < q["end"], (q["text"][:40], q["sentence"])


# ------------------------------------------------------------------ the CLI on the seed


@pytest.fixture
def cli(capsys):
    """Run ``framing ARGS`` in this process; returns (exit code, stdout, stderr)."""
    from framing.cli import main

    def call(*args: str) -> subprocess.CompletedProcess:
        capsys.readouterr()
        code = main(list(args))
        out = capsys.readouterr()
        return subprocess.CompletedProcess(args, code, out.out, out.err)

    return call


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_cli_quotes_writes_tables(seed, cli, tmp_path, suffix):
    out = tmp_path / f"quotes{suffix}"
    res = cli("quotes", str(ARTICLE), "--speakers", str(SPEAKERS), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert "quotes in 1 document" in res.stderr
    _, _, applied = seed
    if suffix == ".csv":
        table = pd.read_csv(out, keep_default_na=False)
        fragments = [json.loads(f) for f in table["fragments"]]
    elif suffix == ".jsonl":
        table = pd.read_json(out, lines=True)
        fragments = list(table["fragments"])
    else:
        table = pd.read_parquet(out)
        fragments = [[list(map(int, f)) for f in frags] for frags in table["fragments"]]
    assert len(table) == len(applied)
    assert [[list(map(int, f)) for f in frags] for frags in fragments] == \
        [[list(map(int, f)) for f in frags] for frags in applied["fragments"]]
    assert list(table["quote_id"]) == list(applied["quote_id"])
    assert {"side", "role", "speaker_found"} <= set(table.columns)


def test_cli_quotes_listing_and_errors(seed, cli, tmp_path):
    res = cli("quotes", str(ARTICLE), "--width", "40")
    assert res.returncode == 0, res.stderr
    assert res.stdout.startswith("000_a750b09d9d126d2a")
    assert "(unattributed)" in res.stdout
    assert max(len(line) for line in res.stdout.splitlines()) < 140
    bad = tmp_path / "bad.yaml"
    bad.write_text("Mike Pompeo:\n  aliases: [Pompeo\n", encoding="utf-8")
    res = cli("quotes", str(ARTICLE), "--speakers", str(bad))
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert f"{bad}:" in res.stderr and len(res.stderr.strip().splitlines()) == 1
    res = cli("quotes", str(ARTICLE), "-o", str(tmp_path / "q.xlsx"))
    assert res.returncode == 2 and not (tmp_path / "q.xlsx").exists()


def test_cli_speakers_draft_round_trip(seed, cli, tmp_path):
    import framing

    out = tmp_path / "speakers.yaml"
    res = cli("speakers", str(ARTICLE), "-o", str(out))
    assert res.returncode == 0, res.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Speaker table drafted by `framing speakers` from ")
    table = framing.load_speakers(out)
    _, quotes, _ = seed
    named = set(quotes.loc[quotes["speaker"] != "", "speaker"])
    assert set(table["speaker"]) <= named and len(table) >= 1
    assert set(table["side"]) == {"unknown"}
    # extending the seed table keeps every researcher entry and its side
    res = cli("speakers", str(ARTICLE), "--speakers", str(SPEAKERS), "-o", str(tmp_path / "v2.csv"))
    assert res.returncode == 0, res.stderr
    v2 = framing.load_speakers(tmp_path / "v2.csv")
    seed_table = framing.load_speakers(SPEAKERS)
    assert set(seed_table["speaker"]) <= set(v2["speaker"])
    sides = dict(zip(v2["speaker"], v2["side"]))
    assert all(sides[s] == side for s, side in zip(seed_table["speaker"], seed_table["side"]))
