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

import posixpath
from typing import Annotated, Any, Optional, Union, get_args, get_origin

import yaml
from markupsafe import escape
from pydantic import BaseModel

from copsite import i18n

from copsite.model import schema
from copsite.model.sections import SECTIONS
from copsite.i18n import N_, NP_, Language

# The CMS /admin/ loads unless the handbook names its own copy (`editor_script`).
# The integrity hash is the sha384 of that exact file (see the README to remake it).
DEFAULT_SCRIPT = "https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"
DEFAULT_SCRIPT_INTEGRITY = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"

EDITED = tuple(s for s in SECTIONS if s.editor)
FILE_TYPES: dict[str, type[BaseModel]] = {s.file.removesuffix(".md"): s.model for s in EDITED if s.model is not None}
"""The files of a community folder the editor offers, by file name (without .md), in the guide's order."""

SKIPPED_KEYS = frozenset({"hide", "icon", "template", "search", "status", "subtitle", "extra"})
"""Keys the editor leaves as written: Material's display switches and the handbook's own `extra:`.
Both CMSs keep keys that have no field, so these survive an edit."""

TIME_PATTERN = r"^\d{1,2}:\d{2}(\s*[-–]\s*\d{1,2}:\d{2})?$"
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
    "topics": NP_("editor", "Topics, activities, processes, content to be covered"),
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
    "time": NP_("editor", "24-hour time, like 10:30 or 10:30-12:00 (the site's time zone)."),
    "id": NP_("editor", "Names the session when two share a date: lowercase letters, digits and dashes."),
    "tentative": NP_("editor", "The date is not confirmed yet."),
    "session": NP_("editor", "The plan session this reports on: its date (YYYY-MM-DD) or its id."),
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
    "time": NP_("editor", "a 24-hour time like 10:30 or 10:30-12:00"),
    "slug": NP_("editor", "lowercase ASCII letters, digits and single dashes, like first-meeting"),
    "url": NP_("editor", "an address starting with %(schemes)s"),
    "file": NP_("editor", "a path inside the community folder, like files/agenda.pdf (no '..', no '\\')"),
}
"""What a field expects, shown by the CMS when its pattern is not met."""

ADMIN_TITLE = N_("Edit the handbook")


def _lang(language: str) -> Language:
    """The words of a language with a catalog (English otherwise)."""
    return i18n.language(language if language in i18n.languages() else "en")


def label(key: str, language: str = "en") -> str:
    if key in LABELS:
        return _lang(language).pgettext("editor", LABELS[key])
    return key.replace("_", " ").capitalize()


def _hint(key: str, owner: str, language: str) -> str | None:
    message = HINTS.get(f"{owner}.{key}", HINTS.get(key))
    return _lang(language).pgettext("editor", message) if message else None


def _message(kind: str, language: str, **values) -> str:
    text = _lang(language).pgettext("editor", MESSAGES[kind])
    return text % values if values else text


# --------------------------------------------------------------------------- fields from the schema


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
            return {"widget": "select", "options": list(f.allowed)}
        if hasattr(f, "schemes"):
            schemes = ", ".join(f"{s}:" for s in f.schemes)
            alternatives = "|".join(f.schemes)
            return {"widget": "string", "pattern": [f"^({alternatives}):\\S+$", _message("url", lang, schemes=schemes)]}
        if f is schema._date:
            return {"widget": "datetime", "format": DATE_FORMAT, "date_format": DATE_FORMAT, "time_format": False}
        if f is schema._time:
            return {"widget": "string", "pattern": [TIME_PATTERN, _message("time", lang)]}
        if f is schema._slug:
            return {"widget": "string", "pattern": [schema.SLUG_RE.pattern, _message("slug", lang)]}
        if f is schema._relative_file:
            return {"widget": "string", "pattern": [r"^(?![A-Za-z]:|/)(?!.*(^|/)\.\.(/|$))[^\\]+$", _message("file", lang)]}
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


def _field(key: str, info, lang: str, *, owner: str = "", required: bool | None = None) -> dict | None:
    annotation = info.annotation
    if info.metadata:
        annotation = Annotated[(annotation, *info.metadata)]
    out: dict[str, Any] = {"label": label(key, lang), "name": key}
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
                out["field"] = {"label": label(key, lang), "name": key, **scalar}
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
    first, last = [n for n in ("title",) if n in names], [n for n in ("description", "tags") if n in names]
    names = first + [n for n in names if n not in first + last] + last
    return [_field(n, model.model_fields[n], lang, owner=model.__name__) for n in names]


def body_field(lang: str) -> dict:
    return {"label": label("body", lang), "name": "body", "widget": "markdown", "required": False}


# --------------------------------------------------------------------------- the configuration


def backend(repo, overrides: dict | None = None) -> dict:
    """The CMS backend for the handbook's repository (GitHub or GitLab), with the site's own overrides."""
    out: dict[str, Any] = {"name": "test-repo"}
    if repo is not None and repo.kind in ("github", "gitlab"):
        out = {"name": repo.kind, "repo": repo.path, "branch": repo.branch}
        if repo.kind == "github" and repo.base != "https://github.com":
            out["api_root"] = f"{repo.base}/api/v3"
        if repo.kind == "gitlab" and repo.base != "https://gitlab.com":
            out["api_root"] = f"{repo.base}/api/v4"
            out["base_url"] = repo.base
    out.update(overrides or {})
    return out


def editor_config(handbook, options, language: str = "en") -> dict:
    """The CMS configuration (a dict; `config_yaml` writes it) for a handbook."""
    repo = options.repo
    docs = (repo.docs_path if repo is not None else "content").strip("/")
    lang = language if language in i18n.languages() else "en"

    def at(*parts: str) -> str:
        return posixpath.join(*[p.strip("/") for p in (docs, *parts) if p and p.strip("/")])

    collections = []
    for c in handbook.communities:
        files = []
        for section in EDITED:
            file, name, model = section.file, section.file.removesuffix(".md"), FILE_TYPES[section.file.removesuffix(".md")]
            if c.section_doc(section.name) is None:
                continue
            files.append(
                {
                    "label": label(file, lang),
                    "name": name,
                    "file": at(c.folder, file),
                    "fields": [*fields_of(model, lang), body_field(lang)],
                }
            )
        collections.append({"label": c.charter.title, "name": c.slug, "files": files})
        hl_fields = fields_of(schema.Highlight, lang)
        for f in hl_fields:
            if f["name"] == "date":
                f.pop("required", None)  # the new file's name starts with it
        collections.append(
            {
                "label": f"{c.charter.title}: {label('highlights', lang).lower()}",
                "label_singular": label("highlights", lang),
                "name": f"{c.slug}-highlights",
                "folder": at(c.folder, "highlights"),
                "create": True,
                "extension": "md",
                "format": "frontmatter",
                "slug": "{{fields.date}}-{{slug}}",
                "identifier_field": "title",
                "summary": "{{fields.date}} · {{title}}",
                "sortable_fields": ["date", "title"],
                "fields": [*hl_fields, body_field(lang)],
            }
        )
    out: dict[str, Any] = {
        "backend": backend(repo, options.editor_backend),
        "local_backend": True,
        "media_folder": at("files"),
        "public_folder": "/files",
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
  var emptyMap = CMS.getEditorComponents().clear();  // an Immutable.js Map: the CMS's own kind of value
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
        var props = Object.assign({}, this.props, { value: fix(this.props.value) });
        if (this.props.entry === undefined) props.ref = function (r) { self.inner = r; };
        return h(Inner, props);
      }
    });
  }
  [["list", asList], ["object", asGroup]].forEach(function (pair) {
    var w = CMS.getWidget(pair[0]);
    if (w) CMS.registerWidget(pair[0], wrap(w.control, pair[1]), wrap(w.preview, pair[1]), w.schema);
  });
})();
"""


def admin_page(script: str, integrity: str | None, language: str = "en") -> str:
    """/admin/index.html: the page that loads the CMS, which reads config.yml beside it."""
    title = _lang(language).gettext(ADMIN_TITLE)
    sri = f' integrity="{escape(integrity)}" crossorigin="anonymous"' if integrity else ""
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
  <script>{SHIMS}</script>
</body>
</html>
"""


def admin_address(options) -> str:
    """/admin/ from the site's root (the path of site_url, so a project site under /repo/ works)."""
    from urllib.parse import urlsplit

    root = urlsplit(options.site_url).path if options.site_url else "/"
    return root.rstrip("/") + "/admin/"


def new_highlight_address(slug: str, options) -> str:
    """The editor's form for a new highlight of a community."""
    return f"{admin_address(options)}#/collections/{slug}-highlights/new"


def footer_link(page_url: str, options) -> str:
    """The footer's "Edit the handbook" link, relative to a page's address (HTML)."""
    href = "../" * page_url.count("/") + "admin/"
    words = options.lang.gettext("Edit the handbook")
    return f'<div class="copsite-edit-handbook"><a href="{escape(href)}" rel="nofollow">{escape(words)}</a></div>'


def editor_files(handbook, options) -> dict[str, str]:
    """The static files of /admin/ (empty when the editor is off)."""
    if not options.editor:
        return {}
    language = options.lang.language  # 'fr' for fr_CA: the editor's own locales are by language
    script = options.editor_script or DEFAULT_SCRIPT
    integrity = DEFAULT_SCRIPT_INTEGRITY if script == DEFAULT_SCRIPT else None
    return {
        "admin/index.html": admin_page(script, integrity, language),
        "admin/config.yml": config_yaml(editor_config(handbook, options, language)),
    }
