"""The browser editor: `/admin/config.yml` and `/admin/index.html` for a Decap-compatible CMS.

Engine-free. When the site option `editor` is on, the site gets `/admin/`, a
page for editors (not readers) that loads one CMS script (Decap CMS by default,
pinned with a subresource-integrity hash, or the handbook's own copy named by
`editor_script`) and the configuration written here:

- the backend from `repo_url` (GitHub or GitLab, with the branch), plus
  `local_backend: true` so that `copsite edit` (or `npx decap-server`) edits
  local files;
- one collection of files a community (charter, norms, plan, resources and
  legacy, the ones that exist) and one folder collection of its highlights,
  whose new files are named `YYYY-MM-DD-<slug of the title>.md`;
- every field made from the pydantic models of `copsite.model.schema`, walked here:
  a key added to the format appears in the editor with no second list to keep.
  Closed choices become selects with the format's values, dates `YYYY-MM-DD`
  date pickers, times/slugs/addresses strings with the format's pattern and
  message, lists of groups of keys list widgets, the body Markdown.

The configuration is valid for Decap CMS and Sveltia CMS alike.
"""

from __future__ import annotations

import json
import posixpath
from typing import Annotated, Any, Optional, Union, get_args, get_origin

import yaml
from markupsafe import escape
from pydantic import BaseModel

from copsite import i18n
from copsite.i18n import N_, NP_, Language
from copsite.model import schema
from copsite.model.sections import SECTIONS

# The CMS /admin/ loads unless the handbook names its own copy (`editor_script`).
# The integrity hash is the sha384 of that exact file (see the README to remake it).
DEFAULT_SCRIPT = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"
DEFAULT_SCRIPT_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
SCRIPTS: dict[str, tuple[str, str]] = {
    "decap": (DEFAULT_SCRIPT, DEFAULT_SCRIPT_INTEGRITY),
    "sveltia": (
        "https://unpkg.com/@sveltia/cms@0.221.1/dist/sveltia-cms.js",
        "sha384-JQ+XsKx/UzwdTiNnFStza3XtqqQoVtyNPApkfvwlzZDfhe7giE9CnfQrpHqgv3k6",
    ),
}
"""The pinned build of each CMS (`editor_app`), with its integrity hash."""

EDITED = tuple(s for s in SECTIONS if s.editor)
FILE_TYPES: dict[str, type[BaseModel]] = {s.file.removesuffix(".md"): s.model for s in EDITED if s.model is not None}
"""The files of a community folder the editor offers, by file name (without .md), in the guide's order."""

SKIPPED_KEYS = frozenset({"hide", "icon", "template", "search", "status", "subtitle", "extra"})
"""Keys the editor leaves as written: Material's display switches and the handbook's own `extra:`.
Both CMSs keep keys that have no field, so these survive an edit."""

DATE_FORMAT = "YYYY-MM-DD"

# --------------------------------------------------------------------------- words

# The editor's words are messages of the catalogs (copsite/locale), by the key they name;
# the context "editor" keeps them apart from the same English words elsewhere.
LABELS: dict[str, str] = {
    "title": NP_("editor", "Title"),
    "summary": NP_("editor", "Summary"),
    "description": NP_("editor", "Description"),
    "stage": NP_("editor", "Stage"),
    "started": NP_("editor", "Started"),
    "purpose": NP_("editor", "Purpose"),
    "audience": NP_("editor", "Intended for (audience)"),
    "interest": NP_("editor", "Who share an interest in"),
    "learning_goal": NP_("editor", "And commit to learning together how best to"),
    "kinds": NP_("editor", "Kinds of purpose"),
    "domain": NP_("editor", "Domain"),
    "practice": NP_("editor", "Practice"),
    "facilitators": NP_("editor", "Facilitators"),
    "members": NP_("editor", "Members"),
    "name": NP_("editor", "Name"),
    "role": NP_("editor", "Role"),
    "organization": NP_("editor", "Organization"),
    "leadership": NP_("editor", "Leadership"),
    "who": NP_("editor", "Who"),
    "responsibilities": NP_("editor", "Responsibilities"),
    "meetings": NP_("editor", "Meetings"),
    "frequency": NP_("editor", "How often"),
    "length": NP_("editor", "How long"),
    "format": NP_("editor", "Format"),
    "where": NP_("editor", "Where"),
    "channels": NP_("editor", "Channels"),
    "url": NP_("editor", "Address (URL)"),
    "partners": NP_("editor", "Partners"),
    "contact": NP_("editor", "Contact"),
    "tags": NP_("editor", "Tags"),
    "norms": NP_("editor", "Norms"),
    "text": NP_("editor", "Norm"),
    "covers": NP_("editor", "Covers"),
    "agreed": NP_("editor", "Agreed on"),
    "review": NP_("editor", "Review on"),
    "sessions": NP_("editor", "Sessions"),
    "date": NP_("editor", "Date"),
    "id": NP_("editor", "Session id"),
    "time": NP_("editor", "Time"),
    "location": NP_("editor", "Location"),
    "link": NP_("editor", "Video-call link"),
    "agenda": NP_("editor", "Agenda"),
    "file": NP_("editor", "File in the community folder"),
    "topics": NP_("editor", "Topics"),
    "Session.topics": NP_("editor", "Topics, activities, processes, content to be covered"),
    "activities": NP_("editor", "Activities"),
    "resources_required": NP_("editor", "Resources required"),
    "mandatory": NP_("editor", "Mandatory"),
    "tentative": NP_("editor", "Tentative"),
    "cancelled": NP_("editor", "Cancelled"),
    "resources": NP_("editor", "Resources"),
    "kind": NP_("editor", "Kind"),
    "added": NP_("editor", "Added on"),
    "added_by": NP_("editor", "Added by"),
    "success": NP_("editor", "Success measures"),
    "outcomes": NP_("editor", "Outcomes"),
    "legacy": NP_("editor", "Legacy"),
    "authors": NP_("editor", "Authors"),
    "session": NP_("editor", "Plan session"),
    "attendance": NP_("editor", "Attendance"),
    "draft": NP_("editor", "Draft"),
    "responses": NP_("editor", "Responses"),
    "body": NP_("editor", "Text"),
    "index.md": NP_("editor", "Charter"),
    "norms.md": NP_("editor", "Norms"),
    "plan.md": NP_("editor", "Plan"),
    "resources.md": NP_("editor", "Resource bank"),
    "legacy.md": NP_("editor", "Results and legacy"),
    "highlights": NP_("editor", "Highlights"),
    "highlight": NP_("editor", "Highlight"),
    "handbook": NP_("editor", "Handbook"),
    "front": NP_("editor", "Front page"),
    "communities": NP_("editor", "Communities page"),
}
"""The label of each key (and of each file and collection) in the form, in English."""

HINTS: dict[str, str] = {
    "audience": NP_("editor", "This community of practice is intended for …"),
    "interest": NP_("editor", "… who share an interest in (or concern for) …"),
    "learning_goal": NP_("editor", "… and commit to learning together how best to …"),
    "kinds": NP_("editor", "Which of the guide's eight purposes does the community serve?"),
    "domain": NP_("editor", "What shared domain of interest and competence brings members together?"),
    "practice": NP_("editor", "What shared practice do members develop together?"),
    "facilitators": NP_("editor", "Each facilitator should also be listed among the members."),
    "members": NP_("editor", "Who are the members, and what role does each play?"),
    "leadership": NP_("editor", "What is the leadership structure, and who supports it?"),
    "meetings": NP_("editor", "How often, how long, in what format and where will you meet?"),
    "channels": NP_("editor", "Where do members talk between meetings?"),
    "partners": NP_("editor", "Who are the stakeholders: funders, sponsors, partner organizations?"),
    "contact": NP_("editor", "How to ask to join: a mailto: or https: address."),
    "covers": NP_("editor", "Which of the seven areas does this norm address?"),
    "agenda": NP_("editor", "The agenda to distribute: a web address or a file in the community folder (one of the two)."),
    "topics": NP_("editor", "Topics, activities, processes, content to be covered."),
    "resources_required": NP_("editor", "What resources does this session require?"),
    "time": NP_("editor", "Like 10:30, 4:30 pm, 16 h 30 or 10:30-12:00 (the site's time zone)."),
    "id": NP_("editor", "Names the session when two share a date: lowercase letters, digits and dashes."),
    "tentative": NP_("editor", "The date is not confirmed yet."),
    "session": NP_("editor", "The plan session this reports on: its date (YYYY-MM-DD) or its id."),
    "Highlight.session": NP_("editor", "The plan session this highlight reports on."),
    "attendance": NP_("editor", "How many took part (no names)."),
    "success": NP_("editor", "How will the community know it achieved its purpose?"),
    "outcomes": NP_("editor", "What evidence shows the purpose is being achieved?"),
    "legacy": NP_("editor", "What does the community leave behind?"),
    "file": NP_("editor", "A path inside the community folder, like files/agenda.pdf."),
    "draft": NP_("editor", "A draft is published nowhere."),
    "Highlight.legacy": NP_("editor", "Also show this highlight on the legacy page."),
    "Highlight.resources": NP_("editor", "Resources shared at the meeting: they join the resource bank."),
    "Highlight.date": NP_("editor", "The meeting's date: the new file's name starts with it."),
}
"""The hint under a field, by key (or Model.key where one model reads differently)."""

MESSAGES: dict[str, str] = {
    "time": NP_("editor", "a time like 10:30, 4:30 pm or 16 h 30, or a range like 10:30-12:00 (hours 0-23, minutes 00-59)"),
    "slug": NP_("editor", "lowercase ASCII letters, digits and single dashes, like first-meeting"),
    "url": NP_("editor", "an address starting with %(schemes)s"),
    "file": NP_("editor", "a path inside the community folder, like files/agenda.pdf (no '..', no '\\')"),
}
"""What a field expects, shown by the CMS when its pattern is not met."""

ADMIN_TITLE = N_("Edit the handbook")


def _lang(language: str) -> Language:
    """The words of a language with a catalog (English otherwise)."""
    return i18n.language(language if language in i18n.languages() else "en")


def label(key: str, language: str = "en", owner: str = "") -> str:
    message = LABELS.get(f"{owner}.{key}", LABELS.get(key))
    if message:
        return _lang(language).pgettext("editor", message)
    return key.replace("_", " ").capitalize()


def _hint(key: str, owner: str, language: str) -> str | None:
    message = HINTS.get(f"{owner}.{key}", HINTS.get(key))
    return _lang(language).pgettext("editor", message) if message else None


def _message(kind: str, language: str, **values) -> str:
    text = _lang(language).pgettext("editor", MESSAGES[kind])
    return text % values if values else text


# --------------------------------------------------------------------------- fields from the schema


def choice_options(allowed: tuple[str, ...], lang: str) -> list[dict]:
    """A closed choice's options as {label, value}: the words readers see on the site (French in French)."""
    vocabulary = next((k for k, words in i18n.LABELS.items() if set(words) == set(allowed)), None)
    words = _lang(lang)
    return [{"label": words.label(v, vocabulary), "value": v} for v in allowed]


def _validators(annotation: Any) -> list:
    """The BeforeValidator functions of an annotation, outermost first."""
    out = []
    origin = get_origin(annotation)
    if origin is Annotated:
        for meta in get_args(annotation)[1:]:
            func = getattr(meta, "func", None)
            if func is not None:
                out.append(func)
        out += _validators(get_args(annotation)[0])
    elif origin is Union:
        for arg in get_args(annotation):
            out += _validators(arg)
    return out


def _strip(annotation: Any) -> tuple[Any, bool]:
    """(the annotation without Annotated/Optional, whether None is allowed)."""
    optional = False
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin is Union or origin is Optional:
            args = [a for a in get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(get_args(annotation))
            if len(args) != 1:
                return annotation, optional
            annotation = args[0]
        else:
            return annotation, optional


def _model_of(annotation: Any) -> type[BaseModel] | None:
    base, _ = _strip(annotation)
    return base if isinstance(base, type) and issubclass(base, BaseModel) else None


def _list_item(annotation: Any) -> Any | None:
    base, _ = _strip(annotation)
    if get_origin(base) is list:
        return get_args(base)[0]
    return None


def _scalar(annotation: Any, key: str, lang: str) -> dict:
    """The widget of a single value, from the validator the schema uses for it."""
    funcs = _validators(annotation)
    base, _ = _strip(annotation)
    for f in funcs:
        if hasattr(f, "allowed"):
            return {"widget": "select", "options": choice_options(f.allowed, lang)}
        if hasattr(f, "schemes"):
            schemes = ", ".join(f"{s}:" for s in f.schemes)
            alternatives = "|".join(f.schemes)
            return {"widget": "string", "pattern": [f"^({alternatives}):\\S+$", _message("url", lang, schemes=schemes)]}
        if f is schema._date:
            return {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT, "time_format": False}
        if f is schema._time:
            return {"widget": "string", "pattern": [schema.TIME_PATTERN, _message("time", lang)]}
        if f is schema._slug:
            return {"widget": "string", "pattern": [schema.SLUG_RE.pattern, _message("slug", lang)]}
        if f is schema._relative_file:
            # a file of the community folder: chosen among (or uploaded to) its files/ folder, written
            # as the format wants it (files/agenda.pdf); `_file_folders` says where from each collection
            return {"widget": "file", "pattern": [r"^(?![A-Za-z]:|/)(?!.*(^|/)\.\.(/|$))[^\\]+$", _message("file", lang)]}
        if f is schema._bool:
            return {"widget": "boolean"}
        if f is schema._count:
            return {"widget": "number", "value_type": "int", "min": 0}
        if f is schema._session_ref:
            return {"widget": "string"}
        if f is schema._text or f is schema._theme_name:
            return {"widget": "string"}
    if base is str:
        return {"widget": "string"}
    raise TypeError(f"copsite.publishing.editor: no widget for {key!r} ({annotation!r}); teach editor._scalar its validator")


def _field(key: str, info, lang: str, *, owner: str = "", required: bool | None = None) -> dict:
    annotation = info.annotation
    if info.metadata:
        parameters = (annotation, *info.metadata)  # Annotated[(a, *b)] needs Python 3.11 to be written
        annotation = Annotated[parameters]
    out: dict[str, Any] = {"label": label(key, lang, owner), "name": key}
    item = _list_item(annotation)
    model = _model_of(annotation)
    if item is not None:
        item_model = _model_of(item)
        if item_model is not None:
            out["widget"] = "list"
            out["fields"] = fields_of(item_model, lang)
            names = [f["name"] for f in out["fields"]]
            shown = ["date", "title"] if {"date", "title"} <= set(names) else names[:1]
            out["summary"] = " · ".join("{{fields.%s}}" % n for n in shown)
        else:
            scalar = _scalar(item, key, lang)
            if scalar["widget"] == "select":
                out.update(scalar, multiple=True)
            else:
                # a list of texts: one per line in the form
                out["widget"] = "list"
                out["field"] = {"label": label(key, lang, owner), "name": key, **scalar}
    elif model is not None:
        out["widget"] = "object"
        out["fields"] = fields_of(model, lang)
        out["collapsed"] = False
    else:
        out.update(_scalar(annotation, key, lang))
    if required is None:
        required = info.is_required()
    if not required:
        out["required"] = False
    hint = _hint(key, owner, lang)
    if hint:
        out["hint"] = hint
    return out


def fields_of(model: type[BaseModel], lang: str = "en") -> list[dict]:
    """The CMS fields of a model's keys, in the model's order (title first), minus SKIPPED_KEYS."""
    names = [n for n in model.model_fields if n not in SKIPPED_KEYS]
    first: list[str]
    last: list[str]
    first, last = [n for n in ("title",) if n in names], [n for n in ("description", "tags") if n in names]
    names = first + [n for n in names if n not in first + last] + last
    return [_field(n, model.model_fields[n], lang, owner=model.__name__) for n in names]


def body_field(lang: str) -> dict:
    return {"label": label("body", lang), "name": "body", "widget": "markdown", "required": False}


# --------------------------------------------------------------------------- the configuration


def backend(repo, overrides: dict | None = None, *, auth_url: str | None = None, app_id: str | None = None) -> dict:
    """The CMS backend for the handbook's repository, with how editors sign in, and the site's own overrides.

    GitHub: `auth_url` is the token-exchange service (`base_url`); GitLab, Gitea and Forgejo sign in
    with PKCE and the OAuth application's id (`app_id`; Decap's `auth_type: pkce` on GitLab)."""
    out: dict[str, Any] = {"name": "test-repo"}
    if repo is not None:
        out = {"name": repo.kind, "repo": repo.path, "branch": repo.branch}
        if repo.kind == "github" and repo.base != "https://github.com":
            out["api_root"] = f"{repo.base}/api/v3"
        if repo.kind == "gitlab" and repo.base != "https://gitlab.com":
            out["api_root"] = f"{repo.base}/api/v4"
            out["base_url"] = repo.base
        if repo.kind == "gitea":
            out["api_root"] = f"{repo.base}/api/v1"
            out["base_url"] = repo.base
        if repo.kind == "github" and auth_url:
            out["base_url"] = auth_url
        if repo.kind in ("gitlab", "gitea") and app_id:
            out["app_id"] = app_id
            if repo.kind == "gitlab":
                out["auth_type"] = "pkce"
    out.update(overrides or {})
    return out


def collection_names(slug: str) -> tuple[str, str]:
    """A community's two collections: its files, its highlights. A slug has single dashes only,
    so `<slug>--highlights` is no other community's name (and `handbook--pages` no community's)."""
    return slug, f"{slug}--highlights"


HANDBOOK_COLLECTION = "handbook--pages"


def _session_field(community, lang: str) -> dict:
    """The plan session a highlight reports, chosen among the community's sessions: value their
    date (their id when two share a day), shown as "date · topic". Written from the plan (a
    relation to it fails to load in Sveltia CMS)."""
    field = {"label": label("session", lang), "name": "session", "required": False}
    sessions = list(getattr(community, "sessions", []) or [])
    if not sessions:
        return {**field, "widget": "string", "hint": _hint("session", "", lang)}
    options = []
    for s in sorted(sessions, key=lambda s: (s.date, s.id or "")):
        same_day = sum(1 for o in sessions if o.date == s.date)
        value = s.id if (same_day > 1 and s.id) else s.date.isoformat()
        if same_day > 1 and not s.id:
            continue  # only its id could name it: the check says so
        options.append({"label": f"{s.date.isoformat()} · {s.title}", "value": value})
    if not options:
        return {**field, "widget": "string", "hint": _hint("session", "", lang)}
    return {**field, "widget": "select", "options": options, "hint": _hint("session", "Highlight", lang)}


def _highlight_body(community, options, lang: str) -> str:
    """A new highlight's text: the meeting's outline, as `copsite new highlight` writes it."""
    from copsite.model.frontmatter import read_text
    from copsite.publishing.outline import highlight_text

    text = highlight_text(date=options.today.isoformat(), language=lang, kind="meeting")
    return read_text(text).body.strip() + "\n"


def _file_folders(fields: list[dict], media_folder: str) -> list[dict]:
    """Every file field (nested too) uploads to the community's files/ folder (`media_folder`, from the
    entry's folder) and writes the path from the community folder, `files/<name>`, as the format reads it."""
    for f in fields:
        if f.get("widget") == "file":
            f["media_folder"] = media_folder
            f["public_folder"] = "files"
        for inner in (f.get("fields") or []) + ([f["field"]] if "field" in f else []):
            _file_folders([inner], media_folder)
    return fields


def _highlights_collection(c, options, lang: str, at) -> dict:
    fields = _file_folders(fields_of(schema.Highlight, lang), "../files")
    authors = list(c.charter.facilitators) if options.publish_members else []
    for f in fields:
        if f["name"] == "date":
            f.pop("required", None)  # the new file's name starts with it
            f["default"] = "{{now}}"
        if f["name"] == "authors" and authors:
            f["default"] = authors
    fields = [_session_field(c, lang) if f["name"] == "session" else f for f in fields]
    body = {**body_field(lang), "default": _highlight_body(c, options, lang)}
    return {
        "label": f"{c.charter.title}: {label('highlights', lang).lower()}",
        "label_singular": label("highlight", lang),
        "name": collection_names(c.slug)[1],
        "folder": at(c.folder, "highlights"),
        "create": True,
        "extension": "md",
        "format": "frontmatter",
        "slug": "{{fields.date}}-{{slug}}",
        "identifier_field": "title",
        # the date from the file's name: a highlight's `date:` is optional (the name says it)
        "summary": "{{filename | truncate(10, ' ·')}} {{fields.title}}",  # Decap's and Sveltia's truncate: 10 characters, then ' ·'
        "sortable_fields": ["date", "title"],
        "media_folder": "../files",  # uploads go to the community's files/ folder
        "public_folder": "../files",  # and are linked from the highlight as the site resolves them
        "fields": [*fields, body],
    }


def _community_collection(c, lang: str, at) -> dict:
    files = []
    for section in EDITED:
        if c.section_doc(section.name) is None:
            continue
        file, name = section.file, section.file.removesuffix(".md")
        model = FILE_TYPES[name]
        fields = _file_folders(fields_of(model, lang), "files")
        files.append(
            {"label": label(file, lang), "name": name, "file": at(c.folder, file), "fields": [*fields, body_field(lang)]}
        )
    return {
        "label": c.charter.title,
        "name": collection_names(c.slug)[0],
        "media_folder": "files",
        "public_folder": "files",
        "files": files,
    }


def _handbook_collection(handbook, options, lang: str, at) -> dict:
    """The handbook's own pages (its front page; the communities page when it has one): so that an
    editor opens, with something to edit, before the first community exists."""
    page = [{"label": label("title", lang), "name": "title", "widget": "string", "required": False}, body_field(lang)]
    files = [{"label": label("front", lang), "name": "front", "file": at("index.md"), "fields": page}]
    if getattr(handbook, "communities_doc", None) is not None:
        files.append(
            {
                "label": label("communities", lang),
                "name": "communities",
                "file": at(options.communities_dir, "index.md"),
                "fields": page,
            }
        )
    return {"label": label("handbook", lang), "name": HANDBOOK_COLLECTION, "files": files}


def editor_config(handbook, options, language: str = "en") -> dict:
    """The CMS configuration (a dict; `config_yaml` writes it) for a handbook.

    Decap CMS and Sveltia CMS read it alike; `{{now}}` (a new highlight's date) is Decap's default
    for today's date, and the session is a select written from the plan (Sveltia fails on a relation)."""
    repo = options.repo
    docs = (repo.docs_path if repo is not None else "content").strip("/")
    lang = language if language in i18n.languages() else "en"

    def at(*parts: str) -> str:
        return posixpath.join(*[p.strip("/") for p in (docs, *parts) if p and p.strip("/")])

    collections = [_handbook_collection(handbook, options, lang, at)]
    for c in handbook.communities:
        collections.append(_community_collection(c, lang, at))
        collections.append(_highlights_collection(c, options, lang, at))
    root = site_root(options)
    out: dict[str, Any] = {
        "backend": backend(repo, options.editor_backend, auth_url=options.editor_auth_url, app_id=options.editor_app_id),
        "local_backend": True,
        "media_folder": at("files"),
        "public_folder": f"{root}files",
        "slug": {"encoding": "ascii", "clean_accents": True},
        # Sveltia CMS writes an optional field left empty as '' or null (which the format refuses)
        # unless told to leave it out; Decap CMS leaves it out by itself and ignores this key.
        "output": {"omit_empty_optional_fields": True},
        "collections": collections,
    }
    if lang != "en":
        out["locale"] = lang
    if options.site_url:
        out["site_url"] = options.site_url
        out["display_url"] = options.site_url
    return out


def config_yaml(config: dict) -> str:
    head = "# Written by copsite from the content format: edit the format (or the site options), not this file.\n"
    return head + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=120)


SHIMS = """
// The content format lets a single text stand for a one-item list, and an agenda be written as a
// plain address or path. Decap's list and object widgets expect a list and a group of keys and stop
// with an error otherwise, so their controls and previews are given such values as the format means
// them (copsite reads what is written back the same way). Values are untouched until edited.
(function () {
  var CMS = window.CMS, h = window.h, createClass = window.createClass;
  if (!CMS || !CMS.getWidget || !CMS.getEditorComponents || !h || !createClass) return;
  var components = CMS.getEditorComponents();  // Decap: an Immutable.js Map (Sveltia keeps plain values: no shim)
  if (!components || !components.clear) return;
  var emptyMap = components.clear();  // an Immutable.js Map: the CMS's own kind of value
  var emptyList = emptyMap.toList();
  var scalar = function (v) { return v !== null && v !== undefined && typeof v !== "object"; };
  var asList = function (v) { return scalar(v) ? emptyList.push(v) : v; };
  var asGroup = function (v) {
    if (!scalar(v)) return v;
    return emptyMap.set(/^[A-Za-z][A-Za-z0-9+.-]*:/.test(String(v)) ? "url" : "file", String(v));
  };
  function wrap(Inner, fix) {
    if (!Inner) return Inner;
    return createClass({
      isValid: function () { var i = this.inner; return i && i.isValid ? i.isValid() : true; },
      render: function () {
        var self = this;
        var props = Object.assign({}, this.props, { value: fix(this.props.value, this.props.field) });
        if (this.props.entry === undefined) props.ref = function (r) { self.inner = r; };
        return h(Inner, props);
      }
    });
  }
  // A closed choice read case-insensitively (`Hybrid` is the format's `hybrid`): the menu shows it.
  var asChoice = function (v, field) {
    if (typeof v !== "string" || !field || !field.get) return v;
    var options = field.get("options"), key = v.trim().toLowerCase().replace(/[\\s_]+/g, "-"), found = v;
    if (options && options.forEach) options.forEach(function (o) {
      var value = o && o.get ? o.get("value") : o;
      if (value === key) found = value;
    });
    return found;
  };
  [["list", asList], ["object", asGroup], ["select", asChoice]].forEach(function (pair) {
    var w = CMS.getWidget(pair[0]);
    if (w) CMS.registerWidget(pair[0], wrap(w.control, pair[1]), wrap(w.preview, pair[1]), w.schema);
  });
})();
(function () {
  // The preview pane in the site's own style sheets.
  var CMS = window.CMS;
  if (CMS && CMS.registerPreviewStyle) { /*PREVIEW*/ }
})();
"""


def preview_styles() -> list[str]:
    """The site's own style sheets, from /admin/: Material's (by the name its package ships) and copsite's."""
    from importlib.resources import files

    material = files("material") / "templates" / "assets" / "stylesheets"
    try:
        main = sorted(p.name for p in material.iterdir() if p.name.startswith("main.") and p.name.endswith(".min.css"))
    except (FileNotFoundError, OSError):
        main = []
    return [*(f"../assets/stylesheets/{m}" for m in main[:1]), "../assets/copsite/copsite.css"]


def admin_page(script: str, integrity: str | None, language: str = "en", styles: list[str] | None = None) -> str:
    """/admin/index.html: the page that loads the CMS, which reads config.yml beside it."""
    title = _lang(language).gettext(ADMIN_TITLE)
    sri = f' integrity="{escape(integrity)}" crossorigin="anonymous"' if integrity else ""
    preview = "".join(f"CMS.registerPreviewStyle({json.dumps(href)});" for href in (styles or []))
    shims = SHIMS.replace("/*PREVIEW*/", preview)
    return f"""<!doctype html>
<html lang="{escape(language)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{escape(title)}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body>
  <script src="{escape(script)}"{sri}></script>
  <script>{shims}</script>
</body>
</html>
"""


def signin_problems(options):
    """What keeps the browser editor off, for `copsite check` and the build: (warnings, notes), each
    a list of (option, message). A warning when `editor: true` is written and editors cannot sign in
    (it names the option and the README's section); a note when the editor is off by default for
    that reason, or because the docs folder has its own admin/ folder (kept as it is)."""
    from copsite.i18n import M_

    repo = options.repo
    if options.editor_own_admin and options.editor_requested is not False:
        return [], [
            (
                "editor",
                M_("the docs folder has its own admin/ folder: it is published as it is, and copsite's browser editor is off"),
            )
        ]
    if options.editor or options.editor_requested is False or repo is None:
        return [], []
    if repo.kind == "github":
        message = M_(
            "the browser editor (/admin/) is off until editors can sign in: set editor_auth_url (a token-exchange service) "
            'or editor_app: sveltia (a personal token); the README\'s "Signing in on GitHub" says how'
        )
        option = "editor_auth_url"
    else:
        message = M_(
            "the browser editor (/admin/) is off until editors can sign in: set editor_app_id (the OAuth application's id); "
            'the README\'s "Signing in on GitLab, Gitea or Forgejo" says how'
        )
        option = "editor_app_id"
    return ([(option, message)], []) if options.editor_requested else ([], [(option, message)])


def site_root(options) -> str:
    """The site's root path, from site_url ('/cop-handbook/' for a project site; '/' without site_url)."""
    from urllib.parse import urlsplit

    root = urlsplit(options.site_url).path if options.site_url else "/"
    return root.rstrip("/") + "/"


def new_highlight_form(slug: str) -> str:
    """The editor's form for a new highlight of a community, after /admin/ (relative to the page)."""
    return f"#/collections/{collection_names(slug)[1]}/new"


def entry_address(src: str, options) -> str | None:
    """The editor's form for a source file (relative to the docs folder), or None when the editor has none:
    a community's charter, norms, plan, resources and legacy, its highlights, the front page."""
    parts = src.split("/")
    if src == "index.md":
        return f"#/collections/{HANDBOOK_COLLECTION}/entries/front"
    depth = options.communities_dir.count("/") + 1
    if "/".join(parts[:depth]) != options.communities_dir or len(parts) < depth + 2:
        return None
    slug, rest = parts[depth], parts[depth + 1 :]
    files, highlights = collection_names(slug)
    if len(rest) == 1 and rest[0].removesuffix(".md") in FILE_TYPES:
        return f"#/collections/{files}/entries/{rest[0].removesuffix('.md')}"
    if len(rest) == 2 and rest[0] == "highlights" and rest[1].endswith(".md"):
        return f"#/collections/{highlights}/entries/{rest[1].removesuffix('.md')}"
    return None


def edit_address(src: str, page_url: str, options) -> str | None:
    """ "Edit this page" with the editor on: its entry's form in /admin/, relative to the page's address
    (right under any site path, site_url or not); None when the editor is off or has no form for it."""
    entry = entry_address(src, options) if options.editor else None
    if entry is None:
        return None
    return "../" * page_url.count("/") + "admin/" + entry


def footer_link(page_url: str, options) -> str:
    """The footer's "Edit the handbook" link, relative to a page's address (HTML)."""
    href = "../" * page_url.count("/") + "admin/"
    words = options.lang.gettext("Edit the handbook")
    return f'<div class="copsite-edit-handbook"><a href="{escape(href)}" rel="nofollow">{escape(words)}</a></div>'


def script_address(options) -> tuple[str, str | None]:
    """The CMS script /admin/index.html loads, with its integrity hash: the pinned build of `editor_app`,
    or `editor_script` (an https: address as written; a path on the site, relative to /admin/, so
    that it works under a site_url path)."""
    own = options.editor_script
    if not own:
        return SCRIPTS[options.editor_app]
    if own.startswith("https://"):
        return own, None
    return "../" + own.lstrip("/"), None


def editor_files(handbook, options) -> dict[str, str]:
    """The static files of /admin/ (empty when the editor is off)."""
    if not options.editor:
        return {}
    language = options.lang.language  # 'fr' for fr_CA: the editor's own locales are by language
    script, integrity = script_address(options)
    return {
        "admin/index.html": admin_page(script, integrity, language, preview_styles()),
        "admin/config.yml": config_yaml(editor_config(handbook, options, language)),
    }
