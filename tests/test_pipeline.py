"""The first push publishes: a handbook made by `copsite init --repo` for GitHub and for GitLab,
committed, cloned into a fresh folder, and its CI steps run in order in a new virtual environment
that has no copsite (only the package index reachable): they install copsite, check and build.

Also: the steps of `.gitlab-ci.yml` need only what its image has (python:3.12-slim has no git,
no curl), and the package itself (one version, what its wheel carries, the release workflow).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .test_cli import run
from .test_publishing import actionlint

BIN = Path(sys.executable).parent

IMAGE_PROGRAMS = {
    # what the image holds (checked with `docker run python:3.12-slim sh -c 'command -v …'`):
    # Debian's base (coreutils, bash, apt-get, sed, grep, tar) and Python with pip; no git, curl,
    # wget, make, gcc, node or npm.
    "python:3.12-slim": {
        "python", "python3", "pip", "pip3", "bash", "sh", "cat", "cp", "mv", "rm", "mkdir", "ls", "echo",
        "test", "true", "env", "printf", "apt-get", "dpkg", "sed", "grep", "tar", "gzip", "find", "cd",
        "export", "touch", "head", "tail",
    },
}
AFTER_REQUIREMENTS = {"copsite", "mkdocs"}
"""The programs `pip install -r requirements.txt` adds (copsite's and MkDocs' scripts)."""


def programs(line: str) -> list[str]:
    """The programs a shell line runs: the first word of each command of its lists and pipes."""
    lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    found, first = [], True
    for word in lexer:
        if word in ("&&", "||", ";", "|", "(", ")", "&"):
            first = True
        elif first and "=" in word and not word.startswith("="):
            continue  # VAR=value before the command
        elif first:
            found.append(word)
            first = False
    return found


def lacking(ci: dict) -> list[str]:
    """Each step of a GitLab CI file that needs a program its image lacks, as 'job: program'."""
    missing = []
    for job, spec in ci.items():
        if not isinstance(spec, dict) or "script" not in spec:
            continue
        have = set(IMAGE_PROGRAMS[spec.get("image", ci.get("image"))])
        for line in spec.get("before_script", ci.get("before_script", [])) + spec["script"]:
            missing += [f"{job}: {p}" for p in programs(line) if p not in have]
            if line.startswith("pip install -r requirements.txt"):
                have |= AFTER_REQUIREMENTS
    return missing


@pytest.mark.unit
def test_the_gitlab_jobs_need_only_what_python_slim_has(tmp_path):
    run("init", "hb", "--repo", "https://gitlab.com/district/handbook", cwd=tmp_path)
    ci = yaml.safe_load((tmp_path / "hb/.gitlab-ci.yml").read_text())
    assert ci["image"] == "python:3.12-slim"
    assert lacking(ci) == []
    # and the check sees what it must: a requirement from git, a download with curl
    ci["check"]["script"].insert(0, "git clone https://example.org/x.git && cd x")
    ci["pages"]["script"].append("VAR=1 curl -sSf https://example.org | sh")
    assert lacking(ci) == ["check: git", "pages: curl"]


# ------------------------------------------------------------------ the first push, end to end


def git(*args, cwd):
    env = {**os.environ, "GIT_AUTHOR_NAME": "Keeper", "GIT_AUTHOR_EMAIL": "k@example.org",
           "GIT_COMMITTER_NAME": "Keeper", "GIT_COMMITTER_EMAIL": "k@example.org"}
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env=env)


def pushed_and_cloned(tmp_path: Path, *init_args: str) -> Path:
    """`copsite init` with `init_args`, `git init` + commit, and a clone of it in a fresh folder."""
    tmp_path.mkdir()
    run("init", "hb", *init_args, cwd=tmp_path)
    git("init", "-q", "-b", "main", cwd=tmp_path / "hb")
    git("add", ".", cwd=tmp_path / "hb")
    git("commit", "-q", "-m", "Start the handbook", cwd=tmp_path / "hb")
    git("clone", "-q", str(tmp_path / "hb"), str(tmp_path / "clone"), cwd=tmp_path)
    return tmp_path / "clone"


@pytest.fixture(scope="module")
def bare_venv(tmp_path_factory):
    """A new virtual environment with pip and nothing else: no copsite, no MkDocs."""
    venv = tmp_path_factory.mktemp("ci") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    return venv / "bin"


def ci_env(venv_bin: Path, **extra) -> dict:
    """The job's environment: the new venv first on PATH, the test's own venv nowhere."""
    path = [p for p in os.environ["PATH"].split(os.pathsep) if Path(p).resolve() != BIN.resolve()]
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    return {**env, "PATH": os.pathsep.join([str(venv_bin), *path]), "SOURCE_DATE_EPOCH": "1764547200", **extra}


def run_steps(steps: list[str], folder: Path, env: dict) -> None:
    for step in steps:
        result = subprocess.run(["bash", "-e", "-c", step], cwd=folder, capture_output=True, text=True, env=env, timeout=600)
        assert result.returncode == 0, f"{step}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


@pytest.mark.pipeline
def test_the_first_push_installs_copsite_checks_and_builds_on_github_and_gitlab(tmp_path, bare_venv):
    assert not (bare_venv / "copsite").exists() and not (bare_venv / "mkdocs").exists()
    github = pushed_and_cloned(tmp_path / "gh", "--repo", "https://github.com/lakeside/handbook")
    workflow = github / ".github/workflows/publish.yml"
    lint = actionlint(workflow)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    steps = [s["run"] for s in yaml.safe_load(workflow.read_text())["jobs"]["build"]["steps"] if "run" in s]
    summary = tmp_path / "summary.md"
    run_steps(steps, github, ci_env(bare_venv, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary)))
    assert (github / "site/index.html").is_file() and "ready to publish" in summary.read_text()
    copsite = shutil.which("copsite", path=str(bare_venv))
    assert copsite and Path(copsite).parent == bare_venv  # installed by the step, from the handbook's wheel

    gitlab = pushed_and_cloned(tmp_path / "gl", "--repo", "https://gitlab.com/district/handbook")
    ci = yaml.safe_load((gitlab / ".gitlab-ci.yml").read_text())
    run_steps(ci["check"]["script"] + ci["pages"]["script"], gitlab, ci_env(bare_venv, GITLAB_CI="true"))
    assert (gitlab / "public/index.html").is_file() and (gitlab / "gl-code-quality-report.json").is_file()


@pytest.mark.build
def test_upgrade_replaces_the_handbooks_wheel_and_its_requirement(tmp_path):
    import copsite

    run("init", "hb", "--repo", "https://github.com/lakeside/handbook", cwd=tmp_path)
    hb = tmp_path / "hb"
    wheel = hb / f".copsite/copsite-{copsite.__version__}-py3-none-any.whl"
    first = wheel.read_bytes()
    (hb / ".copsite/copsite-0.0.9-py3-none-any.whl").write_bytes(b"an older copsite")
    wheel.unlink()
    text = (hb / "requirements.txt").read_text().replace(f"./.copsite/{wheel.name}", "copsite==0.0.9") + "mkdocs-macros-plugin\n"
    (hb / "requirements.txt").write_text(text.replace(f"# copsite {copsite.__version__} is", "# copsite 0.0.9 is"))
    result = run("upgrade", cwd=hb)
    assert f"copsite {copsite.__version__}: .copsite/{wheel.name}" in result.stdout and "copsite-0.0.9-py3-none-any.whl" in result.stdout
    assert sorted(p.name for p in (hb / ".copsite").iterdir()) == [wheel.name]
    assert wheel.read_bytes() == first  # the same copsite gives the same bytes: no change to commit
    lines = (hb / "requirements.txt").read_text().splitlines()
    assert lines[-2:] == [f"./.copsite/{wheel.name}", "mkdocs-macros-plugin"] and "copsite==0.0.9" not in lines
    assert f"# copsite {copsite.__version__} is the wheel in .copsite/, written by `copsite init`:" in lines
    with zipfile.ZipFile(wheel) as z:
        assert z.testzip() is None and "copsite/publishing/scaffold/requirements.txt" in z.namelist()


@pytest.mark.unit
def test_a_copsite_installed_from_git_is_named_with_its_commit_beside_the_wheel():
    import json

    from copsite.publishing.hosting import requirements_text
    from copsite.publishing.selfwheel import Wheel, vcs_origin

    class Installed:
        def __init__(self, direct_url):
            self.direct_url = direct_url

        def read_text(self, name):
            return json.dumps(self.direct_url) if name == "direct_url.json" and self.direct_url else None

    git = Installed({"url": "https://github.com/o/copsite", "vcs_info": {"vcs": "git", "commit_id": "1a2b3c", "requested_revision": "main"}})
    assert vcs_origin(git) == "git+https://github.com/o/copsite@1a2b3c"
    assert vcs_origin(Installed({"url": "file:///src/copsite", "dir_info": {"editable": True}})) is None
    assert vcs_origin(Installed(None)) is None
    text = requirements_text(Wheel("copsite-9-py3-none-any.whl", b"", vcs_origin(git)))
    assert "written by `copsite init` from git+https://github.com/o/copsite@1a2b3c:" in text
    assert text.splitlines()[-1] == "./.copsite/copsite-9-py3-none-any.whl"  # the wheel still: GitLab's image has no git


# ------------------------------------------------------------------ the package: one version, a complete wheel


def built_wheel(tmp_path: Path) -> tuple[Path, str]:
    """`pip wheel` of a copy of the source tree (as `python -m build` does: setuptools, isolated)."""
    from copsite.publishing import selfwheel

    src = tmp_path / "src"
    for path in selfwheel._tree_files(ROOT):
        (src / path.relative_to(ROOT)).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, src / path.relative_to(ROOT))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path / "out"), str(src)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return next((tmp_path / "out").glob("copsite-*.whl")), result.stdout + result.stderr


@pytest.mark.pipeline
def test_the_wheel_carries_every_file_of_the_package_and_one_version(tmp_path):
    import copsite

    wheel, log = built_wheel(tmp_path)
    assert "as a TOML table is deprecated" not in log and "License classifiers are deprecated" not in log
    assert wheel.name == f"copsite-{copsite.__version__}-py3-none-any.whl"
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(["git", "ls-files", "copsite"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    package = {p for p in tracked if (ROOT / p).is_file()}
    assert package and package <= names, sorted(package - names)
    for kind in ("pages/templates/", "assets/", "publishing/scaffold/", "overrides/", "i18n/locale/"):
        assert any(n.startswith(f"copsite/{kind}") for n in names), kind
    info = f"copsite-{copsite.__version__}.dist-info"
    metadata = zipfile.ZipFile(wheel).read(f"{info}/METADATA").decode()
    assert f"Version: {copsite.__version__}" in metadata and "License-Expression: MIT" in metadata
    pyproject = (ROOT / "pyproject.toml").read_text()
    assert 'dynamic = ["version"]' in pyproject and "\nversion =" not in pyproject.split("[tool.setuptools.dynamic]")[0]


@pytest.mark.unit
def test_the_release_workflow_publishes_tags_to_the_package_index_with_trusted_publishing():
    path = ROOT / ".github/workflows/release.yml"
    lint = actionlint(path)
    assert lint.returncode == 0, lint.stdout + lint.stderr
    flow = yaml.safe_load(path.read_text())
    assert flow[True]["push"]["tags"] == ["v*"]
    jobs = flow["jobs"]
    publish = next(j for j in jobs.values() if any(s.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for s in j["steps"]))
    assert publish["permissions"]["id-token"] == "write"
    assert not any("password" in (s.get("with") or {}) for s in publish["steps"])  # trusted publishing: no token
    assert any("python -m build" in s.get("run", "") for j in jobs.values() for s in j["steps"])
