"""Build tier: "Post a highlight" (the button, the post page and its hand-offs without JavaScript), and "Edit this page"."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from .conftest import build_site, charter, write
from .test_cli import run

pytestmark = pytest.mark.build

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
    "communities/readers/index.md": charter(extra="facilitators: [Ana Silva, Ben Okafor]\ncontact: mailto:ana@school.example\n"),
    "communities/readers/files/agenda.pdf": "pdf",
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


def fallback_link(built, text):
    """A hand-off of the post page without JavaScript, by its words."""
    page = built.html("communities/readers/post/")
    return next(a for a in page.select("[data-copsite-post-fallback] a") if a.get_text() == text)


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
def test_the_button_opens_the_communitys_post_page(tmp_path, address):
    built = make(tmp_path, "https://github.com/lakeside/handbook")
    assert button(built, address)["href"] in ("post/", "../post/")
    page = built.html("communities/readers/post/")
    assert page.h1.get_text() == "Post a highlight" and page.title.get_text().startswith("Post a highlight · Readers")
    assert not built.html(address).select("textarea")  # the file's text is shown on the post page only


def test_the_form_is_made_from_the_highlights_model(tmp_path):
    from copsite.content.compose import highlight_spec

    built = make(tmp_path, "https://github.com/lakeside/handbook")
    form = built.html("communities/readers/post/").select_one("form[data-copsite-postform]")
    names = [el.get("name") for el in form.select("[name]") if el.get("name") != "handoff"]
    assert names == ["title", "date", "session", "kind", "attendance", "responses", "summary", "body", "authors", "legacy", "draft"]
    assert {f.name for f in highlight_spec()} - set(names) == {"resources"}  # rows, read by row
    title, date, count = form.select_one("[name=title]"), form.select_one("[name=date]"), form.select_one("[name=attendance]")
    assert title.has_attr("required") and title["pattern"].startswith("[^") and date["type"] == "date" and date.has_attr("required")
    assert date["max"] == "8999-12-31" and count["type"] == "number" and count["min"] == "0"
    kinds = [(o["value"], o.get_text()) for o in form.select("[name=kind] option")]
    assert kinds[0] == ("meeting", "Meeting") and ("success-story", "Success story") in kinds
    sessions = [(o["value"], o.get_text()) for o in form.select("[name=session] option")]
    assert sessions == [("", "None of the plan's sessions"), ("2025-11-01", "Sat, Nov 1, 2025 · Reading circles"), ("2025-12-10", "Wed, Dec 10, 2025 · later")]
    assert form.select_one("[name=authors]").get_text() == "Ana Silva\nBen Okafor"
    row = form.select_one("template[data-copsite-row]").decode_contents()
    for key in ('data-name="title"', 'data-name="url"', 'data-name="file"', 'data-name="kind"', 'list="post-files-readers"'):
        assert key in row
    assert [o["value"] for o in form.select("datalist option")] == ["files/agenda.pdf"]
    for field in form.select("[name]:not([name=handoff])"):
        assert form.select_one(f"label[for={field['id']}]") is not None, field["id"]


def test_without_publish_members_no_author_is_prefilled(tmp_path):
    built = make(tmp_path, "https://github.com/lakeside/handbook", today="2025-11-05", publish_members=False)
    page = built.html("communities/readers/post/")
    assert page.select_one("[name=authors]").get_text() == "" and "Ana Silva" not in str(page)


def test_without_javascript_github_gets_the_outline_in_its_new_file_page_and_it_passes_check(tmp_path):
    built = make(tmp_path, "https://github.com/lakeside/handbook", edit_uri="edit/trunk/content/")
    parts, query = decoded(fallback_link(built, "Continue on GitHub")["href"])
    assert (parts.scheme, parts.netloc) == ("https", "github.com")
    assert parts.path == "/lakeside/handbook/new/trunk/content/communities/readers/highlights"
    assert query["filename"] == "2025-11-01-highlight.md"
    text = query["value"]
    assert "date: 2025-11-01\n" in text and "session: 2025-11-01\n" in text and '  - "Ana Silva"\n  - "Ben Okafor"\n' in text
    for part in ("What happened", "What we decided", "What comes next"):
        assert f"## {part}" in text
    mail = fallback_link(built, "Email it to the facilitators")["href"]
    assert mail.startswith("mailto:ana@school.example?subject=") and decoded(mail)[1]["body"] == text
    check = save_and_check(tmp_path, parts.path, query["filename"], text)
    assert "0 errors, 0 warnings" in check.stdout


def test_gitlab_shows_the_text_to_copy_on_the_post_page_only(tmp_path):
    built = make(tmp_path, "https://gitlab.com/district/cop/handbook", edit_uri="-/edit/main/content/")
    parts, query = decoded(fallback_link(built, "Continue on GitLab")["href"])
    assert parts.netloc == "gitlab.com" and parts.path == "/district/cop/handbook/-/new/main/content/communities/readers/highlights"
    assert query["file_name"] == "2025-11-01-highlight.md"
    box = built.html("communities/readers/post/").select_one("[data-copsite-post-fallback] textarea")
    assert box.get_text() == query["content"]
    for address in ("communities/readers/", "communities/readers/highlights/"):
        assert not built.html(address).select("textarea"), address
    assert "0 errors, 0 warnings" in save_and_check(tmp_path, parts.path, query["file_name"], box.get_text()).stdout


def test_without_repo_url_the_post_page_offers_email_and_download(tmp_path):
    built = make(tmp_path, None)
    assert button(built, "communities/readers/")["href"] == "post/"
    page = built.html("communities/readers/post/")
    assert [a.get_text() for a in page.select("[data-copsite-post-fallback] a")] == ["Email it to the facilitators", "Download the file"]
    assert [b.get_text() for b in page.select("form button[type=submit]")] == ["Email it to the facilitators", "Download the file", "Copy the text"]
    for address in ("", "communities/readers/", "communities/readers/plan/"):
        assert built.html(address).select_one("a[rel=edit]") is None, address


def test_an_authors_post_md_is_refused_as_the_post_pages_address(tmp_path):
    write(tmp_path, {"content/communities/readers/post.md": "---\ntitle: Post\n---\nx\n"})
    make_check = None
    try:
        make(tmp_path, None)
    except Exception as err:  # noqa: BLE001 - the build fails; copsite check says why
        make_check = err
    assert make_check is not None
    result = run("check", cwd=tmp_path, expect=1)
    assert "'post.md' is a name copsite keeps for a page it makes in each community" in result.stdout


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


def test_a_gitlab_of_ones_own_gets_the_button_from_the_edit_uri_init_writes(tmp_path):
    built = make(tmp_path, "https://git.school.example/cop/handbook", edit_uri="-/edit/main/content/")
    parts, _ = decoded(fallback_link(built, "Continue on GitLab")["href"])
    assert parts.netloc == "git.school.example" and "/-/new/main/content/communities/readers/highlights" in parts.path
    edit = built.html("communities/readers/plan/").select_one("a[rel=edit]")["href"]
    assert edit == "https://git.school.example/cop/handbook/-/edit/main/content/communities/readers/plan.md"


def test_copsite_status_says_where_to_post_a_highlight(tmp_path):
    make(tmp_path, "https://github.com/lakeside/handbook")
    status = run("status", cwd=tmp_path)
    assert "open its community's post page: https://cop.example.org/communities/readers/post/" in status.stdout
