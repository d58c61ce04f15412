"""Build time of one handbook on every engine, measured in one run.

For the example handbook and a synthetic one of N communities (bench/generate.py,
seed 1): copsite's plugin on MkDocs (`mkdocs build`), then `copsite export` of
it built by MkDocs 1.6 + Material, ProperDocs + Material and Zensical, each from
its own environment (tests/engines.py creates .venv-mkdocs, .venv-properdocs,
.venv-zensical). Each build is a whole command, timed by the wall clock, the
engines in a rotating order, `reps` times; the table shows the fastest run and
every run.

    .venv/bin/python bench/engines.py                 # the example and N = 100
    .venv/bin/python bench/engines.py --sizes 100 --reps 3
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402
from tests import engines  # noqa: E402

ENGINES = ("copsite plugin on MkDocs", "mkdocs", "properdocs", "zensical")


def _timed(command: list[str], cwd: Path, env: dict) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(command)} failed in {cwd}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds


def measure(name: str, handbook: Path, work: Path, reps: int) -> dict[str, list[float]]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": str(int(time.time()))}
    bindir = Path(sys.executable).parent
    export = work / f"{name}-export"
    shutil.rmtree(export, ignore_errors=True)
    _timed([str(bindir / "copsite"), "export", str(export), "-f", str(handbook / "mkdocs.yml")], handbook, env)
    pages = sum(1 for _ in (export / "docs").rglob("*.md"))
    times: dict[str, list[float]] = {e: [] for e in ENGINES}
    for rep in range(reps):
        order = ENGINES[rep % len(ENGINES):] + ENGINES[: rep % len(ENGINES)]
        for engine in order:
            if engine == ENGINES[0]:
                command = [str(bindir / "mkdocs"), "build", "-q", "-f", str(handbook / "mkdocs.yml"), "-d", str(work / f"{name}-plugin-site")]
                seconds = _timed(command, handbook, env)
            else:
                folder = engines.venv(engine)
                command = [str(folder / "bin" / engines.COMMANDS[engine][0]), *engines.COMMANDS[engine][1:]]
                seconds = _timed(command, export, {**env, "PATH": f"{folder / 'bin'}{os.pathsep}{env['PATH']}"})
            times[engine].append(seconds)
            print(f"{name}: {engine} {seconds:.2f} s", flush=True)
    return {"pages": pages, **times}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[100])
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--work", type=Path, default=HERE / "work" / "engines")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    rows = [("example", measure("example", ROOT, args.work, max(args.reps, 3)))]
    for n in args.sizes:
        handbook = args.work / f"handbook-{n}"
        shutil.rmtree(handbook, ignore_errors=True)
        generate(handbook, n, seed=1)
        rows.append((f"{n} communities", measure(f"n{n}", handbook, args.work, args.reps)))
    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"fastest of the runs, wall seconds of the whole command (every run in brackets)\n")
    print("| handbook | pages | " + " | ".join(ENGINES) + " |")
    print("|---|---:|" + "---:|" * len(ENGINES))
    for label, row in rows:
        cells = [f"{min(row[e]):.2f} ({', '.join(f'{s:.2f}' for s in row[e])})" for e in ENGINES]
        print(f"| {label} | {row['pages']} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
