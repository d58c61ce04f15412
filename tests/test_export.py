"""`copsite export`: a complete, deterministic site source that needs no copsite (build tier)."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
import yaml

from copsite.engine.export import Tagged, dump_config, read_config

from .conftest import ROOT, build_site, charter, mkdocs_yml, write
from .test_cli import run

PLAN = """\
---
sessions:
  - date: 2025-12-03
    title: Reading circles
    topics: [reading]
---
"""

HIGHLIGHT = """\
---
title: {title}
date: {date}
{extra}---
We met.
"""


def small(tmp_path, extra_files=None, config_extra=""):
    files = {
        "index.md": "---\ntitle: Our handbook\n---\nWelcome.\n",
        "communities/index.md": "---\ntitle: Communities\n---\nAll of them.\n",
        "communities/readers/index.md": charter("Readers & Writers"),
        "communities/readers/plan.md": PLAN,
        "communities/readers/highlights/2025-10-15-launch.md": HIGHLIGHT.format(title="Launch", date="2025-10-15", extra=""),
        "communities/readers/highlights/2025-10-16-notes.md": HIGHLIGHT.format(title="Secret notes", date="2025-10-16", extra="draft: true\n"),
        "communities/readers/files/guide.pdf": b"%PDF-1.4 a guide\n",
        "images/logo.png": b"\x89PNG not really\n",
        ".hidden/secret.txt": "not published\n",
        **(extra_files or {}),
    }
    write(tmp_path, {"mkdocs.yml": mkdocs_yml(extra=config_extra), **{f"content/{k}": v for k, v in files.items()}})
    return tmp_path


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.unit
def test_export_has_every_page_static_and_attachment_and_no_draft(tmp_path):
    hb = small(tmp_path / "hb")
    out = tmp_path / "out"
    result = run("export", str(out), cwd=hb)
    assert "Exported" in result.stdout
    files = tree(out)
    for rel in (
        "docs/index.md", "docs/communities/index.md", "docs/communities/readers/index.md",
        "docs/communities/readers/plan.md", "docs/communities/readers/highlights/index.md",
        "docs/communities/readers/highlights/2025-10-15-launch.md", "docs/highlights.md", "docs/resources.md",
        "docs/calendar.md", "docs/legacy.md", "docs/feed.xml", "docs/communities/readers/feed.xml",
        "docs/calendar.ics", "docs/communities/readers/calendar.ics", "docs/resources.json",
        "docs/assets/copsite/copsite.css", "docs/assets/copsite/copsite.js", "docs/assets/copsite/post.js",
        "docs/communities/readers/post.md",
    ):
        assert rel in files, rel
    assert files["docs/communities/readers/files/guide.pdf"] == b"%PDF-1.4 a guide\n"
    assert files["docs/images/logo.png"] == b"\x89PNG not really\n"
    assert not any("notes" in rel or ".hidden" in rel for rel in files)
    assert b"Secret notes" not in b"".join(files.values())
    # The page is Markdown with the theme's front matter, its title escaped as the plugin escapes it.
    home = files["docs/communities/readers/index.md"].decode()
    assert home.startswith("---\ntitle: Readers &amp; Writers\n---\n")
    config = yaml.safe_load(files["mkdocs.yml"])
    assert config["docs_dir"] == "docs"
    assert config["plugins"] == ["search"]
    assert "assets/copsite/copsite.css" in config["extra_css"] and "assets/copsite/copsite.js" in config["extra_javascript"]
    # the post page's form works in the export too: its script is there and every page loads it
    assert "assets/copsite/post.js" in config["extra_javascript"]
    assert files["docs/assets/copsite/post.js"] == (ROOT / "copsite/assets/post.js").read_bytes()
    communities = config["nav"][1]["Communities"]
    assert communities[1] == {"Readers &amp; Writers": [
        {"Readers &amp; Writers": "communities/readers/index.md"},
        {"Collaborative plan": "communities/readers/plan.md"},
        {"Highlights": "communities/readers/highlights/index.md"},
        {"Report": "communities/readers/report.md"},
    ]}
    # a highlight is reached from its community's list; the post page from the "Post a highlight" button
    assert config["not_in_nav"] == "/communities/readers/highlights/2025-10-15-launch.md\n/communities/readers/post.md\n"


@pytest.mark.build
def test_export_builds_without_copsite_into_the_same_pages(tmp_path):
    hb = small(tmp_path / "hb")
    out = tmp_path / "out"
    run("export", str(out), cwd=hb)
    config = (out / "mkdocs.yml").read_text()
    assert "copsite" not in yaml.safe_load(config)["plugins"]
    built = build_site(out, strict=True)  # plain MkDocs: no copsite in the config
    plugin = build_site(hb, strict=True)
    for address in ("communities/readers/", "communities/readers/plan/", "communities/readers/highlights/2025-10-15-launch/"):
        assert built.main(address).get_text() == plugin.main(address).get_text()
        assert built.html(address).title.get_text() == plugin.html(address).title.get_text()
    assert (built.site / "communities/readers/files/guide.pdf").is_file()
    assert not (built.site / "communities/readers/highlights/2025-10-16-notes").exists()


@pytest.mark.unit
def test_two_exports_are_byte_identical(tmp_path):
    hb = small(tmp_path / "hb")
    run("export", str(tmp_path / "one"), cwd=hb)
    run("export", str(tmp_path / "two"), cwd=hb)
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one == two and len(one) >= 20


@pytest.mark.unit
def test_a_non_empty_folder_is_refused_without_force_and_replaced_with_it(tmp_path):
    hb = small(tmp_path / "hb")
    out = tmp_path / "out"
    write(out, {"notes.txt": "mine\n", ".git/HEAD": "ref: refs/heads/main\n", "docs/stale.md": "old page\n"})
    refused = run("export", str(out), cwd=hb, expect=2)
    assert "is not empty" in refused.stderr and "--force" in refused.stderr
    assert (out / "notes.txt").read_text() == "mine\n" and not (out / "mkdocs.yml").exists()
    run("export", str(out), "--force", cwd=hb)
    assert (out / "mkdocs.yml").is_file() and not (out / "notes.txt").exists() and not (out / "docs/stale.md").exists()
    assert (out / ".git/HEAD").read_text() == "ref: refs/heads/main\n"  # a committed export keeps its history
    run("export", str(tmp_path / "fresh"), cwd=hb)
    assert {k: v for k, v in tree(out).items() if not k.startswith(".git/")} == tree(tmp_path / "fresh")
    # An empty folder needs no --force; the handbook's own folders are never a target.
    (tmp_path / "empty").mkdir()
    run("export", str(tmp_path / "empty"), cwd=hb)
    assert "holds the handbook" in run("export", ".", "--force", cwd=hb, expect=2).stderr
    assert "docs folder" in run("export", "content/out", cwd=hb, expect=2).stderr


@pytest.mark.unit
def test_a_handbook_with_errors_is_refused_with_checks_messages(tmp_path):
    hb = small(tmp_path / "hb", {"communities/bad/index.md": "---\ntitle: Bad\npurpose: {audience: a}\n---\n",
                                 "communities/readers/plan.md": PLAN.replace("2025-12-03", "2025-12-3")})
    check = run("check", cwd=hb, expect=1)
    exported = run("export", str(tmp_path / "out"), cwd=hb, expect=1)
    problems = [line for line in check.stdout.splitlines() if line.startswith(("error: ", "warning: "))]
    assert len(problems) >= 2
    assert [line for line in exported.stdout.splitlines() if line.startswith(("error: ", "warning: "))] == problems
    assert "not exported" in exported.stdout
    assert not (tmp_path / "out").exists()


@pytest.mark.build
def test_tags_env_and_python_names_in_mkdocs_yml_are_kept_not_run(tmp_path, monkeypatch):
    extra = """\
    markdown_extensions:
      - pymdownx.emoji:
          emoji_index: !!python/name:material.extensions.emoji.twemoji
          emoji_generator: !!python/name:material.extensions.emoji.to_svg
    extra:
      analytics_id: !ENV [HANDBOOK_ANALYTICS, "none"]
    """
    hb = small(tmp_path / "hb", config_extra=extra)
    config = read_config(hb / "mkdocs.yml")
    assert config["extra"]["analytics_id"] == Tagged("!ENV", ["HANDBOOK_ANALYTICS", "none"])
    out = tmp_path / "out"
    run("export", str(out), cwd=hb)
    text = (out / "mkdocs.yml").read_text()
    assert "!!python/name:material.extensions.emoji.twemoji" in text and "!ENV" in text
    assert read_config(out / "mkdocs.yml")["markdown_extensions"] == config["markdown_extensions"]
    monkeypatch.setenv("HANDBOOK_ANALYTICS", "G-123")
    built = build_site(out, strict=True)  # MkDocs resolves the tags as it would have in the handbook
    assert built.html("communities/readers/").title is not None
    assert dump_config({"a": Tagged("!ENV", "X")}) == "a: !ENV 'X'\n"


@pytest.mark.build
def test_custom_dir_and_inherit_are_carried_over(tmp_path):
    hb = tmp_path / "hb"
    small(hb)
    write(hb, {
        "overrides/main.html": '{% extends "base.html" %}\n{% block announce %}Our banner{% endblock %}\n',
        "scripts/sign.py": 'def on_page_markdown(markdown, **kwargs):\n    return markdown + "\\n\\nSigned by our hook.\\n"\n',
    })
    base = (hb / "mkdocs.yml").read_text().replace("  font: false\n", "  font: false\n  custom_dir: overrides\n") + "hooks: [scripts/sign.py]\n"
    (hb / "base.yml").write_text(base)
    (hb / "mkdocs.yml").write_text("INHERIT: base.yml\nsite_name: Inherited name\n")
    out = tmp_path / "out"
    run("export", str(out), cwd=hb)
    config = yaml.safe_load((out / "mkdocs.yml").read_text())
    assert config["site_name"] == "Inherited name" and config["theme"]["custom_dir"] == "overrides"
    assert "INHERIT" not in config and config["hooks"] == ["hooks/sign.py"]
    built = build_site(out, strict=True)
    assert "Our banner" in built.html("communities/readers/").get_text()
    assert "Signed by our hook." in built.main("communities/readers/").get_text()


@pytest.mark.unit
def test_a_page_too_long_for_zensicals_search_is_left_out_of_search(tmp_path):
    from copsite.engine.export import SEARCH_WORDS

    long_page = "---\ntitle: Everything\n---\n" + "<p>word</p> " * (SEARCH_WORDS + 10) + "\n"
    hb = small(tmp_path / "hb", {"everything.md": long_page, "about.md": "---\ntitle: About\n---\nShort.\n"})
    out = tmp_path / "out"
    run("export", str(out), cwd=hb)
    head = yaml.safe_load((out / "docs/everything.md").read_text().split("---", 2)[1])
    assert head == {"title": "Everything", "search": {"exclude": True}}
    assert "search" not in yaml.safe_load((out / "docs/about.md").read_text().split("---", 2)[1])


@pytest.mark.build
def test_the_export_of_a_pdf_handbook_links_no_pdf_it_does_not_hold(tmp_path):
    hb = small(tmp_path / "hb")
    (hb / "mkdocs.yml").write_text(mkdocs_yml("pdf: true"))
    out = tmp_path / "out"
    run("export", str(out), cwd=hb)
    files = tree(out)
    assert not any(rel.endswith("report.pdf") for rel in files)  # PDFs are printed from a built site
    for rel in ("docs/report.md", "docs/communities/readers/report.md"):
        assert "report.pdf" not in files[rel].decode() and "Download as PDF" not in files[rel].decode(), rel
    built = build_site(out, strict=True)
    for address in ("report/", "communities/readers/report/"):
        assert built.main(address).select("a[href$='.pdf']") == [], address


# ------------------------------------------------------------------ --force into a mount point (issue 22)

OLD = {"mkdocs.yml": "old config\n", "docs/index.md": "old page\n", "docs/gone.md": "old only\n", ".git/HEAD": "ref: refs/heads/main\n"}
NEW = {"mkdocs.yml": b"new config\n", "docs/index.md": b"new page\n", "overrides/main.html": b"new partial\n"}


def _as_mount_point(monkeypatch, out):
    """`out` behaves as a mount point: nothing is renamed across its edge (EXDEV), and it can
    itself be neither renamed nor removed (EBUSY), as a USB stick's root or a container volume."""
    import errno
    import os

    edge = os.path.realpath(out)
    real_rename, real_replace, real_rmdir = os.rename, os.replace, os.rmdir

    def inside(path) -> bool:
        path = os.path.realpath(os.fspath(path))
        return path == edge or path.startswith(edge + os.sep)

    def guarded(real):
        def move(src, dst, *args, **kwargs):
            if os.path.realpath(os.fspath(src)) == edge or os.path.realpath(os.fspath(dst)) == edge:
                raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), os.fspath(src))
            if inside(src) != inside(dst):
                raise OSError(errno.EXDEV, os.strerror(errno.EXDEV), os.fspath(src))
            return real(src, dst, *args, **kwargs)

        return move

    def rmdir(path, *args, **kwargs):
        if kwargs.get("dir_fd") is None and os.path.realpath(os.fspath(path)) == edge:
            raise OSError(errno.EBUSY, os.strerror(errno.EBUSY), os.fspath(path))
        return real_rmdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "rename", guarded(real_rename))
    monkeypatch.setattr(os, "replace", guarded(real_replace))
    monkeypatch.setattr(os, "rmdir", rmdir)


@pytest.mark.unit
def test_force_replaces_the_content_of_a_mount_point(tmp_path, monkeypatch):
    from copsite.engine.export import write_export

    out = tmp_path / "stick"
    write(out, OLD)
    _as_mount_point(monkeypatch, out)
    write_export(out, NEW, force=True, protect=(tmp_path / "hb", tmp_path / "hb" / "docs"))
    assert tree(out) == {**NEW, ".git/HEAD": b"ref: refs/heads/main\n"}  # nothing left aside, nothing staged


@pytest.mark.unit
def test_a_force_export_that_fails_keeps_the_previous_export(tmp_path, monkeypatch):
    import errno
    import shutil
    from pathlib import Path

    import pytest

    from copsite.engine import export

    out = tmp_path / "stick"
    write(out, OLD)
    before = tree(out)
    protect = (tmp_path / "hb", tmp_path / "hb" / "docs")
    real_write = Path.write_bytes

    def full_disk(self, data):
        if self.name == "main.html":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(export.ExportError, match="cannot be written: No space left on device"):
        export.write_export(out, NEW, force=True, protect=protect)
    assert tree(out) == before
    monkeypatch.undo()
    real_move = shutil.move

    def fails_on_the_last_new_entry(src, dst):
        if ".copsite-export-" in str(src) and Path(dst).name == "overrides":
            raise OSError(errno.EIO, "Input/output error")
        return real_move(src, dst)

    monkeypatch.setattr(shutil, "move", fails_on_the_last_new_entry)
    with pytest.raises(export.ExportError, match="cannot be written"):
        export.write_export(out, NEW, force=True, protect=protect)
    assert tree(out) == before
