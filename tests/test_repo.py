"""Unit tier: the repository behind repo_url and edit_uri (copsite.repo)."""

import pytest

from copsite.repo import parse_repo_url


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
