"""The facilitators' workflow: each command run as a user runs it, then check and a strict build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from .conftest import build_site

SCRIPT = shutil.which("copsite", path=os.path.dirname(sys.executable)) or shutil.which("copsite")


def run(*args, cwd, expect=0):
    cmd = [SCRIPT, *args] if SCRIPT else [sys.executable, "-m", "copsite", *args]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764547200"}  # 2025-12-01
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == expect, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def started(tmp_path):
    run("init", "hb", "--name", "Our CoPs", "--timezone", "Europe/Paris", cwd=tmp_path)
    return tmp_path / "hb"


def test_init_makes_a_handbook_that_checks_and_builds_strict(started):
    assert (started / "mkdocs.yml").is_file()
    check = run("check", cwd=started)
    assert "0 errors, 0 warnings" in check.stdout and "placeholders to fill in" in check.stdout
    built = build_site(started, strict=True)
    main = built.main("communities/our-first-community/")
    assert main.h1.get_text() == "Our first community"
    assert "TO DO: who is this community for?" in main.select_one(".copsite-purpose").get_text()
    norms = built.main("communities/our-first-community/norms/")
    assert "How will we handle conflict?" in norms.get_text()  # no norms yet: the seven questions


def test_init_never_overwrites_a_handbook(started):
    before = (started / "mkdocs.yml").read_text()
    result = run("init", str(started), cwd=started.parent, expect=2)
    assert "already holds a handbook" in result.stderr
    assert (started / "mkdocs.yml").read_text() == before


def test_new_community_with_guiding_questions_checks_and_builds(started):
    result = run("new", "community", "early-literacy", "--title", "Early Literacy: K-2", "--facilitator", "Ana Silva", cwd=started)
    folder = started / "content/communities/early-literacy"
    assert sorted(p.name for p in folder.iterdir()) == ["index.md", "norms.md", "plan.md"]
    assert "content/communities/early-literacy/index.md" in result.stdout
    charter = (folder / "index.md").read_text()
    for prompt in ("who is this community for?", "core, active, occasional, peripheral, transactional", "leadership", "frequency"):
        assert prompt in charter
    norms = (folder / "norms.md").read_text()
    for area in ("voice", "focus", "conflict", "decisions", "resources", "membership", "completion"):
        assert area in norms
    check = run("check", cwd=started)
    assert "content/communities/early-literacy/index.md" in check.stdout and "placeholder:" in check.stdout
    built = build_site(started, strict=True)
    home = built.main("communities/early-literacy/")
    assert home.h1.get_text() == "Early Literacy: K-2"
    assert "Ana Silva" in home.get_text()


def test_new_highlight_fills_date_session_and_authors_and_never_overwrites(started):
    run("new", "community", "readers", "--facilitator", "Ana Silva", cwd=started)
    plan = started / "content/communities/readers/plan.md"
    plan.write_text("---\nsessions:\n  - {date: 2025-11-19, title: Reading circles, topics: circles}\n  - {date: 2025-12-10, topics: later}\n---\n")
    result = run("new", "highlight", "readers", "--date", "2025-11-19", cwd=started)
    path = started / "content/communities/readers/highlights/2025-11-19-reading-circles.md"
    assert result.stdout.strip() == "content/communities/readers/highlights/2025-11-19-reading-circles.md"
    text = path.read_text()
    assert 'title: "Reading circles"' in text and "session: 2025-11-19" in text and '- "Ana Silva"' in text
    for part in ("What happened", "What we decided", "What comes next", "Resources shared"):
        assert part in text
    # Default date is today (SOURCE_DATE_EPOCH: 2025-12-01): the session on or before it.
    run("new", "highlight", "readers", "--title", "Catch-up", cwd=started)
    today_file = started / "content/communities/readers/highlights/2025-12-01-catch-up.md"
    assert "session: 2025-11-19" in today_file.read_text()
    again = run("new", "highlight", "readers", "--date", "2025-11-19", cwd=started, expect=2)
    assert "never overwrites" in again.stderr and path.read_text() == text
    run("check", cwd=started)
    built = build_site(started, strict=True)
    page = built.main("communities/readers/highlights/2025-11-19-reading-circles/")
    assert page.h1.get_text() == "Reading circles"
    assert "by Ana Silva" in page.get_text()
    plan_row = built.main("communities/readers/plan/").select_one("#session-2025-11-19-1")
    assert plan_row.select_one("a[href*=highlights]").get_text() == "Highlights: Reading circles"


@pytest.mark.parametrize(
    "args, words",
    [
        (("new", "community", "Écoles Nord"), "'ecoles-nord'"),
        (("new", "community", "our-first-community"), "already exists"),
        (("new", "highlight", "nope"), "no community 'nope'"),
        (("new", "highlight", "our-first-community", "--date", "2025-02-30"), "is not a date"),
        (("new", "highlight", "our-first-community", "--date", "2025-2-3"), "is not a date"),
        (("new", "highlight", "Bad Slug"), "not a valid community slug"),
        (("check", "-f", "missing.yml"), "not found"),
        (("init", "--timezone", "Mars/Base", "elsewhere"), "time zone"),
    ],
)
def test_bad_arguments_exit_2_with_a_clear_message_and_write_nothing(started, args, words):
    before = sorted(p.relative_to(started) for p in started.rglob("*"))
    result = run(*args, cwd=started, expect=2)
    assert words in result.stderr
    assert sorted(p.relative_to(started) for p in started.rglob("*")) == before


def test_a_folder_that_is_not_a_handbook_is_refused(tmp_path):
    for args in (("check",), ("status",), ("new", "community", "x"), ("new", "highlight", "x")):
        result = run(*args, cwd=tmp_path, expect=2)
        assert "mkdocs.yml not found" in result.stderr


def test_status_one_line_per_community(started):
    run("new", "community", "readers", cwd=started)
    (started / "content/communities/readers/plan.md").write_text("---\nsessions:\n  - {date: 2025-12-10, topics: later}\n---\n")
    (started / "content/communities/readers/highlights").mkdir()
    (started / "content/communities/readers/highlights/2025-11-21-met.md").write_text("---\ntitle: Met\n---\nHi\n")
    lines = run("status", cwd=started).stdout.strip().splitlines()
    assert len(lines) == 2
    readers = [line for line in lines if line.startswith("readers")][0]
    assert "forming" in readers and "missing: resources, legacy, reflection" in readers
    assert "1 core" in readers and "next: 2025-12-10" in readers and "last highlight 10 days ago" in readers


@pytest.mark.parametrize("command", [(), ("check",), ("init",), ("new",), ("new", "community"), ("new", "highlight"), ("status",)])
def test_every_command_has_help_with_an_example(tmp_path, command):
    result = run(*command, "--help", cwd=tmp_path)
    assert "example" in result.stdout and "usage: copsite" in result.stdout


def test_python_dash_m_works(tmp_path):
    result = subprocess.run([sys.executable, "-m", "copsite", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("copsite ")


def test_check_strict_fails_on_warnings_only(started):
    norms = started / "content/communities/our-first-community/norms.md"
    norms.write_text("---\nnorms: []\nagred: 2025-01-01\n---\n")
    assert "did you mean 'agreed'" in run("check", cwd=started).stdout
    strict = run("check", "--strict", cwd=started, expect=1)
    assert "not ready to publish" in strict.stdout


def test_init_in_french_writes_a_french_handbook_and_new_follows_its_language(tmp_path):
    run("init", "manuel", "--language", "fr", "--timezone", "America/Edmonton", cwd=tmp_path)
    root = tmp_path / "manuel"
    assert "language: fr" in (root / "mkdocs.yml").read_text()
    front = (root / "content/index.md").read_text()
    assert "# Nos communautés de pratique" in front and "Une **communauté de pratique**" in front
    charter = (root / "content/communities/notre-premiere-communaute/index.md").read_text()
    assert "TO DO: à qui s'adresse cette communauté?" in charter and "purpose:\n  audience:" in charter  # keys stay the format's
    assert "comment gérerons-nous les conflits?" in (root / "content/communities/notre-premiere-communaute/norms.md").read_text()
    run("new", "community", "lecture", "--title", "Lecture", cwd=root)
    assert "TO DO: qu'apprendront les membres" in (root / "content/communities/lecture/index.md").read_text()
    result = run("new", "highlight", "lecture", "--date", "2025-12-20", cwd=root)
    highlight = root / "content/communities/lecture/highlights/2025-12-20-rencontre.md"
    assert highlight.is_file() and "## Ce que nous avons décidé" in highlight.read_text()
    assert 'title: "Rencontre du 2025-12-20"' in highlight.read_text()
    check = run("check", cwd=root)
    assert "notre-premiere-communaute: Cette communauté de pratique s'adresse à TO DO:" in check.stdout
    built = build_site(root, strict=True)
    main = built.main("communities/notre-premiere-communaute/")
    assert main.h1.get_text() == "Notre première communauté"
    assert "Comment gérerons-nous les conflits?" in built.main("communities/notre-premiere-communaute/norms/").get_text()
    assert built.html("").html["lang"] == "fr"


def test_init_refuses_a_language_without_a_catalog(tmp_path):
    result = run("init", "hb", "--language", "xx", cwd=tmp_path, expect=2)
    assert "'xx' is not a language copsite speaks yet (languages: en, fr)" in result.stderr
