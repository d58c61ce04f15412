"""Build tier: "Post a highlight" from the browser, and "Edit this page" on the pages authors wrote."""

from __future__ import annotations

import textwrap
from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import build_site, charter, write
from .test_cli import run

PLAN = """\
---
sessions:
  - {date: 2025-11-01, title: Reading circles, topics: [circles]}
  - {date: 2025-12-10, topics: [later]}
---
"""

FILES = {
    "index.md": "---\ntitle: Home\n---\nWelcome.\n",
    "about.md": "---\ntitle: About\n---\nWho we are.\n",
    "communities/readers/index.md": charter(extra="facilitators: [Ana Silva, Ben Okafor]\n"),
    "communities/readers/plan.md": PLAN,
    "communities/readers/norms.md": "---\nnorms:\n  - text: We listen.\n---\n",
    "communities/readers/highlights/2025-10-01-start.md": "---\ntitle: Start\n---\nWe started.\n",
}


def make(root, repo: str | None, *, today="2025-11-01", publish_members=True, edit_uri: str | None = None, docs_dir="content"):
    lines = [
        "site_name: Test handbook",
        "site_url: https://cop.example.org/",
        f"docs_dir: {docs_dir}",
        *([f"repo_url: {repo}"] if repo else []),
        *([f"edit_uri: {edit_uri}"] if edit_uri is not None else []),
        "theme:",
        "  name: material",
        "  font: false",
        "  features: [navigation.indexes, content.action.edit]",
        "plugins:",
        "  - search",
        "  - copsite:",
        f"      today: {today}",
        f"      publish_members: {'true' if publish_members else 'false'}",
        "      editor: false",  # the host's file editor; with the browser editor on, see tests/test_editor.py
    ]
    write(root, {"mkdocs.yml": "\n".join(lines) + "\n", **{f"{docs_dir}/{k}": v for k, v in FILES.items()}})
    return build_site(root, strict=True)


def button(built, address):
    return built.html(address).select_one("a[data-copsite-post-link]")


def decoded(href):
    parts = urlsplit(href)
    return parts, {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}


def save_and_check(root, folder_url_path: str, name: str, text: str, expect=0):
    """Save the file as the host's editor would (in the folder the URL names) and run `copsite check`."""
    repo_path = folder_url_path.split("/content/", 1)[1]
    path = root / "content" / repo_path / name
    path.write_text(text, encoding="utf-8")
    return run("check", cwd=root, expect=expect)


@pytest.mark.parametrize("address", ["communities/readers/", "communities/readers/highlights/"])
def test_github_button_opens_the_new_file_page_with_a_valid_highlight_that_passes_check(tmp_path, address):
    built = make(tmp_path, "https://github.com/lakeside/handbook", edit_uri="edit/trunk/content/")
    parts, query = decoded(button(built, address)["href"])
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    assert parts.path == "/lakeside/handbook/new/trunk/content/communities/readers/highlights"
    assert query["filename"] == "2025-11-01-highlight.md"
    text = query["value"]
    assert "date: 2025-11-01\n" in text and "session: 2025-11-01\n" in text  # the plan session of that day
    assert '  - "Ana Silva"\n  - "Ben Okafor"\n' in text
    assert "resources: []" in text and "#   - title: The article we read" in text
    assert "replace the word \"highlight\" after the date with a few words of the title" in text
    for part in ("What happened", "What we decided", "What comes next"):
        assert f"## {part}" in text
    check = save_and_check(tmp_path, parts.path, query["filename"], text)
    assert "0 errors, 0 warnings" in check.stdout
    assert "content/communities/readers/highlights/2025-11-01-highlight.md:" in check.stdout
    assert "placeholder:" in check.stdout and "still a placeholder: TO DO: a few words" in check.stdout


def test_the_button_text_is_the_outline_copsite_new_highlight_writes(tmp_path):
    built = make(tmp_path, "https://github.com/lakeside/handbook")
    _, query = decoded(button(built, "communities/readers/")["href"])
    run("new", "highlight", "readers", "--date", "2025-11-01", "--title", "Circles", cwd=tmp_path)
    cli = (tmp_path / "content/communities/readers/highlights/2025-11-01-circles.md").read_text()
    assert cli.split("\n---\n", 1)[1] == query["value"].split("\n---\n", 1)[1]  # the same body outline
    assert "resources: []" in cli


def test_a_day_without_a_session_and_publish_members_false(tmp_path):
    built = make(tmp_path, "https://github.com/lakeside/handbook", today="2025-11-05", publish_members=False)
    parts, query = decoded(button(built, "communities/readers/")["href"])
    text = query["value"]
    assert query["filename"] == "2025-11-05-highlight.md"
    assert "session:" not in text and "Ana Silva" not in text and "authors:\n" not in text
    assert "Ana Silva" not in built.html("communities/readers/highlights/").select_one(".copsite-post")["data-copsite-post"]
    assert "0 errors" in save_and_check(tmp_path, parts.path, query["filename"], text).stdout


def test_a_file_name_off_the_pattern_gets_the_existing_clear_error(tmp_path):
    built = make(tmp_path, "https://github.com/lakeside/handbook")
    parts, query = decoded(button(built, "communities/readers/")["href"])
    check = save_and_check(tmp_path, parts.path, "highlight.md", query["value"], expect=1)
    assert "a highlight's file name is its meeting date and a slug: YYYY-MM-DD-slug.md" in check.stdout


def test_gitlab_button_opens_its_new_file_page_beside_a_box_to_copy_name_and_text(tmp_path):
    built = make(tmp_path, "https://gitlab.com/district/cop/handbook", edit_uri="-/edit/main/content/")
    page = built.html("communities/readers/highlights/")
    parts, query = decoded(button(built, "communities/readers/highlights/")["href"])
    assert parts.netloc == "gitlab.com"
    assert parts.path == "/district/cop/handbook/-/new/main/content/communities/readers/highlights"
    assert query["file_name"] == "2025-11-01-highlight.md"  # older GitLab versions also fill the name and text
    box = page.select_one("textarea[data-copsite-post-text]")
    name = page.select_one("code[data-copsite-post-name]").get_text()
    assert name == "2025-11-01-highlight.md" and box.get_text() == query["content"]
    assert page.select_one("button[data-copsite-copy]") is not None
    check = save_and_check(tmp_path, parts.path, name, box.get_text())
    assert "0 errors, 0 warnings" in check.stdout


def test_edit_links_point_at_each_authors_file_and_generated_pages_have_none(tmp_path):
    # no edit_uri: MkDocs would send edits to edit/master/docs/; copsite uses the real docs folder
    built = make(tmp_path, "https://github.com/lakeside/handbook")
    base = "https://github.com/lakeside/handbook/edit/main/content/"
    authored = {
        "": "index.md",
        "about/": "about.md",
        "communities/readers/": "communities/readers/index.md",
        "communities/readers/plan/": "communities/readers/plan.md",
        "communities/readers/norms/": "communities/readers/norms.md",
        "communities/readers/highlights/2025-10-01-start/": "communities/readers/highlights/2025-10-01-start.md",
    }
    for address, src in authored.items():
        edit = built.html(address).select_one("a[rel=edit]")
        assert edit is not None and edit["href"] == base + src, address
    for address in ("resources/", "calendar/", "highlights/", "legacy/", "communities/readers/highlights/", "communities/"):
        assert built.html(address).select_one("a[rel=edit]") is None, address
    # the header's link to the repository asks no API for stars and forks
    assert not built.html("").select("[data-md-component=source]")
    assert built.html("").select_one("a.md-source")["href"] == "https://github.com/lakeside/handbook"


def test_without_repo_url_no_button_and_no_edit_link(tmp_path):
    built = make(tmp_path, None)
    for address in ("", "communities/readers/", "communities/readers/plan/", "communities/readers/highlights/"):
        page = built.html(address)
        assert page.select_one("a[rel=edit]") is None and page.select_one(".copsite-post") is None, address
    assert "Post a highlight" not in built.all_output()


def test_a_gitlab_of_ones_own_gets_the_button_from_the_edit_uri_init_writes(tmp_path):
    built = make(tmp_path, "https://git.school.example/cop/handbook", edit_uri="-/edit/main/content/")
    parts, _ = decoded(button(built, "communities/readers/")["href"])
    assert parts.netloc == "git.school.example" and "/-/new/main/content/communities/readers/highlights" in parts.path
    edit = built.html("communities/readers/plan/").select_one("a[rel=edit]")["href"]
    assert edit == "https://git.school.example/cop/handbook/-/edit/main/content/communities/readers/plan.md"
