"""Speaker tables: loading (YAML, CSV), errors with lines, applying, drafting, round trips."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pandas as pd
import pytest

from framing.errors import InputError, ParameterError
from framing.speakers import (
    apply_speakers,
    draft_speakers,
    load_speakers,
    speaker_key,
    write_speakers,
)

ROOT = Path(__file__).resolve().parents[1]

YAML_TABLE = """\
# a researcher's table
Jane Doe:
  aliases: [Doe, Senator Jane Doe]
  side: Blue
  role: senator
  gender: female
Acme Corp:
  aliases: [Acme]
  side: industry
Ann Kim:
  aliases: [Mrs Kim]
  side: Red
Kim Sun Ho:
  side: Red
No:
  aliases: [Mr. No]
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def quotes(*speakers: str, mentions: list[str] | None = None) -> pd.DataFrame:
    """A minimal quotes table with the given speakers (one quote each)."""
    rows = []
    for i, sp in enumerate(speakers):
        rows.append(
            {
                "doc_id": f"d{i % 2}",
                "quote_id": f"d{i % 2}:q{i * 10}",
                "start": i * 10,
                "end": i * 10 + 5,
                "fragments": [[i * 10, i * 10 + 5]],
                "text": f"quote {i}",
                "type": "direct",
                "cue": "said",
                "cue_lemma": "say",
                "mention": (mentions[i] if mentions else sp),
                "speaker": sp,
                "speaker_how": "adjacent" if sp else "",
                "descriptor": "",
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- names


def test_speaker_key_normalises_case_dots_hyphens_apostrophes():
    assert speaker_key("Mr. Kim Jong-un") == "mr kim jong un"
    assert speaker_key("  O\u2019Brien ") == "o'brien"
    assert speaker_key("U.S. State Department") == "u s state department"


# ---------------------------------------------------------------- loading


def test_load_yaml_mapping(tmp_path):
    table = load_speakers(write(tmp_path, "s.yaml", YAML_TABLE))
    assert list(table["speaker"]) == ["Jane Doe", "Acme Corp", "Ann Kim", "Kim Sun Ho", "No"]
    assert list(table.columns[:4]) == ["speaker", "aliases", "side", "role"]
    jane = table.iloc[0]
    assert jane["aliases"] == ["Doe", "Senator Jane Doe"]
    assert (jane["side"], jane["role"], jane["gender"]) == ("Blue", "senator", "female")
    # missing side -> unknown, missing role -> "", names stay strings (YAML "No" is not False)
    assert table.iloc[4]["side"] == "unknown" and table.iloc[4]["role"] == ""
    assert table.iloc[4]["speaker"] == "No" and table.iloc[4]["aliases"] == ["Mr. No"]
    assert table.attrs["lines"]["Acme Corp"] == 7


def test_load_yaml_list_form_and_null_entry(tmp_path):
    path = write(
        tmp_path,
        "s.yml",
        """\
        - speaker: Jane Doe
          aliases: Doe|J. Doe
          side: Blue
        - name: Acme Corp
        """,
    )
    table = load_speakers(path)
    assert list(table["speaker"]) == ["Jane Doe", "Acme Corp"]
    assert table.iloc[0]["aliases"] == ["Doe", "J. Doe"]
    assert table.iloc[1]["side"] == "unknown"
    bare = load_speakers(write(tmp_path, "b.yaml", "Jane Doe:\nAcme:\n  side: x\n"))
    assert list(bare["speaker"]) == ["Jane Doe", "Acme"] and bare.iloc[0]["aliases"] == []


def test_load_csv_and_tsv(tmp_path):
    csv_path = write(
        tmp_path,
        "s.csv",
        """\
        speaker,aliases,side,role,party
        Jane Doe,Doe|Senator Jane Doe,Blue,"senator, since 2010",B
        Acme Corp,,industry,,
        """,
    )
    table = load_speakers(csv_path)
    assert list(table["speaker"]) == ["Jane Doe", "Acme Corp"]
    assert table.iloc[0]["aliases"] == ["Doe", "Senator Jane Doe"]
    assert table.iloc[0]["role"] == "senator, since 2010"
    assert table.iloc[0]["party"] == "B"
    assert table.iloc[1]["aliases"] == [] and table.iloc[1]["side"] == "industry"
    tsv = load_speakers(write(tmp_path, "s.tsv", "Speaker\tSide\nJane Doe\tBlue\n"))
    assert tsv.iloc[0]["side"] == "Blue" and tsv.iloc[0]["aliases"] == []


def test_seed_table_loads_with_sides():
    table = load_speakers(ROOT / "data" / "speakers.yaml")
    sides = dict(zip(table["speaker"], table["side"]))
    assert sides["Mike Pompeo"] == "US" and sides["Kim Yong Chol"] == "DPRK"
    assert sides["anonymous source"] == "unknown"
    # a bare "Kim" must not be an alias of anyone: it is ambiguous in the seed
    all_aliases = {speaker_key(a) for al in table["aliases"] for a in al}
    assert "kim" not in all_aliases and "he" not in all_aliases


@pytest.mark.parametrize(
    "name, text, line, words",
    [
        ("bad.yaml", "Jane Doe:\n  aliases: [Doe\n  side: Blue\n", 3, "YAML"),
        ("indent.yaml", "Jane Doe:\n  side: Blue\n role: x\n", 3, "YAML"),
        ("scalar.yaml", "Jane Doe: Blue\n", 1, "mapping"),
        ("top.yaml", "just a sentence\n", 1, "expected a mapping"),
        ("dup.yaml", "Jane Doe:\n  side: A\nAcme:\n  side: B\nJane Doe:\n  side: C\n", 5, "listed twice"),
        ("alias.yaml", "Jane Doe:\n  aliases: [Doe]\nJohn Doe:\n  aliases: [Doe]\n", 3, "'Doe' is given to both"),
        ("aliasname.yaml", "Doe:\n  side: A\nJane Doe:\n  aliases: [Doe]\n", 3, "is the speaker 'Doe'"),
        ("list.yaml", "- speaker: A\n- side: US\n", 2, "without a 'speaker'"),
        ("field.yaml", "A:\n  side: x\n  Side: y\n", 3, "given twice"),
        ("nohead.csv", "name_x,side\nA,B\n", 1, "no 'speaker' column"),
        ("fields.csv", "speaker,side\nA,B\nC,D,E\n", 3, "3 fields"),
        ("empty.csv", "speaker,side\nA,B\n,C\n", 3, "empty speaker"),
        ("dup.csv", "speaker,aliases\nA,x\nB,y|X\n", 3, "given to both"),
    ],
)
def test_malformed_tables_name_file_and_line(tmp_path, name, text, line, words):
    path = write(tmp_path, name, text)
    with pytest.raises(InputError) as info:
        load_speakers(path)
    err = info.value
    assert err.line == line, str(err)
    assert str(err).startswith(f"{path}:{line}: ")
    assert words in str(err)
    assert "\n" not in str(err)


def test_missing_file_bad_encoding_and_suffix(tmp_path):
    with pytest.raises(InputError, match="no such speaker table"):
        load_speakers(tmp_path / "nope.yaml")
    bad = tmp_path / "latin.csv"
    bad.write_bytes(b"speaker,side\nJos\xe9,A\n")
    with pytest.raises(InputError) as info:
        load_speakers(bad)
    assert info.value.line == 2 and "UTF-8" in str(info.value)
    with pytest.raises(ParameterError, match="unknown speaker table format"):
        load_speakers(write(tmp_path, "s.xlsx", "x"))


def test_empty_file_is_an_empty_table(tmp_path):
    table = load_speakers(write(tmp_path, "e.yaml", "# nothing yet\n"))
    assert len(table) == 0 and list(table.columns) == ["speaker", "aliases", "side", "role"]
    out = apply_speakers(quotes("Jane Doe"), table)
    assert list(out["side"]) == ["unknown"] and list(out["speaker"]) == ["Jane Doe"]


# ---------------------------------------------------------------- applying


def test_apply_merges_renames_and_keeps_every_quote(tmp_path):
    table = load_speakers(write(tmp_path, "s.yaml", YAML_TABLE))
    q = quotes("Doe", "senator jane doe", "Ms. Jane Doe", "Acme", "Zed Unknown", "", "Mrs Kim", "Mr Kim", "Kim Sun-Ho")
    before = q.copy(deep=True)
    out = apply_speakers(q, table)
    pd.testing.assert_frame_equal(q, before)  # pure: the input is not modified
    assert len(out) == len(q) and list(out["quote_id"]) == list(q["quote_id"])
    assert list(out["speaker"]) == [
        "Jane Doe", "Jane Doe", "Jane Doe", "Acme Corp", "Zed Unknown", "", "Ann Kim", "Mr Kim", "Kim Sun Ho",
    ]
    assert list(out["side"]) == ["Blue", "Blue", "Blue", "industry", "unknown", "unknown", "Red", "unknown", "Red"]
    assert list(out["table_match"]) == ["alias", "alias", "title", "alias", "", "", "alias", "", "name"]
    assert list(out["speaker_found"]) == list(q["speaker"])
    assert out.loc[0, "role"] == "senator" and out.loc[4, "role"] == ""
    assert out.loc[0, "gender"] == "female" and out.loc[3, "gender"] is None
    # the extractor's rule is kept
    assert list(out["speaker_how"]) == list(q["speaker_how"])


def test_unattributed_quote_is_never_guessed_from_its_mention(tmp_path):
    table = load_speakers(write(tmp_path, "s.yaml", YAML_TABLE))
    q = quotes("", mentions=["Senator Jane Doe"])
    out = apply_speakers(q, table)
    assert out.loc[0, "speaker"] == "" and out.loc[0, "side"] == "unknown" and out.loc[0, "table_match"] == ""


def test_apply_again_with_another_table_starts_from_found_names(tmp_path):
    t1 = load_speakers(write(tmp_path, "a.yaml", YAML_TABLE))
    t2 = load_speakers(write(tmp_path, "b.csv", "speaker,aliases,side,region\nJ. Doe,Doe,Green,North\n"))
    once = apply_speakers(quotes("Doe", "Acme"), t1)
    twice = apply_speakers(once, t2)
    assert list(twice["speaker"]) == ["J. Doe", "Acme"]
    assert list(twice["side"]) == ["Green", "unknown"]
    assert "gender" not in twice.columns and list(twice["region"]) == ["North", None]
    pd.testing.assert_frame_equal(twice, apply_speakers(quotes("Doe", "Acme"), t2))


def test_apply_accepts_a_path_and_rejects_clashing_columns(tmp_path):
    path = write(tmp_path, "s.yaml", YAML_TABLE)
    assert list(apply_speakers(quotes("Doe"), path)["speaker"]) == ["Jane Doe"]
    clash = write(tmp_path, "c.csv", "speaker,text\nA,x\n")
    with pytest.raises(ParameterError, match="'text'"):
        apply_speakers(quotes("A"), clash)


def test_apply_on_empty_quotes(tmp_path):
    table = load_speakers(write(tmp_path, "s.yaml", YAML_TABLE))
    out = apply_speakers(quotes().reindex(columns=["doc_id", "quote_id", "speaker"]), table)
    assert len(out) == 0 and {"side", "role", "gender", "speaker_found"} <= set(out.columns)


# ---------------------------------------------------------------- drafting


def test_draft_counts_aliases_descriptors_and_merges_titles():
    q = quotes("Pompeo", "Mr Pompeo", "Pompeo", "Mr Kim", "Kim Jong Un", "", "Acme",
               mentions=["Secretary of State Pompeo", "he", "Mr. Pompeo", "Mr Kim", "Kim Jong Un", "a source",
                         "a spokesman for Acme, who declined to be named"])
    q.loc[1, "descriptor"] = "Secretary of State"
    draft = draft_speakers(q)
    assert draft.attrs["unattributed"] == 1
    assert list(draft["speaker"]) == ["Pompeo", "Acme", "Kim Jong Un", "Mr Kim"]
    pompeo = draft.iloc[0]
    assert pompeo["n_quotes"] == 3 and pompeo["n_docs"] == 2
    assert pompeo["aliases"] == ["Mr Pompeo"]
    assert pompeo["mentions"] == ["Secretary of State Pompeo", "he"] and pompeo["descriptors"] == ["Secretary of State"]
    assert pompeo["side"] == "unknown" and pompeo["role"] == "Secretary of State"
    # "Mr Kim" and "Kim Jong Un" are kept apart but flagged as look-alikes
    assert draft.iloc[3]["similar"] == ["Kim Jong Un"] and draft.iloc[2]["similar"] == ["Mr Kim"]
    assert draft.iloc[1]["mentions"] == ["a spokesman for Acme, who declined to be named"]
    assert draft.iloc[1]["aliases"] == []
    assert list(draft_speakers(q, min_quotes=2)["speaker"]) == ["Pompeo"]


def test_draft_from_existing_keeps_researcher_entries(tmp_path):
    existing = load_speakers(write(tmp_path, "s.yaml", YAML_TABLE))
    q = quotes("Doe", "Jane Roe", "Jane Doe", mentions=["Doe", "Jane Roe", "Senator Doe"])
    draft = draft_speakers(q, existing=existing, min_quotes=1)
    assert list(draft["speaker"]) == ["Jane Doe", "Jane Roe", "Acme Corp", "Ann Kim", "Kim Sun Ho", "No"]
    jane = draft.iloc[0]
    assert jane["n_quotes"] == 2 and jane["side"] == "Blue" and jane["gender"] == "female"
    assert jane["aliases"] == ["Doe", "Senator Jane Doe"] and jane["mentions"] == ["Senator Doe"]
    assert draft.iloc[1]["side"] == "unknown" and draft.iloc[2]["n_quotes"] == 0
    # entries of the existing table are kept even below min_quotes
    assert "Acme Corp" in set(draft_speakers(q, existing=existing, min_quotes=5)["speaker"])


@pytest.mark.parametrize("suffix", [".yaml", ".csv", ".tsv"])
def test_draft_write_load_apply_round_trip(tmp_path, suffix):
    q = quotes("Pompeo", "Mr Pompeo", "Mike Pompeo", "Jane Roe", "",
               mentions=["Pompeo", "he", "Mike Pompeo", "Jane Roe, a farmer", "someone"])
    draft = draft_speakers(q)
    # the researcher merges "Mike Pompeo" into Pompeo's entry and sets sides
    draft = draft[draft["speaker"] != "Mike Pompeo"].copy()
    draft.loc[draft["speaker"] == "Pompeo", "aliases"] = pd.Series([["Mr Pompeo", "Mike Pompeo"]],
                                                                   index=draft.index[draft["speaker"] == "Pompeo"])
    draft.loc[draft["speaker"] == "Pompeo", "side"] = "US"
    path = write_speakers(draft, tmp_path / f"speakers{suffix}")
    if suffix == ".yaml":
        text = path.read_text(encoding="utf-8")
        assert text.startswith("# Speaker table drafted by `framing speakers`")
        assert "# 2 quotes in 2 documents" in text and "also called: he" in text
    table = load_speakers(path)
    assert list(table["speaker"]) == list(draft["speaker"])
    assert table.iloc[0]["aliases"] == ["Mr Pompeo", "Mike Pompeo"]
    out = apply_speakers(q, table)
    assert list(out["speaker"]) == ["Pompeo", "Pompeo", "Pompeo", "Jane Roe", ""]
    assert list(out["side"]) == ["US", "US", "US", "unknown", "unknown"]
    # information columns of a draft are never copied onto quotes
    assert not {"n_quotes", "n_docs", "descriptors", "mentions", "similar"} & set(out.columns)


def test_write_is_atomic_on_bad_suffix(tmp_path):
    with pytest.raises(ParameterError):
        write_speakers(draft_speakers(quotes("A")), tmp_path / "s.xlsx")
    assert list(tmp_path.iterdir()) == []
