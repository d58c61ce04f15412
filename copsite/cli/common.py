"""What the commands share: mkdocs.yml read through MkDocs' own loader, usage errors, arguments, new files written without overwriting."""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from copsite.i18n import M_

if TYPE_CHECKING:
    from copsite.model.options import Options


EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A bad argument or a folder that is not a handbook: exit code 2.

    Its message is a msgid of the catalogs with named values, written in `words` (the
    handbook's language, once it is known; English before)."""

    def __init__(self, message: str, words=None, **values):
        self.problem = M_(message, **values)
        self.words = words
        super().__init__(message)

    def __str__(self) -> str:
        from copsite.i18n import language

        return (self.words or language("en")).gettext(self.problem)


@dataclass
class Loaded:
    config_file: Path
    docs_dir: Path
    prefix: str
    options: Options
    theme_dirs: list
    feeds_asked: bool = False
    """mkdocs.yml says `feeds:` itself (not the default)."""
    language_problem: object = None
    """A warning when the handbook's language has no copsite catalog (plugin.language_problem)."""


def load_site(config_file: str | os.PathLike) -> Loaded:
    """Read mkdocs.yml with MkDocs' own loader and turn the copsite options into `Options`."""
    path = Path(config_file)
    if not path.is_file():
        raise UsageError(
            "%(path)s not found: run this in a handbook's folder (the one with mkdocs.yml), "
            "or name the file with -f; `copsite init` starts a new handbook",
            path=path,
        )
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from copsite.engine.config import language_problem, options_from, problem_prefix, theme_language
    from copsite.i18n import language
    from copsite.model.options import OptionError

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        config = load_config(config_file=str(path))
    except ConfigurationError as err:
        raise UsageError("%(path)s: %(error)s", path=path, error=str(err)) from None  # MkDocs' own words
    except SystemExit as err:  # MkDocs' Abort on a broken config
        raise UsageError("%(path)s: the configuration could not be loaded (%(error)s)", path=path, error=str(err)) from None
    plugin = config.plugins.get("copsite")
    words = language(theme_language(config))
    if plugin is None:
        raise UsageError("%(path)s: the copsite plugin is not set up: add `- copsite` under `plugins:`", words, path=path)
    try:
        options = options_from(config, plugin.config)
    except OptionError as err:
        raise UsageError("%(path)s: plugins.copsite.%(error)s", err.words, path=path, error=str(err)) from None
    asked = "feeds" in plugin.given
    note = language_problem(config, plugin.config)
    return Loaded(path, Path(config.docs_dir), problem_prefix(config), options, list(config.theme.dirs), asked, note)


def read_loaded(loaded: Loaded):
    from copsite.content.reader import read_handbook

    return read_handbook(loaded.docs_dir, loaded.options, prefix=loaded.prefix, theme_dirs=loaded.theme_dirs)


def scaffold_text(name: str, language: str = "en", **context) -> str:
    from copsite.publishing.outline import scaffold

    return scaffold(name, language, **context)


def write_new(path: Path, text: str) -> None:
    """Write a new file atomically; never replace one that exists."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".copsite-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        try:
            os.link(tmp, path)  # fails if the file exists: nothing is ever overwritten
        except FileExistsError:
            raise
        except OSError:  # no hard links here (exFAT, FAT32, some network drives)
            _write_exclusive(path, text)
    except FileExistsError:
        raise UsageError("%(path)s already exists: copsite never overwrites a file", path=path) from None
    finally:
        os.unlink(tmp)


def _write_exclusive(path: Path, text: str) -> None:
    """Create `path` only if it does not exist (O_EXCL), for file systems without hard links;
    a failed write removes the partial file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def write_folder(folder: Path, files: Mapping[str, str | bytes]) -> None:
    """Write a new folder of files: all of it, or nothing."""
    import shutil
    import tempfile

    if folder.exists():
        raise UsageError("%(path)s already exists: copsite never overwrites a folder", path=folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".copsite-"))
    try:
        for name, text in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                (tmp / name).write_bytes(text)
            else:
                (tmp / name).write_text(text, encoding="utf-8")
        if folder.exists():
            raise UsageError("%(path)s already exists: copsite never overwrites a folder", path=folder)
        tmp.rename(folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def slug_arg(value: str, words=None) -> str:
    """A community slug given on the command line."""
    from copsite.model.schema import MAX_SLUG, SLUG_RE, slugify

    if SLUG_RE.match(value) and len(value) > MAX_SLUG:
        raise UsageError(
            "a community slug has at most %(most)s characters (it is a folder name and part of addresses), "
            "this one has %(length)s: shorten it, like '%(suggestion)s'",
            words,
            most=MAX_SLUG,
            length=len(value),
            suggestion=slugify(value),
        )
    if not SLUG_RE.match(value):
        hint = slugify(value)
        raise UsageError(
            "'%(value)s' is not a valid community slug: use lowercase ASCII letters, digits and single dashes%(hint)s",
            words,
            value=value,
            hint=M_(", like '%(suggestion)s'", suggestion=hint) if hint else "",
        )
    return value


def date_arg(value: str, words=None):
    import datetime as dt

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError("'%(value)s' is not a date: write it as YYYY-MM-DD, like 2025-10-15", words, value=value) from None
    if day.isoformat() != value:
        raise UsageError("write the date as YYYY-MM-DD: %(date)s", words, date=day.isoformat())
    return day
