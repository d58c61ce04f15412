"""The resource bank's filter in Chromium: how long a keystroke takes to show its result.

Writes a handbook whose bank holds N resources (20 communities; one resource shared by
all of them), builds it, serves it on 127.0.0.1 and, in Debian's chromium through
Playwright, types into the bank's words field. Each keystroke is timed in the page, from
the key's `keydown` to the first frame after it (the filter has run and the page has
been laid out): what the reader waits for. The first filter also loads `resources.json`
(the first page's cards answer at once meanwhile); the time until the whole bank's result
shows is reported apart.

    python bench/filter_time.py --resources 10000          # prints the timings as JSON

`tests/test_browser_bank.py` runs the same measurement in the browser tier and prints it
(it asserts what the reader sees, not the time).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path

COMMUNITIES = 20
WORDS = ["assessment", "feedback", "reading", "writing", "numeracy", "families", "transitions", "wellbeing"]
KINDS = ["publication", "video", "tool", "template", "website", "program"]
TYPED = "resource 0042"
"""What the reader types, one key at a time: narrows the bank to a few resources."""


def write_bank(root: Path, resources: int, site_url: str | None = "https://bank.example.org/") -> None:
    """A handbook of COMMUNITIES communities sharing `resources` resources in all (+1 shared by all)."""
    content = root / "content"
    per = -(-resources // COMMUNITIES)
    number = 0
    for c in range(COMMUNITIES):
        folder = content / "communities" / f"bank-{c:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.md").write_text(
            f"---\ntitle: Bank community {c:02d}\npurpose:\n  audience: teachers\n  interest: sharing\n"
            "  learning_goal: share what works\n---\nWe share.\n",
            encoding="utf-8",
        )
        lines = ["---", "resources:", "  - {title: The shared guide, kind: publication, url: 'https://shared.example.org/guide', topics: [sharing]}"]
        for _ in range(per):
            if number >= resources:
                break
            w = WORDS[number % len(WORDS)]
            lines.append(
                f"  - {{title: 'Resource {number:05d} on {w}', kind: {KINDS[number % len(KINDS)]}, "
                f"url: 'https://example.org/r/{number}', topics: [{w}, {WORDS[(number * 7 + 3) % len(WORDS)]}], "
                f"description: 'What teachers of community {c:02d} found useful about {w}.', added: 2025-10-{number % 28 + 1:02d}}}"
            )
            number += 1
        (folder / "resources.md").write_text("\n".join([*lines, "---", ""]), encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Bank\n" + (f"site_url: {site_url}\n" if site_url else "") + "docs_dir: content\n"
        "theme:\n  name: material\n  font: false\n  features: [navigation.indexes, navigation.prune]\n"
        "plugins:\n  - search\n  - copsite:\n      today: 2025-11-01\n",
        encoding="utf-8",
    )


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(site: Path):
    """The built site on http://127.0.0.1:<port>/."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


# In the page: time each keydown to the first frame after it (filter run, page laid out).
_TIMER = """() => {
  window.__copsiteTimes = [];
  document.addEventListener("keydown", () => {
    const t0 = performance.now();
    if (window.__copsiteFirst === undefined) window.__copsiteFirst = t0;
    requestAnimationFrame(() => setTimeout(() => window.__copsiteTimes.push(performance.now() - t0), 0));
  }, true);
}"""


def measure(page, base: str, total: int, typed: str = TYPED) -> dict:
    """Type `typed` into the bank's words field of the page at `base`; the timings in ms."""
    page.goto(base + "resources/", wait_until="load")
    page.evaluate(_TIMER)
    field = page.locator("form[data-copsite-filter] input[name=text]")
    field.focus()
    page.keyboard.press(typed[0])
    page.wait_for_function(f"document.querySelector('.copsite-count').textContent.includes('of {total} shown')")
    first_ms = page.evaluate("performance.now() - window.__copsiteFirst")  # to the whole bank's result (give or take a poll)
    page.evaluate("window.__copsiteTimes = []")
    keys = [("Space" if ch == " " else ch) for ch in typed[1:]] + ["Backspace"] * 4  # and back: wider results
    for key in keys:
        n = page.evaluate("window.__copsiteTimes.length")
        page.keyboard.press(key)
        page.wait_for_function("n => window.__copsiteTimes.length > n", arg=n)
    times = page.evaluate("window.__copsiteTimes")
    return {
        "resources": total,
        "keystrokes": len(times),
        "median_ms": statistics.median(times),
        "max_ms": max(times),
        "first_filter_ms": first_ms,
        "shown": page.locator(".copsite-count").inner_text(),
    }


def launch(playwright):
    executable = shutil.which("chromium")
    if executable is None:
        raise SystemExit("Debian's chromium is not installed (make chromium)")
    return playwright.chromium.launch(
        executable_path=executable,
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    )


def build(root: Path) -> Path:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    return root / "site"


def run(resources: int, work: Path | None = None) -> dict:
    """Write, build and serve a bank of `resources`, and measure its filter in Chromium."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        root = (work or Path(tmp)) / f"bank-{resources}"
        shutil.rmtree(root, ignore_errors=True)
        write_bank(root, resources)
        site = build(root)
        total = len(json.loads((site / "resources.json").read_text(encoding="utf-8"))["resources"])
        with serve(site) as base, sync_playwright() as p:
            browser = launch(p)
            try:
                return measure(browser.new_page(), base, total)
            finally:
                browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--resources", type=int, default=10000)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    print(json.dumps(run(args.resources)))


if __name__ == "__main__":
    main()
