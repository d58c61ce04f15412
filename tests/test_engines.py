"""The same site from every engine (build tier; creates .venv-* on first run, about 40 s, then reuses them).

The example handbook, built by copsite's plugin on MkDocs (the reference), is
exported with `copsite export` and the export is built by MkDocs 1.6 with
Material, ProperDocs with Material and Zensical, each in an environment with no
copsite: every address of the content format's site map must exist, and every
page must carry the reference's text. The plugin itself is also built with
`properdocs build`, and with the MaterialX fork of Material.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from . import engines
from .conftest import ROOT

pytestmark = pytest.mark.engines

EXPORT_ENGINES = ("mkdocs", "properdocs", "zensical")
EPOCH = str(int(time.time()))  # one "today" for the reference and the export


def _env():
    return {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}


# ------------------------------------------------------------------ the contract and the comparison


def site_map(content: Path, communities_dir: str = "communities") -> list[str]:
    """The addresses of CONTENT_FORMAT.md's site map for a handbook's content folder (feeds and calendar on)."""
    out = ["/", "/communities/", "/highlights/", "/resources/", "/legacy/", "/calendar/", "/feed.xml", "/calendar.ics", "/resources.json"]
    for home in sorted((content / communities_dir).glob("*/index.md")):
        base = f"/{communities_dir}/{home.parent.name}/"
        out += [base, f"{base}highlights/", f"{base}feed.xml", f"{base}calendar.ics"]
        out += [f"{base}{s}/" for s in ("norms", "plan", "resources", "legacy", "reflection") if (home.parent / f"{s}.md").is_file()]
        for h in sorted((home.parent / "highlights").glob("*.md")):
            head = yaml.safe_load(h.read_text(encoding="utf-8").split("---", 2)[1]) or {}
            if h.name != "index.md" and not head.get("draft"):
                out.append(f"{base}highlights/{h.stem}/")
    return out


def _file(site: Path, address: str) -> Path:
    return site / address.strip("/") / "index.html" if address.endswith("/") else site / address.lstrip("/")


def page_text(path: Path) -> tuple[str, str]:
    """What a reader sees of a page: the article's text (without permalink marks) and the <title>."""
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
    article = soup.select_one("article.md-content__inner")
    if article is None:
        return "", ""
    for extra in article.select("a.headerlink, nav.md-tags, .md-tags"):
        extra.decompose()  # Zensical shows a page's tags without the tags plugin; Material does not
    return re.sub(r"\s+", " ", article.get_text(" ")).strip(), soup.title.get_text() if soup.title else ""


def compare(reference: Path, site: Path, addresses: list[str]) -> list[str]:
    """Every difference a reader would notice between the engine's site and copsite's own build."""
    problems = [f"{a}: missing" for a in addresses if not _file(site, a).is_file()]
    for path in sorted(reference.rglob("*.html")):
        rel = path.relative_to(reference).as_posix()
        if rel == "404.html":
            continue
        other = site / rel
        if not other.is_file():
            problems.append(f"/{rel}: missing")
            continue
        (text, title), (other_text, other_title) = page_text(path), page_text(other)
        if text != other_text:
            problems.append(f"/{rel}: the text differs")
        if title != other_title and rel != "index.html":  # Zensical titles the home page "Name - Name"
            problems.append(f"/{rel}: <title> {other_title!r}, not {title!r}")
    for path in sorted(reference.rglob("*")):
        if path.suffix in (".xml", ".ics", ".json") and path.parent.name != "search" and path.name != "sitemap.xml":  # copsite's feeds, calendars, data
            rel = path.relative_to(reference).as_posix()
            other = site / rel
            if not other.is_file() or other.read_bytes() != path.read_bytes():
                problems.append(f"/{rel}: {'missing' if not other.is_file() else 'differs'}")
    return problems


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def work(tmp_path_factory):
    return tmp_path_factory.mktemp("engines")


@pytest.fixture(scope="module")
def reference(work):
    """The example handbook built by copsite's plugin on MkDocs, in a process of its own."""
    site = work / "reference"
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                          cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return site


@pytest.fixture(scope="module")
def exported(work):
    out = work / "export"
    done = subprocess.run([sys.executable, "-m", "copsite", "export", str(out), "-f", str(ROOT / "mkdocs.yml")],
                          cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return out


@pytest.fixture(scope="module")
def addresses():
    found = site_map(ROOT / "content")
    assert len(found) > 30 and "/communities/hospital-schools/plan/" in found
    return found


def build_export(engine: str, exported: Path, into: Path) -> Path:
    shutil.copytree(exported, into)
    done = engines.build(engine, into)
    assert done.returncode == 0, done.stdout + done.stderr
    return into / "site", done.stdout + done.stderr


# ------------------------------------------------------------------ tests


@pytest.mark.parametrize("engine", EXPORT_ENGINES)
def test_the_export_builds_the_same_site_on_every_engine(engine, reference, exported, addresses, work):
    site, log = build_export(engine, exported, work / f"on-{engine}")
    assert "WARNING" not in log and "Error" not in log, log
    assert compare(reference, site, addresses) == []
    for page in ("communities/hospital-schools/plan/", "resources/", "communities/hospital-schools/"):
        assert len(page_text(_file(site, page))[0]) > 200  # real pages, not empty shells
    home = _file(site, "/").read_text(encoding="utf-8")
    assert "github.com/copsite/example-handbook" in home  # the repository link, as copsite shows it,
    assert 'data-md-component="source"' not in home  # without asking the host's API for stars


def test_an_export_that_lost_a_page_fails_the_comparison(reference, exported, addresses, work):
    broken = work / "broken"
    shutil.copytree(exported, broken)
    (broken / "docs/communities/hospital-schools/plan.md").unlink()
    config = yaml.safe_load((broken / "mkdocs.yml").read_text())
    section = next(s for s in config["nav"][1]["Communities"] if "Hospital Schools Teachers" in s)
    section["Hospital Schools Teachers"] = [e for e in section["Hospital Schools Teachers"] if "Collaborative plan" not in e]
    (broken / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False))
    done = engines.build("mkdocs", broken)
    assert done.returncode == 0, done.stdout + done.stderr
    problems = compare(reference, broken / "site", addresses)
    assert "/communities/hospital-schools/plan/: missing" in problems


@pytest.mark.parametrize("engine", EXPORT_ENGINES)
def test_the_engine_environments_hold_no_copsite(engine, work):
    python = engines.venv(engine) / "bin" / "python"
    done = subprocess.run([str(python), "-c", "import copsite"], cwd=work, capture_output=True, text=True)
    assert done.returncode != 0 and "No module named 'copsite'" in done.stderr


def test_the_plugin_builds_the_example_with_properdocs(reference, addresses, work):
    site = work / "properdocs-plugin"
    properdocs = Path(sys.executable).parent / "properdocs"
    done = subprocess.run([str(properdocs), "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(site)],
                          cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert compare(reference, site, addresses) == []
    head = _file(site, "/communities/hospital-schools/highlights/").read_text(encoding="utf-8")
    assert 'rel="alternate feed"' in head  # the plugin's own additions are there too


def test_the_plugin_builds_the_example_with_materialx(reference, addresses, work):
    config = work / "materialx.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {ROOT / 'content'}\n"
        f"theme:\n  name: materialx\n  custom_dir: {ROOT / 'theme'}\n"
    )
    site = work / "materialx-site"
    done = engines.build("materialx", work, "--strict", "-f", str(config), "-d", str(site), env=_env())
    assert done.returncode == 0, done.stdout + done.stderr
    assert "materialx" in _file(site, "/").read_text(encoding="utf-8")
    assert compare(reference, site, addresses) == []
