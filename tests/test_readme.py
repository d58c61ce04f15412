"""The README's set-up, followed word for word in a fresh folder: its shell blocks run with bash,
from a copy of this repository to a built site and a handbook pushed to its repository.

Only what must be is substituted: the preview's port (8000 may be taken) and the repository's
address (a bare repository in the test's folder stands for GitHub).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.pipeline

README = (ROOT / "README.md").read_text(encoding="utf-8")
FENCE = re.compile(r"^(?P<indent> *)```sh\n(?P<body>.*?)^(?P=indent)```", re.M | re.S)


def shell_blocks(heading: str) -> list[str]:
    """The ```sh blocks of the README's section under `heading` (up to the next heading of its level or above)."""
    level = heading.split(" ")[0]
    start = README.index(heading + "\n")
    rest = README[start + len(heading):]
    end = re.search(rf"^#{{1,{len(level)}}} ", rest, re.M)
    section = rest[: end.start()] if end else rest
    return [re.sub(rf"^{m.group('indent')}", "", m.group("body"), flags=re.M) for m in FENCE.finditer(section)]


def copy_of_this_repository(dest: Path) -> None:
    """This repository as a keeper gets it: its files (committed or not), no .venv, no build output."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in listed.stdout.splitlines():
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)


def bash(script: str, cwd: Path, env: dict) -> None:
    result = subprocess.run(["bash", "-e", "-c", script], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    assert result.returncode == 0, f"{script}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_readme_set_up_word_for_word_ends_with_a_built_site_and_a_pushed_handbook(tmp_path):
    quick = shell_blocks("## Quick start: a handbook of your own")[0]
    start, push = shell_blocks("### On GitHub (GitHub Pages)")[:2]
    copy_of_this_repository(tmp_path / "copsite")
    port = _free_port()
    serve = re.compile(r"^copsite serve( --dirty)?(\s+#.*)?$", re.M)
    assert serve.search(quick), "the Quick start previews with `copsite serve`"
    quick = serve.sub(f"copsite serve -a 127.0.0.1:{port} > serve.log 2>&1 & echo $! > serve.pid", quick)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env |= {"GIT_AUTHOR_NAME": "Keeper", "GIT_AUTHOR_EMAIL": "k@example.org", "GIT_COMMITTER_NAME": "Keeper",
            "GIT_COMMITTER_EMAIL": "k@example.org", "SOURCE_DATE_EPOCH": "1764547200"}
    bash(quick, tmp_path / "copsite", env)

    handbook = tmp_path / "my-handbook"
    pid = int((handbook / "serve.pid").read_text())
    try:
        for _ in range(240):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError((handbook / "serve.log").read_text())
    finally:
        os.kill(pid, 15)
    assert "Our Learning Communities" in page
    assert (handbook / "site/index.html").is_file()  # `copsite build`
    assert "dirty" not in (handbook / "serve.log").read_text()

    # On GitHub: start the handbook with its address, commit and push (to a bare repository here)
    origin = tmp_path / "origin.git"
    subprocess.run(["git", "init", "-q", "--bare", str(origin)], check=True)
    address = "https://github.com/lakeside/handbook.git"
    assert address in push
    bash("source copsite-env/bin/activate\n" + start, tmp_path, env)  # "activate the environment in each new terminal"
    bash(push.replace(address, str(origin)), tmp_path, env)
    pushed = subprocess.run(["git", "ls-tree", "-r", "--name-only", "main"], cwd=origin, capture_output=True, text=True, check=True).stdout
    assert ".github/workflows/publish.yml" in pushed and "requirements.txt" in pushed
    assert re.search(r"^\.copsite/copsite-[^/]+-py3-none-any\.whl$", pushed, re.M)  # what the CI installs (test_pipeline runs it)
    # that wheel, packed again from the installed copsite's files, installs and checks the handbook
    bash("source copsite-env/bin/activate\npip install --quiet --force-reinstall --no-deps handbook/.copsite/*.whl\n"
         "cd handbook && copsite check", tmp_path, env)
