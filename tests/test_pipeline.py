"""The cached pipeline: store round trip, cache hits and misses, jobs, resume, errors."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from framing.cli import main
from framing.pipeline import TABLES, analyze, open_store, process
from framing.pipeline.cache import code_version

SPEAKERS = ["Anna Berg", "Tom Okafor", "Lena Fischer", "Raj Patel"]
TOPICS = [
    ("tax", "The new tax plan will cost jobs and hurt the economy"),
    ("war", "This war is a threat to every family in the region"),
    ("health", "Hospitals need more money, not more promises"),
    ("trade", "The trade deal is good news for farmers and exporters"),
]


def article(i: int) -> str:
    """A small synthetic news article with attributed quotations."""
    topic, claim = TOPICS[i % len(TOPICS)]
    a, b = SPEAKERS[i % 4], SPEAKERS[(i + 1) % 4]
    return (
        f"Debate over {topic} heats up in parliament {i}\n\n"
        f"Lawmakers argued for hours on Tuesday about the {topic} question, number {i}.\n\n"
        f'"{claim}," said {a}, the opposition spokesperson.\n\n'
        f'{b} disagreed. "We have a plan and it is working," {b.split()[1]} told reporters. '
        f"Critics said the government had failed to explain the costs of the war on prices.\n\n"
        f"The vote is expected next week, officials said.\n"
    )


def write_corpus(folder: Path, n: int, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        section = folder / ("politics" if i % 2 else "world")
        section.mkdir(exist_ok=True)
        (section / f"{i:03d}.txt").write_text(article(i), encoding="utf-8")
    return folder


LEXICON = """\
economy: [economy, jobs, cost*, prices, tax]
conflict: [war, threat*, attack*]
"""
LEXICON_CHANGED = """\
economy: [economy, jobs, cost*, prices, tax, money]
conflict: [war, threat*, attack*, failed]
"""
SPEAKER_TABLE = """\
Anna Berg:
  aliases: [Berg]
  side: opposition
  role: spokesperson
Tom Okafor:
  aliases: [Okafor]
  side: government
  role: minister
"""


@pytest.fixture()
def corpus(tmp_path):
    return write_corpus(tmp_path / "corpus", 12)


@pytest.fixture()
def lexicon(tmp_path):
    path = tmp_path / "frames.yaml"
    path.write_text(LEXICON, encoding="utf-8")
    return path


def file_hashes(store: Path) -> dict[str, str]:
    return {t: hashlib.sha256((store / f"{t}.parquet").read_bytes()).hexdigest() for t in TABLES}


def test_store_round_trip_matches_analyze(corpus, lexicon, tmp_path):
    from framing.corpus import load_corpus

    boiler = corpus / "world" / "002.txt"
    boiler.write_text(article(2) + "\nShare this: Facebook Twitter Email\n\nMore news: http://example.org/a\n",
                      encoding="utf-8")
    store = tmp_path / "store"
    run = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert run.n_documents == 12 and not run.errors
    assert len(run.chunks) == 3
    tables = open_store(store)
    # the documents come back exactly as loaded: dtypes, dates, excluded spans [start, end, reason]
    loaded = load_corpus(corpus)
    pd.testing.assert_frame_equal(tables.documents, loaded)
    spans = tables.documents.set_index("doc_id").loc["world/002.txt", "excluded"]
    assert spans and all(isinstance(s, list) and isinstance(s[2], str) for s in spans)
    direct = analyze(corpus, lexicons=[lexicon], cache=False, chunk_size=7)
    for name, df in tables.items():
        pd.testing.assert_frame_equal(df, getattr(direct, name), obj=name)
    docs = tables.documents
    assert docs["doc_id"].tolist() == sorted(docs["doc_id"])  # corpus order, not completion order
    assert docs["doc_id"].iloc[0] == "politics/001.txt" or docs["doc_id"].iloc[0].endswith("000.txt")
    # every table is keyed back to the documents; offsets index the text
    texts = dict(zip(docs["doc_id"], docs["text"]))
    s = tables.sentences
    assert all(texts[d][a:b] == t for d, a, b, t in zip(s["doc_id"], s["start"], s["end"], s["text"]))
    m = tables.matches
    assert len(m) > 0 and set(m["lexicon"]) == {"frames"}
    assert all(texts[d][a:b] == t for d, a, b, t in zip(m["doc_id"], m["start"], m["end"], m["match"]))
    assert set(tables.scores["unit"]) == {"quote", "sentence", "document"}
    assert len(tables.unit_scores("document")) == 12
    assert len(tables.unit_scores("quote")) == len(tables.quotes) > 0
    assert {"side", "role"} <= set(tables.quotes.columns)
    assert list(tables.quote_scores["quote_id"]) == list(tables.quotes["quote_id"])
    assert tables.errors.empty and list(tables.errors.columns) == ["source", "reason"]
    assert tables.manifest["n_documents"] == 12


def test_rerun_recomputes_nothing_and_writes_identical_bytes(corpus, lexicon, tmp_path):
    store = tmp_path / "store"
    first = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert first.computed["sentences"] == 12 and first.computed["scores"] == 12
    before = file_hashes(store)
    mtimes = {t: (store / f"{t}.parquet").stat().st_mtime_ns for t in TABLES}
    again = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert sum(again.computed.values()) == 0
    assert again.cached_chunks == 3 and again.written is False
    assert {t: (store / f"{t}.parquet").stat().st_mtime_ns for t in TABLES} == mtimes
    assert file_hashes(store) == before
    assert again.seconds["load"] == 0  # unchanged files: the corpus was not even read
    touched = corpus / "world" / "000.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    third = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert third.seconds["load"] > 0 and sum(third.computed.values()) == 0  # read again, same content
    assert file_hashes(store) == before


def test_changed_lexicon_recomputes_only_scores_and_matches(corpus, lexicon, tmp_path):
    store = tmp_path / "store"
    process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    old = open_store(store)
    lexicon.write_text(LEXICON_CHANGED, encoding="utf-8")
    run = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert run.computed["scores"] == 12 and run.computed["matches"] == 12
    assert run.computed["sentences"] == run.computed["quotes_raw"] == run.computed["quotes"] == 0
    assert run.computed["documents"] == 0
    new = open_store(store)
    pd.testing.assert_frame_equal(old.quotes, new.quotes)
    assert len(new.matches) > len(old.matches)  # "failed", "money" now match
    assert "failed" in set(new.matches["match"])


def test_changed_speaker_table_recomputes_only_speakers(corpus, lexicon, tmp_path):
    store = tmp_path / "store"
    table = tmp_path / "speakers.yaml"
    table.write_text(SPEAKER_TABLE, encoding="utf-8")
    process(corpus, store, lexicons=[lexicon], speakers=table, jobs=1, chunk_size=5)
    sides = open_store(store).quotes["side"]
    assert {"opposition", "government"} <= set(sides)
    table.write_text(SPEAKER_TABLE.replace("side: government", "side: cabinet"), encoding="utf-8")
    run = process(corpus, store, lexicons=[lexicon], speakers=table, jobs=1, chunk_size=5)
    assert run.computed["quotes"] == 12
    assert sum(v for k, v in run.computed.items() if k != "quotes") == 0
    sides = open_store(store).quotes["side"]
    assert "cabinet" in set(sides) and "government" not in set(sides)


def test_new_documents_are_processed_alone(corpus, lexicon, tmp_path):
    store = tmp_path / "store"
    process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    write_corpus(corpus, 2, start=12)  # two new articles, landing inside existing chunks
    (corpus / "politics" / "003.txt").unlink()  # one removed: every later chunk shifts
    edited = corpus / "world" / "004.txt"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late addition.\n", encoding="utf-8")
    run = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert run.n_documents == 13
    assert run.computed["sentences"] == 3 and run.computed["quotes_raw"] == 3 and run.computed["scores"] == 3
    fresh = analyze(corpus, lexicons=[lexicon], cache=False)
    for name, df in open_store(store).items():
        pd.testing.assert_frame_equal(df, getattr(fresh, name), obj=name)


def test_two_jobs_give_the_same_bytes_as_one(corpus, lexicon, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    process(corpus, one, lexicons=[lexicon], jobs=1, chunk_size=3)
    run = process(corpus, two, lexicons=[lexicon], jobs=2, chunk_size=3)
    assert run.computed["scores"] == 12
    assert file_hashes(one) == file_hashes(two)


def test_bad_members_go_to_the_errors_table_and_exit_3(corpus, lexicon, tmp_path, capsys):
    (corpus / "world" / "empty.txt").write_bytes(b"")
    (corpus / "world" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20)
    store = tmp_path / "store"
    code = main(["process", str(corpus), "-o", str(store), "--lexicon", str(lexicon), "--jobs", "1", "--no-progress"])
    assert code == 3
    err = capsys.readouterr().err
    assert "empty.txt" in err and "image.txt" in err
    tables = open_store(store)
    assert len(tables.documents) == 12
    assert sorted(Path(s).name for s in tables.errors["source"]) == ["empty.txt", "image.txt"]
    assert all(tables.errors["reason"].str.len() > 0)
    assert main(["process", str(corpus), "-o", str(tmp_path / "strict"), "--lexicon", str(lexicon), "--strict"]) == 2
    assert not (tmp_path / "strict" / "documents.parquet").exists()


def test_clean_corpus_exits_0(corpus, lexicon, tmp_path, capsys):
    code = main(["process", str(corpus), "-o", str(tmp_path / "s"), "--lexicon", str(lexicon), "-j", "1"])
    assert code == 0
    assert "12 documents" in capsys.readouterr().err


def test_unknown_engine_and_bad_store(corpus, tmp_path):
    from framing.errors import ParameterError

    with pytest.raises(ParameterError):
        process(corpus, tmp_path / "s", engine="spark")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ParameterError):
        process(corpus, tmp_path / "file")


def test_killed_run_resumes_to_the_same_tables(tmp_path, lexicon):
    corpus = write_corpus(tmp_path / "big", 60)
    reference = tmp_path / "reference"
    process(corpus, reference, lexicons=[lexicon], jobs=1, chunk_size=5)
    store = tmp_path / "store"
    cmd = [sys.executable, "-m", "framing.cli", "process", str(corpus), "-o", str(store),
           "--lexicon", str(lexicon), "--jobs", "1", "--chunk-size", "5", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    entries = store / "cache" / "matches"
    deadline = time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if entries.is_dir() and len(list(entries.glob("*/*.arrow"))) >= 3:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus bigger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    done_before = len(list(entries.glob("*/*.arrow")))
    assert 3 <= done_before < 12
    assert not (store / "manifest.json").exists()
    code_version.cache_clear()  # the source as the killed run saw it
    run = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert run.cached_chunks >= done_before - 1  # an entry being written at the kill is lost at most
    assert run.computed["sentences"] <= 60 - 5 * (done_before - 1)
    assert file_hashes(store) == file_hashes(reference)
    leftovers = [p for p in store.rglob("*.tmp*")]
    assert len(leftovers) <= 1  # at most the temp file being written when killed


def test_a_document_that_breaks_a_stage_is_reported_not_fatal(corpus, lexicon, tmp_path, monkeypatch):
    import framing.segment

    real = framing.segment.segment

    def fragile(documents):
        if documents["text"].str.contains("POISON").any():
            raise RuntimeError("cannot segment this")
        return real(documents)

    monkeypatch.setattr(framing.segment, "segment", fragile)
    (corpus / "world" / "000.txt").write_text(article(0) + "POISON\n", encoding="utf-8")
    run = process(corpus, tmp_path / "store", lexicons=[lexicon], jobs=1, chunk_size=5)
    assert run.n_documents == 11
    assert len(run.errors) == 1 and run.errors[0]["source"].endswith("000.txt")
    assert "sentences failed (RuntimeError: cannot segment this)" in run.errors[0]["reason"]
    tables = open_store(tmp_path / "store")
    assert len(tables.documents) == 11 and "world/000.txt" not in set(tables.documents["doc_id"])
    assert tables.errors["reason"].str.contains("RuntimeError").all()
    with pytest.raises(RuntimeError):
        process(corpus, tmp_path / "strict", lexicons=[lexicon], jobs=1, chunk_size=5, strict=True)


def test_analyze_a_documents_frame_with_a_speaker_frame_uses_the_cache(corpus, lexicon, tmp_path):
    from framing.corpus import load_corpus
    from framing.speakers import load_speakers

    table = tmp_path / "speakers.yaml"
    table.write_text(SPEAKER_TABLE, encoding="utf-8")
    docs = load_corpus(corpus)
    speakers = load_speakers(table)
    cache = tmp_path / "cache"
    first = analyze(docs, speakers=speakers, lexicons=[lexicon], cache=cache, chunk_size=4)
    entries = sorted(p.name for p in cache.rglob("*.arrow"))
    assert entries and len(first.documents) == 12
    assert set(first.quotes["side"]) >= {"opposition", "government"}
    again = analyze(docs, speakers=speakers, lexicons=[lexicon], cache=cache, chunk_size=4)
    assert sorted(p.name for p in cache.rglob("*.arrow")) == entries  # nothing new computed
    for name, df in first.items():
        pd.testing.assert_frame_equal(df, getattr(again, name), obj=name)
    by_path = analyze(corpus, speakers=table, lexicons=[lexicon], cache=False)
    pd.testing.assert_frame_equal(first.quotes, by_path.quotes)


def test_prune_cache_keeps_exactly_what_the_store_uses(corpus, lexicon, tmp_path):
    store = tmp_path / "store"
    process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    lexicon.write_text(LEXICON_CHANGED, encoding="utf-8")
    run = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5, prune=True)
    assert run.pruned == 2 * 3 * 2 + 1  # old scores and matches entries and sidecars, one remembered run
    entries = sorted((store / "cache").rglob("*.arrow"))
    assert len(entries) == 6 * 3
    again = process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert sum(again.computed.values()) == 0 and again.written is False


def test_scoring_reuses_one_scorer_and_sentence_matches_with_the_same_results():
    import framing
    from framing.pipeline.engine import build_units
    from framing.scoring import score_and_match
    from framing.sentiment import VaderScorer

    seed = Path(__file__).resolve().parents[1] / "data" / "000_a750b09d9d126d2a.txt"
    text = seed.read_text(encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["seed"], "title": [text.split("\n", 1)[0]], "text": [text]})
    units = build_units(framing.extract_quotes(docs), framing.segment(docs), docs)
    plain_scores, plain_matches = score_and_match(units, sentiment="reference")
    scorer = VaderScorer("reference")
    for _ in range(2):  # the second call answers from the scorer's cache
        scores, matches = score_and_match(units, sentiment=scorer, reuse_sentences=True)
        pd.testing.assert_frame_equal(scores, plain_scores, check_exact=True)
        pd.testing.assert_frame_equal(matches, plain_matches[plain_matches["unit_id"] != "seed"].reset_index(drop=True))


def test_tables_streamed_during_the_run_equal_tables_written_at_the_end(tmp_path, lexicon):
    """The store's tables are written while chunks complete; a chunk whose schema
    differs from the first one's (a column all missing in the first chunk) makes that
    table be written at the end instead: the same tables either way."""
    from framing.pipeline import engine

    docs = pd.DataFrame({
        "doc_id": [f"d{i}" for i in range(8)],
        "text": [article(i) for i in range(8)],
        # all missing in the first chunk (Arrow null type there), strings in the second
        "topic": pd.Series([None] * 4 + ["tax", "war", "health", "trade"], dtype=object),
    })
    streamed = process(docs, tmp_path / "streamed", lexicons=[lexicon], jobs=1, chunk_size=4)
    assert streamed.written
    # the same run written only at the end (no stream)
    run = engine.execute(docs, streamed.settings, jobs=1, chunk_size=4)
    assert engine.write_store(run, tmp_path / "plain", docs)
    for name in TABLES:
        a = (tmp_path / "streamed" / f"{name}.parquet").read_bytes()
        assert a == (tmp_path / "plain" / f"{name}.parquet").read_bytes(), name
    topic = open_store(tmp_path / "streamed").documents["topic"]
    assert topic.isna().tolist() == [True] * 4 + [False] * 4
    assert topic.tolist()[4:] == ["tax", "war", "health", "trade"]
    assert not list((tmp_path / "streamed").glob(".stream-*"))


def test_stream_files_of_a_killed_run_are_removed_by_the_next_run(corpus, lexicon, tmp_path):
    store = tmp_path / "store"
    store.mkdir()
    (store / ".stream-quotes-12345.parquet").write_bytes(b"half written")
    process(corpus, store, lexicons=[lexicon], jobs=1, chunk_size=5)
    assert not list(store.glob(".stream-*"))
    assert len(open_store(store).documents) == 12


def test_build_units_equals_the_units_helpers_with_object_columns():
    import framing
    from framing.pipeline.engine import build_units
    from framing.units import document_units, quote_units, sentence_units

    seed = Path(__file__).resolve().parents[1] / "data" / "000_a750b09d9d126d2a.txt"
    text = seed.read_text(encoding="utf-8")
    docs = pd.DataFrame({"doc_id": ["seed", "empty"], "title": [text.split("\n", 1)[0], ""], "text": [text, " "]})
    quotes, sentences = framing.extract_quotes(docs), framing.segment(docs)
    units = build_units(quotes, sentences, docs)
    expected = pd.concat([quote_units(quotes), sentence_units(sentences), document_units(sentences, docs)],
                         ignore_index=True)
    assert (units.dtypes == object).all()
    assert units["unit"].value_counts().to_dict() == {"sentence": len(sentences), "quote": len(quotes), "document": 2}
    pd.testing.assert_frame_equal(units, expected.astype(object))


def test_document_keys_are_the_stage_keys_of_single_documents():
    from framing.pipeline.cache import document_keys, stage_key

    keys = ["a" * 32, "b" * 32, "caf\u00e9"]
    for stage, deps in (("scores", ("lexicons", "reference:abc")), ("quotes", ("no-speakers",)), ("sentences", ())):
        assert document_keys(stage, keys, *deps) == [stage_key(stage, [k], *deps) for k in keys]


def test_fewer_collections_raises_the_threshold_and_restores_it():
    import gc

    from framing.pipeline.engine import _fewer_collections

    before = gc.get_threshold()
    with _fewer_collections(gen0=max(before[0], 1) * 10):
        inside = gc.get_threshold()
        assert inside[0] == max(before[0], 1) * 10 and inside[1:] == before[1:]
        with _fewer_collections(gen0=5):  # nested and lower: left as is
            assert gc.get_threshold() == inside
    assert gc.get_threshold() == before
