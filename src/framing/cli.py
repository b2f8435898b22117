"""The ``framing`` command line.

Start-up stays light: ``framing SUBCOMMAND`` imports only that subcommand's module
(``framing.commands.<name>``), which imports only the stages it needs.

Exit codes: 0 success; 1 unexpected failure or a failed notebook; 2 a user error
(bad input, unknown parameter), printed as one line; 3 partial success (some bad
members of a corpus were skipped and reported); 130 interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module under framing.commands, one-line help). Each module defines
# ``add_arguments(parser)`` and ``run(args) -> int`` and a module docstring whose
# text after the first line is the epilog (with an example).
COMMANDS: dict[str, tuple[str, str]] = {
    "corpus": ("corpus", "load a corpus and print a summary"),
    "quotes": ("quotes", "find quotations and their speakers"),
    "speakers": ("speakers", "draft an editable speaker table from a corpus"),
    "score": ("score", "sentiment and dictionary rates per quote, sentence or document"),
    "matches": ("matches", "every dictionary match with its offsets"),
    "lexicon": ("lexicon", "list, show, check or induce dictionaries"),
    "evaluate": ("evaluate", "compare quotes or scores with human annotations"),
    "process": ("process", "run the whole cached pipeline into a Parquet store"),
    "run": ("run", "execute the notebook suite with papermill"),
    "methods": ("methods", "write a methods paragraph for a paper from a store"),
}

EXIT_OK, EXIT_FAIL, EXIT_USAGE, EXIT_PARTIAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line (exit 2) instead of usage + error."""

    def error(self, message: str):  # type: ignore[override]
        from .errors import ParameterError

        raise ParameterError(f"{message}; see '{self.prog} --help'")


def _main_parser() -> argparse.ArgumentParser:
    lines = "\n".join(f"  {name:<10} {help_}" for name, (_, help_) in COMMANDS.items())
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Who is quoted in the news, saying what, in which frames.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=f"subcommands:\n{lines}\n\n'framing SUBCOMMAND --help' shows each one's options and an example.\n"
        "Exit codes: 0 ok, 1 failure, 2 bad input or usage, 3 partial success, 130 interrupted.",
    )
    parser.add_argument("command", nargs="?", help="one of: " + ", ".join(COMMANDS))
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def build_parser(name: str):
    """The argparse parser of one subcommand, and its module."""
    module_name, help_ = COMMANDS[name]
    module = importlib.import_module(f"framing.commands.{module_name}")
    doc = (module.__doc__ or "").strip()
    epilog = doc.split("\n", 1)[1].strip() if "\n" in doc else None
    parser = _Parser(
        prog=f"framing {name}",
        description=help_,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--debug", action="store_true", help="show a full traceback on errors")
    module.add_arguments(parser)
    return parser, module


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    if not argv or argv[0] in ("-h", "--help"):
        _main_parser().print_help()
        return EXIT_OK if argv else EXIT_USAGE
    if argv[0] == "--version":
        from importlib.metadata import version

        print(f"framing {version('framing')}")
        return EXIT_OK
    name = argv[0]
    if name not in COMMANDS:
        print(f"framing: error: unknown subcommand {name!r}; choose one of: {', '.join(COMMANDS)}", file=sys.stderr)
        return EXIT_USAGE
    from .errors import FramingError

    try:
        parser, module = build_parser(name)
        args = parser.parse_args(argv[1:])
        return int(module.run(args) or 0)
    except FramingError as err:
        if debug:
            raise
        print(f"framing {name}: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print(f"framing {name}: interrupted; finished outputs are kept, rerun to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
