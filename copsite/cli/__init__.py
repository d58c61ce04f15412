"""The `copsite` command: check, status, init, new, upgrade and export, without building a site; serve and build.

`copsite check` uses the same reader as the MkDocs plugin, so the two always
report the same problems. mkdocs.yml is loaded with MkDocs' own config loader
(it may hold `!ENV`, `INHERIT` or `!!python/name:`). This module holds the
parser; each command lives in a module of its own (check, init, new, status,
serve, export_command), with what they share in `common`.
"""

from __future__ import annotations

import argparse
import sys

from copsite import __version__
from copsite.cli.check import EPILOG_CHECK, cmd_check
from copsite.cli.common import EXIT_USAGE, UsageError
from copsite.cli.export_command import cmd_export
from copsite.cli.init import cmd_init, cmd_upgrade
from copsite.cli.new import cmd_new_community, cmd_new_highlight, cmd_new_section
from copsite.cli.serve import cmd_edit, cmd_mkdocs
from copsite.cli.status import cmd_status
from copsite.model.problems import printable_lines
from copsite.model.schema import HIGHLIGHT_KINDS
from copsite.model.sections import SECTIONS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="copsite",
        description="Publish a Community of Practice handbook with MkDocs.",
        epilog="example:\n  copsite check\n  copsite new highlight hospital-schools --title 'Launch meeting'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"copsite {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    handbook = argparse.ArgumentParser(add_help=False)  # what every command that reads a handbook takes
    handbook.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml (default: ./mkdocs.yml)")
    for add in (_add_check, _add_init, _add_new, _add_edit, _add_export, _add_mkdocs, _add_upgrade, _add_status):
        add(sub, handbook)
    return parser


def _command(sub, name: str, func, parents=(), **words) -> argparse.ArgumentParser:
    """One subcommand: its words (help, description, epilog) and the function that runs it."""
    command = sub.add_parser(name, parents=list(parents), formatter_class=argparse.RawDescriptionHelpFormatter, **words)
    command.set_defaults(func=func)
    return command


def _add_check(sub, handbook) -> None:
    check = _command(
        sub,
        "check",
        cmd_check,
        [handbook],
        help="report every problem in the handbook",
        description="Read the whole handbook and report every problem at once, with file, line and key.",
        epilog=EPILOG_CHECK,
    )
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument(
        "--format",
        choices=("text", "github", "gitlab"),
        default="text",
        help="text (default); github: workflow annotations on each file's line, and a table in the job summary "
        "($GITHUB_STEP_SUMMARY); gitlab: the text, and a Code Quality report written to --report",
    )
    check.add_argument(
        "--report",
        default="gl-code-quality-report.json",
        help="where --format gitlab writes its JSON (default: gl-code-quality-report.json)",
    )


def _add_init(sub, handbook) -> None:
    init = _command(
        sub,
        "init",
        cmd_init,
        help="start a new handbook in a folder",
        description="Write mkdocs.yml and content/ with a front page and one example community, .gitignore, "
        "this copsite as a wheel in .copsite/ and requirements.txt naming it (what a CI installs); with --repo, also the host's CI file (.github/workflows/publish.yml or .gitlab-ci.yml) that "
        "checks every push and publishes the site with the host's Pages. Never overwrites.",
        epilog="examples:\n  copsite init my-handbook --name 'Our Learning Communities'\n  cd my-handbook && copsite serve\n"
        "  copsite init my-handbook --repo https://github.com/lakeside/handbook",
    )
    init.add_argument("directory", nargs="?", default=".", help="the folder (default: this one)")
    init.add_argument(
        "--name", help="the handbook's name (site_name; default: Our Communities of Practice, in the handbook's language)"
    )
    init.add_argument(
        "--language",
        default="en",
        help="the handbook's language: en or fr (default: en); copsite's words, dates and starter files follow it",
    )
    init.add_argument("--timezone", default="UTC", help="IANA time zone for plan times and calendars (default: UTC)")
    init.add_argument(
        "--repo",
        metavar="URL",
        help="the handbook's repository (https://github.com/OWNER/REPO or "
        "https://gitlab.com/GROUP/REPO): also writes the host's CI file that checks and publishes the site",
    )
    init.add_argument("--host", choices=("github", "gitlab"), help="the kind of host, for a GitLab of your own (--host gitlab)")
    init.add_argument("--branch", default="main", help="the branch that is published (default: main)")
    init.add_argument("--site-url", help="the published address (default: the host's Pages address)")
    init.add_argument(
        "--app-id",
        help="GitLab, Gitea, Forgejo: the OAuth application's id the browser editor signs in with "
        '(PKCE; the README\'s "Signing in on GitLab, Gitea or Forgejo")',
    )


def _add_new(sub, handbook) -> None:
    new = sub.add_parser(
        "new",
        help="add a community, a highlight or a section of a community",
        description="Add a community or a meeting highlight, with the planning guide's questions as prompts.",
        epilog="examples:\n  copsite new community early-literacy --title 'Early Literacy'\n  copsite new highlight early-literacy --title 'Launch meeting'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new.set_defaults(func=lambda args: (new.print_help(), EXIT_USAGE)[1])  # the help, then exit 2
    new_sub = new.add_subparsers(dest="what", metavar="WHAT")
    community = _command(
        new_sub,
        "community",
        cmd_new_community,
        [handbook],
        help="a new community folder: charter, norms and plan",
        description="Write content/communities/SLUG/ with index.md (the charter), norms.md and plan.md, filled with "
        "the planning guide's questions as prompts and valid placeholders. It builds at once; `copsite check` "
        "lists the placeholders still to fill in.",
        epilog="example:\n  copsite new community early-literacy --title 'Early Literacy' --facilitator 'Ana Silva'",
    )
    community.add_argument("slug", help="the folder name: lowercase letters, digits and dashes")
    community.add_argument("--title", help="the community's name (default: from the slug)")
    community.add_argument("--facilitator", help="the first facilitator's name (default: a placeholder name)")
    _add_new_highlight(new_sub, handbook)
    for s in SECTIONS:
        if s.new:
            section = _command(
                new_sub,
                s.name,
                cmd_new_section,
                [handbook],
                help=f"{s.file}: {s.about}",
                description=f"Write communities/SLUG/{s.file}: {s.about}, with the planning guide's questions as prompts. Never overwrites.",
                epilog=f"example:\n  copsite new {s.name} early-literacy",
            )
            section.add_argument("community", help="the community's slug (its folder name)")


def _add_new_highlight(new_sub, handbook) -> None:
    highlight = _command(
        new_sub,
        "highlight",
        cmd_new_highlight,
        [handbook],
        help="a new meeting highlight for a community",
        description="Write communities/SLUG/highlights/YYYY-MM-DD-<title>.md with the front matter filled: the date "
        "(default today), the plan session on or before that date, the facilitators as authors, and an outline.",
        epilog="examples:\n  copsite new highlight early-literacy\n  copsite new highlight early-literacy --title 'Reading circles' --date 2025-11-19",
    )
    highlight.add_argument("community", help="the community's slug (its folder name)")
    highlight.add_argument("--title", help="the highlight's title (default: the session's title)")
    highlight.add_argument("--date", help="the meeting date, YYYY-MM-DD (default: today)")
    highlight.add_argument("--session", help="the id of the session it reports, when the plan has several that day")
    highlight.add_argument("--draft", action="store_true", help="mark it draft: published nowhere until you remove the line")
    highlight.add_argument(
        "--kind",
        default="meeting",
        choices=HIGHLIGHT_KINDS,
        help="what it records, with the matching outline: " + ", ".join(HIGHLIGHT_KINDS) + " (default: meeting)",
    )


def _add_edit(sub, handbook) -> None:
    edit = _command(
        sub,
        "edit",
        cmd_edit,
        [handbook],
        help="preview the site and edit it in the browser editor (/admin/), on this computer",
        description="Start `mkdocs serve` and Decap's local proxy (decap-server, from npm: needs Node.js) together, "
        "print both addresses, and stop both on Ctrl-C. The editor at /admin/ then edits the files here.",
    )
    edit.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="the preview's address (default: 127.0.0.1:8000)")


def _add_export(sub, handbook) -> None:
    exp = _command(
        sub,
        "export",
        cmd_export,
        [handbook],
        help="write the site's source for any engine, without copsite",
        description="Write OUT/mkdocs.yml (nav written out, copsite removed) and OUT/docs/ with every page as "
        "Markdown, the feeds, calendars and attachments: MkDocs, ProperDocs or Zensical build it with no copsite.",
        epilog="example:\n  copsite export ../handbook-export && cd ../handbook-export && zensical build",
    )
    exp.add_argument("out", help="the folder to write (new or empty)")
    exp.add_argument("--force", action="store_true", help="replace what OUT holds (its dot-entries, like .git, are kept)")


def _add_mkdocs(sub, handbook) -> None:
    for name, what in (
        (
            "serve",
            "preview the handbook on http://127.0.0.1:8000/ (`mkdocs serve --dirty`: an edit rebuilds only what it changes)",
        ),
        ("build", "build the site into site/ (`mkdocs build`)"),
    ):
        mk = _command(
            sub,
            name,
            cmd_mkdocs,
            help=what,
            description=f"{what[0].upper()}{what[1:]}, without the theme's end-of-life banner. Any option of "
            f"`mkdocs {name}` may follow (see `mkdocs {name} --help`).",
            epilog=f"examples:\n  copsite {name}\n  copsite {name} --strict",
        )
        mk.add_argument("mkdocs_args", nargs=argparse.REMAINDER, help=f"options passed to `mkdocs {name}`")


def _add_upgrade(sub, handbook) -> None:
    _command(
        sub,
        "upgrade",
        cmd_upgrade,
        [handbook],
        help="make the handbook's CI install this copsite",
        description="Replace the copsite wheel in the handbook's .copsite/ folder (what requirements.txt names, "
        "and what the host's CI installs) with the copsite running this command, and point requirements.txt at it. "
        "Commit both afterwards.",
        epilog="example:\n  copsite upgrade",
    )


def _add_status(sub, handbook) -> None:
    _command(
        sub,
        "status",
        cmd_status,
        [handbook],
        help="one line per community: stage, missing sections, members, next session",
        description="For facilitators: each community's stage, the planning guide's sections it still lacks, "
        "members by role, the next session and the days since the last highlight.",
        epilog="example:\n  copsite status",
    )


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if extra and getattr(args, "func", None) is cmd_mkdocs:
            args.mkdocs_args = [*extra, *args.mkdocs_args]  # `copsite build --strict`: MkDocs' own options
        elif extra:
            parser.parse_args(argv)  # the usual message and exit 2
    except SystemExit as exit_:
        return int(exit_.code or 0)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.func(args)
    except UsageError as err:
        print(printable_lines(f"copsite: {err}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # pragma: no cover
        return 130
