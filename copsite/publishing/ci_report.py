"""Problems in the host's own words: GitHub workflow annotations and GitLab Code Quality.

Engine-free. `copsite check --format github` prints each problem as a workflow
command (``::error file=…,line=…,title=…::message``), which GitHub shows on the
file's line, and writes a Markdown table of them to the job summary;
`--format gitlab` writes a Code Quality report (JSON) that GitLab shows in the
merge request. Paths are from the repository's root (the folder the check runs
in), not from the docs folder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable

from copsite.model.problems import Problem, Severity

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.PLACEHOLDER: "notice"}
_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.PLACEHOLDER: "info"}


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub's toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def _title(p: Problem) -> str:
    return f"copsite: {p.key}" if p.key else "copsite"


def github_annotations(problems: Iterable[Problem], path_of: Callable[[str], str]) -> list[str]:
    """One workflow command a problem: ``::error file=content/x.md,line=3,title=copsite: date::message``."""
    lines = []
    for p in problems:
        props = [f"file={_property(path_of(p.file))}"]
        if p.line is not None:
            props.append(f"line={p.line}")
        props.append(f"title={_property(_title(p))}")
        lines.append(f"::{_GITHUB_LEVEL[p.severity]} {','.join(props)}::{_data(p.message)}")
    return lines


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace("\r", " ").replace("\n", " ")


def github_summary(problems: list[Problem], path_of: Callable[[str], str], verdict: str) -> str:
    """A Markdown table of the problems, for $GITHUB_STEP_SUMMARY."""
    out = ["## copsite check", "", verdict, ""]
    if problems:
        out += ["| | File | Line | Key | Problem |", "|---|---|---|---|---|"]
        for p in problems:
            out.append(
                f"| {p.severity.value} | `{_cell(path_of(p.file))}` | {p.line or ''} | "
                f"{('`' + _cell(p.key) + '`') if p.key else ''} | {_cell(p.message)} |"
            )
        out.append("")
    return "\n".join(out) + "\n"


def gitlab_code_quality(problems: Iterable[Problem], path_of: Callable[[str], str]) -> str:
    """A GitLab Code Quality report: one issue a problem, with a fingerprint that does not change
    from one run to the next (nor when the problem moves to another line) while the problem stays."""
    seen: dict[str, int] = {}
    issues = []
    for p in problems:
        path = path_of(p.file)
        identity = "\x1f".join((path, p.key, p.message, p.severity.value))
        n = seen.get(identity, 0)
        seen[identity] = n + 1
        fingerprint = hashlib.sha256(f"{identity}\x1f{n}".encode()).hexdigest()
        issues.append(
            {
                "type": "issue",
                "check_name": f"copsite-{p.severity.value}",
                "description": f"{p.key}: {p.message}" if p.key else p.message,
                "categories": ["Style"] if p.severity is Severity.PLACEHOLDER else ["Bug Risk"],
                "severity": _GITLAB_SEVERITY[p.severity],
                "fingerprint": fingerprint,
                "location": {"path": path, "lines": {"begin": p.line or 1}},
            }
        )
    return json.dumps(issues, ensure_ascii=False, indent=1) + "\n"
