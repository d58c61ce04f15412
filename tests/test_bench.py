"""Keeps the synthetic handbook generator and the benchmark script working (small N, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from copsite.model.options import make_options
from copsite.content.reader import read_handbook

pytestmark = pytest.mark.bench

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text() for p in sorted(root.rglob("*")) if p.is_file()}


def test_generator_is_deterministic_and_valid(tmp_path):
    generate(tmp_path / "a", 3, seed=7)
    generate(tmp_path / "b", 3, seed=7)
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    handbook, problems = read_handbook(tmp_path / "a" / "content", make_options(today="2026-01-15"))
    assert [str(p) for p in problems] == []
    assert len(handbook.communities) == 3
    for c in handbook.communities:
        assert 8 <= len(c.sessions) <= 12
        assert 10 <= len(c.highlights) <= 40
        assert 5 <= len(c.resources.resources) <= 20 and 5 <= len(c.legacy.legacy) <= 20
        body = c.highlights[0].doc.body
        assert "## What happened" in body and "|---|---|" in body and "](../plan.md)" in body and "\n- " in body


def test_benchmark_script_runs_and_reports(tmp_path):
    out, work = tmp_path / "out", tmp_path / "work"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench/run.py"), "--sizes", "2", "--reps", "1", "--out", str(out), "--work", str(work), "--filter-resources", "0"],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads((out / "results.json").read_text())
    (row,) = data["rows"]
    assert row["communities"] == 2 and row["pages"] > 40
    assert row["copsite_s"] > 0 and row["plain_s"] > 0 and row["check_s"] > 0 and row["floor_s"] > 0
    # The plain baseline built the same pages: every copsite page has its plain twin.
    cop = {p.relative_to(work / "copsite-2/site").as_posix() for p in (work / "copsite-2/site").rglob("index.html")}
    plain = {p.relative_to(work / "plain-2/site").as_posix() for p in (work / "plain-2/site").rglob("index.html")}
    assert cop == plain
    results = (out / "results.md").read_text()
    assert "| communities | pages |" in results
    # The largest page's weight: the heaviest HTML file of the build, with its address.
    heaviest = max((p.stat().st_size, p) for p in (work / "copsite-2/site").rglob("*.html"))
    assert row["largest_page_kb"] == heaviest[0] / 1024
    assert row["largest_page"] == "/" + heaviest[1].relative_to(work / "copsite-2/site").as_posix().removesuffix("index.html")
    assert f"largest {row['largest_page_kb']:.0f} KB (`{row['largest_page']}`, N=2)" in results
    assert data["filter"] is None and "filter: not measured" in results
    # The preview after a one-highlight edit, and what the reports add, each with its target.
    assert 0 < row["preview_s"] < 60 and len(row["all_preview_s"]) == 5
    assert row["preview_files"] == row["markdown_files"]  # the preview timed the same handbook
    assert f"{row['preview_s']:.2f} s at {row['pages']:,} pages (target 1 s" in results
    assert row["reports"]["with_s"] > 0 and row["reports"]["without_s"] > 0
    assert f"the reports add at most 10 % to a 2-community build: {100 * (row['reports']['ratio'] - 1):+.1f} %" in results
    # The plain baseline has the reports' charts inline (it has no copsite plugin to put them back).
    assert "<svg" in (work / "plain-2/site/report/index.html").read_text()
    assert (out / "ms_per_page.svg").read_text().lstrip().startswith("<?xml")
