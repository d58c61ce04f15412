"""The engines a handbook's export is built with, each in a virtual environment of its own.

`.venv-mkdocs`, `.venv-properdocs` and `.venv-zensical` at the repository's root
hold an engine and Material, pinned, and no copsite: what a school would install
to build `copsite export`'s output once copsite is gone. `.venv-materialx` holds
ProperDocs, the MaterialX fork of Material and copsite itself (without its
dependency on mkdocs-material, whose `material` package MaterialX replaces).
Each is created on first use and reused while its pins are unchanged.

    python -m tests.engines            # create (or check) all of them
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Pinned: the matrix tests what a school would install today, and must not move under CI.
# Zensical 0.0.74 and later need `zensical-ui`, which the package index here does not serve.
ENGINES: dict[str, list[str]] = {
    "mkdocs": ["mkdocs==1.6.1", "mkdocs-material==9.8.2"],
    "properdocs": ["properdocs==1.6.7", "mkdocs-material==9.8.2"],
    "zensical": ["zensical==0.0.73"],
    "materialx": ["properdocs==1.6.7", "mkdocs-materialx==10.2.2"],
}
WITH_COPSITE = {"materialx"}

COMMANDS = {
    "mkdocs": ["mkdocs", "build", "-q"],
    "properdocs": ["properdocs", "build", "-q", "-f", "mkdocs.yml"],
    "zensical": ["zensical", "build", "--clean"],
    "materialx": ["properdocs", "build", "-q"],
}


def _copsite_deps() -> list[str]:
    """copsite's runtime dependencies but the engine and Material (for the MaterialX environment)."""
    reqs = importlib.metadata.requires("copsite") or []
    plain = [r for r in reqs if "extra ==" not in r]
    return [r for r in plain if not re.match(r"(mkdocs|mkdocs-material)\b(?!-)", r)]


def requirements(name: str) -> list[str]:
    return ENGINES[name] + (_copsite_deps() if name in WITH_COPSITE else [])


def _run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def venv(name: str) -> Path:
    """The environment's folder, created or brought up to date (a stamp holds a hash of its requirements)."""
    folder = ROOT / f".venv-{name}"
    reqs = requirements(name)
    digest = hashlib.sha256("\n".join([sys.version, str(ROOT), *reqs]).encode()).hexdigest()[:16]
    stamp = folder / ".installed"
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    _run([*pip, *reqs])
    if name in WITH_COPSITE:
        _run([*pip, "--no-deps", "-e", str(ROOT)])
    stamp.write_text(digest + "\n")
    return folder


def build(name: str, project: Path, *args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """Run the engine's build in `project` (a folder with mkdocs.yml; the site goes to project/site by default)."""
    folder = venv(name)
    command = [str(folder / "bin" / COMMANDS[name][0]), *COMMANDS[name][1:], *args]
    env = {k: v for k, v in (env or os.environ).items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env["NO_MKDOCS_2_WARNING"] = "1"
    env["PATH"] = f"{folder / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=timeout)


def main() -> int:
    for name in ENGINES:
        start = time.perf_counter()
        folder = venv(name)
        print(f"{folder.name}: ready ({time.perf_counter() - start:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
