"""`copsite serve`, `copsite build` and `copsite edit`: MkDocs' own commands with copsite's preview, and the browser editor's local proxy."""

from __future__ import annotations

import logging
import os
from typing import TYPE_CHECKING

from copsite.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_site

if TYPE_CHECKING:
    pass


def cmd_edit(args) -> int:
    from copsite.cli.edit import NodeMissing, run
    from copsite.publishing.editor import site_root

    loaded = load_site(args.config_file)
    options = loaded.options
    if options.editor_own_admin or not (options.editor or (options.editor_requested is not False and options.repo is not None)):
        raise UsageError(
            "%(path)s: the browser editor is off: set `editor: true` under the copsite plugin",
            options.lang,
            path=loaded.config_file,
        )
    try:
        return run(loaded.config_file, args.dev_addr, root=site_root(options))
    except NodeMissing as err:
        raise UsageError("%(problem)s", loaded.options.lang, problem=err.problem) from None


def cmd_mkdocs(args) -> int:
    """`copsite serve` and `copsite build`: MkDocs' own commands, without Material's end-of-life banner,
    which says nothing a handbook's keepers can act on (the README says what it means for a handbook)."""
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    import errno

    from mkdocs.__main__ import cli

    mkdocs_args = list(args.mkdocs_args)
    if args.command == "serve":
        mkdocs_args = serve_args(mkdocs_args)
        logging.getLogger("mkdocs.commands.build").addFilter(_not_the_dirty_warning)
        _port_free(_dev_addr(mkdocs_args))  # before the first build, not after it
    try:
        cli.main(args=[args.command, *mkdocs_args], prog_name=f"copsite {args.command}", standalone_mode=True)
    except SystemExit as exit_:
        return int(exit_.code or 0) if not isinstance(exit_.code, str) else EXIT_PROBLEMS
    except OSError as err:
        if err.errno != errno.EADDRINUSE:
            raise
        _address_in_use(_dev_addr(mkdocs_args))
    return EXIT_OK


def _port_free(address: str | None) -> None:
    """Stop with one line when the preview's address is taken (MkDocs would build, then print a traceback)."""
    import errno
    import socket

    host, _, port = (address or "127.0.0.1:8000").rpartition(":")
    host = host.strip("[]") or "127.0.0.1"
    if not port.isdigit():
        return  # MkDocs says what is wrong with it
    try:
        socket.create_server((host, int(port)), family=socket.AF_INET6 if ":" in host else socket.AF_INET).close()
    except OSError as err:
        if err.errno == errno.EADDRINUSE:
            _address_in_use(address)


def _address_in_use(address: str | None):
    address = address or "127.0.0.1:8000"
    host, _, port = address.rpartition(":")
    other = f"{host}:{int(port) + 1}" if port.isdigit() else "127.0.0.1:8001"
    raise UsageError(
        "%(address)s is already in use (another preview?): stop it, or preview on another port with -a %(other)s",
        address=address,
        other=other,
    )


def serve_args(mkdocs_args: list[str]) -> list[str]:
    """`copsite serve` is copsite's preview (`mkdocs serve --dirty`: an edit rebuilds only what it
    changes, copsite.engine.preview) unless `--clean` asks for MkDocs' full rebuilds."""
    if any(a in ("--dirty", "--dirtyreload", "-c", "--clean") for a in mkdocs_args):
        return mkdocs_args
    return [*mkdocs_args, "--dirty"]


def _not_the_dirty_warning(record) -> bool:
    """MkDocs warns that a dirty build "will likely lead to inaccurate navigation": copsite's
    preview plans every page and the navigation at each rebuild (copsite.engine.preview), so it does not."""
    return not str(record.msg).startswith("A 'dirty' build is being performed")


def _dev_addr(mkdocs_args: list[str]) -> str | None:
    """The preview's address: -a/--dev-addr, else mkdocs.yml's dev_addr (-f), else None."""
    for i, arg in enumerate(mkdocs_args):
        if arg in ("-a", "--dev-addr") and i + 1 < len(mkdocs_args):
            return mkdocs_args[i + 1]
        if arg.startswith("--dev-addr="):
            return arg.split("=", 1)[1]
        if arg.startswith("-a") and len(arg) > 2:
            return arg[2:]
    config_file = "mkdocs.yml"
    for i, arg in enumerate(mkdocs_args):
        if arg in ("-f", "--config-file") and i + 1 < len(mkdocs_args):
            config_file = mkdocs_args[i + 1]
    try:
        from mkdocs.config import load_config

        host, port = load_config(config_file=config_file).dev_addr
        return f"{host}:{port}"
    except Exception:  # an unreadable mkdocs.yml: MkDocs has said so already
        return None
