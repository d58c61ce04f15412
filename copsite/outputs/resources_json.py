"""`resources.json`: the resource bank as data, for other tools (version 1).

Addresses are absolute when `site_url` is set, else relative to resources.json (which is at
the site's root), so that they work on a site served under a sub-path too.
Names (`added_by`) only when `publish_members` is on.
"""

from __future__ import annotations

import json

from copsite.model import urls, views
from copsite.model.options import Options


def resources_json(bank: list[views.BankEntry], options: Options) -> str:
    du = options.use_directory_urls
    site = options.site_url

    def address(src: str) -> str:
        return urls.absolute(site, src, du) if site else urls.relative("resources.json", src, du)

    out = []
    for e in bank:
        item = {
            "title": e.title,
            "kind": e.kind,
            "url": e.url,
            "file": address(e.file) if e.file else None,
            "topics": e.topics,
            "description": e.description,
            "added": e.added.isoformat() if e.added else None,
            "sources": [
                {
                    "community": s.community.slug,
                    "community_title": s.community.title,
                    "community_url": address(s.community.charter_doc.path),
                    "highlight": s.highlight.name if s.highlight else None,
                    "highlight_title": s.highlight.meta.title if s.highlight else None,
                    "highlight_url": address(s.highlight.path) if s.highlight else None,
                }
                for s in e.sources
            ],
        }
        if options.publish_members:
            item["added_by"] = e.added_by
        out.append(item)
    return json.dumps({"version": 1, "resources": out}, ensure_ascii=False, indent=1) + "\n"
