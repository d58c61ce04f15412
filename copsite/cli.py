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
    theme_dirs: list


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
    return Loaded(path, Path(config.docs_dir), problem_prefix(config), options, list(config.theme.dirs))


def _read(loaded: Loaded):
    from .reader import read_handbook

    return read_handbook(loaded.docs_dir, loaded.options, prefix=loaded.prefix, theme_dirs=loaded.theme_dirs)


# ------------------------------------------------------------------ commands


def cmd_check(args) -> int:
    from .reader import purpose_sentence

    loaded = load_site(args.config_file)
    handbook, problems = _read(loaded)
    for c in handbook.communities:
        print(f"{c.slug}: {purpose_sentence(c.charter.purpose, loaded.options.lang)}")
    if handbook.communities:
        print()
    for p in problems:
        print(f"{p.severity.value}: {p}")
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    n = len(handbook.communities)
    verdict = "not ready to publish" if failed else "ready to publish"
    print(f"{n} communit{'y' if n == 1 else 'ies'}, {problems.summary()}: {verdict}")
    return EXIT_PROBLEMS if failed else EXIT_OK


# ------------------------------------------------------------------ writing files


def _scaffold(name: str, language: str = "en", **context) -> str:
    """A starter file in the handbook's language: scaffold/<lang>/<name> when there is one, else English."""
    import json

    from jinja2 import Environment, PackageLoader, StrictUndefined, TemplateNotFound

    from .i18n import language as words_of

    env = Environment(loader=PackageLoader("copsite", "scaffold"), keep_trailing_newline=True, undefined=StrictUndefined, autoescape=False)
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)  # a JSON string is a YAML string
    try:
        template = env.get_template(f"{words_of(language).language}/{name}")
    except TemplateNotFound:
        template = env.get_template(name)
    return template.render(**context)


def write_new(path: Path, text: str) -> None:
    """Write a new file atomically; never replace one that exists."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".copsite-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.link(tmp, path)  # fails if the file exists: nothing is ever overwritten
    except FileExistsError:
        raise UsageError(f"{path} already exists: copsite never overwrites a file") from None
    finally:
        os.unlink(tmp)


def write_folder(folder: Path, files: dict[str, str]) -> None:
    """Write a new folder of files: all of it, or nothing."""
    import shutil
    import tempfile

    if folder.exists():
        raise UsageError(f"{folder} already exists: copsite never overwrites a folder")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=".copsite-"))
    try:
        for name, text in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_text(text, encoding="utf-8")
        if folder.exists():
            raise UsageError(f"{folder} already exists: copsite never overwrites a folder")
        tmp.rename(folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def _slug_arg(value: str, what: str) -> str:
    from .schema import SLUG_RE, slugify

    if not SLUG_RE.match(value):
        hint = slugify(value)
        raise UsageError(
            f"'{value}' is not a valid {what}: use lowercase ASCII letters, digits and single dashes"
            + (f", like '{hint}'" if hint else "")
        )
    return value


def _date_arg(value: str):
    import datetime as dt

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"'{value}' is not a date: write it as YYYY-MM-DD, like 2025-10-15") from None
    if day.isoformat() != value:
        raise UsageError(f"write the date as YYYY-MM-DD: {day.isoformat()}")
    return day


def _community_files(title: str, today, facilitator: str, language: str = "en") -> dict[str, str]:
    import datetime as dt

    first = today + dt.timedelta(days=14)
    ctx = dict(title=title, today=today.isoformat(), facilitator=facilitator, first_session=first.isoformat())
    return {name: _scaffold(name, language, **ctx) for name in ("index.md", "norms.md", "plan.md")}


# ------------------------------------------------------------------ init and new


def cmd_init(args) -> int:
    from .i18n import language, languages
    from .options import resolve_today
    from .schema import slugify

    if args.language not in languages():
        raise UsageError(f"'{args.language}' is not a language copsite speaks yet (languages: {', '.join(languages())})")
    words = language(args.language)
    _ = words.gettext
    target = Path(args.directory)
    if (target / "mkdocs.yml").exists() or (target / "content").exists():
        raise UsageError(f"{target} already holds a handbook (mkdocs.yml or content/): copsite never overwrites one")
    if target.exists() and not target.is_dir():
        raise UsageError(f"{target} is a file, not a folder")
    try:
        today = resolve_today(None, args.timezone)
    except Exception:
        raise UsageError(f"'{args.timezone}' is not a known IANA time zone name (examples: UTC, America/Toronto)") from None
    site_name = args.name or _("Our Communities of Practice")
    files = {
        "mkdocs.yml": _scaffold("mkdocs.yml", args.language, site_name=site_name, timezone=args.timezone),
        "content/index.md": _scaffold("front.md", args.language, site_name=site_name),
        "content/communities/index.md": "---\ntitle: {}\n---\n\n{}\n".format(
            _("Communities"), _("Every community of practice of this handbook.")
        ),
    }
    for name, text in _community_files(_("Our first community"), today, _("Your Name"), args.language).items():
        files[f"content/communities/{slugify(_('Our first community'))}/{name}"] = text
    target.mkdir(parents=True, exist_ok=True)
    staging = target / ".copsite-init"
    write_folder(staging, files)
    for name in ("mkdocs.yml", "content"):
        (staging / name).rename(target / name)
    staging.rmdir()
    print(f"Started a handbook in {target}/")
    print("  mkdocs.yml")
    print("  content/index.md")
    print(f"  content/communities/{slugify(_('Our first community'))}/ (index.md, norms.md, plan.md)")
    print("Next: `copsite check` lists what to fill in; `mkdocs serve` previews the site.")
    return EXIT_OK


def cmd_new_community(args) -> int:
    loaded = load_site(args.config_file)
    slug = _slug_arg(args.slug, "community slug")
    folder = loaded.docs_dir / loaded.options.communities_dir / slug
    title = args.title or slug.replace("-", " ").capitalize()
    facilitator = args.facilitator or loaded.options.lang.gettext("Your Name")
    files = _community_files(title, loaded.options.today, facilitator, loaded.options.language)
    write_folder(folder, files)
    for name in files:
        print(_shown(folder / name))
    print("Next: fill in the TO DO texts (`copsite check` lists them) and preview with `mkdocs serve`.")
    return EXIT_OK


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def cmd_new_highlight(args) -> int:
    from .schema import slugify

    loaded = load_site(args.config_file)
    slug = _slug_arg(args.community, "community slug")
    handbook, problems = _read(loaded)
    community = handbook.community(slug)
    if community is None:
        folder = loaded.docs_dir / loaded.options.communities_dir / slug
        if folder.is_dir():
            raise UsageError(f"the community '{slug}' has errors in its charter: run `copsite check` and fix them first")
        known = ", ".join(c.slug for c in handbook.communities) or "none yet"
        raise UsageError(f"there is no community '{slug}' (communities: {known})")
    day = _date_arg(args.date) if args.date else loaded.options.today
    before = [s for s in community.sessions if s.date <= day and not s.cancelled]
    session_ref = None
    session = max(before, key=lambda s: (s.date, s.time or ()), default=None) if before else None
    if session is not None:
        same_day = [s for s in community.sessions if s.date == session.date]
        if session.id:
            session_ref = session.id
        elif len(same_day) == 1:
            session_ref = session.date.isoformat()
    from_session = session is not None and session.date == day and session.title
    _ = loaded.options.lang.gettext
    meeting = slugify(_("meeting")) or "meeting"
    title = args.title or (session.title if from_session else _("Meeting of %(date)s", date=day.isoformat()))
    name_slug = slugify(title) if (args.title or from_session) else meeting
    name_slug = name_slug or meeting
    path = loaded.docs_dir / community.folder / "highlights" / f"{day.isoformat()}-{name_slug}.md"
    text = _scaffold(
        "highlight.md",
        loaded.options.language,
        title=title,
        date=day.isoformat(),
        session=session_ref,
        authors=list(community.charter.facilitators),
        draft=args.draft,
    )
    write_new(path, text)
    print(_shown(path))
    return EXIT_OK


def cmd_status(args) -> int:
    from . import views

    loaded = load_site(args.config_file)
    handbook, problems = _read(loaded)
    today = loaded.options.today
    if not handbook.communities:
        print("no communities yet: `copsite new community SLUG` starts one")
    width = max((len(c.slug) for c in handbook.communities), default=0)
    for c in handbook.communities:
        st = views.status(c, today)
        roles = ", ".join(f"{n} {role}" for role, n in st.roles.items()) or "no members listed"
        missing = ", ".join(st.missing) or "none"
        nxt = st.next.session.date.isoformat() if st.next else "none planned"
        last = "no highlight yet" if st.days_since_highlight is None else f"last highlight {st.days_since_highlight} days ago"
        print(f"{c.slug:<{width}}  {c.charter.stage:<9}  missing: {missing}  members: {roles}  next: {nxt}  {last}")
    if problems.errors:
        print(f"({problems.summary()}: `copsite check` lists them)")
    return EXIT_OK


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

    init = sub.add_parser(
        "init",
        help="start a new handbook in a folder",
        description="Write mkdocs.yml and content/ with a front page and one example community. Never overwrites.",
        epilog="example:\n  copsite init my-handbook --name 'Our Learning Communities'\n  cd my-handbook && mkdocs serve",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("directory", nargs="?", default=".", help="the folder (default: this one)")
    init.add_argument("--name", help="the handbook's name (site_name; default: Our Communities of Practice, in the handbook's language)")
    init.add_argument("--language", default="en", help="the handbook's language: en or fr (default: en); copsite's words, dates and starter files follow it")
    init.add_argument("--timezone", default="UTC", help="IANA time zone for plan times and calendars (default: UTC)")
    init.set_defaults(func=cmd_init)

    new = sub.add_parser(
        "new",
        help="add a community or a highlight",
        description="Add a community or a meeting highlight, with the planning guide's questions as prompts.",
        epilog="examples:\n  copsite new community early-literacy --title 'Early Literacy'\n  copsite new highlight early-literacy --title 'Launch meeting'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    new_sub = new.add_subparsers(dest="what", metavar="WHAT")
    community = new_sub.add_parser(
        "community",
        help="a new community folder: charter, norms and plan",
        description="Write content/communities/SLUG/ with index.md (the charter), norms.md and plan.md, filled with "
        "the planning guide's questions as prompts and valid placeholders. It builds at once; `copsite check` "
        "lists the placeholders still to fill in.",
        epilog="example:\n  copsite new community early-literacy --title 'Early Literacy' --facilitator 'Ana Silva'",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    community.add_argument("slug", help="the folder name: lowercase letters, digits and dashes")
    community.add_argument("--title", help="the community's name (default: from the slug)")
    community.add_argument("--facilitator", help="the first facilitator's name (default: a placeholder name)")
    community.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml")
    community.set_defaults(func=cmd_new_community)
    highlight = new_sub.add_parser(
        "highlight",
        help="a new meeting highlight for a community",
        description="Write communities/SLUG/highlights/YYYY-MM-DD-<title>.md with the front matter filled: the date "
        "(default today), the plan session on or before that date, the facilitators as authors, and an outline.",
        epilog="examples:\n  copsite new highlight early-literacy\n  copsite new highlight early-literacy --title 'Reading circles' --date 2025-11-19",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    highlight.add_argument("community", help="the community's slug (its folder name)")
    highlight.add_argument("--title", help="the highlight's title (default: the session's title)")
    highlight.add_argument("--date", help="the meeting date, YYYY-MM-DD (default: today)")
    highlight.add_argument("--draft", action="store_true", help="mark it draft: published nowhere until you remove the line")
    highlight.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml")
    highlight.set_defaults(func=cmd_new_highlight)
    new.set_defaults(func=lambda args: (new.print_help(), EXIT_USAGE)[1])

    status = sub.add_parser(
        "status",
        help="one line per community: stage, missing sections, members, next session",
        description="For facilitators: each community's stage, the planning guide's sections it still lacks, "
        "members by role, the next session and the days since the last highlight.",
        epilog="example:\n  copsite status",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    status.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml")
    status.set_defaults(func=cmd_status)
    return parser


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
