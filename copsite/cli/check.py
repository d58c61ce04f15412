"""`copsite check`: every problem of a handbook, in the terminal's words or the CI host's."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from copsite.cli.common import EXIT_OK, EXIT_PROBLEMS, Loaded, UsageError, load_site, read_loaded
from copsite.i18n import M_
from copsite.model.problems import printable

if TYPE_CHECKING:
    pass


def cmd_check(args) -> int:
    from copsite.content.placeholders import is_placeholder
    from copsite.model.text import purpose_sentence

    loaded = load_site(args.config_file)
    handbook, problems = read_loaded(loaded)
    if loaded.language_problem is not None:
        problems.add(loaded.language_problem)
    note = feeds_note(loaded, problems)
    editor_notes = _editor_notes(loaded, problems)
    failed = bool(problems.errors) or (args.strict and bool(problems.warnings))
    words = loaded.options.lang
    n = len(handbook.communities) + len(handbook.unreadable)
    broken = (
        words.ngettext(" (%(num)d with errors in its charter)", " (%(num)d with errors in its charter)", len(handbook.unreadable))
        if handbook.unreadable
        else ""
    )
    counted = words.ngettext("%(num)d community", "%(num)d communities", n)
    verdict = words.gettext(
        "%(communities)s, %(problems)s: %(verdict)s",
        communities=counted + broken,
        problems=problems.summary(),
        verdict=_verdict(failed, problems, words),
    )
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


def _write_report(path: Path, text: str, words) -> None:
    """A report written where it was asked for, its folder made first (`--report reports/gl.json`)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as err:
        raise UsageError("cannot write the report %(path)s: %(reason)s", words, path=str(path), reason=err.strerror) from None


def feeds_note(loaded: Loaded, problems) -> str | None:
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
    return [
        f"{loaded.config_file.name}: plugins.copsite.{option}: {loaded.options.lang.gettext(message)}"
        for option, message in notes
    ]


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


EPILOG_CHECK = """example:
  copsite check              check the handbook in this folder
  copsite check --strict     also fail on warnings (as `mkdocs build --strict`)
  copsite check --format github    in a GitHub workflow: each problem on its file's line
  copsite check --format gitlab    in a GitLab job: also writes gl-code-quality-report.json
"""
