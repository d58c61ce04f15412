"""What a new keeper meets between `git clone` and a live handbook (issue 24's items 3 to 12):
the README's requirements, the Makefile's apt-get, `copsite serve`, `copsite init --repo` for a
user's own site, a GitLab of one's own and a branch with a slash, the new handbook's pages, and
`copsite status`."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT
from .test_cli import SCRIPT, run

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def copsite_process(*args, cwd) -> subprocess.Popen:
    cmd = [SCRIPT, *args] if SCRIPT else [sys.executable, "-m", "copsite", *args]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1764547200"}
    return subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)


# ------------------------------------------------------------------ the README and the Makefile (items 3, 4)


@pytest.mark.unit
def test_the_readme_names_what_make_test_needs():
    needs = README.split("## Quick start")[0]
    makefile = (ROOT / "Makefile").read_text()
    assert "command -v npm" in makefile  # the Makefile stops without npm...
    assert "Node.js" in needs and "npm" in needs  # ...so the README says so
    assert "network" in needs and "PyPI" in needs


@pytest.mark.unit
def test_every_apt_get_of_the_makefile_waits_for_the_lock():
    makefile = (ROOT / "Makefile").read_text()
    calls = re.findall(r"apt-get[^;&|\n]*", makefile)
    assert calls and all("-o DPkg::Lock::Timeout=" in call for call in calls), calls


# ------------------------------------------------------------------ copsite serve (items 5, 6)


@pytest.mark.build
def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path):
    run("init", "hb", cwd=tmp_path)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("serve", "-a", f"127.0.0.1:{port}", cwd=tmp_path / "hb", expect=2)
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    assert lines == [f"copsite: 127.0.0.1:{port} is already in use (another preview?): stop it, or preview on another port with -a 127.0.0.1:{port + 1}"]


@pytest.mark.build
def test_serve_is_copsites_preview_and_says_nothing_alarming(tmp_path):
    from copsite.cli.serve import serve_args

    assert serve_args([]) == ["--dirty"] and serve_args(["--clean"]) == ["--clean"]
    run("init", "hb", cwd=tmp_path)
    port = _free_port()
    server = copsite_process("serve", "-a", f"127.0.0.1:{port}", cwd=tmp_path / "hb")
    try:
        for _ in range(240):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/communities/our-first-community/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("the preview never served the sample community")
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert "Our first community" in page  # the preview shows the sample community
    assert "dirty" not in output.lower() and "inaccurate" not in output, output


# ------------------------------------------------------------------ copsite init --repo (items 7, 8, 9)


@pytest.mark.unit
def test_a_users_or_organisations_own_site_is_published_at_the_root():
    from copsite.publishing.hosting import hosting

    assert hosting("https://github.com/lakeside/lakeside.github.io").site_url == "https://lakeside.github.io/"
    assert hosting("https://github.com/Lakeside/Lakeside.GitHub.io").site_url == "https://lakeside.github.io/"
    assert hosting("https://gitlab.com/district/district.gitlab.io").site_url == "https://district.gitlab.io/"
    assert hosting("https://github.com/lakeside/handbook").site_url == "https://lakeside.github.io/handbook/"


@pytest.mark.build
def test_gitlab_init_says_what_the_readme_says_and_warns_without_an_address(tmp_path):
    result = run("init", "hb", "--repo", "https://gitlab.com/district/handbook", cwd=tmp_path)
    assert "the first pipeline publishes the site" in result.stdout and "turn Pages on" not in result.stdout
    assert "The first pipeline publishes the site" in README
    own = run("init", "own", "--repo", "https://git.school.example/cop/handbook", "--host", "gitlab", cwd=tmp_path)
    assert "warning: no site_url written" in own.stdout and "--site-url" in own.stdout
    assert "site_url:" not in (tmp_path / "own/mkdocs.yml").read_text().replace("# site_url:", "")


@pytest.mark.build
def test_a_branch_with_a_slash_is_published_and_edited_by_its_whole_name(tmp_path):
    run("init", "hb", "--repo", "https://github.com/lakeside/handbook", "--branch", "release/2026", cwd=tmp_path)
    hb = tmp_path / "hb"
    flow = yaml.safe_load((hb / ".github/workflows/publish.yml").read_text())
    assert flow[True]["push"]["branches"] == ["release/2026"]
    assert "edit_uri: \"edit/release/2026/content/\"" in (hb / "mkdocs.yml").read_text()
    subprocess.run(["git", "init", "-q", "-b", "release/2026"], cwd=hb, check=True)  # a clone, as in CI
    # the editor is on once editors can sign in (the commented line init writes, taken up)
    settings = (hb / "mkdocs.yml").read_text()
    assert "# editor_auth_url: " in settings
    (hb / "mkdocs.yml").write_text(settings.replace("# editor_auth_url: ", "editor_auth_url: "))
    run("build", cwd=hb)
    config = yaml.safe_load((hb / "site/admin/config.yml").read_text())
    assert config["backend"]["branch"] == "release/2026"

    from copsite.model.repo import parse_repo_url

    r = parse_repo_url("https://github.com/o/r", "edit/release/2026/content/", docs_dir="content", docs_in_repo="content")
    assert (r.branch, r.docs_path) == ("release/2026", "content")
    r = parse_repo_url("https://github.com/o/r", "edit/main/handbook/content/", docs_dir="content", docs_in_repo="handbook/content")
    assert (r.branch, r.docs_path) == ("main", "handbook/content")


# ------------------------------------------------------------------ the new handbook (items 10, 11)


@pytest.mark.build
def test_a_new_handbooks_published_pages_tell_visitors_no_command(tmp_path):
    run("init", "hb", cwd=tmp_path)
    run("build", cwd=tmp_path / "hb")
    from bs4 import BeautifulSoup

    for page in (tmp_path / "hb/site").rglob("*.html"):
        text = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml").get_text(" ")
        assert "copsite new" not in text and "copsite init" not in text, page


@pytest.mark.unit
def test_status_says_a_section_with_placeholders_is_not_filled_in_yet(tmp_path):
    run("init", "hb", cwd=tmp_path)
    hb = tmp_path / "hb"
    result = run("status", cwd=hb)
    line = next(line for line in result.stdout.splitlines() if line.startswith("our-first-community"))
    assert "norms not filled in yet" in line and not re.search(r"missing: [^;]*\bnorms\b", line), line
    (hb / "content/communities/our-first-community/norms.md").unlink()
    line = run("status", cwd=hb).stdout.splitlines()[0]
    assert re.search(r"missing: [^;]*\bnorms\b", line) and "not filled in yet" not in line, line
