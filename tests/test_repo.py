"""Unit tier: the repository behind repo_url and edit_uri (copsite.model.repo)."""

import pytest

from copsite.model.repo import parse_repo_url

pytestmark = pytest.mark.unit


def test_github_repository_with_branch_and_docs_folder_from_edit_uri():
    r = parse_repo_url("https://github.com/lakeside/handbook.git", "edit/trunk/content/")
    assert (r.kind, r.path, r.branch, r.docs_path) == ("github", "lakeside/handbook", "trunk", "content")
    assert r.edit_url("communities/x/plan.md") == "https://github.com/lakeside/handbook/edit/trunk/content/communities/x/plan.md"
    assert r.new_file_base("communities/x/highlights") == "https://github.com/lakeside/handbook/new/trunk/content/communities/x/highlights"
    assert r.pages_url == "https://lakeside.github.io/handbook/"


def test_gitlab_subgroups_and_its_own_address_forms():
    r = parse_repo_url("https://gitlab.com/district/cop/handbook/", "-/edit/main/content/")
    assert (r.kind, r.path, r.branch) == ("gitlab", "district/cop/handbook", "main")
    assert r.edit_url("index.md") == "https://gitlab.com/district/cop/handbook/-/edit/main/content/index.md"
    assert r.new_file_base("communities/a/highlights").startswith("https://gitlab.com/district/cop/handbook/-/new/main/")
    assert r.pages_url == "https://district.gitlab.io/cop/handbook/"


def test_self_hosted_hosts_need_their_kind():
    assert parse_repo_url("https://git.school.example/cop/handbook") is None
    r = parse_repo_url("https://git.school.example/cop/handbook", kind="gitea")
    assert r.new_file_base("communities") == "https://git.school.example/cop/handbook/_new/main/content/communities"
    assert r.pages_url is None


@pytest.mark.parametrize("url", [None, "", "github.com/a/b", "https://github.com/only-owner", "ftp://github.com/a/b"])
def test_no_repository_for_what_is_not_one(url):
    assert parse_repo_url(url) is None


def test_mkdocs_default_edit_uri_does_not_send_edits_to_a_docs_folder_the_handbook_lacks():
    # MkDocs fills edit_uri with edit/master/docs/ for github.com; a copsite handbook keeps content/.
    r = parse_repo_url("https://github.com/lakeside/handbook", "edit/master/docs/", docs_dir="content")
    assert r.edit_url("index.md") == "https://github.com/lakeside/handbook/edit/main/content/index.md"
    # written on purpose for a handbook whose docs folder is docs/: kept
    r = parse_repo_url("https://github.com/lakeside/handbook", "edit/master/docs/", docs_dir="docs")
    assert r.edit_url("index.md") == "https://github.com/lakeside/handbook/edit/master/docs/index.md"
    # a handbook in a subfolder of its repository, written explicitly
    r = parse_repo_url("https://gitlab.com/d/h", "-/edit/trunk/site/content/", docs_dir="content")
    assert r.edit_url("a.md") == "https://gitlab.com/d/h/-/edit/trunk/site/content/a.md"


def test_absolute_edit_uri_and_the_edit_uri_init_writes():
    from copsite.model.repo import edit_uri_for

    r = parse_repo_url("https://github.com/o/r", "https://github.com/o/r/edit/dev/content/")
    assert (r.branch, r.docs_path) == ("dev", "content")
    for kind, url in (("github", "https://github.com/o/r"), ("gitlab", "https://gitlab.com/o/r")):
        r = parse_repo_url(url, edit_uri_for(kind, "trunk", "content"))
        assert (r.branch, r.docs_path) == ("trunk", "content")


def test_a_gitlab_of_ones_own_is_known_by_the_edit_uri_init_writes():
    r = parse_repo_url("https://git.school.example/cop/handbook", "-/edit/main/content/")
    assert r.kind == "gitlab" and r.new_file_base("x").startswith("https://git.school.example/cop/handbook/-/new/main/content/")
    assert parse_repo_url("https://git.school.example/cop/handbook", "_edit/main/content/").kind == "gitea"
    assert parse_repo_url("https://git.school.example/cop/handbook", "edit/main/content/") is None
