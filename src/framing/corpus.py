"""Load a news corpus into a documents table (one row per document).

Inputs (``format`` is guessed from the path when not given):

- a ``.txt`` file: first line the title, a blank line, then the body (the layout of
  the bundled seed article and of the BBC corpus);
- a folder tree of ``.txt`` files: sub-folder names become ``section``, ``doc_id`` is
  the posix path relative to the folder; an optional sidecar ``metadata.csv`` (or
  ``.tsv``/``.jsonl``) at the top of the folder, or ``metadata=PATH``, keyed by file
  name, fills outlet/date/url/title and adds any other column;
- a table: CSV, TSV, JSON Lines, a JSON array of objects or Parquet, one row per
  document, with ``id_col``/``text_col``/``title_col``/``date_col`` naming columns
  (``doc_id`` is accepted for the id; ``outlet``, ``url``, ``section`` are read
  when present, see ``COLUMN_ALIASES``); a folder of such tables is read as shards;
  tables may be compressed (``.csv.gz``, ``.jsonl.bz2``, ``.tsv.xz``, ``.csv.zip``);
- a ``.zip`` archive of ``.txt`` files, read like a folder;
- a DataFrame, read like a table.

``text`` is exactly the decoded content (of the file, or of the cell): every later
offset indexes into it. Encodings: UTF-8 (a BOM is decoded away and recorded as
``utf-8-sig``), else cp1252, else latin-1; the one used is recorded per document in
``encoding`` and a fallback is listed in ``attrs["warnings"]``, never silent.

Bad members (unreadable, binary, undecodable, empty, oversized files; malformed JSON
lines; rows without text) raise :class:`~framing.errors.InputError` naming the file
and line/row with ``errors="raise"``, or are skipped and listed in
``df.attrs["errors"]`` as ``{"source", "reason"}`` with ``errors="collect"``.
A missing path, a corpus with no document at all, a table without the text column
and malformed options always raise.

See docs/corpus.md.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
from pathlib import Path
from typing import Any, Iterator, Mapping

import pandas as pd

from .errors import InputError, ParameterError

DOC_COLUMNS = ["doc_id", "title", "text", "outlet", "url", "section", "date", "source", "encoding", "excluded"]
# columns the loader fills itself; an input column with one of these names (other
# than the ones it reads) is kept as ``input_<name>``
RESERVED = set(DOC_COLUMNS)
MAX_BYTES = 20 * 2**20  # a single document larger than this is taken for a mistake
DEFAULT_CHUNK_SIZE = 1000
METADATA_NAMES = ("metadata.csv", "metadata.tsv", "metadata.jsonl")
METADATA_KEYS = ("file", "filename", "file_name", "path", "doc_id", "id", "name")
TEXT_SUFFIXES = (".txt",)
TABLE_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}
FORMATS = ("txt", "csv", "tsv", "jsonl", "json", "parquet")
# documents-table column <- first input column of these names (when no column has the name itself)
COLUMN_ALIASES = {
    "outlet": ("outlet", "publication", "publisher", "source_name", "source"),
    "url": ("url", "link"),
    "section": ("section", "category"),
}
FALLBACK_ENCODINGS = ("cp1252", "latin-1")
DROPPED = "dropped: exact duplicate of"
# UTF-8 read as cp1252/latin-1 and saved again: "â€™" for "’", "Ã©" for "é", "Â " for a no-break space
_MOJIBAKE = re.compile("\u00e2\u20ac[\u2122\u0153\u009d\u02dc\u201c\u201d\u00a6\u2018\u2019\u201a\u00a2\u201e\u2026\u0080-\u00bf]"
                       "|\u00c3[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
                       "|\u00c2[\u00a0-\u00bf]")
# control characters that do not occur in text; \x0b (line break in word-processor exports),
# \x1c-\x1e (separators) and \x85 (NEL) do, so they are not counted
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")
_HINT = "fix or remove it, or skip bad members with errors='collect' (CLI: without --strict)"


# --------------------------------------------------------------------------- decoding


def decode_bytes(data: bytes, *, encoding: str | None = None, source: str | os.PathLike | None = None) -> tuple[str, str]:
    """Decode one document's bytes; return ``(text, encoding_used)``.

    With ``encoding=None``: a UTF-8 BOM gives ``utf-8-sig`` (BOM removed), a UTF-16 BOM
    ``utf-16``; else UTF-8, then cp1252, then latin-1. Raises InputError for binary
    data (NUL bytes), for text that decodes only to control characters, and for
    bytes that do not decode with an explicit ``encoding``.
    """
    if encoding:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise ParameterError(f"unknown encoding {encoding!r}; use e.g. utf-8, cp1252, latin-1") from None
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as err:
            raise InputError(
                f"undecodable bytes: byte 0x{data[err.start]:02x} at offset {err.start} is not valid {encoding}; "
                "give the right encoding or convert the file to UTF-8",
                source=source,
            ) from None
        return text, encoding
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-8-sig"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary file (NUL byte at offset {nul}), not text; {_HINT}", source=source)
    try:
        text, used = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        for used in FALLBACK_ENCODINGS:
            try:
                text = data.decode(used)
                break
            except UnicodeDecodeError:
                continue
    if text and _looks_binary(text):
        bad = _CONTROL.search(text)
        first = bad.start() if bad else 0
        if used == "utf-8":  # valid UTF-8, but not text
            raise InputError(
                f"control characters: {len(_CONTROL.findall(text))} of {len(text)} characters (more than 1%, "
                f"first at character {first}) are control characters, not text; {_HINT}",
                source=source,
            )
        raise InputError(
            f"undecodable bytes: not UTF-8, and decoded as {used} it is mostly control characters "
            f"(first at character {first}); convert it to UTF-8 or give its encoding; {_HINT}",
            source=source,
        )
    return text, used


# the ASCII characters of _CONTROL, as bytes
_CONTROL_ASCII = bytes([*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F])


def _control_count(text: str) -> int:
    """How many :data:`_CONTROL` characters ``text`` holds (ASCII text: counted by
    ``bytes.translate`` at memory speed instead of the regex)."""
    if text.isascii():
        data = text.encode("ascii")
        return len(data) - len(data.translate(None, _CONTROL_ASCII))
    return len(_CONTROL.findall(text))


def _looks_binary(text: str) -> bool:
    """More than 1% control characters (other than tab, newlines, form feed and the
    separators above), and either at least 16 of them or more than half the text: a few
    stray escapes in a short article do not make it binary."""
    n = _control_count(text)
    return n > 0.01 * len(text) and (n >= 16 or n > 0.5 * len(text))


def read_text_file(path: str | os.PathLike, *, encoding: str | None = None, max_bytes: int | None = MAX_BYTES) -> tuple[str, str]:
    """Read one text file; return ``(text, encoding_used)`` (see :func:`decode_bytes`).

    Raises InputError for an unreadable, empty (or whitespace-only), oversized,
    binary or undecodable file.
    """
    path = (path if isinstance(path, Path) else Path(path)).expanduser()
    try:
        size = path.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise InputError(
                f"file too large ({size:,} bytes > max_bytes={max_bytes:,}); split it into documents or raise max_bytes",
                source=path,
            )
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read file ({err.strerror or err}); check its permissions; {_HINT}", source=path) from None
    return _decode_document(data, path, encoding)


def _decode_document(data: bytes, source, encoding: str | None) -> tuple[str, str]:
    """Decode one document's bytes; InputError when empty, binary or undecodable."""
    if not data.strip():
        raise InputError(f"empty file{' (only whitespace)' if data else ''}; {_HINT}", source=source)
    text, used = decode_bytes(data, encoding=encoding, source=source)
    if not text.strip():
        raise InputError(f"empty file (only whitespace); {_HINT}", source=source)
    return text, used


COMPRESSED = {".gz": "gzip", ".bz2": "bz2", ".xz": "lzma"}


def _table_format(path: Path) -> str | None:
    """The table format of ``path`` by suffix, looking through .gz/.bz2/.xz (and .zip for CSV/TSV)."""
    suffixes = [x.lower() for x in path.suffixes]
    if suffixes and (suffixes[-1] in COMPRESSED or suffixes[-1] == ".zip") and len(suffixes) > 1:
        fmt = TABLE_FORMATS.get(suffixes[-2])
        if suffixes[-1] == ".zip" and fmt not in ("csv", "tsv"):
            return None
        return fmt if fmt != "parquet" else None
    return TABLE_FORMATS.get(path.suffix.lower())


def _open_binary(path: Path):
    """``path`` opened for reading bytes, decompressing .gz, .bz2 and .xz."""
    kind = COMPRESSED.get(path.suffix.lower())
    if kind is None:
        return path.open("rb")
    import importlib

    return importlib.import_module(kind).open(path, "rb")


def sniff_file_encoding(path: str | os.PathLike, *, encoding: str | None = None, block: int = 1 << 22) -> str:
    """The encoding of a (possibly huge) table file, read in blocks: ``utf-8``,
    ``utf-8-sig``, ``cp1252`` or ``latin-1`` (or ``encoding`` when given). Raises
    InputError for binary files (NUL bytes)."""
    if encoding:
        return encoding
    path = Path(path).expanduser()
    if path.suffix.lower() == ".zip":
        return "utf-8"  # a zipped CSV/TSV: pandas reads it as UTF-8
    try:
        with _open_binary(path) as fh:
            head = fh.read(4)
    except (OSError, EOFError) as err:
        raise InputError(f"cannot read file ({getattr(err, 'strerror', None) or err})", source=path) from None
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    candidates = ["utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8", *FALLBACK_ENCODINGS]
    for enc in candidates:
        decoder = codecs.getincrementaldecoder(enc)()
        offset = 0
        try:
            with _open_binary(path) as fh:
                while chunk := fh.read(block):
                    nul = chunk.find(b"\x00")
                    if nul >= 0:
                        raise InputError(f"binary file (NUL byte at offset {offset + nul}), not a text table; "
                                         "check the file or its --format", source=path)
                    decoder.decode(chunk)
                    offset += len(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        except (OSError, EOFError) as err:
            raise InputError(f"cannot read file ({err}); check that it is complete", source=path) from None
        return enc
    return "latin-1"  # pragma: no cover - latin-1 decodes everything


# --------------------------------------------------------------------------- text files


def split_title(text: str) -> str:
    """The title of a .txt document: its first non-blank line when a blank line and
    more text follow it, or when it looks like a headline (at most 20 words, no final
    punctuation); else ``""`` (the whole file is body)."""
    lines = text.lstrip().split("\n", 2)
    first = lines[0].strip()
    if not first:
        return ""
    if len(lines) == 3 and not lines[1].strip() and lines[2].strip():
        return first
    if len(first.split()) <= 20 and first[-1] not in ".!?\"'\u201d\u2019,;:":
        return first
    return ""


# --------------------------------------------------------------------------- options


def _check_options(format, errors, chunk_size, max_bytes, cols: Mapping[str, Any]) -> str | None:
    if errors not in ("raise", "collect"):
        raise ParameterError(f"errors must be 'raise' or 'collect', not {errors!r}")
    if format is not None:
        fmt = str(format).lower().lstrip(".")
        fmt = {"text": "txt", "folder": "txt", "ndjson": "jsonl", "pq": "parquet", "tab": "tsv"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise ParameterError(f"unknown format {format!r}; use one of: {', '.join(FORMATS)}")
        format = fmt
    if not isinstance(chunk_size, int) or isinstance(chunk_size, bool) or chunk_size < 1:
        raise ParameterError(f"chunk_size must be a positive integer, not {chunk_size!r}")
    if max_bytes is not None and (not isinstance(max_bytes, int) or max_bytes < 1):
        raise ParameterError(f"max_bytes must be a positive integer or None, not {max_bytes!r}")
    for name, value in cols.items():
        if not isinstance(value, str) or not value:
            raise ParameterError(f"{name} must be a column name (a non-empty string), not {value!r}")
    return format


def _detect_format(path: Path, format: str | None) -> tuple[str, list[Path]]:
    """``(kind, members)``: kind is 'txt', 'zip' or a table format; members are files in order."""
    kind, members, _ = _detect_members(path, format)
    return kind, members


def _detect_members(path: Path, format: str | None) -> tuple[str, list[Path], list[str]]:
    """``(kind, members, ignored)``; ignored lists the other files of a folder (relative paths)."""
    if not path.exists():
        raise InputError("no such file or folder; check the path (relative paths start in the working directory)",
                         source=path)
    if path.is_file():
        if format is None and path.suffix.lower() == ".zip" and _table_format(path) is None:
            return "zip", [path], []
        fmt = format or _table_format(path) or "txt"
        return fmt, [path], []
    if not path.is_dir():
        raise InputError("not a file or folder; give a .txt file, a folder or a table", source=path)
    files = _walk(path)
    if format in (None, "txt"):
        txt = [f for f in files if f.suffix.lower() in TEXT_SUFFIXES]
        if txt or format == "txt":
            if not txt:
                raise InputError("no .txt files in this folder; check the path or give --format", source=path)
            return "txt", txt, _ignored(path, files, txt)
    tables: dict[str, list[Path]] = {}
    for f in files:
        fmt = _table_format(f)
        if fmt and f.name.lower() not in METADATA_NAMES:
            tables.setdefault(fmt, []).append(f)
    if format is not None:
        members = tables.get(format, [])
        if not members:
            raise InputError(f"no {format} files in this folder; check the path or --format", source=path)
        return format, members, _ignored(path, files, members)
    if len(tables) == 1:
        (fmt, members), = tables.items()
        return fmt, members, _ignored(path, files, members)
    if not tables:
        raise InputError("no documents: the folder holds no .txt files and no tables (.csv, .tsv, .jsonl, .json, "
                         ".parquet); check the path", source=path)
    raise InputError(f"the folder mixes table formats ({', '.join(sorted(tables))}); choose one with format= / --format",
                     source=path)


def _ignored(root: Path, files: list[Path], members: list[Path]) -> list[str]:
    """Files of the folder that are neither members nor sidecar metadata."""
    keep = set(members)
    return [f.relative_to(root).as_posix() for f in files
            if f not in keep and not (f.parent == root and f.name.lower() in METADATA_NAMES)]


def _walk(root: Path) -> list[Path]:
    """Every non-hidden file under ``root``, sorted by posix relative path."""
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith((".", "__"))]
        for name in filenames:
            if not name.startswith("."):
                out.append(Path(dirpath) / name)
    prefix = str(root).rstrip(os.sep) + os.sep if os.sep == "/" else None

    def rel(p: Path) -> str:
        s = str(p)
        return s[len(prefix):] if prefix is not None and s.startswith(prefix) else p.relative_to(root).as_posix()

    return sorted(out, key=rel)


# --------------------------------------------------------------------------- metadata


def _read_metadata(metadata, root: Path | None) -> tuple[dict[str, dict], str | None]:
    """Sidecar metadata as ``{key: {column: value}}`` and where it came from."""
    if metadata is None:
        if root is None or not root.is_dir():
            return {}, None
        for name in METADATA_NAMES:
            if (root / name).is_file():
                metadata = root / name
                break
        else:
            return {}, None
    if isinstance(metadata, Mapping):
        out = {}
        for key, fields in metadata.items():
            if not isinstance(fields, Mapping) or not all(isinstance(k, str) for k in fields):
                raise InputError(f"metadata for {key!r} must be a mapping of column names to values, "
                                 f"not {type(fields).__name__}; give {{file_name: {{'outlet': ..., 'date': ...}}}}",
                                 source="metadata")
            out[str(key)] = dict(fields)
        return out, "metadata"
    if isinstance(metadata, pd.DataFrame):
        table, source = metadata, "metadata"
    elif isinstance(metadata, (str, os.PathLike)):
        mpath = Path(metadata)
        if not mpath.is_file():
            raise InputError("metadata file not found; check the path", source=mpath)
        fmt = TABLE_FORMATS.get(mpath.suffix.lower(), "csv")
        table = _read_whole_table(mpath, fmt)
        source = str(mpath)
    else:
        raise ParameterError(f"metadata must be a file path, a DataFrame or a dict, not {type(metadata).__name__}")
    key = next((k for k in METADATA_KEYS if k in table.columns), None)
    if key is None:
        raise InputError(f"metadata needs a key column naming the file or document (one of: {', '.join(METADATA_KEYS)}); "
                         f"it has: {', '.join(map(str, table.columns))}", source=source)
    out = {}
    for n, rec in enumerate(table.to_dict("records"), start=1):
        k = str(rec.pop(key))
        if k in out:
            raise InputError(f"duplicate metadata key {k!r}; keep one row per file", source=f"{source}:row {n}")
        out[k] = rec
    return out, source


def _read_whole_table(path: Path, fmt: str) -> pd.DataFrame:
    try:
        if fmt in ("csv", "tsv"):
            enc = sniff_file_encoding(path)
            return pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str, keep_default_na=False,
                               encoding=enc)
        if fmt == "jsonl":
            return pd.read_json(path, lines=True, dtype=False)
        if fmt == "json":
            return pd.read_json(path, dtype=False)
        return pd.read_parquet(path)
    except (ValueError, OSError, pd.errors.ParserError) as err:
        raise InputError(f"cannot read table ({_first_line(err)}); check its format", source=path) from None


def _first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]


# --------------------------------------------------------------------------- chunks


class _IdSet:
    """The ids seen so far, as 64-bit digests (bounded memory on huge corpora)."""

    def __init__(self) -> None:
        self._digests: set[int] = set()

    @staticmethod
    def _key(doc_id: str) -> int:
        return int.from_bytes(hashlib.blake2b(doc_id.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "big")

    def __contains__(self, doc_id: str) -> bool:
        return self._key(doc_id) in self._digests

    def add(self, doc_id: str) -> None:
        self._digests.add(self._key(doc_id))


class _Collector:
    """Builds documents tables chunk by chunk; tracks ids, errors and warnings."""

    def __init__(self, errors: str, chunk_size: int, meta: dict[str, dict], meta_source: str | None,
                 duplicates: str = "keep"):
        self.errors = errors
        self.duplicates = duplicates
        self.texts: dict[int, str] = {}  # 64-bit digest of a text -> first doc_id (duplicates="drop")
        self.chunk_size = chunk_size
        self.meta = meta
        self.meta_source = meta_source
        self.meta_used: set[str] = set()
        self.rows: list[dict] = []
        self.bad: list[dict] = []
        self.warnings: list[dict] = []
        self.seen = _IdSet()
        self.total = 0
        self.first_bad: dict | None = None
        self.n_bad = 0
        self.ignored: list[str] = []  # other files of a folder corpus (reported once, with the first chunk)

    def fail(self, err: InputError | str, source: str) -> None:
        """A bad member: raise or record it."""
        if self.errors == "raise":
            if isinstance(err, InputError):
                raise err
            raise InputError(f"{err}; {_HINT}", source=source)
        reason = str(err)
        if isinstance(err, InputError) and err.source and reason.startswith(err.source):
            reason = reason[len(err.source):].lstrip(":").strip()
            if err.line is not None and reason.startswith(str(err.line)):
                reason = reason[len(str(err.line)):].lstrip(":").strip()
        reason = reason.split(f"; {_HINT}")[0]
        entry = {"source": source, "reason": reason}
        self.bad.append(entry)
        self.first_bad = self.first_bad or entry
        self.n_bad += 1

    def warn(self, source: str, reason: str) -> None:
        self.warnings.append({"source": source, "reason": reason})

    def add(self, row: dict) -> bool:
        """Add one document; False (after fail) when its id repeats an earlier one."""
        doc_id = row["doc_id"]
        if doc_id in self.seen:
            self.fail(f"duplicate document id {doc_id!r} (an earlier document has it); ids must be unique",
                      row["source"])
            return False
        text = row["text"]
        if self.duplicates == "drop":
            key = _IdSet._key(text)
            first = self.texts.get(key)
            if first is not None:
                self.warn(row["source"], f"{DROPPED} {first!r}")
                row.pop("_file", None)
                return False
            self.texts[key] = doc_id
        self.seen.add(doc_id)
        if _may_be_mojibake(text) and len(_MOJIBAKE.findall(text, 0, 200_000)) >= 2:
            self.warn(row["source"], "text looks double-encoded (mojibake such as '\u00e2\u20ac\u2122' for '\u2019'); "
                                     "re-export the file as UTF-8 or fix it before analysis")
        for key in (doc_id, row.pop("_file", None)):
            if key is not None and key in self.meta:
                self.meta_used.add(key)
                for col, value in self.meta[key].items():
                    col = str(col)
                    if col in ("title", "outlet", "url", "section", "date"):
                        if value is None or (isinstance(value, float) and value != value) or str(value) == "":
                            continue
                    elif col in RESERVED:
                        col = f"input_{col}"
                    row[col] = value
                break
        self.rows.append(row)
        self.total += 1
        return True

    def ready(self) -> bool:
        return len(self.rows) >= self.chunk_size

    def flush(self, force: bool = False) -> pd.DataFrame | None:
        if not self.rows and not self.bad and not self.warnings and not force:
            return None
        frame = _frame(self.rows, self)
        frame.attrs["errors"] = self.bad
        frame.attrs["warnings"] = self.warnings
        frame.attrs["ignored"], self.ignored = self.ignored, []
        self.rows, self.bad, self.warnings = [], [], []
        return frame

    def finish(self, path: Path) -> pd.DataFrame | None:
        if self.meta and self.meta_source:
            unused = [k for k in self.meta if k not in self.meta_used]
            if unused:
                self.warn(self.meta_source, f"{len(unused)} metadata row(s) match no document, e.g. {unused[0]!r}")
        if self.total == 0:
            if self.first_bad is not None:
                if self.n_bad == 1:
                    todo = "the corpus has no other document: fix or replace it"
                else:
                    todo = (f"none of the {self.n_bad} members is readable: check the path, "
                            "--format and --encoding")
                raise InputError(f"{self.first_bad['reason']}; {todo}", source=self.first_bad["source"])
            raise InputError("empty corpus: no documents found; check the path and format", source=path)
        return self.flush()


def _may_be_mojibake(text: str) -> bool:
    """Does ``text`` hold a character every :data:`_MOJIBAKE` match starts with? (A
    scan at C speed that spares the regex on nearly every document.)"""
    return not text.isascii() and ("\u00e2" in text or "\u00c3" in text or "\u00c2" in text)


def _frame(rows: list[dict], collector: _Collector) -> pd.DataFrame:
    """A documents table from row dicts: fixed columns first, then extras in order."""
    from .boilerplate import find_boilerplate

    extras: dict[str, None] = {}
    for row in rows:
        for col in row:
            if col not in RESERVED:
                extras[col] = None
    data: dict[str, list] = {col: [] for col in DOC_COLUMNS}
    for col in extras:
        data[col] = []
    raw_dates = []
    for row in rows:
        text = row["text"]
        data["doc_id"].append(row["doc_id"])
        data["title"].append(_as_str(row.get("title")))
        data["text"].append(text)
        for col in ("outlet", "url", "section"):
            data[col].append(_as_str(row.get(col)))
        raw_dates.append(row.get("date"))
        data["date"].append(None)
        data["source"].append(row["source"])
        data["encoding"].append(row["encoding"])
        data["excluded"].append(_excluded(text, data["title"][-1], find_boilerplate))
        for col in extras:
            data[col].append(row.get(col))
    data["date"] = _parse_dates(raw_dates, [r["source"] for r in rows], collector)
    frame = pd.DataFrame(data, columns=list(data))
    return frame


def _missing(value) -> bool:
    """None, NaN, NaT, pd.NA or a blank string (lists and arrays are not missing)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if not pd.api.types.is_scalar(value):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _excluded(text: str, title: str, find) -> list[list]:
    """Boilerplate spans of ``text``, except the headline line ("Watch: ..." titles)."""
    spans = find(text)
    if spans and title:
        head = len(text) - len(text.lstrip())
        spans = [sp for sp in spans if not (sp[0] == head and text[sp[0]:sp[1]] == title.strip())]
    return [list(span) for span in spans]


def _as_str(value) -> str:
    if value is None or (not isinstance(value, str) and _missing(value)):
        return ""
    return str(value)


def _parse_dates(values: list, sources: list[str], collector: _Collector) -> pd.Series:
    """Parse dates (ISO 8601 first, then any format pandas knows); NaT when absent or
    unparseable, the unparseable ones reported as warnings. Time zones go to UTC."""
    if not values:
        return pd.Series([], dtype="datetime64[ns]")
    present = [not _missing(v) for v in values]
    if not any(present):
        return pd.Series([pd.NaT] * len(values), dtype="datetime64[ns]")
    strings = pd.Series([str(v).strip() if p else None for v, p in zip(values, present)], dtype=object)
    out = _to_datetime(strings, "ISO8601")
    retry = out.isna() & pd.Series(present)
    if retry.any():
        out[retry] = _to_datetime(strings[retry], "mixed")
    for i in (out.isna() & pd.Series(present)).to_numpy().nonzero()[0]:
        collector.warn(sources[i], f"unparseable date {strings[i]!r} (set to NaT)")
    return out.astype("datetime64[ns]")


def _to_datetime(strings: pd.Series, fmt: str) -> pd.Series:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            out = pd.to_datetime(strings, errors="coerce", utc=True, format=fmt)
        except (ValueError, TypeError, OverflowError):
            out = pd.Series([_one_date(s) for s in strings], index=strings.index, dtype="datetime64[ns, UTC]")
    return out.dt.tz_convert(None).astype("datetime64[ns]")


def _one_date(value):
    try:
        return pd.to_datetime(value, utc=True)
    except (ValueError, TypeError, OverflowError):
        return pd.NaT


# --------------------------------------------------------------------------- readers


def _iter_txt(files: list[Path], root: Path, single: bool, col: _Collector, encoding, max_bytes) -> Iterator[pd.DataFrame]:
    # the relative path from the strings (pathlib's relative_to costs more than reading a short file)
    prefix = str(root).rstrip(os.sep) + os.sep if os.sep == "/" else None
    for f in files:
        source = str(f)
        if single:
            rel = f.name
        elif prefix is not None and source.startswith(prefix):
            rel = source[len(prefix):]
        else:
            rel = f.relative_to(root).as_posix()
        try:
            text, used = read_text_file(f, encoding=encoding, max_bytes=max_bytes)
        except InputError as err:
            col.fail(err, source)
            continue
        yield from _add_text(col, rel, source, text, used, single)


def _add_text(col: _Collector, rel: str, source: str, text: str, used: str, single: bool) -> Iterator[pd.DataFrame]:
    if used not in ("utf-8", "utf-8-sig"):
        col.warn(source, f"not UTF-8: decoded as {used}")
    section = "" if single or "/" not in rel else rel.rsplit("/", 1)[0]
    col.add({"doc_id": rel, "title": split_title(text), "text": text, "section": section,
             "source": source, "encoding": used, "_file": rel.rsplit("/", 1)[-1]})
    if col.ready():
        yield col.flush()


def _unsafe_member(name: str) -> bool:
    """A zip member name that points outside the archive (``..``, absolute, drive letter)."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ".." in parts or (len(name) > 1 and name[1] == ":")


def _zip_members(path: Path) -> tuple[Any, list[Any], list[str]]:
    """The open archive, its .txt members (sorted; no folders, hidden files, __MACOSX)
    and the .txt member names that point outside the archive (reported, never read)."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as err:
        raise InputError(f"not a readable zip archive ({err}); check the file", source=path) from None
    members, unsafe = [], []
    for info in archive.infolist():
        if _unsafe_member(info.filename):
            if Path(info.filename).suffix.lower() in TEXT_SUFFIXES:
                unsafe.append(info.filename)
            continue
        parts = info.filename.split("/")
        if info.is_dir() or any(p.startswith((".", "__")) for p in parts if p):
            continue
        if Path(info.filename).suffix.lower() in TEXT_SUFFIXES:
            members.append(info)
    if not members and not unsafe:
        archive.close()
        raise InputError("the zip archive holds no .txt files; unzip it and load the folder, or give a "
                         ".csv.zip/.tsv.zip table", source=path)
    return archive, sorted(members, key=lambda i: i.filename), sorted(unsafe)


def _zip_metadata(path: Path):
    """``metadata.csv`` (or .tsv) at the top of a zip archive, as a DataFrame, or None."""
    import zipfile

    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        return None  # reported when the members are read
    with archive:
        names = {n.lower(): n for n in archive.namelist()}
        for name in ("metadata.csv", "metadata.tsv"):
            if name in names:
                with archive.open(names[name]) as fh:
                    return pd.read_csv(fh, sep="\t" if name.endswith(".tsv") else ",", dtype=str,
                                       keep_default_na=False)
    return None


def _iter_zip(path: Path, col: _Collector, encoding, max_bytes) -> Iterator[pd.DataFrame]:
    archive, members, unsafe = _zip_members(path)
    with archive:
        for name in unsafe:
            source = f"{path}/{name}"
            col.fail(InputError("member name points outside the archive (absolute or '..'); not read, "
                                "rename it inside the zip", source=source), source)
        for info in members:
            source = f"{path}/{info.filename}"
            if max_bytes is not None and info.file_size > max_bytes:
                col.fail(InputError(f"file too large ({info.file_size:,} bytes > max_bytes={max_bytes:,}); "
                                    "split it into documents or raise max_bytes", source=source), source)
                continue
            try:
                data = archive.read(info)
                text, used = _decode_document(data, source, encoding)
            except InputError as err:
                col.fail(err, source)
                continue
            except Exception as err:  # zlib errors, bad CRC: one damaged member
                col.fail(InputError(f"cannot extract ({err}); {_HINT}", source=source), source)
                continue
            yield from _add_text(col, info.filename, source, text, used, False)


def _iter_records(path: Path, fmt: str, chunk_size: int, encoding) -> Iterator[tuple[list[str], Iterator[tuple[str, Any]]]]:
    """Yield ``(columns, [(source, record_or_error), ...])`` batches of a table file.

    A record is a dict; an error is an InputError for that row/line.
    """
    if fmt in ("csv", "tsv"):
        enc = sniff_file_encoding(path, encoding=encoding)
        try:
            reader = pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str, keep_default_na=False,
                                 encoding=enc, chunksize=chunk_size)
            row = 0
            for batch in reader:
                recs = batch.to_dict("records")
                yield list(batch.columns), [(f"{path}:row {row + i + 1}", r) for i, r in enumerate(recs)], enc
                row += len(recs)
        except pd.errors.EmptyDataError:
            raise InputError("empty table (no header, no rows); check the file", source=path) from None
        except (pd.errors.ParserError, ValueError, UnicodeDecodeError) as err:
            raise InputError(f"malformed {fmt.upper()} ({_first_line(err)}); fix the quoting or the delimiter, "
                             f"or give --format", source=path) from None
        return
    if fmt == "jsonl":
        enc = sniff_file_encoding(path, encoding=encoding)
        batch: list = []
        columns: dict[str, None] = {}
        with io.TextIOWrapper(_open_binary(path), encoding=enc, newline="") as fh:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                source = f"{path}:{lineno}"
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError as err:
                    batch.append((source, InputError(f"malformed JSON line ({err.msg} at character {err.pos + 1}); "
                                                     f"{_HINT}", source=path, line=lineno)))
                else:
                    if isinstance(rec, dict):
                        columns.update(dict.fromkeys(rec))
                        batch.append((source, rec))
                    else:
                        batch.append((source, InputError(f"JSON line is a {type(rec).__name__}, not an object; "
                                                         f"{_HINT}", source=path, line=lineno)))
                if len(batch) >= chunk_size:
                    yield list(columns), batch, enc
                    batch = []
        if batch or not columns:
            yield list(columns), batch, enc
        return
    if fmt == "json":
        enc = sniff_file_encoding(path, encoding=encoding)
        try:
            with io.TextIOWrapper(_open_binary(path), encoding=enc) as fh:
                data = json.load(fh)
        except json.JSONDecodeError as err:
            raise InputError(f"malformed JSON ({err.msg} at column {err.colno}); fix the file", source=path,
                             line=err.lineno) from None
        if isinstance(data, dict):
            for key in ("documents", "data", "articles", "records", "items"):
                if isinstance(data.get(key), list):
                    data = data[key]
                    break
        if not isinstance(data, list):
            raise InputError("a JSON corpus must be an array of objects (one per document); use JSON Lines "
                             "for one object per line", source=path)
        columns = {}
        for rec in data:
            if isinstance(rec, dict):
                columns.update(dict.fromkeys(rec))
        for start in range(0, max(len(data), 1), chunk_size):
            batch = []
            for i, rec in enumerate(data[start:start + chunk_size], start=start + 1):
                source = f"{path}:row {i}"
                if isinstance(rec, dict):
                    batch.append((source, rec))
                else:
                    batch.append((source, InputError(f"item is a {type(rec).__name__}, not an object; {_HINT}",
                                                     source=source)))
            yield list(columns), batch, enc
        return
    # parquet
    try:
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(path)
        columns = list(pf.schema_arrow.names)
        row = 0
        for rb in pf.iter_batches(batch_size=chunk_size):
            recs = rb.to_pandas().to_dict("records")
            yield columns, [(f"{path}:row {row + i + 1}", r) for i, r in enumerate(recs)], "parquet"
            row += len(recs)
        if pf.metadata.num_rows == 0:
            yield columns, [], "parquet"
    except ImportError:  # pragma: no cover - pyarrow is a dependency
        raise InputError("reading Parquet needs pyarrow; pip install pyarrow", source=path) from None
    except OSError as err:
        raise InputError(f"not a readable Parquet file ({_first_line(err)}); check the file or --format",
                         source=path) from None


def _pick(columns: list[str], wanted: str, fallbacks: tuple[str, ...] = ()) -> str | None:
    for name in (wanted, *fallbacks):
        if name in columns:
            return name
    return None


_TEXT_GUESSES = ("body", "content", "article", "story", "full_text", "fulltext", "text_body", "maintext")


def _iter_tables(files: list[Path], root: Path, fmt: str, col: _Collector, *, id_col, text_col, title_col,
                 date_col, encoding, max_bytes, chunk_size) -> Iterator[pd.DataFrame]:
    for f in files:
        shard = f.stem if f == root else f.relative_to(root).with_suffix("").as_posix()
        try:
            size = f.stat().st_size
            blank = size == 0 or (size < 4096 and not f.read_bytes().strip())
        except OSError as err:
            col.fail(InputError(f"cannot read file ({err.strerror or err}); {_HINT}", source=f), str(f))
            continue
        if blank:
            col.fail(InputError(f"empty file; {_HINT}", source=f), str(f))
            continue
        yield from _iter_batches(_iter_records(f, fmt, chunk_size, encoding), f, shard, col, id_col=id_col,
                                 text_col=text_col, title_col=title_col, date_col=date_col, max_bytes=max_bytes)


def _iter_batches(batches, f, shard: str, col: _Collector, *, id_col, text_col, title_col, date_col,
                  max_bytes) -> Iterator[pd.DataFrame]:
    """Documents from ``(columns, [(source, record)], encoding)`` batches of one table."""
    checked = False
    for columns, batch, enc in batches:
        if not checked:
            checked = True
            if text_col not in columns:
                guess = [c for c in columns if str(c).lower() in _TEXT_GUESSES]
                hint = f" (maybe --text-col {guess[0]})" if guess else ""
                shown = ", ".join(map(str, columns[:12])) + (" ..." if len(columns) > 12 else "")
                raise InputError(f"no text column {text_col!r}; columns are: {shown or '(none)'}; name the "
                                 f"column holding the article text with text_col= / --text-col{hint}", source=f)
            id_name = _pick(columns, id_col, ("doc_id",) if id_col == "id" else ())
            if id_name is None:
                col.warn(str(f), f"no id column {id_col!r}: doc_id is made from the text (name:hash); "
                                 "give id_col= / --id-col for ids you control")
            aliases = {k: _pick(columns, k, v) for k, v in COLUMN_ALIASES.items()}
            used = {text_col, id_name, title_col, date_col, *aliases.values()}
            renames = {c: (f"input_{c}" if c in RESERVED else c) for c in columns if c not in used}
            if enc not in ("utf-8", "utf-8-sig", "parquet"):
                col.warn(str(f), f"not UTF-8: decoded as {enc}")
        for source, rec in batch:
            if isinstance(rec, InputError):
                col.fail(rec, source)
                continue
            text = rec.get(text_col)
            if text is None or (isinstance(text, float) and text != text) or (isinstance(text, str) and not text.strip()):
                col.fail(f"row without text (column {text_col!r} is empty)", source)
                continue
            if not isinstance(text, str):
                col.fail(f"text is a {type(text).__name__}, not a string", source)
                continue
            if max_bytes is not None and len(text) * 4 > max_bytes and len(text.encode("utf-8")) > max_bytes:
                col.fail(f"text too large (> max_bytes={max_bytes:,}); split it or raise max_bytes", source)
                continue
            if id_name is not None:
                raw = rec.get(id_name)
                doc_id = _as_str(raw)
                if isinstance(raw, float) and raw == raw and raw.is_integer():
                    doc_id = str(int(raw))
                if not doc_id.strip():
                    col.fail(f"row without id (column {id_name!r} is empty)", source)
                    continue
            else:
                doc_id = _content_id(shard, rec.get(title_col), text, col.seen)
            row = {"doc_id": doc_id, "text": text, "title": rec.get(title_col), "date": rec.get(date_col),
                   "source": source, "encoding": enc if enc != "parquet" else "utf-8"}
            for key, name in aliases.items():
                if name is not None:
                    row[key] = rec.get(name)
            for c, new in renames.items():
                row[new] = rec.get(c)
            col.add(row)
            if col.ready():
                yield col.flush()


def _content_id(shard: str, title, text: str, seen) -> str:
    """``shard:hash`` of title and text (``~2``, ``~3`` for exact repeats)."""
    digest = hashlib.sha1(f"{_as_str(title)}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()[:12]
    base = f"{shard}:{digest}"
    doc_id, n = base, 1
    while doc_id in seen:
        n += 1
        doc_id = f"{base}~{n}"
    return doc_id


# --------------------------------------------------------------------------- public


def iter_documents(
    path: str | os.PathLike,
    *,
    format: str | None = None,
    id_col: str = "id",
    text_col: str = "text",
    title_col: str = "title",
    date_col: str = "date",
    metadata=None,
    errors: str = "raise",
    max_bytes: int | None = MAX_BYTES,
    encoding: str | None = None,
    duplicates: str = "keep",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> Iterator[pd.DataFrame]:
    """The corpus at ``path`` as documents tables of at most ``chunk_size`` rows, in a
    deterministic order (sorted paths, then file order), in bounded memory.

    Each chunk's ``attrs["errors"]`` lists the members skipped while reading it
    (``errors="collect"``) and ``attrs["warnings"]`` encoding fallbacks, unparseable
    dates and unused metadata. Options as in :func:`load_corpus`. A corpus with no
    document at all raises InputError (after the last chunk).
    """
    format = _check_options(format, errors, chunk_size, max_bytes,
                            {"id_col": id_col, "text_col": text_col, "title_col": title_col, "date_col": date_col})
    if duplicates not in ("keep", "drop"):
        raise ParameterError(f"duplicates must be 'keep' or 'drop', not {duplicates!r}")
    if isinstance(path, pd.DataFrame):
        yield from _iter_frame(path, id_col=id_col, text_col=text_col, title_col=title_col, date_col=date_col,
                               metadata=metadata, errors=errors, max_bytes=max_bytes, chunk_size=chunk_size,
                               duplicates=duplicates)
        return
    path = Path(path).expanduser()
    kind, files, ignored = _detect_members(path, format)
    root = path if path.is_dir() else path.parent
    if kind == "zip" and metadata is None:
        metadata = _zip_metadata(path)
    meta, meta_source = _read_metadata(metadata, path if path.is_dir() else None)
    if kind == "zip" and meta_source == "metadata":
        meta_source = f"{path}/metadata.csv"
    col = _Collector(errors, chunk_size, meta, meta_source, duplicates)
    col.ignored = ignored
    if kind == "zip":
        yield from _iter_zip(path, col, encoding, max_bytes)
    elif kind == "txt":
        yield from _iter_txt(files, root, path.is_file(), col, encoding, max_bytes)
    else:
        yield from _iter_tables(files, path if path.is_file() else root, kind, col, id_col=id_col, text_col=text_col,
                                title_col=title_col, date_col=date_col, encoding=encoding, max_bytes=max_bytes,
                                chunk_size=chunk_size)
    last = col.finish(path)
    if last is not None:
        yield last


def _iter_frame(frame: pd.DataFrame, *, id_col, text_col, title_col, date_col, metadata, errors, max_bytes,
                chunk_size, duplicates) -> Iterator[pd.DataFrame]:
    """Documents from an in-memory table (``source`` = ``DataFrame:row N``, 1-based)."""
    meta, meta_source = _read_metadata(metadata, None)
    col = _Collector(errors, chunk_size, meta, meta_source, duplicates)
    columns = [str(c) for c in frame.columns]
    frame = frame.set_axis(columns, axis=1)

    def batches():
        for start in range(0, max(len(frame), 1), chunk_size):
            recs = frame.iloc[start:start + chunk_size].to_dict("records")
            yield columns, [(f"DataFrame:row {start + i + 1}", r) for i, r in enumerate(recs)], "utf-8"

    yield from _iter_batches(batches(), "DataFrame", "DataFrame", col, id_col=id_col, text_col=text_col,
                             title_col=title_col, date_col=date_col, max_bytes=max_bytes)
    last = col.finish("DataFrame")
    if last is not None:
        yield last


def load_corpus(
    path: str | os.PathLike,
    *,
    format: str | None = None,
    id_col: str = "id",
    text_col: str = "text",
    title_col: str = "title",
    date_col: str = "date",
    metadata=None,
    errors: str = "raise",
    max_bytes: int | None = MAX_BYTES,
    encoding: str | None = None,
    duplicates: str = "keep",
) -> pd.DataFrame:
    """Load a corpus into a documents table (columns in docs/tables.md).

    Parameters
    ----------
    path : a .txt file, a folder of .txt files (sub-folders -> ``section``), a
        .csv/.tsv/.jsonl/.json/.parquet table (or a folder of such tables), or a
        DataFrame with the same columns as a table.
    format : ``txt``, ``csv``, ``tsv``, ``jsonl``, ``json`` or ``parquet`` when the
        suffix does not tell.
    id_col, text_col, title_col, date_col : column names in tables (``doc_id`` is also
        accepted for the id; without an id column the id is ``name:hash-of-text``).
    metadata : sidecar metadata (a file path, a DataFrame or ``{key: {column: value}}``)
        keyed by file name or doc_id; a folder's ``metadata.csv`` is used by default.
    errors : ``"raise"`` (first bad member raises InputError) or ``"collect"`` (skip
        and list in ``attrs["errors"]``).
    max_bytes : largest document accepted (bytes).
    encoding : force one encoding instead of detecting UTF-8 / cp1252 / latin-1.
    duplicates : ``"keep"`` (default) or ``"drop"``: skip a document whose text repeats an
        earlier one exactly (listed in ``attrs["warnings"]`` as ``dropped: exact duplicate of ...``).

    Returns the documents DataFrame with ``attrs["errors"]`` (skipped members),
    ``attrs["warnings"]`` (encoding fallbacks, unparseable dates, mojibake, dropped
    duplicates, unused metadata) and ``attrs["ignored"]`` (other files of a folder).
    """
    chunks = list(iter_documents(path, format=format, id_col=id_col, text_col=text_col, title_col=title_col,
                                 date_col=date_col, metadata=metadata, errors=errors, max_bytes=max_bytes,
                                 encoding=encoding, duplicates=duplicates, chunk_size=DEFAULT_CHUNK_SIZE * 100))
    errs = [e for c in chunks for e in c.attrs.get("errors", [])]
    warns = [w for c in chunks for w in c.attrs.get("warnings", [])]
    ignored = [f for c in chunks for f in c.attrs.get("ignored", [])]
    nonempty = [c for c in chunks if len(c)]
    if len(nonempty) == 1:
        df = nonempty[0]
    else:
        df = pd.concat(nonempty, ignore_index=True, sort=False)
        for c in ("outlet", "url", "section", "title"):
            df[c] = df[c].fillna("")
    df.attrs = {"errors": errs, "warnings": warns, "ignored": ignored}
    return df


class CorpusSummary:
    """Counts a researcher checks after loading, accumulated chunk by chunk (bounded
    memory: per document only its word count and a 64-bit digest of its text are kept).

    ``add(chunk)`` for each documents table (e.g. from :func:`iter_documents`), then
    ``result()``: documents, words, dates, outlets, sections, boilerplate spans,
    encodings and fallbacks, exact duplicates, skipped members, warnings, ignored files.
    """

    def __init__(self) -> None:
        import collections

        self.n = 0
        self.chars = 0
        self.lengths: list[int] = []
        self.untitled = 0
        self.date_min = self.date_max = None
        self.dated = 0
        self.outlets: collections.Counter = collections.Counter()
        self.sections: collections.Counter = collections.Counter()
        self.encodings: collections.Counter = collections.Counter()
        self.reasons: collections.Counter = collections.Counter()
        self.spans = 0
        self.boiler_docs = 0
        self.fallbacks: list[dict] = []
        self.digests: set[int] = set()
        self.duplicates = 0
        self.skipped: list[dict] = []
        self.warnings: list[dict] = []
        self.ignored: list[str] = []

    def add(self, documents: pd.DataFrame) -> "CorpusSummary":
        self.skipped.extend(documents.attrs.get("errors", []) or [])
        self.warnings.extend(documents.attrs.get("warnings", []) or [])
        self.ignored.extend(documents.attrs.get("ignored", []) or [])
        if not len(documents):
            return self
        self.n += len(documents)
        self.lengths.extend(documents["text"].str.split().str.len().astype(int).tolist())
        self.chars += int(documents["text"].str.len().sum())
        self.untitled += int((documents["title"] == "").sum())
        dates = documents["date"].dropna()
        if len(dates):
            lo, hi = dates.min(), dates.max()
            self.date_min = lo if self.date_min is None else min(self.date_min, lo)
            self.date_max = hi if self.date_max is None else max(self.date_max, hi)
            self.dated += len(dates)
        for counter, col in ((self.outlets, "outlet"), (self.sections, "section"), (self.encodings, "encoding")):
            values = documents[col]
            counter.update(str(v) for v in values[values != ""].tolist())
        for source, enc in zip(documents["source"].tolist(), documents["encoding"].tolist()):
            if enc not in ("utf-8", "utf-8-sig"):
                self.fallbacks.append({"source": source, "encoding": enc})
        for ex in documents["excluded"].tolist():
            if ex is not None and len(ex):
                self.boiler_docs += 1
                self.spans += len(ex)
                self.reasons.update(str(span[2]) for span in ex)
        for text in documents["text"].tolist():
            key = _IdSet._key(text)
            if key in self.digests:
                self.duplicates += 1
            else:
                self.digests.add(key)
        return self

    def result(self) -> dict:
        import statistics

        lengths = self.lengths
        return {
            "documents": self.n,
            "words": int(sum(lengths)),
            "characters": self.chars,
            "words_per_document": {"median": float(statistics.median(lengths)), "min": int(min(lengths)),
                                   "max": int(max(lengths))} if lengths else None,
            "untitled": self.untitled,
            "date_min": None if self.date_min is None else self.date_min.isoformat(),
            "date_max": None if self.date_max is None else self.date_max.isoformat(),
            "documents_with_date": self.dated,
            "outlets": dict(self.outlets.most_common()),
            "sections": dict(self.sections.most_common()),
            "boilerplate_spans": self.spans,
            "boilerplate_documents": self.boiler_docs,
            "boilerplate_reasons": dict(self.reasons.most_common()),
            "encodings": dict(self.encodings.most_common()),
            "encoding_fallbacks": self.fallbacks,
            "duplicate_texts": self.duplicates,
            "dropped_duplicates": sum(1 for w in self.warnings if str(w.get("reason", "")).startswith(DROPPED)),
            "skipped": self.skipped,
            "ignored_files": self.ignored,
            "warnings": self.warnings,
        }


def corpus_summary(documents: pd.DataFrame) -> dict:
    """Counts a researcher checks after loading: documents, words, dates, outlets,
    sections, boilerplate spans, encoding fallbacks, duplicates, skipped members
    (see :class:`CorpusSummary` to accumulate them over chunks)."""
    return CorpusSummary().add(documents).result()
