"""Preview latency: the time from saving an edit to `mkdocs serve` serving the new text.

Starts `mkdocs serve` on a generated handbook, waits for the first build, then
edits a highlight's body (and, with --kinds, a plan and a charter) five times
each, and for each edit measures the time from the save to the first answer
of the served page that holds the new text. Prints the median per kind.

    python bench/preview.py --communities 40            # about 1,200 pages
    python bench/preview.py --communities 400 --edits 3 # about 12,000 pages
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.read().decode("utf-8")
    except Exception:
        return None


def _wait_for(url: str, text: str, timeout: float) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        body = _get(url)
        if body is not None and text in body:
            return time.monotonic()
        time.sleep(0.02)
    raise SystemExit(f"{url} did not show {text!r} within {timeout} s")


def edits(root: Path) -> dict[str, tuple[Path, str, callable]]:
    """One file of each kind to edit, its page's address, and how to put a marker in it."""
    content = root / "content" / "communities"
    community = sorted(p for p in content.iterdir() if p.is_dir())[0]
    highlight = sorted((community / "highlights").glob("*.md"))[0]
    slug = community.name

    def body(path: Path, marker: str) -> None:
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nEdited: {marker}\n", encoding="utf-8")

    def plan_topic(path: Path, marker: str) -> None:
        text = path.read_text(encoding="utf-8")
        i = text.index("topics:")
        j = text.index("\n", i)
        path.write_text(text[:j] + f"\n      - Edited {marker}" + text[j:] if text[j + 1 :].startswith("      -") else text[:j] + f" Edited {marker}" + text[j:], encoding="utf-8")

    return {
        "highlight": (highlight, f"communities/{slug}/highlights/{highlight.stem}/", body),
        "plan": (community / "plan.md", f"communities/{slug}/plan/", body),
        "charter": (community / "index.md", f"communities/{slug}/", body),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--communities", type=int, default=40)
    ap.add_argument("--edits", type=int, default=5)
    ap.add_argument("--kinds", default="highlight,plan,charter")
    ap.add_argument("--dirty", action="store_true", help="serve with --dirty: copsite rebuilds only what an edit changed")
    ap.add_argument("--json", type=Path, help="append the result as JSON here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "handbook"
        pages = generate(root, args.communities)
        port = _free_port()
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        mkdocs = Path(sys.executable).with_name("mkdocs")
        log = open(Path(tmp) / "serve.log", "w")
        proc = subprocess.Popen([str(mkdocs), "serve", "-a", f"127.0.0.1:{port}", *(["--dirty"] if args.dirty else [])], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}/"
        try:
            t0 = time.monotonic()
            targets = edits(root)
            _wait_for(base + targets["highlight"][1], "<html", 600)
            first = time.monotonic() - t0
            results = {}
            for kind in args.kinds.split(","):
                path, url, edit = targets[kind]
                times = []
                for i in range(args.edits):
                    marker = f"M{kind}{i}x{time.time_ns()}"
                    time.sleep(1.0)
                    edit(path, marker)
                    saved = time.monotonic()
                    times.append(_wait_for(base + url, marker, 600) - saved)
                results[kind] = {"median_s": round(statistics.median(times), 3), "all_s": [round(t, 3) for t in times]}
            row = {"communities": args.communities, "dirty": args.dirty, "pages": pages, "first_build_s": round(first, 2), "edits": results}
            print(json.dumps(row, indent=1))
            if args.json:
                with open(args.json, "a") as f:
                    f.write(json.dumps(row) + "\n")
        finally:
            proc.terminate()
            proc.wait(30)
            log.close()


if __name__ == "__main__":
    main()
