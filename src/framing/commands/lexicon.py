"""List, show, check or induce dictionaries (lexicons).

  list              the built-in lexicons with version, categories and term counts
  show NAME|FILE    a lexicon's card (sources, intent, limits) and its categories with
                    term counts and example terms (--terms lists every term)
  check FILE        parse a dictionary (.dic, .lc3, .cat, .ykd, .yaml/.yml, .json, .csv, .tsv) and report its
                    categories, wildcards, phrases and terms listed in several categories;
                    a malformed file is reported with its line number (exit 2)
  induce CODED      build a dictionary from texts coded by hand: the top terms of each label by
                    weighted log-odds with an informative Dirichlet prior (Monroe et al. 2008),
                    weights = z-scores; edit the result before use

Example:
  framing lexicon list
  framing lexicon show news_frames
  framing lexicon check my_frames.dic
  framing lexicon induce coded.csv --text-col sentence --label-col frame -o my_frames.yaml
"""

from __future__ import annotations

import argparse
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    sub.add_parser("list", help="the built-in lexicons")
    p = sub.add_parser("show", help="card and categories of a lexicon")
    p.add_argument("lexicon", metavar="NAME|FILE")
    p.add_argument("--terms", action="store_true", help="list every term of every category")
    p = sub.add_parser("check", help="parse a dictionary file and report")
    p.add_argument("path", metavar="FILE")
    p.add_argument("--sep", default=".", help="separator joining nested YAML/JSON categories (default '.')")
    p = sub.add_parser("induce", help="build a dictionary from hand-coded texts")
    p.add_argument("coded", metavar="CODED", help="table of coded texts (.csv, .tsv, .jsonl or .parquet)")
    p.add_argument("--text-col", required=True, help="column with the text")
    p.add_argument("--label-col", required=True, help="column with the code (frame, side, ...)")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="dictionary to write (.yaml, .json, .csv)")
    p.add_argument("--top", type=int, default=30, help="terms per label (default 30)")
    p.add_argument("--min-count", type=int, default=3, help="minimum uses of a term over all texts (default 3)")
    p.add_argument("--min-z", type=float, default=1.96, help="minimum z-score of a term (default 1.96)")
    p.add_argument("--ngrams", type=int, choices=(1, 2), default=1, help="2 adds two-word phrases")
    p.add_argument("--prior", default="corpus",
                   help="'corpus' (counts over all coded texts, default) or a flat pseudo-count such as 0.5")
    p.add_argument("--unweighted", action="store_true", help="write plain term lists (every weight 1)")


def _list() -> int:
    from ..lexicon import list_lexicons

    table = list_lexicons()
    for r in table.itertuples(index=False):
        print(f"{r.name:<15} {r.version:<6} {r.n_categories:>3} categories {r.n_terms:>5} terms  {r.title}")
    return 0


def _show(args) -> int:
    from ..lexicon import load_lexicon

    lex = load_lexicon(args.lexicon)
    if lex.card:
        print(lex.card.strip())
        print()
    print(f"{lex.name} {lex.version}: {lex.entries['term'].nunique()} terms in {len(lex.categories)} categories "
          f"(source: {lex.source})")
    table = lex.summary()
    for r in table.itertuples(index=False):
        print(f"  {r.category:<36} {r.n_terms:>4} terms ({r.n_wildcards} wildcards, {r.n_phrases} phrases)  "
              f"e.g. {r.examples}")
        if args.terms:
            terms = lex.entries.loc[lex.entries["category"] == r.category, "term"].tolist()
            print("      " + ", ".join(terms))
    return 0


def check_report(lex) -> list[str]:
    """Lines describing a parsed lexicon, with warnings."""
    from ..lexicon import term_patterns

    e = lex.entries
    lines = [f"{lex.source}: OK, {len(e)} entries, {e['term'].nunique()} distinct terms, {len(lex.categories)} categories"]
    for r in lex.summary().itertuples(index=False):
        lines.append(f"  {r.category:<36} {r.n_terms:>4} terms ({r.n_wildcards} wildcards, {r.n_phrases} phrases)")
    multi = e.groupby(e["term"].str.lower())["category"].nunique()
    multi = multi[multi > 1]
    if len(multi):
        lines.append(f"note: {len(multi)} terms are in several categories (each match counts in all of them), "
                     f"e.g. {', '.join(multi.index[:5])}")
    short = [t for t in e["term"].unique() if any(p and len(w) <= 2 for w, p in term_patterns(t))]
    if short:
        lines.append(f"warning: very short wildcards match many words: {', '.join(short[:8])}")
    empty = [c for c in lex.categories if not (e["category"] == c).any()]
    if empty:
        lines.append(f"note: categories without terms: {', '.join(empty)}")
    return lines


def _check(args) -> int:
    from ..lexicon import load_lexicon

    lex = load_lexicon(args.path, sep=args.sep)
    print("\n".join(check_report(lex)))
    return 0


def _induce(args) -> int:
    from pathlib import Path

    import pandas as pd

    from ..errors import InputError, ParameterError
    from ..induce import induce_lexicon
    from ..lexicon import Lexicon

    path = Path(args.coded)
    if not path.exists():
        raise InputError("no such file", source=path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            df = pd.read_parquet(path)
        elif suffix in (".jsonl", ".ndjson"):
            df = pd.read_json(path, lines=True, dtype=False)
        else:
            df = pd.read_csv(path, sep="\t" if suffix in (".tsv", ".txt") else ",")
    except (ValueError, pd.errors.ParserError) as err:
        raise InputError(f"cannot read the table ({str(err).splitlines()[0]})", source=path) from None
    for col in (args.text_col, args.label_col):
        if col not in df.columns:
            raise InputError(f"no column {col!r}; columns are {', '.join(map(str, df.columns))}", source=path)
    try:
        prior = float(args.prior)
    except ValueError:
        prior = args.prior
    if args.top < 1:
        raise ParameterError("--top must be at least 1")
    induced = induce_lexicon(df[args.text_col], df[args.label_col], top=args.top, prior=prior,
                             min_count=args.min_count, min_z=args.min_z, ngrams=args.ngrams)
    if induced.empty:
        raise InputError("no term passes --min-count and --min-z; code more texts or lower them", source=path)
    entries = induced[["term", "category", "weight"]].copy()
    if args.unweighted:
        entries["weight"] = 1.0
    n_texts = int(df[args.label_col].notna().sum())
    card = (f"Induced by `framing lexicon induce` from {n_texts} coded texts in {path.name} "
            f"(labels from column {args.label_col!r}).\nWeights are z-scores of weighted log-odds with an "
            f"informative Dirichlet prior (Monroe, Colaresi & Quinn 2008). Edit before use.")
    lex = Lexicon(name=Path(args.output).stem, entries=entries, card=card, source=str(path))
    out = lex.write(args.output)
    per = induced.groupby("category")["term"].apply(lambda s: ", ".join(s.head(6)))
    for cat, terms in per.items():
        print(f"  {cat:<24} {int((induced['category'] == cat).sum()):>3} terms, e.g. {terms}")
    print(f"wrote {out} ({len(induced)} terms, {induced['category'].nunique()} categories)", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.action == "list":
        return _list()
    if args.action == "show":
        return _show(args)
    if args.action == "check":
        return _check(args)
    return _induce(args)
