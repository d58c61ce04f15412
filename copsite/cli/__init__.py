"""The `copsite` command: check, status, init, new, upgrade and export, without building a site; serve and build.

`copsite check` uses the same reader as the MkDocs plugin, so the two always
report the same problems. mkdocs.yml is loaded with MkDocs' own config loader
(it may hold `!ENV`, `INHERIT` or `!!python/name:`); nothing else here needs MkDocs.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
import logging
import os
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from copsite import __version__
from copsite.i18n import M_
from copsite.model.problems import printable, printable_lines
from copsite.model.sections import SECTIONS

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

    from copsite.model.options import OptionError
    from copsite.i18n import language
    from copsite.engine.config import language_problem, options_from, problem_prefix, theme_language

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
    asked = any("feeds" in c for c in plugin.config.user_configs)
    note = language_problem(config, plugin.config)
    return Loaded(path, Path(config.docs_dir), problem_prefix(config), options, list(config.theme.dirs), asked, note)


def _read(loaded: Loaded):
    from copsite.content.reader import read_handbook

    return read_handbook(loaded.docs_dir, loaded.options, prefix=loaded.prefix, theme_dirs=loaded.theme_dirs)


# ------------------------------------------------------------------ commands


def cmd_check(args) -> int:
    from copsite.content.placeholders import is_placeholder
    from copsite.model.text import purpose_sentence

    loaded = load_site(args.config_file)
    handbook, problems = _read(loaded)
    if loaded.language_problem is not None:
        problems.add(loaded.language_problem)
    note = _feeds_note(loaded, problems)
    editor_notes = _editor_notes(loaded, problems)
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    words = loaded.options.lang
    n = len(handbook.communities) + len(handbook.unreadable)
    broken = words.ngettext(" (%(num)d with errors in its charter)", " (%(num)d with errors in its charter)", len(handbook.unreadable)) if handbook.unreadable else ""
    counted = words.ngettext("%(num)d community", "%(num)d communities", n)
    verdict = words.gettext("%(communities)s, %(problems)s: %(verdict)s", communities=counted + broken, problems=problems.summary(), verdict=_verdict(failed, problems, words))
    if args.format == "github":
        _check_github(loaded, list(problems), verdict)
        return EXIT_PROBLEMS if failed else EXIT_OK
    for c in handbook.communities:
        p = c.charter.purpose
        written = not any(is_placeholder(part) for part in (p.audience, p.interest, p.learning_goal))
        sentence = purpose_sentence(p, words) if written else words.gettext("(its purpose sentence is still to write)")
        print(printable(f"{c.slug}: {sentence}"))
    if handbook.communities:
        print()
    for p in problems:
        print(f"{problems.severity_word(p.severity)}: {p}")
    note_word = words.pgettext("severity", "note")
    for text in [note, *editor_notes] if note else editor_notes:
        print(printable(f"{note_word}: {text}"))
    if args.format == "gitlab":
        from copsite.publishing.ci_report import gitlab_code_quality

        _write_report(Path(args.report), gitlab_code_quality(problems, _repo_path(loaded)), words)
    print(verdict)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_export(args) -> int:
    from copsite.engine import export
    from copsite.engine.planner import plan_site

    loaded = load_site(args.config_file)
    handbook, problems = _read(loaded)
    _feeds_note(loaded, problems)
    words = loaded.options.lang
    if problems.errors:  # refused as the build refuses it, with `copsite check`'s lines
        for p in problems:
            print(f"{problems.severity_word(p.severity)}: {p}")
        n = len(handbook.communities) + len(handbook.unreadable)
        counted = words.ngettext("%(num)d community", "%(num)d communities", n)
        print(words.gettext("%(communities)s, %(problems)s: not exported", communities=counted, problems=problems.summary()))
        return EXIT_PROBLEMS
    # The reports' PDFs are printed from a built site, which an export is not: planned without
    # them, its reports hold no "Download as PDF" link to a file it does not have.
    site = plan_site(handbook, replace(loaded.options, pdf=False))
    try:
        files = export.export_site(loaded.config_file, loaded.docs_dir, site, args.out, force=args.force)
    except export.ExportError as err:
        raise UsageError("%(problem)s", words, problem=err.problem) from None
    print(
        words.gettext(
            "Exported %(pages)s pages and %(files)s files to %(out)s/: build it with "
            "`mkdocs build`, `properdocs build` or `zensical build` there (no copsite needed)",
            pages=export.count_pages(files),
            files=len(files),
            out=args.out,
        )
    )
    return EXIT_OK


def _write_report(path: Path, text: str, words) -> None:
    """A report written where it was asked for, its folder made first (`--report reports/gl.json`)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UsageError("cannot write the report %(path)s: %(reason)s", words, path=str(path), reason=err.strerror) from None


def _feeds_note(loaded: Loaded, problems) -> str | None:
    """Feeds need site_url: a warning when mkdocs.yml asks for feeds, else a note (the build says it too)."""
    options = loaded.options
    if not options.feeds or options.site_url:
        return None
    text = M_("feeds need the site's address: set site_url in mkdocs.yml (no feed is written without it)")
    if loaded.feeds_asked:
        problems.warning(loaded.config_file.name, "plugins.copsite.feeds is true, but %(problem)s", key="site_url", problem=text)
        return None
    return options.lang.gettext(text)


def _editor_notes(loaded: Loaded, problems) -> list[str]:
    """Why the browser editor is off (copsite.publishing.editor.signin_problems): a warning for `editor: true`, else notes."""
    from copsite.publishing.editor import signin_problems

    warnings, notes = signin_problems(loaded.options)
    for option, message in warnings:
        problems.warning(loaded.config_file.name, "%(problem)s", key=f"plugins.copsite.{option}", problem=message)
    return [f"{loaded.config_file.name}: plugins.copsite.{option}: {loaded.options.lang.gettext(message)}" for option, message in notes]


def _verdict(failed: bool, problems, words) -> str:
    """Never "ready to publish" while a placeholder is left: the site would show less than was meant."""
    if failed:
        return words.gettext("not ready to publish")
    left = len(problems.placeholders)
    if left:
        return words.ngettext(
            "not ready to publish until it is filled in (it builds, and the site leaves it out)",
            "not ready to publish until they are filled in (it builds, and the site leaves them out)",
            left,
        )
    return words.gettext("ready to publish")


def _repo_path(loaded: Loaded):
    """A problem's file (named from the folder of mkdocs.yml) as a path from the folder the check runs in."""
    here = Path.cwd()

    def path_of(file: str) -> str:
        target = loaded.config_file.parent / file if file else loaded.config_file
        return Path(os.path.relpath(target.resolve(), here.resolve())).as_posix()

    return path_of


def _check_github(loaded: Loaded, problems: list, verdict: str) -> None:
    from copsite.publishing.ci_report import github_annotations, github_summary

    path_of = _repo_path(loaded)
    for line in github_annotations(problems, path_of):
        print(line)
    print(verdict)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as f:
            f.write(github_summary(problems, path_of, verdict))


# ------------------------------------------------------------------ writing files


def _scaffold(name: str, language: str = "en", **context) -> str:
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


def _slug_arg(value: str, words=None) -> str:
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


def _date_arg(value: str, words=None):
    import datetime as dt

    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError("'%(value)s' is not a date: write it as YYYY-MM-DD, like 2025-10-15", words, value=value) from None
    if day.isoformat() != value:
        raise UsageError("write the date as YYYY-MM-DD: %(date)s", words, date=day.isoformat())
    return day


def _community_files(title: str, today, facilitator: str, sample: bool = False, language: str = "en") -> dict[str, str]:
    ctx = dict(title=title, today=today.isoformat(), facilitator=facilitator, first_session=first_session(today).isoformat(), sample=sample)
    return {name: _scaffold(name, language, **ctx) for name in ("index.md", "norms.md", "plan.md")}


def first_session(today):
    """The sample plan's first session: a Wednesday (a school day) two to three weeks from today."""
    import datetime as dt

    day = today + dt.timedelta(days=14)
    return day + dt.timedelta(days=(2 - day.weekday()) % 7)


# ------------------------------------------------------------------ init and new


def cmd_init(args) -> int:
    from copsite.publishing.hosting import HostingError, ci_files, hosting, project_files
    from copsite.i18n import language, languages
    from copsite.model.options import resolve_today
    from copsite.model.schema import slugify
    from copsite.publishing.selfwheel import WheelError, running_wheel

    if args.language not in languages():
        raise UsageError(
            "'%(language)s' is not a language copsite speaks yet (languages: %(languages)s)",
            language=args.language,
            languages=", ".join(languages()),
        )
    words = language(args.language)
    _ = words.gettext
    target = Path(args.directory)
    if (target / "mkdocs.yml").exists() or (target / "content").exists():
        raise UsageError("%(path)s already holds a handbook (mkdocs.yml or content/): copsite never overwrites one", words, path=target)
    if target.exists() and not target.is_dir():
        raise UsageError("%(path)s is a file, not a folder", words, path=target)
    try:
        today = resolve_today(None, args.timezone)
    except Exception:
        raise UsageError("'%(timezone)s' is not a known IANA time zone name (examples: UTC, America/Toronto)", words, timezone=args.timezone) from None
    host = None
    if args.repo:
        try:
            host = hosting(args.repo, host=args.host, branch=args.branch, site_url=args.site_url)
        except HostingError as err:
            raise UsageError("%(problem)s", words, problem=err.problem) from None
    if args.app_id and (host is None or host.repo.kind == "github"):
        raise UsageError(
            "--app-id goes with --repo URL on GitLab, Gitea or Forgejo (on GitHub, editors sign in through "
            "editor_auth_url: see the README's \"Signing in on GitHub\")",
            words,
        )
    if host is None and (args.host or args.site_url or args.branch != "main"):
        raise UsageError("--host, --branch and --site-url go with --repo URL (the handbook's repository)", words)
    site_name = args.name or _("Our Communities of Practice")
    first = slugify(_("Our first community"))
    files: dict[str, str | bytes] = {
        "mkdocs.yml": _scaffold(
            "mkdocs.yml",
            args.language,
            site_name=site_name,
            timezone=args.timezone,
            site_url=host.site_url if host else None,
            repo_url=host.repo_url if host else None,
            edit_uri=host.edit_uri if host else None,
            repo_kind=host.repo.kind if host else None,
            editor_app_id=args.app_id,
        ),
        "content/index.md": _scaffold("front.md", args.language, site_name=site_name),
        "content/communities/index.md": "---\ntitle: {}\n---\n\n{}\n".format(
            _("Communities"), _("Every community of practice of this handbook.")
        ),
    }
    for name, text in _community_files(_("Our first community"), today, _("Your Name"), sample=True, language=args.language).items():
        files[f"content/communities/{first}/{name}"] = text
    try:
        project = project_files(running_wheel())
    except WheelError as err:
        raise UsageError("%(problem)s", words, problem=err.problem) from None
    extra = {name: text for name, text in project.items() if not (target / name).exists()}
    if host is not None:
        for name, text in ci_files(host).items():
            if (target / name).exists():
                raise UsageError("%(path)s already exists: copsite never overwrites a file", words, path=target / name)
            extra[name] = text
    files.update(extra)
    target.mkdir(parents=True, exist_ok=True)
    staging = target / ".copsite-init"
    write_folder(staging, files)
    for name in ("mkdocs.yml", "content", *sorted(extra)):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).rename(target / name)
    import shutil

    shutil.rmtree(staging)
    print(_("Started a handbook in %(path)s/", path=target))
    print("  mkdocs.yml")
    print("  content/index.md")
    print(f"  content/communities/{first}/ (index.md, norms.md, plan.md)")
    for name in sorted(extra):
        print(f"  {name}")
    for name in sorted(set(project) - set(extra)):
        if name == ".gitignore":
            print("  " + _("(kept your %(name)s: copsite never overwrites a file; see that it names site/ and .venv/)", name=name))
        else:
            print("  " + _("(kept your %(name)s: see that it names copsite)", name=name))
    _next_steps(host, _)
    return EXIT_OK


def _next_steps(host, _) -> None:
    """What `copsite init` says to do next: preview, then push and publish (or upload site/)."""
    print(_("Next: `copsite check` lists what to fill in; `copsite serve` previews the site."))
    if host is not None:
        if host.repo.kind == "github":
            where = _("Settings > Pages > Source: GitHub Actions")
            print(_("Then push to %(repo)s (branch %(branch)s) and turn Pages on (%(where)s).", repo=host.repo_url, branch=host.repo.branch, where=where))
        else:
            print(_("Then push to %(repo)s (branch %(branch)s): the first pipeline publishes the site, and Deploy > Pages shows its address.", repo=host.repo_url, branch=host.repo.branch))
        if host.site_url:
            print(_("The site will be at %(url)s", url=host.site_url))
        else:
            print(_(
                "warning: no site_url written (the Pages address of a host of your own is not known): feeds and calendars "
                "need it; give it with --site-url, or write the address Deploy > Pages shows into site_url in mkdocs.yml"
            ))
    else:
        print(
            _(
                "To publish: `mkdocs build` writes the site to site/; upload that folder to any web host "
                "(the README's \"Publish your handbook\" says how, and how GitHub or GitLab can do it for you)."
            )
        )


def cmd_upgrade(args) -> int:
    """The handbook's copsite (the wheel in .copsite/ that its CI installs) replaced with the running one."""
    from copsite.publishing.selfwheel import FOLDER, WheelError, running_wheel

    loaded = load_site(args.config_file)
    words = loaded.options.lang
    folder = loaded.config_file.parent
    try:
        wheel = running_wheel()
    except WheelError as err:
        raise UsageError("%(problem)s", words, problem=err.problem) from None
    kept = folder / FOLDER
    old = sorted(p.name for p in kept.glob("copsite-*.whl")) if kept.is_dir() else []
    kept.mkdir(exist_ok=True)
    part = kept / f".{wheel.name}.part"
    part.write_bytes(wheel.data)
    os.replace(part, kept / wheel.name)
    for name in old:
        if name != wheel.name:
            (kept / name).unlink()
    requirements = folder / "requirements.txt"
    requirements.write_text(upgraded_requirements(requirements, wheel), encoding="utf-8")
    now = FOLDER + "/" + wheel.name
    was = ", ".join(old) or words.gettext("none")
    print(words.gettext(
        "copsite %(version)s: %(wheel)s, named by requirements.txt (was: %(old)s). Commit both: the next pipeline installs it.",
        version=__version__,
        wheel=now,
        old=was,
    ))
    return EXIT_OK


def upgraded_requirements(requirements: Path, wheel) -> str:
    """requirements.txt with its copsite line (the wheel, `copsite==…` or `copsite @ …`) naming `wheel`."""
    import re

    from copsite.publishing.hosting import requirements_text
    from copsite.publishing.selfwheel import REQUIREMENT, requirement_line

    if not requirements.is_file():
        return requirements_text(wheel)
    lines, line, done = [], requirement_line(wheel), False
    for old in requirements.read_text(encoding="utf-8").splitlines():
        if REQUIREMENT.match(old):
            if not done:
                lines.append(line)
            done = True
        else:
            lines.append(re.sub(r"^# copsite \S+ is the wheel in", f"# copsite {__version__} is the wheel in", old))
    if not done:
        lines.append(line)
    return "\n".join(lines) + "\n"


def cmd_new_community(args) -> int:
    loaded = load_site(args.config_file)
    words = loaded.options.lang
    slug = _slug_arg(args.slug, words)
    folder = loaded.docs_dir / loaded.options.communities_dir / slug
    title = args.title or slug.replace("-", " ").capitalize()
    facilitator = args.facilitator or loaded.options.lang.gettext("Your Name")
    files = _community_files(title, loaded.options.today, facilitator, language=loaded.options.language)
    write_folder(folder, files)
    for name in files:
        print(_shown(folder / name))
    print(words.gettext("Next: fill in the TO DO texts (`copsite check` lists them) and preview with `copsite serve`."))
    return EXIT_OK


SECTION_FILES = {s.name: s.file for s in SECTIONS if s.new}
"""The sections `copsite new SECTION SLUG` writes into a community folder, from copsite/publishing/scaffold/."""


def cmd_new_section(args) -> int:
    loaded = load_site(args.config_file)
    words = loaded.options.lang
    slug = _slug_arg(args.community, words)
    folder = loaded.docs_dir / loaded.options.communities_dir / slug
    handbook, _ = _read(loaded)
    if not (folder / "index.md").is_file():
        known = ", ".join(c.slug for c in handbook.communities) or M_("none yet")
        raise UsageError("there is no community '%(slug)s' (communities: %(known)s)", words, slug=slug, known=known)
    community = handbook.community(slug)
    title = community.title if community else slug
    facilitator = community.charter.facilitators[0] if community and community.charter.facilitators else loaded.options.lang.gettext("Your Name")
    today = loaded.options.today
    ctx = dict(title=title, today=today.isoformat(), facilitator=facilitator, first_session=first_session(today).isoformat(), sample=False)
    path = folder / SECTION_FILES[args.what]
    write_new(path, _scaffold(SECTION_FILES[args.what], loaded.options.language, **ctx))
    print(_shown(path))
    print(words.gettext("Next: write it (the comments hold the planning guide's questions); `copsite check` lists what is left."))
    return EXIT_OK


def _shown(path: Path) -> str:
    try:
        return printable(path.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return printable(str(path))


def cmd_new_highlight(args) -> int:
    from copsite.model.schema import slugify

    loaded = load_site(args.config_file)
    words = loaded.options.lang
    slug = _slug_arg(args.community, words)
    handbook, problems = _read(loaded)
    community = handbook.community(slug)
    if community is None:
        folder = loaded.docs_dir / loaded.options.communities_dir / slug
        if folder.is_dir():
            raise UsageError("the community '%(slug)s' has errors in its charter: run `copsite check` and fix them first", words, slug=slug)
        known = ", ".join(c.slug for c in handbook.communities) or M_("none yet")
        raise UsageError("there is no community '%(slug)s' (communities: %(known)s)", words, slug=slug, known=known)
    day = _date_arg(args.date, words) if args.date else _clock_today(loaded.options)
    before = [s for s in community.sessions if s.date <= day and not s.cancelled]
    session_ref = None
    session = max(before, key=lambda s: (s.date, s.time or ()), default=None) if before else None
    session = _chosen_session(community, day, session, getattr(args, "session", None), words)
    if session is not None:
        same_day = [s for s in community.sessions if s.date == session.date]
        if session.id:
            session_ref = session.id
        elif len(same_day) == 1:
            session_ref = session.date.isoformat()
    from_session = session is not None and session.date == day and session.title
    _ = loaded.options.lang.gettext
    kind_name = {"meeting": _("Meeting"), "check-in": _("Check-in"), "survey": _("Survey"), "success-story": _("Success story"), "reflection": _("Reflection"), "summary": _("Summary")}[args.kind]
    from_session = from_session and args.kind == "meeting"
    title = args.title or (session.title if from_session else _("%(kind)s of %(date)s", kind=kind_name, date=day.isoformat()))
    word = (slugify(_("meeting")) or "meeting") if args.kind == "meeting" else args.kind
    name_slug = slugify(title) if (args.title or from_session) else word
    name_slug = name_slug or word
    path = loaded.docs_dir / community.folder / "highlights" / f"{day.isoformat()}-{name_slug}.md"
    from copsite.content.compose import write
    from copsite.publishing.kind_outlines import KIND_OUTLINES, OUTLINES_BY_LANGUAGE

    outlines = OUTLINES_BY_LANGUAGE.get(words.language, KIND_OUTLINES)
    answers = dict(title=title, date=day.isoformat(), session=session_ref, kind=args.kind, authors=list(community.charter.facilitators), draft=args.draft)
    write_new(path, write({**answers, "body": outlines.get(args.kind) or KIND_OUTLINES[args.kind]}))  # the post page's composer
    print(_shown(path))
    return EXIT_OK


def cmd_edit(args) -> int:
    from copsite.cli.edit import NodeMissing, run

    from copsite.publishing.editor import site_root

    loaded = load_site(args.config_file)
    options = loaded.options
    if options.editor_own_admin or not (options.editor or (options.editor_requested is not False and options.repo is not None)):
        raise UsageError(
            "%(path)s: the browser editor is off: set `editor: true` under the copsite plugin", options.lang, path=loaded.config_file
        )
    try:
        return run(loaded.config_file, args.dev_addr, root=site_root(options))
    except NodeMissing as err:
        raise UsageError("%(problem)s", loaded.options.lang, problem=err.problem) from None


def _clock_today(options):
    """Today on the clock in the site's time zone (not the pinned `today:` nor SOURCE_DATE_EPOCH)."""
    import datetime as dt

    return dt.datetime.now(options.tz).date()


def _chosen_session(community, day, session, wanted: str | None, words=None):
    """The session a new highlight reports: the one named by --session, else the only one that day."""
    if wanted:
        match = [s for s in community.sessions if s.id == wanted]
        if not match:
            known = ", ".join(s.id for s in community.sessions if s.id) or M_("none: give sessions an id in plan.md")
            raise UsageError("the plan has no session with the id '%(id)s' (ids: %(ids)s)", words, id=wanted, ids=known)
        return match[0]
    same_day = [s for s in community.sessions if s.date == day and not s.cancelled]
    if len(same_day) > 1:
        ids = [s.id for s in same_day if s.id]
        raise UsageError(
            "the plan has %(count)s sessions on %(date)s: say which one the highlight reports with %(hint)s",
            words,
            count=len(same_day),
            date=day.isoformat(),
            hint=M_("--session ID (one of %(ids)s)", ids=", ".join(ids))
            if ids
            else M_("--session ID, after giving those sessions an id in plan.md"),
        )
    return session


def cmd_status(args) -> int:
    from copsite.model import views

    loaded = load_site(args.config_file)
    handbook, problems = _read(loaded)
    today = loaded.options.today
    _ = loaded.options.lang.gettext
    ngettext = loaded.options.lang.ngettext
    if not handbook.communities:
        print(_("no communities yet: `copsite new community SLUG` starts one"))
    width = max((len(c.slug) for c in handbook.communities), default=0)
    for c in handbook.communities:  # the stage, roles and sections are the format's own words, as in the files
        st = views.status(c, today)
        roles = ", ".join(f"{n} {role}" for role, n in st.roles.items()) or _("no members listed")
        missing = _missing_words(loaded, c, st.missing)
        tentative = " " + _("(tentative)") if st.next and st.next.status == "tentative" else ""
        nxt = st.next.session.date.isoformat() + tentative if st.next else _("none planned")
        if st.days_since_highlight is None:
            last = _("no highlight yet")
        else:
            last = ngettext("last highlight %(num)d day ago", "last highlight %(num)d days ago", st.days_since_highlight)
        line = _("missing: %(missing)s  members: %(members)s  next: %(next)s", missing=missing, members=roles, next=nxt)
        print(printable(f"{c.slug:<{width}}  {c.charter.stage:<9}  {line}  {last}"))
    if handbook.communities:
        print(_post_hint(loaded, next((c for c in handbook.communities if not c.charter.sample), handbook.communities[0])))
    hints = _section_hints(loaded, handbook)
    if hints:
        print(_("to add a missing section: %(hints)s", hints="; ".join(hints)))
    if problems.errors:
        print(_("(%(problems)s: `copsite check` lists them)", problems=problems.summary()))
    return EXIT_OK


def _missing_words(loaded: Loaded, c, missing: list[str]) -> str:
    """The sections a community lacks; those whose file is there with its placeholders are "not filled in yet"."""
    _ = loaded.options.lang.gettext
    there = [s for s in missing if s in SECTION_FILES and (loaded.docs_dir / c.folder / SECTION_FILES[s]).exists()]
    absent = ", ".join(s for s in missing if s not in there)
    unfilled = _("%(sections)s not filled in yet", sections=", ".join(there)) if there else ""
    return "; ".join(part for part in (absent, unfilled) if part) or _("none")


def _post_hint(loaded: Loaded, community) -> str:
    """Where facilitators post a highlight from a phone: the community's post page (copsite.pages.post)."""
    from copsite.publishing.post_button import post_src
    from copsite.model.urls import page_url

    options = loaded.options
    address = page_url(post_src(community), options.use_directory_urls)
    address = (options.site_url.rstrip("/") + "/" if options.site_url else "/") + address
    return options.lang.gettext(
        "to post a highlight from a phone or any browser, open its community's post page: %(address)s "
        "(each community has one: communities/SLUG/post/)",
        address=address,
    )


def _section_hints(loaded: Loaded, handbook) -> list[str]:
    """The commands that write the sections the communities lack (one a section, with a community's slug)."""
    from copsite.model import views

    hints: dict[str, str] = {}
    for c in handbook.communities:
        for section in views.status(c, loaded.options.today).missing:
            if section == "highlights":
                hints.setdefault(section, f"copsite new highlight {c.slug}")
            elif (loaded.docs_dir / c.folder / SECTION_FILES[section]).exists():
                path = c.folder + "/" + SECTION_FILES[section]
                hints.setdefault(section, loaded.options.lang.gettext("%(section)s: fill in %(file)s", section=section, file=path))
            else:
                hints.setdefault(section, f"copsite new {section} {c.slug}")
    return list(hints.values())


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
    changes, copsite.pages.preview) unless `--clean` asks for MkDocs' full rebuilds."""
    if any(a in ("--dirty", "--dirtyreload", "-c", "--clean") for a in mkdocs_args):
        return mkdocs_args
    return [*mkdocs_args, "--dirty"]


def _not_the_dirty_warning(record) -> bool:
    """MkDocs warns that a dirty build "will likely lead to inaccurate navigation": copsite's
    preview plans every page and the navigation at each rebuild (copsite.pages.preview), so it does not."""
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


# ------------------------------------------------------------------ parser

EPILOG_CHECK = """example:
  copsite check              check the handbook in this folder
  copsite check --strict     also fail on warnings (as `mkdocs build --strict`)
  copsite check --format github    in a GitHub workflow: each problem on its file's line
  copsite check --format gitlab    in a GitLab job: also writes gl-code-quality-report.json
"""


def build_parser() -> argparse.ArgumentParser:
    from copsite.model.schema import HIGHLIGHT_KINDS

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
    check.add_argument(
        "--format",
        choices=("text", "github", "gitlab"),
        default="text",
        help="text (default); github: workflow annotations on each file's line, and a table in the job summary "
        "($GITHUB_STEP_SUMMARY); gitlab: the text, and a Code Quality report written to --report",
    )
    check.add_argument("--report", default="gl-code-quality-report.json", help="where --format gitlab writes its JSON "
                       "(default: gl-code-quality-report.json)")
    check.set_defaults(func=cmd_check)

    init = sub.add_parser(
        "init",
        help="start a new handbook in a folder",
        description="Write mkdocs.yml and content/ with a front page and one example community, .gitignore, "
        "this copsite as a wheel in .copsite/ and requirements.txt naming it (what a CI installs); with --repo, also the host's CI file (.github/workflows/publish.yml or .gitlab-ci.yml) that "
        "checks every push and publishes the site with the host's Pages. Never overwrites.",
        epilog="examples:\n  copsite init my-handbook --name 'Our Learning Communities'\n  cd my-handbook && copsite serve\n"
        "  copsite init my-handbook --repo https://github.com/lakeside/handbook",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    init.add_argument("directory", nargs="?", default=".", help="the folder (default: this one)")
    init.add_argument("--name", help="the handbook's name (site_name; default: Our Communities of Practice, in the handbook's language)")
    init.add_argument("--language", default="en", help="the handbook's language: en or fr (default: en); copsite's words, dates and starter files follow it")
    init.add_argument("--timezone", default="UTC", help="IANA time zone for plan times and calendars (default: UTC)")
    init.add_argument("--repo", metavar="URL", help="the handbook's repository (https://github.com/OWNER/REPO or "
                      "https://gitlab.com/GROUP/REPO): also writes the host's CI file that checks and publishes the site")
    init.add_argument("--host", choices=("github", "gitlab"), help="the kind of host, for a GitLab of your own (--host gitlab)")
    init.add_argument("--branch", default="main", help="the branch that is published (default: main)")
    init.add_argument("--site-url", help="the published address (default: the host's Pages address)")
    init.add_argument("--app-id", help="GitLab, Gitea, Forgejo: the OAuth application's id the browser editor signs in with "
                      "(PKCE; the README's \"Signing in on GitLab, Gitea or Forgejo\")")
    init.set_defaults(func=cmd_init)

    new = sub.add_parser(
        "new",
        help="add a community, a highlight or a section of a community",
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
    highlight.add_argument("--session", help="the id of the session it reports, when the plan has several that day")
    highlight.add_argument("--draft", action="store_true", help="mark it draft: published nowhere until you remove the line")
    highlight.add_argument(
        "--kind", default="meeting", choices=HIGHLIGHT_KINDS,
        help="what it records, with the matching outline: " + ", ".join(HIGHLIGHT_KINDS) + " (default: meeting)",
    )
    highlight.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml")
    highlight.set_defaults(func=cmd_new_highlight)
    for what, help_ in ((s.name, f"{s.file}: {s.about}") for s in SECTIONS if s.new):
        section = new_sub.add_parser(
            what,
            help=help_,
            description=f"Write communities/SLUG/{help_}, with the planning guide's questions as prompts. Never overwrites.",
            epilog=f"example:\n  copsite new {what} early-literacy",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        section.add_argument("community", help="the community's slug (its folder name)")
        section.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml")
        section.set_defaults(func=cmd_new_section)
    new.set_defaults(func=lambda args: (new.print_help(), EXIT_USAGE)[1])  # type: ignore[func-returns-value]  # the help, then exit 2

    edit = sub.add_parser(
        "edit",
        help="preview the site and edit it in the browser editor (/admin/), on this computer",
        description="Start `mkdocs serve` and Decap's local proxy (decap-server, from npm: needs Node.js) together, "
        "print both addresses, and stop both on Ctrl-C. The editor at /admin/ then edits the files here.",
    )
    edit.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml")
    edit.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="the preview's address (default: 127.0.0.1:8000)")
    edit.set_defaults(func=cmd_edit)

    exp = sub.add_parser(
        "export",
        help="write the site's source for any engine, without copsite",
        description="Write OUT/mkdocs.yml (nav written out, copsite removed) and OUT/docs/ with every page as "
        "Markdown, the feeds, calendars and attachments: MkDocs, ProperDocs or Zensical build it with no copsite.",
        epilog="example:\n  copsite export ../handbook-export && cd ../handbook-export && zensical build",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    exp.add_argument("out", help="the folder to write (new or empty)")
    exp.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml")
    exp.add_argument("--force", action="store_true", help="replace what OUT holds (its dot-entries, like .git, are kept)")
    exp.set_defaults(func=cmd_export)

    for name, what in (("serve", "preview the handbook on http://127.0.0.1:8000/ (`mkdocs serve --dirty`: an edit rebuilds only what it changes)"), ("build", "build the site into site/ (`mkdocs build`)")):
        mk = sub.add_parser(
            name,
            help=what,
            description=f"{what[0].upper()}{what[1:]}, without the theme's end-of-life banner. Any option of "
            f"`mkdocs {name}` may follow (see `mkdocs {name} --help`).",
            epilog=f"examples:\n  copsite {name}\n  copsite {name} --strict",
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        mk.add_argument("mkdocs_args", nargs=argparse.REMAINDER, help=f"options passed to `mkdocs {name}`")
        mk.set_defaults(func=cmd_mkdocs)

    upgrade = sub.add_parser(
        "upgrade",
        help="make the handbook's CI install this copsite",
        description="Replace the copsite wheel in the handbook's .copsite/ folder (what requirements.txt names, "
        "and what the host's CI installs) with the copsite running this command, and point requirements.txt at it. "
        "Commit both afterwards.",
        epilog="example:\n  copsite upgrade",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    upgrade.add_argument("-f", "--config-file", default="mkdocs.yml", help="the handbook's mkdocs.yml")
    upgrade.set_defaults(func=cmd_upgrade)

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
