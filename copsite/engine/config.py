"""copsite's options in mkdocs.yml, as MkDocs config options, and the `Options` made from them.

The options are declared once, engine-free, in `copsite.model.options.DECLARED`; the
plugin's `CopsiteConfig` is made from that list. `copsite check` and the other commands
read mkdocs.yml through this module (MkDocs' `load_config`), never through the plugin.
"""

from __future__ import annotations

import types
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c

from copsite.i18n import catalog_note
from copsite.model.options import DECLARED, Declared, OptionError, Options, make_options
from copsite.model.problems import Problem, Problems
from copsite.model.repo import docs_in_repository, parse_repo_url
from copsite.outputs.pdf import check_available


def _config_option(d: Declared) -> base.BaseConfigOption:
    option: base.BaseConfigOption = c.Type(d.kind) if d.default is None else c.Type(d.kind, default=d.default)
    return c.Optional(option) if d.default is None else option


if TYPE_CHECKING:

    class CopsiteConfig(base.Config):
        """`plugins: - copsite:` in mkdocs.yml (made from DECLARED)."""

else:
    CopsiteConfig = types.new_class(
        "CopsiteConfig", (base.Config,), exec_body=lambda ns: ns.update({d.name: _config_option(d) for d in DECLARED})
    )


def options_from(config, plugin_config) -> Options:
    """The site options from a loaded MkDocs config; shared by the plugin and the commands."""
    given = {d.name: plugin_config[d.name] for d in DECLARED}
    given["language"] = given["language"] or theme_language(config)
    options = make_options(
        **given,
        site_url=config.site_url,
        site_name=config.site_name,
        use_directory_urls=config.use_directory_urls,
        repo=parse_repo_url(
            config.repo_url, config.edit_uri, docs_dir=problem_prefix(config), docs_in_repo=docs_in_repository(config.docs_dir)
        ),
        own_admin=(Path(config.docs_dir) / "admin").is_dir(),  # an author's own editor is kept, copsite's is off
    )
    if options.pdf:
        try:
            check_available()  # WeasyPrint and Pango, or a message saying what to install
        except OptionError as err:
            err.words = options.lang
            raise
    return options


def language_problem(config, plugin_config) -> Problem | None:
    """A warning when the handbook's language has no copsite catalog (its pages are then in English),
    for `copsite check` and the build alike; None when it has one."""
    note = catalog_note(plugin_config.language or theme_language(config))
    if note is None:
        return None
    key = "plugins.copsite.language" if plugin_config.language else "theme.language"
    problems = Problems()
    problems.warning(Path(config.config_file_path or "mkdocs.yml").name, "%(problem)s", key=key, problem=note)
    return problems.items[0]


def theme_language(config) -> str:
    """Material's `theme.language` (Material's own default: en)."""
    try:
        value = config.theme["language"]
    except (KeyError, TypeError):
        value = None
    return value if isinstance(value, str) and value else "en"


def problem_prefix(config) -> str:
    """How the docs folder is named from the folder of mkdocs.yml ('content'), for messages."""
    docs = Path(config.docs_dir)
    if config.config_file_path:
        try:
            return docs.relative_to(Path(config.config_file_path).resolve().parent).as_posix()
        except ValueError:
            pass
    return docs.as_posix()
