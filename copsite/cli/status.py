"""`copsite status`: where every community stands, for its facilitators."""

from __future__ import annotations

from typing import TYPE_CHECKING

from copsite.cli.common import EXIT_OK, Loaded, load_site, read_loaded
from copsite.cli.new import SECTION_FILES
from copsite.model.problems import printable

if TYPE_CHECKING:
    pass


def cmd_status(args) -> int:
    from copsite.model import views

    loaded = load_site(args.config_file)
    handbook, problems = read_loaded(loaded)
    today = loaded.options.today
    _ = loaded.options.lang.gettext
    ngettext = loaded.options.lang.ngettext
    if not handbook.communities:
        print(_("no communities yet: `copsite new community SLUG` starts one"))
    width = max((len(c.slug) for c in handbook.communities), default=0)
    for c in handbook.communities:  # the stage, roles and sections are the format's own words, as in the files
        st = views.status(c, today)
        roles = ", ".join(f"{n} {role}" for role, n in st.roles.items()) or _("no members listed")
        missing = _missing_words(loaded, c, st.missing)
        tentative = " " + _("(tentative)") if st.next and st.next.status == "tentative" else ""
        nxt = st.next.session.date.isoformat() + tentative if st.next else _("none planned")
        if st.days_since_highlight is None:
            last = _("no highlight yet")
        else:
            last = ngettext("last highlight %(num)d day ago", "last highlight %(num)d days ago", st.days_since_highlight)
        line = _("missing: %(missing)s  members: %(members)s  next: %(next)s", missing=missing, members=roles, next=nxt)
        print(printable(f"{c.slug:<{width}}  {c.charter.stage:<9}  {line}  {last}"))
    if handbook.communities:
        print(_post_hint(loaded, next((c for c in handbook.communities if not c.charter.sample), handbook.communities[0])))
    hints = _section_hints(loaded, handbook)
    if hints:
        print(_("to add a missing section: %(hints)s", hints="; ".join(hints)))
    if problems.errors:
        print(_("(%(problems)s: `copsite check` lists them)", problems=problems.summary()))
    return EXIT_OK


def _missing_words(loaded: Loaded, c, missing: list[str]) -> str:
    """The sections a community lacks; those whose file is there with its placeholders are "not filled in yet"."""
    _ = loaded.options.lang.gettext
    there = [s for s in missing if s in SECTION_FILES and (loaded.docs_dir / c.folder / SECTION_FILES[s]).exists()]
    absent = ", ".join(s for s in missing if s not in there)
    unfilled = _("%(sections)s not filled in yet", sections=", ".join(there)) if there else ""
    return "; ".join(part for part in (absent, unfilled) if part) or _("none")


def _post_hint(loaded: Loaded, community) -> str:
    """Where facilitators post a highlight from a phone: the community's post page (copsite.pages.post)."""
    from copsite.model.urls import page_url
    from copsite.publishing.post_button import post_src

    options = loaded.options
    address = page_url(post_src(community), options.use_directory_urls)
    address = (options.site_url.rstrip("/") + "/" if options.site_url else "/") + address
    return options.lang.gettext(
        "to post a highlight from a phone or any browser, open its community's post page: %(address)s "
        "(each community has one: communities/SLUG/post/)",
        address=address,
    )


def _section_hints(loaded: Loaded, handbook) -> list[str]:
    """The commands that write the sections the communities lack (one a section, with a community's slug)."""
    from copsite.model import views

    hints: dict[str, str] = {}
    for c in handbook.communities:
        for section in views.status(c, loaded.options.today).missing:
            if section == "highlights":
                hints.setdefault(section, f"copsite new highlight {c.slug}")
            elif (loaded.docs_dir / c.folder / SECTION_FILES[section]).exists():
                path = c.folder + "/" + SECTION_FILES[section]
                hints.setdefault(
                    section, loaded.options.lang.gettext("%(section)s: fill in %(file)s", section=section, file=path)
                )
            else:
                hints.setdefault(section, f"copsite new {section} {c.slug}")
    return list(hints.values())
