"""`copsite export`: the handbook as a plain site source that needs no copsite."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from copsite.cli.check import feeds_note
from copsite.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_site, read_loaded

if TYPE_CHECKING:
    pass


def cmd_export(args) -> int:
    from copsite.engine import export
    from copsite.engine.planner import plan_site

    loaded = load_site(args.config_file)
    handbook, problems = read_loaded(loaded)
    feeds_note(loaded, problems)
    words = loaded.options.lang
    if problems.errors:  # refused as the build refuses it, with `copsite check`'s lines
        for p in problems:
            print(f"{problems.severity_word(p.severity)}: {p}")
        n = len(handbook.communities) + len(handbook.unreadable)
        counted = words.ngettext("%(num)d community", "%(num)d communities", n)
        print(words.gettext("%(communities)s, %(problems)s: not exported", communities=counted, problems=problems.summary()))
        return EXIT_PROBLEMS
    # The reports' PDFs are printed from a built site, which an export is not: planned without
    # them, its reports hold no "Download as PDF" link to a file it does not have.
    site = plan_site(handbook, replace(loaded.options, pdf=False))
    try:
        files = export.export_site(loaded.config_file, loaded.docs_dir, site, args.out, force=args.force)
    except export.ExportError as err:
        raise UsageError("%(problem)s", words, problem=err.problem) from None
    print(
        words.gettext(
            "Exported %(pages)s pages and %(files)s files to %(out)s/: build it with "
            "`mkdocs build`, `properdocs build` or `zensical build` there (no copsite needed)",
            pages=export.count_pages(files),
            files=len(files),
            out=args.out,
        )
    )
    return EXIT_OK
