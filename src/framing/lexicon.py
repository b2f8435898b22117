"""Dictionaries (lexicons): built-in framing lexicons and the formats researchers already have.

A :class:`Lexicon` is a name, a version, a card (sources, intent, limits) and an
``entries`` table with one row per (term, category):

- ``term``: a word (``threat``), a trailing wildcard (``nuclear*`` matches any
  token starting with "nuclear"), or a multi-word expression (``human rights``,
  ``nuclear* weapon*``; each word may end in ``*``);
- ``category``: the category name (nested categories flattened with ``sep``,
  e.g. ``economy.jobs``);
- ``weight``: a number, 1.0 unless the file gives one.

:func:`load_lexicon` reads a built-in by name (:func:`list_lexicons`) or a file:

- LIWC-style ``.dic``: a header between ``%`` lines mapping numbers to category
  names, then one ``term<TAB>id id ...`` line per term (ids or category names);
  LIWC2007 conditional codes such as ``(02 134)125/464`` use their default (464);
- YAML (``.yml``/``.yaml``) or JSON in the quanteda dictionary layout:
  ``{category: [terms]}``, nested ``{category: {subcategory: [terms]}}`` (flattened
  to ``category.subcategory``), or ``{category: {term: weight}}`` for weights;
- Lexicoder ``.lc3``/``.lcd`` (``+category`` lines, then one term per line) and
  WordStat ``.cat`` (tab-indented categories, terms written ``WORD (1)``) and Yoshikoder
  ``.ykd`` (XML ``cnode`` categories holding ``pnode`` terms);
- CSV/TSV (``.csv``, ``.tsv``, ``.txt`` tab-separated) with columns ``term``,
  ``category`` and optionally ``weight`` (``word``/``pattern``, ``cat``/``label``
  and ``value`` are accepted as aliases).

A malformed file raises :class:`framing.errors.InputError` naming the file and line.
Tokens are defined by :data:`TOKEN_PATTERN` (used for terms and for texts alike).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Iterable, Sequence

import pandas as pd

from .errors import InputError, ParameterError

# A token: a run of word characters, with inner hyphens and apostrophes kept
# ("cease-fire", "don't", "Korea's"). Everything else separates tokens.
TOKEN_PATTERN = r"\w+(?:[-'\u2019]\w+)*"
TOKEN_RE = re.compile(TOKEN_PATTERN)
ENTRY_COLUMNS = ["term", "category", "weight"]
FORMATS = {".dic": "dic", ".lc3": "lexicoder", ".lcd": "lexicoder", ".cat": "wordstat", ".ykd": "yoshikoder", ".yml": "yaml", ".yaml": "yaml", ".json": "json", ".csv": "csv", ".tsv": "tsv", ".txt": "tsv"}


@dataclass(frozen=True)
class Lexicon:
    """A dictionary: ``entries`` (term, category, weight) plus name, version and card."""

    name: str
    entries: pd.DataFrame
    version: str = ""
    card: str = ""
    source: str = ""
    categories: tuple[str, ...] = field(default=())

    def __post_init__(self):
        if not self.categories:
            declared = list(self.entries.attrs.get("categories") or [])
            cats = tuple(dict.fromkeys(declared + self.entries["category"].tolist()))
            object.__setattr__(self, "categories", cats)

    def __repr__(self) -> str:
        v = f" {self.version}" if self.version else ""
        return f"<Lexicon {self.name}{v}: {len(self.entries)} entries in {len(self.categories)} categories>"

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def content_hash(self) -> str:
        """SHA-256 of the name, categories and entries: changes whenever matching could."""
        import hashlib

        h = hashlib.sha256()
        h.update(self.name.encode())
        h.update("\x1f".join(self.categories).encode())
        for term, cat, weight in self.entries[ENTRY_COLUMNS].itertuples(index=False):
            h.update(f"\x1e{term}\x1f{cat}\x1f{float(weight)!r}".encode())
        return h.hexdigest()

    def summary(self) -> pd.DataFrame:
        """Per category: ``category``, ``n_terms``, ``n_wildcards``, ``n_phrases``, ``examples``."""
        rows = []
        for cat in self.categories:
            terms = self.entries.loc[self.entries["category"] == cat, "term"].tolist()
            rows.append({
                "category": cat,
                "n_terms": len(terms),
                "n_wildcards": sum("*" in t for t in terms),
                "n_phrases": sum(" " in t.strip() for t in terms),
                "examples": ", ".join(terms[:8]),
            })
        return pd.DataFrame(rows, columns=["category", "n_terms", "n_wildcards", "n_phrases", "examples"])

    def to_dict(self) -> dict:
        """``{category: [terms]}``, or ``{category: {term: weight}}`` when any weight is not 1."""
        weighted = bool((self.entries["weight"] != 1.0).any())
        out: dict = {}
        for cat in self.categories:
            sub = self.entries[self.entries["category"] == cat]
            if weighted:
                out[cat] = {t: float(w) for t, w in zip(sub["term"], sub["weight"])}
            else:
                out[cat] = sub["term"].tolist()
        return out

    def write(self, path: str | Path) -> Path:
        """Write as YAML (``.yml``/``.yaml``), JSON, CSV or TSV, atomically."""
        from ._io import atomic_write, write_table

        path = Path(path)
        fmt = FORMATS.get(path.suffix.lower())
        if fmt in ("csv", "tsv"):
            return write_table(self.entries[ENTRY_COLUMNS], path if path.suffix != ".txt" else path.with_suffix(".tsv"))
        if fmt not in ("yaml", "json"):
            raise ParameterError(f"cannot write a lexicon as {path.suffix!r}; use .yaml, .json, .csv or .tsv", source=path)
        with atomic_write(path) as fh:
            if fmt == "json":
                json.dump(self.to_dict(), fh, indent=2, ensure_ascii=False)
                fh.write("\n")
            else:
                import yaml

                if self.card:
                    fh.write("".join(f"# {line}\n".replace("# \n", "#\n") for line in self.card.strip().splitlines()))
                yaml.safe_dump(self.to_dict(), fh, sort_keys=False, allow_unicode=True, width=100)
        return path


# --- terms ----------------------------------------------------------------------------


def term_patterns(term: str, *, case_sensitive: bool = False) -> tuple[tuple[str, bool], ...]:
    """A term as a tuple of ``(token, is_prefix)`` patterns, tokenized like texts.

    ``"Nuclear* threat"`` -> ``(("nuclear", True), ("threat", False))``. Raises
    ``ValueError`` for an empty term, a lone ``*`` or a ``*`` not at a word's end.
    """
    if not case_sensitive:
        term = term.lower()
    term = term.replace("\u2019", "'")
    out: list[tuple[str, bool]] = []
    for piece in term.split():
        prefix = piece.endswith("*")
        core = piece.rstrip("*")
        if "*" in core:
            raise ValueError(f"term {term!r}: '*' is only supported at the end of a word")
        toks = TOKEN_RE.findall(core)
        if not toks:
            if prefix:
                raise ValueError(f"term {term!r}: a wildcard needs at least one letter before '*'")
            continue
        out += [(t, False) for t in toks[:-1]] + [(toks[-1], prefix)]
    if not out:
        raise ValueError(f"term {term!r} has no word characters")
    return tuple(out)


def _entries(rows: Iterable[tuple[str, str, float, int | None]], source: str) -> pd.DataFrame:
    """Validate (term, category, weight, line) rows into an entries table (first occurrence wins)."""
    seen: set[tuple[str, str]] = set()
    out = []
    categories: dict[str, None] = {}
    for term, cat, weight, line in rows:
        cat = str(cat).strip()
        if term is None:  # a category declared with an empty list
            categories.setdefault(cat, None)
            continue
        term = " ".join(str(term).split())
        if not term:
            raise InputError("empty term; give a word, a phrase or a wildcard like 'nuclear*'", source=source, line=line)
        if not cat:
            raise InputError(f"term {term!r} has no category", source=source, line=line)
        try:
            term_patterns(term)
        except ValueError as err:
            raise InputError(f"{err}; fix or remove this entry", source=source, line=line) from None
        try:
            weight = float(weight)
        except (TypeError, ValueError):
            raise InputError(f"weight {weight!r} of term {term!r} is not a number", source=source, line=line) from None
        if weight != weight:
            raise InputError(f"weight of term {term!r} is missing (NaN)", source=source, line=line)
        key = (term.lower(), cat)
        categories.setdefault(cat, None)
        if key in seen:
            continue
        seen.add(key)
        out.append((term, cat, weight))
    if not out:
        raise InputError("the dictionary has no entries", source=source)
    df = pd.DataFrame(out, columns=ENTRY_COLUMNS)
    df["weight"] = df["weight"].astype(float)
    df.attrs["categories"] = list(categories)
    return df


# --- readers ----------------------------------------------------------------------------

_CONDITIONAL = re.compile(r"^\(([^)]*)\)(\w+)(?:/(\w+))?$")


def read_dic(path: str | Path, text: str | None = None) -> pd.DataFrame:
    """Entries of a LIWC-style ``.dic`` file (see module docstring)."""
    source = str(path)
    text = _read_text(path) if text is None else text
    lines = text.splitlines()
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i == len(lines) or lines[i].strip() != "%":
        raise InputError("a .dic file starts with a '%' line, then 'number<TAB>category' lines, then '%'",
                         source=source, line=i + 1 if i < len(lines) else None)
    cats: dict[str, str] = {}
    i += 1
    while i < len(lines) and lines[i].strip() != "%":
        line = lines[i].strip()
        i += 1
        if not line:
            continue
        parts = line.split(None, 1)
        if len(parts) != 2:
            raise InputError(f"header line {line!r} should be 'number<TAB>category name'", source=source, line=i)
        cats[parts[0]] = parts[1].strip()
    if i == len(lines):
        raise InputError("the category header is never closed by a '%' line", source=source, line=len(lines))
    names = set(cats.values())
    rows = []
    for n, raw in enumerate(lines[i + 1:], start=i + 2):
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        line = re.sub(r"\(([^)]*)\)", lambda m: "(" + ",".join(m.group(1).split()) + ")", line)
        tokens = line.replace("\t", " ").split()
        ids: list[str] = []
        while len(tokens) > 1:
            tok = tokens[-1]
            cond = _CONDITIONAL.match(tok)
            if tok in cats or tok in names:
                ids.append(tok)
            elif cond:
                ids.append(cond.group(3) or cond.group(2))
            elif tok.isdigit() or tok.startswith("("):
                raise InputError(f"category id {tok!r} is not declared in the '%' header", source=source, line=n)
            else:
                break
            tokens.pop()
        if not ids:
            raise InputError(f"line {line!r} has no category id; write 'term<TAB>id [id ...]'", source=source, line=n)
        term = " ".join(tokens)
        for cid in reversed(ids):
            if cid not in cats and cid in names:
                rows.append((term, cid, 1.0, n))
            elif cid in cats:
                rows.append((term, cats[cid], 1.0, n))
            else:  # a conditional default that is not declared
                raise InputError(f"category id {cid!r} is not declared in the '%' header", source=source, line=n)
    return _entries(rows, source)


def read_lexicoder(path: str | Path, text: str | None = None) -> pd.DataFrame:
    """Entries of a Lexicoder dictionary (``.lc3``/``.lcd``, e.g. the Lexicoder Sentiment
    Dictionary or the Policy Agendas topic dictionaries): a ``+category`` line, then one
    term per line (``abandon*``, ``a lie``) until the next ``+`` line; blank lines are ignored."""
    source = str(path)
    text = _read_text(path) if text is None else text
    rows: list = []
    cat = None
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("+"):
            cat = line[1:].strip()
            if not cat:
                raise InputError("a '+' line needs a category name after the '+'", source=source, line=n)
            rows.append((None, cat, 1.0, n))
            continue
        if cat is None:
            raise InputError(f"term {line!r} comes before any '+category' line", source=source, line=n)
        rows.append((line, cat, 1.0, n))
    return _entries(rows, source)


_WORDSTAT_TERM = re.compile(r"^(.*\S)\s+\(\s*-?\d+(?:\.\d+)?\s*\)$")


def _leaf_categories(rows: list, sep: str) -> list:
    """``rows`` without the declarations of categories that only hold subcategories (they get
    no rate column of their own); an empty leaf category stays declared."""
    declared = [r[1] for r in rows if r[0] is None]
    parents = {c for c in declared if any(o.startswith(c + sep) for o in declared)}
    return [r for r in rows if not (r[0] is None and r[1] in parents)]


def read_wordstat(path: str | Path, text: str | None = None, *, sep: str = ".") -> pd.DataFrame:
    """Entries of a WordStat dictionary (``.cat``): categories and terms indented by tabs,
    terms written ``WORD (1)``. Nested categories are joined with ``sep``; terms are
    lower-cased (WordStat ignores case) and ``_`` between words becomes a space; the number
    in parentheses is ignored, as quanteda does."""
    source = str(path)
    text = _read_text(path) if text is None else text
    rows: list = []
    stack: list[tuple[int, str]] = []  # (indent, category name) of the open categories
    for n, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        indent = len(raw) - len(raw.lstrip("\t"))  # depth = leading tabs
        body = raw.strip()
        term = _WORDSTAT_TERM.match(body)
        while stack and stack[-1][0] >= indent:  # close the categories at this depth or deeper
            stack.pop()
        if term is None:
            stack.append((indent, body))
            rows.append((None, sep.join(c for _, c in stack), 1.0, n))
            continue
        if not stack:
            raise InputError(f"term {body!r} is not indented under a category", source=source, line=n)
        word = re.sub(r"(?<=\w)_(?=\w)", " ", term.group(1)).lower()
        rows.append((word, sep.join(c for _, c in stack), 1.0, n))
    return _entries(_leaf_categories(rows, sep), source)


def read_yoshikoder(path: str | Path, text: str | None = None, *, sep: str = ".") -> pd.DataFrame:
    """Entries of a Yoshikoder dictionary (``.ykd``, XML): each ``cnode`` is a category
    (nested ones joined with ``sep``), each ``pnode`` a term of the category around it."""
    import xml.etree.ElementTree as ET

    source = str(path)
    text = _read_text(path) if text is None else text
    try:
        root = ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as err:
        raise InputError(f"not valid Yoshikoder XML ({str(err).split(':')[0]})", source=source,
                         line=err.position[0] if getattr(err, "position", None) else None) from None
    if root.tag != "dictionary":
        raise InputError(f"a .ykd file has a <dictionary> root element, not <{root.tag}>", source=source, line=1)
    rows: list = []

    def walk(node, path_: tuple[str, ...]) -> None:
        for child in node:
            name = (child.get("name") or "").strip()
            if child.tag == "cnode":
                if not name:
                    raise InputError("a <cnode> without a name", source=source)
                rows.append((None, sep.join(path_ + (name,)), 1.0, None))
                walk(child, path_ + (name,))
            elif child.tag == "pnode":
                if not path_:
                    raise InputError(f"term {name!r} is not inside a <cnode> category", source=source)
                rows.append((name, sep.join(path_), 1.0, None))

    walk(root, ())
    return _entries(_leaf_categories(rows, sep), source)


def _read_text(path: str | Path) -> str:
    path = Path(path)
    if not path.exists():
        raise InputError("no such dictionary file; give a path or a built-in name (framing lexicon list)", source=path)
    data = path.read_bytes()
    for enc in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _flatten_yaml_node(node, prefix: str, sep: str, source: str, rows: list) -> None:
    """Walk a composed YAML mapping (keeps line numbers) into (term, cat, weight, line) rows."""
    import yaml

    for key_node, value in node.value:
        cat = f"{prefix}{sep}{key_node.value}" if prefix else str(key_node.value)
        line = key_node.start_mark.line + 1
        if isinstance(value, yaml.SequenceNode):
            rows.append((None, cat, 1.0, line))  # keeps the category (and its order) even when empty
            for item in value.value:
                iline = item.start_mark.line + 1
                if isinstance(item, yaml.ScalarNode):
                    rows.append((item.value, cat, 1.0, iline))
                elif isinstance(item, yaml.MappingNode) and len(item.value) == 1 and isinstance(item.value[0][1], yaml.ScalarNode):
                    rows.append((item.value[0][0].value, cat, item.value[0][1].value, iline))
                else:
                    raise InputError(f"category {cat!r}: list items must be terms (or 'term: weight')", source=source, line=iline)
        elif isinstance(value, yaml.MappingNode):
            if value.value and all(isinstance(v, yaml.ScalarNode) for _, v in value.value):
                for k, v in value.value:
                    rows.append((k.value, cat, v.value, k.start_mark.line + 1))
            else:
                _flatten_yaml_node(value, cat, sep, source, rows)
        elif isinstance(value, yaml.ScalarNode) and value.value not in ("", "~", "null"):
            rows.append((value.value, cat, 1.0, value.start_mark.line + 1))
        else:
            raise InputError(f"category {cat!r} has no terms; give a list of terms", source=source, line=line)


def read_yaml(path: str | Path, text: str | None = None, *, sep: str = ".") -> pd.DataFrame:
    """Entries of a YAML dictionary in the quanteda layout (nested categories joined by ``sep``)."""
    import yaml

    source = str(path)
    text = _read_text(path) if text is None else text
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        context = getattr(err, "context_mark", None)
        if mark is not None and context is not None and mark.line >= len(text.splitlines()):
            mark = context  # "got end of stream": the construct left open is the place to fix
        problem = getattr(err, "problem", None) or str(err).splitlines()[0]
        if getattr(err, "context", None):
            problem = f"{err.context}: {problem}"
        raise InputError(f"not valid YAML ({problem})", source=source, line=mark.line + 1 if mark else None) from None
    if root is None or not isinstance(root, yaml.MappingNode):
        raise InputError("a YAML dictionary is a mapping {category: [terms]}", source=source,
                         line=root.start_mark.line + 1 if root is not None else None)
    rows: list = []
    _flatten_yaml_node(root, "", sep, source, rows)
    return _entries(rows, source)


def _flatten_json(obj, prefix: str, sep: str, source: str, rows: list, line_of) -> None:
    for key, value in obj.items():
        cat = f"{prefix}{sep}{key}" if prefix else str(key)
        if isinstance(value, list):
            rows.append((None, cat, 1.0, line_of(key)))
            for item in value:
                if isinstance(item, str):
                    rows.append((item, cat, 1.0, line_of(item)))
                elif isinstance(item, dict) and len(item) == 1:
                    (t, w), = item.items()
                    rows.append((t, cat, w, line_of(t)))
                else:
                    raise InputError(f"category {cat!r}: list items must be terms", source=source, line=line_of(key))
        elif isinstance(value, dict):
            if value and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value.values()):
                rows += [(t, cat, w, line_of(t)) for t, w in value.items()]
            else:
                _flatten_json(value, cat, sep, source, rows, line_of)
        elif isinstance(value, str) and value:
            rows.append((value, cat, 1.0, line_of(value)))
        else:
            raise InputError(f"category {cat!r} has no terms; give a list of terms", source=source, line=line_of(key))


def read_json(path: str | Path, text: str | None = None, *, sep: str = ".") -> pd.DataFrame:
    """Entries of a JSON dictionary (same layout as YAML)."""
    source = str(path)
    text = _read_text(path) if text is None else text
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"not valid JSON ({err.msg})", source=source, line=err.lineno) from None
    if not isinstance(obj, dict):
        raise InputError("a JSON dictionary is an object {category: [terms]}", source=source, line=1)
    lines = text.splitlines()

    def line_of(s) -> int | None:
        needle = json.dumps(str(s), ensure_ascii=False)
        for n, line in enumerate(lines, start=1):
            if needle in line:
                return n
        return None

    rows: list = []
    _flatten_json(obj, "", sep, source, rows, line_of)
    return _entries(rows, source)


_ALIASES = {"term": ("term", "word", "pattern", "entry"), "category": ("category", "cat", "label", "frame"),
            "weight": ("weight", "value", "score")}


def read_table(path: str | Path, text: str | None = None, *, delimiter: str | None = None) -> pd.DataFrame:
    """Entries of a CSV/TSV dictionary with columns term, category[, weight] (header required)."""
    import csv
    import io

    source = str(path)
    text = _read_text(path) if text is None else text
    if delimiter is None:
        first = text.split("\n", 1)[0]
        delimiter = "\t" if "\t" in first or str(path).lower().endswith((".tsv", ".txt")) and "," not in first else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the dictionary file is empty", source=source) from None
    names = [h.strip().lower() for h in header]
    cols = {}
    for key, aliases in _ALIASES.items():
        for a in aliases:
            if a in names:
                cols[key] = names.index(a)
                break
    if "term" not in cols or "category" not in cols:
        raise InputError(f"header {header!r} needs columns 'term' and 'category' (and optionally 'weight')",
                         source=source, line=1)
    rows = []
    for row in reader:
        line = reader.line_num
        if not row or all(not c.strip() for c in row):
            continue
        if len(row) < len(header):
            raise InputError(f"row has {len(row)} fields, the header has {len(header)}", source=source, line=line)
        weight = row[cols["weight"]].strip() if "weight" in cols and row[cols["weight"]].strip() else 1.0
        rows.append((row[cols["term"]], row[cols["category"]], weight, line))
    return _entries(rows, source)


# --- built-ins and loading --------------------------------------------------------------


def list_lexicons() -> pd.DataFrame:
    """The built-in lexicons: ``name``, ``version``, ``n_categories``, ``n_terms``, ``title``."""
    rows = []
    for name in _builtin_names():
        try:
            lex = load_lexicon(name)
        except InputError as err:
            rows.append({"name": name, "version": "", "n_categories": 0, "n_terms": 0, "title": f"(unavailable: {err})"})
            continue
        rows.append({"name": name, "version": lex.version, "n_categories": len(lex.categories),
                     "n_terms": int(lex.entries["term"].nunique()), "title": _card_title(lex.card)})
    return pd.DataFrame(rows, columns=["name", "version", "n_categories", "n_terms", "title"])


def _builtin_dir():
    return resources.files("framing").joinpath("data", "lexicons")


def _builtin_names() -> list[str]:
    return sorted(p.name[:-3] for p in _builtin_dir().iterdir() if p.name.endswith(".md") and not p.name.startswith("README"))


def _card_title(card: str) -> str:
    for line in card.splitlines():
        if line.strip().startswith("#"):
            return line.strip("# ").strip()
    return ""


def _card_version(card: str) -> str:
    m = re.search(r"^\s*(?:\*\*)?version(?:\*\*)?\s*:\s*(?:\*\*)?\s*(\S+)", card, re.I | re.M)
    return m.group(1) if m else ""


@functools.lru_cache(maxsize=32)
def _load_builtin(name: str, sep: str) -> Lexicon:
    base = _builtin_dir()
    card = base.joinpath(f"{name}.md").read_text(encoding="utf-8")
    if name == "cue_verbs":
        entries = _cue_verb_entries()
        source = "framing/data/cue_verbs.csv"
    else:
        text = base.joinpath(f"{name}.yaml").read_text(encoding="utf-8")
        source = f"framing/data/lexicons/{name}.yaml"
        entries = read_yaml(source, text, sep=sep)
    return Lexicon(name=name, entries=entries, version=_card_version(card), card=card, source=source)


def _cue_verb_entries() -> pd.DataFrame:
    """The cue-verb classes of the quote stage (``framing/data/cue_verbs.csv``: form, lemma, class)."""
    try:
        text = resources.files("framing").joinpath("data", "cue_verbs.csv").read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        raise InputError("the cue-verb list framing/data/cue_verbs.csv is not installed", source="cue_verbs") from None
    import csv
    import io

    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"form", "class"} <= set(reader.fieldnames):
        raise InputError("cue_verbs.csv needs columns form, lemma, class", source="framing/data/cue_verbs.csv", line=1)
    rows = [(r["form"], r["class"], 1.0, reader.line_num) for r in reader if (r.get("form") or "").strip()]
    return _entries(rows, "framing/data/cue_verbs.csv")


def load_lexicon(name_or_path, *, name: str | None = None, sep: str = ".", format: str | None = None) -> Lexicon:
    """A built-in lexicon by name, or a dictionary file (.dic, .lc3, .cat, .ykd, .yaml, .json, .csv, .tsv).

    A :class:`Lexicon` is returned as is; a ``{category: [terms]}`` dict is accepted
    too. ``name`` overrides the lexicon's name (default: the built-in name or the
    file's stem), which prefixes its rate columns (``<name>.<category>``). ``sep``
    joins nested category names. ``format`` forces a reader (dic, lexicoder, wordstat, yoshikoder, yaml, json, csv, tsv).
    """
    if isinstance(name_or_path, Lexicon):
        return name_or_path if name is None else _renamed(name_or_path, name)
    if isinstance(name_or_path, dict):
        rows: list = []
        _flatten_json(name_or_path, "", sep, "<dict>", rows, lambda s: None)
        return Lexicon(name=name or "custom", entries=_entries(rows, "<dict>"), source="<dict>")
    key = str(name_or_path)
    if key in _builtin_names() and not Path(key).suffix:
        lex = _load_builtin(key, sep)
        return lex if name is None else _renamed(lex, name)
    path = Path(key).expanduser()
    fmt = format or FORMATS.get(path.suffix.lower())
    if not path.exists():
        hint = ", ".join(_builtin_names())
        raise InputError(f"no such dictionary file or built-in lexicon (built-ins: {hint})", source=key)
    if fmt is None:
        raise InputError(f"unknown dictionary format {path.suffix!r}; use .dic, .lc3, .cat, .ykd, .yaml, .json, .csv or .tsv", source=key)
    readers = {"dic": read_dic, "lexicoder": read_lexicoder, "wordstat": lambda p: read_wordstat(p, sep=sep),
               "yoshikoder": lambda p: read_yoshikoder(p, sep=sep),
               "yaml": lambda p: read_yaml(p, sep=sep), "json": lambda p: read_json(p, sep=sep),
               "csv": lambda p: read_table(p, delimiter=","), "tsv": lambda p: read_table(p, delimiter="\t")}
    if fmt not in readers:
        raise ParameterError(f"unknown dictionary format {fmt!r}; use one of {', '.join(readers)}")
    entries = readers[fmt](path)
    text = _read_text(path) if fmt == "yaml" else ""
    card = "\n".join(line[1:].strip() for line in text.splitlines() if line.startswith("#")) if text else ""
    stem = re.sub(r"[^\w-]+", "_", path.stem)
    return Lexicon(name=name or stem, entries=entries, version=_card_version(card), card=card, source=str(path))


def _renamed(lex: Lexicon, name: str) -> Lexicon:
    return Lexicon(name=name, entries=lex.entries, version=lex.version, card=lex.card, source=lex.source,
                   categories=lex.categories)


def load_lexicons(specs: Sequence | str | Lexicon | None) -> list[Lexicon]:
    """Several lexicons (names, paths or Lexicon objects); names must be distinct."""
    if specs is None:
        return []
    if isinstance(specs, (str, Path, Lexicon, dict)):
        specs = [specs]
    lexicons = [load_lexicon(s) for s in specs]
    names = [lex.name for lex in lexicons]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ParameterError(f"two lexicons are named {dup[0]!r}; rename one with load_lexicon(path, name=...)")
    return lexicons
