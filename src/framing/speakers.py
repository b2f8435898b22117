"""Speaker tables: who is who, on which side, in which role.

A speaker table has one row per canonical speaker:

- ``speaker``: the canonical name used in every analysis ("Mike Pompeo");
- ``aliases``: list of other names the news uses for the same speaker ("Pompeo",
  "Secretary of State Mike Pompeo");
- ``side``: the group the researcher compares (``US``, ``DPRK``, a party, ...);
  ``"unknown"`` when not set;
- ``role``: a short description ("US Secretary of State");
- any other column the researcher adds (``gender``, ``party``, ``country`` ...), copied
  onto every quote of that speaker.

Researchers write it as YAML (one mapping per speaker) or CSV/TSV (aliases separated
by ``|``); :func:`load_speakers` reads both, :func:`write_speakers` writes both,
:func:`draft_speakers` drafts one from extracted quotes, and :func:`apply_speakers`
maps the quotes' speakers onto it. Names match case-insensitively, ignoring dots,
hyphens and a leading honorific (Mr, Mrs, Ms, Dr ...) when the full name is not listed.
See docs/speakers.md.
"""

from __future__ import annotations

import csv
import io
import os
import re
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .errors import InputError, ParameterError

SPEAKER_COLUMNS = ["speaker", "aliases", "side", "role"]
# Informational columns of a drafted table: written as comments in YAML, as columns in
# CSV; never copied onto quotes by apply_speakers.
DRAFT_COLUMNS = ["n_quotes", "n_docs", "descriptors", "mentions", "similar"]
UNKNOWN = "unknown"
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "mister", "dr", "prof", "sir", "dame"})
PRONOUNS = frozenset(
    {"he", "she", "they", "it", "him", "her", "them", "his", "its", "their", "we", "i", "you", "us", "one"}
)
YAML_SUFFIXES = (".yaml", ".yml", ".json")
CSV_SUFFIXES = {".csv": ",", ".tsv": "\t", ".tab": "\t"}

DRAFT_HEADER = """\
Speaker table drafted by `framing speakers`{origin}.
Edit it, then apply it with `framing quotes CORPUS --speakers {name}`
(or framing.apply_speakers(quotes, framing.load_speakers("{name}")) in a notebook).
For each speaker (the key is the canonical name used in every table and figure):
  aliases: other names for the SAME speaker; a quote whose speaker is an alias is renamed
           to the key. Merge two entries by moving one's name into the other's aliases.
           Leave out names shared by different people (a bare "Kim" or "Smith").
  side:    the group you compare (e.g. US, DPRK, a party); "unknown" until you decide.
  role:    a short description; drafted from the descriptors the articles use.
  You may add any other field (gender: , party: , ...); it is copied onto the quotes.
Comments after each name (quote counts, descriptors, other mentions) are information only.
Speakers missing from the table keep their name and get side "unknown"; no quote is dropped.
Matching ignores case, dots, hyphens and a leading Mr/Mrs/Ms/Dr."""


# --------------------------------------------------------------------------- names


@lru_cache(maxsize=65536)
def speaker_key(name: str) -> str:
    """Normalised form used to match names: case-folded, no dots, hyphens as spaces,
    straight apostrophes, single spaces (``"Mr. Kim Jong-un"`` -> ``"mr kim jong un"``)."""
    s = unicodedata.normalize("NFKC", str(name)).casefold()
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace(".", " ")
    s = re.sub(r"[\u2010-\u2015-]", " ", s)
    s = re.sub(r"\s+", " ", s)
    return s.strip(" ,;:'\"()")


def strip_honorific(key: str) -> str:
    """``key`` without a leading honorific (``"mr kim"`` -> ``"kim"``); unchanged when
    the honorific is the whole name."""
    first, _, rest = key.partition(" ")
    return rest if first in HONORIFICS and rest else key


@lru_cache(maxsize=65536)
def _is_name(mention: str) -> bool:
    """A mention usable as an alias: not a pronoun, no appositive (comma), and with a
    capitalised word ("Pompeo", "the State Department"), unlike "the statement",
    "a source" or "Jane Roe, a farmer"."""
    m = mention.strip()
    if not m or "," in m or speaker_key(m) in PRONOUNS:
        return False
    return any(w[:1].isupper() for w in re.findall(r"[^\W\d_][\w'-]*", m))


def _name_tokens(name: str) -> frozenset[str]:
    """Words of a name without honorifics and articles."""
    return frozenset(w for w in speaker_key(name).split() if w not in HONORIFICS and w not in ("the", "a", "an"))


@lru_cache(maxsize=65536)
def _is_short_form(mention: str, speaker: str) -> bool:
    """A mention worth listing as an alias of ``speaker``: a name made only of the
    speaker's own words ("Mr Blair", "Blair", "the Tories" for "Tories"). Longer
    mentions ("Prime Minister Tony Blair", "On Monday Mr Blair") are listed as mentions."""
    if not _is_name(mention):
        return False
    words = _name_tokens(mention)
    return bool(words) and words <= _name_tokens(speaker)


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and value != value:
        return True
    return value is pd.NA or value is pd.NaT


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value).strip()


# --------------------------------------------------------------------------- loading


def load_speakers(path: str | os.PathLike) -> pd.DataFrame:
    """Read a speaker table from YAML (``.yaml``/``.yml``/``.json``) or CSV/TSV.

    YAML: a mapping ``canonical name -> {aliases: [...], side: ..., role: ..., ...}``
    (or a list of mappings with a ``speaker`` key). CSV/TSV: a header with ``speaker``
    and optionally ``aliases`` (separated by ``|``), ``side``, ``role`` and any other
    columns. Returns one row per speaker with columns ``speaker``, ``aliases`` (list),
    ``side`` (``"unknown"`` when empty), ``role`` and the extra columns;
    ``attrs["source"]`` is the path and ``attrs["lines"]`` maps each speaker to its line.

    Raises InputError naming the file and line for a missing or malformed file, a
    speaker listed twice, or an alias given to two different speakers.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in YAML_SUFFIXES and suffix not in CSV_SUFFIXES:
        raise ParameterError(
            f"unknown speaker table format {suffix or '(no suffix)'!r}; use .yaml, .yml, .csv or .tsv", source=path
        )
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such speaker table; check the path or draft one with `framing speakers`", source=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a speaker table file", source=path) from None
    except OSError as err:
        raise InputError(f"cannot read the speaker table ({err.strerror})", source=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise InputError("not valid UTF-8; save the table as UTF-8", source=path, line=line) from None
    if suffix in YAML_SUFFIXES:
        entries = _parse_yaml(text, path)
    else:
        entries = _parse_csv(text, path, CSV_SUFFIXES[suffix])
    return _build_table(entries, path)


def _parse_yaml(text: str, path: Path) -> list[tuple[int, dict]]:
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    try:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise InputError(f"not valid YAML ({problem}); check indentation and colons", source=path, line=line) from None
    if node is None:
        return []
    entries: list[tuple[int, dict]] = []
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            name = _scalar(key_node, path, "speaker name")
            if isinstance(value_node, yaml.ScalarNode) and value_node.tag.endswith(":null"):
                fields: dict = {}
            elif isinstance(value_node, yaml.MappingNode):
                fields = _fields(value_node, path)
            else:
                raise InputError(
                    f"entry {name!r} must be a mapping (aliases: [...], side: ..., role: ...), "
                    f"not {_node_kind(value_node)}",
                    source=path,
                    line=value_node.start_mark.line + 1,
                )
            if "speaker" in fields and speaker_key(_text(fields["speaker"])) != speaker_key(name):
                raise InputError(
                    f"entry {name!r} has a different 'speaker' field {fields['speaker']!r}; keep one name",
                    source=path,
                    line=line,
                )
            fields["speaker"] = name
            entries.append((line, fields))
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            line = item.start_mark.line + 1
            if not isinstance(item, yaml.MappingNode):
                raise InputError(
                    f"each list item must be a mapping with a 'speaker' key, not {_node_kind(item)}",
                    source=path,
                    line=line,
                )
            fields = _fields(item, path)
            if "speaker" not in fields and "name" in fields:
                fields["speaker"] = fields.pop("name")
            if not _text(fields.get("speaker")):
                raise InputError("list item without a 'speaker' name", source=path, line=line)
            entries.append((line, fields))
    else:
        raise InputError(
            "expected a mapping 'Speaker Name: {aliases: [...], side: ..., role: ...}' "
            "or a list of mappings with a 'speaker' key",
            source=path,
            line=node.start_mark.line + 1,
        )
    return entries


def _node_kind(node) -> str:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    return f"the value {node.value!r}"


def _scalar(node, path: Path, what: str) -> str | None:
    """A scalar's text as written (so names such as "No" or "2024" stay strings)."""
    import yaml

    if not isinstance(node, yaml.ScalarNode):
        raise InputError(f"{what} must be a plain value, not {_node_kind(node)}", source=path, line=node.start_mark.line + 1)
    if node.tag.endswith(":null"):
        return None
    return node.value.strip()


def _fields(node, path: Path) -> dict:
    """The fields of one speaker entry; ``aliases`` a list of strings."""
    import yaml

    fields: dict = {}
    constructor = yaml.SafeLoader("")
    try:
        for key_node, value_node in node.value:
            key = _scalar(key_node, path, "field name")
            if key is None:
                raise InputError("empty field name", source=path, line=key_node.start_mark.line + 1)
            low = key.lower()
            if low in ("speaker", "name", "aliases", "alias", "side", "role"):
                key = "aliases" if low == "alias" else low
            if key in fields:
                raise InputError(f"field {key!r} given twice", source=path, line=key_node.start_mark.line + 1)
            if key == "aliases":
                if isinstance(value_node, yaml.SequenceNode):
                    values = [_scalar(v, path, "an alias") for v in value_node.value]
                else:
                    one = _scalar(value_node, path, "aliases")
                    values = [] if one is None else one.split("|")
                fields[key] = [v.strip() for v in values if v and v.strip()]
            elif key in ("speaker", "name", "side", "role"):
                value = _scalar(value_node, path, key)
                fields[key] = "" if value is None else value
            else:
                fields[key] = constructor.construct_object(value_node, deep=True)
    finally:
        constructor.dispose()
    return fields


def _parse_csv(text: str, path: Path, delimiter: str) -> list[tuple[int, dict]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, None)
        if header is None:
            return []
        header = [h.strip() for h in header]
        lowered = [h.lower() for h in header]
        if "speaker" not in lowered and "name" in lowered:
            lowered[lowered.index("name")] = "speaker"
        if "speaker" not in lowered:
            raise InputError(
                f"no 'speaker' column in the header ({', '.join(header)}); "
                "expected speaker,aliases,side,role,...",
                source=path,
                line=1,
            )
        names = [low if low in ("speaker", "aliases", "side", "role") else h for h, low in zip(header, lowered)]
        dupes = [n for n, c in Counter(names).items() if c > 1]
        if dupes:
            raise InputError(f"column {dupes[0]!r} appears twice in the header", source=path, line=1)
        entries = []
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(names):
                raise InputError(
                    f"{len(row)} fields where the header has {len(names)}; quote values that contain "
                    f"{'commas' if delimiter == ',' else 'tabs'}",
                    source=path,
                    line=line,
                )
            fields = dict(zip(names, (cell.strip() for cell in row)))
            if not fields["speaker"]:
                raise InputError("empty speaker name", source=path, line=line)
            fields["aliases"] = [a.strip() for a in fields.get("aliases", "").split("|") if a.strip()]
            entries.append((line, fields))
    except csv.Error as err:
        raise InputError(f"malformed CSV ({err})", source=path, line=reader.line_num) from None
    return entries


def _build_table(entries: Iterable[tuple[int, dict]], path: Path | None) -> pd.DataFrame:
    """Rows from parsed entries; checks duplicate names and ambiguous aliases."""
    rows, lines, owner = [], {}, {}
    extras: list[str] = []
    for line, fields in entries:
        name = _text(fields.get("speaker"))
        if not name:
            raise InputError("empty speaker name", source=path, line=line)
        aliases = fields.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [a.strip() for a in aliases.split("|") if a.strip()]
        aliases = _dedupe([_text(a) for a in aliases if _text(a)], exclude=name)
        for alias in [name, *aliases]:
            key = speaker_key(alias)
            other = owner.setdefault(key, name)
            if other == name and not (alias == name and name in lines):
                continue
            if key == speaker_key(other):
                what = f"speaker {other!r} is listed twice" if alias == name else f"alias {alias!r} of {name!r} is the speaker {other!r}"
            else:
                what = f"{alias!r} is given to both {other!r} and {name!r}"
            raise InputError(
                f"{what} (first at line {lines[other]}); keep each name on one speaker "
                "(merge entries by moving a name into the other's aliases)",
                source=path,
                line=line,
            )
        lines[name] = line
        row = {"speaker": name, "aliases": aliases, "side": _text(fields.get("side")) or UNKNOWN,
               "role": _text(fields.get("role"))}
        for key, value in fields.items():
            if key not in row and key not in ("name",):
                row[key] = value
                if key not in extras:
                    extras.append(key)
        rows.append(row)
    table = pd.DataFrame(rows, columns=SPEAKER_COLUMNS + extras)
    table.attrs["source"] = str(path) if path is not None else None
    table.attrs["lines"] = lines
    return table


def _dedupe(names: Iterable[str], exclude: str = "") -> list[str]:
    seen = {speaker_key(exclude)} if exclude else set()
    out = []
    for n in names:
        k = speaker_key(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return out


def _alias_list(value: Any) -> list[str]:
    """Aliases as a list of non-empty strings, from a list, array, ``|``-joined string or NA."""
    if isinstance(value, str):
        items: Iterable = value.split("|")
    elif value is None or (not hasattr(value, "__iter__") and _missing(value)):
        items = []
    else:
        items = list(value)
    return [t for t in (_text(v) for v in items) if t]


def _as_table(table) -> pd.DataFrame:
    if isinstance(table, (str, os.PathLike)):
        return load_speakers(table)
    if not isinstance(table, pd.DataFrame):
        raise ParameterError(f"speaker table must be a DataFrame or a file path, not {type(table).__name__}")
    if "speaker" not in table.columns:
        raise ParameterError("speaker table has no 'speaker' column; see framing.load_speakers")
    return table


# --------------------------------------------------------------------------- applying


def _index(table: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """normalised name -> (canonical name, "name" | "alias")."""
    index: dict[str, tuple[str, str]] = {}
    for row in table.itertuples(index=False):
        name = _text(row.speaker)
        if not name:
            continue
        for alias in _alias_list(getattr(row, "aliases", None)):
            index.setdefault(speaker_key(alias), (name, "alias"))
        index[speaker_key(name)] = (name, "name")
    return index


def lookup_speaker(name: str, index: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """(canonical name, how) for ``name``: how is ``"name"``, ``"alias"``, ``"title"``
    (matched once a leading Mr/Ms/Dr... is dropped) or ``""`` (not in the table, name
    returned unchanged)."""
    key = speaker_key(name)
    if key in index:
        return index[key]
    bare = strip_honorific(key)
    if bare != key and bare in index:
        return index[bare][0], "title"
    return name, ""


def apply_speakers(quotes: pd.DataFrame, table) -> pd.DataFrame:
    """Map each quote's ``speaker`` onto the speaker table (a DataFrame from
    :func:`load_speakers` or a path).

    Returns a new frame with every quote (none dropped) where

    - ``speaker`` is the table's canonical name when the quote's speaker is a canonical
      name or alias (case-insensitive; also after dropping a leading Mr/Mrs/Ms/Dr),
      else unchanged; unattributed quotes (``speaker == ""``) stay unattributed: the
      ``mention`` is never used to guess;
    - ``speaker_found`` keeps the name the extractor gave (so renames can be audited);
    - ``table_match`` says how the table matched: ``name``, ``alias``, ``title`` or ``""``;
    - ``side`` (``"unknown"`` when the speaker is not in the table or unattributed),
      ``role`` (``""`` when unknown) and every extra column of the table (missing values
      for speakers not in it) are added.

    ``speaker_how`` is left as the extractor set it (the rule that found the speaker in
    the text). Applying again, with the same or another table, starts from
    ``speaker_found``, so tables can be swapped.
    """
    table = _as_table(table)
    out = quotes.copy()
    previous = list(quotes.attrs.get("speaker_table_columns", []))
    out = out.drop(columns=[c for c in previous if c in out.columns])
    extras = [c for c in table.columns if c not in SPEAKER_COLUMNS and c not in DRAFT_COLUMNS]
    clash = [c for c in extras if c in out.columns and c not in ("side", "role")]
    if clash:
        raise ParameterError(
            f"speaker table column {clash[0]!r} would overwrite the quotes' own column; rename it in the table"
        )
    if "speaker" in out.columns:
        source = out["speaker_found"] if "speaker_found" in out.columns else out["speaker"]
        found = [_text(s) for s in source]
    else:
        found = [""] * len(out)
    index = _index(table)
    by_name = {(_text(r["speaker"])): r for r in table.to_dict("records")}
    names, hows, sides, roles = [], [], [], []
    extra_values: dict[str, list] = {c: [] for c in extras}
    cache: dict[str, tuple[str, str]] = {}
    for name in found:
        if not name:
            canonical, how = "", ""
        else:
            if name not in cache:
                cache[name] = lookup_speaker(name, index)
            canonical, how = cache[name]
        row = by_name.get(canonical) if how else None
        names.append(canonical)
        hows.append(how)
        sides.append((_text(row.get("side")) or UNKNOWN) if row else UNKNOWN)
        roles.append(_text(row.get("role")) if row else "")
        for c in extras:
            value = row.get(c) if row else None
            extra_values[c].append(None if not isinstance(value, (list, tuple, dict)) and _missing(value) else value)
    out["speaker_found"] = pd.Series(found, index=out.index, dtype=object)
    out["speaker"] = pd.Series(names, index=out.index, dtype=object)
    out["table_match"] = pd.Series(hows, index=out.index, dtype=object)
    out["side"] = pd.Series(sides, index=out.index, dtype=object)
    out["role"] = pd.Series(roles, index=out.index, dtype=object)
    for c in extras:
        out[c] = pd.Series(extra_values[c], index=out.index, dtype=object)
    out.attrs = dict(quotes.attrs)
    out.attrs["speaker_table_columns"] = extras
    out.attrs["speaker_table"] = table.attrs.get("source")
    return out


# --------------------------------------------------------------------------- drafting


def draft_speakers(quotes: pd.DataFrame, *, existing=None, min_quotes: int = 1) -> pd.DataFrame:
    """A speaker table of every speaker in ``quotes``, for the researcher to edit.

    One row per speaker (unattributed quotes are counted in ``attrs["unattributed"]``):
    ``speaker``, ``aliases`` (other names the extractor gave that were merged here, and
    mentions made only of the speaker's own words: "Mr Blair", "Blair" for Tony Blair), ``side`` (the existing table's, else
    ``"unknown"``, never guessed), ``role`` (the existing table's, else the most frequent
    descriptor), the existing table's extra columns, and the information columns
    ``n_quotes``, ``n_docs``, ``descriptors`` and ``mentions`` (other ways the text refers
    to the speaker: "he", "the ministry", "Prime Minister Tony Blair") and ``similar`` (one-word names and the entries
    containing that word: "Kim" / "Kim Jong Un"). Names differing only by a leading
    Mr/Ms/Dr are merged. Entries of ``existing`` are all kept, also
    those with no quote here; new speakers with fewer than ``min_quotes`` quotes are left
    out. Sorted by number of quotes, then name.
    """
    if min_quotes < 0:
        raise ParameterError(f"min_quotes must be >= 0, not {min_quotes}")
    base = _as_table(existing) if existing is not None else pd.DataFrame(columns=SPEAKER_COLUMNS)
    applied = apply_speakers(quotes, base)
    extras = [c for c in base.columns if c not in SPEAKER_COLUMNS and c not in DRAFT_COLUMNS]

    merged = _merge_titles(applied)
    stats: dict[str, dict] = {}
    unattributed = 0

    def column(name: str) -> list:
        return applied[name].tolist() if name in applied.columns else [""] * len(applied)

    for speaker, found, mention, desc, doc in zip(
        column("speaker"), column("speaker_found"), column("mention"), column("descriptor"), column("doc_id")
    ):
        speaker = _text(speaker)
        name = merged.get(speaker, speaker)
        if not name:
            unattributed += 1
            continue
        s = stats.get(name)
        if s is None:
            s = stats[name] = {"n": 0, "docs": set(), "names": Counter(), "desc": Counter(), "mentions": Counter()}
        s["n"] += 1
        s["docs"].add(_text(doc))
        key = speaker_key(name)
        found = _text(found)
        if found and speaker_key(found) != key:
            s["names"][found] += 1
        if speaker != found and speaker_key(speaker) != key:
            s["names"][speaker] += 1
        mention = " ".join(_text(mention).split())
        if mention and speaker_key(mention) != key:
            (s["names"] if _is_short_form(mention, name) else s["mentions"])[mention] += 1
        desc = " ".join(_text(desc).split())
        if desc:
            s["desc"][desc] += 1

    def ranked(counter: Counter) -> list[str]:
        return _dedupe(n for n, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))

    rows = []
    known = set()
    for r in base.to_dict("records"):
        name = _text(r["speaker"])
        known.add(name)
        s = stats.get(name)
        old = _alias_list(r.get("aliases"))
        row = {
            "speaker": name,
            "aliases": _dedupe(old + (ranked(s["names"]) if s else []), exclude=name),
            "side": _text(r.get("side")) or UNKNOWN,
            "role": _text(r.get("role")) or (ranked(s["desc"])[0] if s and s["desc"] else ""),
        }
        row.update({c: r.get(c) for c in extras})
        rows.append((row, s))
    for name, s in stats.items():
        if name in known or s["n"] < min_quotes:
            continue
        desc = ranked(s["desc"])
        row = {"speaker": name, "aliases": _dedupe(ranked(s["names"]), exclude=name), "side": UNKNOWN,
               "role": desc[0] if desc else ""}
        row.update({c: None for c in extras})
        rows.append((row, s))
    # A name seen as another speaker's alias must not be claimed twice.
    claimed: dict[str, str] = {speaker_key(row["speaker"]): row["speaker"] for row, _ in rows}
    for row, _ in rows:
        kept = []
        for alias in row["aliases"]:
            k = speaker_key(alias)
            if claimed.setdefault(k, row["speaker"]) == row["speaker"]:
                kept.append(alias)
        row["aliases"] = kept
    similar = _similar_names([row["speaker"] for row, _ in rows])
    records = []
    for row, s in rows:
        row["similar"] = similar.get(row["speaker"], [])
        row["n_quotes"] = s["n"] if s else 0
        row["n_docs"] = len(s["docs"]) if s else 0
        row["descriptors"] = ranked(s["desc"]) if s else []
        taken = {speaker_key(a) for a in [row["speaker"], *row["aliases"]]}
        row["mentions"] = [m for m in ranked(s["mentions"]) if speaker_key(m) not in taken] if s else []
        records.append(row)
    table = pd.DataFrame(records, columns=SPEAKER_COLUMNS + extras + DRAFT_COLUMNS)
    if len(table):
        table = table.sort_values(["n_quotes", "speaker"], ascending=[False, True], kind="stable").reset_index(drop=True)
    table.attrs["unattributed"] = unattributed
    table.attrs["n_quotes"] = len(applied)
    return table


def _merge_titles(applied: pd.DataFrame) -> dict[str, str]:
    """Speakers not in the table whose names differ only by a leading honorific
    ("Mr Pompeo", "Pompeo") -> the most frequent variant without the honorific."""
    if not len(applied):
        return {}
    unmatched = applied.loc[applied["table_match"] == "", "speaker"].map(_text)
    counts = Counter(n for n in unmatched if n)
    groups: dict[str, list[str]] = {}
    for name in counts:
        groups.setdefault(strip_honorific(speaker_key(name)), []).append(name)
    merged = {}
    for bare, names in groups.items():
        if len(names) < 2:
            continue
        plain = [n for n in names if speaker_key(n) == bare] or names
        canonical = sorted(plain, key=lambda n: (-counts[n], n))[0]
        merged.update({n: canonical for n in names})
    return merged


def _similar_names(names: list[str]) -> dict[str, list[str]]:
    """For each one-word name, the other entries containing that word, and back
    ("Kim" <-> "Kim Jong Un", "Kim Yong Chol"): candidates to merge or to keep apart."""
    tokens = {n: strip_honorific(speaker_key(n)).split() for n in names}
    out: dict[str, list[str]] = {}
    for short, words in tokens.items():
        if len(words) != 1 or len(words[0]) < 2:
            continue
        for other, other_words in tokens.items():
            if other != short and words[0] in other_words:
                out.setdefault(short, []).append(other)
                out.setdefault(other, []).append(short)
    return out


# --------------------------------------------------------------------------- writing


def speakers_yaml(table: pd.DataFrame, *, header: str | None = None) -> str:
    """The table as researcher-editable YAML: a comment header, then one mapping per
    speaker; information columns (counts, descriptors, mentions) become comments."""
    import yaml

    lines = [("# " + h).rstrip() for h in (header or "").splitlines()]
    if lines:
        lines.append("")
    fields_order = [c for c in table.columns if c not in ("speaker", *DRAFT_COLUMNS)]
    for r in table.to_dict("records"):
        name = _text(r["speaker"])
        info = _info_comment(r)
        if info:
            lines.append(f"# {info}")
        body: dict = {}
        for c in fields_order:
            v = r.get(c)
            if c == "aliases":
                v = _alias_list(v)
            elif c in ("side", "role"):
                v = _text(v) or (UNKNOWN if c == "side" else "")
            elif not isinstance(v, (list, tuple, dict)) and _missing(v):
                v = None
            elif hasattr(v, "tolist"):
                v = v.tolist()
            body[c] = v
        dumped = yaml.safe_dump({name: body}, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000)
        lines.append(dumped.rstrip("\n"))
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _info_comment(r: dict) -> str:
    parts = []
    n, d = r.get("n_quotes"), r.get("n_docs")
    if not _missing(n) and n != "":
        n, d = int(n), int(d) if not _missing(d) and d != "" else 0
        parts.append(f"{n} quote{'s' if n != 1 else ''} in {d} document{'s' if d != 1 else ''}")
    for col, label in (("descriptors", "descriptors"), ("mentions", "also called"), ("similar", "same person as?")):
        v = r.get(col)
        if isinstance(v, str):
            v = [x for x in v.split("|") if x]
        if v is not None and len(v):
            items = [" ".join(str(x).split()) for x in list(v)[:8]]
            parts.append(f"{label}: " + "; ".join(x if len(x) <= 60 else x[:59].rstrip() + "\u2026" for x in items))
    return " | ".join(parts).replace("\n", " ")


def write_speakers(table: pd.DataFrame, path: str | os.PathLike, *, header: str | None = None) -> Path:
    """Write a speaker table atomically as YAML (``.yaml``/``.yml``, with ``header`` as
    a comment; default: editing instructions) or CSV/TSV (lists joined with ``|``)."""
    from ._io import atomic_write

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        if header is None:
            header = DRAFT_HEADER.format(origin="", name=path.name)
        text = speakers_yaml(table, header=header)
        with atomic_write(path) as fh:
            fh.write(text)
    elif suffix in CSV_SUFFIXES:
        flat = table.copy()
        for c in flat.columns:
            if flat[c].map(lambda v: isinstance(v, (list, tuple))).any():
                flat[c] = flat[c].map(lambda v: "|".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
        with atomic_write(path) as fh:
            flat.to_csv(fh, index=False, sep=CSV_SUFFIXES[suffix], lineterminator="\n")
    else:
        raise ParameterError(f"unknown speaker table format {suffix!r}; use .yaml, .yml, .csv or .tsv", source=path)
    return path
