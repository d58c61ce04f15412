"""One measured run, in a process of its own so that its peak memory is its own.

    python bench/one.py build DIR      mkdocs build of DIR/mkdocs.yml
    python bench/one.py check DIR      copsite check of DIR/mkdocs.yml (in-process, as the command runs)
    python bench/one.py floor DIR      the floor: read every Markdown file and parse its front matter

Prints one JSON line: {"seconds": wall seconds of the work, "cpu_seconds": CPU time of the whole
process (less sensitive to a busy machine), "peak_mb": peak resident memory}.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import resource
import sys
import time
from pathlib import Path


def build(root: Path) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    mkdocs_build(config)


def check(root: Path) -> None:
    from copsite.cli import main

    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["check", "-f", str(root / "mkdocs.yml")])
    if code != 0:
        raise SystemExit(f"copsite check failed with {code}")


def floor(root: Path) -> None:
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in (root / "content").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            end = text.find("\n---", 4)
            yaml.load(text[4:end], Loader=loader)


def main() -> None:
    what, root = sys.argv[1], Path(sys.argv[2])
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    start = time.perf_counter()
    {"build": build, "check": check, "floor": floor}[what](root)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({"seconds": seconds, "cpu_seconds": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024}))


if __name__ == "__main__":
    main()
