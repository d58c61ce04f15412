"""What every site copsite makes carries besides its pages, for both engine adapters.

The MkDocs plugin (`copsite.engine.plugin`) and the plain-source export
(`copsite.engine.export`) add the same assets, the same Material partials and
escape the same front-matter texts: they take them from here. Engine-free.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

ASSETS = Path(__file__).parent.parent / "assets"
"""copsite's stylesheet and scripts (copsite/assets/)."""
OVERRIDES = Path(__file__).parent.parent / "overrides"
"""Theme partials copsite replaces, between the handbook's custom_dir and Material's own."""
CSS = "assets/copsite/copsite.css"
JS = "assets/copsite/copsite.js"
POST_JS = "assets/copsite/post.js"
SCRIPTS = (JS, POST_JS)
"""Where each lands in the built site (and in the export's docs folder)."""

TEXT_META = ("title", "description", "subtitle", "status", "icon")
"""The page keys MkDocs and Material insert as markup: copsite hands them over escaped."""


def escape_meta(meta: dict) -> dict:
    """A page's meta with every text the theme inserts as markup escaped (titles are text, never markup)."""
    out = dict(meta)
    for key in TEXT_META:
        if isinstance(out.get(key), str):
            out[key] = str(escape(out[key]))
    if isinstance(out.get("tags"), list):
        out["tags"] = [str(escape(t)) for t in out["tags"]]
    return out
