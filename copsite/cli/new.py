"""`copsite new`: a community, one of its sections, or a highlight, with the planning guide's prompts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from copsite.cli.common import (
    EXIT_OK,
    UsageError,
    date_arg,
    load_site,
    read_loaded,
    slug_arg,
    write_folder,
    write_new,
)
from copsite.cli.init import community_files, section_text
from copsite.i18n import M_
from copsite.model.problems import printable
from copsite.model.sections import SECTIONS

if TYPE_CHECKING:
    pass


def cmd_new_community(args) -> int:
    loaded = load_site(args.config_file)
    words = loaded.options.lang
    slug = slug_arg(args.slug, words)
    folder = loaded.docs_dir / loaded.options.communities_dir / slug
    title = args.title or slug.replace("-", " ").capitalize()
    facilitator = args.facilitator or loaded.options.lang.gettext("Your Name")
    files = community_files(title, loaded.options.today, facilitator, language=loaded.options.language)
    write_folder(folder, files)
    for name in files:
        print(_shown(folder / name))
    print(words.gettext("Next: fill in the TO DO texts (`copsite check` lists them) and preview with `copsite serve`."))
    return EXIT_OK


SECTION_FILES = {s.name: s.file for s in SECTIONS if s.new}
"""The sections `copsite new SECTION SLUG` writes into a community folder, from copsite/publishing/scaffold/."""


def cmd_new_section(args) -> int:
    loaded = load_site(args.config_file)
    words = loaded.options.lang
    slug = slug_arg(args.community, words)
    folder = loaded.docs_dir / loaded.options.communities_dir / slug
    handbook, _ = read_loaded(loaded)
    if not (folder / "index.md").is_file():
        known = ", ".join(c.slug for c in handbook.communities) or M_("none yet")
        raise UsageError("there is no community '%(slug)s' (communities: %(known)s)", words, slug=slug, known=known)
    community = handbook.community(slug)
    title = community.title if community else slug
    facilitator = (
        community.charter.facilitators[0]
        if community and community.charter.facilitators
        else loaded.options.lang.gettext("Your Name")
    )
    path = folder / SECTION_FILES[args.what]
    write_new(
        path, section_text(SECTION_FILES[args.what], title, loaded.options.today, facilitator, language=loaded.options.language)
    )
    print(_shown(path))
    print(words.gettext("Next: write it (the comments hold the planning guide's questions); `copsite check` lists what is left."))
    return EXIT_OK


def _shown(path: Path) -> str:
    try:
        return printable(path.resolve().relative_to(Path.cwd().resolve()).as_posix())
    except ValueError:
        return printable(str(path))


def cmd_new_highlight(args) -> int:
    from copsite.model.schema import slugify

    loaded = load_site(args.config_file)
    words = loaded.options.lang
    slug = slug_arg(args.community, words)
    handbook, problems = read_loaded(loaded)
    community = handbook.community(slug)
    if community is None:
        folder = loaded.docs_dir / loaded.options.communities_dir / slug
        if folder.is_dir():
            raise UsageError(
                "the community '%(slug)s' has errors in its charter: run `copsite check` and fix them first", words, slug=slug
            )
        known = ", ".join(c.slug for c in handbook.communities) or M_("none yet")
        raise UsageError("there is no community '%(slug)s' (communities: %(known)s)", words, slug=slug, known=known)
    day = date_arg(args.date, words) if args.date else _clock_today(loaded.options)
    before = [s for s in community.sessions if s.date <= day and not s.cancelled]
    session_ref = None
    session = max(before, key=lambda s: (s.date, s.time or ()), default=None) if before else None
    session = _chosen_session(community, day, session, getattr(args, "session", None), words)
    if session is not None:
        same_day = [s for s in community.sessions if s.date == session.date]
        if session.id:
            session_ref = session.id
        elif len(same_day) == 1:
            session_ref = session.date.isoformat()
    from_session = session is not None and session.date == day and session.title
    _ = loaded.options.lang.gettext
    kind_name = {
        "meeting": _("Meeting"),
        "check-in": _("Check-in"),
        "survey": _("Survey"),
        "success-story": _("Success story"),
        "reflection": _("Reflection"),
        "summary": _("Summary"),
    }[args.kind]
    from_session = from_session and args.kind == "meeting"
    title = args.title or (session.title if from_session else _("%(kind)s of %(date)s", kind=kind_name, date=day.isoformat()))
    word = (slugify(_("meeting")) or "meeting") if args.kind == "meeting" else args.kind
    name_slug = slugify(title) if (args.title or from_session) else word
    name_slug = name_slug or word
    path = loaded.docs_dir / community.folder / "highlights" / f"{day.isoformat()}-{name_slug}.md"
    from copsite.content.compose import write
    from copsite.publishing.kind_outlines import KIND_OUTLINES, OUTLINES_BY_LANGUAGE

    outlines = OUTLINES_BY_LANGUAGE.get(words.language, KIND_OUTLINES)
    answers = dict(
        title=title,
        date=day.isoformat(),
        session=session_ref,
        kind=args.kind,
        authors=list(community.charter.facilitators),
        draft=args.draft,
    )
    write_new(path, write({**answers, "body": outlines.get(args.kind) or KIND_OUTLINES[args.kind]}))  # the post page's composer
    print(_shown(path))
    return EXIT_OK


def _clock_today(options):
    """Today on the clock in the site's time zone (not the pinned `today:` nor SOURCE_DATE_EPOCH)."""
    import datetime as dt

    return dt.datetime.now(options.tz).date()


def _chosen_session(community, day, session, wanted: str | None, words=None):
    """The session a new highlight reports: the one named by --session, else the only one that day."""
    if wanted:
        match = [s for s in community.sessions if s.id == wanted]
        if not match:
            known = ", ".join(s.id for s in community.sessions if s.id) or M_("none: give sessions an id in plan.md")
            raise UsageError("the plan has no session with the id '%(id)s' (ids: %(ids)s)", words, id=wanted, ids=known)
        return match[0]
    same_day = [s for s in community.sessions if s.date == day and not s.cancelled]
    if len(same_day) > 1:
        ids = [s.id for s in same_day if s.id]
        raise UsageError(
            "the plan has %(count)s sessions on %(date)s: say which one the highlight reports with %(hint)s",
            words,
            count=len(same_day),
            date=day.isoformat(),
            hint=M_("--session ID (one of %(ids)s)", ids=", ".join(ids))
            if ids
            else M_("--session ID, after giving those sessions an id in plan.md"),
        )
    return session
