"""Trust: hostile content never runs, private names never leak, a broken edit never loses the site."""

from __future__ import annotations

import copy
import html
import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import build_site, free_port, mkdocs_yml, write

pytestmark = pytest.mark.build

PAYLOAD = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>"

CHARTER = {
    "title": "Charter title",
    "summary": "Charter summary",
    "description": "Charter description",
    "subtitle": "Charter subtitle",
    "purpose": {"audience": "the audience", "interest": "the interest", "learning_goal": "the goal", "kinds": ["resource-bank"]},
    "domain": "the domain",
    "practice": "the practice",
    "facilitators": ["Fay Facilitator"],
    "members": [{"name": "Fay Facilitator", "role": "core", "organization": "Org name"}],
    "leadership": [{"role": "Lead role", "who": "Fay Facilitator", "responsibilities": ["A responsibility"]}],
    "meetings": {"frequency": "Monthly", "length": "An hour", "where": "Room 1"},
    "channels": [{"title": "Channel title", "url": "https://forum.example.org/"}],
    "partners": [{"name": "Partner name", "role": "Partner role", "url": "https://partner.example.org/"}],
    "tags": ["charter-tag"],
}
NORMS = {"norms": ["Plain norm", {"text": "Covered norm", "covers": ["voice"]}]}
PLAN = {
    "sessions": [
        {"date": "2025-10-01", "title": "Session title", "topics": ["Topic one"], "activities": ["Activity"], "resources_required": ["Chart paper"], "location": "Hall", "time": "9:00"},
        {"date": "2025-12-01", "title": "Future title", "topics": ["Future topic"]},
    ]
}
RESOURCES = {"resources": [{"title": "Resource title", "url": "https://r.example.org/", "kind": "tool", "topics": ["Res topic"], "description": "Res description", "added_by": "Adder name"}]}
LEGACY = {"success": ["Success measure"], "outcomes": ["An outcome"], "legacy": [{"title": "Legacy title", "kind": "product", "description": "Legacy description"}]}
HIGHLIGHT = {
    "title": "Highlight title",
    "authors": ["Hal Author"],
    "summary": "Highlight summary",
    "tags": ["hl-tag"],
    "legacy": True,
    "attendance": 5,
    "resources": [{"title": "HL resource", "url": "https://hl.example.org/", "kind": "video", "topics": ["HL topic"], "description": "HL description", "added_by": "HL adder"}],
}
PAGE = {"title": "Other page title", "description": "Other description"}

DOCS = {
    "communities/hostile/index.md": CHARTER,
    "communities/hostile/norms.md": NORMS,
    "communities/hostile/plan.md": PLAN,
    "communities/hostile/resources.md": RESOURCES,
    "communities/hostile/legacy.md": LEGACY,
    "communities/hostile/highlights/2025-10-01-met.md": HIGHLIGHT,
    "communities/hostile/other.md": PAGE,
    "communities/hostile/reflection.md": {"title": "Reflection title"},
    "about.md": PAGE,
}


def text_fields(value, path=()):
    """Every text leaf that copsite shows as text (not urls, dates, closed choices or times)."""
    skip = {"url", "date", "time", "kind", "role", "kinds", "covers", "stage", "format"}
    if isinstance(value, dict):
        for k, v in value.items():
            if k in skip and not (k == "role" and path and path[0] == "leadership"):
                continue
            yield from text_fields(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from text_fields(v, path + (i,))
    elif isinstance(value, str):
        yield path


CASES = [(doc, path) for doc, data in DOCS.items() for path in text_fields(data)]


def render(docs):
    out = {}
    for rel, data in docs.items():
        body = "Body text.\n" if not rel.endswith("reflection.md") else "Reflection body.\n"
        out[rel] = "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body
    return out


def assert_no_markup(site: Path):
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            assert "<script>alert(1)" not in text and "<img src=x" not in text, path
            soup = BeautifulSoup(text, "lxml")
            assert not soup.select("img[onerror]"), path
            assert not [s for s in soup.select("script") if "alert(1)" in s.get_text()], path
            assert not soup.select('a[href^="javascript:"]'), path
        elif path.suffix == ".xml" and path.name != "sitemap.xml":
            feed = feedparser.parse(text)
            assert not feed.bozo, path
            for entry in feed.entries:
                for key in ("title_detail", "summary_detail"):
                    if key in entry:
                        assert entry[key]["type"] == "text/plain", (path, key)
        elif path.name == "search_index.json":
            assert "<script>alert(1)" not in text and "<img src=x" not in text, path
        elif path.suffix == ".json":
            json.loads(text)  # data: the text is a JSON string, not markup
        elif path.suffix == ".ics":
            icalendar.Calendar.from_ical(text)


@pytest.mark.parametrize("doc, path", CASES, ids=[f"{d.split('/')[-1]}:{'.'.join(map(str, p))}" for d, p in CASES])
def test_markup_in_any_text_field_is_shown_as_text(tmp_path, doc, path):
    docs = copy.deepcopy(DOCS)
    node = docs[doc]
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = PAYLOAD
    if path in (("facilitators", 0),):
        docs[doc]["members"][0]["name"] = PAYLOAD  # keep the facilitator a member: no warning
    if path == ("members", 0, "name"):
        docs[doc]["facilitators"] = [PAYLOAD]
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in render(docs).items()}})
    built = build_site(tmp_path, strict=True)
    assert_no_markup(built.site)
    # ...and it is there, as text: unescaping the output gives the payload back.
    assert PAYLOAD in html.unescape(built.all_output())


@pytest.mark.parametrize("field", ["url", "file"])
@pytest.mark.parametrize("value", ["javascript:alert(1)", "data:text/html,<b>x</b>", "vbscript:x", "/etc/passwd", "../../mkdocs.yml", "files\\x.pdf"])
def test_dangerous_addresses_are_errors_and_build_nothing(tmp_path, field, value):
    docs = copy.deepcopy(DOCS)
    docs["communities/hostile/resources.md"]["resources"][0].pop("url")
    docs["communities/hostile/resources.md"]["resources"][0][field] = value
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in render(docs).items()}})
    from .conftest import BuildFailed

    with pytest.raises(BuildFailed) as failed:
        build_site(tmp_path)
    assert "resources[0]" in failed.value.log
    assert not (tmp_path / "site").exists()


def test_publish_members_false_keeps_every_name_out_of_every_output(tmp_path):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml("publish_members: false"), **{f"content/{k}": v for k, v in render(DOCS).items()}})
    built = build_site(tmp_path, strict=True)
    files = [p for p in built.site.rglob("*") if p.is_file() and p.suffix in (".html", ".xml", ".json", ".ics", ".txt")]
    assert {p.name for p in files} >= {"sitemap.xml", "search_index.json", "feed.xml", "calendar.ics", "resources.json"}
    for p in files:
        text = p.read_text(encoding="utf-8")
        for name in ("Fay Facilitator", "Hal Author", "Adder name", "HL adder"):
            assert name not in text, (name, p)
    shown = built.main("communities/hostile/").get_text(" ", strip=True)
    assert "Lead role" in shown and "Org name" not in shown


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as r:
        return r.read().decode("utf-8")


def _wait(predicate, seconds=40):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_mkdocs_serve_keeps_the_last_good_site_when_an_edit_breaks_a_file(tmp_path):
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(), **{f"content/{k}": v for k, v in render(DOCS).items()}})
    port = free_port()
    log = open(tmp_path / "serve.log", "w+")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}/communities/hostile/"
    plan = tmp_path / "content/communities/hostile/plan.md"
    try:
        assert _wait(lambda: "Charter title" in _get(url)), (tmp_path / "serve.log").read_text()
        good = plan.read_text()
        plan.write_text(good.replace("2025-12-01", "2025-12-1"))
        assert _wait(lambda: "sessions[1].date" in (tmp_path / "serve.log").read_text())
        served = _get(url)
        assert "Charter title" in served  # the last good site, still served
        assert "Future title" in _get(url + "plan/")
        output = (tmp_path / "serve.log").read_text()
        assert "content/communities/hostile/plan.md" in output and "2025-12-01" in output
        assert "Traceback" not in output
        plan.write_text(good.replace("Future title", "Mended title"))
        assert _wait(lambda: "Mended title" in _get(url + "plan/")), (tmp_path / "serve.log").read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
