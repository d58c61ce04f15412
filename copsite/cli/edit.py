"""`copsite edit`: the local preview and the browser editor's local proxy, together.

Starts `mkdocs serve` (the preview, with /admin/) and Decap's `decap-server`
(from npm, through `npx`; it reads and writes the handbook's files for a CMS
opened on localhost, `local_backend: true` in /admin/config.yml), prints both
addresses, and stops both on Ctrl-C. `decap-server` listens on 127.0.0.1 only.
Set COPSITE_DECAP_SERVER to the path of an installed `decap-server` script to
run that copy with `node` instead of `npx`.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

DECAP_SERVER = "decap-server@3.11.3"
PROXY_PORT = 8081  # where Decap looks for it with `local_backend: true`


class NodeMissing(Exception):
    """Node.js is needed for the editor's local proxy."""

    def __init__(self, message: str, **values):
        from copsite.i18n import M_

        self.problem = M_(message, **values)  # a msgid of the catalogs: `copsite` writes it in the handbook's language
        super().__init__(str(self.problem))


def proxy_command(environ=None) -> list[str]:
    environ = os.environ if environ is None else environ
    own = environ.get("COPSITE_DECAP_SERVER")
    node = shutil.which("node", path=environ.get("PATH"))
    if own:
        if node is None:
            raise NodeMissing("COPSITE_DECAP_SERVER is set but `node` is not on PATH")
        return [node, own]
    npx = shutil.which("npx", path=environ.get("PATH"))
    if npx is None or node is None:
        raise NodeMissing(
            "copsite edit needs Node.js for the editor's local proxy (Decap's decap-server, from npm): "
            "install Node.js 18 or later (https://nodejs.org/, or your system's `nodejs` and `npm` packages), "
            "then run copsite edit again. Without it, `mkdocs serve` still previews the site."
        )
    return [npx, "--yes", DECAP_SERVER]


def addresses(address: str, root: str = "/") -> str:
    """What `copsite edit` prints: the preview and the editor, under the site's path (`site_url`'s,
    where `mkdocs serve` serves the site)."""
    host, _, port = address.rpartition(":")
    site = f"http://{host}:{port}{root}"
    return (
        f"Preview:  {site}\n"
        f"Editor:   {site}admin/  (it edits the files here, through decap-server on http://127.0.0.1:{PROXY_PORT}/)\n"
        "Press Ctrl-C to stop both."
    )


def run(config_file: Path, address: str = "127.0.0.1:8000", out=sys.stdout, root: str = "/") -> int:
    """Run both until Ctrl-C (or until one of them stops); return the exit code."""
    # Ctrl-C stops both, even when this process was started with SIGINT ignored (a shell's
    # background job): Python installs its KeyboardInterrupt handler only if SIGINT was not ignored.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # `kill` stops both as well
    folder = config_file.resolve().parent
    proxy_cmd = proxy_command()
    env = {**os.environ, "BIND_HOST": "127.0.0.1", "PORT": str(PROXY_PORT), "MODE": "fs", "GIT_REPO_DIRECTORY": str(folder)}
    serve_cmd = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file.resolve()), "-a", address]
    procs = [
        subprocess.Popen(proxy_cmd, cwd=folder, env=env, start_new_session=True),
        # COPSITE_EDIT: the editor signs in through decap-server here, whatever the published site needs
        subprocess.Popen(serve_cmd, cwd=folder, env={**os.environ, "COPSITE_EDIT": "1"}, start_new_session=True),
    ]
    print(addresses(address, root), file=out, flush=True)
    code = 0
    try:
        while all(p.poll() is None for p in procs):
            time.sleep(0.3)
        code = next(p.returncode for p in procs if p.returncode is not None) or 0
    except KeyboardInterrupt:
        code = 0
    finally:
        for p in procs:
            if p.poll() is None:
                os.killpg(p.pid, signal.SIGINT)
        for p in procs:
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        print("Stopped the preview and the editor's proxy.", file=out, flush=True)
    return code
