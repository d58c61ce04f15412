"""Site options: what `plugins: - copsite:` in mkdocs.yml may say, engine-free.

The MkDocs plugin and `copsite check` both turn their configuration into one
`Options`, so the two can never disagree about what "today" is or where the
communities live.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from copsite.i18n import M_, Language, language
from copsite.model.repo import Repo
from copsite.model.schema import SLUG_RE


@dataclass(frozen=True)
class Declared:
    """One option of `plugins: - copsite:` in mkdocs.yml, declared once: the MkDocs plugin
    makes its config from these (copsite.engine.config), `make_options` its defaults."""

    name: str
    kind: type | tuple[type, ...]
    default: object = None
    """None: optional, with no value unless mkdocs.yml gives one."""
    about: str = ""


DECLARED: tuple[Declared, ...] = (
    Declared("communities_dir", str, "communities", "the folder of the communities, in the docs folder"),
    Declared("timezone", str, "UTC", "the IANA time zone of the sessions' times"),
    Declared("today", (str, dt.date), None, "the date a build takes for today (default: SOURCE_DATE_EPOCH, else the clock)"),
    Declared("publish_members", bool, True, "publish members' names"),
    Declared("feeds", bool, True, "write Atom feeds of highlights (needs site_url)"),
    Declared("calendar", bool, True, "write the calendar page and iCalendar files"),
    Declared("sidebar_communities", int, 12, "list every community in the sidebar up to this many"),
    Declared("language", str, None, "overrides theme.language for copsite's own words and dates"),
    Declared("pdf", bool, False, "also print the reports to PDF (the extra copsite[pdf])"),
    Declared("editor", bool, None, "publish /admin/, the browser editor (default: on for a GitHub or GitLab repo_url)"),
    Declared("editor_app", str, None, "the CMS /admin/ loads: decap (default) or sveltia"),
    Declared("editor_auth_url", str, None, "GitHub: the token-exchange service editors sign in through"),
    Declared("editor_app_id", (str, int), None, "GitLab, Gitea, Forgejo: the OAuth application's id (PKCE sign-in)"),
    Declared("editor_script", str, None, "the CMS script /admin/ loads"),
    Declared("editor_backend", dict, None, "keys added to the CMS's backend"),
    Declared("body_html", bool, True, "false: raw HTML in page bodies is shown as text"),
)
NAMES: tuple[str, ...] = tuple(d.name for d in DECLARED)


class OptionError(ValueError):
    """A site option has a value copsite cannot use.

    Its message is a msgid of the catalogs with named values; `make_options` gives it the
    handbook's language (`words`), in which `str()` writes it."""

    words: Language | None = None

    def __init__(self, message: str, **values):
        self.problem = M_(message, **values)
        super().__init__(message)

    def __str__(self) -> str:
        return (self.words or language("en")).gettext(self.problem)


@dataclass(frozen=True)
class Options:
    communities_dir: str = "communities"
    timezone: str = "UTC"
    today: dt.date = field(default_factory=dt.date.today)
    publish_members: bool = True
    feeds: bool = True
    calendar: bool = True
    site_url: str | None = None
    site_name: str = "Community of Practice handbook"
    use_directory_urls: bool = True
    sidebar_communities: int = 12
    """List every community in the sidebar up to this many; above it, each page lists only its own."""
    pdf: bool = False
    """Also print the reports to PDF (needs the extra copsite[pdf])."""
    body_html: bool = True
    """False: raw HTML in page bodies is shown as text (for handbooks whose editors are not all trusted)."""
    repo: Repo | None = None
    """The repository of the handbook's sources (from `repo_url` and `edit_uri`), when on a known host."""
    editor: bool = False
    """Publish /admin/, the browser editor (copsite.publishing.editor): true only when editors can sign in
    (`editor_enabled`); the "Post a highlight" button opens its form then."""
    editor_requested: bool | None = None
    """The `editor` option as written: True, False, or None (on by default with a repository on a known host)."""
    editor_own_admin: bool = False
    """The docs folder has its own admin/ folder: it is kept, and copsite's editor is off."""
    editor_app: str = "decap"
    """The CMS /admin/ loads: 'decap' (Decap CMS) or 'sveltia' (Sveltia CMS)."""
    editor_auth_url: str | None = None
    """GitHub: the token-exchange service editors sign in through (the CMS's `backend.base_url`)."""
    editor_app_id: str | None = None
    """GitLab, Gitea, Forgejo: the OAuth application's id (PKCE sign-in, the CMS's `backend.app_id`)."""
    editor_script: str | None = None
    """The CMS script /admin/ loads; None: the pinned Decap CMS build."""
    editor_backend: dict | None = None
    """Keys added to the CMS's `backend:` (app_id, auth_type, base_url, ...)."""
    preview: bool = False
    """True while `mkdocs serve` previews the handbook: the sample community is shown."""
    language: str = "en"
    """The handbook's language ('en', 'fr', or a locale like 'fr_CA'): theme.language, or copsite's `language`."""

    @property
    def lang(self) -> Language:
        """Its words and formats."""
        return language(self.language)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def unknown_option(name: str, known: list[str] | tuple[str, ...], words: Language | None = None) -> str:
    """The message for a copsite option that does not exist: an error, with the nearest known name."""
    from copsite.model.schema import nearest

    near = nearest(str(name), list(known))
    return (words or language("en")).gettext(
        M_(
            "'%(name)s' is not a copsite option%(hint)s (the options are: %(options)s)",
            name=name,
            hint=M_("; did you mean '%(near)s'?", near=near) if near else "",
            options=", ".join(sorted(known)),
        )
    )


def resolve_today(today: object, timezone: str, environ: Mapping[str, str] | None = None) -> dt.date:
    """`today` option, else SOURCE_DATE_EPOCH, else the clock: a date in the site's timezone."""
    environ = os.environ if environ is None else environ
    tz = ZoneInfo(timezone)
    if isinstance(today, dt.datetime):
        return today.date()
    if isinstance(today, dt.date):
        return today
    if isinstance(today, str) and today.strip():
        try:
            return dt.date.fromisoformat(today.strip())
        except ValueError:
            raise OptionError(
                "today: expected a date written as YYYY-MM-DD, like 2025-10-05; found %(found)s", found=repr(today)
            ) from None
    if today not in (None, ""):
        raise OptionError("today: expected a date written as YYYY-MM-DD; found %(found)s", found=repr(today))
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        if not re.fullmatch(r"\d+", epoch):
            raise OptionError("SOURCE_DATE_EPOCH must be a whole number of seconds; found %(found)s", found=repr(epoch))
        if int(epoch) > _LAST_EPOCH:
            raise OptionError(
                "SOURCE_DATE_EPOCH is too large: expected a whole number of seconds from 0 to %(most)s; found %(found)s",
                most=_LAST_EPOCH,
                found=repr(epoch),
            )
        return dt.datetime.fromtimestamp(int(epoch), tz).date()
    return dt.datetime.now(tz).date()


_LAST_EPOCH = 253402214400
"""SOURCE_DATE_EPOCH of 9999-12-31 00:00 UTC: a date a day's clock of any zone can still show."""


EDITOR_APPS = ("decap", "sveltia")


def editor_enabled(
    requested: bool,
    repo: Repo | None,
    *,
    app: str = "decap",
    auth_url: str | None = None,
    app_id: str | None = None,
    backend: dict | None = None,
    own_admin: bool = False,
    local: bool = False,
) -> bool:
    """Whether /admin/ is published: the one predicate for "the browser editor is on".

    On only when it was asked for (or left on by a known host) and editors can sign in:
    GitHub through a token-exchange service (`editor_auth_url`, or `base_url` in `editor_backend`)
    or Sveltia CMS's personal-token sign-in; GitLab, Gitea and Forgejo with PKCE (`editor_app_id`,
    or `app_id` in `editor_backend`; Sveltia also takes a GitLab token). Without a repository on a
    known host, `editor: true` publishes a local-only editor (`copsite edit`). `copsite edit` (`local`)
    signs in through decap-server. An author's own admin/ folder in the docs folder turns it off."""
    if not requested or own_admin:
        return False
    if repo is None or local:
        return True
    backend = backend or {}
    if repo.kind == "github":
        return bool(auth_url or backend.get("base_url")) or app == "sveltia"
    if repo.kind == "gitlab" and app == "sveltia":
        return True
    return bool(app_id or backend.get("app_id"))


def make_options(**kwargs) -> Options:
    """Check and combine the options; raises OptionError with a message naming the option,
    in the handbook's language (the `language` option, when it is one). A declared option
    not given (or given as None) takes its declared default."""
    given = {k: v for k, v in kwargs.items() if not (k in NAMES and v is None)}
    kwargs = {**{d.name: d.default for d in DECLARED if d.default is not None}, **given}
    try:
        return _make_options(**kwargs)
    except OptionError as err:
        code = kwargs.get("language", "en")
        err.words = language(code if isinstance(code, str) and _LANGUAGE.fullmatch(code.strip()) else "en")
        raise


_LANGUAGE = re.compile(r"[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*")


def _make_options(
    *,
    communities_dir: object,
    timezone: object,
    publish_members: object,
    feeds: object,
    calendar: object,
    sidebar_communities: object,
    pdf: object,
    body_html: object,
    today: object = None,
    language: object = None,
    editor: object = None,
    editor_script: object = None,
    editor_backend: object = None,
    site_url: str | None = None,
    site_name: str | None = None,
    use_directory_urls: bool = True,
    repo: Repo | None = None,
    editor_app: object = None,
    editor_auth_url: object = None,
    editor_app_id: object = None,
    own_admin: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Options:
    """Check and combine the options; raises OptionError with a message naming the option."""
    folder = _check_folder(communities_dir)
    zone = _check_timezone(timezone)
    switches = {"publish_members": publish_members, "feeds": feeds, "calendar": calendar, "pdf": pdf, "body_html": body_html}
    for name, value in switches.items():
        if not isinstance(value, bool):
            raise OptionError("%(option)s: expected true or false; found %(found)s", option=name, found=repr(value))
    if not isinstance(sidebar_communities, int) or isinstance(sidebar_communities, bool) or sidebar_communities < 0:
        raise OptionError("sidebar_communities: expected a whole number; found %(found)s", found=repr(sidebar_communities))
    language = "en" if language is None else language
    if not isinstance(language, str) or not _LANGUAGE.fullmatch(language.strip()):
        raise OptionError(
            "language: expected a language code like en or fr (or a locale like fr_CA); found %(found)s", found=repr(language)
        )
    editing = _editor_options(
        editor,
        repo,
        script=editor_script,
        backend=editor_backend,
        app=editor_app,
        auth_url=editor_auth_url,
        app_id=editor_app_id,
        own_admin=own_admin,
        environ=os.environ if environ is None else environ,
    )
    return Options(
        language=language.strip(),
        communities_dir=folder,
        timezone=zone,
        today=resolve_today(today, zone, environ),
        site_url=(site_url or None),
        site_name=site_name or Options.site_name,
        use_directory_urls=use_directory_urls,
        sidebar_communities=sidebar_communities,
        repo=repo,
        **switches,  # type: ignore[arg-type]  # checked above: each is a bool
        **editing,
    )


def _check_folder(communities_dir: object) -> str:
    if not isinstance(communities_dir, str) or not all(SLUG_RE.match(part) for part in communities_dir.strip("/").split("/")):
        raise OptionError(
            "communities_dir: expected a folder name of lowercase letters, digits and dashes; found %(found)s",
            found=repr(communities_dir),
        )
    return communities_dir.strip("/")


def _check_timezone(timezone: object) -> str:
    if not isinstance(timezone, str):
        raise OptionError("timezone: expected an IANA time zone name like Europe/Paris; found %(found)s", found=repr(timezone))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise OptionError(
            "timezone: %(found)s is not a known IANA time zone name (examples: UTC, America/Toronto, Europe/Paris)",
            found=repr(timezone),
        ) from None
    return timezone


def _check_editor_script(script: object) -> None:
    """`editor_script`: an https: address or a path on the site (never javascript:, data: or http:)."""
    if script is None:
        return
    text = script.strip() if isinstance(script, str) else ""
    if (
        text.startswith("//")
        or not (text.startswith("https://") or text.startswith("/") or re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_./-]*", text))
        or ".." in text.split("/")
    ):
        raise OptionError(
            "editor_script: expected an https: address or a path on the site, like admin-cms.js (a file in the docs folder); found %(found)s",
            found=repr(script),
        )


def _editor_options(editor, repo, *, script, backend, app, auth_url, app_id, own_admin, environ) -> dict:
    """The browser editor's options, checked, with whether it is on (`editor_enabled`)."""
    written = editor
    if editor is None:
        editor = repo is not None
    if not isinstance(editor, bool):
        raise OptionError("%(option)s: expected true or false; found %(found)s", option="editor", found=repr(editor))
    _check_editor_script(script)
    if backend is not None and not isinstance(backend, dict):
        raise OptionError(
            "editor_backend: expected a group of keys, like {app_id: ..., auth_type: pkce}; found %(found)s", found=repr(backend)
        )
    app = "decap" if app is None else app
    if app not in EDITOR_APPS:
        raise OptionError("editor_app: expected decap or sveltia; found %(found)s", found=repr(app))
    if auth_url is not None and (not isinstance(auth_url, str) or not re.fullmatch(r"https://[^\s/]+(/\S*)?", auth_url.strip())):
        raise OptionError(
            "editor_auth_url: expected the https: address of the token-exchange service, like https://sveltia-cms-auth.you.workers.dev; found %(found)s",
            found=repr(auth_url),
        )
    if (app_id is not None and not isinstance(app_id, (str, int))) or isinstance(app_id, bool):
        raise OptionError("editor_app_id: expected the OAuth application's id (text); found %(found)s", found=repr(app_id))
    auth_url = auth_url.strip().rstrip("/") if auth_url else None
    app_id = str(app_id).strip() if app_id is not None and str(app_id).strip() else None
    on = editor_enabled(
        editor,
        repo,
        app=app,
        auth_url=auth_url,
        app_id=app_id,
        backend=backend,
        own_admin=own_admin,
        local=environ.get("COPSITE_EDIT") == "1",
    )
    return {
        "editor": on,
        "editor_requested": written,
        "editor_own_admin": own_admin,
        "editor_app": app,
        "editor_auth_url": auth_url,
        "editor_app_id": app_id,
        "editor_script": script.strip() if script else None,
        "editor_backend": dict(backend) if backend else None,
    }
