"""`copsite edit`: the preview and decap-server together, stopped together; a clear message without Node.js."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT, charter, free_port, mkdocs_yml, write

COPSITE = str(Path(sys.executable).parent / "copsite")


def _handbook(tmp_path, options="editor: true"):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(options), "content/communities/readers/index.md": charter()})
    return tmp_path


@pytest.mark.unit
def test_edit_without_node_says_what_to_install(tmp_path):
    folder = _handbook(tmp_path)
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {**os.environ, "PATH": str(bare)}
    env.pop("COPSITE_DECAP_SERVER", None)
    result = subprocess.run([COPSITE, "edit"], cwd=folder, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert "needs Node.js" in result.stderr and "https://nodejs.org/" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.unit
def test_edit_with_the_editor_off_says_how_to_turn_it_on(tmp_path):
    folder = _handbook(tmp_path, options="editor: false")
    result = subprocess.run([COPSITE, "edit"], cwd=folder, capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "editor: true" in result.stderr


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.3).close()
        return True
    except OSError:
        return False


@pytest.mark.browser  # needs the npm packages that `make test` installs
def test_edit_starts_preview_and_proxy_and_ctrl_c_stops_both(tmp_path):
    server = ROOT / "tests" / "browser-npm" / "node_modules" / "decap-server" / "dist" / "index.js"
    if not server.is_file():
        pytest.fail("decap-server is not installed: `make test` runs `npm ci` in tests/browser-npm")
    if _answers(8081):
        pytest.skip("port 8081 (decap-server's) is taken on this machine")
    folder = _handbook(tmp_path)
    port = free_port()
    proc = subprocess.Popen(
        [COPSITE, "edit", "-a", f"127.0.0.1:{port}"],
        cwd=folder,
        env={**os.environ, "COPSITE_DECAP_SERVER": str(server)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        for _ in range(600):
            if _answers(port) and _answers(8081):
                break
            time.sleep(0.1)
        page = urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/config.yml", timeout=10).read().decode()
        assert "local_backend: true" in page
        request = urllib.request.Request(
            "http://127.0.0.1:8081/api/v1", data=b'{"action":"info"}', headers={"Content-Type": "application/json"}
        )
        assert b"local_fs" in urllib.request.urlopen(request, timeout=10).read()
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=90)  # each child gets 10 s to stop before SIGKILL; a loaded machine is slow
    finally:
        if proc.poll() is None:
            proc.kill()
    assert f"http://127.0.0.1:{port}/admin/" in out and "Stopped" in out
    assert not _answers(port) and not _answers(8081)
