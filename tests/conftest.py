"""Helpers shared by the tiers: tiny handbooks written into tmp_path, built with MkDocs."""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

CHARTER = """\
---
title: {title}
purpose:
  audience: teachers
  interest: reading
  learning_goal: teach reading
{extra}---
{body}
"""


def charter(title: str = "Readers", extra: str = "", body: str = "We read together.") -> str:
    return CHARTER.format(title=title, extra=textwrap.dedent(extra), body=body)


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if content.startswith("\n") else content, encoding="utf-8")


def free_port() -> int:
    """A port of 127.0.0.1 that no one listens on now (another worker may hold 8000 or 8081)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mkdocs_yml(options: str = "", site_url: str | None = "https://cop.example.org/", extra: str = "") -> str:
    lines = [
        "site_name: Test handbook",
        *([f"site_url: {site_url}"] if site_url else []),
        "docs_dir: content",
        "theme:",
        "  name: material",
        "  font: false",
        "  features: [navigation.indexes]",
        "plugins:",
        "  - search",
        "  - copsite:",
        "      today: 2025-11-01",
        *[f"      {line}" for line in textwrap.dedent(options).strip().splitlines()],
    ]
    if extra:
        lines.append(textwrap.dedent(extra).strip())
    return "\n".join(lines) + "\n"


@dataclass
class Built:
    root: Path
    site: Path
    log: str

    def html(self, address: str) -> BeautifulSoup:
        path = self.site / address.strip("/") / "index.html" if not address.endswith(".html") else self.site / address
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def text(self, address: str) -> str:
        return (self.site / address).read_text(encoding="utf-8")

    def main(self, address: str):
        return self.html(address).select_one("article.md-content__inner")

    def all_output(self) -> str:
        """Every text file of the built site, concatenated (HTML, XML, JSON, ICS, search index)."""
        parts = []
        for path in sorted(self.site.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".xml", ".json", ".ics", ".txt"):
                parts.append(path.read_text(encoding="utf-8", errors="replace"))
        return "\n".join(parts)


class BuildFailed(Exception):
    def __init__(self, log: str):
        super().__init__(log)
        self.log = log


def build_site(root: Path, strict: bool = False, site_dir: Path | None = None, command: str = "build") -> Built:
    """Build a handbook in-process, as `mkdocs build` does, and return its output and log.
    command="serve" builds it as the preview of `mkdocs serve` does (once, without serving)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = site_dir or root / "site"
    handler = _Capture()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        config = load_config(config_file=str(root / "mkdocs.yml"), site_dir=str(site), strict=strict)
        config.plugins.on_startup(command="build", dirty=False)  # as `mkdocs build` does
        try:
            config.plugins.on_startup(command=command, dirty=False)
            build(config, serve_url="http://127.0.0.1:8000/" if command == "serve" else None)
        except SystemExit:
            raise BuildFailed(handler.text()) from None
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    return Built(root, site, handler.text())


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(logging.INFO)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(f"{record.levelname}: {record.getMessage()}")

    def text(self) -> str:
        return "\n".join(self.records)


# --------------------------------------------------------------------------- test tiers

TIERS = ("unit", "build", "browser", "pipeline", "engines", "bench")  # registered in pyproject.toml; `make test-fast` leaves out the last four


def tiers_of(item) -> list[str]:
    return [mark.name for mark in item.iter_markers() if mark.name in TIERS]


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: every collected test is checked
def pytest_collection_modifyitems(config, items):
    wrong = [f"{item.nodeid}: {', '.join(tiers) or 'none'}" for item in items if len(tiers := tiers_of(item)) != 1]
    if wrong:
        raise pytest.UsageError(
            f"every test needs exactly one tier marker ({', '.join(TIERS)}); "
            "use a module-level `pytestmark = pytest.mark.<tier>` or a decorator:\n  " + "\n  ".join(wrong)
        )


_running: list = [None]  # the test being run, for the guard below


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _running[0] = item
    yield
    _running[0] = None


@pytest.fixture(scope="session", autouse=True)
def _unit_tests_build_no_site():
    """A test marked `unit` that builds a site with MkDocs (in this process) fails: mark it `build`."""
    import mkdocs.commands.build as mkdocs_build

    original = mkdocs_build.build

    def guarded(*args, **kwargs):
        item = _running[0]
        if item is not None and tiers_of(item) == ["unit"]:
            pytest.fail(f"{item.nodeid} is marked unit but builds a site with MkDocs: mark it build", pytrace=False)
        return original(*args, **kwargs)

    mkdocs_build.build = guarded
    yield
    mkdocs_build.build = original


@pytest.fixture
def handbook(tmp_path):
    """Write files into a new handbook folder and build it: handbook(files, options=...)."""

    def make(files: dict[str, str | bytes], options: str = "", site_url="https://cop.example.org/", strict=True, extra=""):
        write(tmp_path, {"mkdocs.yml": mkdocs_yml(options, site_url, extra), **{f"content/{k}": v for k, v in files.items()}})
        return build_site(tmp_path, strict=strict)

    return make


@pytest.fixture
def today():
    return dt.date(2025, 11, 1)
