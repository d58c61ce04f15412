"""The `copsite` command: check, status, init and new, without building a site.

`copsite check` uses the same reader as the MkDocs plugin, so the two always
report the same problems. mkdocs.yml is loaded with MkDocs' own config loader
(it may hold `!ENV`, `INHERIT` or `!!python/name:`); nothing else here needs MkDocs.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from . import __version__

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad argument or a folder that is not a handbook: exit code 2."""


@dataclass
class Loaded:
    config_file: Path
    docs_dir: Path
    prefix: str
    options: object


def load_site(config_file: str | os.PathLike) -> Loaded:
    """Read mkdocs.yml with MkDocs' own loader and turn the copsite options into `Options`."""
    path = Path(config_file)
    if not path.is_file():
        raise UsageError(
            f"{path} not found: run this in a handbook's folder (the one with mkdocs.yml), "
            "or name the file with -f; `copsite init` starts a new handbook"
        )
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .options import OptionError
    from .plugin import options_from, problem_prefix

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(config_file=str(path))
    except ConfigurationError as err:
        raise UsageError(f"{path}: {err}") from None
    except SystemExit as err:  # MkDocs' Abort on a broken config
        raise UsageError(f"{path}: the configuration could not be loaded ({err})") from None
    plugin = config.plugins.get("copsite")
    if plugin is None:
        raise UsageError(f"{path}: the copsite plugin is not set up: add `- copsite` under `plugins:`")
    try:
        options = options_from(config, plugin.config)
    except OptionError as err:
        raise UsageError(f"{path}: plugins.copsite.{err}") from None
    return Loaded(path, Path(config.docs_dir), problem_prefix(config), options)


def _read(loaded: Loaded):
    from .reader import read_handbook

    return read_handbook(loaded.docs_dir, loaded.options, prefix=loaded.prefix)


# ------------------------------------------------------------------ commands


def cmd_check(args) -> int:
    from .reader import purpose_sentence

    loaded = load_site(args.config_file)
    handbook, problems = _read(loaded)
    for c in handbook.communities:
        print(f"{c.slug}: {purpose_sentence(c.charter.purpose)}")
    if handbook.communities:
        print()
    for p in problems:
        print(f"{p.severity.value}: {p}")
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    n = len(handbook.communities)
    verdict = "not ready to publish" if failed else "ready to publish"
    print(f"{n} communit{'y' if n == 1 else 'ies'}, {problems.summary()}: {verdict}")
    return EXIT_PROBLEMS if failed else EXIT_OK


# ------------------------------------------------------------------ parser

EPILOG_CHECK = """example:
  copsite check              check the handbook in this folder
  copsite check --strict     also fail on warnings (as `mkdocs build --strict`)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copsite",
        description="Publish a Community of Practice handbook with MkDocs.",
        epilog="example:\n  copsite check\n  copsite new highlight hospital-schools --title 'Launch meeting'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"copsite {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    check = sub.add_parser(
        "check",
        help="report every problem in the handbook",
        description="Read the whole handbook and report every problem at once, with file, line and key.",
        epilog=EPILOG_CHECK,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml (default: ./mkdocs.yml)")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.set_defaults(func=cmd_check)
    return parser


class _Parser(argparse.ArgumentParser):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as err:
        print(f"copsite: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover
        return 130
