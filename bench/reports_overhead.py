"""What the reports add to a build: the same handbook built with and without the report pages.

    python bench/reports_overhead.py WORK_DIR [--communities 400] [--reps 1]

Generates the synthetic handbook (generate.py, seed 1) into WORK_DIR unless it is
there, then builds it in processes of their own (bench/one.py), alternating: the
copsite of this checkout as it is, and the same code with `report_parts` giving
no part and the report entries taken out of the navigation. Prints one JSON line a
build and the ratio of the medians, of wall time and of CPU time (the CPU ratio
holds when the machine is busy with something else).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import ensure  # noqa: E402

WITHOUT = r'''
import runpy, sys
import copsite.engine.planner as publish
from copsite.pages.site import PageOut
publish.report_parts = lambda d: []
orig = publish.navigation
def navigation(handbook, pages, options):
    srcs = {"report.md", *(f"{c.folder}/report.md" for c in handbook.communities)}
    fake = dict(pages, **{s: PageOut(s, "Report", "") for s in srcs})
    def prune(items):
        kept = [i for i in items if i.src not in srcs]
        for i in kept:
            i.children = prune(i.children)
        return kept
    return prune(orig(handbook, fake, options))
publish.navigation = navigation
sys.argv = ["one.py", *sys.argv[1:]]
runpy.run_path(%r, run_name="__main__")
''' % str(HERE / "one.py")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work", type=Path)
    parser.add_argument("--communities", type=int, default=400)
    parser.add_argument("--reps", type=int, default=1)
    args = parser.parse_args()
    ensure(args.work, args.communities)
    times: dict[str, list[float]] = {"without": [], "with": []}
    cpu: dict[str, list[float]] = {"without": [], "with": []}
    for _ in range(args.reps):
        for name, cmd in (("without", [sys.executable, "-c", WITHOUT]), ("with", [sys.executable, str(HERE / "one.py")])):
            run = subprocess.run([*cmd, "build", str(args.work)], check=True, capture_output=True, text=True)
            result = json.loads(run.stdout.strip().splitlines()[-1])
            times[name].append(result["seconds"])
            cpu[name].append(result["cpu_seconds"])
            print(json.dumps({"reports": name, **result}), flush=True)
    ratio = statistics.median(times["with"]) / statistics.median(times["without"])
    cpu_ratio = statistics.median(cpu["with"]) / statistics.median(cpu["without"])
    print(f"with reports / without: {ratio:.3f} wall, {cpu_ratio:.3f} CPU")


if __name__ == "__main__":
    main()
