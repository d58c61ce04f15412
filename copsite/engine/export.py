"""`copsite export`: the handbook as a plain site source that needs no copsite.

`export_site` writes, into a new folder, what copsite would publish, in the
form any engine that reads `mkdocs.yml` builds (MkDocs 1.6, ProperDocs,
Zensical), each with Material or a fork of it:

- `mkdocs.yml`: the handbook's own config (read with PyYAML, keeping `!ENV`,
  `!relative` and `!!python/name:` tags as they were written), with `docs_dir:
  docs`, the navigation written out as `nav:`, copsite removed from `plugins`,
  copsite's CSS and JavaScript added to `extra_css` / `extra_javascript`, and
  the theme's `custom_dir` (and `hooks`) copied beside it, into `overrides/`
  with copsite's own Material partials, which the handbook's files override;
- `docs/`: every page copsite builds, as Markdown with the front-matter keys
  the theme reads (text escaped, as the plugin escapes it), the feeds,
  calendars and `resources.json`, copsite's assets, and every other file of
  the docs folder that the build publishes (attachments, images); drafts and
  any Markdown file copsite does not publish stay out. A page too long for
  Zensical's search index (`SEARCH_WORDS`) is marked `search: exclude`.

The export is deterministic: the same handbook on the same day gives the same
bytes, so it can be committed and diffed. It never writes into a non-empty
folder unless told to (`force`), and then keeps the folder's dot-entries
(`.git`, `.github`): a committed export can be refreshed in place.

Nothing here imports an engine.
"""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

import yaml
from markupsafe import escape

from copsite.engine.planner import NavItem, Site
from copsite.engine.theme import ASSETS, CSS, OVERRIDES, SCRIPTS, escape_meta

"""Material partials the plugin puts between the handbook's custom_dir and Material: exported into custom_dir."""
DOCS = "docs"
_MARKDOWN = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
_DEFAULT_EXCLUDE = ".*\n/templates/\n"
SEARCH_WORDS = 60_000
"""Zensical (0.0.73) refuses to build when one page's text passes 65,536 words in its search
index; the export leaves such pages (the site-wide highlights page of a large handbook, whose
highlights each have a page of their own) out of search, on every engine alike."""


class ExportError(Exception):
    """The export cannot be written where asked (a non-empty folder, the handbook itself)."""

    def __init__(self, message: str, **values):
        from copsite.i18n import M_

        self.problem = M_(message, **values)  # a msgid of the catalogs: `copsite` writes it in the handbook's language
        super().__init__(str(self.problem))


# ------------------------------------------------------------------ mkdocs.yml, tags kept


class Tagged:
    """A YAML node with a tag copsite does not interpret (`!ENV`, `!!python/name:...`): written back as it was."""

    def __init__(self, tag: str, value):
        self.tag, self.value = tag, value

    def __eq__(self, other):
        return isinstance(other, Tagged) and (self.tag, self.value) == (other.tag, other.value)

    def __repr__(self):
        return f"Tagged({self.tag!r}, {self.value!r})"


class _Loader(yaml.SafeLoader):
    """PyYAML's safe loader that turns every unknown tag into a `Tagged` value: no code runs, nothing is lost."""


def _construct_tagged(loader, tag_suffix, node):
    tag = node.tag
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return Tagged(tag, value)


_Loader.add_multi_constructor("!", _construct_tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _construct_tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper, data: Tagged):
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


def _represent_str(dumper, data: str):
    style = "|" if "\n" in data else None  # not_in_nav's lines, as a person writes them
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(Tagged, _represent_tagged)
_Dumper.add_representer(str, _represent_str)


def _merge(base: dict, over: dict) -> dict:
    """`INHERIT:` as MkDocs merges it: mappings deep-merged, everything else replaced."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def read_config(path: str | os.PathLike) -> dict:
    """mkdocs.yml as written (tags kept as `Tagged`), with `INHERIT:` resolved."""
    path = Path(path)
    with open(path, encoding="utf-8") as f:
        config = yaml.load(f, Loader=_Loader) or {}
    if not isinstance(config, dict):
        raise ExportError("%(path)s: expected a mapping of settings", path=path)
    parent = config.pop("INHERIT", None)
    if isinstance(parent, str):
        config = _merge(read_config(path.parent / parent), config)
    return config


def dump_config(config: dict) -> str:
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000, default_flow_style=False)


def _plugin_name(entry) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        return next(iter(entry))
    return None


def _without_copsite(plugins):
    if isinstance(plugins, dict):  # the mapping form of `plugins:`
        return {k: v for k, v in plugins.items() if k != "copsite"}
    if isinstance(plugins, list):
        return [p for p in plugins if _plugin_name(p) != "copsite"]
    return plugins


def nav_yaml(items: list[NavItem]) -> list:
    """Copsite's navigation as `nav:` entries; titles escaped, as the engines insert them as markup."""
    out = []
    for item in items:
        title = str(escape(item.title))
        out.append({title: item.src if item.src is not None else nav_yaml(item.children)})
    return out


def _in_nav(items: list[NavItem]) -> set[str]:
    found = set()
    for item in items:
        if item.src is not None:
            found.add(item.src)
        found |= _in_nav(item.children)
    return found


def export_config(config: dict, site: Site, *, custom_dir: str | None, hooks: list[str]) -> dict:
    out = dict(config)
    out["docs_dir"] = DOCS
    out.pop("site_dir", None)
    if "plugins" in out:
        out["plugins"] = _without_copsite(out["plugins"])
    theme = out.get("theme")
    if isinstance(theme, str):
        theme = {"name": theme}
    if isinstance(theme, dict):
        theme = dict(theme)
        if custom_dir is not None:
            theme["custom_dir"] = custom_dir
        else:
            theme.pop("custom_dir", None)
        out["theme"] = theme
    if "hooks" in out:
        out["hooks"] = hooks  # copied beside mkdocs.yml (Zensical runs none)
    css = list(out.get("extra_css") or [])
    js = list(out.get("extra_javascript") or [])
    if CSS not in css:
        css.append(CSS)
    have = [j if isinstance(j, str) else (j or {}).get("path") for j in js]
    js.extend(script for script in SCRIPTS if script not in have)
    out["extra_css"], out["extra_javascript"] = css, js
    out["nav"] = nav_yaml(site.nav)
    hidden = sorted(set(site.pages) - _in_nav(site.nav))
    if hidden:  # single highlights: reached from their community's page, on purpose
        out["not_in_nav"] = "".join(f"/{src}\n" for src in hidden)
    return out


# ------------------------------------------------------------------ pages and files


def page_source(src: str, page, site_name: str) -> str:
    """A page's Markdown with the front matter the theme reads, escaped as the plugin escapes it."""
    meta = escape_meta(page.meta)
    if src == "index.md" and (page.generated or page.meta.get("title") == site_name):
        meta.pop("title", None)  # Material titles the home page with site_name alone
    markdown = page.source()
    if len(re.findall(r"\w+", re.sub(r"<[^>]+>", " ", markdown))) > SEARCH_WORDS:
        search = meta.get("search")
        meta["search"] = {**(search if isinstance(search, dict) else {}), "exclude": True}
    head = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=1000) if meta else ""
    return (f"---\n{head}---\n\n" if head else "") + markdown


def _excluded(config: dict):
    """The docs folder's files no build publishes: MkDocs' default `exclude_docs` plus the handbook's own."""
    import pathspec

    excluded = config.get("exclude_docs")
    patterns = _DEFAULT_EXCLUDE + (excluded if isinstance(excluded, str) else "")
    spec = pathspec.GitIgnoreSpec.from_lines(patterns.splitlines())
    return lambda rel: spec.match_file(rel)


def docs_files(site: Site, docs_dir: Path, config: dict, site_name: str) -> dict[str, bytes]:
    """Every file of the export's docs folder: path -> bytes."""
    files: dict[str, bytes] = {}
    excluded = _excluded(config)
    for path in sorted(docs_dir.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(docs_dir).as_posix()
        if rel.lower().endswith(_MARKDOWN) or excluded(rel):
            continue  # pages come from the site below; a Markdown file copsite does not publish stays out
        files[rel] = path.read_bytes()
    for src, page in site.pages.items():
        files[src] = page_source(src, page, site_name).encode("utf-8")
    for rel, text in site.statics.items():
        files[rel] = text.encode("utf-8")
    for rel in (CSS, *SCRIPTS):
        files[rel] = (ASSETS / posixpath.basename(rel)).read_bytes()
    return dict(sorted(files.items()))


# ------------------------------------------------------------------ writing


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _inside(child: Path, parent: Path) -> bool:
    try:
        child.resolve().relative_to(parent.resolve())
        return True
    except ValueError:
        return False


def export_files(config_file: Path, config: dict, site: Site, docs_dir: Path) -> dict[str, bytes]:
    """The whole export, path -> bytes, in a fixed order."""
    root = config_file.parent
    files: dict[str, bytes] = {}
    site_name = str(config.get("site_name") or "")
    for rel, data in docs_files(site, docs_dir, config, site_name).items():
        files[f"{DOCS}/{rel}"] = data
    custom_dir = None
    theme = config.get("theme")
    theme_name = theme if isinstance(theme, str) else theme.get("name") if isinstance(theme, dict) else None
    if theme_name == "material":  # copsite's partials (no request to the host's API), as the plugin adds them
        custom_dir = "overrides"
        for rel, data in _tree(OVERRIDES).items():
            files[f"{custom_dir}/{rel}"] = data
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        source = root / theme["custom_dir"]
        if custom_dir is None:
            custom_dir = "overrides" if source.name in ("", DOCS, "site", ".", "..") else source.name
        for rel, data in _tree(source).items():
            files[f"{custom_dir}/{rel}"] = data  # the handbook's own partials win over copsite's
    hooks = []
    raw_hooks = config.get("hooks")
    for hook in raw_hooks if isinstance(raw_hooks, list) else []:
        if isinstance(hook, str) and (root / hook).is_file():
            name = f"hooks/{Path(hook).name}"
            files[name] = (root / hook).read_bytes()
            hooks.append(name)
    files["mkdocs.yml"] = (
        "# Written by `copsite export`: the handbook's pages, navigation and files, for any\n"
        "# engine that reads mkdocs.yml (MkDocs, ProperDocs, Zensical). Regenerate, do not edit.\n"
        + dump_config(export_config(config, site, custom_dir=custom_dir, hooks=hooks))
    ).encode("utf-8")
    return dict(sorted(files.items()))


def write_export(out: Path, files: dict[str, bytes], *, force: bool = False, protect: tuple[Path, Path]) -> None:
    """Write the files into `out`: all of them, or nothing.

    A non-empty `out` is refused unless `force`; then everything in it but its
    dot-entries (`.git`) is replaced. `protect` is the handbook's folder and its
    docs folder: the export never replaces the one nor goes into the other.

    The new export is written whole first, into a hidden folder inside `out` (so on
    `out`'s own file system: `out` may be a mount point, a USB stick's root or a
    container volume, which can be neither renamed nor removed); only then are the
    old entries set aside, beside it, and the new ones moved in. Should a move fail,
    the old entries are put back: the previous export is never lost for a new one."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ExportError("%(path)s is a file, not a folder", path=out)
    root, docs = protect
    if _inside(root, out) or _inside(out, docs):
        raise ExportError("%(path)s holds the handbook or is inside its docs folder: export into another folder", path=out)
    existing = sorted(p for p in out.iterdir()) if out.is_dir() else []
    if existing and not force:
        raise ExportError(
            "%(path)s is not empty: copsite export writes into a new or empty folder (--force replaces its content)", path=out
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=out, prefix=".copsite-export-"))
    except OSError as err:
        raise ExportError("%(path)s cannot be written: %(reason)s", path=out, reason=err.strerror or str(err)) from None
    try:
        for rel, data in files.items():
            path = staging / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _swap_in(out, staging, [old for old in existing if not old.name.startswith(".")])  # .git, .github stay
    except OSError as err:
        raise ExportError("%(path)s cannot be written: %(reason)s", path=out, reason=err.strerror or str(err)) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _swap_in(out: Path, staging: Path, old: list[Path]) -> None:
    """Set the old entries aside in a hidden folder of `out`, move the staged ones in, then drop
    the old; on a failure, take the new ones back out and put the old ones back."""
    aside = Path(tempfile.mkdtemp(dir=out, prefix=".copsite-previous-"))
    moved_aside: list[Path] = []
    moved_in: list[Path] = []
    try:
        for entry in old:
            shutil.move(entry, aside / entry.name)
            moved_aside.append(entry)
        for new in sorted(staging.iterdir()):
            shutil.move(new, out / new.name)
            moved_in.append(out / new.name)
    except OSError:
        for entry in moved_in:
            _remove(entry)
        for entry in moved_aside:
            shutil.move(aside / entry.name, entry)
        shutil.rmtree(aside, ignore_errors=True)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def export_site(
    config_file: str | os.PathLike, docs_dir: str | os.PathLike, site: Site, out: str | os.PathLike, *, force: bool = False
) -> dict[str, bytes]:
    """Export a planned site; returns what was written (path -> bytes)."""
    config_file = Path(config_file)
    config = read_config(config_file)
    files = export_files(config_file, config, site, Path(docs_dir))
    write_export(Path(out), files, force=force, protect=(config_file.parent, Path(docs_dir)))
    return files


def count_pages(files: dict[str, bytes]) -> int:
    return sum(1 for rel in files if PurePosixPath(rel).parts[0] == DOCS and rel.endswith(".md"))
