"""`copsite init` and `copsite upgrade`: a new handbook, and the copsite its pipeline installs."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from copsite import __version__
from copsite.cli.common import EXIT_OK, UsageError, load_site, scaffold_text, write_folder

if TYPE_CHECKING:
    pass


def community_files(title: str, today, facilitator: str, sample: bool = False, language: str = "en") -> dict[str, str]:
    """A new community's charter, norms and plan."""
    return {name: section_text(name, title, today, facilitator, sample, language) for name in ("index.md", "norms.md", "plan.md")}


def section_text(name: str, title: str, today, facilitator: str, sample: bool = False, language: str = "en") -> str:
    """One file of a community folder from publishing/scaffold/, with the planning guide's prompts."""
    ctx = dict(
        title=title,
        today=today.isoformat(),
        facilitator=facilitator,
        first_session=first_session(today).isoformat(),
        sample=sample,
    )
    return scaffold_text(name, language, **ctx)


def first_session(today):
    """The sample plan's first session: a Wednesday (a school day) two to three weeks from today."""
    import datetime as dt

    day = today + dt.timedelta(days=14)
    return day + dt.timedelta(days=(2 - day.weekday()) % 7)


def cmd_init(args) -> int:
    from copsite.i18n import language, languages

    if args.language not in languages():
        raise UsageError(
            "'%(language)s' is not a language copsite speaks yet (languages: %(languages)s)",
            language=args.language,
            languages=", ".join(languages()),
        )
    words = language(args.language)
    _ = words.gettext
    target = Path(args.directory)
    today, host = _init_checks(args, target, words)
    files, first = _handbook_files(args, host, today, words)
    project, extra = _project_files(target, host, words)
    files.update(extra)
    _write_into(target, files, ("mkdocs.yml", "content", *sorted(extra)))
    print(_("Started a handbook in %(path)s/", path=target))
    print("  mkdocs.yml")
    print("  content/index.md")
    print(f"  content/communities/{first}/ (index.md, norms.md, plan.md)")
    for name in sorted(extra):
        print(f"  {name}")
    for name in sorted(set(project) - set(extra)):
        if name == ".gitignore":
            print(
                "  " + _("(kept your %(name)s: copsite never overwrites a file; see that it names site/ and .venv/)", name=name)
            )
        else:
            print("  " + _("(kept your %(name)s: see that it names copsite)", name=name))
    _next_steps(host, _)
    return EXIT_OK


def _init_checks(args, target: Path, words):
    """Today in the handbook's zone and the host of --repo, once every argument is known to fit."""
    from copsite.model.options import resolve_today
    from copsite.publishing.hosting import HostingError, hosting

    if (target / "mkdocs.yml").exists() or (target / "content").exists():
        raise UsageError(
            "%(path)s already holds a handbook (mkdocs.yml or content/): copsite never overwrites one", words, path=target
        )
    if target.exists() and not target.is_dir():
        raise UsageError("%(path)s is a file, not a folder", words, path=target)
    try:
        today = resolve_today(None, args.timezone)
    except Exception:
        raise UsageError(
            "'%(timezone)s' is not a known IANA time zone name (examples: UTC, America/Toronto)", words, timezone=args.timezone
        ) from None
    host = None
    if args.repo:
        try:
            host = hosting(args.repo, host=args.host, branch=args.branch, site_url=args.site_url)
        except HostingError as err:
            raise UsageError("%(problem)s", words, problem=err.problem) from None
    if args.app_id and (host is None or host.repo.kind == "github"):
        raise UsageError(
            "--app-id goes with --repo URL on GitLab, Gitea or Forgejo (on GitHub, editors sign in through "
            'editor_auth_url: see the README\'s "Signing in on GitHub")',
            words,
        )
    if host is None and (args.host or args.site_url or args.branch != "main"):
        raise UsageError("--host, --branch and --site-url go with --repo URL (the handbook's repository)", words)
    return today, host


def _handbook_files(args, host, today, words) -> tuple[dict[str, str | bytes], str]:
    """mkdocs.yml and content/: the front page, the communities page and the sample community (and its slug)."""
    from copsite.model.schema import slugify

    _ = words.gettext
    site_name = args.name or _("Our Communities of Practice")
    first = slugify(_("Our first community"))
    files: dict[str, str | bytes] = {
        "mkdocs.yml": scaffold_text(
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
        "content/index.md": scaffold_text("front.md", args.language, site_name=site_name),
        "content/communities/index.md": "---\ntitle: {}\n---\n\n{}\n".format(
            _("Communities"), _("Every community of practice of this handbook.")
        ),
    }
    for name, text in community_files(
        _("Our first community"), today, _("Your Name"), sample=True, language=args.language
    ).items():
        files[f"content/communities/{first}/{name}"] = text
    return files, first


def _project_files(target: Path, host, words) -> tuple[dict[str, str | bytes], dict[str, str | bytes]]:
    """(.gitignore, requirements.txt and this copsite's wheel; those of them not there yet, with the host's CI file)."""
    from copsite.publishing.hosting import ci_files, project_files
    from copsite.publishing.selfwheel import WheelError, running_wheel

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
    return project, extra


def _write_into(target: Path, files: dict[str, str | bytes], tops) -> None:
    """Write every file into a staging folder, then move each top entry into place (never half a handbook)."""
    import shutil

    target.mkdir(parents=True, exist_ok=True)
    staging = target / ".copsite-init"
    write_folder(staging, files)
    for name in tops:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).rename(target / name)
    shutil.rmtree(staging)


def _next_steps(host, _) -> None:
    """What `copsite init` says to do next: preview, then push and publish (or upload site/)."""
    print(_("Next: `copsite check` lists what to fill in; `copsite serve` previews the site."))
    if host is not None:
        if host.repo.kind == "github":
            where = _("Settings > Pages > Source: GitHub Actions")
            print(
                _(
                    "Then push to %(repo)s (branch %(branch)s) and turn Pages on (%(where)s).",
                    repo=host.repo_url,
                    branch=host.repo.branch,
                    where=where,
                )
            )
        else:
            print(
                _(
                    "Then push to %(repo)s (branch %(branch)s): the first pipeline publishes the site, and Deploy > Pages shows its address.",
                    repo=host.repo_url,
                    branch=host.repo.branch,
                )
            )
        if host.site_url:
            print(_("The site will be at %(url)s", url=host.site_url))
        else:
            print(
                _(
                    "warning: no site_url written (the Pages address of a host of your own is not known): feeds and calendars "
                    "need it; give it with --site-url, or write the address Deploy > Pages shows into site_url in mkdocs.yml"
                )
            )
    else:
        print(
            _(
                "To publish: `mkdocs build` writes the site to site/; upload that folder to any web host "
                '(the README\'s "Publish your handbook" says how, and how GitHub or GitLab can do it for you).'
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
    print(
        words.gettext(
            "copsite %(version)s: %(wheel)s, named by requirements.txt (was: %(old)s). Commit both: the next pipeline installs it.",
            version=__version__,
            wheel=now,
            old=was,
        )
    )
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
