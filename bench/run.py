"""The benchmark: copsite against plain Material on the same pages, at growing sizes.

For each size N (communities):
  1. generate the synthetic handbook (bench/generate.py, seed 1);
  2. write the plain baseline: every page copsite builds, as an ordinary
     Markdown file with the same Markdown, and the same navigation as an
     explicit `nav:` in a mkdocs.yml without copsite (same theme and features);
  3. build both, alternating which goes first, each in a process of its own
     (bench/one.py), so that machine drift falls on both alike;
  4. time `copsite check` and the floor (read every file and parse its front
     matter with PyYAML's C loader);
  5. weigh the largest HTML page of the copsite build;
  6. time the preview: `mkdocs serve --dirty` on the same size, the time from
     saving a one-highlight edit to the page serving it (bench/preview.py,
     median of five edits);
  7. at the largest size, what the reports add to the build
     (bench/reports_overhead.py: with and without the report pages).

Then, once, the resource bank's filter in Chromium with 10,000 resources
(bench/filter_time.py): the time from a keystroke to the page showing its result.

Writes bench/results.md, bench/results.json and bench/ms_per_page.svg.

    python bench/run.py                       # N = 25, 100, 400 (about 10 minutes)
    python bench/run.py --sizes 5 --reps 1 --out /tmp/bench   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402


def write_plain(copsite_root: Path, plain_root: Path) -> int:
    """The plain baseline: copsite's pages as ordinary files, its navigation as `nav:`."""
    import yaml

    from copsite.model.options import make_options
    from copsite.engine.planner import plan_site
    from copsite.content.reader import read_handbook

    config = yaml.safe_load((copsite_root / "mkdocs.yml").read_text())
    options = make_options(today=str(config["plugins"][1]["copsite"]["today"]), site_url=config["site_url"], site_name=config["site_name"])
    handbook, problems = read_handbook(copsite_root / "content", options)
    if problems.errors:
        raise SystemExit(f"the synthetic handbook has errors: {problems.errors[:3]}")
    site = plan_site(handbook, options)
    content = plain_root / "content"
    for src, page in site.pages.items():
        path = content / src
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.source(), encoding="utf-8")  # HTML blocks inline: no copsite plugin here
    assets = content / "assets" / "copsite"
    assets.mkdir(parents=True, exist_ok=True)
    package_assets = Path(__import__("copsite").__file__).parent / "assets"
    for name in ("copsite.css", "copsite.js"):
        shutil.copy(package_assets / name, assets / name)

    def nav(items):
        out = []
        for item in items:
            if item.src is not None:
                out.append({item.title: item.src})
            else:
                out.append({item.title: nav(item.children)})
        return out

    plain_config = {
        "site_name": config["site_name"],
        "site_url": config["site_url"],
        "docs_dir": "content",
        "theme": config["theme"],
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions", []),
        "extra_css": ["assets/copsite/copsite.css"],
        "extra_javascript": ["assets/copsite/copsite.js"],
        "nav": nav(site.nav),
        "validation": {"omitted_files": "ignore"},
    }
    (plain_root / "mkdocs.yml").write_text(yaml.safe_dump(plain_config, sort_keys=False, allow_unicode=True))
    return len(site.pages)


PAGE_TARGET_KB = 300
FILTER_TARGET_MS = 100
PREVIEW_TARGETS_S = ((1500, 1.0), (None, 2.0))
"""The preview's targets: ≤ 1 s up to about 1,000 pages (1,500 here), ≤ 2 s above (about 10,000)."""
REPORTS_TARGET = 1.10


def preview_target(pages: int) -> float:
    return next(t for limit, t in PREVIEW_TARGETS_S if limit is None or pages <= limit)


def measure_preview(n: int, edits: int = 5) -> dict:
    """The preview's time from saving a one-highlight edit to serving it (bench/preview.py)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, str(HERE / "preview.py"), "--communities", str(n), "--dirty", "--kinds", "highlight", "--edits", str(edits)],
        capture_output=True, text=True, env=env,
    )
    if result.returncode != 0:
        raise SystemExit(f"preview.py failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout[result.stdout.index("{"):])


def measure_reports(root: Path, reps: int) -> dict:
    """What the report pages add to the build of `root` (bench/reports_overhead.py)."""
    result = subprocess.run([sys.executable, str(HERE / "reports_overhead.py"), str(root), "--reps", str(reps)], capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"reports_overhead.py failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    runs = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    med = lambda name, key: statistics.median(r[key] for r in runs if r["reports"] == name)  # noqa: E731
    return {
        "with_s": med("with", "seconds"),
        "without_s": med("without", "seconds"),
        "ratio": med("with", "seconds") / med("without", "seconds"),
        "cpu_ratio": med("with", "cpu_seconds") / med("without", "cpu_seconds"),
        "reps": reps,
    }


def largest_page_of(site: Path) -> tuple[float, str]:
    """The weight in KB (1,024 bytes) of the site's largest HTML page, and its address."""
    size, path = max((p.stat().st_size, p) for p in site.rglob("*.html"))
    address = path.relative_to(site).as_posix().removesuffix("index.html")
    return size / 1024, "/" + address


def measure_filter(resources: int) -> dict | None:
    """The bank filter's keystroke response in Chromium (bench/filter_time.py); None without chromium."""
    if not resources:
        return None
    if shutil.which("chromium") is None:
        print("no chromium: the filter's response time is not measured (make chromium)", flush=True)
        return None
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, str(HERE / "filter_time.py"), "--resources", str(resources)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"filter_time.py failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure(what: str, root: Path) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    result = subprocess.run([sys.executable, str(HERE / "one.py"), what, str(root)], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"{what} {root} failed:\n{result.stdout}\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def run(sizes: list[int], reps: dict[int, int], out: Path, work: Path, reports_reps: int = 1) -> list[dict]:
    rows = []
    for n in sizes:
        cop, plain = work / f"copsite-{n}", work / f"plain-{n}"
        for d in (cop, plain):
            shutil.rmtree(d, ignore_errors=True)
        generate(cop, n, seed=1)
        pages = write_plain(cop, plain)
        builds: dict[str, list[dict]] = {"copsite": [], "plain": []}
        for rep in range(reps.get(n, 1)):
            order = [("copsite", cop), ("plain", plain)] if rep % 2 == 0 else [("plain", plain), ("copsite", cop)]
            for name, root in order:
                builds[name].append(measure("build", root))
                print(f"N={n} rep {rep + 1}: {name} {builds[name][-1]['seconds']:.1f} s", flush=True)
        built_pages = sum(1 for _ in (cop / "site").rglob("index.html")) - (1 if (cop / "site/404.html").exists() else 0)
        largest_kb, largest_page = largest_page_of(cop / "site")
        checks = [measure("check", cop) for _ in range(3)]
        floors = [measure("floor", cop) for _ in range(3)]
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "copsite", "check", "-f", str(cop / "mkdocs.yml")], capture_output=True, check=True)
        check_command = time.perf_counter() - t0
        preview = measure_preview(n)
        print(f"N={n} preview: {preview['edits']['highlight']}", flush=True)
        reports = measure_reports(cop, reports_reps) if n == max(sizes) and reports_reps else None
        med = lambda runs, key="seconds": statistics.median(r[key] for r in runs)  # noqa: E731
        row = {
            "communities": n,
            "pages": pages,
            "html_pages": built_pages,
            "markdown_files": sum(1 for _ in (cop / "content").rglob("*.md")),
            "reps": reps.get(n, 1),
            "copsite_s": med(builds["copsite"]),
            "plain_s": med(builds["plain"]),
            "copsite_ms_per_page": 1000 * med(builds["copsite"]) / pages,
            "plain_ms_per_page": 1000 * med(builds["plain"]) / pages,
            "ratio": med(builds["copsite"]) / med(builds["plain"]),
            "copsite_peak_mb": max(r["peak_mb"] for r in builds["copsite"]),
            "plain_peak_mb": max(r["peak_mb"] for r in builds["plain"]),
            "check_s": med(checks),
            "check_command_s": check_command,
            "floor_s": med(floors),
            "largest_page_kb": largest_kb,
            "largest_page": largest_page,
            "check_over_floor": med(checks) / med(floors),
            "preview_s": preview["edits"]["highlight"]["median_s"],
            "preview_files": preview["pages"],  # the Markdown files of the same handbook (bench/generate.py, seed 1)
            "all_preview_s": preview["edits"]["highlight"]["all_s"],
            "reports": reports,
            "all_copsite_s": [r["seconds"] for r in builds["copsite"]],
            "all_plain_s": [r["seconds"] for r in builds["plain"]],
        }
        rows.append(row)
        print(json.dumps({k: v for k, v in row.items() if not k.startswith("all_")}), flush=True)
    return rows


def report(rows: list[dict], out: Path, machine: str, bank_filter: dict | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps({"machine": machine, "rows": rows, "filter": bank_filter}, indent=1) + "\n")
    base = rows[0]
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {machine}. Median of the builds at each size (copsite and plain alternating).",
        "",
        "| communities | pages | copsite s | plain s | copsite ms/page | plain ms/page | copsite / plain | peak MB copsite | peak MB plain | check s | floor s | check / floor | `copsite check` command s | largest page KB | preview s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['communities']} | {r['pages']} | {r['copsite_s']:.1f} | {r['plain_s']:.1f} | {r['copsite_ms_per_page']:.2f} | "
            f"{r['plain_ms_per_page']:.2f} | {r['ratio']:.3f} | {r['copsite_peak_mb']:.0f} | {r['plain_peak_mb']:.0f} | "
            f"{r['check_s']:.2f} | {r['floor_s']:.2f} | {r['check_over_floor']:.2f} | {r['check_command_s']:.2f} | "
            f"{r['largest_page_kb']:.0f} (`{r['largest_page']}`) | {r['preview_s']:.2f} |"
        )
    last = rows[-1]
    ratios = ", ".join(f"{r['ratio']:.3f}" for r in rows)
    check_ratios = ", ".join(f"{r['check_over_floor']:.2f}×" for r in rows)
    mem_cop = ", ".join(f"{1024 * r['copsite_peak_mb'] / r['pages']:.0f} KB" for r in rows)
    mem_plain = ", ".join(f"{1024 * r['plain_peak_mb'] / r['pages']:.0f} KB" for r in rows)
    linear = last["copsite_ms_per_page"] / base["copsite_ms_per_page"]
    lines += [
        "",
        "Targets:",
        "",
        f"- copsite / plain ≤ 1.10 at every size: {ratios}.",
        f"- ms per page at the largest size within 1.3× of the smallest: {linear:.2f}×.",
        f"- `copsite check` ≤ 3× the read-and-parse floor: {check_ratios}; at {last['communities']} communities "
        f"{last['check_s']:.2f} s in-process, {last['check_command_s']:.2f} s as a command.",
        f"- peak memory per page: {mem_cop} (copsite), {mem_plain} (plain).",
        f"- every HTML page under {PAGE_TARGET_KB} KB: largest "
        + ", ".join(f"{r['largest_page_kb']:.0f} KB (`{r['largest_page']}`, N={r['communities']})" for r in rows)
        + (" — met." if all(r["largest_page_kb"] < PAGE_TARGET_KB for r in rows) else " — not met."),
        (
            f"- the resource bank's filter answers a keystroke in under {FILTER_TARGET_MS} ms with {bank_filter['resources']:,} resources "
            f"in Chromium: median {bank_filter['median_ms']:.0f} ms, slowest {bank_filter['max_ms']:.0f} ms over {bank_filter['keystrokes']} keystrokes"
            f" (the first filter, loading resources.json: {bank_filter['first_filter_ms']:.0f} ms)"
            + (" — met." if bank_filter["max_ms"] < FILTER_TARGET_MS else " — not met.")
            if bank_filter
            else "- the resource bank's filter: not measured (--filter-resources 0, or no chromium)."
        ),
        "- the preview shows a one-highlight edit (save to served page, median of five) in ≤ 1 s at about 1,000 pages, "
        "≤ 2 s at about 10,000: "
        + ", ".join(
            f"{r['preview_s']:.2f} s at {r['pages']:,} pages (target {preview_target(r['pages']):.0f} s"
            + (", met)" if r["preview_s"] <= preview_target(r["pages"]) else ", not met)")
            for r in rows
        )
        + ".",
        *(
            [
                f"- the reports add at most 10 % to a {r['communities']}-community build: "
                f"{100 * (r['reports']['ratio'] - 1):+.1f} % ({r['reports']['without_s']:.1f} s without, {r['reports']['with_s']:.1f} s with; "
                f"CPU {100 * (r['reports']['cpu_ratio'] - 1):+.1f} %)"
                + (" — met." if r["reports"]["ratio"] <= REPORTS_TARGET else " — not met.")
                for r in rows
                if r.get("reports")
            ]
        ),
        "",
        "![ms per page against pages](ms_per_page.svg)",
        "",
    ]
    (out / "results.md").write_text("\n".join(lines))
    plot(rows, out / "ms_per_page.svg")


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("svg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "copsite"  # reproducible SVG ids
    pages = [r["pages"] for r in rows]
    fig, ax = plt.subplots(figsize=(6.4, 4))
    ax.plot(pages, [r["copsite_ms_per_page"] for r in rows], marker="o", label="copsite")
    ax.plot(pages, [r["plain_ms_per_page"] for r in rows], marker="s", label="plain Material, same pages and nav")
    ax.set_xscale("log")
    ax.set_xlabel("pages")
    ax.set_ylabel("ms per page (median build)")
    ax.set_ylim(bottom=0)
    ax.set_title("Build time per page")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, metadata={"Date": None})
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[25, 100, 400])
    parser.add_argument("--reps", type=int, default=None, help="builds of each kind at every size (default: 3, and 1 at 400 and above)")
    parser.add_argument("--out", type=Path, default=HERE, help="where results.md, results.json and the plot go")
    parser.add_argument("--filter-resources", type=int, default=10000, help="resources in the bank whose filter is timed in Chromium (0: skip)")
    parser.add_argument("--work", type=Path, default=HERE / "work", help="where the handbooks are generated and built")
    parser.add_argument("--reports-reps", type=int, default=1, help="builds with and without reports at the largest size (0: skip)")
    args = parser.parse_args()
    reps = {n: (args.reps if args.reps else (1 if n >= 400 else 3)) for n in args.sizes}
    import platform

    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    try:
        import material
        import mkdocs

        machine += f", mkdocs {mkdocs.__version__}, mkdocs-material {material.__version__ if hasattr(material, '__version__') else '?'}"
    except ImportError:
        pass
    start = time.perf_counter()
    rows = run(args.sizes, reps, args.out, args.work, args.reports_reps)
    bank_filter = measure_filter(args.filter_resources)
    report(rows, args.out, machine, bank_filter)
    print(f"done in {time.perf_counter() - start:.0f} s; wrote {args.out / 'results.md'}")


if __name__ == "__main__":
    main()
