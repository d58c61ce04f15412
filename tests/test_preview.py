"""Incremental preview (`mkdocs serve --dirty`): an edit rebuilds only the pages it changes,
and the result is the site a clean build makes, search index included."""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from copsite.engine.preview import PreviewState
from copsite.pages.site import NavItem, PageOut, Site

from .conftest import ROOT, charter, free_port, mkdocs_yml, write


def _site(pages: dict[str, str], nav_title: str = "Home") -> Site:
    return Site(
        pages={src: PageOut(src, src, md) for src, md in pages.items()},
        nav=[NavItem(nav_title, "index.md")],
        statics={},
    )


@pytest.mark.unit
def test_the_first_plan_rebuilds_everything_then_only_what_changed():
    state = PreviewState()
    assert state.changes(_site({"index.md": "a", "x.md": "b"}), "cfg") == (None, set())
    assert state.changes(_site({"index.md": "a", "x.md": "b"}), "cfg") == (set(), set())
    assert state.changes(_site({"index.md": "a", "x.md": "B"}), "cfg") == ({"x.md"}, set())


@pytest.mark.unit
def test_a_new_navigation_a_new_page_or_a_new_setting_rebuilds_everything():
    state = PreviewState()
    state.changes(_site({"index.md": "a"}), "cfg")
    assert state.changes(_site({"index.md": "a"}, nav_title="Start"), "cfg")[0] is None
    assert state.changes(_site({"index.md": "a", "new.md": "n"}, nav_title="Start"), "cfg")[0] is None
    assert state.changes(_site({"index.md": "a"}, nav_title="Start"), "cfg") == (None, {"new.md"})
    assert state.changes(_site({"index.md": "a"}, nav_title="Start"), "theme edited")[0] is None


@pytest.mark.unit
def test_the_search_index_keeps_every_page_after_a_partial_build(tmp_path):
    index = tmp_path / "search_index.json"

    def entries(page: str, text: str) -> list[dict]:
        return [{"location": page, "title": page, "text": text}, {"location": page + "#s", "title": "S", "text": text}]

    full = entries("", "home") + entries("a/", "old a") + entries("a/b/", "b")
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": full}))
    state = PreviewState()
    state.merge_search_index(index, None, ["", "a/", "a/b/"], set())
    # What an engine writes after rebuilding "a/" alone: what it kept, then this build's entries.
    index.write_text(json.dumps({"config": {"lang": ["en"]}, "docs": entries("a/b/", "b") + entries("a/", "new a")}))
    state.merge_search_index(index, {"a/"}, ["", "a/", "a/b/"], set())
    docs = json.loads(index.read_text())["docs"]
    assert [d["location"] for d in docs] == ["", "#s", "a/", "a/#s", "a/b/", "a/b/#s"]
    assert [d["text"] for d in docs if d["location"].startswith("a/") and not d["location"].startswith("a/b")] == ["new a", "new a"]


# --------------------------------------------------------------------------- against MkDocs


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _search(site: Path) -> list[tuple]:
    docs = json.loads((site / "search" / "search_index.json").read_text())["docs"]
    return sorted((d["location"], d["title"], d["text"]) for d in docs)


def _build(root: Path, site: Path, *, serve: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if not serve:
        # In a process of its own: MkDocs keeps plugin instances across builds in one process.
        mkdocs = Path(sys.executable).with_name("mkdocs")
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run([str(mkdocs), "build", "-q", "-d", str(site)], cwd=root, env=env, check=True)
        return
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site))
    build(config, serve_url="http://127.0.0.1:8000/", dirty=True)


HIGHLIGHT = """\
---
title: Reading circles
date: 2025-10-20
summary: What we read.
---
We read {text}.
"""


@pytest.fixture
def preview_handbook(tmp_path):
    files = {
        "mkdocs.yml": mkdocs_yml(),
        "content/communities/readers/index.md": charter("Readers"),
        "content/communities/readers/highlights/2025-10-20-circles.md": HIGHLIGHT.format(text="poems"),
        "content/communities/readers/plan.md": "---\nsessions:\n  - date: 2025-12-03\n    topics: [Poems]\n---\nOur plan.\n",
        "content/communities/writers/index.md": charter("Writers"),
    }
    write(tmp_path, files)
    return tmp_path


@pytest.mark.build
def test_each_edit_previewed_gives_the_site_a_clean_build_gives(preview_handbook, caplog):
    from mkdocs.config import load_config

    root = preview_handbook
    served = root / "served"
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(served))
    config.plugins.on_startup(command="serve", dirty=True)  # `mkdocs serve --dirty`
    try:
        _build(root, served, serve=True)
        writers_before = (served / "communities/writers/index.html").stat().st_mtime_ns
        edits = [
            ("content/communities/readers/highlights/2025-10-20-circles.md", HIGHLIGHT.format(text="novels"), "novels"),
            # The summary and title show in every list of highlights, the feeds and the hub's pages.
            ("content/communities/readers/highlights/2025-10-20-circles.md", HIGHLIGHT.format(text="novels").replace("What we read.", "Sonnets and odes."), "Sonnets and odes"),
            ("content/communities/readers/highlights/2025-10-20-circles.md", HIGHLIGHT.format(text="novels").replace("Reading circles", "Poetry circles"), "Poetry circles"),
            ("content/communities/readers/plan.md", "---\nsessions:\n  - date: 2025-12-03\n    topics: [Plays]\n---\nOur plan.\n", "Plays"),
            ("content/communities/readers/index.md", charter("Readers", body="We read aloud."), "aloud"),
            ("content/communities/readers/index.md", charter("Avid readers", body="We read aloud."), "Avid readers"),
        ]
        for path, text, marker in edits:
            time.sleep(0.01)
            (root / path).write_text(text, encoding="utf-8")
            with caplog.at_level(logging.INFO):
                _build(root, served, serve=True)
            clean = root / "clean"
            _build(root, clean, serve=False)
            assert marker in (served / "search" / "search_index.json").read_text()
            assert _search(served) == _search(clean)
            got, want = _files(served), _files(clean)
            pages = [k for k in want if k.endswith(".html") and k != "404.html"]
            assert pages and [k for k in pages if got.get(k) != want[k]] == []
            shutil.rmtree(clean)
        # An edit to a body rebuilt only the pages that show it; a new title in the
        # navigation rebuilt them all (the last edit).
        assert (served / "communities/writers/index.html").stat().st_mtime_ns > writers_before
    finally:
        config.plugins.on_startup(command="build", dirty=False)


@pytest.mark.build
def test_a_body_edit_leaves_other_pages_unbuilt(preview_handbook):
    from mkdocs.config import load_config

    root = preview_handbook
    served = root / "served"
    config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(served))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        _build(root, served, serve=True)
        before = {k: (served / k).stat().st_mtime_ns for k in _files(served) if k.endswith(".html")}
        time.sleep(0.02)
        path = root / "content/communities/readers/highlights/2025-10-20-circles.md"
        path.write_text(HIGHLIGHT.format(text="novels"), encoding="utf-8")
        _build(root, served, serve=True)
        rebuilt = {k for k, t in before.items() if (served / k).stat().st_mtime_ns != t}
        assert "communities/readers/highlights/2025-10-20-circles/index.html" in rebuilt
        assert "communities/writers/index.html" not in rebuilt
        assert "communities/readers/plan/index.html" not in rebuilt
    finally:
        config.plugins.on_startup(command="build", dirty=False)


# --------------------------------------------------------------------------- mkdocs serve itself


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=20) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def _page(url: str) -> str:
    """A served page without the live-reload call, whose numbers change with every build."""
    return re.sub(r"livereload\(\d+, \d+\)", "livereload()", _get(url) or "")


def _until(url: str, text: str, timeout: float = 90) -> str:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        body = _get(url)
        if body is not None and text in body:
            return body
        time.sleep(0.1)
    raise AssertionError(f"{url} never showed {text!r}")


@pytest.mark.build
def test_mkdocs_serve_dirty_shows_each_edit_and_keeps_the_rest(tmp_path):
    """The example handbook under `mkdocs serve --dirty`: a highlight, a plan and a charter
    edited in turn, each change served, other pages and the search index whole."""
    root = tmp_path / "handbook"
    shutil.copytree(ROOT / "content", root / "content")
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1795000000")
    log = open(tmp_path / "serve.log", "w")
    proc = subprocess.Popen([str(mkdocs), "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        other = "communities/system-leaders/"
        _until(base + other, "</html>", 180)
        other_before = _page(base + other)
        index_before = json.loads(_get(base + "search/search_index.json"))["docs"]
        pages_before = {d["location"].split("#")[0] for d in index_before}
        community = root / "content/communities/hospital-schools"
        highlight = sorted((community / "highlights").glob("*.md"))[0]
        for path, address, marker in (
            (highlight, f"communities/hospital-schools/highlights/{highlight.stem}/", "Edited-highlight-marker"),
            (community / "plan.md", "communities/hospital-schools/plan/", "Edited-plan-marker"),
            (community / "index.md", "communities/hospital-schools/", "Edited-charter-marker"),
        ):
            path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            _until(base + address, marker)
            index = _get(base + "search/search_index.json")
            assert marker in index
            assert {d["location"].split("#")[0] for d in json.loads(index)["docs"]} == pages_before
            assert _page(base + other) == other_before
    finally:
        proc.terminate()
        proc.wait(30)
        log.close()
    assert "Traceback" not in (tmp_path / "serve.log").read_text()


# --------------------------------------------------------------------------- reading only what changed


@pytest.mark.unit
def test_the_preview_reads_again_only_the_files_that_changed(tmp_path):
    from copsite.content.doc_cache import DocCache
    from copsite.model.options import make_options
    from copsite.engine.planner import plan_site
    from copsite.content.reader import read_handbook

    write(
        tmp_path,
        {
            "communities/readers/index.md": charter("Readers", extra="domain: 'TO DO: what we share'\n"),
            "communities/readers/highlights/2025-10-20-circles.md": HIGHLIGHT.format(text="poems"),
            "communities/readers/plan.md": "---\nsessions:\n  - date: 2025-12-03\n    topics: [Poems]\n    bad_key: 1\n---\n",
        },
    )
    options = make_options(today="2025-11-01")
    cache = DocCache()

    def read():
        handbook, problems = read_handbook(tmp_path, options, cache=cache)
        return handbook, [str(p) for p in problems]

    handbook, first = read()
    assert any("bad_key" in p for p in first) and any("TO DO" in p for p in first)
    assert cache.hits == 0 and cache.misses == 3
    plan_site(handbook, options)  # scrubs placeholders out of the docs it was given, in place

    handbook, again = read()
    assert again == first  # the same problems, placeholders included, told again
    assert cache.hits == 3 and cache.misses == 3
    assert handbook.communities[0].charter.domain == "TO DO: what we share"  # a fresh copy, not the scrubbed one

    time.sleep(0.01)
    (tmp_path / "communities/readers/highlights/2025-10-20-circles.md").write_text(HIGHLIGHT.format(text="novels"), encoding="utf-8")
    handbook, third = read()
    assert cache.misses == 4 and third == first
    assert "novels" in handbook.communities[0].highlights[0].doc.body


RESOURCES = "---\nresources:\n  - title: {title}\n    url: https://example.org/guide\n    kind: publication\n---\n"


@pytest.mark.unit
def test_the_preview_plans_again_only_the_communities_whose_inputs_changed(tmp_path):
    from copsite.content.doc_cache import DocCache
    from copsite.model.options import make_options
    from copsite.engine.preview import PlanMemo
    from copsite.engine.planner import plan_site
    from copsite.content.reader import read_handbook

    files = {
        "communities/readers/index.md": charter("Readers"),
        "communities/readers/highlights/2025-10-20-circles.md": HIGHLIGHT.format(text="poems"),
        "communities/readers/plan.md": "---\nsessions:\n  - {date: 2025-12-03, time: '15:30', topics: [Poems]}\n---\n",
        "communities/readers/resources.md": RESOURCES.format(title="Reading guide"),
        "communities/writers/index.md": charter("Writers"),
        "communities/writers/plan.md": "---\nsessions:\n  - {date: 2025-12-04, topics: [Drafts]}\n---\n",
    }
    write(tmp_path, files)
    options = make_options(today="2025-11-01", site_url="https://cop.example.org/")
    cache = DocCache()
    memo = PlanMemo(cache.stamp)

    def plan():
        handbook, _ = read_handbook(tmp_path, options, cache=cache)
        site = plan_site(handbook, options, memo=memo)
        read_again, _ = read_handbook(tmp_path, options)  # what a clean build plans, for comparison
        clean = plan_site(read_again, options)
        assert {k: (p.title, p.source(), p.meta) for k, p in site.pages.items()} == {k: (p.title, p.source(), p.meta) for k, p in clean.pages.items()}
        assert list(site.pages) == list(clean.pages) and site.statics == clean.statics
        return site

    every = {(part, slug) for part in ("pages", "report", "feed", "calendar utc=True") for slug in ("readers", "writers")}
    hubs = {("paged", "highlights.md"), ("paged", "resources.md"), ("paged", "legacy.md"), ("feed", "")}
    plan()
    assert set(memo.made) == every | hubs
    plan()
    assert memo.made == []  # nothing changed: every part kept

    time.sleep(0.01)
    (tmp_path / "communities/readers/highlights/2025-10-20-circles.md").write_text(HIGHLIGHT.format(text="novels"), encoding="utf-8")
    site = plan()  # its summary is its own key: the lists of every highlight show the same, and are kept
    assert set(memo.made) == {(part, "readers") for part in ("pages", "report", "feed", "calendar utc=True")} | {("paged", "legacy.md")}
    assert "novels" in site.pages["communities/readers/highlights/2025-10-20-circles.md"].source()

    # A resource the writers now share too changes the readers' card (it names both): every part is made again.
    time.sleep(0.01)
    write(tmp_path, {"communities/writers/resources.md": RESOURCES.format(title="Reading guide")})
    site = plan()
    assert set(memo.made) == every | hubs

    # The bank names the highlight that shared a resource: a new title there is a new bank.
    shared = "---\ntitle: {title}\ndate: 2025-10-21\nresources:\n  - title: Reading guide\n    url: https://example.org/guide\n    kind: publication\n---\nWe shared it.\n"
    write(tmp_path, {"communities/writers/highlights/2025-10-21-share.md": shared.format(title="Sharing day")})
    plan()
    time.sleep(0.01)
    write(tmp_path, {"communities/writers/highlights/2025-10-21-share.md": shared.format(title="Guide day")})
    site = plan()  # compared with a clean plan inside
    assert "Guide day" in site.pages["resources.md"].source() and ("pages", "readers") in memo.made
    assert "Writers" in site.pages["communities/readers/resources.md"].source()
