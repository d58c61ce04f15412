"""Addresses of the site's pages, computed as MkDocs computes them.

Generated HTML (inside raw HTML blocks, which MkDocs does not rewrite) needs
final, relative addresses; this is the one place that knows how a source path
becomes an address, with or without ``use_directory_urls``.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote


def page_url(src: str, directory_urls: bool = True) -> str:
    """Site-root-relative address of a Markdown source path: 'communities/x/plan.md' -> 'communities/x/plan/'."""
    if not src.endswith(".md"):
        return src
    stem = src[:-3]
    base = posixpath.basename(stem)
    if base in ("index", "README"):
        parent = posixpath.dirname(stem)
        if directory_urls:
            return parent + "/" if parent else ""
        return (parent + "/" if parent else "") + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


@lru_cache(maxsize=65536)
def relative(from_src: str, to: str, directory_urls: bool = True) -> str:
    """The address of `to` (a source path or a published file) as seen from the page of `from_src`.

    Both are paths inside the site, so this is string work (posixpath.relpath would
    consult the working directory on every call, and this runs for every link).
    """
    here = page_url(from_src, directory_urls)
    target = page_url(to, directory_urls)
    here_parts = [p for p in (here if here.endswith("/") or not here else posixpath.dirname(here)).split("/") if p]
    is_dir = target == "" or target.endswith("/")
    target_parts = [p for p in target.split("/") if p]
    common = 0
    for a, b in zip(here_parts, target_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(here_parts) - common) + target_parts[common:]
    rel = "/".join(parts)
    if is_dir:
        rel = rel + "/" if rel else "./"
    return quote(rel, safe="/.-_~")


def absolute(site_url: str, to: str, directory_urls: bool = True) -> str:
    return site_url.rstrip("/") + "/" + quote(page_url(to, directory_urls), safe="/.-_~")
