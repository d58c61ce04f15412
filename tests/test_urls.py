"""Unit tier: addresses computed as MkDocs computes them, with and without directory URLs."""

import pytest

from copsite.model.urls import absolute, page_url, relative

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    "src, directory, flat",
    [
        ("index.md", "", "index.html"),
        ("communities/a/index.md", "communities/a/", "communities/a/index.html"),
        ("communities/a/plan.md", "communities/a/plan/", "communities/a/plan.html"),
        ("feed.xml", "feed.xml", "feed.xml"),
    ],
)
def test_page_url(src, directory, flat):
    assert page_url(src, True) == directory
    assert page_url(src, False) == flat


@pytest.mark.parametrize(
    "here, to, directory, flat",
    [
        ("communities/a/index.md", "communities/a/plan.md", "plan/", "plan.html"),
        ("communities/a/plan.md", "communities/a/index.md", "../", "index.html"),
        ("index.md", "feed.xml", "feed.xml", "feed.xml"),
        ("index.md", "index.md", "./", "index.html"),
        ("communities/a/index.md", "index.md", "../../", "../../index.html"),
        ("communities/a/highlights/x.md", "communities/a/files/f.pdf", "../../files/f.pdf", "../files/f.pdf"),
        ("resources.md", "communities/a/files/my file.pdf", "../communities/a/files/my%20file.pdf", "communities/a/files/my%20file.pdf"),
    ],
)
def test_relative(here, to, directory, flat):
    assert relative(here, to, True) == directory
    assert relative(here, to, False) == flat


def test_absolute():
    assert absolute("https://x.org/hb/", "communities/a/plan.md") == "https://x.org/hb/communities/a/plan/"
