"""Names, keys and numbers a hostile or unlucky author writes (issue 22, items 4, 5, 8-14): copsite's
output stays one line a message, with no workflow command and no terminal escape in it; check and
build agree on every name and number, and none of them crashes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import charter, mkdocs_yml, write


def _run(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([*args], cwd=root, capture_output=True, text=True, timeout=180, env=env, errors="surrogateescape")


def _check(root: Path, *args: str) -> subprocess.CompletedProcess:
    return _run(root, sys.executable, "-m", "copsite", "check", *args)


def _build(root: Path) -> subprocess.CompletedProcess:
    return _run(root, sys.executable, "-m", "mkdocs", "build", "--strict")


def _lines(result: subprocess.CompletedProcess) -> list[str]:
    return (result.stdout + result.stderr).splitlines()


# ------------------------------------------------------------------ 4, 5. keys and values that forge output

FORGED = {
    "communities/a/index.md": charter(
        "Alpha",
        extra='"note\\n::add-mask::secret": 1\n"\\e[2J\\a": 2\n',
    ),
    "communities/b/index.md": charter("Beta\n::error::forged", body="Text."),
    "communities/c/index.md": (
        "---\ntitle: Gamma\npurpose:\n  audience: \"teachers\\n::stop-commands::x\"\n"
        "  interest: reading\n  learning_goal: teach\n---\nText.\n"
    ),
}


@pytest.mark.parametrize("command", ["check", "build"])
def test_no_line_copsite_prints_starts_a_workflow_command(tmp_path, command):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in FORGED.items()}})
    (tmp_path / "content/communities/d").mkdir()
    (tmp_path / "content/communities/d/index.md").write_text(charter("Beta\n::error::forged"), encoding="utf-8")
    result = _check(tmp_path) if command == "check" else _build(tmp_path)
    lines = _lines(result)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert not [line for line in lines if line.lstrip().startswith("::")]
    assert any("content/communities/a/index.md:7: note\\n::add-mask::secret:" in line for line in lines)
    assert "\x1b" not in result.stdout + result.stderr and "\x07" not in result.stdout + result.stderr


def test_a_key_holding_a_control_character_is_refused_with_file_line_and_key(tmp_path):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), "content/communities/a/index.md": FORGED["communities/a/index.md"]})
    result = _check(tmp_path)
    out = result.stdout
    assert result.returncode == 1
    assert (
        "error: content/communities/a/index.md:8: \\x1b[2J\\x07: the key holds an invisible control character "
        "(U+001B, escape), which no page or feed can show: remove it"
    ) in out
    assert "error: content/communities/a/index.md:7: note\\n::add-mask::secret: the key holds an invisible control character (U+000A, line break)" in out
    build = _build(tmp_path)
    assert build.returncode == 1 and "the key holds an invisible control character (U+001B, escape)" in build.stderr


# ------------------------------------------------------------------ 14. a key named once


def _read(root: Path, files: dict[str, str]):
    from copsite.options import Options
    from copsite.reader import read_handbook

    write(root, files)
    return read_handbook(root, Options(today=None))


def test_a_file_key_is_named_once_in_its_messages(tmp_path):
    (tmp_path / "communities/a/files/folder").mkdir(parents=True)
    _, problems = _read(
        tmp_path,
        {
            "communities/a/index.md": charter("Alpha"),
            "communities/a/resources.md": (
                "---\nresources:\n  - {title: Gone, kind: publication, file: files/gone.pdf}\n"
                "  - {title: Box, kind: publication, file: files/folder}\n---\n"
            ),
            "communities/a/plan.md": "---\nsessions:\n  - {date: 2025-10-01, topics: One, agenda: files/agenda.pdf}\n---\n",
        },
    )
    lines = [str(p) for p in problems]
    assert (
        "communities/a/resources.md:3: resources[0].file: 'files/gone.pdf' does not exist in the community folder "
        "(communities/a/files/gone.pdf)"
    ) in lines
    assert "communities/a/resources.md:4: resources[1].file: 'files/folder' is a folder, not a file" in lines
    assert (
        "communities/a/plan.md:3: sessions[0].agenda: 'files/agenda.pdf' does not exist in the community folder "
        "(communities/a/files/agenda.pdf)"
    ) in lines
    assert not [line for line in lines if "file: file:" in line]


def test_unknown_twice_written_and_reused_keys_are_named_once(tmp_path):
    _, problems = _read(
        tmp_path,
        {
            "communities/a/index.md": charter("Alpha", extra="stgae: forming\nsummary: One\nsummary: Two\n"),
            "communities/b/index.md": charter("Beta"),
            "communities/b/plan.md": (
                "---\nsessions:\n  - {date: 2025-10-01, topics: One, id: kick}\n  - {date: 2025-10-08, topics: Two, id: kick}\n---\n"
            ),
        },
    )
    lines = [str(p) for p in problems]
    assert (
        "communities/a/index.md:7: stgae: is not a key copsite knows here; did you mean 'stage'? "
        "(a key of your own goes under 'extra:')"
    ) in lines
    assert "communities/a/index.md:9: summary: is written twice (lines 8 and 9): keep one" in lines
    assert "communities/b/plan.md:4: sessions[1].id: 'kick' is already used by sessions[0]: each session id must be unique" in lines
