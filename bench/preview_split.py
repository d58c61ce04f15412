"""Where a preview rebuild's time goes: copsite's plugin events against MkDocs' own work.

    python bench/preview_split.py WORK_DIR [--communities 400] [--edits 3]

Generates the synthetic handbook (generate.py, seed 1) into WORK_DIR unless it is
there, builds it once as `mkdocs serve --dirty` does (in this process, with the
plugin told the command is `serve`), then appends a line to one highlight's body
`--edits` times and rebuilds after each. For each rebuild it prints one JSON line:
the rebuild's wall seconds, the seconds spent in copsite's plugin events (by
event) and the rest, which is MkDocs' own work (its files, navigation and page
objects, the sitemap, the pages it builds). The served preview adds MkDocs'
0.1 s wait for a quiet file system and the request itself (bench/preview.py).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import ensure  # noqa: E402
EVENTS = ("on_pre_build", "on_files", "on_nav", "on_env", "on_page_markdown", "on_page_content", "on_page_context", "on_post_page", "on_post_build")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work", type=Path)
    parser.add_argument("--communities", type=int, default=400)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    ensure(args.work, args.communities)
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import copsite.engine.plugin as plugin

    spent: dict[str, float] = {}
    for name in EVENTS:
        original = getattr(plugin.CopsitePlugin, name)

        def timed(self, *a, _original=original, _name=name, **k):
            start = time.perf_counter()
            try:
                return _original(self, *a, **k)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - start

        setattr(plugin.CopsitePlugin, name, functools.wraps(original)(timed))

    site = args.work / "preview-site"

    def rebuild() -> float:
        config = load_config(config_file=str(args.work / "mkdocs.yml"), site_dir=str(site))
        start = time.perf_counter()
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return time.perf_counter() - start

    config = load_config(config_file=str(args.work / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="serve", dirty=True)
    first = rebuild()
    print(json.dumps({"first_build_s": round(first, 2)}), flush=True)
    community = sorted(p for p in (args.work / "content" / "communities").iterdir() if p.is_dir())[0]
    highlight = sorted((community / "highlights").glob("*.md"))[0]
    for i in range(args.edits):
        highlight.write_text(highlight.read_text(encoding="utf-8").rstrip("\n") + f"\n\nEdited {i} {time.time_ns()}\n", encoding="utf-8")
        spent.clear()
        total = rebuild()
        ours = sum(spent.values())
        print(json.dumps({"rebuild_s": round(total, 2), "copsite_s": round(ours, 2), "mkdocs_s": round(total - ours, 2), "events_s": {k: round(v, 2) for k, v in spent.items() if v >= 0.005}}), flush=True)


if __name__ == "__main__":
    main()
